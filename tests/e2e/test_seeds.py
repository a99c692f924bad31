"""The two real seed reports (read from ../shared at test time, skipped when absent)."""

from __future__ import annotations

from newsweave import Newsweave, process


def test_seeds_make_one_story_without_headline_events(seeds, tmp_path):
    db = tmp_path / "seeds.duckdb"
    report = process([seeds], db=db)
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
