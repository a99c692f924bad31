"""The "auto" worker choice of `newsweave run` (issue 18): a second worker process
only where it pays and the memory bound holds."""

from __future__ import annotations

import pytest

from newsweave import process
from newsweave.api import input_bytes
from newsweave.config import AUTO_WORKERS, Settings, SettingsError, get_settings
from newsweave.engines.chain import observe_articles
from newsweave.engines.local import AUTO_MAX_BYTES, AUTO_MIN_ARTICLES, choose_workers


@pytest.mark.parametrize("articles, size, cores, expected", [
    (AUTO_MIN_ARTICLES + 1, 250_000, 2, 2),   # the benchmark's 150 reports
    (AUTO_MIN_ARTICLES + 1, 250_000, 8, 2),   # never more than two by choice
    (AUTO_MIN_ARTICLES, 250_000, 2, 1),       # one or two batches: start-up does not pay
    (0, 0, 2, 1),
    (AUTO_MIN_ARTICLES + 1, 250_000, 1, 1),   # one core
    (AUTO_MIN_ARTICLES + 1, AUTO_MAX_BYTES + 1, 2, 1),  # big input: memory bound
    (AUTO_MIN_ARTICLES + 1, None, 2, 1),      # standard input or compressed: size unknown
])
def test_choose_workers(articles, size, cores, expected) -> None:
    assert choose_workers(articles, size, cores) == expected


def test_input_bytes_counts_files_and_knows_nothing_of_stdin_or_gzip(tmp_path) -> None:
    (tmp_path / "a.txt").write_text("x" * 10)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("y" * 5)
    assert input_bytes([tmp_path]) == 15
    assert input_bytes(tmp_path / "a.txt") == 10
    assert input_bytes(["-"]) is None
    (tmp_path / "c.jsonl.gz").write_bytes(b"\x1f\x8b")
    assert input_bytes([tmp_path]) is None


def test_auto_is_a_setting_and_nothing_else_that_is_not_a_number(monkeypatch) -> None:
    monkeypatch.setenv("NEWSWEAVE_WORKERS", "auto")
    assert get_settings().workers == AUTO_WORKERS
    monkeypatch.setenv("NEWSWEAVE_WORKERS", "3")
    assert get_settings().workers == 3
    monkeypatch.setenv("NEWSWEAVE_WORKERS", "many")
    with pytest.raises(SettingsError, match="whole number such as 2, or auto"):
        get_settings()
    with pytest.raises(ValueError, match="at least 1 or 'auto'"):
        Settings(workers="two")


def test_a_small_input_and_its_rerun_stay_in_this_process(tmp_path) -> None:
    # the demo corpus has fewer articles than a second process pays for; its
    # re-run must not start workers (each would load the models for nothing)
    db = tmp_path / "demo.duckdb"
    settings = Settings(workers=AUTO_WORKERS, db=str(db))
    reports = []
    for _ in range(2):
        analysed: list[int] = []
        with observe_articles(analysed.append):
            reports.append(process(settings=settings))
        # analysed in this process: no worker ran the chain
        assert len(analysed) == reports[-1].added
    assert [r.workers for r in reports] == [1, 1]
    assert reports[0].added > 0 and reports[1].added == 0


def _reports(tmp_path, n: int):
    """``n`` short invented reports as one JSONL file, and their raw documents."""
    import json

    from newsweave.ingest import read_inputs

    path = tmp_path / "reports.jsonl"
    path.write_text("".join(json.dumps({
        "title": f"Port {k} reopens", "outlet": "Coastline Daily", "published": "2031-05-01",
        "text": f"The port of Elin-{k} reopened on Monday after a strike by dockworkers."})
        + "\n" for k in range(n)), encoding="utf-8")
    return path, list(read_inputs([path]))


def test_more_articles_than_a_batch_pair_start_a_second_worker_unless_stored(tmp_path) -> None:
    from newsweave.api import _auto_workers
    from newsweave.engines.chain import clean_all

    path, raws = _reports(tmp_path, AUTO_MIN_ARTICLES + 10)
    cores = 2
    chosen, workers = _auto_workers(iter(raws), [path], frozenset(), cores=cores)
    assert workers == 2 and list(chosen) == raws  # the documents read ahead are not lost
    stored = frozenset(a.id for a in clean_all(raws))
    assert _auto_workers(iter(raws), [path], stored, cores=cores)[1] == 1  # a re-run
