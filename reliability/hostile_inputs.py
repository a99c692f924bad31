"""Hostile and unusual inputs through the real CLI: a table of case | expected | observed.

The first case is one ``newsweave run`` over a folder of hostile files, with
the child's peak memory. Then one case (or two) for each way an input once
stopped a whole run (issue 17): a body over spaCy's limit, file names that are
not UTF-8 or hold ``[ ]`` and newlines, JSONL line separators and bad lines, a
device and a FIFO, unreadable folders, a full disk (a 1 MB tmpfs; root only),
damaged and foreign databases, bad settings and Ctrl-C; the Python API's entry
points; and the reports that used to be lost (other languages, one-sentence
briefs, pages too deep or too long to parse, bidi controls in titles). The
script exits 1 when any observed value differs from the expected one.

The folder holds good invented articles (text, HTML, JSONL, RSS, WARC) and bad
files: empty, binary, invalid UTF-8, UTF-16 without BOM, truncated gzip and
WARC, malformed JSONL lines, deeply nested HTML, a feed with an XML external
entity, a 200 MB file and a gzip bomb (1 GB of text in about 1 MB). The run
must store every good article, name every bad file with its reason, exit 1,
never leak the external entity's target, and keep its peak RSS bounded.

Usage (bounded: about twenty runs, a few minutes):
    .venv/bin/python -m reliability.hostile_inputs [--huge-mb 200] [--bomb-mb 1024]
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from reliability._corpus import invented_article, write_corpus

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


@dataclass(slots=True)
class Row:
    """One line of the table: what the case must give, and what it gave."""

    case: str
    expected: str
    observed: str

    @property
    def ok(self) -> bool:
        return self.expected == self.observed


def cli(*args: str, env: dict[str, str] | None = None, timeout: float = 900,
        stdin: int | None = None) -> subprocess.CompletedProcess[str]:
    """``newsweave ARGS`` in a child process, with its output."""
    return subprocess.run([sys.executable, "-m", "newsweave", *args], cwd=REPO,
                          capture_output=True, text=True, timeout=timeout, check=False,
                          env={**os.environ, **(env or {})}, stdin=stdin)


def _failed(stderr: str) -> list[str]:
    return [line.split("failed: ", 1)[1] for line in stderr.splitlines()
            if line.startswith("failed: ")]


def _notes(stderr: str) -> list[str]:
    return [line.split("note: ", 1)[1] for line in stderr.splitlines() if line.startswith("note: ")]


def _query(db: Path, sql: str) -> list[tuple]:
    conn = duckdb.connect(str(db), read_only=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _clean_exit(proc: subprocess.CompletedProcess[str]) -> str:
    """``exit N`` and whether a traceback was printed."""
    return f"exit {proc.returncode}" + (", traceback" if "Traceback" in proc.stderr + proc.stdout
                                        else "")


def case_long_body(tmp: Path) -> list[Row]:
    """1: a 1.7 MB one-paragraph body among 100 good reports."""
    folder = write_corpus(tmp / "long", 100)
    paragraph = " ".join(f"Police in Lagos counted ferry number {n} leaving the harbour on time."
                         for n in range(25_000))
    (folder / "huge-body.txt").write_text(f"Title: Ferries\n\n{paragraph}\n", encoding="utf-8")
    db = tmp / "long.duckdb"
    first = cli("run", str(folder), "--db", str(db), "-q")
    stored = _query(db, "SELECT count(*) FROM articles")[0][0]
    mentions = _query(db, "SELECT count(*) FROM mentions m JOIN articles a ON a.id = m.article_id "
                          "WHERE a.source_path LIKE '%huge-body.txt'")[0][0]
    noted = [n for n in _notes(first.stderr) if n.startswith(f"{folder}/huge-body.txt: coded in ")]
    again = cli("run", str(folder), "--db", str(db), "-q")
    stored_again = _query(db, "SELECT count(*) FROM articles")[0][0]
    return [
        Row("1 body of 1.7 MB among 100 reports",
            "exit 0; 101 stored; huge one coded in pieces, noted",
            f"{_clean_exit(first)}; {stored} stored; huge one "
            + ("coded in pieces" if mentions else "not coded")
            + (", noted" if noted else f", notes: {_notes(first.stderr)}")),
        Row("1 ... re-run", "exit 0; 101 stored (0 added)",
            f"{_clean_exit(again)}; {stored_again} stored "
            f"({'0 added' if '0 articles added' in again.stderr else 'some added'})"),
    ]


def case_odd_names(tmp: Path) -> list[Row]:
    """2 and 3: a file name that is not UTF-8; names with [ ] and a newline."""
    folder = tmp / "names"
    folder.mkdir()
    raw = os.fsencode(folder)
    rng = random.Random(5)
    with open(os.path.join(raw, b"caf\xe9.txt"), "wb") as handle:
        handle.write(invented_article(rng, 1).encode())
    with open(os.path.join(raw, b"vide\xe9.txt"), "wb"):
        pass
    (folder / "[Ed] notes.txt").write_text(invented_article(rng, 2), encoding="utf-8")
    (folder / "[red]x[bold].txt").write_text("", encoding="utf-8")
    (folder / "two\nlines.txt").write_text("", encoding="utf-8")
    db = tmp / "names.duckdb"
    proc = cli("run", str(folder), "--db", str(db), "-q")
    paths = sorted(Path(r[0]).name for r in _query(db, "SELECT source_path FROM articles"))
    failed = sorted(line.replace(f"{folder}/", "") for line in _failed(proc.stderr))
    return [
        Row("2 file name not UTF-8", "stored as caf\\xe9.txt; vide\\xe9.txt: empty file",
            ("stored as caf\\xe9.txt" if "caf\\xe9.txt" in paths else f"stored: {paths}")
            + ("; vide\\xe9.txt: empty file" if "vide\\xe9.txt: empty file" in failed
               else f"; failed: {failed}")),
        Row("3 names with [ ] and a newline",
            "exit 1; [Ed] notes.txt stored; failed: [red]x[bold].txt, two\\nlines.txt",
            f"{_clean_exit(proc)}; "
            + ("[Ed] notes.txt stored" if "[Ed] notes.txt" in paths else "[Ed] lost")
            + "; failed: " + ", ".join(f.split(": ")[0] for f in failed
                                       if not f.startswith("vide"))),
    ]


def case_jsonl(tmp: Path) -> list[Row]:
    """4 and 5: line separators inside JSON strings; a 100k-deep line and a 5,000-digit number."""
    folder = tmp / "jsonl"
    folder.mkdir()
    rng = random.Random(6)
    body = invented_article(rng, 3).split("\n\n", 1)[1].strip()
    seps = [json.dumps({"title": f"Separator {n}", "text": f"{body}{sep}Report {n} ends."},
                       ensure_ascii=False) for n, sep in enumerate(("\u2028", "\u2029", "\u0085"))]
    (folder / "seps.jsonl").write_text("\n".join(seps) + "\n", encoding="utf-8")
    good = [json.dumps({"title": f"Wire {n}", "text": invented_article(rng, 10 + n)})
            for n in range(3)]
    (folder / "bad.jsonl").write_text("\n".join([
        good[0], "[" * 100_000 + "]" * 100_000, good[1],
        '{"text": ' + "7" * 5000 + "}", good[2]]) + "\n", encoding="utf-8")
    db = tmp / "jsonl.duckdb"
    proc = cli("run", str(folder), "--db", str(db), "-q")
    stored = sorted(r[0].replace(f"{folder}/", "") for r in _query(
        db, "SELECT source_path FROM articles"))
    failed = sorted(f.replace(f"{folder}/", "").split(": ")[0] for f in _failed(proc.stderr))
    return [
        Row("4 JSONL strings with U+2028/2029/0085", "seps.jsonl:1,2,3 stored",
            "seps.jsonl:" + ",".join(s.rsplit(":", 1)[1] for s in stored
                                     if s.startswith("seps")) + " stored"),
        Row("5 JSONL 100k-deep line and 5,000-digit number",
            "bad.jsonl:1,3,5 stored; failed: bad.jsonl:2, bad.jsonl:4",
            "bad.jsonl:" + ",".join(s.rsplit(":", 1)[1] for s in stored if s.startswith("bad"))
            + " stored; failed: " + ", ".join(failed)),
    ]


def case_special_files(tmp: Path) -> list[Row]:
    """6: /dev/zero and a FIFO named on the command line."""
    folder = tmp / "special"
    folder.mkdir()
    fifo = folder / "pipe.txt"
    os.mkfifo(fifo)
    good = folder / "good.txt"
    good.write_text(invented_article(random.Random(7), 4), encoding="utf-8")
    started = time.monotonic()
    try:
        proc = cli("run", "/dev/zero", str(fifo), str(good), "--db", str(tmp / "sp.duckdb"),
                   "-q", timeout=300)
    except subprocess.TimeoutExpired:
        return [Row("6 /dev/zero and a FIFO as inputs", "", "hung (killed after 300 s)")]
    seconds = time.monotonic() - started
    failed = _failed(proc.stderr)
    named = [f for f in failed if "not a regular file" in f]
    stored = _query(tmp / "sp.duckdb", "SELECT count(*) FROM articles")[0][0]
    return [Row("6 /dev/zero and a FIFO as inputs",
                "exit 1; 2 named 'not a regular file'; 1 stored; under 60 s",
                f"{_clean_exit(proc)}; {len(named)} named 'not a regular file'; {stored} stored; "
                + ("under 60 s" if seconds < 60 else f"{seconds:.0f} s"))]


UNPRIVILEGED_WALK = """
import os, sys
from newsweave.ingest import read_inputs
from newsweave.records import IngestError
if os.geteuid() == 0:  # root reads through permissions: drop to nobody once loaded
    os.setgid(65534)
    os.setuid(65534)
