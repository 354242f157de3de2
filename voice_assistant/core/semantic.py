"""A second, semantic opinion: how close an input is, in meaning, to each topic's examples.

Each topic is represented by its example phrasings (prompts/phrasings.toml) and the article's own
sentences for it (prompts/topics.toml); each command by its phrasings; `out_of_scope` by example
questions the article does not answer (vocabulary.toml). An input's score for a label is its
cosine similarity to the nearest example of that label. The encoder is passed in (core/encoder.py),
so this module only does arithmetic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final, Protocol

import numpy as np
import numpy.typing as npt

from voice_assistant.core.content import OUT_OF_SCOPE, Content
from voice_assistant.core.memo import Memo
from voice_assistant.core.normalise import DASH_BREAK
from voice_assistant.core.scope import InputFacts
from voice_assistant.core.sentences import leading_question_end, run_on_question_start

__all__ = ["Encoder", "SaidVectors", "SemanticScores", "SemanticIndex", "question_part", "is_focused", "split_clauses"]

_SENTENCE_END: Final = re.compile(r"(?<=[.!?])\s+")
_CLAUSE_BREAK: Final = re.compile(r"(?<=[.!?;])\s+|\s*,\s*|" + DASH_BREAK + r"|\s+but\s+|\s+and\s+(?=(?:i|he|she|my|his|her|we|they|it|now|also)\b)", re.IGNORECASE)


class Encoder(Protocol):
    """Anything that turns a text into a unit-length vector."""

    def encode(self, text: str) -> npt.NDArray[np.float32]:
        """The unit-length vector of one text."""
        ...

    def encode_many(self, texts: list[str]) -> npt.NDArray[np.float32]:
        """Unit vectors of the prompts' examples, one row each (an implementation may keep them)."""
        ...

    def encode_batch(self, texts: list[str]) -> npt.NDArray[np.float32]:
        """Unit vectors of a few texts of what someone said, in one run (never kept)."""
        ...


class SaidVectors:
    """An encoder that encodes each text of one input once.

    Understanding one input asks for the same text's vector more than once (the whole input, then its only clause for
    the safety net; the question again when the input is read with its commas put back): the model's run is most of
    an input's time. The vectors are kept in a Memo, which the assistant empties when the input is answered, so nothing
    said outlives it. The examples' vectors (encode_many) are the inner encoder's business.
    """

    def __init__(self, encoder: Encoder) -> None:
        self._encoder = encoder
        self._said: Memo[str, npt.NDArray[np.float32]] = Memo(limit=64)

    def encode(self, text: str) -> npt.NDArray[np.float32]:
        """The unit vector of one text, encoded once per input."""
        vector = self._said.get(text)
        return vector if vector is not None else self._said.put(text, self._encoder.encode(text))

    def encode_many(self, texts: list[str]) -> npt.NDArray[np.float32]:
        """The examples' vectors, from the inner encoder (never kept here)."""
        return self._encoder.encode_many(texts)

    def encode_batch(self, texts: list[str]) -> npt.NDArray[np.float32]:
        """Unit vectors of a few texts, the ones not encoded yet in one run."""
        new = list(dict.fromkeys(text for text in texts if self._said.get(text) is None))
        if len(new) == 1:
            self.encode(new[0])  # alone, as encode() runs it: the same vector whichever asks first
        elif new:
            for text, vector in zip(new, self._encoder.encode_batch(new)):
                self._said.put(text, vector)
        vectors = [vector for text in texts if (vector := self._said.get(text)) is not None]
        if not vectors or len(vectors) < len(texts):  # none asked for, or the memo filled up and emptied itself between
            return self._encoder.encode_batch(texts)
        return np.stack(vectors)


@dataclass(frozen=True)
class SemanticScores:
    """How close one input is to each label."""

    by_label: dict[str, float]
    """Label (topic id, command id, 'out_of_scope') → cosine similarity to its nearest example."""
    vector: npt.NDArray[np.float32]
    """The input's unit vector (reused by the red-flag safety net)."""
    facts: InputFacts = InputFacts()
    """Word facts of the input (core/scope.py), weighed with the scores."""
    pair: dict[str, float] = field(default_factory=dict)
    """Label → mean cosine of its two nearest examples: one stray example close by counts less."""
    learned: dict[str, float] = field(default_factory=dict)
    """Label → probability from the classifier fitted on the development lines (empty without one)."""
    asked_vector: npt.NDArray[np.float32] | None = None
    """The unit vector of the question part alone, when it was encoded apart from the whole input (else None)."""

    def ranked(self) -> list[tuple[str, float]]:
        """(label, score), best first."""
        return sorted(self.by_label.items(), key=lambda item: -item[1])


def split_clauses(text: str) -> list[str]:
    """The clauses of a raw input: sentences, split again at commas, 'but' and 'and <subject>'."""
    return [part for part in _CLAUSE_BREAK.split(text.strip()) if part and len(part.split()) >= 1]


