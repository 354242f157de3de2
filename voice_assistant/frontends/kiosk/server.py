"""The kiosk page server: the page, its live updates (server-sent events) and its inputs, standard library only.

Routes: GET / (the page), /static/* (its CSS and script), /events (live updates), /health (for the IT
person and systemd; no patient data); POST /api/ask, /api/button, /api/talk, /api/continue,
/api/activity, /api/reset ("Start again") (JSON bodies). Nothing is logged but the method and the route.
"""

from __future__ import annotations

import hmac
import html
import json
import logging
import socket
import threading
from http import HTTPStatus
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from string import Template
from typing import Final
from urllib.parse import parse_qs, urlsplit

from voice_assistant.core.dialogue import spoken_number
from voice_assistant.frontends.kiosk.session import Kiosk
from voice_assistant.app.settings import is_loopback_host

__all__ = ["KioskServer", "PageOptions", "render_page", "APP_NAME"]

_log = logging.getLogger(__name__)

APP_NAME: Final = "voice-assistant-kiosk"
"""Named in /health, so --check can tell the kiosk from another program on the port."""
_COOKIE: Final = "va_kiosk_token"
_MAX_BODY_BYTES: Final = 4096
_HEARTBEAT_S: Final = 10.0
_STATIC: Final = {"kiosk.css": "text/css; charset=utf-8", "kiosk.js": "text/javascript; charset=utf-8"}
_SECURITY_HEADERS: Final = (
    ("Cache-Control", "no-store"),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
    ("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'"),
)


class PageOptions:
    """How the page looks and which key talks."""

    def __init__(self, text_size: str = "large", push_to_talk_key: str = "F9") -> None:
        """text_size: 'large' or 'larger'; push_to_talk_key: a browser key name."""
        self.text_size = text_size
        self.push_to_talk_key = push_to_talk_key


def _static_text(name: str) -> str:
    return resources.files("voice_assistant.frontends.kiosk").joinpath("static", name).read_text(encoding="utf-8")


def render_page(kiosk: Kiosk, options: PageOptions) -> str:
    """The page's HTML with the content's texts, buttons and settings filled in (escaped)."""
    prompts = kiosk.assistant.content.prompts
    number = kiosk.emergency_number_shown
    notice = prompts.get("notice").format(number=number)

    def button(button_id: str, label: str, css: str) -> str:
        return (f'<button type="button" class="{css}" data-button="{html.escape(button_id)}">'
                f"{html.escape(label)}</button>")

    commands = "\n".join(button(b.id, b.label, "command") for b in kiosk.buttons if b.id.startswith("cmd."))
    topics = "\n".join(button(b.id, b.label, "topic") for b in kiosk.buttons if b.id.startswith("topic:"))
    key = options.push_to_talk_key
    values = {
        "text_size": html.escape(options.text_size),
        "ptt_key": html.escape(key),
        "ptt_key_label": html.escape(key if len(key) > 1 else key.upper()),
        "welcome": html.escape(prompts.get("kiosk_welcome")),
        "notice": html.escape(notice),
        "number": html.escape(number),
        "spoken_number": html.escape(spoken_number(number)),
        "continue_label": html.escape(prompts.get("kiosk_continue")),
        "command_buttons": commands,
        "topic_buttons": topics,
    }
    return Template(_static_text("index.html")).substitute(values)


