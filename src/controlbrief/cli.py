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


def _warn(message: str) -> None:
    typer.echo(f"controlbrief: {message}", err=True)


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files (.txt .md .html .htm .pdf) or folders, walked recursively.")],
    format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.json,
    model: Annotated[str | None, typer.Option(help="Installed spaCy model to build on (e.g. en_core_web_sm).")] = None,
    max_bytes: Annotated[int, typer.Option(help="Files larger than this are set aside.")] = 20 * 1024 * 1024,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress on stderr.")] = False,
) -> None:
    """Extract provisions from notices and print them (JSON contract or CSV).

    Exit code 0 when every input was read, 1 when any could not be (listed in `errors`).

    Example: controlbrief extract corpus --format json > provisions.json
    """
    from controlbrief.export import to_csv
    from controlbrief.pipeline import extract_paths

    def on_error(err) -> None:
        _warn(f"{err.source}: {err.error}")

    def on_progress(doc) -> None:
        if not quiet:
            typer.echo(f"extracted {doc.source}: {len(doc.provisions)} provisions", err=True)

    try:
        report = extract_paths(paths, model=model, max_bytes=max_bytes, on_error=on_error, on_progress=on_progress)
    except (ControlbriefError, OSError) as exc:
        _warn(str(exc))
        raise typer.Exit(2) from None
    sys.stdout.write(report.to_json() if format is OutputFormat.json else to_csv(report))
    if report.errors:
        raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the extract output (schema_version 1).

    Example: controlbrief schema > schema/provisions.schema.json
    """
    from controlbrief.models import ExtractionReport

    sys.stdout.write(json.dumps(ExtractionReport.model_json_schema(), indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":  # pragma: no cover
    app()
