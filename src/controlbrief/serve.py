"""Serve the briefing site on 127.0.0.1: browsers let a page fetch its search index only over http.

The standard library's server, bound to the loopback address only, serving the
site folder and nothing above it; it is for one analyst's browser, not a network.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from controlbrief.errors import ControlbriefError


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the stdlib's name
        pass  # one line per request would drown the terminal


def serve(site: str, port: int, say: Callable[[str], None] = print) -> None:
    """Serve `site` until Ctrl-C (or SIGTERM)."""
    folder = Path(site)
    if not (folder / "index.html").is_file():
        raise ControlbriefError(f"{site}: no briefing site here (build one with: controlbrief brief NOTICES --out {site})")
    handler = functools.partial(_Quiet, directory=str(folder.resolve()))
    with ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        say(f"serving {site} at http://127.0.0.1:{server.server_address[1]}/ (search: /search.html); Ctrl-C stops")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
    say("stopped")
