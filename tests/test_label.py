"""`monitor label`: single keys in, a training line out."""

import json

from click.testing import CliRunner

from monitor import store
from monitor.cli import cli
from tests.test_store import ANALYSIS, ARTICLE


def labelled_db(path):
    db = store.open_db(str(path))
    store.save_article(db, ARTICLE, {"fetched_at": "t", "status": 200, "content_type": "",
                                     "final_url": "", "html": b""})
    store.save_analysis(db, "a1", ANALYSIS, "v1")
    db.close()


def test_keys_toggle_labels_set_stance_and_append(tmp_path):
    labelled_db(tmp_path / "m.db")
    out = tmp_path / "mine.jsonl"
    # a: toggle return_policy, b: toggle rights_concerns, p: protective, Enter: save
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "m.db"), "label", "--out", str(out)],
                                input="abp\r", catch_exceptions=False)
    assert result.exit_code == 0, result.output
    (line,) = out.read_text().splitlines()
    record = json.loads(line)
    # The statement as the classifier reads it (speaker, cue, content), and its article.
    assert record["text"] == "Freddy Roosemont said returns will resume"
    assert record["article_url"] == "https://x/a"
    assert record["stance"] == "protective" and record["relevant"] is True
    assert "rights_concerns" in record["labels"]
    assert record["source"] == "user:monitor-label"
    # Who spoke is a stance feature: the line keeps the speaker's type for training.
    assert record["speaker_type"] == "government"
    again = CliRunner().invoke(cli, ["--db", str(tmp_path / "m.db"), "label", "--out", str(out)],
                               input="\r", catch_exceptions=False)
    assert "0 labelled" in again.output  # a labelled statement is not asked again


def test_quit_and_not_about_migration(tmp_path):
    labelled_db(tmp_path / "m.db")
    out = tmp_path / "mine.jsonl"
    CliRunner().invoke(cli, ["--db", str(tmp_path / "m.db"), "label", "--out", str(out)],
                       input="x\r", catch_exceptions=False)
    record = json.loads(out.read_text())
    assert record["relevant"] is False and record["labels"] == [] and record["stance"] == "neutral"
    out.unlink()
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "m.db"), "label", "--out", str(out)],
                                input="q", catch_exceptions=False)
    assert "0 labelled" in result.output and not out.exists()
