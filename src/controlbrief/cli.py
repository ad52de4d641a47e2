"""The controlbrief command line: a thin typer layer over the library.

Only requested output goes to stdout; progress and warnings go to stderr.
spaCy is imported inside commands so that `controlbrief --help` is instant.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from typing import Annotated

import typer

from controlbrief.errors import ControlbriefError

app = typer.Typer(
    help="Turn export-control notices into typed, evidenced provisions.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class OutputFormat(str, Enum):
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


def _warn(message: str) -> None:
    typer.echo(f"controlbrief: {message}", err=True)


TimeoutOption = Annotated[float | None, typer.Option(
    "--timeout", min=1, help="Seconds a PDF or HTML file may take to parse (plus a minute per MB); past it the file is set aside. Default 60.")]


def _set_timeout(timeout: float | None) -> None:
    """Apply --timeout to this run; worker processes inherit it through the environment."""
    if timeout is not None:
        import os

        from controlbrief.guard import TIMEOUT_ENV

        os.environ[TIMEOUT_ENV] = str(timeout)


def _skipped(store) -> None:
    """Warn about stored rows that could not be read back (they were skipped)."""
    for line in store.skipped:
        _warn(f"{store.path}: {line}")


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files (.txt .md .html .htm .pdf) or folders, walked recursively.")],
    format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.json,
    model: Annotated[str | None, typer.Option(help="Installed spaCy model to build on (e.g. en_core_web_sm).")] = None,
    max_bytes: Annotated[int, typer.Option(help="Files larger than this are set aside.")] = 20 * 1024 * 1024,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes (each builds the pipeline once).")] = 1,
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Dask scheduler address, or local:N for a local cluster of N workers (needs the dask extra).")] = None,
    round: Annotated[str | None, typer.Option("--round", help="Control round of documents that name none (no Round: line, no round folder).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress on stderr.")] = False,
    timeout: TimeoutOption = None,
    site: Annotated[str | None, typer.Option("--site", help="With --format xlsx: the briefing site's folder or URL, to link each row to its page.")] = None,
) -> None:
    """Extract provisions from notices and print them (JSON contract, CSV, or an Excel workbook).

    Exit code 0 when every input was read, 1 when any could not be (listed in `errors`).

    Example: controlbrief extract corpus --format json > provisions.json
    (or: controlbrief extract corpus --format xlsx --site site > provisions.xlsx)
    """
    _set_timeout(timeout)
    from controlbrief.export import to_csv, to_xlsx
    from controlbrief.execution import extract_paths, write_json

    def on_error(err) -> None:
        _warn(f"{err.source}: {err.error}")

    def on_progress(doc) -> None:
        if not quiet:
            typer.echo(f"extracted {doc.source}: {len(doc.provisions)} provisions", err=True)

    options = dict(model=model, max_bytes=max_bytes, round=round, jobs=jobs, scheduler=scheduler, on_error=on_error,
                   on_progress=on_progress)
    try:
        if format is OutputFormat.json:
            # Streamed: each document is printed as soon as it is extracted and then dropped.
            errors = write_json(sys.stdout, paths, **options)
        else:
            report = extract_paths(paths, **options)
            if format is OutputFormat.xlsx:
                sys.stdout.flush()
                sys.stdout.buffer.write(to_xlsx(report, site))  # a workbook is bytes: redirect it to a .xlsx file
            else:
                sys.stdout.write(to_csv(report))
            errors = report.errors
    except (ControlbriefError, OSError) as exc:
        _warn(str(exc))
        raise typer.Exit(2) from None
    if errors:
        raise typer.Exit(1)


DbOption = Annotated[str, typer.Option("--db", help="SQLite database of documents and provisions.")]


@app.command()
def brief(
    paths: Annotated[list[str] | None, typer.Argument(help="Files or folders of notices (omit to read the store, --db).")] = None,
    out: Annotated[str, typer.Option("--out", "-o", help="Folder of the site (created; pages replaced atomically).")] = "site",
    db: Annotated[str | None, typer.Option("--db", help="Read documents from this store instead of files.")] = None,
    model: Annotated[str | None, typer.Option(help="Installed spaCy model to build on.")] = None,
    round: Annotated[str | None, typer.Option("--round", help="Control round of documents that name none (no Round: line, no round folder).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress on stderr.")] = False,
    timeout: TimeoutOption = None,
) -> None:
    """Build the briefing site: index, one briefing per notice, items, timeline, errors, provisions.json.

    Prints the path of index.html. Exit code 1 when any input could not be read (the site is still built).

    Example: controlbrief brief corpus --out site   (or: controlbrief brief --db controlbrief.db --out site)
    """
    _set_timeout(timeout)
    from pathlib import Path

    from controlbrief.brief import build_site
    from controlbrief.execution import extract_all
    from controlbrief.pipeline import Extracted

    def on_document(doc) -> None:
        if not quiet:
            typer.echo(f"extracted {doc.source}: {len(doc.provisions)} provisions", err=True)

    if not paths and not db:
        _warn("give notices to read (PATH...) or a store (--db)")
        raise typer.Exit(2)
    try:
        if paths:
            done, errors = extract_all(paths, model=model, round=round, on_error=lambda e: _warn(f"{e.source}: {e.error}"), on_document=on_document)
        else:
            from controlbrief.store import Store

            with Store(db) as store:
                done, errors = [Extracted(d, r) for d, r in store.extracted()], store.errors()
                _skipped(store)
        build_site(done, errors, Path(out), warn=_warn)
    except (ControlbriefError, OSError) as exc:
        _warn(str(exc))
        raise typer.Exit(2) from None
    typer.echo(str(Path(out) / "index.html"))
    if errors:
        raise typer.Exit(1)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files or folders of notices.")],
    db: DbOption = "controlbrief.db",
    model: Annotated[str | None, typer.Option(help="Installed spaCy model to build on.")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes (each builds the pipeline once).")] = 1,
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Dask scheduler address, or local:N for a local cluster of N workers (needs the dask extra).")] = None,
    round: Annotated[str | None, typer.Option("--round", help="Control round of documents that name none (no Round: line, no round folder).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    timeout: TimeoutOption = None,
) -> None:
    """Extract new and changed notices into the store; unchanged files are skipped, deleted ones withdrawn.

    Example: controlbrief ingest corpus --db controlbrief.db
    """
    _set_timeout(timeout)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from controlbrief.ingest import discover
    from controlbrief.store import Store
    from controlbrief.sync import sync

    console = Console(stderr=True)
    total = len(discover(paths)[0])
    try:
        with Store(db) as store, Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                          console=console, disable=quiet or not console.is_terminal) as progress:
            task = progress.add_task("ingesting", total=total)

            def ready(_f) -> bool:
                progress.advance(task)
                return True

            result = sync(store, paths, model=model, round=round, jobs=jobs, scheduler=scheduler, ready=ready, on_error=lambda e: _warn(f"{e.source}: {e.error}"))
    except (ControlbriefError, OSError) as exc:
        _warn(str(exc))
        raise typer.Exit(2) from None
    if result.extracted or result.withdrawn:
        _warn(f"extracted {len(result.extracted)}, unchanged {result.unchanged}, failed {len(result.failed)}, "
              f"withdrawn {len(result.withdrawn)}")
    else:
        _warn(f"nothing to extract: {result.unchanged} unchanged, {len(result.failed)} failed")
    if result.failed:
        raise typer.Exit(1)


@app.command()
def status(
    db: DbOption = "controlbrief.db",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show the store: documents by status, provisions by kind, unreadable files, last run.

    Example: controlbrief status --db controlbrief.db
    """
    from pathlib import Path

    from controlbrief.store import Store

    if not Path(db).exists():
        _warn(f"{db}: no such database (run `controlbrief ingest` first)")
        raise typer.Exit(2)
    try:
        with Store(db) as store:
            st = store.status()
    except ControlbriefError as exc:
        _warn(str(exc))
        raise typer.Exit(2) from None
    if as_json:
        sys.stdout.write(st.model_dump_json(indent=2) + "\n")
        return
    typer.echo(f"database: {st.db} (schema {st.schema_version})")
    typer.echo("documents: " + (", ".join(f"{k} {v}" for k, v in sorted(st.documents.items())) or "none"))
    typer.echo("provisions: " + (", ".join(f"{k} {v}" for k, v in st.provisions.items()) or "none"))
    typer.echo(f"errors: {len(st.errors)}")
    for e in st.errors:
        typer.echo(f"  {e.source}: {e.error}")
    if st.last_run:
        r = st.last_run
        typer.echo(f"last run: {r['command']} {r['started']} -> {r['finished'] or 'interrupted'}: extracted {r['extracted']}, "
                   f"unchanged {r['unchanged']}, failed {r['failed']}, withdrawn {r['withdrawn']}")