class _Handler(BaseHTTPRequestHandler):
    server: "_Server"
    server_version = "voice-assistant"
    sys_version = ""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (BaseHTTPRequestHandler's name)
        # The default logs full request lines (query strings could carry a token); log the route only.
        _log.debug("%s %s", self.command, urlsplit(self.path).path)

    # GET -------------------------------------------------------------------------------------------------

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        """Serve the page, its files, live updates and health."""
        if not self._host_allowed():
            return
        url = urlsplit(self.path)
        if url.path == "/health":
            self._send_json(HTTPStatus.OK, self.server.health())
            return
        token = parse_qs(url.query).get("token", [None])[0]
        if url.path == "/" and token is not None and self.server.token is not None:
            if hmac.compare_digest(token.encode(), self.server.token.encode()):
                self.send_response(HTTPStatus.SEE_OTHER)
                self.send_header("Location", "/")
                self.send_header("Set-Cookie", f"{_COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/")
                self._end_headers()
                return
        if not self._authorised():
            return
        if url.path in ("/", "/index.html"):
            self._send_text(HTTPStatus.OK, render_page(self.server.kiosk, self.server.page), "text/html; charset=utf-8")
        elif url.path.startswith("/static/") and url.path[len("/static/"):] in _STATIC:
            name = url.path[len("/static/"):]
            self._send_text(HTTPStatus.OK, _static_text(name), _STATIC[name])
        elif url.path == "/events":
            self._stream_events()
        elif url.path == "/api/state":
            self._send_json(HTTPStatus.OK, self.server.kiosk.snapshot())
        else:
            self._send_json(HTTPStatus.NOT_FOUND, {"error": "not found"})

    def _stream_events(self) -> None:
        kiosk = self.server.kiosk
        subscription = kiosk.subscribe()
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Connection", "close")
        self._end_headers()
        try:
            self.wfile.write(b"retry: 1000\n\n")
            self.wfile.flush()
            idle_s = 0.0
            while not self.server.closing.is_set() and not subscription.closed:
                event = subscription.get(timeout_s=1.0)
                if event is None:
                    idle_s += 1.0
                    if idle_s >= _HEARTBEAT_S:
                        self.wfile.write(b": keep-alive\n\n")
                        self.wfile.flush()
                        idle_s = 0.0
                    continue
                idle_s = 0.0
                self.wfile.write(event.to_sse())
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, TimeoutError, OSError):
            pass  # the page went away (reload, closed); it reconnects and gets the state again
        finally:
            kiosk.hub.unsubscribe(subscription)
            self.close_connection = True

    # POST ------------------------------------------------------------------------------------------------

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        """Inputs from the page; JSON bodies only, which a page from another site cannot send here."""
        if not self._host_allowed() or not self._authorised():
            return
        if self.headers.get_content_type() != "application/json":
            self._send_json(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, {"error": "send application/json"})
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > _MAX_BODY_BYTES:
            self._send_json(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, {"error": "too long"})
            return
        try:
            body = json.loads(self.rfile.read(length) or b"{}")
        except ValueError:
            self._send_json(HTTPStatus.BAD_REQUEST, {"error": "not JSON"})
            return
        if not isinstance(body, dict):
            body = {}
        kiosk = self.server.kiosk
        path = urlsplit(self.path).path
        if path == "/api/ask":
            text = body.get("text")
            if not isinstance(text, str):
                self._send_json(HTTPStatus.BAD_REQUEST, {"error": "give text"})
                return
            kiosk.ask(text, "typed")
        elif path == "/api/button":
            button_id = body.get("id")
            if not isinstance(button_id, str) or button_id not in {b.id for b in kiosk.buttons}:
                self._send_json(HTTPStatus.BAD_REQUEST, {"error": "unknown button"})
                return
            kiosk.press(button_id)
        elif path == "/api/talk":
            kiosk.talk()
        elif path == "/api/continue":
            kiosk.carry_on()
        elif path == "/api/activity":
            kiosk.note_activity()
        elif path == "/api/reset":
            kiosk.reset()
        else:
            self._send_json(HTTPStatus.NOT_FOUND, {"error": "not found"})
            return
        self._send_json(HTTPStatus.OK, {"ok": True})

    # Checks and replies ----------------------------------------------------------------------------------

    def _host_allowed(self) -> bool:
        """On loopback, refuse other Host names, so a web page elsewhere cannot reach us by DNS rebinding."""
        if not self.server.loopback_only:
            return True
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0].strip("[]")
        if is_loopback_host(host):
            return True
        self._send_json(HTTPStatus.FORBIDDEN, {"error": "wrong host"})
        return False

    def _authorised(self) -> bool:
        token = self.server.token
        if token is None:
            return True
        given = self.headers.get("X-Kiosk-Token")
        if given is None:
            cookie = SimpleCookie()
            try:
                cookie.load(self.headers.get("Cookie") or "")
            except Exception:
                cookie = SimpleCookie()
            morsel = cookie.get(_COOKIE)
            given = morsel.value if morsel is not None else None
        if given is not None and hmac.compare_digest(given.encode(), token.encode()):
            return True
        self._send_json(HTTPStatus.UNAUTHORIZED, {"error": "open the page with ?token=… (the kiosk token)"})
        return False

    def _end_headers(self) -> None:
        for name, value in _SECURITY_HEADERS:
            self.send_header(name, value)
        self.end_headers()

    def _send_text(self, status: HTTPStatus, text: str, content_type: str) -> None:
        data = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self._end_headers()
        self.wfile.write(data)

    def _send_json(self, status: HTTPStatus, data: dict[str, object]) -> None:
        self._send_text(status, json.dumps(data, ensure_ascii=False), "application/json; charset=utf-8")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    kiosk: Kiosk
    page: PageOptions
    token: str | None
    loopback_only: bool
    closing: threading.Event

    def health(self) -> dict[str, object]:
        return {"ok": True, "app": APP_NAME, "pages": self.kiosk.hub.subscriber_count,
                "status": self.kiosk.snapshot()["status"], "spoken_questions": self.kiosk.spoken_input is not None}


class _Server6(_Server):
    address_family = socket.AF_INET6


class KioskServer:
    """The page server for one Kiosk, in a background thread."""

    def __init__(self, kiosk: Kiosk, host: str, port: int, token: str | None, page: PageOptions) -> None:
        """Bind now (OSError if the port is taken); serve after start()."""
        server_class: type[_Server] = _Server6 if ":" in host else _Server
        self._server = server_class((host, port), _Handler)
        self._server.kiosk = kiosk
        self._server.page = page
        self._server.token = token
        self._server.loopback_only = is_loopback_host(host)
        self._server.closing = threading.Event()
        self._thread: threading.Thread | None = None
        self.host = host

    @property
    def port(self) -> int:
        """The port bound (useful with port 0)."""
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        """The page's address."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    def start(self) -> None:
        """Serve in a background thread."""
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.2},
                                        name="kiosk-server", daemon=True)
        self._thread.start()

    def close(self) -> None:
        """Stop serving and disconnect the pages."""
        self._server.closing.set()
        self._server.kiosk.hub.close_all()
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=3.0)
