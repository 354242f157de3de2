"""Audio devices on a real (virtual) sound server: listing, choosing, playing, stopping, recording.

Each test runs against a private PulseAudio daemon with a null sink (tests/pulse.py); what the
assistant plays is recorded from the sink's monitor with parec, independently of the code under test.
"""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest
from audio_fixtures import pulse_server, pyttsx3_speaker  # noqa: F401  (fixtures)
from pulse import SOUND_FLOOR, PulseServer

from voice_assistant.audio.pcm import PcmAudio
from voice_assistant.audio.device_list import DeviceKind, describe_devices, find_device, list_devices
from voice_assistant.audio.devices import SoundDeviceMicrophone, SoundDevicePlayer
from voice_assistant.audio.earcons import Earcon, make_earcon
from voice_assistant.errors import AudioDeviceError
from voice_assistant.tts.output import SpeechOutput, check_speech_output, speak_text
from voice_assistant.tts.synthesis import Pyttsx3Speaker

pytestmark = pytest.mark.audio

LONG_REPLY = (
    "About recovery: Recovery from neuroendocrine cancer back pain takes time, and it is different for "
    "everyone. Keep to the plan your care team made with you. Go to every follow up visit, even when you "
    "feel well. Tell your team at once about any new or worse pain. Rest when you need to, and move "
    "gently when you can."
)


def test_pulse_devices_are_listed(pulse_server: PulseServer) -> None:
    devices = {device.name: device for device in list_devices()}
    assert "pulse" in devices
    assert devices["pulse"].output_channels > 0 and devices["pulse"].input_channels > 0
    assert any(device.is_default_output for device in devices.values())


def test_find_device_by_number_name_or_default(pulse_server: PulseServer) -> None:
    pulse = find_device("pulse", DeviceKind.OUTPUT)
    assert find_device(pulse.index, DeviceKind.OUTPUT) == pulse
    assert find_device(str(pulse.index), DeviceKind.INPUT) == pulse
    assert find_device("PULS", DeviceKind.OUTPUT) == pulse  # part of the name, any case
    assert find_device(None, DeviceKind.OUTPUT).is_default_output


@pytest.mark.parametrize(("spec", "start"), [("usb", "no output device matches 'usb'"), ("99", "no output device number 99")])
def test_unknown_device_lists_the_candidates(pulse_server: PulseServer, spec: str, start: str) -> None:
    with pytest.raises(AudioDeviceError) as caught:
        find_device(spec, DeviceKind.OUTPUT)
    message = str(caught.value)
    pulse = find_device("pulse", DeviceKind.OUTPUT)
    assert message.startswith(f"{start}; available: ")
    assert f"[{pulse.index}] pulse" in message and "\n" not in message


def test_describe_devices_gives_one_line_each(pulse_server: PulseServer) -> None:
    lines = describe_devices()
    assert len(lines) == len(list_devices())
    assert any(line.startswith("[") and "pulse (ALSA): input, output" in line for line in lines)


def test_check_speech_output(pulse_server: PulseServer, pyttsx3_speaker: Pyttsx3Speaker) -> None:
    assert check_speech_output(None) is None
    assert check_speech_output("pulse") is None
    problem = check_speech_output("no-such-speaker")
    assert problem is not None and problem.startswith(
        "speech output unavailable: no output device matches 'no-such-speaker'; available: ["
    )


def test_reply_comes_out_of_the_speaker(pulse_server: PulseServer, pyttsx3_speaker: Pyttsx3Speaker) -> None:
    text = "About massage: Massage can ease tense muscles. It may help."
    expected_s = sum(pyttsx3_speaker.synthesise(s, 175, 1.0).duration_s for s in text.split(". "))
    with pulse_server.record() as recorder:
        result = speak_text(text, pyttsx3_speaker, SoundDevicePlayer("pulse"), 175, 1.0)
        time.sleep(0.2)
    recording = recorder.recording
    assert result.completed and result.sentences_played == 2
    assert result.first_sample_ms is not None and result.first_sample_ms < 1000
    loud = recording.window_rms(10) > SOUND_FLOOR
    assert loud.mean() * len(loud) * 0.010 > 0.4 * expected_s  # speech has pauses, but mostly sound
    assert recording.sound_span_s() == pytest.approx(expected_s, abs=0.5)


def test_player_volume_scales_what_comes_out(pulse_server: PulseServer) -> None:
    tone = make_earcon(Earcon.LISTENING)
    rms = []
    for volume in (1.0, 0.25):
        with pulse_server.record() as recorder:
            assert SoundDevicePlayer("pulse", volume=volume).play(tone)
            time.sleep(0.15)
        rms.append(recorder.recording.rms())
    assert rms[0] > SOUND_FLOOR / 10
    assert rms[1] / rms[0] == pytest.approx(0.25, abs=0.08)


def test_stop_ends_a_long_reply_within_200_ms(pulse_server: PulseServer, pyttsx3_speaker: Pyttsx3Speaker) -> None:
    output = SpeechOutput(pyttsx3_speaker, SoundDevicePlayer("pulse"))
    results = []
    with pulse_server.record() as recorder:
        called_s = time.perf_counter()
        speaking = threading.Thread(target=lambda: results.append(output.speak(LONG_REPLY)))
        speaking.start()
        time.sleep(1.5)
        stopped_s = time.perf_counter()
        output.stop()
        speaking.join(timeout=5)
        returned_s = time.perf_counter()
        time.sleep(0.5)
    output.close()
    assert results and not results[0].completed and results[0].sentences_played == 1
    assert returned_s - stopped_s < 0.2  # stop() ends playback at once...
    first_ms = results[0].first_sample_ms
    assert first_ms is not None
    played_s = stopped_s - (called_s + first_ms / 1000)
    # ...and the recording agrees: sound lasted no longer than it played before stop(), plus 200 ms.
    # Allow 50 ms for the 10 ms analysis windows and the recorder's own jitter on a busy machine.
    span_s = recorder.recording.sound_span_s()
    assert 0.5 < span_s < played_s + 0.2 + 0.05, (span_s, played_s)


def test_microphone_records_16_khz_chunks(pulse_server: PulseServer) -> None:
    # PulseAudio's default source is the null sink's monitor, so the "microphone" hears what is played.
    tone = PcmAudio.from_array(0.5 * np.sin(2 * np.pi * 440 * np.arange(16_000) / 16_000), 16_000)
    player = SoundDevicePlayer("pulse")
    with SoundDeviceMicrophone("pulse") as microphone:
        playing = threading.Thread(target=player.play, args=(tone,))
        playing.start()
        chunks = [microphone.read_chunk() for _ in range(40)]  # 1.2 s
        playing.join(timeout=5)
    assert all(len(chunk) == 2 * 480 for chunk in chunks)  # 30 ms of 16-bit mono at 16 kHz
    levels = [float(np.sqrt(np.mean(np.frombuffer(chunk, dtype="<i2").astype(float) ** 2))) for chunk in chunks]
    assert max(levels) > 5000


def test_microphone_outside_a_with_block_is_an_error(pulse_server: PulseServer) -> None:
    with pytest.raises(AudioDeviceError, match="not recording"):
        SoundDeviceMicrophone("pulse").read_chunk()
