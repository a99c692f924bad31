"""Non-English documents are skipped with a reason, and counted in the run report."""

from __future__ import annotations

from pathlib import Path

from newsweave.api import process
from newsweave.clean import clean_document
from newsweave.ingest import read_inputs
from newsweave.records import Article, IngestError, RawDoc

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


def test_short_page_declared_in_another_language_is_skipped() -> None:
    raw = RawDoc("de.html", "de.html", "html", html=page("de", GERMAN), metadata={"language": "de"})
    result = clean_document(raw)
    assert isinstance(result, IngestError)
    assert result.source_path == "de.html" and result.reason == "not English (declared: de)"


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


def test_run_report_counts_non_english_documents(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "en.txt").write_text(f"Title: Strike ends\n\n{ENGLISH}\n", encoding="utf-8")
    (folder / "fr.txt").write_text(FRENCH + "\n", encoding="utf-8")
    (folder / "de.html").write_text(page("de", GERMAN), encoding="utf-8")
    report = process([folder], db=tmp_path / "lang.duckdb")
    assert report.added == 1
    assert report.not_english == 2
    reasons = sorted(e.reason for e in report.errors)
    assert reasons == ["not English (declared: de)", "not English (detected: fr)"]
