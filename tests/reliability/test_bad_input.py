"""Hostile input: a folder of bad files, and a small fuzz run of every reader and the cleaner.

Short versions of ``reliability/hostile_inputs.py`` (200 MB file, 1 GB gzip
bomb, peak RSS) and ``reliability/fuzz_readers.py`` (10,000 examples).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsweave.cli import app
from newsweave.engines.chain import DocumentTimeout, time_limit
from reliability.fuzz_readers import fuzz, fuzz_jsonl, fuzz_names
from reliability.hostile_inputs import SECRET, build_folder, check


def test_hostile_folder_stores_every_good_file_and_names_every_bad_one(tmp_path: Path) -> None:
    folder = tmp_path / "inputs"
    # Just over the 50 MB limit, and a bomb of 80 MB decompressed (the scripts use 200 / 1024).
    good, bad = build_folder(folder, huge_mb=51, bomb_mb=80)
    db = tmp_path / "hostile.duckdb"
    result = CliRunner().invoke(app, ["run", str(folder), "--db", str(db), "--quiet"])
    outcome = check(folder, db, good, bad, result.exit_code, result.stderr)
    assert result.exit_code == 1
    assert outcome["good_stored"] == good
    assert outcome["bad_unnamed"] == []
    assert outcome["secret_leaked"] == 0
    assert SECRET not in result.output


def test_external_entity_in_a_feed_is_not_resolved(tmp_path: Path) -> None:
    from newsweave.ingest import read_inputs

    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    feed = tmp_path / "evil.rss"
    feed.write_text(
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        '<rss version="2.0"><channel><title>Evil</title><item><title>T &xxe;</title>'
        "<description>Officials met in Valdren. &xxe; Talks went on.</description>"
        "</item></channel></rss>", encoding="utf-8")
    items = list(read_inputs([feed]))
    assert items, "the feed gives a document or an error, never nothing"
    assert all(SECRET not in repr(item) for item in items)


def test_time_limit_stops_a_slow_document() -> None:
    started = time.monotonic()
    with pytest.raises(DocumentTimeout, match="per-document limit"), time_limit(0.3):
        while True:
            pass
    assert time.monotonic() - started < 2


def test_fuzz_readers_and_cleaner_small(tmp_path: Path) -> None:
    result = fuzz(400, tmp_path, seed=3)
    assert result["examples"] == 400
    assert result["problems"] == 0, result["first_problems"]


def test_fuzz_file_names_small(tmp_path: Path) -> None:
    result = fuzz_names(200, tmp_path)
    assert result["examples"] == 200
    assert result["problems"] == 0, result["first_problems"]
    assert result["articles_cleaned"] >= 200


def test_fuzz_jsonl_string_contents_small(tmp_path: Path) -> None:
    result = fuzz_jsonl(200, tmp_path)
    assert result["examples"] == 200
    assert result["problems"] == 0, result["first_problems"]
