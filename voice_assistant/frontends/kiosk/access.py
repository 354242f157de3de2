"""Who may use the kiosk page: the Host and Origin names it answers to, the token and its session cookies,
and the cleaning of every text that comes in. Pure checks, no networking: the page server asks these.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from voice_assistant.app.settings import is_loopback_host

__all__ = ["Access", "clean_text", "host_with_port", "SESSION_COOKIE"]

SESSION_COOKIE: Final = "va_kiosk_session"
"""The cookie a screen gets in exchange for the token: a random value signed with the token, never the token."""
_WILDCARDS: Final = ("0.0.0.0", "::", "")
_LOOPBACK_NAMES: Final = ("127.0.0.1", "::1", "localhost")
_SESSION_LABEL: Final = b"voice-assistant kiosk session:"


def host_with_port(host: str, port: int) -> str:
    """'127.0.0.1:8765', '[::1]:8765': a Host header value (and an Origin's host part)."""
    shown = f"[{host}]" if ":" in host else host
    return f"{shown}:{port}".lower()


def clean_text(text: str) -> str:
    """The text with unpaired surrogates, control and format characters removed, line breaks and tabs
    turned into spaces, runs of spaces collapsed and the result in NFC: safe to show, speak and send as JSON."""
    kept: list[str] = []
    for char in text:
        category = unicodedata.category(char)
        if category in ("Cc", "Zl", "Zp"):
            kept.append(" ")
        elif category not in ("Cs", "Cf", "Co", "Cn"):
            kept.append(char)
    return " ".join(unicodedata.normalize("NFC", "".join(kept)).split())


@dataclass(frozen=True)
class Access:
    """The names the page answers to, and the token (None on loopback without one)."""

    hosts: frozenset[str]
    """Host header values accepted, lower case with the port ('127.0.0.1:8765', 'kiosk.clinic.lan:8765')."""
    origins: frozenset[str]
    """Origin header values accepted on state-changing requests ('http://127.0.0.1:8765')."""
    token: str | None
    """The kiosk token; None: no token needed (loopback only)."""
    secure: bool
    """True when served over TLS (cookies then carry Secure)."""

    @classmethod
    def for_address(cls, bound: str, port: int, token: str | None, secure: bool,
                    allowed_hosts: Iterable[str] = ()) -> "Access":
        """The names for a server bound to `bound`:`port`: on loopback exactly 127.0.0.1, ::1 or localhost
        as bound; otherwise the configured names and the bound address itself (never a wildcard)."""
        names: set[str] = set()
        if is_loopback_host(bound):
            names.add(bound)
            if bound in _LOOPBACK_NAMES:
                names.add("localhost")
        elif bound not in _WILDCARDS:
            names.add(bound)
        names.update(name.strip().lower().strip("[]") for name in allowed_hosts if name.strip())
        default_port = 443 if secure else 80
        hosts = {host_with_port(name, port) for name in names}
        if port == default_port:
            hosts.update(f"[{name}]" if ":" in name else name for name in names)
        scheme = "https" if secure else "http"
        return cls(frozenset(hosts), frozenset(f"{scheme}://{host}" for host in hosts), token, secure)

    def is_host_allowed(self, host: str | None) -> bool:
        """True when the Host header names this kiosk exactly (so DNS rebinding finds nothing here)."""
        return host is not None and host.strip().lower() in self.hosts

    def is_origin_allowed(self, origin: str | None) -> bool:
        """True when a state-changing request comes from this kiosk's own page (Origin present and ours)."""
        return origin is not None and origin.strip().lower() in self.origins

    def is_token(self, given: str | None) -> bool:
        """True when `given` is the kiosk token (compared in constant time)."""
        if self.token is None or given is None:
            return False
        return hmac.compare_digest(given.encode("utf-8", "replace"), self.token.encode("utf-8", "replace"))

    def new_session(self) -> str:
        """A fresh session cookie value: a random nonce and its signature with the token."""
        nonce = secrets.token_urlsafe(24)
        return f"{nonce}.{self._sign(nonce)}"

    def is_session(self, value: str | None) -> bool:
        """True for a session cookie this kiosk issued with its current token (so it survives a restart)."""
        if self.token is None or not value or value.count(".") != 1 or len(value) > 200:
            return False
        nonce, signature = value.split(".")
        return hmac.compare_digest(signature.encode("ascii", "replace"), self._sign(nonce).encode("ascii"))

    def _sign(self, nonce: str) -> str:
        key = (self.token or "").encode("utf-8", "replace")
        return hmac.new(key, _SESSION_LABEL + nonce.encode("ascii", "replace"), hashlib.sha256).hexdigest()

