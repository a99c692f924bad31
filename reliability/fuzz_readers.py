"""Fuzz every reader and the cleaner with generated and mutated inputs (hypothesis).

Each example is a file (random bytes, random text, or a valid invented
document of one format with bytes cut, flipped, inserted or repeated,
sometimes gzipped) saved under one of the article extensions, then read by
``read_inputs`` (which picks the reader: text, HTML, JSONL, JSON, RSS/Atom,
WARC, gzip) and cleaned by the chain's ``clean_all``. A crash is any
exception escaping them; a hang is an example over ``HANG_SECONDS``; an
unclear error is an ``IngestError`` without the file's path or a reason.

Usage (bounded: about 10,000 examples, a few minutes):
    .venv/bin/python -m reliability.fuzz_readers --examples 10000
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from newsweave.engines.chain import DocumentTimeout, clean_all, time_limit
from newsweave.ingest import read_inputs
from newsweave.records import IngestError
from reliability._corpus import invented_article
from reliability.hostile_inputs import _page, _warc_bytes

HANG_SECONDS = 10.0
# Reasons ingest's last-resort handler gives (see newsweave.ingest._guarded).
NET_REASONS = ("unreadable (", "too complex to read")
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
                not item.reason.strip() or not item.source_path.startswith(str(path))):
            return f"unclear error: {item}"
        if isinstance(item, IngestError) and item.reason.startswith(NET_REASONS):
            # Not a crash (the run goes on), but a fault no reader anticipated.
            return f"caught by the safety net: {item.reason}"
    return None


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
        outcomes["problem" if problem else "ok"] += 1
        if problem and len(problems) < 20:
            problems.append(f"{extension} {data[:80]!r}: {problem}")

    import random

    random.seed(seed)
    one()
    return {"examples": sum(outcomes.values()), "problems": outcomes["problem"],
            "articles_cleaned": tally["articles"], "per_file_errors": tally["errors"],
            "first_problems": problems}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=10_000)
    args = parser.parse_args(argv)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="nw-fuzz-") as tmp:
        result = fuzz(args.examples, Path(tmp))
    result["seconds"] = round(time.monotonic() - started, 1)
    print(json.dumps(result, indent=2))
    return 0 if result["problems"] == 0 and result["examples"] >= args.examples else 1


if __name__ == "__main__":
    sys.exit(main())
