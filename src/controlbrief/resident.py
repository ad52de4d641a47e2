"""A resident extractor: one process keeps the spaCy pipeline warm and runs `extract` for the command line.

A fresh `controlbrief extract` of one notice spends most of its time before
reading it: importing spaCy alone takes 0.5-0.8 s on a small machine. After
`controlbrief resident start`, a background process has paid that once;
`extract` hands it its arguments and working folder over a Unix socket (in the
cache folder, readable by this user only) and writes out what comes back:
stdout, stderr and the exit code, streamed, the same bytes the command would
have written itself. One request runs at a time, each in the caller's folder
and with the environment the resident process started with.

The resident process is used only while it is current: each request carries a
fingerprint of the installed code, the pattern files and the CONTROLBRIEF_*
settings. A resident process whose code or patterns changed since it started
answers "stale" and starts itself again on the new ones; one started with other
settings answers "mismatch". Either way, and when none is running or it cannot
be reached, `extract` runs in its own process as always.
CONTROLBRIEF_RESIDENT=off turns forwarding off.

This module imports only the standard library at the top: the forwarding side
runs before typer, pydantic or spaCy are imported.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import socket
import struct
import sys
import time
from pathlib import Path

OFF_ENV = "CONTROLBRIEF_RESIDENT"
IDLE_DEFAULT = 4 * 3600.0  # seconds without a request after which the resident process leaves
_PACKAGE = Path(__file__).resolve().parent
_FRAME = struct.Struct("!cI")  # channel (o: stdout, e: stderr, x: exit code, r: refusal), payload length
# Settings read at run time by the resident process, not by its caller: they must agree, or it does not serve.
_SETTING_PREFIX = "CONTROLBRIEF_"
_NOT_SETTINGS = {OFF_ENV, "CONTROLBRIEF_READ_TIMEOUT"}  # the latter is set per run by --timeout


def socket_path() -> Path | None:
    """Where this installation's resident process listens (None when the cache folder is turned off)."""
    from controlbrief import cache

    where = cache.folder()
    if where is None:
        return None
    install = hashlib.sha256(f"{sys.prefix}|{_PACKAGE}".encode()).hexdigest()[:12]
    return where / f"resident-{install}.sock"


def fingerprint() -> str:
    """The installed code, the pattern files and the CONTROLBRIEF_* settings, by name, size and time."""
    from controlbrief.paths import files_fingerprint, patterns_dir

    h = hashlib.sha256(files_fingerprint(_PACKAGE, patterns_dir()).encode())
    for key in sorted(os.environ):
        if key.startswith(_SETTING_PREFIX) and key not in _NOT_SETTINGS:
            h.update(f"{key}={os.environ[key]}\n".encode())
    return h.hexdigest()[:24]


def _send(sock: socket.socket, channel: bytes, payload: bytes) -> None:
    sock.sendall(_FRAME.pack(channel, len(payload)) + payload)