for item in read_inputs([sys.argv[1]]):
    print("error" if isinstance(item, IngestError) else "doc", item.source_path,
          getattr(item, "reason", ""), sep="|")
"""


def case_unreadable_folders(tmp: Path) -> list[Row]:
    """7: a folder of mode 000 and one that can be listed but not entered (read as nobody)."""
    base = Path(tempfile.mkdtemp(prefix="nw-perm-"))
    try:
        root = base / "crawl"
        for sub in ("", "a-locked", "b-listed"):
            (root / sub).mkdir(parents=True, exist_ok=True)
            (root / sub / "good.txt").write_text(invented_article(random.Random(8), 5),
                                                 encoding="utf-8")
        for path in (base, root):
            path.chmod(0o755)
        (root / "a-locked").chmod(0o000)
        (root / "b-listed").chmod(0o444)
        proc = subprocess.run([sys.executable, "-c", UNPRIVILEGED_WALK, str(root)], cwd="/",
                              capture_output=True, text=True, timeout=120, check=False,
                              env={**os.environ, "PYTHONPATH": os.pathsep.join(
                                  [str(REPO / "src"), str(REPO)])})
        rows = [line.split("|") for line in proc.stdout.splitlines()]
    finally:
        (base / "crawl" / "a-locked").chmod(0o755)
        (base / "crawl" / "b-listed").chmod(0o755)
        shutil.rmtree(base)
    named = sorted(r[1].replace(f"{root}/", "") for r in rows if r[0] == "error"
                   and "Permission denied" in r[2])
    read = sum(r[0] == "doc" for r in rows)
    return [Row("7 folders of mode 000 / r-- (as nobody)",
                "named: a-locked, b-listed/good.txt; 1 read",
                f"named: {', '.join(named)}; {read} read"
                + (f"; child failed: {proc.stderr[-200:]}" if proc.returncode else ""))]


def _small_disk(tmp: Path) -> tuple[Path, Callable[[], None], Callable[[], None]] | None:
    """A 1 MB tmpfs (root only): its folder, a function to give it room, one to unmount."""
    mount = tmp / "small-disk"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)],
                          capture_output=True, check=False)
    if made.returncode != 0:
        return None
    return (mount,
            lambda: subprocess.run(["mount", "-o", "remount,size=64m", str(mount)], check=True),
            lambda: subprocess.run(["umount", str(mount)], check=False))


def case_disk_full(tmp: Path) -> list[Row]:
    """8: the database's disk fills during a run; then room is made and the run repeated."""
    folder = tmp / "full-in"
    rng = random.Random(11)
    folder.mkdir()
    (folder / "wire.jsonl").write_text("".join(
        json.dumps({"title": f"Wire {n}", "text": invented_article(rng, 2000 + n)}) + "\n"
        for n in range(300)), encoding="utf-8")
    disk = _small_disk(tmp)
    if disk is None:
        return [Row("8 disk full", "tmpfs mounted", "cannot mount a tmpfs (not root?)")]
    mount, make_room, unmount = disk
    try:
        db = mount / "news.duckdb"
        first = cli("run", str(folder), "--db", str(db), "-q")
        message = [line for line in first.stderr.splitlines() if line.startswith("error:")]
        said = bool(message) and message[0].startswith(f"error: the disk is full: cannot write "
                                                       f"to {db}") and "intact" in message[0]
        stored = _query(db, "SELECT count(*) FROM articles")[0][0]
        make_room()
        second = cli("run", str(folder), "--db", str(db), "-q")
        after = _query(db, "SELECT count(*), count(DISTINCT id) FROM articles")[0]
    finally:
        unmount()
    return [
        Row("8 disk full during a run",
            "exit 1; says disk full, where, data intact; stored part opens",
            f"{_clean_exit(first)}; "
            + ("says disk full, where, data intact" if said else f"says {message[:1]}")
            + ("; stored part opens" if stored >= 0 else "")),
        Row("8 ... re-run with room", "exit 0; 300 stored, none twice",
            f"{_clean_exit(second)}; {after[0]} stored, "
            + ("none twice" if after[0] == after[1] else "some twice")),
    ]


