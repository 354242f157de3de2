"""Kiosk core: typed, button and spoken turns, the banner, the idle warning and reset, metrics, the page server.

The voice, the microphone and the clock are small hand-written fakes passed in through the constructor.
"""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT, FakeClock
from voice_assistant.asr.recogniser import Hypothesis, Transcript
from voice_assistant.app.assistant import Assistant
from voice_assistant.audio.pcm import PcmAudio
from voice_assistant.core.content import Content, RedFlagLevel
from voice_assistant.errors import AudioDeviceError, ConfigError
from voice_assistant.frontends.kiosk.events import Subscription
from voice_assistant.frontends.kiosk.metrics import Metrics, MetricsFile
from voice_assistant.frontends.kiosk.server import KioskServer, PageOptions, render_page
from voice_assistant.frontends.kiosk.session import KIOSK_TOPICS, Kiosk, warning_lead_s
from voice_assistant.asr.listener import Heard
from voice_assistant.app.settings import Settings


class RecordingVoice:
    """A Voice that records what it was asked to say; speaking ends when the test says so."""

    def __init__(self) -> None:
        self.said: list[tuple[str, int, float]] = []
        self.stops = 0
        self.clips = 0
        self.speaking = False

    def say(self, text: str, rate_wpm: int, volume: float, earcon: PcmAudio | None = None) -> None:
        self.said.append((text, rate_wpm, volume))
        self.clips += earcon is not None

    def play(self, audio: PcmAudio) -> None:
        self.clips += 1

    def stop(self) -> None:
        self.stops += 1

    def wait_until_quiet(self, timeout_s: float) -> bool:
        return True

    @property
    def is_speaking(self) -> bool:
        return self.speaking

    def close(self) -> None:
        pass


class ScriptedInput:
    """A SpokenInput that 'hears' a scripted transcript, nothing, or raises a device error."""

    def __init__(self, result: Heard | None | Exception) -> None:
        self.result = result
        self.done = threading.Event()

    def listen(self, cancel: threading.Event) -> Heard | None:
        try:
            if isinstance(self.result, Exception):
                raise self.result
            return self.result
        finally:
            self.done.set()


def drain(subscription: Subscription) -> list[tuple[str, dict[str, object]]]:
    events = []
    while (event := subscription.get(timeout_s=0.0)) is not None:
        events.append((event.name, event.data))
    return events


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def voice() -> RecordingVoice:
    return RecordingVoice()


@pytest.fixture
def kiosk(content: Content, clock: FakeClock, voice: RecordingVoice) -> Kiosk:
    return Kiosk(Assistant(content, region="GB"), voice=voice, idle_timeout_s=60.0, clock=clock)


# Turns ---------------------------------------------------------------------------------------------------


def test_typed_question_shows_heard_text_and_reply_and_speaks_it(kiosk: Kiosk, voice: RecordingVoice) -> None:
    page = kiosk.subscribe()
    turn = kiosk.ask("does massage help?")
    assert turn is not None and turn.topic == "treatment.massage"
    events = drain(page)
    assert [name for name, _ in events][:3] == ["state", "heard", "said"]
    assert events[1][1] == {"heard": "does massage help?", "kind": "typed"}
    assert events[2][1]["reply"] == turn.reply.text
    assert voice.said[-1] == (turn.reply.text, 150, 0.8)


@pytest.mark.parametrize("topic_id", KIOSK_TOPICS)
def test_each_topic_button_answers_its_topic(kiosk: Kiosk, topic_id: str) -> None:
    turn = kiosk.press(f"topic:{topic_id}")
    assert turn is not None
    assert (turn.topic, turn.reply.action.value) == (topic_id, "answer")
    assert kiosk.snapshot()["heard"] == next(b.label for b in kiosk.buttons if b.id == f"topic:{topic_id}")


@pytest.mark.parametrize("command", ["cmd.repeat", "cmd.more", "cmd.slower", "cmd.stop"])
def test_each_command_button_is_that_command(kiosk: Kiosk, command: str) -> None:
    kiosk.press("topic:causes")
    turn = kiosk.press(command)
    assert turn is not None and turn.topic == command


