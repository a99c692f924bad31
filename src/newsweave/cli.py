"""The ``newsweave`` command line: a thin Typer layer over :mod:`newsweave.api`.

Data goes to stdout, progress and errors to stderr. Exit status: 0 when every
input was processed, 1 when some failed (each named with its reason), 2 on a
usage error.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, NoReturn, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from newsweave import api
from newsweave.config import AUTO_WORKERS, SettingsError, get_settings
from newsweave.evaluate import EVALUATIONS
from newsweave.ingest import STDIN, safe_path
from newsweave.store import EXPORT_QUERIES, DamagedStore, StoreError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="newsweave: many news reports in, one sourced account of what happened out.")
OUT = Console(soft_wrap=True)
ERR = Console(stderr=True)

DbOption = Annotated[Optional[str], typer.Option("--db", help="DuckDB file [default: ./newsweave.duckdb]")]


def _confidence_option(default: float, shown: str) -> object:
    """The ``--min-confidence`` option of the commands that list events."""
    return typer.Option("--min-confidence", min=0.0, max=1.0,
                        help=f"leave out events the coder is less sure of (0-1) [default: {shown}]")


def _db(db: str | None) -> str:
    return db or get_settings().db


def _open(db: str | None) -> api.Newsweave:
    try:
        return api.Newsweave(_db(db))
    except DamagedStore as exc:
        _fail(f"[red]error:[/red] {escape(str(exc))}")
    except StoreError as exc:
        raise typer.BadParameter(str(exc), param_hint="--db") from exc


def _fail(message: str, code: int = 1) -> NoReturn:
    """Print one line (Rich markup allowed; values escaped by the caller) and exit."""
    ERR.print(message, highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _one_line(text: str) -> str:
    """``text`` on one line, with Rich markup escaped: paths and reasons are printed as they are."""
    return escape(" ".join(str(text).splitlines()))


@app.callback()
def _main(verbose: Annotated[int, typer.Option("-v", "--verbose", count=True,
                                               help="-v info, -vv debug logs on stderr")] = 0
          ) -> None:
    level = {0: logging.WARNING, 1: logging.INFO}.get(verbose, logging.DEBUG)
    logging.basicConfig(level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    try:
        get_settings()
    except SettingsError as exc:
        # a bad NEWSWEAVE_* value is a usage error: exit 2, no traceback
        raise typer.BadParameter(str(exc), param_hint="environment") from exc


def _check_gazetteers(paths: list[Path] | None) -> None:
    """Load the extra gazetteers now, so that a missing or malformed one is a usage error."""
    if not paths:
        return
    from newsweave.gazetteer import load_gazetteer

    for path in paths:
        try:
            load_gazetteer([path])
        except Exception as exc:  # noqa: BLE001 - any fault of the file is the user's to fix
            reason = str(exc) if isinstance(exc, ValueError) else f"{type(exc).__name__}: {exc}"
            raise typer.BadParameter(
                f"{safe_path(path)} cannot be used as a gazetteer ({reason}); the format is in "
                "data/lexicon/FORMAT.md", param_hint="--gazetteer") from exc


def _workers(given: str | None) -> int | str | None:
    """``--workers`` as a setting: a number, "auto", or ``None`` (the environment's, else auto)."""
    if given is None:
        # the environment's setting, if any, wins over run's own default
        return None if os.environ.get("NEWSWEAVE_WORKERS", "").strip() else AUTO_WORKERS
    value = given.strip().lower()
    if value == AUTO_WORKERS:
        return AUTO_WORKERS
    if not value.isdigit() or int(value) < 1:
        raise typer.BadParameter(f"a whole number of at least 1, or auto, not {given!r}",
                                 param_hint="--workers")
    return int(value)


def _check_outlet_aliases(path: str | None) -> None:
    """A usage error, before any work, when the outlet alias file cannot be used."""
    if path is None:
        return
    from newsweave.clean.outlets import OutletAliasError, load_outlet_aliases

    try:
        load_outlet_aliases(path)
    except OutletAliasError as exc:
        raise typer.BadParameter(str(exc), param_hint="--outlet-aliases") from exc


@app.command()
def run(paths: Annotated[Optional[list[Path]], typer.Argument(
            help="files or folders; none: the bundled demo corpus")] = None,
        db: DbOption = None,
        workers: Annotated[Optional[str], typer.Option(
            help="worker processes (or Ray actors), or auto: a second process when the input "
                 "has more than 64 articles and 16 MB at most, on 2 or more cores "
                 "[default: $NEWSWEAVE_WORKERS, else auto (Ray: 1)]")] = None,
        engine: Annotated[str, typer.Option(help="local (processes) or ray (a Ray cluster)")] = "local",
        gazetteer: Annotated[Optional[list[Path]], typer.Option(
            help="extra gazetteer JSON (data/lexicon/FORMAT.md)")] = None,
        quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no progress, no brief")] = False,
        rebuild: Annotated[bool, typer.Option(
            help="recluster every story from scratch instead of adding to the stored ones "
                 "(story ids may change)")] = False,
        outlet_aliases: Annotated[Optional[Path], typer.Option(
            help="JSON of outlet names that mean one outlet, {\"Name\": [\"alias\", ...]} "
                 "[default: $NEWSWEAVE_OUTLET_ALIASES]")] = None,
        ) -> None:
    """Process reports into the database, then print the stories and the largest story's brief.

    New reports join the stored stories or start new ones; stored stories are
    not reclustered unless --rebuild is given.

    Example: newsweave run reports/ --db news.duckdb
    """
    for path in paths or []:
        if str(path) != STDIN and not os.path.lexists(path):
            raise typer.BadParameter(f"{safe_path(path)} does not exist", param_hint="PATH")
    if engine not in ("local", "ray"):
        raise typer.BadParameter("choose local or ray", param_hint="--engine")
    _check_gazetteers(gazetteer)
    settings = get_settings().with_(db=db, workers=_workers(workers), engine=engine,
                                    gazetteers=tuple(str(g) for g in gazetteer or ()) or None,
                                    outlet_aliases=str(outlet_aliases) if outlet_aliases else None)
    _check_outlet_aliases(settings.outlet_aliases)
    total = api.count_inputs(paths) if paths else api.count_inputs([api.demo_corpus_dir()])
    progress = Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                        TextColumn("{task.fields[rate]}"), TimeElapsedColumn(),
                        console=ERR, disable=quiet)
    with progress:
        task = progress.add_task("processing", total=total, rate="")
        started = dt.datetime.now()

        def advance(item: object) -> None:
            progress.advance(task)
            seconds = max((dt.datetime.now() - started).total_seconds(), 1e-6)
            done = progress.tasks[0].completed
            progress.update(task, rate=f"{done / seconds:.1f} docs/s",
                            total=max(total, done))

        stage_task = None

        def stage(name: str) -> None:
            # the corpus stages take minutes on a big store: say which one runs
            nonlocal stage_task
            if stage_task is None:
                stage_task = progress.add_task("corpus stages", total=None, rate="")
            progress.update(stage_task, rate=name)

        try:
            report = api.process(paths or None, settings=settings, on_result=advance,
                                 rebuild=rebuild, on_stage=stage)
        except api.RunInterrupted as exc:
            progress.stop()
            _fail(f"interrupted: {exc.report.added} articles stored in {_one_line(settings.db)} "
                  "(each whole; stories and facts not updated); run the same command again to "
                  "go on (nothing is stored twice)", 130)
        except KeyboardInterrupt:
            progress.stop()
            _fail(f"interrupted: nothing stored in {_one_line(settings.db)}", 130)
        except StoreError as exc:
            _fail(f"[red]error:[/red] {_one_line(str(exc))}")
    for error in report.errors:
        # one line per failure, never wrapped, so that scripts can grep it
        ERR.print(f"[red]failed:[/red] {_one_line(error.source_path)}: {_one_line(error.reason)}",
                  highlight=False, soft_wrap=True)
    for note in report.notes:
        ERR.print(f"note: {_one_line(note.source_path)}: {_one_line(note.reason)}",
                  highlight=False, soft_wrap=True)
    summary = report.corpus
    ERR.print(f"{report.added} articles added, {report.skipped} already stored, "
              f"{len(report.errors)} failed"
              + (f", {report.not_english} in other languages (stored, not coded)"
                 if report.not_english else "") + "; "
              + (f"{summary.stories} stories, {summary.duplicates} copies, {summary.facts} facts, "
                 f"{summary.conflicts} conflicts" if summary else ""), highlight=False,
              markup=False)
    if not quiet:
        with _open(settings.db) as nw:
            stories = nw.stories()
            _print_stories(stories)
            if stories:
                OUT.print()
                OUT.print(nw.brief(stories[0].id), markup=False, highlight=False)
    if report.errors:
        raise typer.Exit(1)