def case_damaged_db(tmp: Path) -> list[Row]:
    """9: a corrupt database file for run, stories and serve; another application's database."""
    db = tmp / "damaged.duckdb"
    db.write_bytes(b"\x00" * 4096 + b"not a database" * 500)
    folder = write_corpus(tmp / "dmg-in", 2)
    said = []
    for args in (("run", str(folder), "-q"), ("stories",), ("serve", "--port", "65012")):
        proc = cli(*args, "--db", str(db), timeout=120)
        ok = (proc.returncode == 1 and f"the database {db} is damaged" in proc.stderr
              and "restore it from a backup" in proc.stderr and "Traceback" not in proc.stderr)
        said.append(f"{args[0]} " + ("named" if ok else f"exit {proc.returncode}"))
    other = tmp / "sales.duckdb"
    conn = duckdb.connect(str(other))
    conn.execute("CREATE TABLE invoices (id INTEGER)")
    conn.close()
    proc = cli("run", str(folder), "--db", str(other), "-q")
    tables = [r[0] for r in _query(other, "SELECT table_name FROM information_schema.tables")]
    return [
        Row("9 damaged database", "run named; stories named; serve named", "; ".join(said)),
        Row("9 another application's database", "exit 1; refused; tables: invoices",
            f"{_clean_exit(proc)}; "
            + ("refused" if "database of another application" in proc.stderr else "not refused")
            + f"; tables: {', '.join(tables)}"),
    ]


