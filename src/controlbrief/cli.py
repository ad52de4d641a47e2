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
def brief(
    paths: Annotated[list[str], typer.Argument(help="Files or folders of notices.")],
    out: Annotated[str, typer.Option("--out", "-o", help="Folder of the site (created; pages replaced atomically).")] = "site",
    model: Annotated[str | None, typer.Option(help="Installed spaCy model to build on.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress on stderr.")] = False,
) -> None:
    """Build the briefing site: index, one briefing per notice, items, timeline, errors, provisions.json.

    Prints the path of index.html. Exit code 1 when any input could not be read (the site is still built).

    Example: controlbrief brief corpus --out site
    """
    from pathlib import Path

    from controlbrief.brief import build_site
    from controlbrief.pipeline import extract_all

    def on_document(doc) -> None:
        if not quiet:
            typer.echo(f"extracted {doc.source}: {len(doc.provisions)} provisions", err=True)

    try:
        done, errors = extract_all(paths, model=model, on_error=lambda e: _warn(f"{e.source}: {e.error}"), on_document=on_document)
        build_site(done, errors, Path(out))
    except (ControlbriefError, OSError) as exc:
        _warn(str(exc))
        raise typer.Exit(2) from None
    typer.echo(str(Path(out) / "index.html"))
    if errors:
        raise typer.Exit(1)


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
    from controlbrief.pipeline import extract_paths
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
def schema() -> None:
    """Print the JSON Schema of the extract output (schema_version 1).

    Example: controlbrief schema > schema/provisions.schema.json
    """
    from controlbrief.models import ExtractionReport

    sys.stdout.write(json.dumps(ExtractionReport.model_json_schema(), indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":  # pragma: no cover
    app()