def _print_stories(stories: list) -> None:
    from rich.table import Table

    table = Table(title="Stories")
    for column in ("story", "articles", "outlets", "dates", "title"):
        table.add_column(column)
    for s in stories:
        dates = f"{s.start}" + (f" – {s.end}" if s.end and s.end != s.start else "")
        table.add_row(s.id, str(len(s.article_ids)), ", ".join(s.outlets), dates, s.title)
    OUT.print(table)


@app.command()
def stories(db: DbOption = None,
            as_json: Annotated[bool, typer.Option("--json", help="one JSON object per story")] = False
            ) -> None:
    """List the stories, largest first.

    Example: newsweave stories --json
    """
    with _open(db) as nw:
        items = nw.stories()
        if as_json:
            for s in items:
                OUT.print(json.dumps({"story_id": s.id, "title": s.title,
                                      "article_ids": s.article_ids, "outlets": s.outlets,
                                      "start": str(s.start) if s.start else None,
                                      "end": str(s.end) if s.end else None},
                                     ensure_ascii=False), markup=False, highlight=False)
        else:
            _print_stories(items)


@app.command()
def brief(story_id: Annotated[str, typer.Argument(help="a story id from `newsweave stories`")],
          db: DbOption = None,
          fmt: Annotated[str, typer.Option("--format", help="md, html or json")] = "md",
          min_confidence: Annotated[float, _confidence_option(
              api.DEFAULT_MIN_CONFIDENCE, f"{api.DEFAULT_MIN_CONFIDENCE}; 0 keeps every event"
          )] = api.DEFAULT_MIN_CONFIDENCE) -> None:
    """Print one story's brief.

    Example: newsweave brief story-1a2b3c4d5e --format json
    """
    if fmt not in ("md", "html", "json"):
        raise typer.BadParameter("choose md, html or json", param_hint="--format")
    with _open(db) as nw:
        try:
            text = nw.brief(story_id, fmt, min_confidence=min_confidence)
        except KeyError as exc:
            raise typer.BadParameter(str(exc.args[0]), param_hint="STORY_ID") from exc
    sys.stdout.write(text)


