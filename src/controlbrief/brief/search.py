"""Full-text search over the site's notices, built with Pagefind (site/pagefind/).

Pagefind's Python package drives its indexing binary; the extended binary
segments Chinese, so '稀土' finds a notice whose text runs it into a longer
phrase. One page per notice is indexed (renderings of a notice share a page),
and the index is written beside the live one and swapped in, so a reader of
the site never meets half an index. The search page loads the index with
fetch(), which browsers refuse on file:// pages: `controlbrief serve` serves
the site locally, offline.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import threading
from pathlib import Path

from controlbrief.errors import ControlbriefError

FOLDER = "pagefind"


def build_index(out: Path, pages: list[str]) -> None:
    """Index `pages` (paths relative to out, one per notice) into out/pagefind. Raises ControlbriefError."""
    try:
        from pagefind.index import IndexConfig, PagefindIndex
    except ImportError:
        raise ControlbriefError("search index not built: the pagefind package is not installed "
                                "(pip install 'pagefind[extended]')") from None
    fresh, stale, source = out / f".{FOLDER}.new", out / f".{FOLDER}.old", out / f".{FOLDER}.pages"
    for folder in (fresh, stale, source):
        shutil.rmtree(folder, ignore_errors=True)
    # Exactly the pages to index, linked into a folder of their own at their site paths, so the binary reads
    # them itself: handing it each page's text through the Python API took 14 times as long (21 s for 200
    # notices of 90 KB), and the site's own folder also holds rendering copies and stale pages.
    try:
        for page in dict.fromkeys(pages):  # two files with the same bytes are one notice, at one address
            target = source / page
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(out / page, target)
            except OSError:
                shutil.copyfile(out / page, target)  # a file system without hard links
    except OSError as exc:
        shutil.rmtree(source, ignore_errors=True)
        raise ControlbriefError(f"search index not built: {exc.strerror or exc}") from None

    async def run() -> None:
        # The whole page body is indexed; the site header and footer are left out.
        config = IndexConfig(root_selector="main", output_path=str(fresh), exclude_selectors=["header.site", "footer.site"])
        async with PagefindIndex(config=config) as index:
            await index.add_directory(path=str(source), glob="**/*.html")

    failure: list[BaseException] = []

    def in_thread() -> None:
        try:
            asyncio.run(run())
        except Exception as exc:  # noqa: BLE001 - the binary missing for this platform, or it failed
            failure.append(exc)

    # Its own thread and event loop: the caller may be running one already (a notebook, Playwright's sync API).
    worker = threading.Thread(target=in_thread, name="pagefind")
    worker.start()
    worker.join()
    shutil.rmtree(source, ignore_errors=True)
    if failure:
        shutil.rmtree(fresh, ignore_errors=True)  # the rest of the site is whole; only search is missing
        exc = failure[0]
        raise ControlbriefError(f"search index not built: {' '.join(str(exc).split())[:200] or type(exc).__name__}")
    live = out / FOLDER
    if live.exists():
        live.rename(stale)
    fresh.rename(live)
    shutil.rmtree(stale, ignore_errors=True)
