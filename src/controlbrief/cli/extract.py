"""extract and brief: notices to provisions, and provisions to a briefing site."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from controlbrief.cli.common import OutputFormat, TimeoutOption, app, set_timeout, warn, warn_skipped
from controlbrief.errors import ControlbriefError


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
    set_timeout(timeout)
    from controlbrief.export import to_csv, to_xlsx
    from controlbrief.execution import extract_paths, write_json

    def on_error(err) -> None:
        warn(f"{err.source}: {err.error}")

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
        warn(str(exc))
        raise typer.Exit(2) from None
    if errors:
        raise typer.Exit(1)



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
    set_timeout(timeout)
    from pathlib import Path

    from controlbrief.brief import build_site
    from controlbrief.execution import extract_all
    from controlbrief.pipeline import Extracted

    def on_document(doc) -> None:
        if not quiet:
            typer.echo(f"extracted {doc.source}: {len(doc.provisions)} provisions", err=True)

    if not paths and not db:
        warn("give notices to read (PATH...) or a store (--db)")
        raise typer.Exit(2)
    try:
        if paths:
            done, errors = extract_all(paths, model=model, round=round, on_error=lambda e: warn(f"{e.source}: {e.error}"), on_document=on_document)
        else:
            from controlbrief.store import Store

            with Store(db) as store:
                done, errors = [Extracted(d, r) for d, r in store.extracted()], store.errors()
                warn_skipped(store)
        build_site(done, errors, Path(out), warn=warn)
    except (ControlbriefError, OSError) as exc:
        warn(str(exc))
        raise typer.Exit(2) from None
    typer.echo(str(Path(out) / "index.html"))
    if errors:
        raise typer.Exit(1)

