"""Fuzz every reader and the cleaner with generated and mutated inputs (hypothesis).

Each example is a file (random bytes, random text, or a valid invented
document of one format with bytes cut, flipped, inserted or repeated,
sometimes gzipped) saved under one of the article extensions, then read by
``read_inputs`` (which picks the reader: text, HTML, JSONL, JSON, RSS/Atom,
WARC, gzip) and cleaned by the chain's ``clean_all``. A crash is any
exception escaping them; a hang is an example over ``HANG_SECONDS``; an
unclear error is an ``IngestError`` without the file's path or a reason.

Two more targets (issue 17): file names (any bytes a file system allows,
with or without an article extension; the path reported must be storable
UTF-8 on one line, and the file read), and the strings inside JSONL objects
(any text, including line separators, control characters and lone surrogates
written as JSON escapes; every line is read on its own, and every field of a
cleaned article must be storable UTF-8).

Usage (bounded: about 10,000 examples per target, a few minutes each):
    .venv/bin/python -m reliability.fuzz_readers --examples 10000 [--target all|files|names|jsonl]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from newsweave.engines.chain import DocumentTimeout, clean_all, time_limit
from newsweave.ingest import read_inputs, safe_path
from newsweave.records import Article, IngestError
from reliability._corpus import invented_article
from reliability.hostile_inputs import _page, _warc_bytes

HANG_SECONDS = 10.0
# Reasons the last-resort handlers give (newsweave.ingest._guarded, the chain's clean_all).
NET_REASONS = ("unreadable (", "too complex to read", "cleaning failed:")
EXTENSIONS = (".txt", ".html", ".jsonl", ".json", ".rss", ".xml", ".warc", ".txt.gz", "")


def seed_documents() -> list[bytes]:
    """Valid invented documents of every format, the material the mutations start from."""
    import random

    rng = random.Random(2)
    text = invented_article(rng, 1)
    body = text.split("\n\n", 1)[1]
    page = _page("Valdren talks", body)
    return [
        text.encode(),
        page.encode(),
        (json.dumps({"title": "Ledger", "text": body}) + "\n" +
         json.dumps({"html": page, "url": "https://example.org/x"}) + "\n").encode(),
        json.dumps([{"title": "Ledger", "body": body}]).encode(),
        (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Post</title>'
         f"<item><title>Shelters</title><description>{body}</description></item>"
         f"</channel></rss>").encode(),
        (f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>'
         f"<entry><title>Aid</title><content type=\"html\">&lt;p&gt;{body}&lt;/p&gt;</content>"
         f"</entry></feed>").encode(),
        _warc_bytes([("https://example.org/w", page)], gzipped=False),
        _warc_bytes([("https://example.org/w", page)], gzipped=True),
    ]


SEEDS = seed_documents()


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A seed document with a few random edits."""
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 6))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        op = draw(st.sampled_from(("cut", "flip", "insert", "repeat", "delete")))
        if op == "cut":
            del data[at:]
        elif op == "flip":
            data[at] = draw(st.integers(0, 255))
        elif op == "insert":
            data[at:at] = draw(st.binary(max_size=64) | st.text(max_size=32).map(str.encode)
                               | st.sampled_from([b"<", b">", b"&", b"<div>" * 50, b"\x00",
                                                  b"\xff\xfe", b"]]>", b"<!--", b"{", b"\n"]))
        elif op == "repeat":
            end = draw(st.integers(at, min(len(data), at + 200)))
            data[at:at] = data[at:end] * draw(st.integers(1, 50))
        else:
            end = draw(st.integers(at, min(len(data), at + 200)))
            del data[at:end]
    return bytes(data)


INPUTS = (mutated() | st.binary(max_size=2048)
          | st.text(max_size=2048).map(lambda t: t.encode("utf-8", "surrogatepass")))