_ASKED_WITH_A_WORD: Final = (
    r"^(?:so |and |but |then |ok |okay |well )*(?:does|do|did|is|are|was|can(?!['’]t)|could|would|will|should|shall|may|might|what|whats"
    r"|what's|how|why|where|when|who|which|isn['’]?t|aren['’]?t"
    r"|(?:don|doesn|didn|can|couldn|wouldn|shouldn|won|wasn|weren|haven|hasn)['’]?t"
    r" (?:i|you|he|she|we|they|it|there|the|this|that|my|his|her|their|your|our)"
)
"""The opening of a question asked with a question word or an auxiliary, after lead words (closed by the users); a
negated auxiliary asks before its subject ('shouldn't they be scanning me'), not without one ('can't feel my feet')."""
_QUESTION_SAID: Final = r"(?:and )?(?:my|the|one|another|other) (?:real |actual |main )?(?:question|query) is"
"""A question said to be one before it is asked ('… and my question is how long recovery takes')."""
_ASKING: Final = re.compile(
    _ASKED_WITH_A_WORD + r"|whom|any|anything|tell me|explain|look up|read me|read out|search for|find me|talk me through"
    r"|(?:i was |i'm |im )?(?:just )?wondering"
    r"|(?:kindly|please) (?:tell|explain|let me know)|i (?:just )?want(?:ed)? to know|i'?d like to know"
    r"|(?:i )?(?:just )?want(?:ed)? to (?:ask|check) (?:if|whether|about|what|how|why|when|where|which|who)|i wondered|" + _QUESTION_SAID
    + r")\b",
    re.IGNORECASE,
)
_WORD_MARKS: Final = re.compile(r"[^\w]")
_QUESTION_BREAK: Final = re.compile(
    r"(?<=[.!?;])\s+|" + DASH_BREAK + r"|\s*,?\s+(?:but|so)\s+"
    r"|\s*,\s*(?=(?:does|do|is|are|can|could|would|will|should|what|how|why|where|when|who|which"
    r"|(?:i was )?(?:just )?wondering|i (?:just )?want(?:ed)? to know|" + _QUESTION_SAID + r")\b)",
    re.IGNORECASE,
)
_REPORT_BREAK: Final = re.compile(
    r"(?<=\w)\s*,\s*(?=(?:my|i|i'm|im|i've|ive|he|he's|hes|she|she's|shes|his|her|our|we|we've|mum|mum's|mums|dad|dad's"
    r"|dads|grandad|grandad's|nan|nan's)\s)",
    re.IGNORECASE,
)
"""A comma after a question where a report starts ('what treatments are there, my grandad's 81 and …')."""
_WH_OR_AUX: Final = re.compile(_ASKED_WITH_A_WORD + r")\b", re.IGNORECASE)
"""A question asked with a question word or an auxiliary, not a request ('tell me more, my …' keeps its report)."""


def _question_parts(text: str) -> list[str]:
    """The input's parts: sentences, asides and asks (_QUESTION_BREAK), and a report after a comma that closes a
    question asked with a question word ('what treatments are there, my grandad's 81 …'; not 'tell me more, my …')."""
    parts: list[str] = []
    for part in (p.strip() for p in _QUESTION_BREAK.split(text.strip()) if p and p.strip()):
        pieces = _REPORT_BREAK.split(part)
        if len(pieces) > 1 and _WH_OR_AUX.match(pieces[0]):
            parts.append(pieces[0])
            parts.append(", ".join(pieces[1:]))
        else:
            parts.append(part)
    return parts


_TOLD_OF_BEFORE: Final = re.compile(
    r"^(?:which|who) (?:is|was|has been|had been|isn'?t|wasn'?t) (?:new|unusual|strange|odd|weird|not like|normal for"
    r"|a first|worrying|really|very|quite|a bit|so|not)\b|^which (?:means|meant|makes|made)\b",
    re.IGNORECASE,
)
"""A clause that tells more of what was said before it ('I keep leaking when I stand up, which is new for me.'): no
question, though it opens with a question's word."""


def question_part(text: str) -> str | None:
    """The question in an input that also says something else ('no numbness at all, so is swimming ok' → 'is
    swimming ok'), or None when the whole input is the question or there is none."""
    parts = _question_parts(text)
    if len(parts) < 2:
        return _run_on_question(text)
    asking = [i for i, p in enumerate(parts) if p.endswith("?") or (_ASKING.match(p) and not _TOLD_OF_BEFORE.match(p))]
    if asking and all(_CHECK_ONLY.match(parts[i]) for i in asking):
        # 'my son says the tumour presses on things, is that right?': the check asks about what was said before it
        asking = sorted({j for i in asking for j in (i - 1, i) if j >= 0})
    if not asking or len(asking) == len(parts) or sum(len(parts[i].split()) for i in asking) < 3:
        return None
    return " ".join(parts[i] for i in asking)