def case_bad_settings(tmp: Path, demo_db: Path) -> list[Row]:
    """10: bad settings are usage errors; Ctrl-C says what was stored."""
    folder = write_corpus(tmp / "set-in", 2)
    (tmp / "bad-gaz.json").write_text("[1, 2]", encoding="utf-8")
    db = str(tmp / "set.duckdb")
    runs = {
        "NEWSWEAVE_WORKERS=abc": cli("run", str(folder), "--db", db, env={
            "NEWSWEAVE_WORKERS": "abc"}),
        "NEWSWEAVE_DB_MEMORY=lots": cli("run", str(folder), "--db", db, env={
            "NEWSWEAVE_DB_MEMORY": "lots"}),
        "--gazetteer missing": cli("run", str(folder), "--db", db, "--gazetteer",
                                   str(tmp / "none.json")),
        "--gazetteer malformed": cli("run", str(folder), "--db", db, "--gazetteer",
                                     str(tmp / "bad-gaz.json")),
        "export --out missing folder": cli("export", "events", "--db", str(demo_db), "--out",
                                           str(tmp / "nowhere" / "e.jsonl")),
    }
    rows = [Row(f"10 {name}", "exit 2", _clean_exit(proc)) for name, proc in runs.items()]
    rows.append(case_ctrl_c(tmp))
    return rows


