"""ingest, status and watch: the store and the drop folder."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from controlbrief.cli.common import DbOption, TimeoutOption, app, set_timeout, warn
from controlbrief.errors import ControlbriefError


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
    set_timeout(timeout)
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

            result = sync(store, paths, model=model, round=round, jobs=jobs, scheduler=scheduler, ready=ready, on_error=lambda e: warn(f"{e.source}: {e.error}"))
    except (ControlbriefError, OSError) as exc:
        warn(str(exc))
        raise typer.Exit(2) from None
    if result.extracted or result.withdrawn:
        warn(f"extracted {len(result.extracted)}, unchanged {result.unchanged}, failed {len(result.failed)}, "
              f"withdrawn {len(result.withdrawn)}")
    else:
        warn(f"nothing to extract: {result.unchanged} unchanged, {len(result.failed)} failed")
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
        warn(f"{db}: no such database (run `controlbrief ingest` first)")
        raise typer.Exit(2)
    try:
        with Store(db) as store:
            st = store.status()
    except ControlbriefError as exc:
        warn(str(exc))
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
    set_timeout(timeout)
    import shlex
    from pathlib import Path

    from controlbrief.watch import watch as run_watch

    try:
        if on_change is not None and not shlex.split(on_change):
            raise ValueError("it is empty")
    except ValueError as exc:
        warn(f"--on-change {on_change!r} is not a command ({exc}); example: --on-change 'mail -s notices me@example.com'")
        raise typer.Exit(2) from None

    try:
        run_watch(inbox, Path(out), db, once=once, settle=settle, interval=interval, model=model,
                  say=lambda m: typer.echo(f"controlbrief: {m}", err=True),
                  on_error=lambda e: warn(f"{e.source}: {e.error}"), on_change=on_change)
    except (ControlbriefError, OSError) as exc:
        warn(str(exc))
        raise typer.Exit(2) from None

