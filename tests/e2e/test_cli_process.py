"""The CLI as a whole process (``python -m newsweave run``): Ctrl-C and standard input.

Kept apart from test_cli.py because each test starts a process of its own that
loads the models: test files run on different test workers (``--dist loadfile``),
so the two files share the wall time.
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests.e2e._reports import GOOD_REPORT
from tests.e2e._signals import terminal_ctrl_c


def test_ctrl_c_says_what_was_stored(tmp_path):
    import signal
    import time

    import duckdb

    body = GOOD_REPORT.split("\n\n", 1)[1].strip()
    wire = tmp_path / "wire.jsonl"
    wire.write_text("".join(json.dumps({"title": f"Report {n}", "text": f"Report {n} of {n * 7} "
                                        f"ships. {body}"}) + "\n" for n in range(5000)))
    db = tmp_path / "int.duckdb"
    with terminal_ctrl_c():
        proc = subprocess.Popen([sys.executable, "-m", "newsweave", "run", str(wire), "--db",
                                 str(db), "--quiet"], stderr=subprocess.PIPE, text=True)
    # Interrupt once the first batch is committed: the write-ahead log grows past
    # the schema's 8 kB (a batch of 64 articles adds over 20 kB).
    wal = db.with_name(db.name + ".wal")
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline and (
            not wal.exists() or wal.stat().st_size < 20_000):
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=120)
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert proc.returncode == 130, stderr
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    conn = duckdb.connect(str(db), read_only=True)
    stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    events = conn.execute("SELECT count(DISTINCT article_id) FROM mentions").fetchone()[0]
    conn.close()
    assert 0 < stored < 5000 and events <= stored
    assert lines[0].startswith(f"interrupted: {stored} articles stored in {db} ")


def test_run_reads_standard_input_when_asked(tmp_path):
    db = tmp_path / "stdin.duckdb"
    proc = subprocess.run([sys.executable, "-m", "newsweave", "run", "-", "--db", str(db), "-q"],
                          input=GOOD_REPORT, capture_output=True, text=True, timeout=300,
                          check=False)
    assert proc.returncode == 0, proc.stderr
    assert "1 articles added" in proc.stderr
