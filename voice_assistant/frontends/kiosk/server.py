"""The kiosk page server on aiohttp: the page, its live updates (server-sent events) and its inputs.

Routes: GET / (the page), /static/* (its CSS and script), /events (live updates), /api/state, /health
(for the IT person and systemd; no patient data); POST /api/ask, /api/button, /api/talk, /api/continue,
/api/activity, /api/reset ("Start again") (JSON bodies). aiohttp parses requests and enforces the
limits: body size, request line and header sizes, idle and half-sent connections (keep-alive timeout).
Every request must name this kiosk in Host; every POST must come from its own page (Origin). Nothing is
logged but the method and the route name, never a query, a body or what anyone said.
"""

from __future__ import annotations

import asyncio
import json
import logging
import resource
import socket
import ssl
import sys
import threading
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Final, TypeVar

from aiohttp import web

from voice_assistant.app.settings import is_loopback_host
from voice_assistant.errors import ConfigError
from voice_assistant.frontends.kiosk.access import SESSION_COOKIE, Access, clean_text
from voice_assistant.frontends.kiosk.page import STATIC_FILES, PageOptions, render_page, static_text
from voice_assistant.frontends.kiosk.session import Kiosk

__all__ = ["KioskServer", "PageOptions", "render_page", "APP_NAME", "MAX_BODY_BYTES", "MAX_PAGES"]

_log = logging.getLogger(__name__)

APP_NAME: Final = "voice-assistant-kiosk"
"""Named in /health, so --check can tell the kiosk from another program on the port."""
MAX_BODY_BYTES: Final = 4096
"""Largest request body taken (a typed question is at most 500 characters)."""
MAX_PAGES: Final = 1000
"""Live pages (/events) served at once; more get 503 and retry."""
_MAX_LINE_BYTES: Final = 4096
_MAX_FIELD_BYTES: Final = 4096
_MAX_HEADERS: Final = 40
_KEEP_ALIVE_S: Final = 5.0
"""An idle or half-sent connection is closed after this many seconds."""
_HEARTBEAT_S: Final = 10.0
_BACKLOG: Final = 256
_WORKERS: Final = 4
_SECURITY_HEADERS: Final = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Content-Security-Policy": ("default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; "
                                "base-uri 'none'; form-action 'none'; object-src 'none'"),
}
_INPUTS: Final = ("ask", "button", "talk", "continue", "activity", "reset")
_T = TypeVar("_T")


def _json(status: int, data: object) -> web.Response:
    # ASCII escapes: whatever text is inside, the response encodes.
    return web.Response(status=status, text=json.dumps(data, ensure_ascii=True), content_type="application/json")


def _error(status: int, message: str) -> web.Response:
    return _json(status, {"error": message})


class _OneLineLog(logging.LoggerAdapter):  # type: ignore[type-arg]
    """aiohttp's server log without tracebacks: their text can quote the request (a URL, a header)."""

    def process(self, msg: Any, kwargs: MutableMapping[str, Any]) -> tuple[Any, MutableMapping[str, Any]]:
        """Drop exc_info, naming only the kind of error."""
        info = kwargs.pop("exc_info", None)
        kwargs.pop("stack_info", None)
        kind = type(info) if isinstance(info, BaseException) else sys.exc_info()[0] if info else None
        return (f"{msg} ({kind.__name__})" if kind is not None else msg), kwargs


