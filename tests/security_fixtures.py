"""Tools for the kiosk attack tests: raw HTTP, a clinic TLS certificate, an attacker's web site, many live pages."""

from __future__ import annotations

import http.client
import json
import resource
import selectors
import shutil
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Final
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Target:
    """How to reach one running kiosk: its port, the Host and Origin its page uses, TLS and the token."""

    port: int
    host: str
    """The Host header the kiosk's own page sends ('127.0.0.1:8765', 'kiosk.test:8765')."""
    tls: ssl.SSLContext | None = None
    token: str | None = None

    @property
    def origin(self) -> str:
        """The kiosk page's own origin."""
        return f"{'https' if self.tls else 'http'}://{self.host}"


@dataclass(frozen=True)
class Reply:
    """One HTTP response."""

    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def json(self) -> Any:
        """The body as JSON."""
        return json.loads(self.body)


def port_of(url: str) -> int:
    """The port in a URL the kiosk printed."""
    return int(urlsplit(url).port or 0)


def call(target: Target, method: str, path: str, body: object = None, headers: dict[str, str] | None = None,
         auth: bool = True, timeout_s: float = 10.0) -> Reply:
    """One request as the kiosk's own page makes it (Host, Origin on POST, the token if any), headers overridable."""
    if target.tls is not None:
        connection: http.client.HTTPConnection = http.client.HTTPSConnection(
            "127.0.0.1", target.port, timeout=timeout_s, context=target.tls)
    else:
        connection = http.client.HTTPConnection("127.0.0.1", target.port, timeout=timeout_s)
    sent = {"Host": target.host}
    if method == "POST":
        sent["Origin"] = target.origin
    if body is not None:
        sent["Content-Type"] = "application/json"
    if auth and target.token is not None:
        sent["X-Kiosk-Token"] = target.token
    sent.update(headers or {})
    data = body if isinstance(body, bytes) else json.dumps(body).encode() if body is not None else None
    try:
        connection.request(method, path, body=data, headers={k: v for k, v in sent.items() if v is not None})
        response = connection.getresponse()
        return Reply(response.status, response.headers, response.read())
    finally:
        connection.close()


def state(target: Target) -> dict[str, Any]:
    """What the kiosk's page shows now."""
    reply = call(target, "GET", "/api/state")
    assert reply.status == 200, reply
    return dict(reply.json())


def raw(port: int, data: bytes, timeout_s: float = 10.0) -> bytes:
    """Send bytes on a plain socket and read until the server closes (or timeout_s passes)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout_s) as sock:
        sock.sendall(data)
        out = b""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            try:
                chunk = sock.recv(65536)
            except (socket.timeout, ConnectionResetError):
                break
            if not chunk:
                break
            out += chunk
            if b"\r\n\r\n" in out and b"Content-Length: " in out:
                head, _, rest = out.partition(b"\r\n\r\n")
                length = int(head.split(b"Content-Length: ", 1)[1].split(b"\r\n", 1)[0])
                if len(rest) >= length:
                    break
        return out


def status_of(response: bytes) -> int:
    """The status code of a raw HTTP response (0 when there was none)."""
    if not response.startswith(b"HTTP/1."):
        return 0
    return int(response.split(b" ", 2)[1])


def raise_open_file_limit() -> None:
    """Let this test process hold a thousand sockets."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = min(hard, 8192) if hard != resource.RLIM_INFINITY else 8192
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


def threads_of(pid: int) -> int:
    """Threads in a process."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("Threads:"):
            return int(line.split()[1])
    return 0


CERTIFICATE_DIR: Final = Path(__file__).resolve().parent / "data" / "kiosk-tls"
"""A self-signed certificate (100 years) and its key for kiosk.test and 127.0.0.1, made for these tests only
with `openssl req -x509 -newkey rsa:2048 -nodes -days 36500 -subj /CN=kiosk.test
-addext subjectAltName=DNS:kiosk.test,IP:127.0.0.1`: the kind of PEM pair a clinic's IT gives."""


def clinic_certificate(folder: Path) -> tuple[Path, Path]:
    """The test certificate and key, copied into folder with the key readable by its owner only."""
    cert, key = folder / "kiosk-cert.pem", folder / "kiosk-key.pem"
    shutil.copyfile(CERTIFICATE_DIR / "kiosk-test-cert.pem", cert)
    shutil.copyfile(CERTIFICATE_DIR / "kiosk-test-key.pem", key)
    key.chmod(0o600)
    return cert, key


class AttackerSite:
    """Another web site (another origin) serving pages that try to read or drive the kiosk."""

    def __init__(self) -> None:
        pages: dict[str, str] = {}
        self.pages = pages

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                body = pages.get(self.path.split("?")[0], "not here").encode()
                self.send_response(200 if self.path.split("?")[0] in pages else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = int(self._server.server_address[1])
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def close(self) -> None:
        """Stop serving."""
        self._server.shutdown()
        self._server.server_close()


class LivePages:
    """N pages on /events, all read by one selector thread; counts the 'state' and 'said' events each got."""

    def __init__(self, target: Target, count: int) -> None:
        self.states = [0] * count
        self.said = [0] * count
        self._condition = threading.Condition()
        self._selector = selectors.DefaultSelector()
        self._sockets: list[socket.socket] = []
        request = (f"GET /events HTTP/1.1\r\nHost: {target.host}\r\nAccept: text/event-stream\r\n\r\n").encode()
        for index in range(count):
            sock = socket.create_connection(("127.0.0.1", target.port), timeout=30)
            sock.sendall(request)
            sock.setblocking(False)
            self._sockets.append(sock)
            self._selector.register(sock, selectors.EVENT_READ, index)
        self._running = True
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        while self._running:
            for key, _ in self._selector.select(timeout=0.2):
                try:
                    data = key.fileobj.recv(65536)  # type: ignore[union-attr]
                except OSError:
                    data = b""
                if not data:
                    self._selector.unregister(key.fileobj)
                    continue
                with self._condition:
                    self.states[key.data] += data.count(b"event: state\n")
                    self.said[key.data] += data.count(b"event: said\n")
                    self._condition.notify_all()

    def wait(self, check: Any, timeout_s: float) -> bool:
        """True when check() holds (under the lock) within timeout_s."""
        with self._condition:
            return bool(self._condition.wait_for(check, timeout=timeout_s))

    def close(self) -> None:
        """Disconnect every page."""
        self._running = False
        for sock in self._sockets:
            sock.close()