@app.command()
def export(table: Annotated[str, typer.Argument(help=", ".join(EXPORT_QUERIES))],
           db: DbOption = None,
           fmt: Annotated[str, typer.Option("--format", help="jsonl, csv or parquet")] = "jsonl",
           out: Annotated[Optional[Path], typer.Option(help="output file [default: stdout; "
                                                            "parquet needs a file]")] = None,
           min_confidence: Annotated[float, _confidence_option(
               0.0, "0, every event; events only")] = 0.0,
           ) -> None:
    """Export a table (events in PLOVER JSONL).

    Example: newsweave export events --format parquet --out events.parquet
    """
    if table not in EXPORT_QUERIES:
        raise typer.BadParameter(f"choose one of {', '.join(EXPORT_QUERIES)}", param_hint="TABLE")
    if fmt not in ("jsonl", "csv", "parquet"):
        raise typer.BadParameter("choose jsonl, csv or parquet", param_hint="--format")
    if fmt == "parquet" and out is None:
        raise typer.BadParameter("parquet needs --out FILE", param_hint="--out")
    if out is not None and not out.parent.is_dir():
        raise typer.BadParameter(f"the folder {safe_path(out.parent)} does not exist",
                                 param_hint="--out")
    if out is not None and out.is_dir():
        raise typer.BadParameter(f"{safe_path(out)} is a folder; name a file", param_hint="--out")
    with _open(db) as nw:
        if out is None:
            import tempfile

            with tempfile.TemporaryDirectory() as tmp:
                target = Path(tmp) / f"export.{fmt}"
                nw.export(table, target, fmt, min_confidence=min_confidence)
                sys.stdout.write(target.read_text(encoding="utf-8"))
        else:
            rows = nw.export(table, out, fmt, min_confidence=min_confidence)
            ERR.print(f"{rows} rows written to {out}")


