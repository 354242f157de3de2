"""The one façade the entry points call: text or audio in → a Turn (reply, topic, red flag, timings)."""

from __future__ import annotations

import logging
import time
from functools import partial
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Final, Mapping

from voice_assistant.core.asides import without_asides
from voice_assistant.core.commas import CommaModel
from voice_assistant.core.content import OUT_OF_SCOPE, UNCLEAR, Content, RedFlagLevel
from voice_assistant.core.dialogue import (
    Action,
    DialogueState,
    Reply,
    SpeakingSettings,
    Understanding,
    emergency_number_for,
    greeting,
    next_turn,
)
from voice_assistant.core.matching import Matcher, MatchBand, TopicMatch, is_greeting
from voice_assistant.core.memo import Memo
from voice_assistant.core.normalise import Normaliser
from voice_assistant.core.redflags import RedFlagDetector, RedFlagResult, has_question
from voice_assistant.core.scope import cause_of_a_treatment
from voice_assistant.core.semantic import is_focused, question_part, split_clauses
from voice_assistant.core.understanding import SURE_COMMAND, SemanticUnderstanding
from voice_assistant.app.semantic import common_words, load_commas, word_frequency
from voice_assistant.app.startup import StartupReadings
from voice_assistant.core.encoder import EncoderError
from voice_assistant.app.safety_check import SafetyQuestion, find_suspicion, is_no_answer, question_text
from voice_assistant.asr.commands import CommandRecogniser, choose_transcript, worth_hearing
from voice_assistant.asr.recogniser import Recogniser, Transcript
from voice_assistant.audio.pcm import PcmAudio, to_recogniser_format


__all__ = ["Assistant", "Session", "Turn", "MAX_MATCH_CHARS", "LOW_ASR_CONFIDENCE"]

_log = logging.getLogger(__name__)

