"""Cut an article body into runs of text, each with the evidence spans that cover it.

Spans overlap (a claim is a sentence, an event lies inside it, a named actor
inside that), so the body is cut at every span boundary and each run carries
the kinds of all spans covering it; the template draws a run as one
``<span>`` with those kinds as CSS classes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

EVIDENCE_KINDS = ("claim", "event", "position")


@dataclass(slots=True)
class Span:
    """A stretch of the body that a record points to."""

    start: int
    end: int
    kind: str
    label: str
    href: str | None = None


@dataclass(slots=True)
class Run:
    """A piece of the body with the kinds and labels of the spans over it."""

    text: str
    start: int
    end: int
    kinds: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)
    target: bool = False
    href: str | None = None


def span_anchor(start: int, end: int) -> str:
    """The HTML id of an evidence span, used by links from the story page."""
    return f"s-{start}-{end}"


def article_spans(article: dict[str, Any]) -> list[Span]:
    """The evidence spans of an article record from :func:`queries.article_detail`."""
    spans = [Span(c["start"], c["end"], "claim", "claim" + (f" ({c['event_type']})"
                                                            if c["event_type"] else ""))
             for c in article["claims"]]
    spans += [Span(e["start"], e["end"], "event", f"event {e['event']}"
                   + (f" · {e['date']}" if e["date"] else "")) for e in article["events"]]
    spans += [Span(p["start"], p["end"], "position", f"{p['party']} {p['stance']}: {p['object']}")
              for p in article["positions"]]
    # a named actor links to its page
    spans += [Span(m["start"], m["end"], "mention-" + m["label"].lower(),
                   m["label"] + (f" → {m['actor_id'] or m['place_id']}"
                                 if (m["actor_id"] or m["place_id"]) else ""),
                   href=f"/actors/{m['actor_id']}" if m["actor_id"] else None)
              for m in article["mentions"]]
    return spans


def cut_runs(body: str, spans: list[Span], target: tuple[int, int] | None = None) -> list[Run]:
    """Cut ``body`` at every span boundary.

    Args:
        body: the article text.
        spans: evidence spans; those outside the body are clipped or dropped.
        target: a ``(start, end)`` to mark as the one the reader came for.

    Returns:
        runs covering the whole body in order.
    """
    size = len(body)
    spans = [Span(max(0, s.start), min(size, s.end), s.kind, s.label, s.href) for s in spans
             if s.end > s.start and s.start < size and s.end > 0]
    cuts = sorted({0, size, *(s.start for s in spans), *(s.end for s in spans),
                   *((max(0, min(size, target[0])), max(0, min(size, target[1])))
                     if target else ())})
    anchored: set[str] = set()
    runs = []
    for start, end in pairwise(cuts):
        over = [s for s in spans if s.start <= start and s.end >= end]
        run = Run(body[start:end], start, end,
                  kinds=sorted({s.kind for s in over}),
                  labels=list(dict.fromkeys(s.label for s in over)),
                  target=bool(target) and target[0] <= start and end <= target[1],
                  href=next((s.href for s in over if s.href), None))
        for s in over:
            anchor = span_anchor(s.start, s.end)
            if s.start == start and s.kind in EVIDENCE_KINDS and anchor not in anchored:
                anchored.add(anchor)
                run.anchors.append(anchor)
        runs.append(run)
    if target:
        # a link may point at a span no stored record starts at: anchor it anyway
        anchor = span_anchor(*target)
        first = next((r for r in runs if r.start >= target[0]), None)
        if first is not None and anchor not in anchored:
            first.anchors.append(anchor)
    return runs
