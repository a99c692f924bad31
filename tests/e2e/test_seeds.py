"""The two real seed reports (read from ../shared at test time, skipped when absent)."""

from __future__ import annotations

import json

import pytest

from newsweave import Newsweave
from newsweave.resolve.actors import role_key


def test_seeds_make_one_story_without_headline_events(seeds, seeds_run):
    db, report = seeds_run
    assert report.errors == []
    raw = (seeds / "000_be5a18dfd685721b.txt").read_text(encoding="utf-8")
    tail = raw.split("Latest Updates", 1)[1]
    headlines = [line.strip() for line in tail.splitlines() if len(line.strip()) > 25]
    assert len(headlines) >= 8
    with Newsweave(db) as nw:
        stories = nw.stories()
        assert len(stories) == 1 and len(stories[0].article_ids) == 2
        texts = [r["text"] for r in nw.rows("SELECT text FROM events UNION ALL "
                                            "SELECT text FROM claims")]
    for headline in headlines:
        assert not any(headline[:40] in t for t in texts), headline


def test_seed_brief_gives_umerov_one_defence_minister_role(seeds_run):
    # one outlet writes "Defence Minister", the other "Defense Minister": one role
    db, _ = seeds_run
    with Newsweave(db) as nw:
        story = nw.stories()[0]
        brief = json.loads(nw.brief(story.id, "json"))
    umerov = next(a for a in brief["actors"] if a["name"] == "Rustem Umerov")
    ministers = [r for r in umerov["roles"] if role_key(r["role"]) == "defence minister"]
    assert len(ministers) == 1
    outlets = sorted(brief["outlets"])
    assert len(outlets) == 2 and ministers[0]["outlets"] == outlets