def check_one(path: Path, tally: Counter[str] | None = None) -> str | None:
    """Read and clean one file; the problem found, or None when all went as it should.

    ``tally`` counts the cleaned articles and the per-file errors given.
    """
    try:
        with time_limit(HANG_SECONDS):
            items = list(clean_all(read_inputs([path]), doc_seconds=0))
    except DocumentTimeout:
        return "hang"
    except Exception:  # noqa: BLE001 - a crash: anything escaping the readers and the cleaner
        return "crash: " + traceback.format_exc(limit=-2).strip().splitlines()[-1]
    for item in items:
        if tally is not None:
            tally["errors" if isinstance(item, IngestError) else "articles"] += 1
        if isinstance(item, IngestError) and (
                not item.reason.strip() or not item.source_path.startswith(safe_path(path))):
            return f"unclear error: {item}"
        problem = unstorable(item)
        if problem:
            return problem
        if isinstance(item, IngestError) and item.reason.startswith(NET_REASONS):
            # Not a crash (the run goes on), but a fault no reader anticipated.
            return f"caught by the safety net: {item.reason}"
    return None


def unstorable(item: Article | IngestError) -> str | None:
    """Why an item could not be stored or printed on one line, or None.

    Every string of an article goes into DuckDB as UTF-8 (a lone surrogate
    cannot), and every path is printed on one failure line.
    """
    if not item.source_path.isprintable():
        return f"path not printable on one line: {item.source_path!r}"
    texts = [item.source_path] + ([item.reason] if isinstance(item, IngestError) else [
        item.id, item.source_id, item.outlet, item.url or "", item.title, item.body,
        item.language, *item.removed])
    for text in texts:
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            return f"unstorable text (not UTF-8): {text[:60]!r}"
    return None


# File names: any bytes but "/" and NUL, up to the usual 255-byte limit.
NAME_BYTES = st.binary(min_size=1, max_size=120).map(
    lambda b: b.replace(b"/", b"_").replace(b"\x00", b"_")).filter(lambda b: b not in (b".", b".."))
NAMES = st.tuples(NAME_BYTES, st.sampled_from((b"", b".txt", b".html", b".jsonl", b".txt.gz")))
# Strings a JSON object may hold: any text, with the separators and controls
# that once split lines, and lone surrogates (valid as JSON escapes).
ODD_TEXT = st.text(max_size=300) | st.lists(
    st.sampled_from(["\u2028", "\u2029", "\u0085", "\r", "\n", "\x00", "\ud800", "\udfff",
                     "\u202e", "\ufeff", "[red]", "\\", '"', "Talks resumed in Valdren. ",
                     "é", "\U0001f600"]), max_size=40).map("".join)
JSON_VALUES = ODD_TEXT | st.none() | st.integers() | st.lists(ODD_TEXT, max_size=3)


@st.composite
def jsonl_objects(draw: st.DrawFn) -> bytes:
    """A JSONL file of one to five article objects with odd string contents."""
    import random

    lines = []
    for _ in range(draw(st.integers(1, 5))):
        body = invented_article(random.Random(draw(st.integers(0, 99))), 1).split("\n\n", 1)[1]
        obj = {key: draw(JSON_VALUES) for key in draw(st.lists(st.sampled_from(
            ("id", "title", "outlet", "url", "date", "language", "source")), max_size=7))}
        where = draw(st.sampled_from(("text", "body", "html")))
        odd = draw(ODD_TEXT)
        obj[where] = draw(st.sampled_from((body + odd, odd + body, odd, f"<p>{body}{odd}</p>")))
        lines.append(json.dumps(obj, ensure_ascii=draw(st.booleans())))
    return ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass")


def fuzz(examples: int, work: Path, *, seed: int = 0) -> dict:
    """Run ``examples`` inputs; counts of outcomes and the first problems seen."""
    outcomes: Counter[str] = Counter()
    tally: Counter[str] = Counter()
    problems: list[str] = []

    @settings(max_examples=examples, deadline=None, database=None, derandomize=False,
              phases=[Phase.generate], suppress_health_check=list(HealthCheck))
    @given(data=INPUTS, extension=st.sampled_from(EXTENSIONS), zipped=st.booleans())
    def one(data: bytes, extension: str, zipped: bool) -> None:
        number = sum(outcomes.values())
        path = work / f"input-{number}{extension}"
        path.write_bytes(gzip.compress(data) if zipped and extension != ".txt.gz" else
                         gzip.compress(data) if extension == ".txt.gz" else data)
        problem = check_one(path, tally)
        path.unlink()
        _count(outcomes, problems, problem, f"{extension} {data[:80]!r}: {problem}")

    import random

    random.seed(seed)
    one()
    return _summary(outcomes, tally, problems)


