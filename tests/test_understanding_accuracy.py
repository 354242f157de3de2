"""Topic accuracy with the semantic model on the former sealed halves (tests/data/blind/sealed*.jsonl) and dev6.

Both were scored repeatedly and then read, so they are development material (the combiner is fitted on
them too): these guard against regressions, they do not measure unseen accuracy.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from voice_assistant.app.assistant import Assistant
from voice_assistant.app.evaluation import score_dev_set

from conftest import DATA
from semantic_fixtures import FirstTurns, first_turns, full_assistant, semantic  # noqa: F401  (fixtures)


def _lines(name: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]


# Topic columns only: their red-flag figures belong to the red-flag work. Measured with
# benchmarks/understand.py, guarded a little below.
FORMER_SEALED_GOALS = {
    "blind/sealed.jsonl": {
        "topic accuracy (questions)": 0.88,  # measured 0.906
        "command accuracy": 0.91,  # measured 0.946
        "out-of-scope accuracy": 0.88,  # measured 0.929
    },
    "blind/sealed2.jsonl": {
        "topic accuracy (questions)": 0.94,  # measured 0.959
        "command accuracy": 0.95,  # measured 0.982
        "out-of-scope accuracy": 0.80,  # measured 0.833
    },
    # The sixth writer's development half (read and tuned on from 30 Nov; its sealed half is never named here).
    "blind/dev6.jsonl": {
        "topic accuracy (questions)": 0.94,  # measured 0.963
        "command accuracy": 0.95,  # measured 0.982
        "out-of-scope accuracy": 0.93,  # measured 0.976
    },
    # The tenth session's question writer (35th): first measured on a91b304 0.922 / 1.000 / 0.943, then tuned on.
    "blind/dev35.jsonl": {
        "topic accuracy (questions)": 0.94,  # measured 0.958
        "command accuracy": 0.97,  # measured 1.000
        "out-of-scope accuracy": 0.94,  # measured 0.971
    },
    # The eleventh session's question writer (37th): first measured on cd72b29 0.969 / 1.000 / 0.795, then tuned on.
    "blind/dev37.jsonl": {
        "topic accuracy (questions)": 0.96,  # measured 0.981
        "command accuracy": 0.97,  # measured 1.000
        "out-of-scope accuracy": 0.94,  # measured 0.974
    },
    # The twelfth session's question writer (39th): first measured on fce89fc 0.950 / 1.000 / 0.800, then tuned on.
    "blind/dev39.jsonl": {
        "topic accuracy (questions)": 0.97,  # measured 0.994
        "command accuracy": 0.97,  # measured 1.000
        "out-of-scope accuracy": 0.94,  # measured 0.975
    },
}


@pytest.mark.parametrize("name", sorted(FORMER_SEALED_GOALS))
def test_former_sealed_halves_with_the_semantic_model(first_turns: FirstTurns, name: str) -> None:
    lines = [line for line in _lines(name) if line["kind"] in ("question", "multi", "command", "out_of_scope")]
    report = score_dev_set(first_turns.assistant, lines, first_turns.line)
    for figure, goal in FORMER_SEALED_GOALS[name].items():
        assert report.figures[figure] >= goal, f"{figure} {report.figures[figure]} < {goal}\n" + "\n".join(report.errors)


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("my waterworks are fine, but does yoga help with back pain", "treatment.mind_body"),
        ("no tingling in my feet, just wondering whether heat packs help", "treatment.heat_cold"),
        ("nothing like numb legs, I just want to know how they diagnose it", "diagnosis"),
    ],
)
def test_a_denial_then_a_question_answers_the_question(full_assistant: Assistant, text: str, topic: str) -> None:
    turn = full_assistant.answer_text(full_assistant.new_session(), text)
    assert turn.red_flag.level.value == "none"
    assert turn.topic == topic


def test_a_report_run_into_a_question_without_a_break_still_gets_the_question_answered(full_assistant: Assistant) -> None:
    turn = full_assistant.answer_text(
        full_assistant.new_session(), "i keep waking at night with my back could it be the hormones from the tumour"
    )
    assert turn.red_flag.level.value == "urgent"
    assert turn.topic == "cause.hormonal_changes"


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("my legs have gone heavy and i keep stumbling would physio help", "treatment.physical_therapy"),
        ("my wifes legs have gone weak and wobbly would she need an operation", "treatment.surgery"),
    ],
)
def test_an_emergency_run_into_a_question_gets_that_questions_topic(full_assistant: Assistant, text: str, topic: str) -> None:
    turn = full_assistant.answer_text(full_assistant.new_session(), text)
    assert turn.red_flag.level.value == "emergency"
    assert turn.topic == topic


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("I know the scan shows the tumour, but what I really want to know is whether exercise will help.", "treatment.exercise"),
        ("im on morphine and the scans are booked but what i want to ask is can i still go swimming", "treatment.exercise"),
    ],
)
def test_a_question_that_says_it_is_the_real_ask_is_read_alone(full_assistant: Assistant, text: str, topic: str) -> None:
    # the words before it ('the scan', 'morphine') name other topics; 'what i really want to know is' says which counts
    assert full_assistant.answer_text(full_assistant.new_session(), text).topic == topic


@pytest.mark.parametrize(
    ("text", "level", "topic"),
    [
        ("i cant sleep because of my back could stress be making it worse", "urgent", "cause.psychological_factors"),
        ("my dads got a net and a brand new pain in his back has it spread to the bones", "urgent", "cause.metastasis"),
        # a report ended by when, then 'do the …' or 'are the …' (writer 202, as a recogniser prints it)
        ("i collapsed yesterday do the hormones from these tumours cause weakness", "emergency", "cause.hormonal_changes"),
        ("the back pain wakes me every night now are the stronger painkillers like opioids an option", "urgent",
         "treatment.medications"),
    ],
)
def test_a_report_run_into_a_question_in_other_shapes_gets_the_question_answered(
    full_assistant: Assistant, text: str, level: str, topic: str
) -> None:
    # an '-ing' verb after the subject ('could stress be making'), 'has it spread': the alert, then the answer
    turn = full_assistant.answer_text(full_assistant.new_session(), text)
    assert turn.red_flag.level.value == level
    assert turn.topic == topic
    assert turn.reply.text.startswith(turn.reply.alert) and len(turn.reply.text) > len(turn.reply.alert) + 40


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # a remark before the question that names something outside the article sets itself aside, or tells a story
        ("had a cold this week but otherwise fine. what is spinal cord compression?", "cause.spinal_cord_compression"),
        ("my knee is playing up but nothing else, so how is it diagnosed", "diagnosis"),
        ("stiff after a long drive to my sisters. would massage help?", "treatment.massage"),
        ("its been a hectic week with the grandkids and work. can stress make back pain worse?", "cause.psychological_factors"),
        # but words outside the article still set the subject when they are it
        ("my knee hurts after running, can massage help", "out_of_scope"),
        ("my dog has a bad back, would acupuncture help him", "out_of_scope"),
    ],
)
def test_a_remark_before_a_question_sets_its_subject_only_when_it_is_one(
    full_assistant: Assistant, text: str, topic: str
) -> None:
    assert full_assistant.answer_text(full_assistant.new_session(), text).topic == topic
