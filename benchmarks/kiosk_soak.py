"""Benchmark: a soak run of the kiosk — many turns (a third each spoken, typed and touched) through its page
server, checking that no turn is lost and that memory does not grow (run by hand).

    .venv/bin/python benchmarks/kiosk_soak.py [--turns 1000] [--engine pocketsphinx|whisper|vosk] [--model DIR]

Typed and button turns are POSTed to the running page server, as the page does; spoken turns press
push-to-talk, and the shared listening path (app/hearing.py) hears espeak-ng speech from a microphone that plays
WAV audio, through the real recogniser. A page subscribed to /events counts the replies. Replies are not
synthesised (speech out has its own benchmark); every 20 turns the session is reset, as the idle timeout
does. Memory is the process's resident set size after a warm-up and at the end. A spoken question the
loop takes for noise is answered on the page with "I did not hear a question" (counted, not lost). Exit
status 1 when a turn is lost (no reply on the page) or memory grew more than 10%.

With --clients N (for example 200) it then opens N more live pages (/events, read by one selector thread
so the clients cost the server, not this process, threads) and times typed questions from the POST until
every one of the N pages has the reply, and reports the resident memory before and with the N pages.
Requests carry the page's Origin header, as Chromium sends it.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import selectors
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import Final

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from voice_assistant.app.assistant import Assistant  # noqa: E402
from voice_assistant.audio.pcm import RECOGNISER_RATE_HZ, PcmAudio, read_wav, to_recogniser_format  # noqa: E402
from voice_assistant.core.vocabulary import recognition_vocabulary  # noqa: E402
from voice_assistant.core.loader import load_content  # noqa: E402
from voice_assistant.frontends.kiosk.metrics import MetricsFile  # noqa: E402
from voice_assistant.frontends.kiosk.server import KioskServer, PageOptions  # noqa: E402
from voice_assistant.frontends.kiosk.session import KIOSK_COMMANDS, KIOSK_TOPICS, Kiosk  # noqa: E402
from voice_assistant.frontends.kiosk.voice import HearingInput  # noqa: E402
from voice_assistant.app.hearing import Hearing  # noqa: E402
from voice_assistant.app.settings import Settings  # noqa: E402

TYPED: Final = [
    "does massage help", "what causes the back pain", "how is it diagnosed", "my legs feel weak",
    "what can I do at home", "is acupuncture any good", "when should I see a doctor", "tell me more",
    "the pain wakes me up at night", "what about radiation", "slower please", "repeat that", "zebra crossing",
]
SPOKEN: Final = [
    "does massage help", "what are the symptoms", "how is it diagnosed", "tell me about acupuncture",
    "when should i see a doctor", "repeat", "my legs feel weak", "what treatments are there",
]
BUTTONS: Final = [f"topic:{topic}" for topic in KIOSK_TOPICS] + [command for command, _, _ in KIOSK_COMMANDS]
_CHUNK_BYTES: Final = RECOGNISER_RATE_HZ * 2 * 30 // 1000
WARMUP_TURNS: Final = 100
RESET_EVERY: Final = 20


class CountingVoice:
    """A Voice that only counts what it was asked to say (replies are not synthesised in this benchmark)."""

    def __init__(self) -> None:
        self.said = 0

    def say(self, text: str, rate_wpm: int, volume: float, earcon: PcmAudio | None = None) -> None:
        self.said += 1

    def play(self, audio: PcmAudio) -> None:
        pass

    def stop(self) -> None:
        pass

    def wait_until_quiet(self, timeout_s: float) -> bool:
        return True

    @property
    def is_speaking(self) -> bool:
        return False

    def close(self) -> None:
        pass


class WavMicrophone:
    """A Microphone that plays one utterance (with silence around it), then silence."""

    def __init__(self, audio: PcmAudio) -> None:
        silence_before = b"\x00\x00" * (RECOGNISER_RATE_HZ * 4 // 10)
        self._data = silence_before + audio.samples
        self._offset = 0

    def __enter__(self) -> WavMicrophone:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        pass

    def read_chunk(self) -> bytes:
        chunk = self._data[self._offset : self._offset + _CHUNK_BYTES]
        self._offset += _CHUNK_BYTES
        return chunk.ljust(_CHUNK_BYTES, b"\x00")


def synthesise(texts: list[str], folder: Path) -> list[PcmAudio]:
    """espeak-ng speech for each text, as 16 kHz mono (SoX resamples, as the dev set was made)."""
    espeak, sox = shutil.which("espeak-ng"), shutil.which("sox")
    if espeak is None or sox is None:
        raise SystemExit("kiosk_soak: espeak-ng and sox are needed (apt-get install espeak-ng sox)")
    out = []
    for index, text in enumerate(texts):
        raw, wav = folder / f"{index}-raw.wav", folder / f"{index}.wav"
        subprocess.run([espeak, "-v", "en-us", "-s", "140", "-w", str(raw), text], check=True, capture_output=True)
        subprocess.run([sox, "-R", "-D", str(raw), "-r", "16000", "-c", "1", "-b", "16", str(wav)], check=True, capture_output=True)
        out.append(to_recogniser_format(read_wav(wav)))
    return out


def rss_kib() -> int:
    """Resident set size of this process in KiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


