"""Cleaning: boilerplate removal, text repair, sentence splitting, ids, language check."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from newsweave.clean import clean_document, repair_text, split_sentences
from newsweave.ingest import read_inputs
from newsweave.records import Article, IngestError, RawDoc

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"

NEWS = [
    "Farmers in the northern valley have begun harvesting after weeks of heavy rain delayed "
    "the season, the regional agriculture office said on Tuesday.",
    "The office estimated that about 40 percent of the wheat crop had been damaged, "
    "though officials expect prices to stay stable.",
    "He declined to comment.",
    "Local cooperatives said they would ask the government for emergency credit before "
    "the next planting season begins in October.",
    "Rain history",
    "The valley flooded twice in the past decade, in 2015 and again in 2019, when "
    "a dam upstream released water without warning.",
    "Engineers have since built a second spillway that was meant to prevent a repeat.",
]
CHROME_TOP = [
    "Home",
    "World",
    "Business",
    "Sport",
    "Featured",
    "Harvest begins after floods",
    "Published",
    "on",
]
SEE_ALSO = "See also Prices of maize fall in the capital markets"
SHARE = "Share this: Facebook Twitter WhatsApp"
TRAILER = [
    "Continue Reading",
    "Click to comment",
    "Leave a Reply",
    "Your email address is never shown. Required fields are marked *",
    "Comment *",
    "Name *",
    "Latest Updates",
]
HEADLINES = [
    "Minister Opens New Bridge Over Eastern River",
    "Storm warning issued for coastal towns",
    "Football club signs striker in record deal",
    "Why Fuel Queues Are Back In The City",
]
TAIL = ["Subscribe to our newsletter", "Get Notifications Yes please No thanks"]


def make_raw(text: str, *, path: str = "page.txt", metadata: dict | None = None) -> RawDoc:
    return RawDoc(path, path, "text", text=text, metadata=metadata or {})


def make_article(text: str, **kwargs) -> Article:
    article = clean_document(make_raw(text, **kwargs))
    assert isinstance(article, Article), article
    return article


def page() -> str:
    lines = [
        *CHROME_TOP,
        *NEWS[:2],
        SEE_ALSO,
        *NEWS[2:4],
        SHARE,
        *NEWS[4:],
        *TRAILER,
        *HEADLINES,
        *TAIL,
    ]
    return "\n\n".join(lines) + "\n"


def body_lines(article: Article) -> list[str]:
    return [line for line in article.body.split("\n") if line.strip()]


def sentence_texts(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


def test_boilerplate_removed_and_news_kept() -> None:
    article = make_article(page())
    assert body_lines(article) == NEWS
    assert article.title == "Harvest begins after floods"
    expected_removed = [line for line in page().split("\n\n") if line.strip() and line not in NEWS]
    expected_removed = [line.strip() for line in expected_removed if line.strip() != article.title]
    assert article.removed == expected_removed


def test_section_heading_followed_by_prose_is_kept() -> None:
    article = make_article(page())
    lines = body_lines(article)
    assert lines[lines.index("Rain history") + 1] == NEWS[5]


def test_prose_after_the_trailer_starts_is_dropped_unless_clear_prose() -> None:
    text = "\n\n".join([*NEWS[:2], "Related", *HEADLINES, "Thanks for the article, very helpful."])
    article = make_article(text)
    assert body_lines(article) == NEWS[:2]


def test_metadata_title_line_is_kept_out_of_the_body() -> None:
    text = "\n".join(["Harvest begins after floods", *NEWS])
    article = make_article(text, metadata={"title": "Harvest begins after floods"})
    assert article.title == "Harvest begins after floods"
    assert body_lines(article) == NEWS
    assert article.removed == []


def test_title_falls_back_to_first_sentence() -> None:
    article = make_article("\n".join(NEWS[:2]))
    assert article.title.startswith("Farmers in the northern valley")
    assert article.title.endswith("…") and len(article.title) <= 121


def test_hard_wrapped_paragraph_is_joined() -> None:
    wrapped = (
        "Farmers in the northern valley have begun harvesting after\n"
        "weeks of heavy rain,\nofficials said on Tuesday."
    )
    article = make_article(wrapped)
    assert article.body == " ".join(wrapped.split("\n"))


def test_metadata_fields() -> None:
    article = make_article(
        "\n".join(NEWS),
        metadata={
            "url": "https://www.valley-news.example/harvest",
            "published": "2025-06-02T08:00:00Z",
        },
    )
    assert article.outlet == "valley-news.example"
    assert article.url == "https://www.valley-news.example/harvest"
    assert article.published == dt.date(2025, 6, 2)
    assert make_article("\n".join(NEWS)).outlet == "unknown"


def test_run_together_sentences_are_repaired_and_split() -> None:
    text = (
        "The fighting began after World War II.The talks, hosted in Geneva, ended late. "
        "Troops left the territory.Russia said the U.S. envoy would return, citing 3.5 percent "
        "growth and example.com figures, e.g. exports.“We are ready,” he said.Mr. Smith agreed."
    )
    repaired = repair_text(text)
    assert "War II. The talks" in repaired
    assert "territory. Russia" in repaired
    assert "said. “We" not in repaired and "exports. “We" in repaired
    for kept in ("U.S. envoy", "3.5 percent", "example.com figures", "e.g. exports", "Mr. Smith"):
        assert kept in repaired
    assert [s[:12] for s in sentence_texts(repaired)] == [
        "The fighting",
        "The talks, h",
        "Troops left ",
        "Russia said ",
        "“We are read",
        "Mr. Smith ag",
    ]


def test_splitter_abbreviations_and_paragraph_breaks() -> None:
    text = (
        "Gen. Ivan Petrov met Dr. Ana Silva in St. Louis on Jan. 5 to discuss the plan. "
        "The U.S. The U.K. delegation arrived at No. 10 Downing Street! Was it late? "
        "It was J. R. Smith who said so.\n\nA new paragraph\nwith a line break inside"
    )
    assert sentence_texts(text) == [
        "Gen. Ivan Petrov met Dr. Ana Silva in St. Louis on Jan. 5 to discuss the plan.",
        "The U.S.",
        "The U.K. delegation arrived at No. 10 Downing Street!",
        "Was it late?",
        "It was J. R. Smith who said so.",
        "A new paragraph",
        "with a line break inside",
    ]


def test_splitter_offsets_are_trimmed() -> None:
    text = "  First one.   Second one.  \n\n  Third one.  "
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == ["First one.", "Second one.", "Third one."]
    assert split_sentences("") == [] and split_sentences(" \n\n ") == []


def test_character_repair() -> None:
    text = "The co\u00adop\u00aderation\u200b deal &amp; its terms\u00a0were signed "
    text += "&#8217;quietly&#8217;."
    assert repair_text(text) == "The cooperation deal & its terms were signed ’quietly’."
    assert repair_text("The â€œtalksâ€\x9d resumed.") == "The “talks” resumed."
    assert repair_text("“Curly” quotes stay ‘as they are’.") == "“Curly” quotes stay ‘as they are’."
    assert repair_text("Cafe\u0301 owners") == "Café owners"


def test_repaired_body_and_sentences_line_up() -> None:
    article = make_article("The deal was signed in Kyiv.The next round opens in May.\u00ad")
    assert article.body == "The deal was signed in Kyiv. The next round opens in May."
    assert [article.body[a:b] for a, b in article.sentences] == [
        "The deal was signed in Kyiv.",
        "The next round opens in May.",
    ]


def test_id_is_stable_across_whitespace_and_case() -> None:
    first = make_article("\n\n".join(NEWS), path="one.txt")
    second = make_article("  " + "\n".join(NEWS).upper().replace(" ", "  ") + "\n", path="two.txt")
    assert first.id == second.id
    assert re.fullmatch(r"[0-9a-f]{16}", first.id)
    assert make_article("\n".join(NEWS[:3])).id != first.id


def test_non_english_is_kept_with_its_language() -> None:
    french = (
        "Les négociateurs des deux pays se sont réunis à Genève lundi pour discuter d'un "
        "cessez-le-feu le long de la frontière. La réunion a duré six heures et s'est terminée "
        "sans déclaration commune, selon des responsables. Un second tour est prévu pour la "
        "semaine prochaine, a indiqué un porte-parole qui a demandé à ne pas être nommé car "
        "les discussions sont privées. Les agriculteurs de la vallée ont commencé la récolte."
    )
    result = clean_document(make_raw(french, path="fr.txt"))
    assert isinstance(result, Article)
    assert result.source_path == "fr.txt" and result.language == "fr"
    assert result.body == french
    russian = "Переговоры возобновились в Стамбуле после атаки беспилотников. " * 10
    result = clean_document(make_raw(russian))
    assert isinstance(result, Article) and result.language == "ru"


def test_only_boilerplate_is_an_error() -> None:
    result = clean_document(make_raw("\n\n".join(TRAILER + TAIL), path="chrome.txt"))
    assert result == IngestError("chrome.txt", "no article text after removing boilerplate")


def test_short_text_without_prose_shape_is_kept() -> None:
    article = make_article("Ceasefire agreed in the north")
    assert article.body == "Ceasefire agreed in the north"


def test_html_document() -> None:
    paragraphs = "".join(f"<p>{line}</p>\n" for line in (NEWS[0], NEWS[1], NEWS[3]))
    html = (
        '<html lang="en"><head><title>Harvest begins</title></head><body>\n'
        "<nav><ul><li>Home</li><li>World</li></ul></nav>\n"
        f"<article><h1>Harvest begins</h1>\n{paragraphs}</article>\n"
        "<footer>Subscribe to our newsletter</footer></body></html>"
    )
    raw = RawDoc("h.html", "h.html", "html", html=html, metadata={"title": "Harvest begins"})
    article = clean_document(raw)
    assert isinstance(article, Article), article
    assert body_lines(article) == [NEWS[0], NEWS[1], NEWS[3]]
    assert article.title == "Harvest begins" and "Harvest begins" not in article.body
    assert article.removed == ["Home", "World", "Subscribe to our newsletter"]
    assert len(article.sentences) == 3


# Seed reports: real pages read from ../shared at test time.
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not present")


def seed(prefix: str) -> tuple[str, Article]:
    (path,) = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    (raw,) = read_inputs([path])
    assert isinstance(raw, RawDoc), raw
    article = clean_document(raw)
    assert isinstance(article, Article), article
    return path.read_text(encoding="utf-8"), article


def paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


@needs_seeds
def test_seed_000_site_chrome_removed() -> None:
    raw_text, article = seed("000")
    raw_paragraphs = paragraphs(raw_text)
    latest = next(i for i, p in enumerate(raw_paragraphs) if p.startswith("Latest Updates"))
    headlines = [p for p in raw_paragraphs[latest + 1 :] if len(p.split()) > 3]
    assert len(headlines) >= 5
    for line in body_lines(article):
        for chrome in (
            "See also",
            "Continue Reading",
            "Click to comment",
            "Leave a Reply",
            "Latest Updates",
            "Latest from",
            "Subscribe",
            "Whatsapp",
            "Published",
            "Featured",
            "Connect with us",
            "email address",
            "Notifications",
        ):
            assert chrome.lower() not in line.lower(), (chrome, line)
        assert line not in ("on",)
        assert not any(repair_text(h) in line for h in headlines)
    assert article.title == repair_text(raw_paragraphs[2])


@needs_seeds
def test_seed_000_news_paragraphs_kept() -> None:
    raw_text, article = seed("000")
    raw_paragraphs = paragraphs(raw_text)
    start = next(i for i, p in enumerate(raw_paragraphs) if p.startswith("Delegations from Russia"))
    end = next(i for i, p in enumerate(raw_paragraphs) if "For further details" in p)
    news = [repair_text(p) for p in raw_paragraphs[start : end + 1] if not p.startswith("See also")]
    assert len(news) > 20
    assert body_lines(article) == news
    assert "Background of the conflict" in news


@needs_seeds
def test_seed_003_source_line_and_run_together_sentences() -> None:
    raw_text, article = seed("003")
    assert article.outlet == "punchng.com"
    assert article.url == "https://punchng.com/"
    assert "Source :" not in article.body and "punchng" not in article.body
    starts = [article.body[a:b] for a, b in article.sentences]
    for anchor in (
        "The talks, hosted",
        "Russia is expected",
        "Moscow remains focused",
        "Despite military setbacks",
    ):
        assert anchor in raw_text
        assert any(sentence.startswith(anchor) for sentence in starts), anchor
    assert article.removed == []
    glued = re.findall(r"[a-z]\.[A-Z][a-z]", raw_text)
    assert glued and not re.search(r"[a-z]\.[A-Z][a-z]", article.body)


def test_wire_page_keeps_prose_that_uses_chrome_words() -> None:
    text = "\n".join(
        [
            "Skip to main content",
            "World | Europe | Asia",
            "By Jane Doe",
            "June 3, 2025 10:42 AM UTC",
            "Updated 2 hours ago",
            "GENEVA (Wirepress) - Negotiators met on Monday, where the report published last week "
            "by the UN was discussed at length.",
            "Some 1,200 households subscribe to the local water service, which was cut on Sunday.",
            "Both countries share this concern, the envoy said.",
            "Key points:",
            "- Six hours of talks ended without a joint statement",
            "- A second round is planned for next week",
            "Prices rose 3.5%.",
            "Reporting by Jane Doe; Editing by John Roe",
            "Our Standards: The Wirepress Trust Principles.",
            "Most Read",
            "Flood warning issued for river towns",
        ]
    )
    article = make_article(text)
    lines = body_lines(article)
    assert lines[0].startswith("GENEVA (Wirepress)")
    assert lines[-1] == "Prices rose 3.5%."
    assert "Key points:" in lines and "- A second round is planned for next week" in lines
    assert any("subscribe to the local water" in line for line in lines)
    assert any("share this concern" in line for line in lines)
    assert article.title.startswith("GENEVA (Wirepress)")
    assert article.removed[:5] == text.split("\n")[:5]
    assert article.removed[-2:] == ["Most Read", "Flood warning issued for river towns"]


def test_unpunctuated_first_line_is_the_headline() -> None:
    headline = "Valley farmers say the harvest is late as floods recede in the north"
    article = make_article("\n".join([headline, *NEWS[:2], "Advertisement", NEWS[3]]))
    assert article.title == headline
    assert body_lines(article) == [*NEWS[:2], NEWS[3]]
    assert article.removed == ["Advertisement"]


def test_site_name_and_date_read_from_page_chrome() -> None:
    page = "\n\n".join([
        "THE HARBOUR HERALD",
        "Home | World | Business",
        "Tuesday, 3 June 2031",
        "Dockers return to work",
        *NEWS,
        "Source : https://harbour-herald.test/",
    ])
    raw = RawDoc(source_path="p.txt", source_id="p.txt", fmt="text", text=page,
                 metadata={"url": "https://harbour-herald.test/", "outlet": "harbour-herald.test"})
    article = clean_document(raw)
    assert isinstance(article, Article)
    assert article.outlet == "The Harbour Herald"
    assert article.published == dt.date(2031, 6, 3)


def test_declared_outlet_wins_over_chrome() -> None:
    page = "\n\n".join(["THE HARBOUR HERALD", *NEWS])
    raw = RawDoc(source_path="p.txt", source_id="p.txt", fmt="text", text=page,
                 metadata={"outlet": "Bay Wire", "url": "https://harbour-herald.test/x"})
    article = clean_document(raw)
    assert isinstance(article, Article) and article.outlet == "Bay Wire"


def test_no_after_a_dotted_form_opens_a_sentence_unless_it_is_a_number() -> None:
    # "No one" and "No injuries" open sentences; "No. 2" after "U.S." is a rank
    text = ("The fire was spotted at 4:10 a.m. No one was injured. "
            "The blaze began at 2 p.m. No injuries were reported. "
            "He is the U.S. No. 2 diplomat.")
    assert sentence_texts(text) == [
        "The fire was spotted at 4:10 a.m.",
        "No one was injured.",
        "The blaze began at 2 p.m.",
        "No injuries were reported.",
        "He is the U.S. No. 2 diplomat.",
    ]
