"""Text repair cases and the sentence splitter on repaired text."""

from __future__ import annotations

import spacy

from newsweave.clean import clean_document, repair_text, split_sentences
from newsweave.records import Article, RawDoc


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def test_entities_escaped_twice_are_unescaped() -> None:
    assert repair_text("Fish &amp;amp; chips cost &amp;pound;4.") == "Fish & chips cost £4."
    assert repair_text("He said &amp;quot;no&amp;quot;.") == 'He said "no".'


def test_tex_style_quotes_become_curly() -> None:
    repaired = repair_text("The mayor called it ``a disgrace.'' The council met again.")
    assert repaired == "The mayor called it “a disgrace.” The council met again."
    assert sentences(repaired) == ["The mayor called it “a disgrace.”", "The council met again."]
    assert repair_text("The captain's log") == "The captain's log"


def test_dash_glued_to_a_closing_quote_is_spaced_for_the_tokenizer() -> None:
    text = "Officials spoke of “stabilization”—despite the fighting in the east."
    repaired = repair_text(text)
    assert repaired == "Officials spoke of “stabilization” — despite the fighting in the east."
    tokens = [t.text for t in spacy.blank("en")(repaired)]
    assert "stabilization" in tokens and "despite" in tokens
    # a dash between plain words is left as written
    assert repair_text("forty bombers—one of the boldest") == "forty bombers—one of the boldest"


def test_unicode_line_separators_and_full_width_forms() -> None:
    assert repair_text("First line.\u2028Second line.") == "First line.\nSecond line."
    assert repair_text("ＮＡＴＯ summit") == "NATO summit"


def test_glued_sentences_after_quotes_numbers_and_roman_numerals() -> None:
    text = ("The war ended in 1945.The treaty followed after World War II.Talks resumed. "
            "He said “enough.”The crowd left. Prices rose 3.5% in the U.S. this year.")
    repaired = repair_text(text)
    assert sentences(repaired) == [
        "The war ended in 1945.",
        "The treaty followed after World War II.",
        "Talks resumed.",
        "He said “enough.”",
        "The crowd left.",
        "Prices rose 3.5% in the U.S. this year.",
    ]
    assert repair_text("See www.example.com/News.Html today") == "See www.example.com/News.Html today"


def test_article_body_and_sentences_survive_all_repairs() -> None:
    text = ("Negotiators met in Ondravel on Tuesday.The talks, hosted by Quellan&#8217;s "
            "foreign minister, lasted two hours\u00ad.\u00a0Both sides spoke of "
            "“peace”—despite the strikes.")
    article = clean_document(RawDoc("r.txt", "r.txt", "text", text=text))
    assert isinstance(article, Article)
    assert [article.body[a:b] for a, b in article.sentences] == [
        "Negotiators met in Ondravel on Tuesday.",
        "The talks, hosted by Quellan’s foreign minister, lasted two hours.",
        "Both sides spoke of “peace” — despite the strikes.",
    ]