@app.command()
def actor(actor_id: Annotated[str, typer.Argument(
              help="a canonical actor id, or any per-article id merged into one")],
          db: DbOption = None) -> None:
    """Print one actor as JSON: country, aliases, and each merge with its mention and reason.

    Example: newsweave actor person:arlen-voss
    """
    from newsweave.records import to_dict

    with _open(db) as nw:
        try:
            found = nw.actor(actor_id)
        except KeyError as exc:
            raise typer.BadParameter(str(exc.args[0]), param_hint="ACTOR_ID") from exc
    sys.stdout.write(json.dumps(to_dict(found), ensure_ascii=False, indent=2) + "\n")


def _counting_progress(label: str, total: int | None, quiet: bool, *, unit: str = "lines"
                       ) -> tuple[Progress, Callable[[int], None]]:
    """A stderr progress bar with a count and a rate, and the function that advances it."""
    progress = Progress(TextColumn(f"[bold]{label}"), BarColumn(),
                        TextColumn("{task.fields[count]}"), TimeElapsedColumn(),
                        console=ERR, disable=quiet, transient=total is None)
    task = progress.add_task(label, total=total, count="")
    started = dt.datetime.now()

    def advance(step: int = 1) -> None:
        progress.advance(task, step)
        done = progress.tasks[0].completed
        seconds = max((dt.datetime.now() - started).total_seconds(), 1e-6)
        shown = f"{int(done)}/{total}" if total is not None else f"{int(done)}"
        progress.update(task, count=f"{shown} {unit}, {done / seconds:.1f}/s")

    return progress, advance


def _read_lines(source: str) -> list[str]:
    text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip()]


@app.command()
def clean(file: Annotated[Path, typer.Argument(exists=True, dir_okay=False)],
          as_json: Annotated[bool, typer.Option("--json", help="metadata, body, removed lines, "
                                                              "sentences")] = False) -> None:
    """Print the cleaned body of one document.

    Example: newsweave clean page.html --json
    """
    result = api.clean_file(file)
    if isinstance(result, api.IngestError):
        ERR.print(f"[red]failed:[/red] {_one_line(result.source_path)}: {_one_line(result.reason)}",
                  highlight=False, soft_wrap=True)
        raise typer.Exit(1)
    if not as_json:
        sys.stdout.write(result.body + "\n")
        return
    sys.stdout.write(json.dumps({
        "title": result.title, "outlet": result.outlet,
        "published": result.published.isoformat() if result.published else None,
        "url": result.url, "body": result.body, "removed": result.removed,
        "sentences": [result.body[s:e] for s, e in result.sentences],
    }, ensure_ascii=False, indent=2) + "\n")


