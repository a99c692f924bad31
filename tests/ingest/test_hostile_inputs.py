"""Inputs that once stopped a whole run: each is now one named error, and reading goes on.

Real files, FIFOs, devices and folders; no mocks.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest

from newsweave.ingest import read_inputs, safe_path
from newsweave.records import IngestError, RawDoc

TEXT = ("Title: Ferry fares rise\n\nThe ferry operator raised fares to Olm Island by a tenth "
        "on Saturday, saying fuel costs had doubled since the winter.\n")
LINE = {"title": "Pier repairs", "text": "Workers began repairing the pier at Saltreach on "
        "Monday after a storm damaged two of its pillars, the harbour board said."}


def _split(items: list) -> tuple[list[RawDoc], list[IngestError]]:
    return ([i for i in items if isinstance(i, RawDoc)],
            [i for i in items if isinstance(i, IngestError)])


def test_a_file_name_that_is_not_utf8_is_read_and_shown_escaped(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"caf\xe9.txt"), "wb") as handle:
        handle.write(TEXT.encode())
    (doc,) = read_inputs([tmp_path])
    assert isinstance(doc, RawDoc)
    assert doc.source_path == f"{tmp_path}/caf\\xe9.txt"
    doc.source_path.encode("utf-8")  # storable: no lone surrogates left


def test_safe_path_escapes_line_breaks_and_bidi_controls() -> None:
    assert safe_path("a\nb.txt") == "a\\nb.txt"
    assert safe_path("x\u202etxt.exe") == "x\\u202etxt.exe"
    assert safe_path("[red]ok[/red].txt") == "[red]ok[/red].txt"
    assert safe_path("résumé.txt") == "résumé.txt"


def test_jsonl_splits_on_newline_only(tmp_path: Path) -> None:
    lines = [dict(LINE, text=LINE["text"] + sep + " More followed.") for sep in
             ("\u2028", "\u2029", "\u0085")]
    path = tmp_path / "seps.jsonl"
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\r\n",
                    encoding="utf-8")
    docs, errors = _split(list(read_inputs([path])))
    assert errors == []
    assert [d.source_path for d in docs] == [f"{path}:1", f"{path}:2", f"{path}:3"]
    assert "\u2028" in docs[0].text


@pytest.mark.parametrize("bad, reason", [
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"text": ' + "7" * 5000 + "}", "digits"),
    ("{not json", "not valid JSON"),
])
def test_one_bad_jsonl_line_is_named_and_the_next_lines_are_read(
        tmp_path: Path, bad: str, reason: str) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_text("\n".join([json.dumps(LINE), bad, json.dumps(LINE), json.dumps(LINE)]),
                    encoding="utf-8")
    docs, errors = _split(list(read_inputs([path])))
    assert [d.source_path for d in docs] == [f"{path}:1", f"{path}:3", f"{path}:4"]
    assert [e.source_path for e in errors] == [f"{path}:2"]
    assert reason in errors[0].reason


def test_a_device_given_as_input_is_refused_without_reading(tmp_path: Path) -> None:
    (error,) = read_inputs(["/dev/zero"])
    assert isinstance(error, IngestError)
    assert error.source_path == "/dev/zero" and "not a regular file (a device)" in error.reason


def test_a_fifo_given_as_input_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    good = tmp_path / "good.txt"
    good.write_text(TEXT, encoding="utf-8")
    result: list = []
    reader = threading.Thread(target=lambda: result.extend(read_inputs([fifo, good])),
                              daemon=True)
    reader.start()
    reader.join(10)
    assert not reader.is_alive(), "reading a FIFO hung"
    docs, errors = _split(result)
    assert [d.source_path for d in docs] == [str(good)]
    assert errors[0].source_path == str(fifo) and "a pipe" in errors[0].reason


def test_a_fifo_inside_a_folder_is_skipped(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    docs, errors = _split(list(read_inputs([tmp_path])))
    assert len(docs) == 1 and errors == []


def test_a_file_is_never_read_past_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(TEXT * 100, encoding="utf-8")
    (error,) = read_inputs([path], max_bytes=1000)
    assert isinstance(error, IngestError) and "larger than" in error.reason


def test_a_string_path_is_one_path(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    docs = list(read_inputs(str(tmp_path)))
    assert len(docs) == 1 and isinstance(docs[0], RawDoc)


# A folder that can be listed but not entered, and one with mode 000. Root reads
# through permissions, so as root the walk runs in a child as the nobody user.
WALK_SCRIPT = """
import os, sys
from newsweave.ingest import read_inputs
from newsweave.records import IngestError
if os.geteuid() == 0:  # drop to nobody once the interpreter and modules are loaded
    os.setgid(65534)
    os.setuid(65534)
for item in read_inputs([sys.argv[1]]):
    kind = "error" if isinstance(item, IngestError) else "doc"
    print(kind, item.source_path, getattr(item, "reason", ""), sep="|")
"""


def _walk_as_unprivileged(folder: Path) -> list[list[str]]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    out = subprocess.run([sys.executable, "-c", WALK_SCRIPT, str(folder)], capture_output=True,
                         text=True, timeout=120, env=env, check=True, cwd="/")
    return [line.split("|") for line in out.stdout.splitlines()]


def test_folders_that_cannot_be_entered_are_named_and_the_rest_is_read() -> None:
    with tempfile.TemporaryDirectory(prefix="nw-perm-") as tmp:
        root = Path(tmp) / "crawl"
        (root / "a-locked").mkdir(parents=True)
        (root / "b-listed").mkdir()
        for folder in (root, root / "a-locked", root / "b-listed"):
            (folder / "good.txt").write_text(TEXT, encoding="utf-8")
        os.chmod(tmp, 0o755)
        os.chmod(root, 0o755)
        os.chmod(root / "a-locked", 0o000)
        os.chmod(root / "b-listed", 0o444)  # names can be listed, files not opened
        try:
            rows = _walk_as_unprivileged(root)
        finally:
            os.chmod(root / "a-locked", 0o755)
            os.chmod(root / "b-listed", 0o755)
    docs = [r[1] for r in rows if r[0] == "doc"]
    errors = {r[1]: r[2] for r in rows if r[0] == "error"}
    assert docs == [f"{root}/good.txt"]
    assert "Permission denied" in errors[f"{root}/a-locked"]
    assert "Permission denied" in errors[f"{root}/b-listed/good.txt"]


def test_a_jsonl_line_with_bytes_that_are_not_utf8_is_named_alone(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    good = json.dumps(LINE).encode()
    path.write_bytes(good + b"\n" + b'{"text": "caf\xe9 talks"}\n' + good + b"\n")
    docs, errors = _split(list(read_inputs([path])))
    assert [d.source_path for d in docs] == [f"{path}:1", f"{path}:3"]
    assert [(e.source_path, e.reason) for e in errors] == [
        (f"{path}:2", "line is not valid UTF-8 text (byte 0xe9 at column 14)")]


def test_lone_surrogates_in_json_strings_become_replacement_characters(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_text(json.dumps(dict(LINE, title="Pier \ud800 repairs",
                                    text=LINE["text"] + " \udfff")), encoding="utf-8")
    (doc,) = read_inputs([path])
    assert isinstance(doc, RawDoc)
    assert doc.metadata["title"] == "Pier \ufffd repairs" and doc.text.endswith("\ufffd")
    (doc.text + doc.metadata["title"]).encode("utf-8")