def case_ctrl_c(tmp: Path) -> Row:
    """10: SIGINT once the first batch is stored."""
    rng = random.Random(12)
    wire = tmp / "int.jsonl"
    wire.write_text("".join(json.dumps({"title": f"Wire {n}", "text": invented_article(rng, n)})
                            + "\n" for n in range(5000)), encoding="utf-8")
    db = tmp / "int.duckdb"
    proc = subprocess.Popen([sys.executable, "-m", "newsweave", "run", str(wire), "--db",
                             str(db), "-q"], cwd=REPO, stderr=subprocess.PIPE, text=True)
    wal = db.with_name(db.name + ".wal")
    deadline = time.monotonic() + 300
    while proc.poll() is None and time.monotonic() < deadline and (
            not wal.exists() or wal.stat().st_size < 20_000):
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=300)
    lines = [line for line in stderr.splitlines() if line.strip()]
    stored = _query(db, "SELECT count(*) FROM articles")[0][0]
    said = len(lines) == 1 and lines[0].startswith(f"interrupted: {stored} articles stored")
    return Row("10 Ctrl-C during a run", "exit 130; one line with the stored count",
               f"exit {proc.returncode}; " + ("one line with the stored count" if said
                                              else f"{len(lines)} lines: {lines[:2]}"))


def case_api(tmp: Path) -> list[Row]:
    """The Python API's entry points."""
    from newsweave.api import Newsweave, process
    from newsweave.store import StoreError

    folder = write_corpus(tmp / "api-in", 2)
    one = process(str(folder), db=tmp / "api.duckdb", corpus=False)
    empty = process([], db=tmp / "api-empty.duckdb")
    refused = []
    for db in ("", str(tmp / "missing.duckdb")):
        try:
            Newsweave(db).close()
            refused.append("opened")
        except StoreError as exc:
            refused.append(str(exc).split(":")[0])
    return [
        Row("API process('folder') as one path", "2 added", f"{one.added} added"),
        Row("API process([])", "0 added; no database",
            f"{empty.added} added; "
            + ("no database" if not (tmp / "api-empty.duckdb").exists() else "database made")),
        Row("API Newsweave('') and Newsweave('missing')",
            f"no database given; no database at {tmp / 'missing.duckdb'}", "; ".join(refused)),
    ]


FRENCH = ("Les dockers de Varna Bay ont repris le travail vendredi. Le syndicat a accepté "
          "l'offre du port. La grève est finie.")
GERMAN = ("Die Hafenarbeiter in Varna Bay kehrten am Freitag zur Arbeit zurück, nachdem ihre "
          "Gewerkschaft ein Lohnangebot angenommen hatte. Der Streik hatte vierzig Schiffe vor "
          "der Küste festgehalten, sagte ein Sprecher des Hafens am Abend.")
BRIEF = "Dockworkers at Varna Bay ended their strike on Friday after accepting a pay offer."


def case_lost_data(tmp: Path) -> list[Row]:
    """Reports once lost: other languages, one-sentence briefs, unparseable pages, bidi titles."""
    folder = write_corpus(tmp / "lost", 2)
    (folder / "fr-short.txt").write_text(f"Title: Fin de la grève\n\n{FRENCH}\n",
                                         encoding="utf-8")
    (folder / "de.html").write_text(f'<html lang="de"><head><title>Hafen</title></head><body>'
                                    f"<article><p>{GERMAN}</p></article></body></html>",
                                    encoding="utf-8")
    (folder / "brief.jsonl").write_text(json.dumps({"title": BRIEF, "text": BRIEF}) + "\n",
                                        encoding="utf-8")
    (folder / "deep.html").write_text(
        "<html><head><title>Deep page</title></head><body>" + "<div>" * 300 + f"<p>{BRIEF} "
        "The port reopened on Saturday.</p>" + "</div>" * 300 + "</body></html>",
        encoding="utf-8")
    text = ("The harbour was busy again today and the ferries ran late. " * 170_000).strip()
    (folder / "long-paragraph.html").write_text(
        f"<html><head><title>Busy harbour</title></head><body><p>{text}</p></body></html>",
        encoding="utf-8")
    (folder / "bidi.txt").write_text(f"Title: Fares \u202eesir\u202c on Olm\n\n{BRIEF} "
                                     "Islanders said they would protest.\n", encoding="utf-8")
    db = tmp / "lost.duckdb"
    proc = cli("run", str(folder), "--db", str(db), "-q")
    rows = {Path(r[0]).name: r[1:] for r in _query(
        db, "SELECT source_path, language, title, length(body) FROM articles")}
    notes = {n.split(": ")[0].replace(f"{folder}/", "") for n in _notes(proc.stderr)}
    other = re.search(r"(\d+) in other languages", proc.stderr)
    return [
        Row("lost: mixed languages (en, short fr, de)",
            "exit 0; fr-short fr, de de stored; 2 counted",
            f"{_clean_exit(proc)}; fr-short {rows.get('fr-short.txt', ['-'])[0]}, "
            f"de {rows.get('de.html', ['-'])[0]} stored; "
            f"{other.group(1) if other else 0} counted"),
        Row("lost: one-sentence brief, title = text", "stored",
            "stored" if "brief.jsonl:1" in rows else "lost"),
        Row("lost: page 303 elements deep", "stored; noted",
            ("stored" if "deep.html" in rows else "lost")
            + ("; noted" if "deep.html" in notes else "; no note")),
        Row("lost: page with a 10 MB paragraph", "stored; noted",
            ("stored" if "long-paragraph.html" in rows else "lost")
            + ("; noted" if "long-paragraph.html" in notes else "; no note")),
        Row("lost: title with U+202E", "title 'Fares esir on Olm'",
            f"title {rows.get('bidi.txt', ['', 'missing'])[1]!r}"),
    ]


