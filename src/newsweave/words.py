"""Word lists as data: the one loader for ``newsweave/data/words/``.

Every stage matches text against lists of words (number words, months,
reporting verbs, ...). They live as data files, one list per file, so that a
list is written once, read the same way by every stage, and can be read and
changed without reading the code that uses it. This module sits below every
stage (it imports nothing from the package), so any stage may load a list.

Two formats:

- ``NAME.txt``: a list, one entry per line. ``#`` starts a comment (to the end
  of the line); blank lines are skipped; an entry may hold spaces ("more than").
  Read by :func:`word_list` (file order) and :func:`word_set`.
- ``NAME.toml``: a mapping from a word or phrase to a value, read by
  :func:`word_map` (string values), :func:`number_map` (integer values) and
  :func:`grouped_map` (a key listing the words that map to it).

Lists are read once per process and cached; a missing list or a malformed one
raises :class:`WordListError` naming the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

WORDS_DIR = Path(__file__).resolve().parent / "data" / "words"


class WordListError(ValueError):
    """A word list is missing or malformed."""


def word_list(name: str, *, directory: Path = WORDS_DIR) -> tuple[str, ...]:
    """The entries of ``NAME.txt``, in file order.

    Args:
        name: the list's file name without ``.txt`` ("months").
        directory: where the lists are; the shipped ones by default.

    Raises:
        WordListError: the file does not exist or lists an entry twice.
    """
    return _read_list(directory, name)


def word_set(name: str, *, directory: Path = WORDS_DIR) -> frozenset[str]:
    """The entries of ``NAME.txt`` as a set (see :func:`word_list`)."""
    return _read_set(directory, name)


def word_map(name: str, *, directory: Path = WORDS_DIR) -> dict[str, str]:
    """``NAME.toml`` as a mapping of words to strings, in file order.

    A new dict on every call, so a caller may change its copy.

    Raises:
        WordListError: the file does not exist, does not parse, or holds a
            value that is not a string.
    """
    out: dict[str, str] = {}
    for key, value in _table(directory, name).items():
        if not isinstance(value, str):
            raise _wrong_value(directory, name, key, value, "a string")
        out[key] = value
    return out


def number_map(name: str, *, directory: Path = WORDS_DIR) -> dict[str, int]:
    """``NAME.toml`` as a mapping of words to integers, in file order.

    Raises:
        WordListError: the file does not exist, does not parse, or holds a
            value that is not an integer.
    """
    out: dict[str, int] = {}
    for key, value in _table(directory, name).items():
        # bool is an int to Python, never a number word's value
        if not isinstance(value, int) or isinstance(value, bool):
            raise _wrong_value(directory, name, key, value, "an integer")
        out[key] = value
    return out


def grouped_map(name: str, *, directory: Path = WORDS_DIR) -> dict[str, str]:
    """Each word of ``NAME.toml`` mapped to the key of its group, in file order.

    The file lists groups, ``key = ["word", "other word", ...]``, which reads
    better than one line per word when many words fold into one
    (``lead = ["led", "heads", "chaired"]``).

    Raises:
        WordListError: the file does not exist, does not parse, holds a value
            that is not a list of strings, or puts a word in two groups.
    """
    out: dict[str, str] = {}
    for key, words in _table(directory, name).items():
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise _wrong_value(directory, name, key, words, "a list of words")
        for word in words:
            if word in out:
                raise WordListError(f"{_path(directory, name, '.toml')}: {word!r} is in both "
                                    f"{out[word]!r} and {key!r}")
            out[word] = key
    return out


def word_file(name: str, *, directory: Path = WORDS_DIR) -> Path:
    """The file a list is read from (``NAME.txt``, else ``NAME.toml``): for a
    cache key that must change when the list does.

    Raises:
        WordListError: neither file exists.
    """
    txt = _path(directory, name, ".txt")
    return txt if txt.is_file() else _existing(directory, name, ".toml")


def available(*, directory: Path = WORDS_DIR) -> list[str]:
    """The names of the lists in ``directory`` (both formats), sorted."""
    return sorted(p.stem for p in directory.iterdir() if p.suffix in (".txt", ".toml"))


def _path(directory: Path, name: str, suffix: str) -> Path:
    return directory / f"{name}{suffix}"


def _existing(directory: Path, name: str, suffix: str) -> Path:
    path = _path(directory, name, suffix)
    if not path.is_file():
        raise _missing(directory, name, path)
    return path


def _missing(directory: Path, name: str, path: Path) -> WordListError:
    return WordListError(f"no word list {name!r}: {path} does not exist "
                         f"(lists there: {', '.join(available(directory=directory))})")


def _read(directory: Path, name: str, suffix: str) -> tuple[Path, str]:
    """A list's path and text (one open, no separate existence check: a read per list)."""
    path = _path(directory, name, suffix)
    try:
        return path, path.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        raise _missing(directory, name, path) from None


def _entries(text: str) -> Iterator[tuple[int, str]]:
    """(line number, entry) for every line of a list that holds an entry."""
    for number, line in enumerate(text.splitlines(), start=1):
        entry = line.split("#", 1)[0].strip()
        if entry:
            yield number, entry


@cache
def _read_list(directory: Path, name: str) -> tuple[str, ...]:
    path, text = _read(directory, name, ".txt")
    seen: dict[str, int] = {}
    for number, entry in _entries(text):
        if entry in seen:
            # A repeat is a slip in the file; said loudly, since order may matter.
            raise WordListError(f"{path}:{number}: {entry!r} is already listed on "
                                f"line {seen[entry]}")
        seen[entry] = number
    return tuple(seen)


@cache
def _read_set(directory: Path, name: str) -> frozenset[str]:
    return frozenset(_read_list(directory, name))


@cache
def _table(directory: Path, name: str) -> dict[str, Any]:
    # tomllib only when a mapping is first read: the clean stage (imported by
    # every command) reads plain lists only.
    import tomllib

    path, text = _read(directory, name, ".toml")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise WordListError(f"{path}: {exc}") from exc


def _wrong_value(directory: Path, name: str, key: str, value: object,
                 wanted: str) -> WordListError:
    return WordListError(f"{_path(directory, name, '.toml')}: {key!r} must map to {wanted}, "
                         f"not {value!r}")