class _Handlers:
    """The routes, with the Host, Origin and token checks in front of them."""

    def __init__(self, kiosk: Kiosk, page: PageOptions, access: Access, pool: ThreadPoolExecutor) -> None:
        self.kiosk = kiosk
        self.page = page
        self.access = access
        self.pool = pool
        self.pages = 0
        self.stopping = False
        """Set (from any thread) when the server closes: the live pages end."""

    async def call(self, function: Callable[..., _T], *args: object) -> _T:
        """Run a (blocking) Kiosk method in the worker threads."""
        return await asyncio.get_running_loop().run_in_executor(self.pool, function, *args)

    @web.middleware
    async def guard(self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
                    ) -> web.StreamResponse:
        """Host on every request, Origin on every POST, then the token or session cookie; errors as JSON."""
        route = request.match_info.route.name or "unknown"
        _log.debug("%s %s", request.method, route)
        if not self.access.is_host_allowed(request.headers.get("Host")):
            return _error(403, "wrong host: open the kiosk at its own address")
        if request.method not in ("GET", "HEAD", "POST"):
            return _error(405, "method not allowed")
        if request.method == "POST" and not self.access.is_origin_allowed(request.headers.get("Origin")):
            return _error(403, "wrong origin: inputs come from the kiosk page only")
        if self.access.token is not None and route != "health":
            if route == "page" and "token" in request.query:
                return self._exchange_token(request.query.get("token"))
            if not self._is_authorised(request):
                return _error(401, "open the page with ?token=... (the kiosk token)")
        try:
            return await handler(request)
        except web.HTTPRequestEntityTooLarge:
            return _error(413, f"request body too long (at most {MAX_BODY_BYTES} bytes)")
        except web.HTTPException as err:
            return _error(err.status, err.reason.lower())
        except (ConnectionError, asyncio.CancelledError):
            raise
        except Exception as err:  # a bug in one request must not stop the server or show a traceback
            _log.error("kiosk request %s failed (%s)", route, type(err).__name__)
            return _error(500, "the kiosk could not handle this request")

    def _exchange_token(self, given: str | None) -> web.StreamResponse:
        if not self.access.is_token(given):
            return _error(401, "wrong token: open the page with ?token=... (the kiosk token)")
        response = web.Response(status=303, headers={"Location": "/"})
        response.set_cookie(SESSION_COOKIE, self.access.new_session(), httponly=True, samesite="Strict", path="/",
                            secure=self.access.secure)
        return response

    def _is_authorised(self, request: web.Request) -> bool:
        if self.access.is_token(request.headers.get("X-Kiosk-Token")):
            return True
        try:
            cookie = request.cookies.get(SESSION_COOKIE)
        except Exception:  # a malformed Cookie header is no session
            cookie = None
        return self.access.is_session(cookie)

    async def on_prepare(self, _request: web.Request, response: web.StreamResponse) -> None:
        """Security headers on every response, errors included."""
        for name, value in _SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)

    # GET ----------------------------------------------------------------------------------------------

    async def page_html(self, _request: web.Request) -> web.StreamResponse:
        """The page."""
        text = await self.call(render_page, self.kiosk, self.page)
        return web.Response(text=text, content_type="text/html")

    async def static(self, request: web.Request) -> web.StreamResponse:
        """The page's CSS and script (only these two names: no paths reach the disk)."""
        name = request.match_info.get("name", "")
        if name not in STATIC_FILES:
            return _error(404, "not found")
        return web.Response(text=static_text(name), headers={"Content-Type": STATIC_FILES[name]})

    async def state(self, _request: web.Request) -> web.StreamResponse:
        """What the page shows now."""
        return _json(200, await self.call(self.kiosk.snapshot))

    async def health(self, _request: web.Request) -> web.StreamResponse:
        """For systemd and --check: no patient data."""
        snapshot = await self.call(self.kiosk.snapshot)
        return _json(200, {"ok": True, "app": APP_NAME, "pages": self.kiosk.hub.subscriber_count,
                           "status": snapshot["status"], "spoken_questions": self.kiosk.spoken_input is not None})

    async def events(self, request: web.Request) -> web.StreamResponse:
        """Live updates: the current state first, then every event, with a heartbeat when quiet."""
        if self.pages >= MAX_PAGES:
            return _error(503, "too many pages connected; try again shortly")
        self.pages += 1
        try:
            return await self._stream(request)
        finally:
            self.pages -= 1

    async def _stream(self, request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream; charset=utf-8",
                                               "X-Accel-Buffering": "no"})
        await response.prepare(request)
        loop = asyncio.get_running_loop()
        ready = asyncio.Event()
        task = asyncio.current_task()
        subscription = await self.call(self.kiosk.subscribe)
        finished = False

        def wake() -> None:
            # A page too far behind is dropped by the hub; if it has also stopped reading, its write waits
            # for ever, so the handler is cancelled (aiohttp then closes the connection).
            if subscription.closed and not finished and not self.stopping and task is not None:
                loop.call_soon_threadsafe(task.cancel)
            loop.call_soon_threadsafe(ready.set)

        subscription.set_waker(wake)
        try:
            await response.write(b"retry: 1000\n\n")
            while not self.stopping:
                ready.clear()
                event = subscription.get_nowait()
                while event is not None:
                    await response.write(event.to_sse())
                    event = subscription.get_nowait()
                if subscription.closed:
                    break
                try:
                    await asyncio.wait_for(ready.wait(), _HEARTBEAT_S)
                except asyncio.TimeoutError:
                    await response.write(b": keep-alive\n\n")
        except (ConnectionError, RuntimeError):
            pass  # the page went away; it reconnects and gets the state again
        finally:
            finished = True
            self.kiosk.hub.unsubscribe(subscription)
        return response

    # POST ---------------------------------------------------------------------------------------------

    async def input(self, request: web.Request) -> web.StreamResponse:
        """Inputs from the page: JSON bodies only, which a page from another site cannot send here."""
        if request.content_type != "application/json":
            return _error(415, "send application/json")
        data = await request.read()  # at most MAX_BODY_BYTES: aiohttp refuses more with 413
        try:
            body = json.loads(data or b"{}")
        except (ValueError, RecursionError):
            return _error(400, "the body is not JSON (or nested too deep)")
        body = body if isinstance(body, dict) else {}
        kind = (request.match_info.route.name or "").removeprefix("input_")
        if kind == "ask":
            text = body.get("text")
            cleaned = clean_text(text) if isinstance(text, str) else ""
            if not cleaned:
                return _error(400, "give the question as text")
            await self.call(self.kiosk.ask, cleaned, "typed")
        elif kind == "button":
            button_id = body.get("id")
            if not isinstance(button_id, str) or button_id not in {b.id for b in self.kiosk.buttons}:
                return _error(400, "unknown button")
            await self.call(self.kiosk.press, button_id)
        elif kind == "talk":
            await self.call(self.kiosk.talk)
        elif kind == "continue":
            await self.call(self.kiosk.carry_on)
        elif kind == "activity":
            await self.call(self.kiosk.note_activity)
        else:
            await self.call(self.kiosk.reset)
        return _json(200, {"ok": True})