def test_slower_button_slows_the_spoken_replies(kiosk: Kiosk, voice: RecordingVoice) -> None:
    kiosk.press("cmd.slower")
    kiosk.ask("what are the symptoms")
    assert voice.said[-1][1] == 125


def test_unknown_button_and_empty_text_are_ignored(kiosk: Kiosk) -> None:
    assert kiosk.press("topic:nonsense") is None
    assert kiosk.ask("   ") is None
    assert kiosk.snapshot()["heard"] == ""


def test_emergency_shows_a_banner_with_the_configured_number(kiosk: Kiosk, voice: RecordingVoice) -> None:
    turn = kiosk.ask("my legs have gone numb and weak")
    assert turn is not None and turn.red_flag.level.value == "emergency"
    view = kiosk.snapshot()
    assert view["level"] == "emergency"
    assert "999" in str(view["banner"])
    assert "999" in str(view["reply"]) and "nine nine nine" not in str(view["reply"])
    assert "nine nine nine" in voice.said[-1][0]  # spoken digit by digit
    assert voice.clips == 1  # the emergency earcon first


def test_banner_stays_for_the_rest_of_the_session(kiosk: Kiosk) -> None:
    kiosk.ask("I can't feel my feet")
    kiosk.ask("does massage help")
    assert kiosk.snapshot()["level"] == "emergency"
    kiosk.reset()
    assert kiosk.snapshot()["banner"] == ""


def test_urgent_report_shows_the_urgent_banner(kiosk: Kiosk, content: Content) -> None:
    kiosk.ask("the back pain wakes me up every night")
    view = kiosk.snapshot()
    assert view["level"] == "urgent"
    assert view["banner"] == content.prompts.get("kiosk_urgent_banner")


def test_unknown_region_shows_the_generic_words(content: Content) -> None:
    kiosk = Kiosk(Assistant(content, region=None))
    assert "your local emergency number" in kiosk.banner_text(RedFlagLevel.EMERGENCY)


# Spoken turns ---------------------------------------------------------------------------------------------


def test_push_to_talk_answers_what_was_heard(kiosk: Kiosk, voice: RecordingVoice) -> None:
    spoken = ScriptedInput(Heard(Transcript("does acupuncture help", 0.9, engine="whisper"), 1.5, False, False, 0.0, 120.0))
    kiosk.set_spoken_input(spoken)
    page = kiosk.subscribe()
    assert kiosk.talk()
    assert spoken.done.wait(5)
    for _ in range(100):
        if kiosk.snapshot()["topic"]:
            break
        threading.Event().wait(0.01)
    events = drain(page)
    names = [name for name, _ in events]
    assert "listening" in names and names.index("listening") < names.index("heard") < names.index("said")
    assert kiosk.snapshot()["topic"] == "treatment.acupuncture"
    assert kiosk.metrics.metrics.engines["whisper"] == 1
    assert kiosk.metrics.metrics.inputs["speech"] == 1


@pytest.mark.parametrize("result, problem_key, error_kind", [
    (None, "kiosk_not_heard", None),
    (AudioDeviceError("no input device"), "kiosk_microphone_problem", "microphone"),
])
def test_push_to_talk_problems_are_shown_and_spoken(
    kiosk: Kiosk, voice: RecordingVoice, content: Content, result: object, problem_key: str, error_kind: str | None
) -> None:
    spoken = ScriptedInput(result)  # type: ignore[arg-type]
    kiosk.set_spoken_input(spoken)
    kiosk.talk()
    assert spoken.done.wait(5)
    text = content.prompts.get(problem_key)
    for _ in range(100):
        if kiosk.snapshot()["problem"] == text:
            break
        threading.Event().wait(0.01)
    assert kiosk.snapshot()["problem"] == text
    assert voice.said[-1][0] == text
    assert kiosk.snapshot()["status"] == "ready"
    if error_kind:
        assert kiosk.metrics.metrics.error_kinds[error_kind] == 1
    assert kiosk.ask("what are the symptoms") is not None  # the kiosk carries on