@app.command()
def watch(
    inbox: Annotated[str, typer.Argument(help="Folder where notices are dropped.")],
    out: Annotated[str, typer.Option("--out", "-o", help="Folder of the briefing site.")] = "site",
    db: DbOption = "controlbrief.db",
    once: Annotated[bool, typer.Option("--once", help="Process what is there, update the site, exit (for cron).")] = False,
    settle: Annotated[float, typer.Option(help="Seconds a file must stay unchanged before it is read.")] = 2.0,
    interval: Annotated[float, typer.Option(help="Seconds between rescans when no event arrives.")] = 1.0,
    model: Annotated[str | None, typer.Option(help="Installed spaCy model to build on.")] = None,
    timeout: TimeoutOption = None,
    on_change: Annotated[str | None, typer.Option(
        "--on-change", help="Command to run with the paths of new or changed notices after each update "
                            "(not waited for; a failure is a warning).")] = None,
) -> None:
    """Watch a folder: extract notices as they arrive, keep the store and the briefing site current. Ctrl-C stops.

    Example: controlbrief watch inbox --out site --db controlbrief.db --on-change "notify-send controlbrief"
    """
    _set_timeout(timeout)
    import shlex
    from pathlib import Path

    from controlbrief.watch import watch as run_watch

    try:
        if on_change is not None and not shlex.split(on_change):
            raise ValueError("it is empty")
    except ValueError as exc:
        _warn(f"--on-change {on_change!r} is not a command ({exc}); example: --on-change 'mail -s notices me@example.com'")
        raise typer.Exit(2) from None

    try:
        run_watch(inbox, Path(out), db, once=once, settle=settle, interval=interval, model=model,
                  say=lambda m: typer.echo(f"controlbrief: {m}", err=True),
                  on_error=lambda e: _warn(f"{e.source}: {e.error}"), on_change=on_change)
    except (ControlbriefError, OSError) as exc:
        _warn(str(exc))
        raise typer.Exit(2) from None


