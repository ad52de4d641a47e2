"""The controlbrief command line: a thin typer layer over the library.

Only requested output goes to stdout; progress and warnings go to stderr.
spaCy is imported inside commands so that `controlbrief --help` is instant.
Each module below adds its commands to `app` when imported, in the order `--help` lists them.
"""

from controlbrief.cli.common import app
from controlbrief.cli import extract, store, regime, tools  # noqa: F401 - registers the commands

__all__ = ["app"]
