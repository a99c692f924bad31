"""Outlet identity (issue 19, point 9): one name per outlet, so none is counted twice."""

from __future__ import annotations

import json

import pytest

from newsweave.clean.outlets import (
    OutletAliasError,
    OutletNames,
    fold_outlet,
    load_outlet_aliases,
    outlet_aliases,
    outlet_key,
)


@pytest.mark.parametrize(("given", "folded"), [
    ("Harbour Herald", "Harbour Herald"),
    ("  Harbour \t  Herald \n", "Harbour Herald"),
    ("www.example.com", "example.com"),
    ("WWW.Example.COM", "example.com"),
    ("https://www.example.com/", "example.com"),
    ("http://news.example.co.uk", "news.example.co.uk"),
    ("example.com.", "example.com"),
    ("www2.example.com", "example.com"),
    ("St. Mary's Gazette", "St. Mary's Gazette"),
    ("Example.com Daily", "Example.com Daily"),
    ("", ""),
])
def test_fold_outlet(given, folded):
    assert fold_outlet(given) == folded


def test_spellings_of_one_outlet_share_a_key():
    assert len({outlet_key(n) for n in ("Harbour Herald", "harbour herald", "HARBOUR  HERALD",
                                        " Harbour Herald ")}) == 1
    assert outlet_key("www.Example.com") == outlet_key("example.com")
    assert outlet_key("Harbour Herald") != outlet_key("Harbour Heralds")


def test_outlet_names_keep_the_first_spelling_and_apply_aliases():
    names = OutletNames(stored=["Harbour Herald"],
                        aliases=outlet_aliases({"Meridian Ledger": ["ML", "meridian.test"]}))
    assert names.fold("harbour herald") == "Harbour Herald"
    assert names.fold("HARBOUR HERALD ") == "Harbour Herald"
    assert names.fold("ml") == "Meridian Ledger"
    assert names.fold("www.meridian.test") == "Meridian Ledger"
    assert names.fold("meridian ledger") == "Meridian Ledger"
    assert names.fold("Tidewater Dispatch") == "Tidewater Dispatch"
    assert names.fold("TIDEWATER DISPATCH") == "Tidewater Dispatch"  # first spelling kept
    assert names.fold("www.Other.test") == "other.test"


def test_the_store_spelling_wins_over_an_alias_target_in_another_case():
    names = OutletNames(stored=["meridian ledger"],
                        aliases=outlet_aliases({"Meridian Ledger": ["ML"]}))
    assert names.fold("ML") == "meridian ledger"


def test_load_outlet_aliases(tmp_path):
    path = tmp_path / "aliases.json"
    path.write_text(json.dumps({"Harbour Herald": ["HH", "www.harbourherald.test"]}),
                    encoding="utf-8")
    assert load_outlet_aliases(path) == {
        "harbour herald": "Harbour Herald", "hh": "Harbour Herald",
        "harbourherald.test": "Harbour Herald"}


@pytest.mark.parametrize(("content", "message"), [
    ("[1, 2]", "JSON object"),
    ('{"Harbour Herald": "HH"}', "list of names"),
    ('{"A": ["X"], "B": ["x"]}', "alias of both"),
    ('{"": ["X"]}', "empty canonical"),
    ("{not json", "cannot read"),
])
def test_a_bad_alias_file_says_why(tmp_path, content, message):
    path = tmp_path / "aliases.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(OutletAliasError, match=message):
        load_outlet_aliases(path)


def test_a_missing_alias_file_says_so(tmp_path):
    with pytest.raises(OutletAliasError, match="cannot read"):
        load_outlet_aliases(tmp_path / "missing.json")
