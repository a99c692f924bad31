"""Outlet identity: one name per outlet, so that no outlet is ever counted twice.

Reports name their outlet in many ways: ``Harbour Herald``, ``harbour herald``,
``HARBOUR  HERALD``, ``www.harbourherald.test`` and ``harbourherald.test``, or
a name the user knows to be the same outlet (``HH``). Corroboration counts
independent outlets, so each spelling must come to one name:

1. :func:`fold_outlet` (every article, in ``clean_document``): spaces collapsed;
   a bare domain lower-cased, without a scheme, ``www.`` or a trailing slash.
2. :class:`OutletNames` (the store's writer, over the whole database): the user's
   alias file first, then the spelling the store already holds for the same name
   in another case; the first spelling stored is kept.

The alias file is JSON, each canonical name with the names that mean it::

    {"Harbour Herald": ["HH", "harbourherald.test", "The Harbour Herald"]}

It is named by ``NEWSWEAVE_OUTLET_ALIASES`` or ``newsweave run --outlet-aliases``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

# a bare domain, perhaps with a scheme, www. and a trailing slash: "https://www.Example.com/"
DOMAIN_RE = re.compile(
    r"^(?:https?://)?(?:www\d?\.)?"
    r"((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63})\.?/?$", re.IGNORECASE)
MAX_ALIAS_FILE_BYTES = 5 * 1024 * 1024


class OutletAliasError(ValueError):
    """The outlet alias file cannot be used; the message says why and what the format is."""


def fold_outlet(name: str) -> str:
    """The outlet's name in its one written form.

    Args:
        name: the outlet as a report gives it.

    Returns:
        the name with its spaces collapsed; a domain (``www.Example.com/``)
        lower-cased without scheme, ``www.`` and trailing slash (``example.com``).

    >>> fold_outlet("  Harbour   Herald ")
    'Harbour Herald'
    >>> fold_outlet("https://www.Harbour-Herald.test/")
    'harbour-herald.test'
    """
    name = " ".join(name.split())
    match = DOMAIN_RE.match(name)
    return match.group(1).lower() if match else name


def outlet_key(name: str) -> str:
    """What two spellings of one outlet share: the folded name, case-folded."""
    return fold_outlet(name).casefold()


def load_outlet_aliases(path: str | Path) -> dict[str, str]:
    """Read an alias file: ``{"Canonical Name": ["alias", ...], ...}``.

    Args:
        path: the JSON file.

    Returns:
        each alias's :func:`outlet_key` (the canonical name's too) -> the canonical name.

    Raises:
        OutletAliasError: the file is missing, too large, not JSON of that shape,
            or gives one alias two canonical names.
    """
    path = Path(path)
    try:
        if path.stat().st_size > MAX_ALIAS_FILE_BYTES:
            raise OutletAliasError(f"{path.name} is larger than {MAX_ALIAS_FILE_BYTES} bytes")
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise OutletAliasError(f"cannot read the outlet alias file {path.name}: {exc}") from exc
    return outlet_aliases(data)


def outlet_aliases(data: object) -> dict[str, str]:
    """The alias map of :func:`load_outlet_aliases` from the file's parsed JSON."""
    shape = 'the format is {"Canonical Name": ["alias", ...]}'
    if not isinstance(data, dict):
        raise OutletAliasError(f"the outlet alias file must hold a JSON object; {shape}")
    aliases: dict[str, str] = {}
    for canonical, names in data.items():
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise OutletAliasError(f"the aliases of {canonical!r} must be a list of names; "
                                   f"{shape}")
        target = fold_outlet(canonical)
        if not target:
            raise OutletAliasError(f"an empty canonical name; {shape}")
        for name in (canonical, *names):
            key = outlet_key(name)
            if aliases.get(key, target) != target:
                raise OutletAliasError(f"{name!r} is an alias of both {aliases[key]!r} and "
                                       f"{target!r}")
            if key:
                aliases[key] = target
    return aliases


class OutletNames:
    """One spelling per outlet across a store: the user's aliases, then the first spelling kept.

    Args:
        stored: the outlet names the store already holds, oldest first; a new
            spelling of one of them (another case) takes the stored one.
        aliases: from :func:`load_outlet_aliases`; an alias takes its canonical
            name (unless the store holds that name in another case already).
    """

    def __init__(self, stored: Iterable[str] = (), aliases: Mapping[str, str] | None = None
                 ) -> None:
        self._aliases = dict(aliases or {})
        self._spellings: dict[str, str] = {}
        for name in stored:
            self._spellings.setdefault(outlet_key(name), name)

    def fold(self, name: str) -> str:
        """The one name of the outlet ``name`` names."""
        folded = fold_outlet(name)
        folded = self._aliases.get(folded.casefold(), folded)
        return self._spellings.setdefault(folded.casefold(), folded)
