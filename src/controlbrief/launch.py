"""The `controlbrief` command: `extract` goes to the resident extractor when one is running, all else to the CLI.

Kept apart from cli.py so that forwarding imports neither typer nor spaCy (see resident.py).
"""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:2] == ["extract"]:
        from controlbrief.resident import forward

        code = forward(sys.argv[1:])
        if code is not None:
            sys.exit(code)
    from controlbrief.cli import app

    app()


if __name__ == "__main__":
    main()
