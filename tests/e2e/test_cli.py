"""Each command of the contract, run through the real CLI, with the shape of its output."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from newsweave.cli import app
from newsweave.config import demo_corpus_dir
from tests.e2e._reports import GOOD_REPORT

RUNNER = CliRunner()
PLOVER_KEYS = {"id", "date", "actor", "recipient", "event", "mode", "context", "event_loc",
               "text", "text_info", "certainty", "background", "quantities", "evidence"}


def invoke(*args: str, input: str | None = None):
    return RUNNER.invoke(app, list(args), input=input)


def test_run_prints_stories_and_the_largest_brief(tmp_path):
    db = tmp_path / "cli.duckdb"
    result = invoke("run", "--db", str(db))
    assert result.exit_code == 0, result.output
    assert "Stories" in result.stdout and "### Facts" in result.stdout
    assert "### Timeline" in result.stdout and "### Positions" in result.stdout


def test_run_reports_a_bad_file_and_stores_the_rest(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_text("")
    (folder / "good.txt").write_text(
        "Title: Dockers march\nSource: Harbour Herald\nDate: 2031-03-14\n\n"
        "Dockworkers marched through the port of Varna Bay on Monday. The union said about "
        "1,200 workers joined the walkout and demanded a raise of nine percent this year.\n")
    result = invoke("run", str(folder), "--db", str(tmp_path / "bad.duckdb"), "--quiet")
    assert result.exit_code == 1
    assert "empty.txt" in result.stderr
    assert "1 articles added" in result.stderr


def test_usage_error_exits_2(tmp_path):
    assert invoke("run", str(tmp_path / "missing"), "--db", str(tmp_path / "x.duckdb")).exit_code == 2
    assert invoke("export", "nonsense").exit_code == 2


def test_stories_json(demo_db):
    result = invoke("stories", "--db", str(demo_db), "--json")
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) >= 4
    assert set(rows[0]) == {"story_id", "title", "article_ids", "outlets", "start", "end"}


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_brief_formats(demo_db, fmt):
    story_id = json.loads(invoke("stories", "--db", str(demo_db), "--json").stdout.splitlines()[0])["story_id"]
    result = invoke("brief", story_id, "--db", str(demo_db), "--format", fmt)
    assert result.exit_code == 0
    if fmt == "json":
        data = json.loads(result.stdout)
        assert {"facts", "conflicts", "positions", "timeline", "actors", "background"} <= set(data)
    elif fmt == "html":
        assert result.stdout.startswith("<!doctype html>")
    else:
        assert result.stdout.startswith("## ")


def test_export_shapes(demo_db, tmp_path):
    def rows(table: str) -> list[dict]:
        result = invoke("export", table, "--db", str(demo_db))
        assert result.exit_code == 0, result.output
        return [json.loads(line) for line in result.stdout.splitlines()]

    articles = rows("articles")
    assert {"source_id", "story_id", "outlet", "body"} <= set(articles[0])
    stories = rows("stories")
    assert {"story_id", "title", "article_ids", "source_ids", "outlets", "start", "end"} <= set(stories[0])
    facts = rows("facts")
    assert {"fact_id", "story_id", "statement", "outlets", "mentions", "corroboration",
            "conflicts"} <= set(facts[0])
    assert {"article_id", "outlet", "start", "end", "text"} <= set(facts[0]["mentions"][0])
    events = rows("events")
    assert PLOVER_KEYS <= set(events[0])
    for table in ("positions", "actors", "places"):
        assert rows(table), table
    conflicts = rows("conflicts")
    assert conflicts and {"conflict_id", "story_id", "kind", "sides"} <= set(conflicts[0])
    # the demo's outlets repeat no paragraph three times: an empty, valid export
    assert rows("repeated_lines") == []
    out = tmp_path / "events.parquet"
    assert invoke("export", "events", "--db", str(demo_db), "--format", "parquet",
                  "--out", str(out)).exit_code == 0
    assert pq.read_table(out).num_rows == len(events)
    csv_out = tmp_path / "facts.csv"
    assert invoke("export", "facts", "--db", str(demo_db), "--format", "csv",
                  "--out", str(csv_out)).exit_code == 0
    assert csv_out.read_text().startswith("fact_id,story_id,statement")


def test_clean_json():
    page = sorted(demo_corpus_dir().glob("*.html"))[0]
    result = invoke("clean", str(page), "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert set(data) == {"title", "outlet", "published", "url", "body", "removed", "sentences"}
    assert data["body"] and data["sentences"]


def test_code_one_line_out_per_line_in():
    text = ("Police arrested 14 protesters outside the parliament in Ankara.\n"
            "The weather was mild.\n")
    result = invoke("code", "-", "--date", "2031-03-14", input=text)
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["text"] for line in lines] == text.strip().split("\n")
    assert lines[0]["events"] and PLOVER_KEYS <= set(lines[0]["events"][0])


def test_geoparse_plain_and_jsonl():
    result = invoke("geoparse", "-", input="Delegations met in Istanbul on Monday.")
    places = json.loads(result.stdout)
    assert places and {"start", "end", "text", "name", "country", "lat", "lon", "geonameid"} <= set(places[0])
    assert places[0]["text"] == "Istanbul"
    lines = '{"id": "a", "text": "Talks opened in Istanbul."}\n{"id": "b", "text": "Nothing here."}\n'
    result = invoke("geoparse", "-", "--jsonl", input=lines)
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", "b"] and out[0]["places"] and out[1]["places"] == []


def test_every_command_has_help_and_is_in_the_readme():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    for name in ("run", "stories", "brief", "export", "clean", "code", "geoparse", "eval"):
        result = invoke(name, "--help")
        assert result.exit_code == 0 and "Example:" in result.stdout
        assert f"newsweave {name}" in readme


def test_python_dash_m():
    result = subprocess.run([sys.executable, "-m", "newsweave", "--help"], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0 and "geoparse" in result.stdout


def flat(output: str) -> str:
    """Output with Rich's error box and line wrapping undone, for matching words."""
    return " ".join(re.sub("[│╭╮╰╯─]", " ", output).split())