@app.command()
def code(source: Annotated[str, typer.Argument(help="a file, or - for stdin")] = "-",
         date: Annotated[Optional[str], typer.Option(help="publication date YYYY-MM-DD")] = None,
         quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no progress")] = False
         ) -> None:
    """Code PLOVER events: one text per input line, one JSON line out per input line.

    Example: echo "Police arrested 14 protesters in Lagos." | newsweave code - --date 2031-03-14
    """
    published = _parse_date(date)
    coder = api.TextAnalyser()
    lines = _read_lines(source)
    progress, advance = _counting_progress("coding", len(lines), quiet)
    with progress:
        for line in lines:
            events = coder.plover_events(line, published)
            sys.stdout.write(json.dumps({"text": line, "events": events}, ensure_ascii=False)
                             + "\n")
            advance()


@app.command()
def geoparse(source: Annotated[str, typer.Argument(help="a file, or - for stdin")] = "-",
             jsonl: Annotated[bool, typer.Option("--jsonl", help="input lines are {id, text}")] = False,
             quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no progress")] = False
             ) -> None:
    """Find and resolve the places in a text.

    Example: echo "Talks opened in Istanbul." | newsweave geoparse
    """
    analyser = api.TextAnalyser()
    if not jsonl:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
        sys.stdout.write(json.dumps(analyser.places(text), ensure_ascii=False) + "\n")
        return
    lines = _read_lines(source)
    progress, advance = _counting_progress("geoparsing", len(lines), quiet)
    with progress:
        for number, line in enumerate(lines, 1):
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                ERR.print(f"line {number}: not JSON ({exc})")
                raise typer.Exit(1) from exc
            places = analyser.places(item.get("text", ""))
            sys.stdout.write(json.dumps({"id": item.get("id"), "places": places},
                                        ensure_ascii=False) + "\n")
            advance()


# every evaluation `newsweave eval` knows (the seeds are checked by the test
# suite, tests/corpus/test_seeds_corroboration.py, not by an evaluation)
EVALUATION_NAMES = tuple(EVALUATIONS)


@app.command(name="eval")
def eval_(name: Annotated[str, typer.Argument(help=", ".join(EVALUATION_NAMES))],
          data: Annotated[Optional[Path], typer.Option(help="labelled data [default: "
                                                            "../shared/eval/...]")] = None,
          quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no progress")] = False
          ) -> None:
    """Score newsweave against labelled data and print the metrics as JSON.

    Example: newsweave eval stories --data ../shared/eval/stories/basil/articles.jsonl
    """
    from newsweave.engines.chain import observe_articles
    from newsweave.evaluate import EvaluationUnavailable, run_evaluation

    # The evaluations do not know their size up front: the bar pulses and counts
    # the texts the chain analyses (evaluations that skip the chain show time only).
    progress, advance = _counting_progress(f"eval {name}", None, quiet, unit="texts analysed")
    try:
        with progress, observe_articles(advance):
            metrics = run_evaluation(name, data)
    except EvaluationUnavailable as exc:
        raise typer.BadParameter(str(exc), param_hint="NAME") from exc
    sys.stdout.write(json.dumps(metrics, indent=2, default=str, ensure_ascii=False) + "\n")


@app.command()
def serve(db: DbOption = None,
          host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
          port: Annotated[int, typer.Option(min=1, max=65535, help="port")] = 8000,
          allow_host: Annotated[Optional[list[str]], typer.Option(
              help="a further Host name to answer (repeatable); others than --host, "
                   "localhost and 127.0.0.1 are refused")] = None) -> None:
    """Serve the REST API (/api, documented at /docs) and the web pages over a database.

    Example: newsweave serve --db news.duckdb --port 8000
    """
    import uvicorn

    from newsweave.web import create_app

    try:
        web_app = create_app(_db(db), host=host, allow_hosts=allow_host or ())
    except DamagedStore as exc:
        _fail(f"[red]error:[/red] {_one_line(str(exc))}")
    except StoreError as exc:
        raise typer.BadParameter(str(exc), param_hint="--db") from exc
    ERR.print(f"serving {_db(db)} at http://{host}:{port}/ (API docs at /docs)", highlight=False)
    uvicorn.run(web_app, host=host, port=port, log_level="warning")


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter("use YYYY-MM-DD", param_hint="--date") from exc


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
