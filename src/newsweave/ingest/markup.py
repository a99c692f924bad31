"""Rendering parsed HTML as lines of text, shared by the feed reader and the cleaner."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any


def block_lines(root: Any, *, drop: Iterable[str], blocks: Collection[str]) -> list[str]:
    """The non-empty, whitespace-folded lines of an lxml tree, one per block element.

    Args:
        root: an lxml.html element (changed in place: ``drop`` elements are removed).
        drop: tags whose whole subtree is not text (script, style, ...).
        blocks: tags that start and end a line.
    """
    for element in list(root.iter(*drop)):
        element.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in blocks:
            element.text = "\n" + (element.text or "")
            element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return [line for line in lines if line]