MAX_MATCH_CHARS: Final = 2000
"""Topic matching reads this much of an input; red flags are checked on all of it."""
LOW_ASR_CONFIDENCE: Final = 0.45
"""Below this recogniser confidence a topic is confirmed, never answered outright."""
_VAGUE_ALONE: Final = (MatchBand.UNCLEAR, MatchBand.OUT_OF_SCOPE)
"""How the word matcher places a question that means something only after the report before it ('is that true')."""
_SUBJECT_WORDS: Final = frozenset({"back", "backache", "spine", "spinal", "backbone", "vertebra", "vertebrae"})
"""Words with which a question names the article's own subject, back pain, whatever a remark before it named (not the
cancer alone: 'mayo clinic or md anderson, which has the better net team?' asks of the clinics)."""
_POINTERS: Final = frozenset({"it", "its", "that", "this", "these", "those", "them", "they"})
"""Words with which a question points back at what was said before it ('she has an underactive thyroid, is that linked
to my back pain?'): then the remark is the question's subject."""
_DENIAL_OPENINGS: Final = frozenset({"no", "not", "never", "nothing", "none"})
"""Words that open a denial said beside a question ('no fever no sweats. what causes it')."""
_UNSURE: Final = frozenset({("not", "sure"), ("no", "idea"), ("not", "certain"), ("no", "clue"), ("not", "quite")})
"""… but not these, which deny nothing ('not sure what im supposed to say, what are my options')."""
_FEELINGS: Final = frozenset({
    "scared", "frightened", "terrified", "petrified", "livid", "furious", "angry", "cross", "upset", "fed", "desperate",
    "embarrassed", "ashamed", "confused", "exhausted", "shattered", "tearful", "crying", "panicking", "heartbroken",
    "devastated", "gutted", "nobody", "noone", "explained", "state", "wits", "mess", "bloody", "hell", "god", "honestly",
})
"""Words of a feeling or a complaint said beside a question ('im livid', 'nobody has explained a thing', 'my gran is in a
right state'); not the ones that are the article's subjects (worry, low mood, anxiety, tiredness, sickness)."""
_REMARK_NAMES_A_TOPIC: Final = 0.5
"""The word matcher's score from which a remark beside a question names a topic of its own (a bare 'back' scores
less)."""
_CORRECTIONS: Final = (("i", "mean"), ("more", "like"), ("as", "such"), ("rather",), ("instead",))
"""Words with which what opens with 'not' names the thing meant in place of another ('not physio i mean a proper
massage', 'not therapy as such, more like yoga'): a correction, not a denial, and the question after it asks of it."""
_CHECKED_AREAS: Final = frozenset(
    {"bladder", "bowels", "bowel", "waterworks", "legs", "leg", "feet", "walking", "balance", "toilet", "peeing", "weeing",
     "pee", "wee", "poo"}
)
_CHECKED_FINE: Final = frozenset({"normal", "fine", "okay", "ok", "strong", "grand", "good", "alright", "steady"})
_CHECKLIST_WORDS: Final = frozenset(
    {"and", "my", "his", "her", "both", "all", "are", "is", "feel", "feels", "seem", "seems", "so", "but", "the", "too",
     "totally", "completely", "perfectly", "quite", "pretty", "as", "ever", "still", "absolutely", ",", ".", "?", "im", "i",
     "am", "he", "she", "hes", "shes", "usual", "really", "very", "about", "around", "normally", "no", "problems",
     "problem", "trouble", "issues", "with", "any", "their", "they", "theyre", "dad", "mum", "mom", "mam", "husband", "wife",
     "partner", "son", "daughter", "nan", "gran", "grandad", "grandma", "grandpa", "mother", "father", "brother", "sister",
     "can", "could", "walk", "walks", "stand", "stands", "move", "moves", "feeling", "sensation", "everything"}
)
"""A part of the body a red flag is about and a word that says it is well, with only these beside them: what is said
beside a question is a checklist answered ('bladder and bowels are normal and my legs feel strong. so what else can
cause …', "my dad's bladder and bowels are completely normal and he's walking fine. what does it say about
inflammation?", 'i can walk fine and feel my legs fine. what are the treatment options'), not where the question's
subject was named ('… im only asking about acupuncture, does it work')."""
_COMMAND_CLAUSE_WORDS: Final = 6
"""A command said beside a red-flag report is a clause of its own of at most this many words ('could you say that
again please')."""
_LEVEL_ORDER: Final = {RedFlagLevel.NONE: 0, RedFlagLevel.URGENT: 1, RedFlagLevel.EMERGENCY: 2}
_APOLOGIES: Final = tuple(
    tuple(a.split()) for a in (
        "sorry to bother you again", "sorry to bother you", "sorry to trouble you", "sorry to disturb you", "i hate to bother you",
        "i am sorry", "im sorry", "so sorry", "sorry", "excuse me",
    )
)
"""Words that open a report politely; said alone, 'sorry' asks to hear the last answer again."""
_APOLOGY_REST_WORDS: Final = 4


def _read_better(again: Understanding, first: Understanding) -> bool:
    """True when a transcript read again with its commas (or a question) put back tells more than the reading before: a
    higher red flag, or the same with the same safety question or none (its topic is then the better read, the question
    parted from the report). A safety question is neither made nor dropped by the marks alone."""
    rank, first_rank = _LEVEL_ORDER[again.red_flag.level], _LEVEL_ORDER[first.red_flag.level]
    return rank > first_rank or (rank == first_rank and (again.suspected is None) == (first.suspected is None))


@dataclass
class Session:
    """One conversation: its dialogue state, changed by each turn."""

    state: DialogueState
    """The state after the last turn."""
    turns: int = 0
    """How many turns were answered."""
    safety_question: SafetyQuestion | None = None
    """The yes/no safety question asked in the last turn and not yet answered, if any."""


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
    pending: bool = False
    """True when the reply is a safety question about the suspected red flag in `red_flag` (contract 3)."""

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
            "red_flag": {**self.reply.red_flag.to_json_dict(), **({"pending": True} if self.pending else {})},
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


def _word_frequency() -> Mapping[str, float]:
    """The shipped English word frequencies, or none when the list cannot be read (the matcher then mends less)."""
    try:
        return word_frequency()
    except EncoderError:
        return {}


