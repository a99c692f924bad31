"""The gazetteer is built once per installation and read back from disk (issue 18).

The cache mechanics are tested on a gazetteer without the cities (built in about
a second instead of ten); what is cached is whatever the builder returns.
"""

from __future__ import annotations

import json
import os
import shutil

import pytest

import newsweave.gazetteer as gz


@pytest.fixture()
def small_builds(monkeypatch) -> list[tuple]:
    """Build gazetteers without the cities, and record each build."""
    builds: list[tuple] = []

    def build(extra):
        builds.append(extra)
        return gz.Gazetteer(extra, include_cities=False)

    monkeypatch.setattr(gz, "_build", build)
    return builds


def test_built_once_then_read_back_and_rebuilt_when_damaged(tmp_path, monkeypatch,
                                                            small_builds) -> None:
    monkeypatch.setenv("NEWSWEAVE_CACHE", str(tmp_path))
    load = gz._cached_gazetteer.__wrapped__  # past the per-process cache
    first = load((), ())
    [cached] = list(tmp_path.glob("gazetteer-*.pickle"))
    written = cached.read_bytes()
    again = load((), ())
    assert len(small_builds) == 1 and cached.read_bytes() == written  # read, not rebuilt
    assert again is not first and again.places.keys() == first.places.keys()
    assert again.key == first.key and again.files == first.files
    cached.write_bytes(b"not a pickle")
    rebuilt = load((), ())
    assert len(small_builds) == 2
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


def test_the_key_is_the_contents_not_the_place_of_the_files(tmp_path) -> None:
    """Two checkouts of the same code and data share one cache file."""
    here = tuple(gz.LEXICON_DIR / f for f in gz.BUILTIN_FILES)
    copies = []
    for path in here:
        copies.append(tmp_path / path.name)
        shutil.copyfile(path, copies[-1])
    assert gz.cache_key(tuple(copies)) == gz.cache_key(here)
    copies[0].write_bytes(copies[0].read_bytes() + b" ")
    assert gz.cache_key(tuple(copies)) != gz.cache_key(here)


def test_the_key_covers_the_word_lists_the_gazetteer_reads(monkeypatch) -> None:
    files = tuple(gz.LEXICON_DIR / f for f in gz.BUILTIN_FILES)
    with_lists = gz.cache_key(files)
    # a list edited (here: one fewer read) must not find the cache built before
    monkeypatch.setattr(gz, "GAZETTEER_WORD_LISTS", gz.GAZETTEER_WORD_LISTS[:-1])
    assert gz.cache_key(files) != with_lists


def test_the_cache_folder_keeps_only_the_recently_used_entries(tmp_path) -> None:
    for k in range(gz.CACHE_ENTRIES + 3):
        path = tmp_path / f"gazetteer-{k:024d}.pickle"
        path.write_bytes(b"x")
        os.utime(path, (1_000_000 + k, 1_000_000 + k))
    (tmp_path / "ruler-0.msgpack").write_bytes(b"x")  # another kind: not counted
    dead = tmp_path / "gazetteer-1.pickle.123.tmp"  # left by a process that died writing
    dead.write_bytes(b"x")
    os.utime(dead, (1_000_000, 1_000_000))
    recent = tmp_path / "gazetteer-2.pickle.124.tmp"  # being written now
    recent.write_bytes(b"x")
    gz.write_cached(tmp_path / "gazetteer-new.pickle", b"new")
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted(
        ["gazetteer-new.pickle", "ruler-0.msgpack", recent.name]
        + [f"gazetteer-{k:024d}.pickle" for k in range(4, gz.CACHE_ENTRIES + 3)])
    # reading an entry marks it as used: it outlives newer entries nobody reads
    oldest = tmp_path / f"gazetteer-{4:024d}.pickle"
    assert gz.read_cached(oldest) == b"x"
    for k in range(2):
        gz.write_cached(tmp_path / f"gazetteer-later{k}.pickle", b"y")
    assert oldest.exists()
    assert len(list(tmp_path.glob("gazetteer-*.pickle"))) == gz.CACHE_ENTRIES


def test_the_entity_ruler_is_read_back_and_matches_the_one_built(tmp_path, monkeypatch,
                                                                 small_builds) -> None:
    spacy = pytest.importorskip("spacy")
    from newsweave import annotate

    monkeypatch.setenv("NEWSWEAVE_CACHE", str(tmp_path))
    gazetteer = gz._cached_gazetteer.__wrapped__((), ())
    made = []
    make = gz.Gazetteer.ruler_patterns
    monkeypatch.setattr(gz.Gazetteer, "ruler_patterns",
                        lambda self: made.append(1) or make(self))

    def ruler():
        monkeypatch.setattr(annotate, "_NLP_CACHE", {})
        nlp = annotate.load_nlp(gazetteer=gazetteer)
        return nlp, nlp.get_pipe("entity_ruler")

    nlp, built = ruler()
    [path] = list(tmp_path.glob("ruler-*.msgpack"))
    assert path == annotate.ruler_cache_path(nlp, gazetteer) and made == [1]
    text = "Protesters marched in Kyiv as the European Union met in Brussels on Ukrainian aid."
    expected = [(e.text, e.label_, e.ent_id_) for e in nlp(text).ents]
    assert ("Kyiv", "GPE", "") in expected and ("European Union", "ORG", "") in expected
    nlp, read = ruler()
    assert made == [1]  # read back, not made again
    assert read.patterns == built.patterns and len(read) == len(built)
    assert [(e.text, e.label_, e.ent_id_) for e in nlp(text).ents] == expected
    path.write_bytes(b"\xc1 damaged")
    nlp, again = ruler()
    assert made == [1, 1] and again.patterns == built.patterns
    assert spacy.__version__  # the key names the spaCy version
