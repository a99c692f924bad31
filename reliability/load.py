"""Load: N concurrent clients for T seconds against ``newsweave serve`` on 127.0.0.1.

The server runs as a real ``newsweave serve`` process over a database (the
demo corpus processed first when none is given); the clients (httpx, asyncio)
cycle through the API list and detail routes and the web pages. Counts any
error (a non-2xx status, a timeout, a dropped connection) and records latency
percentiles.

Usage (bounded: 30 s of load plus start-up):
    .venv/bin/python -m reliability.load --clients 50 --seconds 30 [--db FILE]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import duckdb
import httpx

REPO = Path(__file__).resolve().parents[1]
REQUEST_TIMEOUT_S = 30.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def routes(db: Path) -> list[str]:
    """The paths the clients request, in turn: lists, details, filters and pages."""
    conn = duckdb.connect(str(db), read_only=True)
    try:
        story = conn.execute("SELECT id FROM stories ORDER BY len(article_ids) DESC").fetchone()[0]
        article = conn.execute("SELECT id FROM articles LIMIT 1").fetchone()[0]
        actor = conn.execute("SELECT id FROM actors LIMIT 1").fetchone()[0]
    finally:
        conn.close()
    return ["/api/stories", f"/api/stories/{story}", "/api/events?limit=100",
            "/api/events?event_type=PROTEST", "/api/actors", f"/api/actors/{actor}",
            f"/api/articles/{article}", "/api/facts?limit=50", "/api/places", "/api/positions",
            "/api/stories?q=talks", "/", f"/stories/{story}", f"/articles/{article}", "/actors"]


async def client(http: httpx.AsyncClient, paths: list[str], offset: int, until: float,
                 latencies: list[float], errors: Counter[str]) -> None:
    """One client: request the paths in turn (starting at ``offset``) until ``until``."""
    n = offset
    while time.monotonic() < until:
        path = paths[n % len(paths)]
        n += 1
        started = time.perf_counter()
        try:
            response = await http.get(path)
            if response.status_code >= 400:
                errors[f"{response.status_code} {path}"] += 1
        except httpx.HTTPError as exc:
            errors[f"{type(exc).__name__} {path}"] += 1
            continue
        latencies.append(time.perf_counter() - started)


async def load(base: str, paths: list[str], clients: int, seconds: float) -> dict:
    """Run the clients; latency percentiles (ms), request and error counts."""
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=REQUEST_TIMEOUT_S, limits=limits) as http:
        until = time.monotonic() + seconds
        await asyncio.gather(*(client(http, paths, i, until, latencies, errors)
                               for i in range(clients)))
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    return {"clients": clients, "seconds": seconds, "requests": len(latencies) + sum(errors.values()),
            "errors": sum(errors.values()), "error_kinds": dict(errors.most_common(10)),
            "requests_per_s": round(len(latencies) / seconds, 1),
            "p50_ms": round(cuts[49] * 1000, 1), "p95_ms": round(cuts[94] * 1000, 1),
            "p99_ms": round(cuts[98] * 1000, 1), "max_ms": round(max(latencies) * 1000, 1)}


def serve(db: Path, port: int, log: object) -> subprocess.Popen:
    """Start ``newsweave serve`` on 127.0.0.1:port; return once it answers."""
    proc = subprocess.Popen([sys.executable, "-m", "newsweave", "serve", "--db", str(db),
                             "--port", str(port)], cwd=REPO, stderr=log, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stories", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("the server did not start (see its log)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--db", type=Path, help="a database (default: the demo corpus, processed)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="nw-load-") as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "demo.duckdb"
            subprocess.run([sys.executable, "-m", "newsweave", "run", "--db", str(db), "-q"],
                           cwd=REPO, check=True)
        port = _free_port()
        log = (Path(tmp) / "server.log").open("w")
        server = serve(db, port, log)
        try:
            result = asyncio.run(load(f"http://127.0.0.1:{port}", routes(db), args.clients,
                                      args.seconds))
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            log.close()
        if result["errors"]:
            result["server_log_tail"] = (Path(tmp) / "server.log").read_text()[-3000:]
    result["db"] = str(args.db or "demo corpus")
    print(json.dumps(result, indent=2))
    return 0 if result["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
