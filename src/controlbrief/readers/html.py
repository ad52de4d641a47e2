"""HTML to visible text, one line per block, with title, first heading and meta tags.

No spaCy here. Uses the standard library parser so hostile or broken markup
never raises: it is read as far as it makes sense.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_DROP = {"script", "style", "nav", "noscript", "template", "svg", "iframe", "object", "button", "select"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_BLOCK = {
    "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "dl", "dt",
    "dd", "section", "article", "header", "footer", "main", "aside", "blockquote", "pre",
    "address", "figure", "figcaption", "caption", "hr", "br", "form", "fieldset", "details", "summary",
    "thead", "tbody", "tfoot",
}
_CELL = {"td", "th"}
_META_NAMES = {
    "title": "title", "dc.title": "title", "og:title": "title",
    "author": "issuer", "dc.creator": "issuer", "dc.publisher": "issuer", "issuer": "issuer",
    "date": "date", "dc.date": "date", "article:published_time": "date", "citation_date": "date",
    "round": "round",
}
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200b\u3000]+")


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.drop_depth = 0
        self.cells: list[str] | None = None
        self.in_title = False
        self.title: list[str] = []
        self.heading: str | None = None
        self.heading_buf: list[str] | None = None
        self.meta: dict[str, str] = {}

    def _flush(self) -> None:
        line = _SPACES.sub(" ", "".join(self.current)).strip()
        self.current = []
        if line:
            self.lines.append(line)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            a = {k.lower(): (v or "") for k, v in attrs}
            key = _META_NAMES.get((a.get("name") or a.get("property") or "").lower())
            if key and a.get("content") and key not in self.meta:
                self.meta[key] = a["content"].strip()
            return
        if tag == "title":
            self.in_title = True
            return
        if tag in _DROP:
            if tag not in _VOID:
                self.drop_depth += 1
            return
        if self.drop_depth:
            return
        if tag == "tr":
            self._flush()
            self.cells = []
        elif tag in _CELL and self.cells is not None:
            self._flush_cell()
        elif tag in _BLOCK:
            self._flush()
        if tag in {"h1", "h2"} and self.heading is None:
            self.heading_buf = []

    def _flush_cell(self) -> None:
        cell = _SPACES.sub(" ", "".join(self.current)).strip()
        self.current = []
        if cell and self.cells is not None:
            self.cells.append(cell)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
            return
        if tag in _DROP:
            self.drop_depth = max(0, self.drop_depth - 1)
            return
        if self.drop_depth:
            return
        if tag in _CELL and self.cells is not None:
            self._flush_cell()
        elif tag == "tr" and self.cells is not None:
            self._flush_cell()
            # A table row becomes one line; cells keep a visible separator.
            if self.cells:
                self.lines.append(" | ".join(self.cells))
            self.cells = None
        elif tag in _BLOCK:
            self._flush()
        if tag in {"h1", "h2"} and self.heading_buf is not None:
            self.heading = _SPACES.sub(" ", "".join(self.heading_buf)).strip() or None
            self.heading_buf = None

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
            return
        if self.drop_depth:
            return
        data = data.replace("\n", " ")
        self.current.append(data)
        if self.heading_buf is not None:
            self.heading_buf.append(data)

    def close(self) -> None:
        super().close()
        if self.cells:
            self._flush_cell()
            self.lines.append(" | ".join(self.cells))
        self._flush()


def html_to_text(markup: str) -> tuple[str, dict[str, str]]:
    """Return the visible text (one block per line) and metadata hints."""
    parser = _Extractor()
    parser.feed(markup)
    parser.close()
    meta = dict(parser.meta)
    title = _SPACES.sub(" ", "".join(parser.title)).strip()
    if title and parser.heading and _SITE_SUFFIX.search(title):
        # '<title>Announcement No. 55 | Bureau</title>' is the site's label; the page's own heading names the notice.
        title = parser.heading
    if title and "title" not in meta:
        meta["title"] = title
    if parser.heading:
        meta.setdefault("title", parser.heading)
    return "\n".join(parser.lines), meta


_SITE_SUFFIX = re.compile(r"\s[|｜_–—-]\s")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)


def declared_charset(data: bytes) -> str | None:
    """Charset declared in a <meta> tag within the first 4 KB, if any."""
    m = _CHARSET.search(data[:4096])
    return m.group(1).decode("ascii").lower() if m else None
