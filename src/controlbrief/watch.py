"""Watch an inbox folder: sync it into the store and keep the briefing site current.

Events from watchfiles are only hints (they can be dropped, doubled or
stormed): every event, and every quiet interval, triggers a full rescan that
reconciles files against the store. A file is read only once it has not
changed for `settle` seconds, so a notice still being copied is never half-read.
"""

from __future__ import annotations

import os
import queue
import shlex
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

from controlbrief.brief import PageMemo, build_site
from controlbrief.ingest import InputFile
from controlbrief.models import InputError
from controlbrief.paths import files_fingerprint, patterns_dir
from controlbrief.patterns import PatternError, reload_pattern_sets
from controlbrief.pipeline import Extracted, Extractor
from controlbrief.store import Store
from controlbrief.sync import SyncResult, sync


class Settled:
    """A file is ready when its last modification is at least `settle` seconds old."""

    def __init__(self, settle: float) -> None:
        self.settle = settle
        self.waiting: dict[str, float] = {}  # source -> when it will have settled, if it does not change again

    def __call__(self, f: InputFile) -> bool:
        try:
            mtime = f.path.stat().st_mtime
        except OSError:
            self.waiting.pop(f.source, None)
            return False
        if time.time() - mtime < self.settle:
            self.waiting[f.source] = mtime + self.settle
            return False
        self.waiting.pop(f.source, None)
        return True

    def next_due(self) -> float | None:
        """Seconds until the first waiting file will have settled (0 if one has), None when none waits."""
        if not self.waiting:
            return None
        return max(0.0, min(self.waiting.values()) - time.time())


class OnChange:
    """Runs a command with the paths of new or changed notices as its arguments (mail, a chat hook).

    The watcher never waits for it: the command runs in its own session, and is
    only checked on later cycles, where a non-zero exit becomes a warning.
    """

    def __init__(self, command: str, say: Callable[[str], None]) -> None:
        self.argv = shlex.split(command)
        if not self.argv:
            raise ValueError("--on-change needs a command")
        self.say = say
        self.running: list[subprocess.Popen] = []

    def __call__(self, paths: list[str]) -> None:
        self.reap()
        try:
            proc = subprocess.Popen([*self.argv, *(os.path.abspath(p) for p in paths)], stdin=subprocess.DEVNULL,
                                    start_new_session=True)
        except OSError as exc:
            self.say(f"warning: on-change command {self.argv[0]!r} could not start: {exc.strerror or exc}")
            return
        self.running.append(proc)

    def reap(self) -> None:
        """Report commands that finished badly; keep waiting for none."""
        for proc in list(self.running):
            code = proc.poll()
            if code is None:
                continue
            self.running.remove(proc)
            if code != 0:
                self.say(f"warning: on-change command {self.argv[0]!r} exited with status {code}")


class Patterns:
    """Notices the patterns' changes: checked every cycle by file names, sizes and times (a few dozen stats),
    read again only when those change, and taken only when they read cleanly."""

    def __init__(self, say: Callable[[str], None]) -> None:
        self.say = say
        self.seen = files_fingerprint(patterns_dir())

    def changed(self) -> bool:
        """True when the pattern files changed and the new ones have been read (the next Extractor uses them)."""
        now = files_fingerprint(patterns_dir())
        if now == self.seen:
            return False
        self.seen = now  # a broken edit is reported once; saving a fixed one changes the files again
        try:
            reload_pattern_sets()
        except PatternError as exc:
            self.say(f"warning: patterns changed but cannot be read ({' '.join(str(exc).split())[:200]}); "
                     "extracting with the patterns read before")
            return False
        return True


def publish(store: Store, out: Path, say: Callable[[str], None] = print, memo: PageMemo | None = None) -> None:
    """Rewrite the site from the store (pages that did not change are left untouched; with the watcher's
    `memo`, unchanged notice pages are not even rendered)."""
    store.skipped.clear()
    build_site([Extracted(d, r) for d, r in store.extracted()], store.errors(), out, warn=lambda m: say(f"warning: {m}"),
               memo=memo)
    for line in store.skipped:
        say(line)


