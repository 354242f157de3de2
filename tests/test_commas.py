"""A transcript's missing commas and question marks put back (core.commas), and the assistant reading a transcript again
with them."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from voice_assistant.app.assistant import Assistant
from voice_assistant.app.semantic import COMMAS, load_commas
from voice_assistant.core.commas import (
    CommaModel, feature_ids, has_punctuation, question_starts, words_and_marks,
)
from voice_assistant.core.content import Content, RedFlagLevel


def _model_breaking_before(word: str) -> CommaModel:
    """A hand-made model: a break before `word` (bias -5, its 'next word' feature +10: +5 in all), none elsewhere."""
    ids = feature_ids(["bias", f"b{word}"])
    order = np.argsort(ids)
    return CommaModel(ids[order], np.array([-5.0, 10.0], dtype=np.float32)[order])


def _model_asking_from(word: str) -> CommaModel:
    """A hand-made model: no comma anywhere (bias -5), and a question starting before `word` (its 'next word' feature
    +10 over the question model's bias -5)."""
    ids = feature_ids(["bias", f"b{word}"])
    order = np.argsort(ids)
    return CommaModel(
        ids[:1], np.array([-5.0], dtype=np.float32), ids[order], np.array([-5.0, 10.0], dtype=np.float32)[order]
    )


def test_a_question_after_a_report_is_parted_from_it_and_asked() -> None:
    model = _model_asking_from("can")
    assert model.with_question("pooed myself without noticing can broken bones cause that") == (
        "pooed myself without noticing. can broken bones cause that?"
    )
    assert model.restore("pooed myself without noticing can broken bones cause that") == (
        "pooed myself without noticing can broken bones cause that"  # the commas' reading stays as it was
    )
    assert model.with_question("my legs are numb and weak") is None  # no question, no third reading
    assert model.with_question("i can walk can you tell me why") == "i can walk. can you tell me why?"  # never after the first word
    assert model.with_question("my legs hurt can you help can you") == "my legs hurt can you help. can you?"  # the last start
    # only where the words after it open like a question: a list of answers stays one sentence
    assert _model_asking_from("weak").with_question("pins and needles no weak legs no") is None
    assert _model_breaking_before("my").with_question("no tingling my legs") is None  # no question model: commas alone
    assert model.with_question("chest pain today. can it be the spine") is None  # typed punctuation is kept


def test_the_fit_reads_where_the_writers_questions_start() -> None:
    words, marks = words_and_marks("Chest pain today. Is it the spine? My legs, though, are fine!")
    assert words == ["chest", "pain", "today", "is", "it", "the", "spine", "my", "legs", "though", "are", "fine"]
    assert marks == ["", "", ".", "", "", "", "?", "", ",", ",", "", "."]
    assert question_starts(marks) == [False, False, True] + [False] * 8
    assert question_starts(words_and_marks("my legs are weak, is that normal?")[1]) == [False, False, False, True, False, False]


def test_a_break_goes_where_the_model_says_and_the_words_stay_as_they_were() -> None:
    model = _model_breaking_before("my")
    assert model.restore("no tingling my legs have gone weak") == "no tingling, my legs have gone weak"
    assert model.restore("No tingling My legs") == "No tingling, My legs"  # the words' own case is kept


@pytest.mark.parametrize(
    "text",
    [
        "no tingling, my legs have gone weak",  # a typed line keeps its own punctuation
        "is it bad? my legs are weak",
        "numb my legs",  # too short to have clauses
        "",
    ],
)
def test_text_with_punctuation_or_too_short_is_left_alone(text: str) -> None:
    assert _model_breaking_before("my").restore(text) == text


def test_the_fit_reads_the_writers_breaks_from_their_punctuation() -> None:
    words, marks = words_and_marks("No numbness. My legs, though — they're weak!")
    breaks = [bool(mark) for mark in marks]
    assert words == ["no", "numbness", "my", "legs", "though", "they're", "weak"]
    assert breaks == [False, True, False, True, False, False, True]
    assert has_punctuation("so, what now") and not has_punctuation("so what now")


def test_the_shipped_model_loads_and_a_missing_or_damaged_one_gives_none(tmp_path: Path) -> None:
    model = load_commas(COMMAS)
    assert model is not None and len(model.buckets) > 1000 and len(model.question_buckets) > 1000
    assert bool(np.all(np.diff(model.question_buckets) > 0))
    assert bool(np.all(np.diff(model.buckets) > 0))
    assert load_commas(tmp_path / "absent.npz") is None
    damaged = tmp_path / "damaged.npz"
    damaged.write_bytes(b"not an archive")
    assert load_commas(damaged) is None


def test_the_assistant_reads_a_transcript_without_its_commas_as_well_as_with_them(content: Content) -> None:
    """Said aloud, 'No, I have not fallen. My legs keep folding under me.' reaches the assistant without punctuation:
    the denial must not reach over the report that follows it."""
    with_commas = Assistant(content)
    without = Assistant(content)
    without.commas = None
    for transcript in ("no i have not fallen my legs keep folding under me", "i am not imagining it my right leg drags when i walk"):
        assert without.understand(transcript).red_flag.level is RedFlagLevel.NONE  # what the commas are needed for
        assert with_commas.understand(transcript).red_flag.level is RedFlagLevel.EMERGENCY
    for calm in (
        "no numbness no weakness my bladder is fine", "my legs are fine my bladder is fine no problems",
        "pins and needles no not at all not even a little bit",  # a break before the answer would part it from its symptom
        "the toilet in the gents is blocked again",  # nor one after 'is'
    ):
        assert with_commas.understand(calm).red_flag.level is RedFlagLevel.NONE


def test_the_assistant_answers_the_question_a_transcript_runs_on_after_a_report(content: Content) -> None:
    """'Pooed myself without noticing. Can broken bones in the spine cause that?' said aloud: the emergency stands, and
    the question is answered beside it."""
    assistant = Assistant(content)
    heard = assistant.understand("pooed myself without noticing can broken bones in the spine cause that")
    assert heard.red_flag.level is RedFlagLevel.EMERGENCY and heard.match.topic == "cause.bone_fractures"
    assert assistant.understand("chest pain on and off today is the back pain from inflammation").red_flag.level is (
        RedFlagLevel.EMERGENCY
    )


def test_a_failing_comma_model_leaves_the_first_reading(content: Content) -> None:
    class Broken(CommaModel):
        def readings(self, text: str) -> tuple[str | None, str | None]:
            raise RuntimeError("broken weights")

    assistant = Assistant(content, commas=Broken(np.zeros(1, dtype=np.int64), np.zeros(1, dtype=np.float32)))
    assert assistant.understand("my legs have gone numb since this morning").red_flag.level is RedFlagLevel.EMERGENCY