class Assistant:
    """Understands inputs and keeps conversations, for one Content and region."""

    def __init__(
        self,
        content: Content,
        region: str | None = None,
        recogniser: "Recogniser | None" = None,
        speaking: SpeakingSettings = SpeakingSettings(),
        semantic: SemanticUnderstanding | None = None,
        commands: "CommandRecogniser | None" = None,
        commas: CommaModel | None = None,
        startup: StartupReadings | None = None,
    ) -> None:
        """commands: a restricted recogniser for short commands run beside `recogniser` in answer_audio; by
        default one is built on first use when PocketSphinx is installed. commas: where a transcript's missing commas
        and question marks go (by default the fitted one shipped with the package; None after that when it cannot load).
        startup: the phrases' readings kept between runs (app.startup): its normaliser serves where semantic brings
        none (semantic is built with the same one), and what start-up read is kept once the assistant is built."""
        self.content = content
        words = common_words()
        shared = semantic.detector_for(content, words) if semantic is not None else None
        if shared is not None:
            self.normaliser = shared.normaliser
        else:
            self.normaliser = startup.normaliser if startup is not None else Normaliser(content.vocabulary)
        self.matcher = Matcher(content, self.normaliser, _word_frequency())
        self.detector = shared if shared is not None else RedFlagDetector(content, self.normaliser, words)
        self.emergency_number = emergency_number_for(content, region)
        self.recogniser = recogniser
        self.default_speaking = speaking
        self.semantic = semantic
        self.commands = commands
        self.commas = commas if commas is not None else load_commas()
        self._commands_tried = commands is not None
        if startup is not None:
            startup.keep()  # built, and nothing understood yet: the readings are the phrases of prompts/ alone
        Memo.forget_all()  # start-up's memos hold prompts/ phrases, each normalised once: no input will ask for them

    def new_session(self) -> Session:
        """A fresh conversation with the default speaking settings."""
        return Session(DialogueState(speaking=self.default_speaking))

    def greeting(self) -> str:
        """What the assistant says first."""
        return greeting(self.content, self.emergency_number)

    def understand(self, text: str) -> Understanding:
        """Normalise, match and check for red flags. A failure in matching never hides a red flag.

        A transcript without punctuation is read again with its commas put back (core.commas), and once more where a
        question runs on after a report, with the question parted from it: the reading that tells more of a red flag
        stands, so a mark never takes a red flag away; at the same level the later reading's topic is taken.

        The memos of the work on this input (core.memo) are emptied when it is understood: its sentences, clauses and
        unknown words are not kept."""
        try:
            found = self._understand(text)
            try:
                restored, asked = self.commas.readings(text) if self.commas is not None else (None, None)
                # without punctuation, read again with the commas put back, and once more with the question run on
                # after a report parted from it
                for reading in (restored if restored != text else None, asked):
                    if reading is not None and _read_better(again := self._understand(reading), found):
                        found = again
            except Exception:  # the commas are a nicety: the reading of the words as they came stands
                _log.exception("putting commas back failed for one input")
            return found
        finally:
            Memo.forget_all()

    def _understand(self, text: str, aside: bool = True) -> Understanding:
        """aside: judge the topic without what the speaker set aside ('not the scan, i mean …'), when nothing is flagged."""
        said = self.normaliser.analyse(text)
        normalised = said.text
        canonical = self._mended(normalised)
        flag = self.detector.check(canonical)
        # What the words match is the question when the input also denies a red flag ('no numbness at all, so is
        # swimming ok'): the denied words name no topic. So when it reports one and asks something ('i keep leaking
        # when i walk, what does the octreotide do'), unless the question alone names nothing ('… is that true').
        # The red flags are checked on all of it, above.
        question = question_part(text[:MAX_MATCH_CHARS])
        alone = self.asked_beside_denial(text[:MAX_MATCH_CHARS], question, flag)
        try:
            words, match = self.match_topic(canonical, flag, question, alone)
        except Exception:  # a bug in matching must not silence the red flag found above
            _log.exception("matching failed for one input")
            words, match = self._topic_words(canonical, flag, None), TopicMatch(UNCLEAR, 0.0, MatchBand.UNCLEAR, None)
        suspected: RedFlagResult | None = None
        asked_in_words = has_question(canonical[:MAX_MATCH_CHARS])
        if self.semantic is not None:
            try:
                scores = self.semantic.scores(text[:MAX_MATCH_CHARS], question=question, question_known=True, alone=alone)
                asked_vector = scores.asked_vector  # the question's own vector, when it had one apart from the whole
                words_flag = flag
                flag = self.semantic.safety_net(
                    text[:MAX_MATCH_CHARS], flag, self.detector, self.normaliser, scores.vector,
                    command=match.topic if match.is_command and not self._apology_before_words(canonical) else None,
                )
                try:  # what the word rules and the net both missed, told the ways the development sets' writers told it
                    flag, suspected = self.semantic.learned_flag(
                        text[:MAX_MATCH_CHARS], flag, scores.vector, self.detector, self.normaliser
                    )
                    if suspected is None:  # the net's flag, where the opinion is sure nothing is told: asked, not said
                        flag, suspected = self.semantic.net_overruled(text[:MAX_MATCH_CHARS], words_flag, flag, scores.vector)
                except Exception:  # the flag found so far stands, and the topic is still judged with the model
                    _log.exception("the learned red-flag opinion failed for one input")
                if question is None and flag.level is not RedFlagLevel.NONE and flag.spans and words.split():
                    # a report beside a request with no question's words ('summarise the main points please, oh and
                    # my legs have had pins and needles for three days'): the topic is judged without the report
                    scores = self.semantic.scores(words)
                elif canonical != normalised or said.joins_words or said.mends_words:
                    # the topic is judged on the mended words too ('whore moans', 'sin toms'), the question's alone where
                    # it is read alone ('im livid. how do they work out …': 'im' is mended, and the feeling is no subject)
                    asked_alone = self._canonical(question) if alone and question is not None else None
                    scores = self.semantic.scores(
                        canonical[:MAX_MATCH_CHARS], question=asked_alone, question_known=asked_alone is not None,
                        alone=asked_alone is not None,
                    )
                if question is not None and flag.level is not RedFlagLevel.NONE and flag.spans and len(question.split()) >= 4:
                    # a report beside a question ('i have been leaking wee and cant stop it, is that one of the usual
                    # symptoms'): the learned opinion, fitted on questions, reads the question as much as the whole
                    # (not a question of three words or fewer, 'ibuprofen or acetaminophen, which is better?')
                    if asked_vector is None:
                        asked_vector = self.semantic.index.encode(question)
                    asked = self.semantic.learned(asked_vector, question)
                    scores = replace(scores, learned={k: (v + asked.get(k, 0.0)) / 2 for k, v in scores.learned.items()})
                asking = question is not None or asked_in_words
                match = self.semantic.combine(scores, self.matcher.topic_scores(words), match, asks=asking)
            except Exception:  # the semantic opinion is a second opinion: the lexical result stands without it
                _log.exception("semantic understanding failed for one input")
        cause = cause_of_a_treatment(canonical[:MAX_MATCH_CHARS], match.topic)
        if cause != match.topic:  # 'my legs went numb, could the radiotherapy have done this?': radiation as a cause
            match = replace(match, topic=cause, runner_up=match.topic)
        rest = without_asides(text[:MAX_MATCH_CHARS]) if aside and flag.level is RedFlagLevel.NONE and not flag.denied else None
        if rest is not None and not self.normaliser.only_fillers(rest):  # not 'oh … dear' left of 'oh, no, not that one, dear'
            # 'forget inflammation, does the hormone side …', 'not the pain after the operation, when is surgery used':
            # the topic is what is asked, less what the speaker set aside (the red flags were judged on every word above)
            try:
                again = self._understand(rest, aside=False).match
                # … unless nothing is left to read but the request's politeness ('would you mind not talking so fast':
                # the aside was the command)
                match = match if again.topic == UNCLEAR and match.is_command else again
            except Exception:  # the topic read with the aside stands
                _log.exception("matching without the asides failed for one input")
        if flag.level is not RedFlagLevel.NONE and match.is_command and not self._said_as_command(text, match.topic):
            # 'dad says it hurts his back to cough', 'i finished chemo last year and now my back hurts': words of a report
            # that sound like a command ('says', 'finished') are no 'repeat' or 'goodbye' beside the red flag
            match = TopicMatch(UNCLEAR, 0.0, MatchBand.UNCLEAR, None)
        if flag.level is RedFlagLevel.NONE and is_greeting(text[:MAX_MATCH_CHARS]):
            match = TopicMatch(OUT_OF_SCOPE, 0.9, MatchBand.OUT_OF_SCOPE, None, named_outside=True)  # 'good morning'
        asks = asked_in_words or question is not None or said.asks_in_fillers
        # the question's own words, for looking up a warning sign it asks about (not one the speaker told as well)
        asked_words = self.normaliser.normalise(question) if question is not None and flag.level is RedFlagLevel.NONE else None
        return Understanding(canonical, match, flag, asks, asked_words, suspected)  # (suspected only where flag has none)

    def _apology_before_words(self, canonical: str) -> bool:
        """True when an apology opens words that are no command ('sorry, my heart area is paining and i feel clammy'):
        the command the apology alone sounds like ('sorry?' asks to hear it again) does not make the safety net deaf."""
        tokens = canonical.split()
        lead = next((a for a in _APOLOGIES if tuple(tokens[: len(a)]) == a), None)
        if lead is None:
            return False
        rest = tokens[len(lead) :]
        while rest and rest[0] in (",", ".", "but", "and", "so"):
            rest = rest[1:]
        if len([t for t in rest if t.isalnum()]) < _APOLOGY_REST_WORDS:
            return False
        try:
            return not self.matcher.match(" ".join(rest)).is_command
        except Exception:  # a bug here leaves the net as careful as before
            _log.exception("matching after an apology failed")
            return False

    def _said_as_command(self, text: str, command: str) -> bool:
        """True when a short clause of text is that command's own words ('my legs are numb , say that again'; not 'i
        finished my treatment for the carcinoid last year', whose 'finished' only sounds like a goodbye)."""
        for clause in split_clauses(text[:MAX_MATCH_CHARS]):
            if len(clause.split()) > _COMMAND_CLAUSE_WORDS:
                continue
            try:
                heard = self.matcher.match(self._canonical(clause))
            except Exception:  # a bug here must not keep a command that the report's words only seemed to say
                _log.exception("matching a clause failed")
                return False
            if heard.topic == command and heard.confidence >= SURE_COMMAND:
                return True
        return False

    def match_topic(
        self, canonical: str, flag: RedFlagResult, question: str | None, denied_beside: bool = False
    ) -> tuple[str, TopicMatch]:
        """The words the word matcher reads for the topic, and what they match (understand() uses it, and so does
        benchmarks/fit_understanding.py, so the combiner is fitted on the words it is given).

        canonical: the mended input; flag: the word rules' result on it; question: question_part() of the input;
        denied_beside: what is said beside the question denies something (asked_beside_denial)."""
        reported = question is not None and flag.level is not RedFlagLevel.NONE and not flag.denied
        asked_alone = flag.denied or denied_beside or reported or is_focused(question)
        words = self._topic_words(canonical, flag, question if asked_alone else None)
        match = self.matcher.match(words)
        if reported and match.band in _VAGUE_ALONE:
            words = self._topic_words(canonical, flag, None)
            match = self.matcher.match(words)
        elif not asked_alone and question is not None and match.topic == OUT_OF_SCOPE and flag.level is RedFlagLevel.NONE:
            # 'sore shoulder from the bowls tournament, what treatments are there for back pain in general': a remark
            # about something outside is no question's subject when the question names the article's own
            asked = self._topic_words(canonical, flag, question)
            asked_words = set(asked.split())
            if _SUBJECT_WORDS & asked_words and not _POINTERS & asked_words:
                alone = self.matcher.match(asked)
                if alone.band is MatchBand.ANSWER and alone.topic != OUT_OF_SCOPE and not alone.is_command:
                    return asked, alone
        return words, match

    def asked_beside_denial(self, text: str, question: str | None, flag: RedFlagResult) -> bool:
        """True when a question is asked beside a denial and no red flag ('no weight loss. how do they diagnose', 'no
        fever no sweats. what causes it'): the denied words name no topic, so every opinion reads the question alone.
        A denial the word rules heard counts, and so does what is said beside the question when it opens with 'no',
        'not', 'never' or 'nothing' (a fever denied with no back pain named is no red flag's denial), unless it corrects
        itself ('not physio i mean a proper massage': the thing meant is the question's subject). A feeling or a
        complaint beside the question names no topic either (_remark_names_nothing). Only the words are read,
        normalised: mending never makes or changes a negation, so it is not needed here."""
        if question is None or flag.level is not RedFlagLevel.NONE:
            return False
        if flag.denied:
            return True
        start = text.find(question)
        if start < 0:
            return False
        told = self.normaliser.normalise(text[:start] + " " + text[start + len(question) :]).split()
        if _CHECKED_AREAS.intersection(told) and _CHECKED_FINE.intersection(told) and all(
            word in _CHECKED_AREAS or word in _CHECKED_FINE or word in _CHECKLIST_WORDS for word in told
        ):
            return True
        if any(tuple(told[i : i + len(marker)]) == marker for marker in _CORRECTIONS for i in range(len(told) - len(marker))):
            # 'not physio i mean a proper massage, would that help': the thing meant is what is asked of (not 'not asking
            # why stress makes it worse, i mean where do i get help for the anxiety': there the question is the thing meant)
            return False
        if bool(told) and told[0] in _DENIAL_OPENINGS and tuple(told[:2]) not in _UNSURE:
            return True
        return self._remark_names_nothing(told, question)

    def _remark_names_nothing(self, told: list[str], question: str) -> bool:
        """True when what is said beside a question is a feeling or a complaint (a word of _FEELINGS, and no word the
        word matcher does not know) that names no topic, and the question names one of its own ('nobody has explained a
        single thing to us and im livid. how do they work out if his back pain is from the cancer', 'i am scared, what
        helps the pain'): how someone feels is no subject."""
        content = self.matcher.content_words(told)
        if not _FEELINGS.intersection(content) or not all(w in _FEELINGS or self.matcher.knows(w) for w in content):
            return False  # ('my lad twisted his ankle at netball, should he rest it': a subject the article does not know)
        if max(self.matcher.topic_scores(" ".join(told)).values(), default=0.0) >= _REMARK_NAMES_A_TOPIC:
            return False
        asked = self.matcher.match(self._canonical(question))  # ('i keep waking at 3am, is that part of it' names none)
        return asked.band is MatchBand.ANSWER and not asked.is_command and asked.topic not in (OUT_OF_SCOPE, UNCLEAR)

    def _topic_words(self, canonical: str, flag: RedFlagResult, part: str | None) -> str:
        """What the word matcher reads for the topic: the whole input less the words of the red-flag report in it, or
        only part, the question asked beside the report or denial (the safety net keeps the report's spans)."""
        words = _without_spans(canonical, flag.spans) if part is None else self._canonical(part)
        return words[:MAX_MATCH_CHARS]

    def _canonical(self, text: str) -> str:
        """text normalised, with slips mended."""
        return self._mended(self.normaliser.normalise(text))

    def _mended(self, canonical: str) -> str:
        """Normalised text with slips mended; mending is a nicety, so a failure there leaves it unmended."""
        try:
            return self.matcher.repair(canonical[:MAX_MATCH_CHARS]) + canonical[MAX_MATCH_CHARS:]
        except Exception:  # the red-flag check that follows must run regardless
            _log.exception("repairing words failed for one input")
            return canonical

    def _word_rules(self, text: str, assume_pain: bool = False) -> RedFlagResult:
        """The red-flag word rules alone on one text (as understand() normalises and mends it); assume_pain: with
        back pain taken as said, for the rules such as nausea that need it."""
        return self.detector.check(self._canonical(text), assume_pain=assume_pain)

    @staticmethod
    def _understood_and_flagged(understanding: Understanding | None) -> tuple[bool, bool]:
        """Whether free speech was understood as something to answer, and whether it carries a red flag or a denial."""
        if understanding is None:
            return False, False
        flag = understanding.red_flag
        return understanding.match.band is MatchBand.ANSWER, flag.level is not RedFlagLevel.NONE or flag.denied

    def answer_text(self, session: Session, text: str, source: str | None = None) -> Turn:
        """Answer one typed (or already transcribed) input as the next turn of the session."""
        if session.safety_question is not None:  # a typed yes or no answers the spoken safety question
            turn = self._answer_safety_question(session, Transcript(text, 1.0), source if source is not None else text, 0.0)
            return replace(turn, transcript=text)
        started = time.perf_counter()
        understanding = self.understand(text)
        if understanding.suspected is not None:  # the learned opinion is unsure of a red flag: ask before saying it
            shown = source if source is not None else text
            return self._ask_about(session, understanding.suspected, understanding, Transcript(text, 1.0), shown, 0.0, started)
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
        if session.safety_question is not None:
            return self._answer_safety_question(session, transcript, source, asr_ms)
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
        """Transcribe one utterance with the recogniser (and the command recogniser) and answer it."""
        if self.recogniser is None:
            raise RuntimeError("answer_audio needs a recogniser; pass one to Assistant()")

        started = time.perf_counter()
        audio = to_recogniser_format(audio)
        transcript = self.recogniser.transcribe(audio)
        commands = self._command_recogniser()
        command = commands.recognise(audio) if commands is not None else None
        asr_ms = (time.perf_counter() - started) * 1000
        return self.answer_recognised(session, transcript, command, source, asr_ms)

    def answer_recognised(
        self,
        session: Session,
        transcript: Transcript,
        command: Transcript | None = None,
        source: str = "<audio>",
        asr_ms: float = 0.0,
        heard: tuple[str, ...] = (),
        understanding: Understanding | None = None,
    ) -> Turn:
        """Answer what the recognisers heard: the command recogniser's transcript when it is surer, red flags
        looked for in every hypothesis and in the partial words `heard`, a yes/no safety question when unsure.

        understanding: understand(transcript.text) when the caller already worked it out (once a turn).
        """
        given = transcript
        commands = self._command_recogniser() if command is not None and command.text else None
        if commands is not None and command is not None:
            free = understanding
            if free is None and transcript.text.strip():
                free = self.understand(transcript.text)
            understood, flagged = self._understood_and_flagged(free)
            transcript = choose_transcript(transcript, command, commands, understood, flagged).transcript
            if transcript is given and free is not None:
                understanding = free
        if session.safety_question is not None:
            return self._answer_safety_question(session, transcript, source, asr_ms)
        started = time.perf_counter()
        try:
            if understanding is not None and transcript is given:
                best: Understanding | None = understanding
            else:
                best = self.understand(transcript.text) if transcript.text.strip() else None
            suspected = None
            if best is not None:
                suspected = find_suspicion(best, transcript, self._word_rules, self.content, heard, partial(self._word_rules, assume_pain=True))
        except Exception:  # the extra look must never cost the ordinary answer below
            _log.exception("checking the other hypotheses for red flags failed")
            best, suspected = None, None
        if best is None or suspected is None:
            return self.answer_transcript(session, transcript, source, asr_ms, understanding=best)
        return self._ask_about(session, suspected, best, transcript, source, asr_ms, started)

    def answer_no_reply(self, session: Session, source: str = "<silence>") -> Turn:
        """The person did not answer the safety question (or anything else): a pending red flag fires now."""
        return self.answer_recognised(session, Transcript("", 0.0), None, source, 0.0)

    def _answer_safety_question(self, session: Session, transcript: Transcript, source: str, asr_ms: float) -> Turn:
        """A "no" answers the asking input without the flag; "repeat" asks again; anything else fires it."""
        started = time.perf_counter()
        asked = session.safety_question
        session.safety_question = None
        if asked is None:
            return self.answer_transcript(session, transcript, source, asr_ms)
        answer = self.understand(transcript.text) if transcript.text.strip() else None
        if answer is not None and answer.match.topic == "cmd.repeat":
            return self._ask(session, asked, transcript, source, asr_ms, started)
        if answer is not None and is_no_answer(answer):
            original = replace(asked.understanding, red_flag=RedFlagResult.none())
            if original.match.band is MatchBand.ANSWER and not original.match.is_command:
                reply = self._reply(session, original)
            else:
                text = self.content.prompts.get("denied_flags")
                reply = Reply(text, "cmd.no", 1.0, Action.ACKNOWLEDGE, RedFlagResult.none(), "", session.state.speaking, False)
                session.state = replace(session.state, last_reply=text, pending=None, misunderstood=0)
                session.turns += 1
        elif answer is None or answer.match.topic in ("cmd.yes", "cmd.stop") or answer.match.band is MatchBand.UNCLEAR:
            reply = self._reply(session, replace(asked.understanding, red_flag=asked.suspected))
        else:  # something new: answer it, with the suspected flag unless it brings an equal or higher one
            own = answer.red_flag
            higher = _LEVEL_ORDER[own.level] >= _LEVEL_ORDER[asked.suspected.level]
            reply = self._reply(session, replace(answer, red_flag=own if higher else asked.suspected))
        return self._finish(reply, transcript, source, asr_ms, started)

    def _ask_about(
        self, session: Session, suspected: RedFlagResult, understanding: Understanding, transcript: Transcript, source: str,
        asr_ms: float, started: float,
    ) -> Turn:
        """Ask the safety question about a suspected flag of the input understood as understanding."""
        asked = SafetyQuestion(suspected, understanding, question_text(self.content, suspected))
        return self._ask(session, asked, transcript, source, asr_ms, started)

    def _ask(
        self, session: Session, asked: SafetyQuestion, transcript: Transcript, source: str, asr_ms: float, started: float
    ) -> Turn:
        """Ask (or ask again) the safety question; its turn carries the suspected flag as pending."""
        session.safety_question = asked
        session.state = replace(session.state, pending=None, last_reply=asked.text)
        session.turns += 1
        match = asked.understanding.match
        topic = match.topic if match.band is MatchBand.ANSWER else UNCLEAR
        reply = Reply(asked.text, topic, match.confidence, Action.CONFIRM, asked.suspected, "", session.state.speaking, False)
        return self._finish(reply, transcript, source, asr_ms, started, pending=True)

    @staticmethod
    def _finish(reply: Reply, transcript: Transcript, source: str, asr_ms: float, started: float, pending: bool = False) -> Turn:
        understand_ms = (time.perf_counter() - started) * 1000
        timings = {"asr": asr_ms, "understand": understand_ms, "total": asr_ms + understand_ms}
        return Turn(source, transcript.text, reply, timings, pending=pending)

    def hear_command(self, audio: PcmAudio, transcript: Transcript, understanding: Understanding | None) -> Transcript | None:
        """The command recogniser's transcript of audio, or None when it could not change the answer (the free
        transcript was understood, has a red flag, is long or sure) or there is no command recogniser."""
        if understanding is None:
            understanding = self.understand(transcript.text) if transcript.text.strip() else None
        understood, flagged = self._understood_and_flagged(understanding)
        if not worth_hearing(transcript, understood, flagged):
            return None
        commands = self._command_recogniser()
        if commands is None:
            return None
        try:
            return commands.recognise(to_recogniser_format(audio))
        except Exception:  # an optional second opinion: the free-speech transcript still answers
            _log.exception("the command recogniser failed on one utterance")
            return None

    def _command_recogniser(self) -> CommandRecogniser | None:
        """The command recogniser, built on first use; None when PocketSphinx is missing."""
        if not self._commands_tried:
            self._commands_tried = True
            try:
                self.commands = CommandRecogniser(self.content)
            except Exception as err:  # an optional helper: the free-speech engine still answers
                _log.info("no command recogniser (%s); using the free-speech transcript alone", err)
        return self.commands

    def _reply(self, session: Session, understanding: Understanding) -> Reply:
        reply, state = next_turn(session.state, understanding, self.content, self.emergency_number)
        session.state = state
        session.turns += 1
        return reply

