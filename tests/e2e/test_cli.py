"""Each command of the contract, run through the real CLI, with the shape of its output."""

from __future__ import annotations

import json
import subprocess
import sys

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from newsweave.cli import app
from newsweave.config import demo_corpus_dir

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