def test_wake_phrase_starts_a_turn_with_the_words_after_it(kiosk: Kiosk) -> None:
    class WakeInput:
        def __init__(self) -> None:
            self.calls = 0

        def listen(self, cancel: threading.Event) -> Heard | None:
            self.calls += 1
            text = ["is it raining", "hello assistant does massage help"][min(self.calls, 2) - 1]
            if self.calls > 2:
                stop.set()
                return None
            return Heard(Transcript(text, 0.9, engine="whisper"), 1.0, False, False, 0.0, 50.0)

    stop = threading.Event()
    kiosk.set_spoken_input(WakeInput())
    kiosk.listen_for_wake_phrase("Hello, assistant", stop)
    assert kiosk.snapshot()["heard"] == "does massage help"
    assert kiosk.metrics.metrics.turns == 1


def test_talk_without_a_microphone_says_so(kiosk: Kiosk, content: Content) -> None:
    assert not kiosk.talk()
    assert kiosk.snapshot()["problem"] == content.prompts.get("kiosk_microphone_problem")


def test_speaker_fault_is_shown_and_the_kiosk_goes_on(kiosk: Kiosk, content: Content) -> None:
    kiosk.on_speaker_error("audio device failed")
    assert kiosk.snapshot()["problem"] == content.prompts.get("kiosk_speaker_problem")
    assert kiosk.ask("what causes the back pain") is not None
    assert kiosk.metrics.metrics.error_kinds["speaker"] == 1


# Idle ----------------------------------------------------------------------------------------------------


def test_idle_warning_comes_first_then_everything_is_forgotten(
    kiosk: Kiosk, clock: FakeClock, voice: RecordingVoice, content: Content
) -> None:
    kiosk.press("cmd.slower")
    kiosk.ask("my legs are numb")
    page = kiosk.subscribe()
    clock.advance(60.0 - warning_lead_s(60.0) - 0.1)
    kiosk.tick()
    assert kiosk.snapshot()["idle_warning"] is None
    clock.advance(0.2)
    kiosk.tick()
    warning = kiosk.snapshot()["idle_warning"]
    assert isinstance(warning, dict) and "15 seconds" in str(warning["text"])
    assert voice.said[-1][0] == warning["text"]
    clock.advance(15.0)
    kiosk.tick()
    view = kiosk.snapshot()
    assert view["heard"] == view["reply"] == view["banner"] == ""
    assert view["welcome"] == content.prompts.get("kiosk_welcome")
    assert [name for name, _ in drain(page)][-1] == "reset"
    kiosk.ask("what are the symptoms")
    assert voice.said[-1][1:] == (150, 0.8)  # speaking rate back to its default
    assert kiosk.metrics.metrics.sessions == 1


def test_an_unanswered_safety_question_says_its_red_flag_when_the_idle_warning_is_due(
    kiosk: Kiosk, clock: FakeClock, voice: RecordingVoice, content: Content
) -> None:
    # heard unsurely: the flag is only in the recogniser's second hypothesis, so the kiosk asks "did you say …?"
    unsure = Transcript("my legs feel we", 0.7, (Hypothesis("my legs feel weak", 0.62),), engine="whisper")
    turn = kiosk.answer_heard(Heard(unsure, 1.5, False, False, 0.0, 120.0))
    assert turn is not None and turn.pending
    assert kiosk.snapshot()["banner"] == "" and voice.clips == 0  # a question: no banner, no emergency sound yet
    assert kiosk.metrics.metrics.red_flags["emergency"] == 0
    page = kiosk.subscribe()
    clock.advance(60.0 - warning_lead_s(60.0) + 0.1)
    kiosk.tick()
    view = kiosk.snapshot()
    assert view["idle_warning"] is None and view["level"] == "emergency" and view["banner"]
    assert view["heard"] == "my legs feel we"  # still under the words it was asked about
    assert "nine nine nine" in voice.said[-1][0] and voice.clips == 1
    assert ("said", "emergency") in [(name, data.get("turn_level")) for name, data in drain(page)]
    assert kiosk.metrics.metrics.inputs["unanswered"] == 1 and kiosk.metrics.metrics.red_flags["emergency"] == 1
    clock.advance(60.0 - warning_lead_s(60.0) + 0.1)
    kiosk.tick()  # then the usual idle warning, and the reset after it
    assert kiosk.snapshot()["idle_warning"] is not None


