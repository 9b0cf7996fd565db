"""`monitor import`: local files become articles, bad files become recorded errors."""

import json
from pathlib import Path

from click.testing import CliRunner

from monitor import store
from monitor.classify.training_data import load_training, split_urls
from monitor.cli import cli
from monitor.crawl.imports import import_files, import_paths, import_source
from tests.conftest import shared_path

REPORT = (
    "The interior ministry said on Monday that 1,200 asylum seekers had been returned"
    " to their countries of origin since January. Rights groups warned that several of"
    " them faced detention on arrival."
)


def corpus_folder(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "README.md").write_text("# About this corpus\n")
    (folder / "note.txt").write_text(REPORT)
    (folder / "record.json").write_text(
        json.dumps(
            {
                "url": "https://example.org/news/returns",
                "title": "Returns resume",
                "date": "2024-03-05",
                "text": REPORT.replace("Monday", "Tuesday"),
            }
        )
    )
    (folder / "broken.json").write_text('{"text": "cut off')
    (folder / "no-text.json").write_text('{"title": "nothing else"}')
    (folder / "empty.txt").write_text("   \n")
    (folder / "program").write_bytes(b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 8)
    return folder


def test_a_folder_is_imported_and_bad_files_are_recorded(tmp_path, settings, db):
    folder = corpus_folder(tmp_path)
    files = import_paths([str(folder)])
    assert "README.md" not in {path.name for path in files}
    counts = import_files(db, files, settings, import_source("my corpus"))
    assert (counts.new, counts.failed) == (2, 4)
    rows = {row["url"]: row for row in db.query("select * from articles")}
    record = rows["https://example.org/news/returns"]
    assert record["title"] == "Returns resume"
    assert record["published_at"] == "2024-03-05T00:00:00Z"
    assert record["source_id"] == "import-my-corpus"
    assert record["text_source"] == "file"
    note = rows[(folder / "note.txt").resolve().as_uri()]
    assert note["title"].startswith("The interior ministry said")
    errors = {row["url"]: row["error"] for row in db.query("select * from fetch_errors")}
    assert set(errors) == {
        str(folder / name) for name in ("broken.json", "no-text.json", "empty.txt", "program")
    }
    assert "not a JSON corpus record" in errors[str(folder / "broken.json")]
    assert "'text'" in errors[str(folder / "no-text.json")]
    # Importing again stores nothing twice.
    again = import_files(db, files, settings, import_source("my corpus"))
    assert (again.new, again.already_stored) == (0, 2)


def test_a_copy_of_a_stored_article_is_kept_as_a_duplicate(tmp_path, settings, db):
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(REPORT)
    second.write_text(REPORT)
    counts = import_files(db, [first, second], settings, import_source("files"))
    assert (counts.new, counts.duplicates) == (2, 1)
    (copy,) = db.query("select duplicate_of from articles where duplicate_of is not null")
    assert copy["duplicate_of"]


def test_a_real_page_is_reduced_to_its_text(tmp_path, settings, db):
    page = shared_path("fixtures", "pages", "ticotimes.net-migration.html")
    counts = import_files(db, [page], settings, import_source("saved pages"))
    assert counts.new == 1
    (row,) = db.query("select title, text, text_source from articles")
    assert row["title"] and "<" not in row["text"] and len(row["text"]) > 500


def test_the_command_imports_and_analyses(tmp_path):
    folder = corpus_folder(tmp_path)
    database = tmp_path / "m.db"
    result = CliRunner().invoke(
        cli,
        ["--db", str(database), "import", str(folder), "--source", "mine"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert "2 imported" in result.output and "4 not readable" in result.output
    db = store.open_db(str(database))
    analysed = list(db.query("select count(*) as n from articles where processed_at is not null"))
    assert analysed[0]["n"] == 2
    statements = list(db.query("select speaker_text, content from statements"))
    assert any("ministry" in (row["speaker_text"] or "").lower() for row in statements)


def test_labels_on_test_split_articles_never_train(tmp_path):
    shared = shared_path("corpus", "open-news").parent.parent
    gold = Path(__file__).parent / "gold" / "open-news"
    test_urls = split_urls(gold, shared, "test")
    assert len(test_urls) >= 25
    models = tmp_path / "models"
    (models / "training").mkdir(parents=True)
    kept_out, kept_in = sorted(test_urls)[0], "https://example.org/elsewhere"
    lines = [
        {
            "text": "Officials said returns will resume",
            "stance": "neutral",
            "labels": [],
            "relevant": True,
            "source": "user:monitor-label",
            "article_url": url,
        }
        for url in (kept_out, kept_in)
    ]
    (models / "training" / "user-labelled.jsonl").write_text(
        "\n".join(json.dumps(line) for line in lines) + "\n"
    )
    examples, _ = load_training(models, shared, gold)
    assert [e.article_url for e in examples if e.source.startswith("user")] == [kept_in]