def case_hostile_folder(tmp: Path, huge_mb: int, bomb_mb: int) -> tuple[list[Row], dict]:
    """The original hostile folder: good files stored, bad ones named, no entity leaked."""
    folder = tmp / "inputs"
    good, bad = build_folder(folder, huge_mb=huge_mb, bomb_mb=bomb_mb)
    code, stderr, seconds, peak = run_child(folder, tmp / "h.duckdb")
    result = check(folder, tmp / "h.duckdb", good, bad, code, stderr)
    result.update(seconds=round(seconds, 1), peak_rss_mb=round(peak))
    return [
        Row(f"folder of {len(bad)} hostile items + good files",
            f"exit 1; {good} good stored; 0 bad unnamed",
            f"exit {code}; {result['good_stored']} good stored; "
            f"{len(result['bad_unnamed'])} bad unnamed"),
        Row("feed with an external entity", "secret leaked 0 times",
            f"secret leaked {result['secret_leaked']} times"),
        Row("peak RSS of the run", f"under {RSS_LIMIT_MB} MB",
            f"under {RSS_LIMIT_MB} MB" if peak < RSS_LIMIT_MB else f"{peak:.0f} MB"),
    ], result


def print_table(rows: list[Row]) -> None:
    """The table: case | expected | observed, differences marked."""
    width = max(len(r.case) for r in rows)
    print(f"{'case':<{width}} | expected | observed")
    for row in rows:
        mark = "" if row.ok else "   <-- DIFFERS"
        print(f"{row.case:<{width}} | {row.expected} | {row.observed}{mark}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--huge-mb", type=int, default=200)
    parser.add_argument("--bomb-mb", type=int, default=1024)
    args = parser.parse_args(argv)
    started = time.monotonic()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="nw-hostile-") as name:
        tmp = Path(name)
        folder_rows, detail = case_hostile_folder(tmp, args.huge_mb, args.bomb_mb)
        rows += folder_rows
        rows += case_long_body(tmp)
        rows += case_odd_names(tmp)
        rows += case_jsonl(tmp)
        rows += case_special_files(tmp)
        rows += case_unreadable_folders(tmp)
        rows += case_disk_full(tmp)
        rows += case_damaged_db(tmp)
        demo = tmp / "demo.duckdb"
        cli("run", "--db", str(demo), "-q")
        rows += case_bad_settings(tmp, demo)
        rows += case_api(tmp)
        rows += case_lost_data(tmp)
    print_table(rows)
    differ = sum(not r.ok for r in rows)
    print(f"\n{len(rows)} cases, {len(rows) - differ} as expected, {differ} differ; "
          f"hostile folder: {detail['seconds']} s, peak RSS {detail['peak_rss_mb']} MB; "
          f"total {time.monotonic() - started:.0f} s")
    return 0 if differ == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
