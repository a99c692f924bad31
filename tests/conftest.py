"""Shared test helpers: where ../shared lives, and small record builders."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import pytest

from newsweave.records import Actor, Article, ArticleResult, Event, Mention

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"

# The order in which `make test` hands whole files to its two test processes
# (--dist loadfile --no-loadscope-reorder: collection order, which
# pytest_collection_modifyitems below sets). Without it, xdist sends the files
# with the most tests first, and the quality gates (two or three tests each,
# 10-25 s of work) came last.
#
# The longest files first (per-file times in BENCHMARKS.md, "make test"
# section), so that only short files are left for the end and both processes
# finish close together.
LONGEST_FIRST: tuple[str, ...] = (
    "tests/evaluate/test_coref_gate.py",
    "tests/evaluate/test_events_gate.py",
    "tests/evaluate/test_fact_gates.py",
    "tests/engines/test_engines.py",
    "tests/web/test_explore_browser.py",
    "tests/evaluate/test_stories_gate.py",
    "tests/e2e/test_cli_process.py",
    "tests/evaluate/test_geo_gate.py",
    "tests/e2e/test_browser.py",
    "tests/evaluate/test_boilerplate_gate.py",
    "tests/evaluate/test_claims_gate.py",
    "tests/web/test_serving.py",
    "tests/web/test_explore.py",
    "tests/web/test_phones.py",
    "tests/reliability/test_bad_input.py",
    "tests/reliability/test_faults.py",
    "tests/web/test_traceable.py",
    "tests/e2e/test_cli.py",
    "tests/web/test_pages.py",
    "tests/e2e/test_demo.py",
    "tests/reliability/test_web_safety.py",
    "tests/corpus/test_incremental.py",
    "tests/web/test_keyboard_and_errors.py",
)
# ... except the Ray tests, last: most of their time is Ray starting its own
# processes and two actors loading the models side by side, which took 110-136 s
# while the other test process ran the gates, against 45-48 s at the end of the
# run (measured under a load of 7-11; BENCHMARKS.md).
LAST: tuple[str, ...] = ("tests/engines/test_ray_engine.py",)


def make_article(body: str, *, outlet: str = "Test Outlet", published: dt.date | None = None,
                 article_id: str | None = None) -> Article:
    """An Article with one sentence per line of ``body``."""
    spans, offset = [], 0
    for line in body.split("\n"):
        if line.strip():
            spans.append((offset, offset + len(line)))
        offset += len(line) + 1
    return Article(id=article_id or f"a{abs(hash(body)) % 10**12:012d}", source_id="test",
                   source_path="test.txt", outlet=outlet, url=None, title=body[:30],
                   published=published or dt.date(2031, 3, 14), body=body, sentences=spans)


def make_result(body: str, **kwargs: object) -> ArticleResult:
    """An ArticleResult with one actor mention and one event."""
    article = make_article(body, **kwargs)  # type: ignore[arg-type]
    end = body.index(" ")
    return ArticleResult(
        article=article,
        mentions=[Mention(article.id, 0, end, body[:end], "ORG", actor_id="org:x")],
        actors=[Actor(id="org:x", name=body[:end], kind="organisation")],
        events=[Event(id=f"e-{article.id}", article_id=article.id, event="PROTEST",
                      start=0, end=len(body), text=body)],
    )


def _file_rank(nodeid: str, first: Sequence[str], last: Sequence[str]) -> int:
    """Where a test's file comes: by its place in ``first``, then every file in
    neither, then by its place in ``last``."""
    path = nodeid.split("::", 1)[0]
    if path in first:
        return first.index(path)
    if path in last:
        return len(first) + 1 + last.index(path)
    return len(first)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """:data:`LONGEST_FIRST` first, :data:`LAST` last, the rest between them in
    collection order (a stable sort).

    Every test process collects, and sorts, the same way, so xdist still sees
    one collection.
    """
    items.sort(key=lambda item: _file_rank(item.nodeid, LONGEST_FIRST, LAST))


@pytest.fixture(scope="session")
def seeds() -> Path:
    """The seed reports folder; skips the test when ../shared is absent."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    return SEEDS


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """The demo corpus processed once per test session."""
    from newsweave import process

    db = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    report = process(None, db=db)
    assert report.errors == [], report.errors
    return db


@pytest.fixture(scope="session")
def seeds_run(seeds: Path) -> tuple[Path, object]:
    """The seeds processed once per test process: (database, run report).

    The same run as the web tests' seeds database (``tests/web/_databases.py``).
    Tests only read it; one that writes must process the seeds into its own file.
    """
    from tests.web._databases import processed_seeds

    processed = processed_seeds()
    assert processed is not None, "the seeds fixture skips when ../shared/seeds is absent"
    return processed


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless; skips the browser tests only when it is not installed."""
    from tests.browser import CHROMIUM, CHROMIUM_ARGS

    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser):
    """A fresh page; fails the test on any console error or uncaught page error.

    A Content-Security-Policy violation is a console error, so every browser test
    also checks that the page needs nothing the policy forbids.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda msg: errors.append(f"{msg.type}: {msg.text}")
           if msg.type == "error" else None)
    tab.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))
    # a request cut short by the next navigation (ERR_ABORTED) is not a fault of the page
    tab.on("requestfailed", lambda req: errors.append(f"request failed: {req.url}")
           if "ERR_ABORTED" not in (req.failure or "") else None)
    yield tab
    context.close()
    assert errors == [], errors
