"""Word facts for out-of-scope questions (core/scope.py) on the real prompts and the shipped frequency list."""

from __future__ import annotations

import pytest

from voice_assistant.app.semantic import word_frequency
from voice_assistant.core.content import Content
from voice_assistant.core.normalise import Normaliser
from voice_assistant.core.scope import ScopeVocabulary, parse_word_frequency


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