def _tls_context(cert: Path | None, key: Path | None) -> ssl.SSLContext | None:
    if cert is None and key is None:
        return None
    if cert is None or key is None:
        raise ConfigError("TLS needs both a certificate and its key (give --tls-cert and --tls-key)")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    try:
        context.load_cert_chain(str(cert), str(key))
    except ssl.SSLError as err:
        raise ConfigError(f"cannot use the TLS certificate '{cert}' with the key '{key}': they are not a PEM "
                          f"certificate and its matching private key ({err.reason or 'unreadable'}); give the "
                          "clinic's PEM files") from err
    except OSError as err:
        reason = err.strerror or type(err).__name__
        raise ConfigError(f"cannot use the TLS certificate '{cert}' with the key '{key}': {reason} "
                          "(give the clinic's PEM certificate and its private key)") from err
    return context


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    if host == "localhost":
        host = "127.0.0.1"
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if family == socket.AF_INET6 and host == "::":
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        sock.bind((host, port))
        sock.listen(_BACKLOG)
    except OSError:
        sock.close()
        raise
    sock.setblocking(False)
    return sock


def _raise_open_file_limit() -> None:
    """Let many pages and half-open connections wait without running out of file descriptors."""
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        wanted = min(hard, 8192) if hard != resource.RLIM_INFINITY else 8192
        if soft != resource.RLIM_INFINITY and soft < wanted:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    except (ValueError, OSError):
        pass


