"""One outlet, many spellings: stored under one name through the real chain and store,
with the user's alias file from the settings, the environment or the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
from typer.testing import CliRunner

from newsweave import process
from newsweave.cli import app
from newsweave.config import get_settings
from newsweave.store import ArticleWriter, connect
from tests.conftest import make_result

BODY = ("Dockworkers marched through the port of Varna Bay on Monday. The union said about "
        "{n} hundred members joined the march, and the port authority said talks would resume.")
SPELLINGS = ("Harbour Herald", "harbour  herald", "HARBOUR HERALD", "www.harbourherald.test",
             "HH")


def _reports(folder: Path) -> Path:
    """Invented reports of one outlet, each spelling it another way."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps({"title": f"Dockers march {n}", "outlet": outlet,
                         "date": f"2031-03-1{n}", "text": BODY.format(n=n + 2)})
             for n, outlet in enumerate(SPELLINGS)]
    path = folder / "reports.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _aliases(folder: Path) -> Path:
    path = folder / "aliases.json"
    path.write_text(json.dumps({"Harbour Herald": ["HH", "harbourherald.test"]}),
                    encoding="utf-8")
    return path


def _outlets(db: Path) -> set[str]:
    conn = duckdb.connect(str(db), read_only=True)
    try:
        return {row[0] for row in conn.execute("SELECT outlet FROM articles").fetchall()}
    finally:
        conn.close()


def test_every_spelling_is_stored_as_one_outlet(tmp_path):
    db = tmp_path / "one.duckdb"
    settings = get_settings().with_(outlet_aliases=str(_aliases(tmp_path)))
    report = process([_reports(tmp_path / "in")], db=db, settings=settings)
    assert report.added == len(SPELLINGS), report.errors
    assert _outlets(db) == {"Harbour Herald"}


def test_without_aliases_case_and_domain_still_fold(tmp_path, monkeypatch):
    monkeypatch.delenv("NEWSWEAVE_OUTLET_ALIASES", raising=False)
    db = tmp_path / "two.duckdb"
    process([_reports(tmp_path / "in")], db=db)
    assert _outlets(db) == {"Harbour Herald", "harbourherald.test", "HH"}


def test_the_alias_file_from_the_environment_and_the_cli(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSWEAVE_OUTLET_ALIASES", str(_aliases(tmp_path)))
    db = tmp_path / "env.duckdb"
    process([_reports(tmp_path / "in")], db=db)
    assert _outlets(db) == {"Harbour Herald"}
    monkeypatch.delenv("NEWSWEAVE_OUTLET_ALIASES")
    cli_db = tmp_path / "cli.duckdb"
    result = CliRunner().invoke(app, ["run", str(tmp_path / "in"), "--db", str(cli_db),
                                      "--quiet", "--outlet-aliases", str(_aliases(tmp_path))])
    assert result.exit_code == 0, result.output
    assert _outlets(cli_db) == {"Harbour Herald"}


def test_a_bad_alias_file_is_a_usage_error(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"Harbour Herald": "HH"}', encoding="utf-8")
    result = CliRunner().invoke(app, ["run", "--db", str(tmp_path / "x.duckdb"),
                                      "--outlet-aliases", str(bad)])
    assert result.exit_code == 2
    assert "list of names" in result.output
    assert not (tmp_path / "x.duckdb").exists()


def test_a_later_run_keeps_the_stored_spelling(tmp_path):
    conn = connect(str(tmp_path / "later.duckdb"))
    try:
        with ArticleWriter(conn) as writer:
            first = make_result("The port reopened on Monday.")
            first.article.outlet = "Harbour Herald"
            writer.write(first)
        with ArticleWriter(conn) as writer:
            second = make_result("The port closed again on Tuesday.")
            second.article.outlet = "HARBOUR HERALD"
            writer.write(second)
        outlets = conn.execute("SELECT DISTINCT outlet FROM articles").fetchall()
        sources = conn.execute("SELECT DISTINCT outlet FROM article_sources").fetchall()
    finally:
        conn.close()
    assert outlets == sources == [("Harbour Herald",)]
