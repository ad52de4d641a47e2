"""Run one parser call in a forked child with a time limit and a memory limit.

No spaCy here. pdfminer loops on self-referencing objects and builds an object
per character (a 3 KB PDF can ask for gigabytes); the standard library's HTML
parser is quadratic on some unclosed markup. Such a call runs in a child
process: past its time it is killed, past its memory it fails, and either way
the caller gets a ReadError naming the limit, while this process (and the rest
of the folder) goes on. Where fork is missing the call runs here, unbounded.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import time
from collections.abc import Callable
from typing import TypeVar

from controlbrief.errors import ReadError

T = TypeVar("T")

DEFAULT_TIMEOUT = 60.0  # seconds for any file, plus PER_MB_TIMEOUT per MB of it
PER_MB_TIMEOUT = 60.0
# The base can be set for a whole run (the CLI's --timeout sets it), so process-pool and
# local Dask workers, which inherit the environment, apply the same bound.
TIMEOUT_ENV = "CONTROLBRIEF_READ_TIMEOUT"
DEFAULT_MEMORY = 1024**3  # bytes of address space the child may add to what it inherits


def _address_space() -> int | None:
    """This process's virtual size in bytes (Linux), the base the child's limit adds to."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def _child(fn: Callable[..., T], args: tuple, memory: int, write_fd: int) -> None:
    # Runs in the forked child: never returns, never raises into the parent's code.
    status = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
        base = _address_space()
        if base is not None:
            import resource

            limit = base + memory
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        try:
            payload = ("ok", fn(*args))
        except ReadError as exc:
            payload = ("error", str(exc))
        except MemoryError:
            payload = ("memory", "")
        except RecursionError:
            payload = ("error", "structure nested too deeply to read")
        except Exception as exc:  # noqa: BLE001 - any parser failure is this file's one-line error
            message = " ".join(str(exc).split())[:160]
            payload = ("error", f"reader failed ({type(exc).__name__}: {message})")
        data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
        view = memoryview(data)
        while view:
            view = view[os.write(write_fd, view):]
        status = 0
    except BaseException:  # noqa: BLE001 - a child must exit, whatever happened; the parent reports it
        status = 3
    finally:
        os._exit(status)


def read_timeout(size: int, base: float | None = None) -> float:
    """Seconds a file of `size` bytes may take to parse: long PDFs are slow, not stuck."""
    if base is None:
        try:
            base = float(os.environ.get(TIMEOUT_ENV, DEFAULT_TIMEOUT))
        except ValueError:
            base = DEFAULT_TIMEOUT
    return base + PER_MB_TIMEOUT * size / 2**20


def bounded(fn: Callable[..., T], *args: object, timeout: float = DEFAULT_TIMEOUT, memory: int = DEFAULT_MEMORY) -> T:
    """Return fn(*args), computed in a child process within `timeout` seconds and `memory` bytes.

    fn must be importable (it runs in a fork of this process) and return a picklable value.

    Raises:
        ReadError: fn raised ReadError, or ran out of time or memory, or its process died.
    """
    if not hasattr(os, "fork"):
        return fn(*args)
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child's coverage is not collected
        os.close(read_fd)
        _child(fn, args, memory, write_fd)
    os.close(write_fd)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    timed_out = False
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                timed_out = True
                break
            ready, _, _ = select.select([read_fd], [], [], left)
            if not ready:
                continue
            chunk = os.read(read_fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(read_fd)
        if timed_out:
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    if timed_out:
        raise ReadError(f"gave up after {timeout:.0f} s (the reader did not finish: malformed or too complex)")
    if not chunks:
        if os.WIFSIGNALED(status):
            raise ReadError(f"reader crashed (signal {os.WTERMSIG(status)})")
        raise ReadError("reader failed without a result (out of memory?)")
    tag, value = pickle.loads(b"".join(chunks))
    if tag == "ok":
        return value
    if tag == "memory":
        raise ReadError(f"needs more than {memory / 1024**2:.0f} MB of memory to read")
    raise ReadError(value)
