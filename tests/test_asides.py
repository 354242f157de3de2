"""Topics set aside before the real question ('not the scan, I mean …', 'forget hormones, …') are not the topic."""

from __future__ import annotations

import pytest

from voice_assistant.app.assistant import Assistant
from voice_assistant.core.asides import without_asides
from voice_assistant.core.content import RedFlagLevel

from semantic_fixtures import full_assistant, semantic  # noqa: F401  (fixtures)


@pytest.mark.parametrize(
    ("said", "rest"),
    [
        ("Forget the scans, how is the pain treated?", "how is the pain treated?"),
        ("Skip the causes. When should I see a doctor?", "When should I see a doctor?"),
        ("I'm not asking about radiotherapy as a treatment. Can radiation cause back pain?", "Can radiation cause back pain?"),
        ("I already know how it's diagnosed, what are the treatment options?", "what are the treatment options?"),
        ("No, not stop. Louder.", "Louder."),  # 'no,' goes with the clause it opens
        ("Too quick - not louder, slower!", "Too quick slower!"),
        ("Massage aside, does heat help?", "does heat help?"),
        # words said to someone else in the room, and a false start corrected by the thing meant (thirty-fifth session)
        ("Hang on love, I'm asking it. What helps at night?", "I'm asking it. What helps at night?"),
        ("The dog's barking again. Does yoga help?", "Does yoga help?"),
        ("Yes, that's right — sorry, I was talking to my son.", "Yes, that's right"),
        ("Can the radio — the radiation I mean — cause back pain?", "the radiation I mean cause back pain?"),
        ("The scan, no, the MRI I mean, how long does it take?", "the MRI I mean, how long does it take?"),
        # fifty-first session (writer 207: questions put in the negative): a thing excepted at the end of a question,
        # and 'don't just say …'
        ("arent there any other treatments apart from tablets", "arent there any other treatments"),
        ("What are the options besides the injections?", "What are the options"),
        ("What are the treatment options? And please don't just say painkillers.", "What are the treatment options?"),
    ],
)
def test_the_clauses_that_set_a_topic_aside_are_left_out(said: str, rest: str) -> None:
    assert without_asides(said) == rest


@pytest.mark.parametrize(
    "said",
    [
        "Not sleeping because of the pain, is that a symptom?",  # a report that opens with 'not'
        "what helps besides physio",  # too little would be left to ask with
        "is there anything other than surgery for cord compression",  # more than a thing or two named after it
        "Not sure if I'm asking the right thing, but what causes it?",
        "Not too bad today, thanks.",
        "No, not that one.",  # nothing is left once the aside goes: the words stand as said
        "What causes back pain in neuroendocrine cancer?",
        "Is physio good, I mean safe?",  # 'I mean' says more of the question; it names nothing in place of it
        "What does it do, I mean the octreotide?",  # a question is no false start
    ],
)
def test_words_that_set_nothing_aside_are_kept_whole(said: str) -> None:
    assert without_asides(said) is None


@pytest.mark.parametrize(
    ("said", "topic"),
    [
        # each of these went to the topic set aside before asides were left out
        ("Forget physiotherapy and the exercises, does massage help?", "treatment.massage"),
        ("I'm not asking about surgery or the operation, what are the treatment options overall?", "treatment"),
        ("Never mind the scans and the MRI, what treatment is there?", "treatment"),
        ("No, not slower, louder.", "cmd.louder"),
        # and these went right before, and still do
        ("Forget inflammation, can the hormones the tumour makes cause the pain?", "cause.hormonal_changes"),
        ("Not what causes it, how do I know when to see a doctor?", "when_to_see_doctor"),
    ],
)
def test_the_topic_is_what_is_asked_after_the_aside(full_assistant: Assistant, said: str, topic: str) -> None:  # noqa: F811
    assert full_assistant.understand(said).match.topic == topic


def test_an_aside_never_hides_a_red_flag(full_assistant: Assistant) -> None:  # noqa: F811
    understanding = full_assistant.understand("Forget the treatment question, my legs went numb this morning and I can't stand.")
    assert understanding.red_flag.level is RedFlagLevel.EMERGENCY