def test_carrying_on_cancels_the_warning(kiosk: Kiosk, clock: FakeClock) -> None:
    kiosk.ask("what causes the back pain")
    clock.advance(50.0)
    kiosk.tick()
    assert kiosk.snapshot()["idle_warning"] is not None
    kiosk.carry_on()
    assert kiosk.snapshot()["idle_warning"] is None
    clock.advance(20.0)
    kiosk.tick()
    assert kiosk.snapshot()["heard"] == "what causes the back pain"


def test_idle_clock_waits_while_speaking(kiosk: Kiosk, clock: FakeClock) -> None:
    kiosk.ask("tell me more about treatment")
    kiosk.on_speaking(True)
    clock.advance(120.0)
    kiosk.tick()
    assert kiosk.snapshot()["idle_warning"] is None
    kiosk.on_speaking(False)
    clock.advance(44.0)
    kiosk.tick()
    assert kiosk.snapshot()["idle_warning"] is None


def test_untouched_welcome_screen_never_warns(kiosk: Kiosk, clock: FakeClock, voice: RecordingVoice) -> None:
    clock.advance(3600.0)
    kiosk.tick()
    assert kiosk.snapshot()["idle_warning"] is None and voice.said == []


def test_typing_without_asking_still_times_out(kiosk: Kiosk, clock: FakeClock) -> None:
    page = kiosk.subscribe()
    kiosk.note_activity()
    clock.advance(61.0)
    kiosk.tick()
    clock.advance(16.0)
    kiosk.tick()
    assert "reset" in [name for name, _ in drain(page)]


def test_goodbye_clears_the_screen_after_the_reply(kiosk: Kiosk, clock: FakeClock) -> None:
    kiosk.ask("what causes the back pain")
    kiosk.ask("goodbye")
    kiosk.on_speaking(True)
    kiosk.on_speaking(False)
    clock.advance(9.0)
    kiosk.tick()
    assert kiosk.snapshot()["heard"] == ""


# Metrics -------------------------------------------------------------------------------------------------


