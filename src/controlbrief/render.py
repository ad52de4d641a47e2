"""Terminal rendering of `eval` and `explain` results with rich (colour only on a terminal).

No extraction here: it formats models built elsewhere and writes to stdout.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from controlbrief.evaluate import EvalReport
from controlbrief.explain import Explanation

_SKIP_FIELDS = {"id", "kind", "text", "span", "page", "pattern"}


def _console() -> Console:
    return Console(highlight=False, soft_wrap=True)


def eval_text(report: EvalReport) -> None:
    """Print scores per kind and field group, then every miss and false provision."""
    console = _console()
    console.print(f"documents scored: {report.documents}   macro F1 (kinds): {report.macro_f1:.3f}")
    if report.chinese:
        zh = report.chinese
        per_kind = ", ".join(f"{k} {v.f1:.2f}" for k, v in sorted(zh.kinds.items()))
        console.print(f"Chinese notices: {zh.documents} scored   macro F1 (kinds): {zh.macro_f1:.3f}   ({per_kind})")
    for title, scores in (("kind", report.kinds), ("field group", report.fields)):
        table = Table(title=f"per {title}", show_edge=False)
        for col in (title, "tp", "fp", "fn", "precision", "recall", "F1"):
            table.add_column(col, justify="left" if col == title else "right")
        for name, s in sorted(scores.items()):
            table.add_row(name, str(s.tp), str(s.fp), str(s.fn), f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}")
        console.print(table)
    if report.thresholds:
        table = Table(title="threshold recall per notice", show_edge=False)
        for col in ("notice", "gold", "found", "missed units"):
            table.add_column(col, justify="left" if col in {"notice", "missed units"} else "right")
        for source, r in sorted(report.thresholds.items()):
            table.add_row(source, str(r.gold), str(r.found), ", ".join(r.missed_units))
        console.print(table)
    for label, mistakes in (("MISS", report.misses), ("FALSE", report.false)):
        for m in mistakes:
            line = Text(f"{label:5} ", style="red" if label == "FALSE" else "yellow")
            line.append(f"{m.source}  {m.kind} {m.key}")
            if m.text:
                line.append(f"  | {m.text}", style="dim")
            console.print(line)
    if report.unscored:
        console.print(f"no gold file for: {', '.join(report.unscored)}", style="dim")


def explain_text(explanation: Explanation, all_sentences: bool = False) -> None:
    """Print each sentence, its matched spans (label, pattern id) and the provisions it gave."""
    console = _console()
    d = explanation.document
    console.print(Text(f"{d.source}  title={d.title!r} issuer={d.issuer!r} published={d.published} round={d.round}", style="bold"))
    for s in explanation.sentences:
        if not (s.matches or s.provisions or all_sentences):
            continue
        head = f"[{s.index}]" + (f" p{s.page}" if s.page else "") + (" item" if s.is_item else "") + (f" <- [{s.lead}]" if s.lead is not None else "")
        console.print(Text(head, style="cyan"), Text(s.text))
        for m in s.matches:
            console.print(Text(f"    {m.label:16} {m.pattern:45} {m.text!r}", style="dim"))
        for p in s.provisions:
            fields = {k: v for k, v in p.model_dump().items() if k not in _SKIP_FIELDS}
            console.print(Text(f"    => {p.kind} {fields}  <{p.pattern}>", style="green"))
