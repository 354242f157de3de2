"""Live updates for the kiosk page: events fanned out to every connected page, in memory only."""

from __future__ import annotations

import json
import queue
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

__all__ = ["Event", "EventHub", "Subscription"]

_QUEUE_SIZE: Final = 64
"""Events held for a slow page; a page that falls further behind is dropped and reconnects."""
_NAME: Final = re.compile(r"[a-z_]{1,32}")


@dataclass(frozen=True)
class Event:
    """One update for the page."""

    name: str
    """What happened: state, listening, heard, said, banner, idle_warning, idle_cleared, reset, problem, status."""
    data: dict[str, object]
    """JSON-able details."""

    def to_sse(self) -> bytes:
        """The event in server-sent-events wire format: always one ASCII data line, whatever the text holds.

        ASCII escapes keep a stray surrogate or line break in any text from breaking the stream for every page.
        """
        name = self.name if _NAME.fullmatch(self.name) else "message"
        payload = json.dumps(self.data, ensure_ascii=True, separators=(",", ":"), default=str)
        return f"event: {name}\ndata: {payload}\n\n".encode("ascii")


class Subscription:
    """One page's queue of events; closed when the page goes away or falls too far behind."""

    def __init__(self) -> None:
        """An open, empty subscription."""
        self._queue: queue.Queue[Event | None] = queue.Queue(maxsize=_QUEUE_SIZE)
        self.closed = False
        self._waker: Callable[[], None] | None = None

    def set_waker(self, waker: Callable[[], None]) -> None:
        """Call waker (from any thread) whenever an event arrives or the subscription closes; once now."""
        self._waker = waker
        self._wake()

    def _wake(self) -> None:
        waker = self._waker
        if waker is not None:
            try:
                waker()
            except RuntimeError:  # the page server's event loop has already stopped
                pass

    def get_nowait(self) -> Event | None:
        """The next queued event, or None when there is none now."""
        try:
            return self._queue.get_nowait()
        except queue.Empty:
            return None

    def put(self, event: Event) -> bool:
        """Queue an event; False (and closed) when the page is too far behind."""
        if self.closed:
            return False
        try:
            self._queue.put_nowait(event)
        except queue.Full:
            self.close()
            return False
        self._wake()
        return True

    def get(self, timeout_s: float) -> Event | None:
        """The next event, or None after timeout_s seconds or when closed."""
        if self.closed and self._queue.empty():
            return None
        try:
            return self._queue.get(timeout=timeout_s)
        except queue.Empty:
            return None

    def close(self) -> None:
        """Stop delivering; a waiting get() returns None."""
        self.closed = True
        try:
            self._queue.put_nowait(None)
        except queue.Full:
            pass
        self._wake()


class EventHub:
    """Publishes events to every subscribed page."""

    def __init__(self) -> None:
        """No subscribers yet."""
        self._lock = threading.Lock()
        self._subscriptions: list[Subscription] = []

    def subscribe(self, first: Event | None = None) -> Subscription:
        """A new subscription, starting with `first` (the page's current state) if given."""
        subscription = Subscription()
        with self._lock:
            if first is not None:
                subscription.put(first)
            self._subscriptions.append(subscription)
        return subscription

    def unsubscribe(self, subscription: Subscription) -> None:
        """Forget a subscription."""
        subscription.close()
        with self._lock:
            if subscription in self._subscriptions:
                self._subscriptions.remove(subscription)

    def publish(self, name: str, data: dict[str, object]) -> None:
        """Send an event to every page; pages that fell behind are dropped."""
        event = Event(name, data)
        with self._lock:
            self._subscriptions = [s for s in self._subscriptions if s.put(event)]

    @property
    def subscriber_count(self) -> int:
        """Pages connected now."""
        with self._lock:
            return len(self._subscriptions)

    def close_all(self) -> None:
        """Disconnect every page (at shutdown)."""
        with self._lock:
            subscriptions, self._subscriptions = self._subscriptions, []
        for subscription in subscriptions:
            subscription.close()
