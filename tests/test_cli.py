"""The command line through click's CliRunner."""

import json

from click.testing import CliRunner

from monitor.cli import cli
from monitor.publish.datasette import datasette_command
from monitor.settings import Settings
from tests.conftest import shared_path

KEYS = {"relevant", "relevance_score", "labels", "countries", "actors", "figures", "statements"}


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_analyze_seed_file_prints_one_json_object():
    result = run("analyze", str(shared_path("seed", "article.txt")))
    assert result.exit_code == 0, result.output
    analysis = json.loads(result.stdout)
    assert set(analysis) >= KEYS
    assert {c["iso3"] for c in analysis["countries"]} >= {"AFG", "BEL", "COD", "TUR"}
    assert "Freddy Roosemont" in {a["name"] for a in analysis["actors"]}


def test_analyze_stdin_and_html(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html lang='en'><head><title>Returns</title></head><body><nav>Home | World</nav>"
        "<article><h1>Greece steps up returns</h1>"
        + "<p>The Greek migration minister said that rejected asylum seekers will be returned "
        "to Türkiye under the readmission agreement, while rights groups warned that "
        "deportations to unsafe countries violate international law.</p>"
        * 3
        + "</article><footer>Contact us</footer></body></html>",
        encoding="utf-8",
    )
    from_file = json.loads(run("analyze", str(page)).stdout)
    assert "GRC" in {c["iso3"] for c in from_file["countries"]}
    from_stdin = json.loads(
        run(
            "analyze",
            "-",
            input="Afghan nationals sought asylum in Belgium. Migrants and refugees were returned.",
        ).stdout
    )
    assert {"AFG", "BEL"} <= {c["iso3"] for c in from_stdin["countries"]}


def test_analyze_folder_prints_one_line_per_file(tmp_path):
    (tmp_path / "a.txt").write_text("Asylum seekers arrived in Italy. Migrants were returned.")
    (tmp_path / "b.txt").write_text("The football club won the cup final on Sunday.")
    lines = run("analyze", str(tmp_path)).stdout.strip().splitlines()
    assert len(lines) == 2
    results = [json.loads(line) for line in lines]
    assert [r["path"].rsplit("/", 1)[-1] for r in results] == ["a.txt", "b.txt"]
    assert results[0]["relevant"] and not results[1]["relevant"]


def test_missing_file_is_one_line_error():
    result = CliRunner().invoke(cli, ["analyze", "/no/such/file.txt"])
    assert result.exit_code != 0
    assert "No such file" in result.output or "no such file" in result.output.lower()
    assert len(result.output.strip().splitlines()) == 1


def test_malformed_feeds_file_stops_with_one_line(tmp_path):
    bad = tmp_path / "feeds.yaml"
    bad.write_text("feeds:\n  - id: x\n    name: X\n    url: not-a-url\n    language: en\n")
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "m.db"), "crawl", "--feeds", str(bad)])
    assert result.exit_code != 0
    assert "feed #1 (x): url 'not-a-url' must be an absolute http(s) URL" in result.output


def test_feeds_check_lists_every_feed(tmp_path):
    result = run("--db", str(tmp_path / "m.db"), "feeds", "check")
    assert result.exit_code == 0
    assert "guardian-migration" in result.output and "valid" in result.output


def test_serve_uses_the_datasette_folder(tmp_path):
    command = datasette_command(Settings(db=str(tmp_path / "m.db")))
    assert "--metadata" in command and command[command.index("--host") + 1] == "127.0.0.1"
    assert "sql_time_limit_ms" in command


def test_db_is_accepted_before_or_after_the_command(tmp_path):
    for args in (
        ["--db", str(tmp_path / "a.db"), "feeds", "check"],
        ["feeds", "check", "--db", str(tmp_path / "a.db")],
    ):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output


def test_unusable_db_paths_stop_with_one_line_naming_the_problem(tmp_path):
    not_sqlite = tmp_path / "notes.db"
    not_sqlite.write_text("not a database")
    cases = {
        str(tmp_path / "missing" / "m.db"): f"the folder {tmp_path / 'missing'} does not exist",
        str(tmp_path): "is a folder",
        str(not_sqlite): "is not an SQLite database",
    }
    for path, problem in cases.items():
        for command in (["crawl", "--db", path], ["serve", "--db", path], ["--db", path, "run"]):
            result = CliRunner().invoke(cli, command)
            assert result.exit_code != 0
            assert result.output.strip() == f"Error: --db {path}: {problem}" or (
                problem in result.output and len(result.output.strip().splitlines()) == 1
            ), result.output


def test_calibrate_fits_the_article_label_model_on_a_gold_folder(tmp_path, monkeypatch):
    import shutil

    from monitor.classify.article_model import ARTICLE_MODEL_FILE, load_article_model
    from monitor.demo import GOLD_DIR

    models = tmp_path / "models"
    shutil.copytree(Settings().models_dir, models)
    (models / ARTICLE_MODEL_FILE).unlink()
    monkeypatch.setenv("MONITOR_MODELS_DIR", str(models))
    result = run("calibrate", "--gold", str(GOLD_DIR))
    assert result.exit_code == 0, result.output
    assert "cross-validated (5 folds)" in result.output
    model = load_article_model(models)
    assert model is not None and set(model.intercepts) >= {"return_policy", "integration"}
    saved = json.loads((models / ARTICLE_MODEL_FILE).read_text(encoding="utf-8"))
    assert saved["gold"] and saved["articles"] > 20

    # Gold without one labelled article on the topic: a clear error, nothing written.
    empty = tmp_path / "gold"
    empty.mkdir()
    (models / ARTICLE_MODEL_FILE).unlink()
    result = CliRunner().invoke(cli, ["calibrate", "--gold", str(empty)])
    assert result.exit_code != 0
    assert "no relevant gold articles" in result.output
    assert not (models / ARTICLE_MODEL_FILE).exists()
