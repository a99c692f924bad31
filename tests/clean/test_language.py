"""Non-English documents are stored with their language (not coded), and counted in the run report."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from newsweave.api import process
from newsweave.clean import clean_document
from newsweave.clean.language import detect_language
from newsweave.ingest import read_inputs
from newsweave.records import Article, RawDoc

ENGLISH = ("Dockworkers at Varna Bay returned to work on Friday after their union accepted a "
           "pay offer, ending a strike that had left forty ships waiting offshore.")
GERMAN = "Die Hafenarbeiter in Varna Bay kehrten am Freitag zur Arbeit zurück."
FRENCH = ("Les dockers de Varna Bay ont repris le travail vendredi après que leur syndicat a "
          "accepté une offre salariale, mettant fin à une grève qui avait bloqué quarante navires "
          "au large pendant trois jours. Le port a annoncé une hausse des salaires de sept pour "
          "cent cette année et de trois pour cent l'année prochaine, selon un porte-parole qui "
          "a demandé à ne pas être nommé.")


def page(lang: str, paragraph: str) -> str:
    return (f'<html lang="{lang}"><head><title>Port</title></head><body><article>'
            f"<p>{paragraph}</p><p>{paragraph}</p></article></body></html>")


# Three short sentences: too few words for the old function-word rule, which
# stored this as English and coded it with English rules.
SHORT_FRENCH = ("Les dockers de Varna Bay ont repris le travail vendredi. Le syndicat a accepté "
                "l'offre du port. La grève est finie.")


def test_short_page_declared_in_another_language_is_kept_as_that_language() -> None:
    raw = RawDoc("de.html", "de.html", "html", html=page("de", GERMAN), metadata={"language": "de"})
    result = clean_document(raw)
    assert isinstance(result, Article)
    assert result.source_path == "de.html" and result.language == "de"


@pytest.mark.parametrize("text, language", [
    (SHORT_FRENCH, "fr"),
    ("Die Hafenarbeiter kehrten am Freitag zur Arbeit zurück, sagte die Gewerkschaft.", "de"),
    ("El gobierno anunció nuevas medidas el lunes en la capital.", "es"),
    ("Переговоры возобновились в Стамбуле.", "ru"),
    # invented names fool the identifier; English function words settle it
    ("Kessrin ministers met Valdren envoys in Mirholt.", "en"),
    ("Mirholt bridge opens", "en"),
    (ENGLISH, "en"),
])
def test_the_language_of_short_texts(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_a_short_french_report_is_not_coded_as_english() -> None:
    result = clean_document(RawDoc("fr.txt", "fr.txt", "text", text=SHORT_FRENCH))
    assert isinstance(result, Article) and result.language == "fr"


def test_declared_language_does_not_override_an_english_body() -> None:
    raw = RawDoc("x.html", "x.html", "html", html=page("de", ENGLISH), metadata={"language": "de"})
    assert isinstance(clean_document(raw), Article)
    raw = RawDoc("y.html", "y.html", "html", html=page("en-GB", ENGLISH),
                 metadata={"language": "en-gb"})
    assert isinstance(clean_document(raw), Article)


def test_page_language_is_read_from_the_markup(tmp_path: Path) -> None:
    path = tmp_path / "seite.html"
    path.write_text(page("de", GERMAN), encoding="utf-8")
    (doc,) = read_inputs([path])
    assert isinstance(doc, RawDoc) and doc.metadata["language"] == "de"


def test_non_english_reports_are_stored_uncoded_and_counted(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "en.txt").write_text(f"Title: Strike ends\n\n{ENGLISH}\n", encoding="utf-8")
    (folder / "fr.txt").write_text(f"Title: Fin de la grève\n\n{FRENCH}\n", encoding="utf-8")
    (folder / "de.html").write_text(page("de", GERMAN), encoding="utf-8")
    db = tmp_path / "lang.duckdb"
    report = process([folder], db=db)
    assert report.errors == [] and report.ok
    assert report.added == 3 and report.not_english == 2
    conn = duckdb.connect(str(db), read_only=True)
    rows = conn.execute("SELECT a.language, a.title, a.body, count(m.article_id), "
                        "count(DISTINCT sa.story_id) FROM articles a "
                        "LEFT JOIN mentions m ON m.article_id = a.id "
                        "LEFT JOIN story_articles sa ON sa.article_id = a.id "
                        "GROUP BY ALL ORDER BY a.language").fetchall()
    conn.close()
    assert [r[0] for r in rows] == ["de", "en", "fr"]
    french = rows[2]
    assert french[1] == "Fin de la grève" and french[2] == FRENCH
    assert rows[0][3] == 0 and french[3] == 0  # not coded: no mentions
    assert all(r[4] == 1 for r in rows)  # each belongs to a story
    again = process([folder], db=db)
    assert again.added == 0 and again.skipped == 3
