"""The word-list loader: its two formats, its errors, and every shipped list."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.words import (
    WORDS_DIR,
    WordListError,
    available,
    grouped_map,
    number_map,
    word_file,
    word_list,
    word_map,
    word_set,
)


def _write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def test_comments_and_blank_lines_are_skipped_and_order_is_kept(tmp_path: Path) -> None:
    _write(tmp_path, "tides.txt", "# Tide words of Velmar harbour.\n\nneap\n  spring  \n"
                                  "# a comment between entries\nslack water  # inline comment\n\n")
    assert word_list("tides", directory=tmp_path) == ("neap", "spring", "slack water")
    assert word_set("tides", directory=tmp_path) == frozenset({"neap", "spring", "slack water"})


def test_a_missing_list_names_the_file_it_looked_for(tmp_path: Path) -> None:
    _write(tmp_path, "tides.txt", "neap\n")
    with pytest.raises(WordListError, match=r"'currents'.*currents\.txt does not exist.*tides"):
        word_set("currents", directory=tmp_path)


def test_an_entry_listed_twice_is_an_error_with_both_lines(tmp_path: Path) -> None:
    path = _write(tmp_path, "tides.txt", "neap\nspring\nneap\n")
    with pytest.raises(WordListError, match=rf"{path}:3: 'neap' is already listed on line 1"):
        word_list("tides", directory=tmp_path)


def test_mappings_keep_file_order_and_check_their_values(tmp_path: Path) -> None:
    _write(tmp_path, "ranks.toml", '# Ranks of the Tarvel fleet.\nskipper = "captain"\n'
                                   '"first mate" = "officer"\n')
    _write(tmp_path, "crews.toml", "dinghy = 2\nketch = 6\n")
    assert list(word_map("ranks", directory=tmp_path).items()) == [
        ("skipper", "captain"), ("first mate", "officer")]
    assert number_map("crews", directory=tmp_path) == {"dinghy": 2, "ketch": 6}
    with pytest.raises(WordListError, match=r"crews\.toml: 'dinghy' must map to a string"):
        word_map("crews", directory=tmp_path)
    with pytest.raises(WordListError, match=r"ranks\.toml: 'skipper' must map to an integer"):
        number_map("ranks", directory=tmp_path)


def test_a_mapping_copy_may_be_changed_without_touching_the_next_read(tmp_path: Path) -> None:
    _write(tmp_path, "crews.toml", "dinghy = 2\n")
    number_map("crews", directory=tmp_path)["dinghy"] = 99
    assert number_map("crews", directory=tmp_path) == {"dinghy": 2}


def test_grouped_maps_fold_each_word_to_its_key(tmp_path: Path) -> None:
    _write(tmp_path, "sail.toml", 'hoist = ["hoisted", "raises"]\nfurl = ["furled"]\n')
    assert grouped_map("sail", directory=tmp_path) == {
        "hoisted": "hoist", "raises": "hoist", "furled": "furl"}
    _write(tmp_path, "twice.toml", 'hoist = ["raised"]\nlift = ["raised"]\n')
    with pytest.raises(WordListError, match="'raised' is in both 'hoist' and 'lift'"):
        grouped_map("twice", directory=tmp_path)


def test_word_file_names_the_file_a_list_is_read_from(tmp_path: Path) -> None:
    _write(tmp_path, "tides.txt", "neap\n")
    _write(tmp_path, "crews.toml", "dinghy = 2\n")
    assert word_file("tides", directory=tmp_path) == tmp_path / "tides.txt"
    assert word_file("crews", directory=tmp_path) == tmp_path / "crews.toml"
    with pytest.raises(WordListError, match="currents"):
        word_file("currents", directory=tmp_path)


def test_a_broken_toml_file_is_named(tmp_path: Path) -> None:
    _write(tmp_path, "broken.toml", "skipper = \n")
    with pytest.raises(WordListError, match=r"broken\.toml"):
        word_map("broken", directory=tmp_path)


@pytest.mark.parametrize("name", available())
def test_every_shipped_list_loads_is_not_empty_and_says_what_it_is(name: str) -> None:
    txt = WORDS_DIR / f"{name}.txt"
    if txt.exists():
        entries: tuple[str, ...] | list[str] = word_list(name)
        header = txt.read_text(encoding="utf-8").splitlines()[0]
    else:
        table = (WORDS_DIR / f"{name}.toml").read_text(encoding="utf-8")
        values = [line.split("=", 1)[1].strip() for line in table.splitlines()
                  if "=" in line and not line.startswith("#")]
        if values[0].startswith("["):
            entries = list(grouped_map(name))
        elif values[0].startswith('"'):
            entries = list(word_map(name))
        else:
            entries = list(number_map(name))
        header = table.splitlines()[0]
    assert entries, f"{name} is empty"
    assert header.startswith("# "), f"{name} has no header saying what it is for"
    text = next(WORDS_DIR.glob(f"{name}.*")).read_text(encoding="utf-8")
    assert "# Written for newsweave by its authors." in text


def test_the_shipped_lists_are_package_data() -> None:
    # pyproject ships data/**/*: the lists must sit under data/ to be installed.
    assert WORDS_DIR.parts[-2:] == ("data", "words")
    assert len(available()) >= 80
