"""Mending split or sound-alike domain words (core/mending.py), and leaving ordinary speech alone."""

from __future__ import annotations

import pytest

from voice_assistant.app.assistant import Assistant
from voice_assistant.core.content import Content, RedFlagLevel
from voice_assistant.core.matching import Matcher
from voice_assistant.core.mending import consonants, sound_key
from voice_assistant.core.normalise import Normaliser


@pytest.mark.parametrize(
    ("heard", "meant"),
    [
        ("sir jury", "surgery"),
        ("council or", "counsellor"),
        ("hor moans", "hormones"),
        ("whore moans", "hormones"),
        ("fizz io", "physio"),
        ("lim foma", "lymphoma"),
        ("ray the ation", "radiation"),
        ("en sades", "nsaids"),
        ("a pet tight", "appetite"),
        ("spy in", "spine"),
        ("your in", "urine"),
        ("p", "pee"),
        ("brake", "break"),
    ],
)
def test_a_split_sounds_like_the_word(heard: str, meant: str) -> None:
    assert sound_key(heard.split()) == sound_key([meant])


@pytest.mark.parametrize(("one", "other"), [("spine", "spice"), ("chest", "chess"), ("lump", "lust"), ("pain", "pig")])
def test_different_consonants_sound_different(one: str, other: str) -> None:
    assert sound_key([one]) != sound_key([other])


def test_consonants_count_the_sounds_not_the_vowels() -> None:
    assert consonants(sound_key(["surgery"])) == 3
    assert consonants(sound_key(["a"])) == 0


@pytest.mark.parametrize(
    ("said", "mended"),
    [
        ("is sir jury an option for a bad back", "surgery"),
        ("would a lim foma make my back hurt", "lymphoma"),
        ("are en sades any good for the ache", "nsaids"),
        ("can ray the ation shrink the tumour", "radiation"),
        ("take me to the main men you", "menu"),
        ("my mum has chess pain", "chest pain"),
        ("he cant p at all since this morning", "cant pee"),
        ("there is a lamp on my back that was not there before", "lump on my back"),
        ("could the hor moans from it upset my back", "hormones"),
        ("does acro puncture help", "acupuncture"),  # one sound off, with a piece no English word
        ("can the cancer travel to your vert a brays", "vertebra"),
        ("what exersize can i do", "what exercise"),  # a misspelling no English word, that sounds as the word
        ("what medacation helps", "what medication"),  # the everyday word beside it is never swallowed
        ("her bladda is leaking", "her bladder"),
        ("are bladda problems a red flag with back pain", "are bladder problems"),  # and 'are' is kept  # a non-word that sounds as one red-flag word, without context
        ("my feet are knumb", "feet are numb"),
        ("i have a fevar", "have a fever"),  # 'overview' sounds alike too, but is far from it in letters
        ("my feet are unmb", "feet are numb"),  # one slip (two letters swapped) from one red-flag word only
        ("i have chst pain", "chest pain"),
        ("i cant control my owels", "my bowels"),
    ],
)
def test_a_split_or_sound_alike_domain_word_is_mended(assistant: Assistant, said: str, mended: str) -> None:
    assert mended in assistant.understand(said).canonical


@pytest.mark.parametrize(
    ("said", "level"),
    [
        ("my mum has chess pain", RedFlagLevel.EMERGENCY),
        ("he cant p at all since this morning", RedFlagLevel.EMERGENCY),
    ],
)
def test_a_mended_red_flag_is_heard(assistant: Assistant, said: str, level: RedFlagLevel) -> None:
    assert assistant.understand(said).red_flag.level is level


