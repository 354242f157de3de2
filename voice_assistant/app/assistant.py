"""The one façade the entry points call: text or audio in → a Turn (reply, topic, red flag, timings)."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Final

from voice_assistant.core.content import UNCLEAR, Content, RedFlagLevel
from voice_assistant.core.dialogue import (
    DialogueState,
    Reply,
    SpeakingSettings,
    Understanding,
    emergency_number_for,
    greeting,
    next_turn,
)
from voice_assistant.core.matching import Matcher, MatchBand, TopicMatch
from voice_assistant.core.normalise import Normaliser
from voice_assistant.core.redflags import RedFlagDetector, RedFlagResult, has_question
from voice_assistant.core.understanding import SemanticUnderstanding
from voice_assistant.asr.recogniser import Recogniser, Transcript
from voice_assistant.audio.pcm import PcmAudio, to_recogniser_format


__all__ = ["Assistant", "Session", "Turn", "MAX_MATCH_CHARS", "LOW_ASR_CONFIDENCE"]

_log = logging.getLogger(__name__)

MAX_MATCH_CHARS: Final = 2000
"""Topic matching reads this much of an input; red flags are checked on all of it."""
LOW_ASR_CONFIDENCE: Final = 0.45
"""Below this recogniser confidence a topic is confirmed, never answered outright."""


@dataclass
class Session:
    """One conversation: its dialogue state, changed by each turn."""

    state: DialogueState
    """The state after the last turn."""
    turns: int = 0
    """How many turns were answered."""


@dataclass(frozen=True)
class Turn:
    """One answered input."""

    input: str
    """The input as given: the text, or the audio file's name."""
    transcript: str
    """What the recogniser heard (the text itself for text input)."""
    reply: Reply
    """The reply."""
    timings_ms: dict[str, float] = field(default_factory=dict)
    """Milliseconds spent: asr, understand, total."""

    @property
    def topic(self) -> str:
        """The contract topic or command id of the reply."""
        return self.reply.topic

    @property
    def red_flag(self) -> RedFlagResult:
        """The red-flag result."""
        return self.reply.red_flag

    def to_json_dict(self) -> dict[str, object]:
        """The contract's JSON object for this turn."""
        return {
            "input": self.input,
            "transcript": self.transcript,
            "topic": self.reply.topic,
            "confidence": round(self.reply.confidence, 3),
            "red_flag": self.reply.red_flag.to_json_dict(),
            "reply": self.reply.text,
            "timings_ms": {key: round(value, 2) for key, value in self.timings_ms.items()},
        }


def _without_spans(canonical: str, spans: tuple[tuple[int, int], ...]) -> str:
    """Canonical text less the words of a red-flag report, so that a question asked with it is matched alone."""
    if not spans:
        return canonical
    tokens = canonical.split()
    drop = {position for start, end in spans for position in range(start, end)}
    return " ".join(token for position, token in enumerate(tokens) if position not in drop)


