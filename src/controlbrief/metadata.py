"""Read a leading 'Key: value' block ending in '---' into document metadata.

No spaCy here. The block is metadata, not notice text, so it is cut from the
text every span refers to.
"""

from __future__ import annotations

import re

_KEYS = {"title": "title", "issuer": "issuer", "date": "date", "published": "date", "round": "round",
         "source": "origin", "url": "origin"}
_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z ]{0,30}?)\s*:\s*(.*?)\s*$")


def split_header(text: str) -> tuple[dict[str, str], str]:
    """Return (metadata, body). Without a well-formed block the text is returned whole."""
    lines = text.split("\n")
    meta: dict[str, str] = {}
    for i, line in enumerate(lines[:40]):
        if line.strip() == "---":
            if not meta:
                return {}, text
            body = "\n".join(lines[i + 1:])
            return meta, body
        if not line.strip() and not meta:
            continue
        m = _LINE.match(line)
        if not m:
            return {}, text
        key = _KEYS.get(m[1].strip().lower())
        if key and m[2]:
            meta[key] = m[2]
    return {}, text