ORDINARY = [
    "can i go swimming with a picc line",  # a term of the assistant's own, never mended into 'pick'
    "i cant wlak far",  # one slip from 'walk' and from 'weak' alike: left as typed
    "can the physio see me on tuesday",
    "i need two more minutes to think",
    "the men you sent were very kind",
    "is there a spy in the house",
    "what is your interest in this",
    "i have a pet dog and he sleeps on my bed",
    "i wrote to the council or maybe my local mp",
    "yes sir i understand",
    "what sauces go well with fish",
    "i bought a lamp for my bedroom",
    "i play chess every evening to relax",
    "i have a knack for gardening",
    "my car brake pedal feels soft",
    "please spell it with a p",
    "i moved into a new row of houses",
    "i walked two miles yesterday and my back was fine",
    "the new rota at work is tiring",
    "i had a tight feeling in my calf after the run",
    "my wife says i snore a lot",
    "i sat in the car for two hours and my back is stiff",
    "the lamp on my desk is too bright",
    "we had a pea soup for lunch",
    "he gave me a tip about the bus",
    "i feel sore after sitting on a hard chair",
    "my husband made a cup of tea for me",
    "i need a break from all this",
    "the new roof cost a lot of money",
    "is there any point in having a massage",
    "he fixed the brake on my bike",
    "the men at the gym were helpful",
    "i watched a film about a spy in paris",
    "my pet cat sleeps all day",
    "the sauce was too spicy",
    "i lost the knack of sleeping on my side",
    "i keep a lamp on at night",
    "is there a special diet for this",
    "how much does acupuncture cost per session",
    "could the tumour ever paralyse me",
    "i cant bear it any more",
    "i cant pay my bills",
    "i cant pay for parking at the hospital",
    "i cant see the point of it",
    "i havent passed out or collapsed",
    "i am up wandering round the house at night",
    "we waded through mud on our walk",
    "it is like wading through deep water",
    "i have dropped two dress sizes this year",
    "should i be using heat or cold",
    "my hearing aid isnt great",
    "mine are grand thanks",
    "my back was a bit sore this morning but it wore off",
    "how bad does the pain have to be before i see someone",
    "if the cancer has gone into the bones is that why it hurts",
    "i can still walk fine no problems there",
    "my back is a bit sore from carrying my shopping",
    "i keep a chest of drawers by my bed",
    "i have no appetite for football these days",
    "the lump sum from my pension came through",
    "i had a chest x ray last year and it was clear",
    "there is a bump on my car",
    "the council fixed the road",
    "i have a pet rabbit called max",
    "can the men you mentioned help me",
    "what are two more things i can do",
    "i had a pee before i came out",
    "is there a spa in the hospital",
    "my back is fine but my pan is burnt",
    "i watched a hospital drama where a nurse was the hero",  # a clause word is never swallowed ('trauma')
    "my sister said my legs are numb",  # a person is never joined into a word ('stressed')
    "my brother said his back is worse",
    "can i still go to the musical yes or no",  # an answer word is never joined into a word ('muscles')
    "should i ring morgan yes or no",  # nor 'emergency'
    "should i ask for a smaller portion yes or no",  # nor 'operations'
    "my tummy scar itches a little while it heals",  # a word of the content's at a split's edge is meant ('stretches')
    "my daughter brought me some tablets from the chemist",  # an everyday word one letter from a topic word ('bought')
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_speech_is_not_mended(assistant: Assistant, text: str) -> None:
    canonical = assistant.normaliser.normalise(text)
    assert assistant.matcher.repair(canonical) == canonical


def test_no_ordinary_sentence_raises_an_alarm_after_mending(assistant: Assistant) -> None:
    alarmed = [
        text for text in ORDINARY
        if assistant.understand(text).red_flag.level is not RedFlagLevel.NONE
        and assistant.detector.check(assistant.normaliser.normalise(text)).level is RedFlagLevel.NONE
    ]
    assert alarmed == []


def test_without_word_frequencies_no_single_word_is_replaced(content: Content) -> None:
    normaliser = Normaliser(content.vocabulary)
    matcher = Matcher(content, normaliser)
    assert matcher.repair(normaliser.normalise("my mum has chess pain")) == "my mum has chess pain"
    assert "surgery" in matcher.repair(normaliser.normalise("is sir jury an option for a bad back"))
