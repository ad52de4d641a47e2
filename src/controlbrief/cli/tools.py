"""eval, explain, schema, serve and resident."""

from __future__ import annotations

import json
import sys
from enum import Enum
from typing import Annotated

import typer

from controlbrief.cli.common import app, warn
from controlbrief.errors import ControlbriefError


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
        report = extract_paths([corpus_dir], model=model, on_error=lambda e: warn(f"{e.source}: {e.error}"))
        result = evaluate(gold, report.documents, corpus_dir)
    except (ControlbriefError, OSError) as exc:
        warn(str(exc))
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
        warn(f"{file}: {exc}")
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
        warn(str(exc))
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
            warn(str(exc))
            raise typer.Exit(2) from None
    elif action is ResidentAction.stop:
        if rs.ask("stop") is None:
            typer.echo("resident extractor: none running")
        else:
            typer.echo("resident extractor: stopped")
    else:
        status = rs.ask("status")
        typer.echo(describe(status) if status else "resident extractor: none running")