class KioskServer:
    """The page server for one Kiosk, in a background thread with its own event loop."""

    def __init__(self, kiosk: Kiosk, host: str, port: int, token: str | None, page: PageOptions, *,
                 tls_cert: Path | None = None, tls_key: Path | None = None, allowed_hosts: Iterable[str] = ()) -> None:
        """Bind now (OSError if the port is taken, ConfigError for an unusable certificate, or for an address
        other machines reach without a token); serve after start()."""
        if token is None and not is_loopback_host(host):
            raise ConfigError(f"kiosk host '{host}' is reachable from other machines, so a kiosk token is required")
        self._ssl = _tls_context(tls_cert, tls_key)
        _raise_open_file_limit()
        self._sock = _bind(host, port)
        self.host = host
        self.kiosk = kiosk
        self.access = Access.for_address(host, self.port, token, self._ssl is not None, allowed_hosts)
        self._pool = ThreadPoolExecutor(max_workers=_WORKERS, thread_name_prefix="kiosk-input")
        self._handlers = _Handlers(kiosk, page, self.access, self._pool)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        """The port bound (useful with port 0)."""
        return int(self._sock.getsockname()[1])

    @property
    def url(self) -> str:
        """The page's address."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{'https' if self._ssl is not None else 'http'}://{host}:{self.port}/"

    def _app(self) -> web.Application:
        handlers = self._handlers
        app = web.Application(client_max_size=MAX_BODY_BYTES, middlewares=[handlers.guard],
                              logger=_OneLineLog(_log, {}))  # type: ignore[arg-type]
        app.on_response_prepare.append(handlers.on_prepare)
        app.router.add_get("/", handlers.page_html, name="page")
        app.router.add_get("/index.html", handlers.page_html, name="index")
        app.router.add_get("/static/{name}", handlers.static, name="static")
        app.router.add_get("/events", handlers.events, name="events")
        app.router.add_get("/api/state", handlers.state, name="state")
        app.router.add_get("/health", handlers.health, name="health")
        for name in _INPUTS:
            app.router.add_post(f"/api/{name}", handlers.input, name=f"input_{name}")
        return app

    def start(self) -> None:
        """Serve in a background thread; returns once the server accepts connections."""
        loop = asyncio.new_event_loop()
        self._loop = loop
        runner = web.AppRunner(self._app(), handle_signals=False, access_log=None, keepalive_timeout=_KEEP_ALIVE_S,
                               max_line_size=_MAX_LINE_BYTES, max_field_size=_MAX_FIELD_BYTES, max_headers=_MAX_HEADERS,
                               logger=_OneLineLog(logging.getLogger("aiohttp.server"), {}), shutdown_timeout=2.0)
        started = threading.Event()

        def serve() -> None:
            asyncio.set_event_loop(loop)
            loop.run_until_complete(runner.setup())
            site = web.SockSite(runner, self._sock, ssl_context=self._ssl)
            loop.run_until_complete(site.start())
            started.set()
            try:
                loop.run_forever()
            finally:
                loop.run_until_complete(runner.cleanup())
                loop.close()

        self._thread = threading.Thread(target=serve, name="kiosk-server", daemon=True)
        self._thread.start()
        started.wait(timeout=10.0)

    def close(self) -> None:
        """Stop serving and disconnect the pages."""
        self._handlers.stopping = True
        self.kiosk.hub.close_all()
        loop = self._loop
        if loop is not None and self._thread is not None:
            loop.call_soon_threadsafe(loop.stop)
            self._thread.join(timeout=5.0)
        self._sock.close()
        self._pool.shutdown(wait=False, cancel_futures=True)