class Assistant:
    """Understands inputs and keeps conversations, for one Content and region."""

    def __init__(
        self,
        content: Content,
        region: str | None = None,
        recogniser: "Recogniser | None" = None,
        speaking: SpeakingSettings = SpeakingSettings(),
        semantic: SemanticUnderstanding | None = None,
    ) -> None:
        self.content = content
        self.normaliser = Normaliser(content.vocabulary)
        self.matcher = Matcher(content, self.normaliser)
        self.detector = RedFlagDetector(content, self.normaliser)
        self.emergency_number = emergency_number_for(content, region)
        self.recogniser = recogniser
        self.default_speaking = speaking
        self.semantic = semantic

    def new_session(self) -> Session:
        """A fresh conversation with the default speaking settings."""
        return Session(DialogueState(speaking=self.default_speaking))

    def greeting(self) -> str:
        """What the assistant says first."""
        return greeting(self.content, self.emergency_number)

    def understand(self, text: str) -> Understanding:
        """Normalise, match and check for red flags. A failure in matching never hides a red flag."""
        canonical = self.normaliser.normalise(text)
        try:
            canonical = self.matcher.repair(canonical[:MAX_MATCH_CHARS]) + canonical[MAX_MATCH_CHARS:]
        except Exception:  # mending words is a nicety; the red-flag check below must run regardless
            _log.exception("repairing words failed for one input")
        flag = self.detector.check(canonical)
        try:
            match = self.matcher.match(_without_spans(canonical, flag.spans)[:MAX_MATCH_CHARS])
        except Exception:  # a bug in matching must not silence the red flag found above
            _log.exception("matching failed for one input")
            match = TopicMatch(UNCLEAR, 0.0, MatchBand.UNCLEAR, None)
        if self.semantic is not None:
            try:
                scores = self.semantic.scores(text[:MAX_MATCH_CHARS])
                flag = self.semantic.safety_net(
                    text[:MAX_MATCH_CHARS], flag, self.detector, self.normaliser, scores.vector, command=match.topic if match.is_command else None
                )
                stripped = _without_spans(canonical, flag.spans)[:MAX_MATCH_CHARS]
                match = self.semantic.combine(scores, self.matcher.topic_scores(stripped), match)
            except Exception:  # the semantic opinion is a second opinion: the lexical result stands without it
                _log.exception("semantic understanding failed for one input")
        return Understanding(canonical, match, flag, has_question(canonical[:MAX_MATCH_CHARS]))

    def answer_text(self, session: Session, text: str, source: str | None = None) -> Turn:
        """Answer one typed (or already transcribed) input as the next turn of the session."""
        started = time.perf_counter()
        understanding = self.understand(text)
        reply = self._reply(session, understanding)
        elapsed = (time.perf_counter() - started) * 1000
        return Turn(source if source is not None else text, text, reply, {"asr": 0.0, "understand": elapsed, "total": elapsed})

    def answer_transcript(
        self,
        session: Session,
        transcript: "Transcript",
        source: str,
        asr_ms: float,
        understanding: Understanding | None = None,
    ) -> Turn:
        """Answer a recogniser's transcript; an unsure transcript is confirmed, never answered outright.

        understanding: understand(transcript.text) when the caller already worked it out (once a turn).
        """
        started = time.perf_counter()
        if not transcript.text.strip():
            understanding = Understanding("", TopicMatch(UNCLEAR, 0.0, MatchBand.UNCLEAR, None), RedFlagResult.none())
        else:
            understanding = understanding if understanding is not None else self.understand(transcript.text)
            match = understanding.match
            if transcript.confidence < LOW_ASR_CONFIDENCE and match.band is MatchBand.ANSWER and not match.is_command:
                lowered = TopicMatch(
                    match.topic, min(match.confidence, transcript.confidence), MatchBand.CONFIRM, match.runner_up
                )
                understanding = replace(understanding, match=lowered)
        reply = self._reply(session, understanding)
        understand_ms = (time.perf_counter() - started) * 1000
        return Turn(source, transcript.text, reply, {"asr": asr_ms, "understand": understand_ms, "total": asr_ms + understand_ms})

    def answer_audio(self, session: Session, audio: "PcmAudio", source: str = "<audio>") -> Turn:
        """Transcribe one utterance with the recogniser and answer it."""
        if self.recogniser is None:
            raise RuntimeError("answer_audio needs a recogniser; pass one to Assistant()")

        started = time.perf_counter()
        transcript = self.recogniser.transcribe(to_recogniser_format(audio))
        asr_ms = (time.perf_counter() - started) * 1000
        return self.answer_transcript(session, transcript, source, asr_ms)

    def _reply(self, session: Session, understanding: Understanding) -> Reply:
        reply, state = next_turn(session.state, understanding, self.content, self.emergency_number)
        session.state = state
        session.turns += 1
        return reply