class DiffFormat(str, Enum):
    json = "json"
    md = "md"
    html = "html"


@app.command()
def diff(
    old: Annotated[str, typer.Argument(help="Old round: a file, a folder, or with --db a round name (ROUND or TOPIC/ROUND).")],
    new: Annotated[str, typer.Argument(help="New round, the same way.")],
    format: Annotated[DiffFormat, typer.Option("--format", "-f", help="json (the diff contract), md or html.")] = DiffFormat.json,
    db: Annotated[str | None, typer.Option("--db", help="Store to read round names from.")] = None,
    as_published: Annotated[bool, typer.Option("--as-published", help="Compare what each round states, not the regimes in force.")] = False,
    model: Annotated[str | None, typer.Option(help="Installed spaCy model to build on.")] = None,
) -> None:
    """What changed between two control rounds: added, removed, changed, suspended or reinstated, and which notice caused it.

    By default the regimes are compared: controls accumulate over a topic's rounds, so
    what a new round does not restate is unchanged. A round folder inside a topic folder
    (corpus/TOPIC/ROUND) brings the topic's earlier rounds with it.

    Example: controlbrief diff corpus/rare-earths/2025-04 corpus/rare-earths/2025-10 --format md
    """
    from pathlib import Path

    from controlbrief.brief import environment
    from controlbrief.brief import diffs as diff_views
    from controlbrief.diff import changes_between, regime_changes
    from controlbrief.execution import extract_all
    from controlbrief.rounds import history, known_rounds, round_from_path, select

    def read(paths: list[str]) -> list:
        done, errors = extract_all(paths, model=model, on_error=lambda e: _warn(f"{e.source}: {e.error}"))
        if errors:
            raise typer.Exit(1)
        return [e.document for e in done]

    def side(spec: str) -> tuple[list, list]:
        """(the round's documents, the regime's documents: the topic up to and including the round)."""
        path = Path(spec)
        if path.exists():
            if path.is_dir() and round_from_path(str(path / "x")) and path.parent != path:
                everything = read([str(path.parent)])
                chosen = [d for d in everything if d.source.startswith(str(path.parent).rstrip("/") + "/" + path.name + "/")]
                return chosen, history(everything, chosen)
            docs = read([spec])
            return docs, docs
        if db:
            from controlbrief.store import Store

            with Store(db) as store:
                everything = [d for d, _ in store.extracted()]
            docs = select(everything, spec)
            if docs:
                return docs, history(everything, docs)
            rounds = known_rounds(everything)
            raise ControlbriefError(f"{spec}: no such round in {db}; known rounds: {', '.join(rounds) or 'none'}")
        raise ControlbriefError(f"{spec}: no such file or folder (give --db to name a round in the store)")

    try:
        (old_docs, old_regime), (new_docs, new_regime) = side(old), side(new)
        if as_published:
            report = changes_between(old_docs, new_docs)
        else:
            report = regime_changes(old_regime, new_regime, [d.source for d in old_docs], [d.source for d in new_docs])
    except (ControlbriefError, OSError) as exc:
        _warn(str(exc))
        raise typer.Exit(2) from None
    from controlbrief.brief.alert import round_summary

    title = f"What changed: {old} → {new}"
    if format is DiffFormat.json:
        sys.stdout.write(report.to_json())
    elif format is DiffFormat.md:
        sys.stdout.write(diff_views.markdown(report, title))
    else:
        sys.stdout.write(environment().get_template("standalone.html").render(body="diff_body.html",
            root="", title=title, heading=title, rows=diff_views.rows(report), counts=diff_views.counts(report), unchanged=report.unchanged,
            old_sources=report.old, new_sources=report.new, note=None, summary=round_summary(report, {})))