class ReplyCounter:
    """A page subscribed to /events, counting 'said' events (and 'problem' events, which mean a lost turn)."""

    def __init__(self, port: int) -> None:
        self.said = 0
        self.problems = 0
        self._condition = threading.Condition()
        self._connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self._connection.request("GET", "/events")
        self._response = self._connection.getresponse()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self._response:
            if line.startswith((b"event: said", b"event: problem")):
                with self._condition:
                    if line.startswith(b"event: said"):
                        self.said += 1
                    else:
                        self.problems += 1
                    self._condition.notify_all()

    def wait_for(self, count: int, problems: int, timeout_s: float) -> str:
        """'said' when `count` replies arrived, 'problem' on a problem event (not heard), '' after timeout_s."""
        with self._condition:
            self._condition.wait_for(lambda: self.said >= count or self.problems > problems, timeout=timeout_s)
            return "said" if self.said >= count else "problem" if self.problems > problems else ""


def post(port: int, path: str, body: dict[str, object]) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("POST", path, body=json.dumps(body),
                       headers={"Content-Type": "application/json", "Origin": f"http://127.0.0.1:{port}"})
    status = connection.getresponse().status
    connection.close()
    return status


class ManyPages:
    """N live pages on /events, all read by one thread with a selector; counts 'said' events per page."""

    def __init__(self, port: int, count: int) -> None:
        self.said = [0] * count
        self.opened = 0
        self._condition = threading.Condition()
        self._selector = selectors.DefaultSelector()
        self._sockets: list[socket.socket] = []
        request = f"GET /events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n\r\n".encode()
        for index in range(count):
            sock = socket.create_connection(("127.0.0.1", port), timeout=30)
            sock.sendall(request)
            sock.setblocking(False)
            self._sockets.append(sock)
            self._selector.register(sock, selectors.EVENT_READ, index)
        self._seen_state = [False] * count
        self._running = True
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        while self._running:
            for key, _ in self._selector.select(timeout=0.5):
                try:
                    data = key.fileobj.recv(65536)  # type: ignore[union-attr]
                except OSError:
                    data = b""
                if not data:
                    self._selector.unregister(key.fileobj)
                    continue
                with self._condition:
                    if not self._seen_state[key.data] and b"event: state" in data:
                        self._seen_state[key.data] = True
                        self.opened += 1
                    self.said[key.data] += data.count(b"event: said")
                    self._condition.notify_all()

    def wait_opened(self, timeout_s: float) -> bool:
        """True when every page got its first state event."""
        with self._condition:
            return self._condition.wait_for(lambda: self.opened >= len(self.said), timeout=timeout_s)

    def wait_all(self, count: int, timeout_s: float) -> bool:
        """True when every page has seen `count` replies."""
        with self._condition:
            return self._condition.wait_for(lambda: min(self.said) >= count, timeout=timeout_s)

    def close(self) -> None:
        self._running = False
        for sock in self._sockets:
            sock.close()


