"""An article longer than spaCy takes is coded in pieces, its spans in place in the whole body."""

from __future__ import annotations

from itertools import pairwise

from newsweave.config import DEFAULT_MODEL
from newsweave.engines.chain import ChainConfig, process_batch, split_pieces
from newsweave.records import ArticleResult, RawDoc
from tests.conftest import make_article

SENTENCES = [
    "Police arrested {n} protesters in Lagos on Monday after a march against fuel prices.",
    "The Nigerian government said {n} officers were injured in the clashes in Abuja.",
    "President Bola Tinubu met union leaders in Abuja on Tuesday to end the strike.",
]


def _body(count: int) -> str:
    return " ".join(SENTENCES[n % 3].format(n=n + 2) for n in range(count))


def test_pieces_cover_the_body_between_sentences() -> None:
    article = make_article("\n".join(SENTENCES[n % 3].format(n=n) for n in range(30)))
    pieces = split_pieces(article, 300)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(article.body)
    assert all(end - start <= 300 for start, end in pieces)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in pairwise(pieces))
    starts = {s for s, _ in article.sentences}
    assert all(start in starts for start, _ in pieces)


def test_a_sentence_longer_than_a_piece_is_cut_at_a_space() -> None:
    article = make_article("word " * 200)
    pieces = split_pieces(article, 101)
    assert all(end - start <= 101 for start, end in pieces)
    assert all(article.body[end] == " " for _, end in pieces[:-1])


def test_a_long_article_is_coded_in_pieces_with_its_spans_in_place() -> None:
    body = _body(40)
    raw = RawDoc("long.txt", "long.txt", "text", text=f"Title: Lagos protests\n\n{body}\n")
    config = ChainConfig(model=DEFAULT_MODEL, max_chars=1000, piece_chars=1000)
    (result,) = process_batch([raw], config)
    assert isinstance(result, ArticleResult)
    article = result.article
    assert len(article.body) > 3000
    assert any("coded in 4 pieces" in note for note in article.notes)
    assert result.mentions and result.events
    for row in [*result.mentions, *result.events, *result.claims]:
        assert row.article_id == article.id
        # a headline claim indexes the title, every other span the body
        text = article.title if getattr(row, "part", "body") == "title" else article.body
        assert text[row.start:row.end] == row.text
    assert sum(c.part == "title" for c in result.claims) <= 1  # once, not once a piece
    assert max(m.start for m in result.mentions) > 2000  # the last pieces were coded too
    ids = [e.id for e in result.events]
    assert len(ids) == len(set(ids))
    assert len({a.id for a in result.actors}) == len(result.actors)


def test_only_the_first_characters_of_a_huge_body_are_coded() -> None:
    body = _body(40)
    raw = RawDoc("huge.txt", "huge.txt", "text", text=f"Title: Lagos protests\n\n{body}\n")
    config = ChainConfig(model=DEFAULT_MODEL, max_chars=1000, piece_chars=1000,
                         max_coded_chars=1500)
    (result,) = process_batch([raw], config)
    assert isinstance(result, ArticleResult)
    assert len(result.article.body) > 3000
    assert "only its first" in result.article.notes[-1]
    assert result.mentions and max(m.end for m in result.mentions) <= 1500
