"""The typer app and what its commands share: options, warnings, the parse timeout."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

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


def warn(message: str) -> None:
    typer.echo(f"controlbrief: {message}", err=True)


TimeoutOption = Annotated[float | None, typer.Option(
    "--timeout", min=1, help="Seconds a PDF or HTML file may take to parse (plus a minute per MB); past it the file is set aside. Default 60.")]


def set_timeout(timeout: float | None) -> None:
    """Apply --timeout to this run; worker processes inherit it through the environment."""
    if timeout is not None:
        import os

        from controlbrief.guard import TIMEOUT_ENV

        os.environ[TIMEOUT_ENV] = str(timeout)


def warn_skipped(store) -> None:
    """Warn about stored rows that could not be read back (they were skipped)."""
    for line in store.skipped:
        warn(f"{store.path}: {line}")


DbOption = Annotated[str, typer.Option("--db", help="SQLite database of documents and provisions.")]
