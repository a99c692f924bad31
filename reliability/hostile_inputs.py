"""One ``newsweave run`` over a folder of hostile files, with the child's peak memory.

The folder holds good invented articles (text, HTML, JSONL, RSS, WARC) and bad
files: empty, binary, invalid UTF-8, UTF-16 without BOM, truncated gzip and
WARC, malformed JSONL lines, deeply nested HTML, a feed with an XML external
entity, a 200 MB file and a gzip bomb (1 GB of text in about 1 MB). The run
must store every good article, name every bad file with its reason, exit 1,
never leak the external entity's target, and keep its peak RSS bounded.

Usage (bounded: one run, about a minute):
    .venv/bin/python -m reliability.hostile_inputs [--huge-mb 200] [--bomb-mb 1024]
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from reliability._corpus import invented_article

REPO = Path(__file__).resolve().parents[1]
SECRET = "NWSECRET-7f3a-do-not-leak"
# Peak RSS the run may reach (spaCy model + chain + one 50 MB read at most).
RSS_LIMIT_MB = 1500


def _page(title: str, body: str) -> str:
    return (f"<!doctype html><html><head><title>{title}</title></head><body><article>"
            f"<h1>{title}</h1>" + "".join(f"<p>{s}.</p>" for s in body.split(". ")) +
            "</article></body></html>")


def _warc_bytes(pages: list[tuple[str, str]], *, gzipped: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzipped)
    for url, html in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            url, "response", payload=io.BytesIO(html.encode()), http_headers=headers))
    return buffer.getvalue()


def _bomb(path: Path, megabytes: int) -> None:
    """A gzip stream of ``megabytes`` MB of repeated ASCII text, written in chunks."""
    chunk = (b"flood talks " * 87381)[: 1024 * 1024]
    with gzip.open(path, "wb", compresslevel=9) as handle:
        for _ in range(megabytes):
            handle.write(chunk)


def build_folder(folder: Path, *, huge_mb: int, bomb_mb: int) -> tuple[int, dict[str, str]]:
    """Write the good and bad files; returns (good article count, bad name -> expected reason word)."""
    rng = random.Random(4)
    folder.mkdir(parents=True, exist_ok=True)
    good = 0
    for n in range(3):
        (folder / f"good-{n}.txt").write_text(invented_article(rng, 900 + n), encoding="utf-8")
        good += 1
    text = invented_article(rng, 910).split("\n\n", 1)[1]
    (folder / "good-page.html").write_text(_page("Mirholt bridge opens", text), encoding="utf-8")
    good += 1
    lines = [json.dumps({"title": f"Ledger {n}", "text": invented_article(rng, 920 + n)})
             for n in range(2)]
    (folder / "mixed.jsonl").write_text(
        lines[0] + "\n{not json\n" + lines[1] + "\n[1, 2\n", encoding="utf-8")
    good += 2
    item = invented_article(rng, 930).split("\n\n", 1)[1]
    (folder / "good-feed.rss").write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Post</title>'
        f"<item><title>Saltreach shelters</title><link>https://example.org/a</link>"
        f"<description>{item}</description></item></channel></rss>", encoding="utf-8")
    good += 1
    warc_pages = [(f"https://example.org/w{n}",
                   _page(f"Kessrin report {n}", invented_article(rng, 940 + n).split("\n\n", 1)[1]))
                  for n in range(2)]
    (folder / "good.warc.gz").write_bytes(_warc_bytes(warc_pages, gzipped=True))
    good += 2

    bad: dict[str, str] = {}
    (folder / "empty.txt").write_bytes(b"")
    bad["empty.txt"] = "empty"
    noise = random.Random(1)
    (folder / "binary").write_bytes(bytes(noise.randrange(256) for _ in range(4096)))
    bad["binary"] = "binary"
    (folder / "latin.txt").write_bytes("Caf\xe9 talks in Mirholt. ".encode("latin-1") * 20)
    bad["latin.txt"] = "UTF-8"
    (folder / "utf16.txt").write_bytes("Talks resumed in Valdren.".encode("utf-16-le") * 10)
    bad["utf16.txt"] = "binary"
    whole = gzip.compress(invented_article(rng, 950).encode() * 50)
    (folder / "cut.txt.gz").write_bytes(whole[: len(whole) // 2])
    bad["cut.txt.gz"] = "truncated"
    warc = _warc_bytes(warc_pages, gzipped=False)
    (folder / "cut.warc").write_bytes(warc[: int(len(warc) * 0.7)])
    bad["cut.warc"] = "truncated"
    bad["mixed.jsonl:2"] = "not valid JSON"
    bad["mixed.jsonl:4"] = "not valid JSON"
    (folder / "deep.html").write_text("<html><body>" + "<div>" * 200_000 + "Deep text."
                                      + "</div>" * 200_000 + "</body></html>", encoding="utf-8")
    bad["deep.html"] = ""  # may be stored or rejected; must not crash or hang
    secret_file = folder.parent / "secret.txt"
    secret_file.write_text(SECRET, encoding="utf-8")
    (folder / "xxe.rss").write_text(
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret_file}">]>'
        f'<rss version="2.0"><channel><title>Evil</title><item><title>Leak</title>'
        f"<description>Officials met in Valdren. &xxe; The talks went on.</description>"
        f"</item></channel></rss>", encoding="utf-8")
    bad["xxe.rss"] = ""  # may be stored without the entity or rejected
    with (folder / "huge.txt").open("wb") as handle:
        line = b"The harbour was busy again today. " * 30 + b"\n"
        for _ in range(huge_mb * 1024 * 1024 // len(line) + 1):
            handle.write(line)
    bad["huge.txt"] = "larger than"
    _bomb(folder / "bomb.txt.gz", bomb_mb)
    bad["bomb.txt.gz"] = "larger than"
    return good, bad


def run_child(folder: Path, db: Path) -> tuple[int, str, float, float]:
    """Run newsweave on ``folder``; exit code, stderr, seconds, peak RSS (MB) of the child."""
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "newsweave", "run", str(folder), "--db", str(db),
                           "-q"], cwd=REPO, capture_output=True, text=True, timeout=900,
                          check=False)
    seconds = time.monotonic() - started
    # ru_maxrss of RUSAGE_CHILDREN: the largest child waited for, in KiB on Linux.
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return proc.returncode, proc.stderr, seconds, peak_mb


def check(folder: Path, db: Path, good: int, bad: dict[str, str], code: int, stderr: str
          ) -> dict:
    """Compare the run with what the folder holds."""
    failed = {line.split("failed: ", 1)[1] for line in stderr.splitlines() if "failed: " in line}
    unnamed = [name for name, word in bad.items() if word and not any(
        f.startswith(f"{folder / name}:") and word.lower() in f.lower() for f in failed)]
    conn = duckdb.connect(str(db), read_only=True)
    try:
        paths = [r[0] for r in conn.execute("SELECT source_path FROM article_sources").fetchall()]
        leaked = conn.execute("SELECT count(*) FROM articles WHERE body LIKE ?",
                              [f"%{SECRET}%"]).fetchone()[0]
    finally:
        conn.close()
    good_stored = sum(1 for p in paths if Path(p.split(":")[0]).name.startswith(("good", "mixed")))
    return {"exit": code, "good_expected": good, "good_stored": good_stored,
            "bad_unnamed": unnamed, "secret_leaked": leaked + stderr.count(SECRET),
            "failures_named": sorted(f.replace(str(folder) + "/", "") for f in failed),
            "deep_html_stored": any("deep.html" in p for p in paths),
            "xxe_stored": any("xxe.rss" in p for p in paths)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--huge-mb", type=int, default=200)
    parser.add_argument("--bomb-mb", type=int, default=1024)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="nw-hostile-") as tmp:
        folder = Path(tmp) / "inputs"
        good, bad = build_folder(folder, huge_mb=args.huge_mb, bomb_mb=args.bomb_mb)
        code, stderr, seconds, peak = run_child(folder, Path(tmp) / "h.duckdb")
        result = check(folder, Path(tmp) / "h.duckdb", good, bad, code, stderr)
    result.update(seconds=round(seconds, 1), peak_rss_mb=round(peak), rss_limit_mb=RSS_LIMIT_MB)
    print(json.dumps(result, indent=2))
    ok = (code == 1 and result["good_stored"] == good and not result["bad_unnamed"]
          and result["secret_leaked"] == 0 and peak < RSS_LIMIT_MB)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
