"""The gazetteer is built once per installation and read back from disk (issue 18)."""

from __future__ import annotations

import json

import newsweave.gazetteer as gz


def test_built_once_then_read_back_and_rebuilt_when_damaged(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("NEWSWEAVE_CACHE", str(tmp_path))
    build = gz._cached_gazetteer.__wrapped__  # past the per-process cache
    first = build((), ())
    [cached] = list(tmp_path.glob("gazetteer-*.pickle"))
    written = cached.stat().st_mtime_ns
    again = build((), ())
    assert again is not first and cached.stat().st_mtime_ns == written  # read, not rebuilt
    assert again.places.keys() == first.places.keys()
    cached.write_bytes(b"not a pickle")
    rebuilt = build((), ())
    assert rebuilt.countries.keys() == first.countries.keys()
    assert cached.read_bytes() != b"not a pickle"


def test_a_user_file_gets_its_own_cache_entry(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("NEWSWEAVE_CACHE", str(tmp_path / "cache"))
    extra = tmp_path / "extra.json"
    extra.write_text(json.dumps({"places": [{"name": "Veskmoor", "country": "XVA",
                                             "lat": 1.0, "lon": 2.0}]}))
    base = gz.cache_key(tuple(gz.LEXICON_DIR / f for f in gz.BUILTIN_FILES))
    with_extra = gz.cache_key(tuple(gz.LEXICON_DIR / f for f in gz.BUILTIN_FILES) + (extra,))
    assert base != with_extra
    extra.write_text(json.dumps({"places": []}))
    assert gz.cache_key(tuple(gz.LEXICON_DIR / f for f in gz.BUILTIN_FILES) + (extra,)) \
        != with_extra