def _documents_from(paths: list[str] | None, db: str | None, model: str | None) -> list:
    """Documents read from files (extracted now) or from a store."""
    if paths:
        from controlbrief.execution import extract_all

        done, _ = extract_all(paths, model=model, on_error=lambda e: _warn(f"{e.source}: {e.error}"))
        return [e.document for e in done]
    from controlbrief.store import Store

    with Store(db) as store:
        docs = [d for d, _ in store.extracted()]
        _skipped(store)
    return docs


@app.command()
def inforce(
    paths: Annotated[list[str] | None, typer.Argument(help="Files or folders of notices (omit to read the store, --db).")] = None,
    db: Annotated[str | None, typer.Option("--db", help="Read documents from this store instead of files.")] = None,
    on: Annotated[str | None, typer.Option("--on", help="The day to ask about, YYYY-MM-DD (default: today).")] = None,
    topic: Annotated[str | None, typer.Option("--topic", help="Only this topic (the folder above the round folder).")] = None,
    format: Annotated[DiffFormat, typer.Option("--format", "-f", help="json (the regime contract), md or html.")] = DiffFormat.json,
    model: Annotated[str | None, typer.Option(help="Installed spaCy model to build on.")] = None,
) -> None:
    """What is in force on a day: each provision in force, suspended (until when, by which notice) or pending.

    Example: controlbrief inforce corpus --on 2025-11-20 --format md
    """
    from datetime import date

    from controlbrief.brief import environment
    from controlbrief.brief.views import describe
    from controlbrief.regime import build_regime, markdown, parse_day

    if not paths and not db:
        _warn("give notices to read (PATH...) or a store (--db)")
        raise typer.Exit(2)
    try:
        day = parse_day(on) if on else date.today().isoformat()
        report = build_regime(_documents_from(paths, db, model), day, topic)
    except (ControlbriefError, OSError) as exc:
        _warn(str(exc))
        raise typer.Exit(2) from None
    for u in report.unresolved:
        _warn(f"{u.notice}: {u.relation} {u.target_text!r} not applied ({u.reason})")
    for c in report.cycles:
        _warn(f"cycle: {c}")
    if format is DiffFormat.json:
        sys.stdout.write(report.to_json())
    elif format is DiffFormat.md:
        sys.stdout.write(markdown(report, describe))
    else:
        from controlbrief.brief.regime_pages import regime_view

        sys.stdout.write(environment().get_template("standalone.html").render(body="inforce_body.html", root="", title=f"In force on {report.on}",
                                                                                         view=regime_view(report)))


class EvalFormat(str, Enum):
    text = "text"
    json = "json"


@app.command("eval")
def eval_command(
    gold_dir: Annotated[str, typer.Argument(help="Folder of gold files (<path relative to corpus>.json).")],
    corpus_dir: Annotated[str, typer.Argument(help="Folder of notices the gold files describe.")],
    format: Annotated[EvalFormat, typer.Option("--format", "-f", help="text for people, json for machines.")] = EvalFormat.text,
    model: Annotated[str | None, typer.Option(help="Installed spaCy model to build on.")] = None,
) -> None:
    """Score extraction against hand-checked answers: P/R/F1 per kind and field group, misses and false provisions.

    Example: controlbrief eval tests/gold corpus
    """
    from pathlib import Path

    from controlbrief.evaluate import evaluate, load_gold
    from controlbrief.execution import extract_paths
    from controlbrief.render import eval_text

    try:
        gold = load_gold(Path(gold_dir))
        report = extract_paths([corpus_dir], model=model, on_error=lambda e: _warn(f"{e.source}: {e.error}"))
        result = evaluate(gold, report.documents, corpus_dir)
    except (ControlbriefError, OSError) as exc:
        _warn(str(exc))
        raise typer.Exit(2) from None
    if format is EvalFormat.json:
        sys.stdout.write(json.dumps(result.as_dict(), indent=2, ensure_ascii=False) + "\n")
    else:
        eval_text(result)