_CHECK_ONLY: Final = re.compile(
    r"^(?:so |and |but |well )?(?:(?:is|was|isn'?t) (?:that|it|this|he|she) (?:really )?(?:true|right|correct|so|a thing|a myth"
    r"|accurate|the case)|are they (?:really )?right|can that be (?:right|true)|true or false|fact or fiction"
    r"|is there any truth in (?:that|it|this)|what does the article say(?: about (?:that|it|this))?"
    r"|is that what (?:the article|it) says|or is that (?:a myth|rubbish|nonsense|wrong))[?.!]*$",
    re.IGNORECASE,
)
"""A question that only asks whether what was said before it holds ('is that right?', 'what does the article say?')."""


_FOCUS: Final = (("want", "to", "know", "is"), ("want", "to", "ask", "is"), ("wanted", "to", "know", "is"),
                  ("wanted", "to", "ask", "is"), ("question", "is"), ("asking", "is"), ("wondering", "is"))
"""Words with which a question says it is the point of what came before ('… but what i really want to know is …')."""


def is_focused(question: str | None) -> bool:
    """True when question_part()'s question says that it is the real ask ('I know the scan shows the tumour, but what
    I really want to know is whether exercise will help'): then its topic is the question's alone."""
    if question is None:
        return False
    words = tuple(_WORD_MARKS.sub("", word.lower()) for word in question.split()[:10])
    return any(words[i : i + len(focus)] == focus for focus in _FOCUS for i in range(len(words) - len(focus) + 1))


def _run_on_question(text: str) -> str | None:
    """The question run on after a report in a transcript without punctuation ('my legs feel heavy would physio help'),
    or the question that opens it when a report follows."""
    words = [word for word in text.split() if _WORD_MARKS.sub("", word)]
    plain = [_WORD_MARKS.sub("", word.lower()) for word in words]
    start = run_on_question_start(plain)
    if start is None:
        end = leading_question_end(plain)  # or asked first, then told ('would an operation help because i can hardly walk')
        return " ".join(words[:end]) if end is not None and end >= 3 else None
    if len(words) - start < 3:
        return None
    return " ".join(words[start:])


def _article_sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if len(s.split()) >= 4]


class SemanticIndex:
    """The examples of every label as unit vectors, for nearest-example scores."""

    def __init__(self, encoder: Encoder, content: Content) -> None:
        texts: list[str] = []
        labels: list[str] = []
        for topic in content.topics:
            for text in (*topic.phrasings, *_article_sentences(" ".join((topic.answer, *topic.more)))):
                texts.append(text)
                labels.append(topic.id)
        for command in content.commands:
            for text in command.phrasings:
                texts.append(text)
                labels.append(command.id)
        for text in content.vocabulary.out_of_scope_examples:
            texts.append(text)
            labels.append(OUT_OF_SCOPE)
        self._encoder = encoder
        self._labels = tuple(dict.fromkeys(labels))
        self._label_index = np.array([self._labels.index(label) for label in labels])
        self._order = np.argsort(self._label_index, kind="stable")
        self._counts = np.bincount(self._label_index, minlength=len(self._labels))
        self._starts = np.concatenate(([0], np.cumsum(self._counts)[:-1]))
        self._vectors = encoder.encode_many(texts)
        self._texts = tuple(texts)

    @property
    def labels(self) -> tuple[str, ...]:
        """Every label that has examples."""
        return self._labels

    def encode(self, text: str) -> npt.NDArray[np.float32]:
        """The unit vector of one text."""
        return self._encoder.encode(text)

    def scores(self, text: str) -> SemanticScores:
        """Cosine similarity of text to the nearest example of each label."""
        vector = self._encoder.encode(text)
        return self.scores_of(vector)

    def scores_of(
        self, vector: npt.NDArray[np.float32], leave_out: str | None = None, leave_out_above: float | None = None
    ) -> SemanticScores:
        """Like scores(), for an encoded text; for fitting, leave out an example of that exact text or any this close."""
        similarity = self._vectors @ vector
        if leave_out is not None:
            similarity = np.where(np.array([t == leave_out for t in self._texts]), -1.0, similarity)
        if leave_out_above is not None:
            similarity = np.where(similarity >= leave_out_above, -1.0, similarity)
        grouped = similarity[self._order]
        best = np.maximum.reduceat(grouped, self._starts)
        is_best = grouped >= np.repeat(best, self._counts)
        second = np.maximum.reduceat(np.where(is_best, -1.0, grouped), self._starts)
        second = np.where((np.add.reduceat(is_best, self._starts) > 1) | (self._counts == 1), best, second)
        pair = (best + second) / 2
        return SemanticScores(
            {label: float(best[i]) for i, label in enumerate(self._labels)}, vector,
            pair={label: float(pair[i]) for i, label in enumerate(self._labels)},
        )