def test_metrics_file_keeps_only_counts(content: Content, tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / "metrics.json"
    kiosk = Kiosk(Assistant(content, region="US"), metrics=MetricsFile(path), clock=clock)
    kiosk.ask("zebra crossing marmalade")
    kiosk.press("topic:causes")
    kiosk.ask("I wet myself last night")
    kiosk.reset()
    text = path.read_text(encoding="utf-8")
    for word in ("zebra", "marmalade", "wet myself", "last night"):
        assert word not in text
    data = json.loads(text)
    assert data["turns"] == 3 and data["sessions"] == 1
    assert data["inputs"] == {"button": 1, "typed": 2}
    assert data["topics"]["causes"] == 1
    assert data["red_flags"] == {"emergency": 1, "none": 2}
    again = MetricsFile(path)  # counts carry over a restart
    assert again.metrics.turns == 3


def test_unreadable_metrics_file_starts_again(tmp_path: Path) -> None:
    path = tmp_path / "metrics.json"
    path.write_text("{not json", encoding="utf-8")
    assert MetricsFile(path).metrics == Metrics()


# Settings and command line -------------------------------------------------------------------------------


@pytest.mark.parametrize("changes, message", [
    ({"kiosk_host": "0.0.0.0"}, "token is required"),
    ({"kiosk_port": 70000}, "port 70000 is out of range"),
    ({"idle_timeout_s": 0.5}, "idle_timeout_s 0.5 is out of range"),
    ({"text_size": "huge"}, "text_size 'huge' is unknown"),
    ({"kiosk_token": "short"}, "token is too short"),
])
def test_unusable_kiosk_settings_are_refused(changes: dict[str, object], message: str) -> None:
    from dataclasses import replace

    with pytest.raises(ConfigError, match=message):
        replace(Settings(), **changes).validated("test")  # type: ignore[arg-type]


def test_kiosk_on_the_network_without_a_token_exits_2_with_one_line(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VOICE_ASSISTANT")}
    env.update(HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / ".config"))
    result = subprocess.run([sys.executable, "-m", "voice_assistant", "kiosk", "--host", "0.0.0.0", "--no-speech"],
                            capture_output=True, env=env, cwd=ROOT, timeout=60)
    assert result.returncode == 2
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "token is required" in lines[0]


# Page server ---------------------------------------------------------------------------------------------


@pytest.fixture
def served(kiosk: Kiosk) -> Iterator[KioskServer]:
    server = KioskServer(kiosk, "127.0.0.1", 0, None, PageOptions())
    server.start()
    yield server
    server.close()


def request(server: KioskServer, method: str, path: str, body: object = None, headers: dict[str, str] | None = None
            ) -> tuple[int, bytes, http.client.HTTPResponse]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    data = json.dumps(body).encode() if body is not None else None
    # The page's own Origin, as Chromium sends it on every POST (the server refuses POSTs without it).
    sent = {"Content-Type": "application/json", "Origin": f"http://127.0.0.1:{server.port}"} if method == "POST" else {}
    if body is None:
        sent.pop("Content-Type", None)
    connection.request(method, path, body=data, headers={**sent, **(headers or {})})
    response = connection.getresponse()
    return response.status, response.read(), response


def test_page_has_labels_buttons_and_a_live_region(kiosk: Kiosk) -> None:
    page = render_page(kiosk, PageOptions("larger", "F2"))
    assert 'aria-live="polite"' in page and 'role="alert"' in page
    assert '<label for="question"' in page and 'autocomplete="off"' in page
    assert 'class="text-larger"' in page and 'data-ptt-key="F2"' in page
    assert page.count('data-button="topic:') == len(KIOSK_TOPICS)
    assert "999" in page  # the not-a-diagnosis notice with the number


def test_server_answers_inputs_and_never_caches(served: KioskServer, kiosk: Kiosk) -> None:
    status, _, response = request(served, "GET", "/")
    assert status == 200 and response.getheader("Cache-Control") == "no-store"
    status, _, _ = request(served, "POST", "/api/ask", {"text": "does massage help"})
    assert status == 200 and kiosk.snapshot()["topic"] == "treatment.massage"
    status, _, _ = request(served, "POST", "/api/button", {"id": "topic:diagnosis"})
    assert status == 200 and kiosk.snapshot()["topic"] == "diagnosis"
    assert request(served, "POST", "/api/button", {"id": "rm -rf"})[0] == 400
    health = json.loads(request(served, "GET", "/health")[1])
    assert health["app"] == "voice-assistant-kiosk" and "heard" not in health


def test_server_refuses_forms_and_foreign_host_names(served: KioskServer) -> None:
    status, _, _ = request(served, "POST", "/api/ask", headers={"Content-Type": "text/plain"})
    assert status == 415
    assert request(served, "GET", "/", headers={"Host": "evil.example:8765"})[0] == 403


def test_token_is_required_when_set(kiosk: Kiosk) -> None:
    server = KioskServer(kiosk, "127.0.0.1", 0, "s3cret-token", PageOptions())
    server.start()
    try:
        assert request(server, "GET", "/")[0] == 401
        assert request(server, "POST", "/api/ask", {"text": "hello"})[0] == 401
        status, _, response = request(server, "GET", "/?token=s3cret-token")
        assert status == 303
        cookie = response.getheader("Set-Cookie", "").split(";")[0]
        assert request(server, "GET", "/", headers={"Cookie": cookie})[0] == 200
        assert request(server, "GET", "/health")[0] == 200
    finally:
        server.close()


def test_events_stream_starts_with_the_state(served: KioskServer, kiosk: Kiosk) -> None:
    kiosk.ask("what are the symptoms")
    connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=5)
    connection.request("GET", "/events")
    response = connection.getresponse()
    assert response.getheader("Content-Type", "").startswith("text/event-stream")
    lines = [response.readline() for _ in range(5)]
    assert b"event: state\n" in lines
    data = json.loads(next(line for line in lines if line.startswith(b"data: "))[6:])
    assert data["heard"] == "what are the symptoms"
    connection.close()
