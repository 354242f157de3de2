"""core/utterance_end.py: which pause may end the words heard so far (pure, no recogniser)."""

from __future__ import annotations

import pytest

from voice_assistant.core.utterance_end import EndTier, end_tier, looks_unfinished, words_of


@pytest.mark.parametrize(
    "text",
    [
        # a last word that needs a continuation
        "tell me about the", "does it spread to my", "my back hurts and", "what helps if", "can i", "what can",
        "the pain is", "it could be", "kyro practor treatment for", "can radiation be used", "could cord compression lead",
        "it hurts when", "is it", "can you", "how long does it", "if i press on my spine",
        # short wh- or auxiliary-first questions with no verb after their subject
        "what treat", "what exercise", "does this cancer", "can this cancer", "what pain relievers", "can breathing exercises",
        "how long", "what is", "my back",
    ],
)
def test_words_that_need_more_look_unfinished(text: str) -> None:
    assert looks_unfinished(words_of(text))


@pytest.mark.parametrize(
    "text",
    [
        # whole requests and reports
        "does massage help", "does massage help with back pain", "what causes back pain", "is it serious", "what is it",
        "my legs have gone weak and numb", "i can't feel my feet", "what can you do", "how are you", "why",
        # a stranded preposition ends many real questions
        "what is it used for", "where does it come from", "what is octreotide for", "who can i talk to", "go on",
        # answers and one-word commands are whole
        "yes", "no", "yes i do", "no it doesn't", "not really", "stop", "repeat", "louder", "goodbye", "thank you",
        "a touch faster if you can", "what else",
    ],
)
def test_whole_requests_look_finished(text: str) -> None:
    assert not looks_unfinished(words_of(text))


def test_the_tier_follows_understanding_and_never_leaves_a_red_flag_to_the_long_pause() -> None:
    whole, unfinished = words_of("does massage help"), words_of("my legs have gone weak and")
    assert end_tier(whole, understood=True, red_flag=False) is EndTier.SURE
    assert end_tier(words_of("does this cancer"), understood=True, red_flag=False) is EndTier.MAYBE
    assert end_tier(whole, understood=False, red_flag=False) is EndTier.NO
    assert end_tier(unfinished, understood=False, red_flag=True) is EndTier.MAYBE
    assert end_tier(words_of("my legs have gone weak"), understood=False, red_flag=True) is EndTier.SURE
    assert end_tier([], understood=True, red_flag=True) is EndTier.NO


def test_words_of_reads_punctuation_and_curly_apostrophes() -> None:
    assert words_of("No, it DOESN\u2019T. What's this?") == ["no", "it", "doesn't", "what's", "this"]