def _recv_exact(sock: socket.socket, n: int) -> bytes | None:
    chunks, left = [], n
    while left:
        chunk = sock.recv(min(left, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _connect(timeout: float = 2.0) -> socket.socket | None:
    """A connection to the resident process, or None when none answers."""
    path = socket_path()
    if path is None or not path.exists():
        return None
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.settimeout(timeout)
        sock.connect(str(path))
        sock.settimeout(None)  # a long extraction is not a dead process
        return sock
    except OSError:
        sock.close()
        return None


def _send_request(sock: socket.socket, message: dict) -> bool:
    """Send one request line; False when the other side has gone."""
    try:
        sock.sendall(json.dumps(message).encode() + b"\n")
        return True
    except OSError:
        return False


def _frame(sock: socket.socket) -> tuple[bytes, bytes] | None:
    """The next (channel, payload) the resident process sent, or None when it has gone."""
    try:
        head = _recv_exact(sock, _FRAME.size)
        if head is None:
            return None
        channel, length = _FRAME.unpack(head)
        payload = _recv_exact(sock, length)
    except OSError:
        return None
    return None if payload is None else (channel, payload)


def forward(argv: list[str]) -> int | None:
    """Run `controlbrief <argv>` in the resident process; its exit code, or None to run it here instead."""
    if os.environ.get(OFF_ENV, "").lower() in {"off", "0", "no", "false"}:
        return None
    sock = _connect()
    if sock is None:
        return None  # none running: not even the fingerprint is worth computing
    out, err = sys.stdout.buffer, sys.stderr.buffer
    wrote = False
    with sock:
        if not _send_request(sock, {"argv": argv, "cwd": os.getcwd(), "fingerprint": fingerprint()}):
            return None
        while True:
            frame = _frame(sock)
            if frame is None:
                if not wrote:
                    return None  # it went away before doing anything: run here
                err.write(b"controlbrief: the resident extractor stopped during this run; run the command again\n")
                err.flush()
                return 2
            channel, payload = frame
            if channel == b"r":
                return None  # stale or other settings: run here
            if channel == b"x":
                out.flush()
                return int(payload)
            stream = out if channel == b"o" else err
            try:
                stream.write(payload)
                stream.flush()
            except BrokenPipeError:
                # Our reader left ('| head'): stop quietly; the resident process sees the socket close.
                os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
                return 1
            wrote = True


class _Channel(io.RawIOBase):
    """A writable stream whose bytes go to the caller as frames of one channel."""

    def __init__(self, sock: socket.socket, channel: bytes) -> None:
        self.sock, self.channel = sock, channel

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        data = bytes(data)
        if data:
            _send(self.sock, self.channel, data)
        return len(data)


def _text(sock: socket.socket, channel: bytes) -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BufferedWriter(_Channel(sock, channel), 1 << 16), encoding="utf-8",
                            errors="backslashreplace" if channel == b"e" else "strict", line_buffering=channel == b"e")


class Server:
    """The resident process: a warm pipeline and a socket, one request at a time."""

    def __init__(self, path: Path, idle: float = IDLE_DEFAULT) -> None:
        self.path, self.idle = path, idle
        self.started = time.time()
        self.served = 0
        self.fingerprint = fingerprint()
        self.environ = dict(os.environ)
        self.cwd = os.getcwd()

    def warm(self) -> None:
        """Import everything `extract` needs and build both pipelines, so the first request is as fast as any."""
        from controlbrief import execution
        from controlbrief.cli import app  # noqa: F401 - imported now rather than on the first request

        execution.keep_extractors()
        extractor = execution.Settings().extractor()
        extractor.parse("Exports of gallium require a licence from 1 August 2023.")
        extractor.parse("自2023年8月1日起，对镓实施出口管制。")

    def serve(self) -> bool:
        """Answer requests until told to stop or idle; True when the code or patterns changed (start again)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        old_umask = os.umask(0o077)  # the socket runs commands as this user: nobody else may connect
        try:
            self.path.unlink(missing_ok=True)
            listener.bind(str(self.path))
        finally:
            os.umask(old_umask)
        listener.listen(16)
        listener.settimeout(self.idle if self.idle > 0 else None)
        try:
            while True:
                try:
                    conn, _ = listener.accept()
                except TimeoutError:
                    return False  # idle long enough
                with conn:
                    state = self._handle(conn)
                if state != "serving":
                    return state == "stale"
        finally:
            listener.close()
            try:
                if self.path.exists() and self.path.is_socket():
                    self.path.unlink()
            except OSError:
                pass

    def _handle(self, conn: socket.socket) -> str:
        """Serve one request: 'serving' to go on, 'stop' to leave, 'stale' to start again on the new code."""
        try:
            conn.settimeout(5)  # a caller that connects and says nothing must not hold up the others
            line = conn.makefile("rb").readline(1 << 20)
            conn.settimeout(None)
            request = json.loads(line)
            command = request.get("command")
        except (OSError, ValueError, AttributeError):
            return "serving"
        if command == "stop":
            _send(conn, b"x", b"0")
            return "stop"
        if command == "status":
            status = {"pid": os.getpid(), "started": self.started, "served": self.served,
                      "current": fingerprint() == self.fingerprint}
            _send(conn, b"o", json.dumps(status).encode())
            _send(conn, b"x", b"0")
            return "serving"
        current = fingerprint()
        if current != self.fingerprint:
            _send(conn, b"r", b"stale")  # the code or patterns changed under it: a new process must read them
            return "stale"
        if request.get("fingerprint") != current:
            _send(conn, b"r", b"mismatch")  # the caller's settings differ from this process's
            return "serving"
        try:
            code = self._run(conn, list(request.get("argv", [])), str(request.get("cwd", self.cwd)))
            _send(conn, b"x", str(code).encode())
        except OSError:
            pass  # the caller went away (Ctrl-C): nothing to tell it
        self.served += 1
        return "serving"

    def _run(self, conn: socket.socket, argv: list[str], cwd: str) -> int:
        import typer

        from controlbrief.cli import app

        out, err = _text(conn, b"o"), _text(conn, b"e")
        saved = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = out, err
        code = 0
        try:
            os.chdir(cwd)
            typer.main.get_command(app).main(args=argv, prog_name="controlbrief", standalone_mode=True)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        except OSError:
            raise
        except Exception as exc:  # noqa: BLE001 - one failed request must not end the resident process
            err.write(f"controlbrief: internal error in the resident extractor ({type(exc).__name__}: {exc})\n")
            code = 1
        finally:
            try:
                out.flush()
                err.flush()
            finally:
                sys.stdout, sys.stderr = saved
                os.chdir(self.cwd)
                os.environ.clear()
                os.environ.update(self.environ)  # --timeout sets a variable for its run only
        return code


def ask(command: str) -> dict | None:
    """Send stop or status to the resident process; its answer, or None when none is running."""
    sock = _connect()
    if sock is None:
        return None
    with sock:
        if not _send_request(sock, {"command": command}):
            return None
        answer: dict = {}
        while (frame := _frame(sock)) is not None:
            channel, payload = frame
            if channel == b"o":
                answer.update(json.loads(payload))
            if channel == b"x":
                break
        return answer


def start(idle: float = IDLE_DEFAULT, wait: float = 60.0) -> dict:
    """Start a resident process in the background unless one is running; its status once it answers.

    Raises RuntimeError when it does not come up within `wait` seconds (the reason is in its log).
    """
    import subprocess

    running = ask("status")
    if running is not None and running.get("current"):
        return running
    if running is not None:
        ask("stop")  # stale: its successor reads the current code and patterns
    path = socket_path()
    if path is None:
        raise RuntimeError("the cache folder is turned off (CONTROLBRIEF_CACHE is empty): nowhere to put the socket")
    path.parent.mkdir(parents=True, exist_ok=True)
    log = path.with_suffix(".log")
    with open(log, "wb") as fh:
        proc = subprocess.Popen([sys.executable, "-m", "controlbrief.resident", "--idle", str(idle)],
                                stdin=subprocess.DEVNULL, stdout=fh, stderr=fh, start_new_session=True)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        status = ask("status")
        if status is not None:
            return status
        if proc.poll() is not None:
            break
        time.sleep(0.1)
    detail = log.read_text(errors="replace").strip().splitlines()
    raise RuntimeError(f"the resident extractor did not start ({detail[-1] if detail else 'no output'}; log: {log})")


def main() -> None:
    """`python -m controlbrief.resident [--idle SECONDS]`: the resident process itself (`resident start` runs it)."""
    import argparse

    ap = argparse.ArgumentParser(description="controlbrief's resident extractor (start it with: controlbrief resident start)")
    ap.add_argument("--idle", type=float, default=IDLE_DEFAULT, help="leave after this many seconds without a request (0: never)")
    args = ap.parse_args()
    path = socket_path()
    if path is None:
        sys.exit("controlbrief: the cache folder is turned off (CONTROLBRIEF_CACHE is empty): nowhere to put the socket")
    if ask("status") is not None:
        sys.exit(f"controlbrief: a resident extractor is already listening on {path}")
    server = Server(path, args.idle)
    server.warm()
    if server.serve():
        # The code or patterns changed: this process holds the old ones, so it becomes a new one. Callers
        # run in their own process for the second or so this takes.
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(sys.executable, [sys.executable, "-m", "controlbrief.resident", "--idle", str(args.idle)])


if __name__ == "__main__":
    main()