def watch(inbox: str, out: Path, db: str, *, once: bool = False, settle: float = 2.0, interval: float = 1.0,
          model: str | None = None, say: Callable[[str], None] = print,
          on_error: Callable[[InputError], None] | None = None, on_change: str | None = None) -> None:
    """Process what is in inbox, then keep watching until Ctrl-C or SIGTERM (or return at once if `once`).

    `on_change` is a command run (not waited for) with the paths of new or changed notices after each update.
    """
    if not Path(inbox).is_dir():
        raise NotADirectoryError(f"{inbox}: not a folder")
    stop = threading.Event()
    settled = Settled(0.0 if once else settle)
    extractor = Extractor(model=model)
    patterns = Patterns(say)
    notify = OnChange(on_change, say) if on_change else None
    memo = PageMemo()
    with Store(db) as store:
        def cycle(first: bool) -> SyncResult:
            nonlocal extractor
            settled.waiting.clear()  # files still waiting are asked again; a removed one must not be awaited
            if patterns.changed():
                # Stored notices carry the digest of the patterns they were read with: sync reads them all again.
                extractor = Extractor(model=model)
                say("patterns changed: extracting every notice again with them")
            result = sync(store, [inbox], extractor=extractor, ready=settled, on_error=on_error, command="watch",
                          log_idle=first)
            if result.changed or first:
                publish(store, out, say, memo)
                say(f"extracted {len(result.extracted)}, unchanged {result.unchanged}, failed {len(result.failed)}, "
                    f"withdrawn {len(result.withdrawn)}; site updated")
            if notify is not None:
                notify.reap()
                if result.extracted:
                    notify(result.extracted)
            return result

        # The handler goes in before the first cycle: a SIGTERM that arrives while the first
        # site is written must stop the watcher cleanly, not kill it half-way.
        previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
        say(f"watching {inbox} (store {db}); the briefing site is {out / 'index.html'}; "
            f"{'processing once' if once else 'Ctrl-C stops'}")
        # File events are gathered from before the first scan: a notice dropped in while the first cycle runs
        # (minutes, for a large folder) is taken at once, not at the next quiet interval.
        events = None if once else _Events(inbox, stop, interval)
        try:
            cycle(first=True)
            if once:
                return
            if not stop.is_set():
                _follow(events, stop, interval, cycle, say, settled)
        except KeyboardInterrupt:
            pass
        finally:
            stop.set()  # ends the event thread
            signal.signal(signal.SIGTERM, previous)
            if notify is not None:
                notify.reap()
        say("stopped")


class _Events:
    """watchfiles' events, gathered on a thread of their own into a queue; only hints that something changed."""

    def __init__(self, inbox: str, stop: threading.Event, interval: float) -> None:
        import watchfiles  # imported here, so the thread starts watching at once

        self.queue: queue.Queue = queue.Queue()
        listening = threading.Event()
        self.thread = threading.Thread(target=self._listen, args=(watchfiles, inbox, stop, interval, listening),
                                       name="file-events", daemon=True)
        self.thread.start()
        listening.wait(5)

    def _listen(self, watchfiles, inbox: str, stop: threading.Event, interval: float, listening: threading.Event) -> None:
        try:
            changes = watchfiles.watch(inbox, stop_event=stop, rust_timeout=int(interval * 1000), debounce=200, step=50,
                                       raise_interrupt=False)
            listening.set()
            for _ in changes:
                self.queue.put(True)
        except (RuntimeError, OSError) as exc:
            # The event source can fail (a file name that is not UTF-8 stops watchfiles for good).
            self.queue.put(exc)
        finally:
            listening.set()
            self.queue.put(None)  # stopped: wakes the watcher at once

    def wait(self, seconds: float) -> BaseException | bool | None:
        """True after an event (all waiting ones taken at once), False after `seconds` of quiet, the failure,
        or None once the events have stopped."""
        try:
            item = self.queue.get(timeout=seconds)
        except queue.Empty:
            return False
        while isinstance(item, bool):
            try:
                item = self.queue.get_nowait()
            except queue.Empty:
                return True
        return item


def _follow(events: "_Events | None", stop: threading.Event, interval: float, cycle: Callable[..., SyncResult],
            say: Callable[[str], None], settled: Settled) -> None:
    """Run a cycle on every file event and every quiet interval until stop is set; and the moment a file
    that was still being written has settled (no event marks that moment: nothing happens to the file)."""

    def until_settled() -> None:
        while (due := settled.next_due()) is not None and not stop.is_set():
            if due > interval:
                return  # the next quiet interval comes first
            if due > 0 and stop.wait(due):
                return
            cycle(first=False)

    # One rescan first: a file that came after the first scan began and before the events started (watchfiles
    # starts watching a moment after its thread does) has no event; after this, every arrival has one.
    wait = 0.0
    while not stop.is_set():
        found = events.wait(wait) if events is not None else stop.wait(wait)
        wait = interval
        if stop.is_set():
            return
        if found is None:
            events = None  # the event thread ended without a failure to tell: rescan every interval
        if isinstance(found, BaseException):
            # Events were only hints: rescanning every interval finds the same files.
            say(f"file events unavailable ({' '.join(str(found).split())[:160]}); rescanning every {interval:g} s instead")
            events = None
        cycle(first=False)
        until_settled()