def test_failure_lines_print_odd_file_names_as_they_are(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD_REPORT)
    (folder / "[red]x[bold].txt").write_text("")
    (folder / "two\nlines.txt").write_text("")
    result = invoke("run", str(folder), "--db", str(tmp_path / "n.duckdb"), "--quiet")
    assert result.exit_code == 1, result.output
    failed = [line for line in result.stderr.splitlines() if line.startswith("failed:")]
    assert failed == [f"failed: {folder}/[red]x[bold].txt: empty file",
                      f"failed: {folder}/two\\nlines.txt: empty file"]
    assert "1 articles added" in result.stderr


@pytest.mark.parametrize("variable, value, words", [
    ("NEWSWEAVE_WORKERS", "abc", "NEWSWEAVE_WORKERS must be a whole number"),
    ("NEWSWEAVE_DB_MEMORY", "lots", "NEWSWEAVE_DB_MEMORY: db_memory must be a size"),
    ("NEWSWEAVE_CORPUS_MEMORY", "1 GB!", "NEWSWEAVE_CORPUS_MEMORY"),
])
def test_bad_settings_in_the_environment_are_usage_errors(tmp_path, monkeypatch, variable,
                                                          value, words):
    monkeypatch.setenv(variable, value)
    result = invoke("run", str(tmp_path), "--db", str(tmp_path / "x.duckdb"), "--quiet")
    assert result.exit_code == 2
    assert words in flat(result.output) and "Traceback" not in result.output
    assert not (tmp_path / "x.duckdb").exists()


def test_a_missing_or_malformed_gazetteer_is_a_usage_error(tmp_path):
    (tmp_path / "list.json").write_text("[1, 2, 3]")
    (tmp_path / "broken.json").write_text("{not json")
    for name, words in (("missing.json", "not found"), ("list.json", "AttributeError"),
                        ("broken.json", "cannot read gazetteer")):
        result = invoke("run", str(tmp_path), "--db", str(tmp_path / "x.duckdb"), "--quiet",
                        "--gazetteer", str(tmp_path / name))
        assert result.exit_code == 2, (name, result.output)
        assert "cannot be used as a gazetteer" in flat(result.output)
        assert words in flat(result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit)


def test_export_into_a_missing_folder_is_a_usage_error(demo_db, tmp_path):
    result = invoke("export", "events", "--db", str(demo_db), "--out",
                    str(tmp_path / "nowhere" / "events.jsonl"))
    assert result.exit_code == 2 and "does not exist" in flat(result.output)


def test_a_damaged_database_is_named_by_run_stories_and_serve(tmp_path):
    db = tmp_path / "news.duckdb"
    db.write_bytes(b"\x00" * 4096 + b"not a database" * 100)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text(GOOD_REPORT)
    for args in (("run", str(tmp_path / "in"), "--quiet"), ("stories",),
                 ("serve", "--port", "65011")):
        result = invoke(*args, "--db", str(db))
        assert result.exit_code == 1, (args, result.output)
        assert f"the database {db} is damaged" in result.stderr
        assert "restore it from a backup" in result.stderr
        assert result.exception is None or isinstance(result.exception, SystemExit)


def test_eval_help_names_only_evaluations_that_run():
    """`newsweave eval --help` named a "seeds" evaluation that did not exist."""
    from newsweave.cli import EVALUATION_NAMES
    from newsweave.evaluate import available

    assert list(EVALUATION_NAMES) == available()
    result = subprocess.run([sys.executable, "-m", "newsweave", "eval", "--help"],
                            capture_output=True, text=True, check=True)
    assert "seeds" not in result.stdout and "conflicts" in result.stdout
