"""diff and inforce: control rounds compared, and what is in force on a day."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated

import typer

from controlbrief.cli.common import app, warn, warn_skipped
from controlbrief.errors import ControlbriefError


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
        done, errors = extract_all(paths, model=model, on_error=lambda e: warn(f"{e.source}: {e.error}"))
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
        warn(str(exc))
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

        done, _ = extract_all(paths, model=model, on_error=lambda e: warn(f"{e.source}: {e.error}"))
        return [e.document for e in done]
    from controlbrief.store import Store

    with Store(db) as store:
        docs = [d for d, _ in store.extracted()]
        warn_skipped(store)
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
        warn("give notices to read (PATH...) or a store (--db)")
        raise typer.Exit(2)
    try:
        day = parse_day(on) if on else date.today().isoformat()
        report = build_regime(_documents_from(paths, db, model), day, topic)
    except (ControlbriefError, OSError) as exc:
        warn(str(exc))
        raise typer.Exit(2) from None
    for u in report.unresolved:
        warn(f"{u.notice}: {u.relation} {u.target_text!r} not applied ({u.reason})")
    for c in report.cycles:
        warn(f"cycle: {c}")
    if format is DiffFormat.json:
        sys.stdout.write(report.to_json())
    elif format is DiffFormat.md:
        sys.stdout.write(markdown(report, describe))
    else:
        from controlbrief.brief.regime_pages import regime_view

        sys.stdout.write(environment().get_template("standalone.html").render(body="inforce_body.html", root="", title=f"In force on {report.on}",
                                                                                         view=regime_view(report)))