def fan_out(port: int, clients: int, turns: int, rng: random.Random) -> bool:
    """Time typed questions to N live pages and report the memory they cost; True when none was lost."""
    rss_before = rss_kib()
    threads_before = threading.active_count()
    began = time.perf_counter()
    pages = ManyPages(port, clients)
    opened = pages.wait_opened(60.0)
    open_s = time.perf_counter() - began
    time.sleep(1.0)
    rss_with = rss_kib()
    times: list[float] = []
    lost = 0
    for index in range(turns):
        start = time.perf_counter()
        post(port, "/api/ask", {"text": rng.choice(TYPED)})
        if pages.wait_all(index + 1 - lost, 30.0):
            times.append((time.perf_counter() - start) * 1000)
        else:
            lost += 1
    pages.close()
    ordered = sorted(times) or [0.0]
    print(f"kiosk fan-out: {clients} live pages opened in {open_s:.1f} s ({'all' if opened else 'NOT all'} got the state); "
          f"server threads {threads_before} -> {threading.active_count()}")
    print(f"  {turns} typed questions, POST to the reply on all {clients} pages: median {ordered[len(ordered) // 2]:.0f} ms, "
          f"p95 {ordered[int(len(ordered) * 0.95)]:.0f} ms, max {ordered[-1]:.0f} ms; lost {lost}")
    print(f"  memory (RSS): {rss_before / 1024:.1f} MiB before, {rss_with / 1024:.1f} MiB with {clients} pages "
          f"({(rss_with - rss_before) / clients:.0f} KiB a page)")
    return opened and lost == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--turns", type=int, default=1000)
    parser.add_argument("--engine", default="pocketsphinx", help="recogniser for spoken turns (default pocketsphinx)")
    parser.add_argument("--model", type=Path, help="speech model folder (Whisper or Vosk)")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--clients", type=int, default=0, help="then time replies to this many live pages (e.g. 200)")
    parser.add_argument("--fan-out-turns", type=int, default=50, help="typed questions in the fan-out test")
    args = parser.parse_args()
    rng = random.Random(args.seed)

    from voice_assistant.asr.factory import make_recogniser

    content = load_content()
    assistant = Assistant(content, region="GB")
    recogniser = make_recogniser(engine=args.engine, model_dir=args.model, vocabulary=recognition_vocabulary(assistant.content))
    with tempfile.TemporaryDirectory(prefix="kiosk-soak-") as folder:
        spoken = synthesise(SPOKEN, Path(folder))
    next_audio: list[PcmAudio] = [spoken[0]]
    assistant.recogniser = recogniser
    hearing = HearingInput(Hearing(assistant, Settings()), lambda: WavMicrophone(next_audio[0]))
    voice = CountingVoice()
    kiosk = Kiosk(assistant, voice=voice, metrics=MetricsFile(None), idle_timeout_s=600.0, earcons=False)
    kiosk.set_spoken_input(hearing)
    server = KioskServer(kiosk, "127.0.0.1", 0, None, PageOptions())
    server.start()
    page = ReplyCounter(server.port)
    kinds = {"speech": 0, "typed": 0, "button": 0}
    lost: list[str] = []
    not_heard = 0
    turn_ms: dict[str, list[float]] = {kind: [] for kind in kinds}
    rss_start = rss_after_warmup = rss_kib()
    started = time.perf_counter()
    expected = 0
    try:
        for index in range(args.turns):
            if index == WARMUP_TURNS:
                rss_after_warmup = rss_kib()
            if index and index % RESET_EVERY == 0:
                post(server.port, "/api/reset", {})
            kind = ("speech", "typed", "button")[index % 3]
            kinds[kind] += 1
            began = time.perf_counter()
            problems_before = page.problems
            if kind == "typed":
                post(server.port, "/api/ask", {"text": rng.choice(TYPED)})
            elif kind == "button":
                post(server.port, "/api/button", {"id": rng.choice(BUTTONS)})
            else:
                pick = rng.randrange(len(spoken))
                next_audio[0] = spoken[pick]
                post(server.port, "/api/talk", {})
            expected += 1
            outcome = page.wait_for(expected, problems_before, timeout_s=30.0)
            if outcome == "problem" and kind == "speech":
                not_heard += 1  # the loop took the utterance for noise; the page said so: answered, not lost
                expected = page.said
            elif outcome != "said":
                lost.append(f"turn {index + 1} ({kind})")
                expected = page.said
            if (index + 1) % 100 == 0:
                print(f"  {index + 1} turns, {len(lost)} lost, RSS {rss_kib() / 1024:.1f} MiB", file=sys.stderr, flush=True)
            turn_ms[kind].append((time.perf_counter() - began) * 1000)
        elapsed_s = time.perf_counter() - started
        rss_end = rss_kib()
        turns_counted = kiosk.metrics.metrics.turns
        fanned = fan_out(server.port, args.clients, args.fan_out_turns, rng) if args.clients else True
    finally:
        server.close()
    growth = (rss_end - rss_after_warmup) / rss_after_warmup * 100
    metrics = kiosk.metrics.metrics
    print(f"kiosk soak: {args.turns} turns in {elapsed_s:.1f} s "
          f"({kinds['speech']} spoken via {recogniser.name}, {kinds['typed']} typed, {kinds['button']} button)")
    for kind, times in turn_ms.items():
        if times:
            ordered = sorted(times)
            print(f"  {kind:<7} turn, request to reply on the page: median {ordered[len(ordered) // 2]:.0f} ms, "
                  f"p95 {ordered[int(len(ordered) * 0.95)]:.0f} ms")
    print(f"  replies seen by the page: {page.said}; spoken questions taken for noise (page says 'did not hear'): "
          f"{not_heard}; turns counted: {turns_counted}; lost: {len(lost)}" + (f" ({', '.join(lost[:5])})" if lost else ""))
    print(f"  red flags: {dict(metrics.red_flags)}; errors: {metrics.errors}; sessions: {metrics.sessions}")
    print(f"  memory (RSS): start {rss_start / 1024:.1f} MiB, after {WARMUP_TURNS} turns {rss_after_warmup / 1024:.1f} MiB, "
          f"end {rss_end / 1024:.1f} MiB: growth {growth:+.1f}% (limit 10%)")
    ok = not lost and growth <= 10.0 and turns_counted + not_heard == args.turns and fanned
    print("kiosk soak: PASS" if ok else "kiosk soak: FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
