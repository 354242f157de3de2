"""Memos of the work on one input: the same answers as without them, and nothing of an input kept once it is answered."""

from __future__ import annotations

from typing import Any

import numpy as np

from voice_assistant.app.assistant import Assistant
from voice_assistant.app.semantic import model_files
from voice_assistant.core.content import Content, RedFlagLevel
from voice_assistant.core.encoder import SentenceEncoder
from voice_assistant.core.memo import Memo
from voice_assistant.core.normalise import Normaliser
from voice_assistant.core.phrases import PhraseIndex, TokenText, compile_phrase
from voice_assistant.core.semantic import SaidVectors

from semantic_fixtures import full_assistant, semantic  # noqa: F401  (fixtures)


def test_a_memo_gives_back_what_it_kept_and_forgets_on_request() -> None:
    memo: Memo[str, int] = Memo(limit=3)
    assert memo.get("a") is None
    assert memo.put("a", 1) == 1 and memo.get("a") == 1
    memo.put("b", 2)
    memo.put("c", 3)
    memo.put("d", 4)  # full: emptied first, so it never holds more than its limit
    assert len(memo) == 1 and memo.get("a") is None and memo.get("d") == 4
    Memo.forget_all()
    assert len(memo) == 0 and memo.get("d") is None


def test_normalising_twice_gives_the_same_result_as_a_fresh_normaliser(content: Content) -> None:
    kept = Normaliser(content.vocabulary)
    texts = ["I can't feel my legs, um, since Tuesday", "wot causes the back pain??", "pins-and-needles in 2 feet"]
    first = [kept.analyse(text) for text in texts]
    again = [kept.analyse(text) for text in texts]
    Memo.forget_all()
    fresh = [Normaliser(content.vocabulary).analyse(text) for text in texts]
    assert first == again == fresh
    assert first[0].text == "i cant feel my legs since tuesday"


def test_a_phrase_search_kept_is_a_fresh_list_each_time() -> None:
    index = PhraseIndex([compile_phrase("cant * feel"), compile_phrase("legs")])
    text = TokenText.from_canonical("i cant really feel my legs")
    found = index.find(text)
    assert [o.phrase.text for o in found] == ["cant * feel", "legs"]
    found.clear()  # a caller that changes its list changes no one else's
    assert [o.phrase.text for o in index.find(text)] == ["cant * feel", "legs"]


def test_nothing_of_an_input_stays_in_the_memos_once_it_is_understood(
    assistant: Assistant, full_assistant: Assistant  # noqa: F811
) -> None:
    for each in (assistant, full_assistant):
        understanding = each.understand("my husband cant feel his legs since this morning, what do we do?")
        assert understanding.red_flag.level is RedFlagLevel.EMERGENCY
        assert Memo.kept() == 0


def test_start_up_leaves_its_memos_empty(content: Content) -> None:
    Assistant(content, region="GB")
    assert Memo.kept() == 0


class _Counted:
    """The real sentence encoder, counting the texts it is asked to run."""

    def __init__(self, encoder: Any) -> None:
        self.encoder = encoder
        self.ran: list[str] = []

    def encode(self, text: str) -> Any:
        self.ran.append(text)
        return self.encoder.encode(text)

    def encode_many(self, texts: list[str]) -> Any:
        return self.encoder.encode_many(texts)

    def encode_batch(self, texts: list[str]) -> Any:
        self.ran.extend(texts)
        return self.encoder.encode_batch(texts)


def test_each_text_of_an_input_goes_through_the_model_once() -> None:
    real = _Counted(SentenceEncoder(*model_files()))
    said = SaidVectors(real)
    whole, question = "my legs feel weak since tuesday", "what causes it"
    first = said.encode(whole)
    assert np.array_equal(said.encode(whole), first)
    both = said.encode_batch([whole, question])
    assert real.ran == [whole, question]  # the whole input once, the new clause once
    assert np.array_equal(both[0], first)
    assert float(both[1] @ real.encoder.encode(question)) > 0.9999  # the same vector as a run of its own
    Memo.forget_all()
    said.encode(whole)
    assert real.ran == [whole, question, whole]  # forgotten with the other memos once the input is answered