@app.command()
def explain(
    file: Annotated[str, typer.Argument(help="One notice (.txt .md .html .htm .pdf).")],
    format: Annotated[EvalFormat, typer.Option("--format", "-f", help="text for people, json for machines.")] = EvalFormat.text,
    model: Annotated[str | None, typer.Option(help="Installed spaCy model to build on.")] = None,
    all_sentences: Annotated[bool, typer.Option("--all", help="Also show sentences where nothing matched.")] = False,
) -> None:
    """Show each sentence with the spans that matched, their pattern ids, and the provisions they became.

    Example: controlbrief explain corpus/graphite/2023-10/mofcom-2023-39-graphite.txt
    """
    from controlbrief.explain import explain_file
    from controlbrief.render import explain_text

    try:
        explanation = explain_file(file, model=model)
    except (ControlbriefError, OSError) as exc:
        _warn(f"{file}: {exc}")
        raise typer.Exit(1 if isinstance(exc, ControlbriefError) else 2) from None
    if format is EvalFormat.json:
        sys.stdout.write(explanation.model_dump_json(indent=2) + "\n")
    else:
        explain_text(explanation, all_sentences=all_sentences)


@app.command()
def schema(
    diff_schema: Annotated[bool, typer.Option("--diff", help="The schema of `diff --format json` instead.")] = False,
) -> None:
    """Print the JSON Schema of the extract output (schema_version 2), or with --diff of the diff output.

    Example: controlbrief schema > schema/provisions.schema.json
    """
    from controlbrief.models import DiffReport, ExtractionReport

    model = DiffReport if diff_schema else ExtractionReport
    sys.stdout.write(json.dumps(model.model_json_schema(), indent=2, sort_keys=True) + "\n")


@app.command()
def serve(
    site: Annotated[str, typer.Argument(help="Folder of the briefing site.")] = "site",
    port: Annotated[int, typer.Option(help="Port on this computer (0 picks a free one).")] = 8000,
) -> None:
    """Serve the briefing site on this computer only (127.0.0.1), so its search works; Ctrl-C stops.

    Example: controlbrief serve site   (then open the address it prints)
    """
    from controlbrief.serve import serve as run

    try:
        run(site, port, say=lambda m: typer.echo(f"controlbrief: {m}", err=True))
    except (ControlbriefError, OSError) as exc:
        _warn(str(exc))
        raise typer.Exit(2) from None


class ResidentAction(str, Enum):
    start = "start"
    stop = "stop"
    status = "status"


@app.command()
def resident(
    action: Annotated[ResidentAction, typer.Argument(help="start, stop, or status.")] = ResidentAction.status,
    idle: Annotated[float, typer.Option(help="With start: leave after this many seconds without a request (0: never).")] = 4 * 3600.0,
) -> None:
    """Keep a warm pipeline in a background process, so `extract` of a few notices starts in a tenth of the time.

    While it runs, `extract` hands its work to it and prints exactly what it would
    have printed; when the code or patterns change it steps aside by itself.
    Example: controlbrief resident start
    """
    from datetime import datetime

    from controlbrief import resident as rs

    def describe(status: dict) -> str:
        since = datetime.fromtimestamp(status["started"]).strftime("%Y-%m-%d %H:%M")
        state = "current" if status.get("current") else "stale (code or patterns changed; `resident start` replaces it)"
        return f"resident extractor: pid {status['pid']}, since {since}, {status['served']} runs, {state}; socket {rs.socket_path()}"

    if action is ResidentAction.start:
        try:
            typer.echo(describe(rs.start(idle)))
        except RuntimeError as exc:
            _warn(str(exc))
            raise typer.Exit(2) from None
    elif action is ResidentAction.stop:
        if rs.ask("stop") is None:
            typer.echo("resident extractor: none running")
        else:
            typer.echo("resident extractor: stopped")
    else:
        status = rs.ask("status")
        typer.echo(describe(status) if status else "resident extractor: none running")


if __name__ == "__main__":  # pragma: no cover
    app()