def fuzz_names(examples: int, work: Path) -> dict:
    """File names of any bytes, each holding a good article, read through a folder and directly."""
    import random

    outcomes: Counter[str] = Counter()
    tally: Counter[str] = Counter()
    problems: list[str] = []
    text = invented_article(random.Random(3), 1)
    contents = {b".jsonl": json.dumps({"title": "Ledger", "text": text.split("\n\n", 1)[1]})
                .encode(), b".html": _page("Valdren talks", text.split("\n\n", 1)[1]).encode()}
    folder = os.fsencode(work)

    @settings(max_examples=examples, deadline=None, database=None,
              phases=[Phase.generate], suppress_health_check=list(HealthCheck))
    @given(name=NAMES)
    def one(name: tuple[bytes, bytes]) -> None:
        raw = (name[0] + name[1])[:250]
        sub = os.path.join(folder, b"n%d" % sum(outcomes.values()))
        os.mkdir(sub)
        path = os.path.join(sub, raw)
        article = contents.get(name[1], text.encode())
        with open(path, "wb") as handle:
            handle.write(gzip.compress(article) if raw.endswith(b".gz") else article)
        problem = None
        for given_path in (os.fsdecode(sub), os.fsdecode(path)):
            problem = problem or check_one(Path(given_path), tally)
        hidden = raw.startswith(b".") or raw.lower().startswith(b"readme")
        if problem is None and not hidden and not tally_read(Path(os.fsdecode(path))):
            problem = "a good article under this name was not read"
        os.unlink(path)
        os.rmdir(sub)
        _count(outcomes, problems, problem, f"{raw!r}: {problem}")

    one()
    return _summary(outcomes, tally, problems)


def _count(outcomes: Counter[str], problems: list[str], problem: str | None, label: str,
           ) -> None:
    """Count one example; keep the first 20 problems, each named by ``label``."""
    outcomes["problem" if problem else "ok"] += 1
    if problem and len(problems) < 20:
        problems.append(label)


def _summary(outcomes: Counter[str], tally: Counter[str], problems: list[str]) -> dict:
    return {"examples": sum(outcomes.values()), "problems": outcomes["problem"],
            "articles_cleaned": tally["articles"], "per_file_errors": tally["errors"],
            "first_problems": problems}


def tally_read(path: Path) -> bool:
    """True when reading the file directly gives at least one article."""
    return any(not isinstance(item, IngestError) for item in read_inputs([path]))


def fuzz_jsonl(examples: int, work: Path) -> dict:
    """JSONL files whose objects hold odd strings: every line read on its own, all storable."""
    outcomes: Counter[str] = Counter()
    tally: Counter[str] = Counter()
    problems: list[str] = []

    @settings(max_examples=examples, deadline=None, database=None,
              phases=[Phase.generate], suppress_health_check=list(HealthCheck))
    @given(data=jsonl_objects())
    def one(data: bytes) -> None:
        path = work / f"wire-{sum(outcomes.values())}.jsonl"
        path.write_bytes(data)
        problem = check_one(path, tally)
        lines = data.count(b"\n")
        read = list(read_inputs([path]))
        if problem is None and len(read) != lines:
            problem = f"{lines} lines gave {len(read)} items (a line was split or lost)"
        path.unlink()
        _count(outcomes, problems, problem, f"{data[:120]!r}: {problem}")

    one()
    return _summary(outcomes, tally, problems)


TARGETS: dict[str, Callable[[int, Path], dict]] = {
    "files": fuzz, "names": fuzz_names, "jsonl": fuzz_jsonl,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=10_000)
    parser.add_argument("--target", choices=["all", *TARGETS], default="all")
    args = parser.parse_args(argv)
    results = {}
    for name, target in TARGETS.items():
        if args.target not in ("all", name):
            continue
        started = time.monotonic()
        with tempfile.TemporaryDirectory(prefix="nw-fuzz-") as tmp:
            result = target(args.examples, Path(tmp))
        result["seconds"] = round(time.monotonic() - started, 1)
        results[name] = result
    print(json.dumps(results, indent=2))
    return 0 if all(r["problems"] == 0 and r["examples"] >= args.examples
                    for r in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
