"""Word facts for out-of-scope questions (core/scope.py) on the real prompts and the shipped frequency list."""

from __future__ import annotations

import pytest

from voice_assistant.app.semantic import word_frequency
from voice_assistant.core.content import Content
from voice_assistant.core.normalise import Normaliser
from voice_assistant.core.scope import ScopeVocabulary, cause_of_a_treatment, parse_word_frequency


@pytest.fixture(scope="module")
def scope(content: Content) -> ScopeVocabulary:
    return ScopeVocabulary(content, Normaliser(content.vocabulary), word_frequency())


def test_the_frequency_list_tells_common_words_from_rare_ones() -> None:
    frequency = word_frequency()
    assert len(frequency) > 30000
    assert frequency["the"] > frequency["simple"] > frequency["hamstring"]


def test_parse_word_frequency_keeps_the_first_value_and_skips_comments() -> None:
    assert parse_word_frequency("# note\n5.0 best way\n3.1 best kneecap\n") == {"best": 5.0, "way": 5.0, "kneecap": 3.1}


@pytest.mark.parametrize(
    "text", ["how do i get rid of chilblains", "what helps with a stye on my eyelid", "what causes dandruff",
             "how long does a course of chemotherapy last"],  # named only by the red-flag rules, never by the article
)
def test_a_subject_the_article_never_names_counts_as_outside_the_domain(scope: ScopeVocabulary, text: str) -> None:
    facts = scope.facts_of(text)  # 'chilblains' is rarer than the list goes, so it counts as a slip: both weigh out of scope
    assert facts.rare + facts.slips >= 1


@pytest.mark.parametrize(
    "text",
    [
        "does acupuncture help with the back pain",
        "can the tumour press on the spinal cord",
        "does ibu profin help the pain",  # split by a recogniser: mended, not a rare word or a slip
        "what is a new roe endocrine tumour",
    ],
)
def test_the_article_words_and_their_mishearings_are_in_the_domain(scope: ScopeVocabulary, text: str) -> None:
    facts = scope.facts_of(text)
    assert (facts.rare, facts.slips) == (0, 0)


def test_cause_and_remedy_questions_are_told_apart(scope: ScopeVocabulary) -> None:
    cause = scope.facts_of("could my back pain be from the radiotherapy")
    remedy = scope.facts_of("does radiotherapy help with the pain")
    assert cause.asks_cause and not cause.asks_remedy
    assert remedy.asks_remedy and not remedy.asks_cause


def test_what_a_question_names_besides_the_subject_is_counted(scope: ScopeVocabulary) -> None:
    assert scope.facts_of("what is neuroendocrine cancer").beyond_subject == 0
    assert scope.facts_of("why does neuroendocrine cancer cause back pain").beyond_subject == 0
    assert scope.facts_of("what does neuroendocrine cancer back pain feel like").beyond_subject >= 1


@pytest.mark.parametrize(
    ("text", "topic", "expected"),
    [
        ("my legs went numb , could the radiotherapy have done this ?", "treatment.radiation", "cause.radiation_therapy"),
        ("could that just be from the surgery ?", "treatment.surgery", "cause.post_surgical_pain"),
        ("is it down to the radiation therapy i had", "treatment.radiation", "cause.radiation_therapy"),
        ("a new ache , can surgery cause that", "treatment.surgery", "cause.post_surgical_pain"),
        ("is my back pain caused by the op", "treatment.surgery", "cause.post_surgical_pain"),
        # asked as a remedy, or a cause that is no treatment: the topic stands
        ("can surgery help my back", "treatment.surgery", "treatment.surgery"),
        ("could the radiotherapy shrink it", "treatment.radiation", "treatment.radiation"),
        ("could it be from the cancer , would surgery help", "treatment.surgery", "treatment.surgery"),
        # only a treatment the article also names as a cause has a twin
        ("could it be from the massage", "treatment.massage", "treatment.massage"),
        ("could that be from the surgery ?", "diagnosis", "diagnosis"),
    ],
)
def test_a_treatment_asked_about_as_a_cause_answers_with_the_cause(text: str, topic: str, expected: str) -> None:
    assert cause_of_a_treatment(text, topic) == expected
