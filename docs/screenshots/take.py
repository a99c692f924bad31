"""Retake the README's screenshots: the events explorer and a story page's coverage grid
and map, at 1280 px and on a 390 px phone, from the demo corpus.

    PYTHONPATH=src python docs/screenshots/take.py [--db DEMO.duckdb]

Debian's Chromium through Playwright (as the browser tests), a server of the app on
127.0.0.1 (``tests/browser.py``). Each picture is clipped to at most ``MAX_HEIGHT``
CSS pixels, taken at one device pixel per CSS pixel, then shrunk with ``pngquant``
(256 colours) and ``optipng`` when they are installed (``apt-get install pngquant
optipng``).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent
MAX_HEIGHT = 1600
SIZES = {1280: {"width": 1280, "height": 900}, 390: {"width": 390, "height": 844}}


@dataclass(frozen=True, slots=True)
class Shot:
    """One picture: a page, the part of it to keep, and what to do first."""

    name: str
    path: str
    # a CSS selector of the part to keep; None keeps the top of the page
    part: str | None = None
    # the map zoom buttons to press first (the demo's invented countries lie at sea:
    # one step out shows the nearest real coasts)
    zoom: tuple[str, ...] = ()
    wait_for: str = ""
    # a CSS selector inside the part: keep the part down to this element's bottom only
    until: str | None = None


def demo_database() -> Path:
    """The demo corpus processed into a temporary DuckDB file."""
    from newsweave import process

    db = Path(tempfile.mkdtemp(prefix="newsweave-shots-")) / "demo.duckdb"
    report = process(None, db=db)
    if report.errors:
        raise SystemExit(f"the demo did not process: {report.errors}")
    return db


def shots(db: Path) -> list[Shot]:
    """The README's pictures: the explorer, a story's coverage grid and its map."""
    from newsweave.api import Newsweave

    with Newsweave(db) as nw:
        story = nw.stories()[0].id
    page = f"/stories/{story}"
    drawn = "svg.world-map[data-basemap-state=drawn]"
    return [Shot("explore", "/explore", wait_for=drawn),
            Shot("story", page, part="#coverage", wait_for=drawn),
            Shot("story-map", page, part="#map", zoom=("out",), wait_for=drawn,
                 until="#map table.places tbody tr:first-child")]


BOX_JS = """(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
  return {y: r.top + window.scrollY, height: r.height}; }"""


def clip(tab: Any, part: str | None, until: str | None = None) -> dict[str, float]:
    """The region to keep: the part (or the page's top), down to the bottom of ``until``
    when given, at most ``MAX_HEIGHT`` high."""
    width = tab.evaluate("document.documentElement.clientWidth")
    if part is None:
        height = tab.evaluate("document.documentElement.scrollHeight")
        return {"x": 0, "y": 0, "width": width, "height": min(height, MAX_HEIGHT)}
    box = tab.evaluate(BOX_JS, part)
    top = max(box["y"] - 8, 0)
    bottom = box["y"] + box["height"] + 8
    if until:
        end = tab.evaluate(BOX_JS, until)
        bottom = end["y"] + end["height"] + 8
    return {"x": 0, "y": top, "width": width, "height": min(bottom - top, MAX_HEIGHT)}


def take(browser: Any, base: str, shot: Shot, width: int) -> Path:
    """One picture of ``shot`` at ``width`` px, written to ``OUT``."""
    context = browser.new_context(viewport=SIZES[width], device_scale_factor=1,
                                  is_mobile=width < 600, has_touch=width < 600)
    try:
        tab = context.new_page()
        tab.goto(base + shot.path)
        if shot.wait_for:
            tab.wait_for_selector(shot.wait_for, timeout=30_000)
        for button in shot.zoom:
            tab.locator(f"{shot.part or ''} [data-zoom={button}]").first.click()
        target = OUT / f"{shot.name}-{width}.png"
        tab.screenshot(path=str(target), full_page=True, 
                      clip=clip(tab, shot.part, shot.until))
    finally:
        context.close()
    return target


def shrink(png: Path) -> None:
    """Fewer colours (pngquant) and tighter compression (optipng), where installed."""
    if shutil.which("pngquant"):
        subprocess.run(["pngquant", "--force", "--skip-if-larger", "--strip", "--quality=70-95",
                        "--output", str(png), "256", str(png)], check=False)
    if shutil.which("optipng"):
        subprocess.run(["optipng", "-quiet", "-o5", "-strip", "all", str(png)], check=True)


def main(argv: list[str] | None = None) -> None:
    """Take every picture at both sizes."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="a processed demo corpus (default: process it)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM, CHROMIUM_ARGS, serve

    db = args.db or demo_database()
    server = serve(db)
    base = next(server)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            for shot in shots(db):
                for width in SIZES:
                    png = take(browser, base, shot, width)
                    shrink(png)
                    print(f"{png.relative_to(REPO)}: {png.stat().st_size:,} bytes")
            browser.close()
    finally:
        server.close()


if __name__ == "__main__":
    main()
