"""Bad inputs through the real CLI: each named with its reason, the rest stored, exit status 1."""

from __future__ import annotations

import gzip
import io
import json
import shutil
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsweave.cli import app
from newsweave.ingest import read_inputs
from newsweave.records import IngestError

RESOURCES = Path(__file__).resolve().parents[1] / "resources" / "ingest"
GOOD_TEXT = (
    "Title: Dockers march in Varna Bay\nSource: Harbour Herald\nDate: 2031-03-14\n\n"
    "Dockworkers marched through the port of Varna Bay on Monday. The union said about "
    "1,200 workers joined the walkout and demanded a raise of nine percent this year.\n"
)
WIRE_LINE = {
    "id": "wire-7", "outlet": "Coastal Wire", "date": "2031-03-15", "title": "Ferry fares rise",
    "text": "The ferry operator raised fares to Olm Island by a tenth on Saturday, saying fuel "
            "costs had doubled since the winter. Islanders said they would protest at the pier.",
}
PAGE = (
    "<html><head><title>Storm closes the harbour</title></head><body><article>"
    "<p>A storm closed the harbour at Saltreach on Sunday and kept the fishing fleet in port, "
    "the harbour master said. Winds reached ninety kilometres an hour overnight.</p>"
    "</article></body></html>"
)


def write_bad_inputs(folder: Path) -> dict[str, str]:
    """Write one file per kind of bad input; returns name -> expected words of the reason."""
    folder.mkdir()
    (folder / "empty.txt").write_text("")
    (folder / "blank.html").write_text("  \n\n ")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01")
    (folder / "latin1.txt").write_bytes("Caf\xe9 owners in Varna Bay protested.".encode("latin-1"))
    whole = gzip.compress((GOOD_TEXT * 40).encode())
    (folder / "cut.txt.gz").write_bytes(whole[: len(whole) // 2])
    (folder / "wire.jsonl").write_text(json.dumps(WIRE_LINE) + "\n{not json at all\n")
    big = folder / "huge.txt"
    with big.open("w", encoding="utf-8") as handle:
        line = "The harbour board met again on Tuesday and talked about the weather.\n"
        for _ in range(51 * 1024 * 1024 // len(line) + 1):
            handle.write(line)
    write_truncated_warc(folder / "cut.warc.gz")
    return {
        "empty.txt": "empty file",
        "blank.html": "empty file",
        "binary.txt": "binary content",
        "latin1.txt": "not valid UTF-8",
        "cut.txt.gz": "truncated gzip",
        "wire.jsonl:2": "not valid JSON",
        "huge.txt": "larger than the 50 MB limit",
        "cut.warc.gz:2": "truncated WARC",
    }


def write_truncated_warc(path: Path) -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    for number in range(2):
        writer.write_record(writer.create_warc_record(
            f"https://saltreach.example/{number}", "response",
            payload=io.BytesIO(PAGE.replace("Sunday", f"day {number}").encode()),
            http_headers=headers))
    data = buffer.getvalue()
    path.write_bytes(data[: len(data) - 25])


def test_every_bad_input_is_named_with_its_reason(tmp_path: Path) -> None:
    expected = write_bad_inputs(tmp_path / "in")
    errors = [e for e in read_inputs([tmp_path / "in"]) if isinstance(e, IngestError)]
    found = {Path(e.source_path).name: e.reason for e in errors}
    assert set(found) == set(expected), found
    for name, words in expected.items():
        assert words in found[name], (name, found[name])


@pytest.fixture
def bad_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    # Relative paths keep the stderr lines short enough not to be wrapped.
    monkeypatch.chdir(tmp_path)
    expected = write_bad_inputs(Path("in"))
    (Path("in") / "good.txt").write_text(GOOD_TEXT)
    (Path("in") / "story.html").write_text(PAGE)
    shutil.copy(RESOURCES / "tidewater.atom", Path("in") / "tidewater.atom")
    result = CliRunner().invoke(app, ["run", "in", "--db", "bad.duckdb", "--quiet"])
    return result, expected


def test_run_names_each_bad_input_stores_the_rest_and_exits_1(bad_run) -> None:
    result, expected = bad_run
    assert result.exit_code == 1, result.output
    stderr = " ".join(result.stderr.split())
    for name, words in expected.items():
        assert f"in/{name}: " in stderr and words in stderr, name
    # good.txt, story.html, the JSONL's good line, the feed's two entries and
    # the WARC's first page (read before the cut)
    assert "6 articles added" in stderr and f"{len(expected)} failed" in stderr
    with duckdb.connect("bad.duckdb", read_only=True) as conn:
        outlets = {row[0] for row in conn.execute("select outlet from articles").fetchall()}
    assert {"Harbour Herald", "Coastal Wire", "Tidewater Times"} <= outlets


def test_rerun_adds_nothing_twice(bad_run) -> None:
    result = CliRunner().invoke(app, ["run", "in", "--db", "bad.duckdb", "--quiet"])
    stderr = " ".join(result.stderr.split())
    assert result.exit_code == 1
    assert "0 articles added, 6 already stored" in stderr
