"""Sentences of an utterance without punctuation: where a question starts, and where a 'which' only relates."""

from __future__ import annotations

import pytest

from voice_assistant.core.phrases import TokenText
from voice_assistant.core.sentences import has_question, leading_question_end, run_on_question_start, split_sentences


def _sentences(canonical: str) -> list[str]:
    text = TokenText.from_canonical(canonical)
    return [" ".join(text.tokens[start:end]) for start, end in split_sentences(text)]


@pytest.mark.parametrize(
    "canonical",
    [
        "lower back pain which is new and i am being treated for cancer",
        "a pain in my back which keeps me up at night",
        "the tablets which i take every morning",
    ],
)
def test_a_relative_which_does_not_start_a_question(canonical: str) -> None:
    assert _sentences(canonical) == [canonical]
    assert not has_question(canonical)


@pytest.mark.parametrize(
    ("canonical", "sentences"),
    [
        ("numb feet , who should i see about it ?", ["numb feet ,", "who should i see about it ?"]),
        ("my dad , who is eighty , has numb feet", ["my dad , who is eighty , has numb feet"]),
        ("my wife , who can barely walk now , has pain", ["my wife , who can barely walk now , has pain"]),
    ],
)
def test_who_after_a_comma_asks_only_before_should_or_do(canonical: str, sentences: list[str]) -> None:
    assert _sentences(canonical) == sentences


@pytest.mark.parametrize(
    ("canonical", "question"),
    [
        ("my back is sore which is better heat or ice", "which is better heat or ice"),
        ("my legs gave out what should i do", "what should i do"),
    ],
)
def test_a_question_word_in_mid_utterance_starts_a_question(canonical: str, question: str) -> None:
    assert _sentences(canonical)[-1] == question
    assert has_question(canonical)


@pytest.mark.parametrize(
    ("canonical", "sentences"),
    [
        ("i sat in the bath and couldnt feel how hot it was", ["i sat in the bath and couldnt feel how hot it was"]),
        ("she never noticed how wet the bed was", ["she never noticed how wet the bed was"]),
        ("he didnt even notice could that be the cord", ["he didnt even notice", "could that be the cord"]),
    ],
)
def test_what_a_sense_takes_in_is_no_question_but_a_modal_after_it_asks(canonical: str, sentences: list[str]) -> None:
    assert _sentences(canonical) == sentences


@pytest.mark.parametrize(
    ("canonical", "asks"),
    [
        ("the pain is different now , sharp where before it was dull", False),
        ("my legs went weak where once i could walk for miles", False),
        ("it stays where its always been", False),
        ("my legs are numb where do i go", True),
        ("my legs are numb , where is the nearest hospital", True),
        ("my back is bad where to get help", True),
    ],
)
def test_where_in_mid_utterance_asks_only_with_its_verb_next(canonical: str, asks: bool) -> None:
    """'where' asks when a verb or 'to' follows it; before a time or a subject it contrasts or relates."""
    assert has_question(canonical) is asks
    assert len(_sentences(canonical)) == (2 if asks else 1)


@pytest.mark.parametrize(
    "canonical",
    [
        "i am a bit numb round my bottom and do corticosteroids help with the back pain",
        "there is a tender spot on my spine is massage safe for it",
        "the pain is shooting down my legs now can chiropractors do anything for that",
        "no trouble with my bowels or waterworks is a chiropractor a good idea",
        "my legs have gone numb since this morning is that the spinal cord compression thing",
        "my arms feel really heavy and where you get all this information from",
        "i cant sleep because of my back could stress be making it worse",
        "my back hurts at night is the tumour causing it",
        "a brand new pain in his back has it spread to the bones",
        "my mum has a net is she allowed paracetamol if her back starts playing up",
        "she cant sleep with it is there counselling for her",
        "there is one spot on my spine really tender when i press it is that inflammation",
        "i wet myself in the night and never even felt it is that the cancer spreading to the spine",
        # writer 195: an auxiliary before a subject and a verb that asks, a symptom named before what asks about it
        "i can barely lift my feet off the floor do they operate for spinal cord compression",
        "my legs gave way on the way to the car is leg weakness one of the symptoms it lists",
        "he cant lift his foot do they usually operate for that",
        "my dad cant feel his feet did they check his spine",
        "i wake up drenched every night are night sweats a sign of something",
    ],
)
def test_a_question_run_on_after_a_report_still_asks(canonical: str) -> None:
    # spoken reports run into their question without a break; the question must still be answered after the alert
    assert has_question(canonical)


@pytest.mark.parametrize(
    "canonical",
    [
        "my back is that bad i cannot sleep",
        "i do stretches every morning and walking helps",
        "the massage i had last week was lovely",
        "the pain is so bad its making me cry",
        "my back is killing me and the tablets are helping a bit",
        "the pain is there all the time",
        "the pain is causing me to lose sleep",
        "my husband is going to the doctor tomorrow",
        "was a three out of ten last month now its an eight",
        "have lost about six kilos in a month and my back aches",
        "what i hate is back pain that wakes me up",
        "the worst of it is the leg weakness in the mornings",
    ],
)
def test_a_report_with_treatment_words_asks_nothing(canonical: str) -> None:
    assert not has_question(canonical)


@pytest.mark.parametrize(
    ("words", "start"),
    [
        ("my husbands legs have gone weak would he need an operation", 6),
        ("um my bladders fine no leaking what scans will they do", 6),
        ("what tests will they do is it an mri", None),  # opens with its question
        ("er is there any treatment or do you just live with it", None),
        ("if i couldnt feel my feet one day what would i do", None),  # the condition belongs to the question
        ("my nan wants to know the causes can you go through them", None),  # the request came first
        ("my back aches every night", None),
        ("it hurts when i cough or sneeze does stress make it worse", 7),  # an auxiliary, its subject, an asking verb
        ("she is worse than ever does all that worrying make pain worse or is that a myth", 5),  # the first start wins
        ("the pain does make me cry at night", None),  # the verb straight after it is its emphasis
    ],
)
def test_where_a_question_run_on_after_a_report_starts(words: str, start: int | None) -> None:
    assert run_on_question_start(words.split()) == start


@pytest.mark.parametrize(
    ("canonical", "sentences"),
    [
        # a question, a comma, then a statement with its own subject: asked, then told
        ("what painkiller is best , nothing touches it", ["what painkiller is best ,", "nothing touches it"]),
        ("is it normal , my legs are numb", ["is it normal ,", "my legs are numb"]),
        # not where the comma is inside the question ('if', 'when') or the question is too short to stand alone
        ("what do i do if , my legs go numb", ["what do i do if , my legs go numb"]),
        ("why , my legs", ["why , my legs"]),
        # 'only when … does it ease' and 'like where you sit' ask nothing
        ("only when i lie flat does it ease", ["only when i lie flat does it ease"]),
        ("numb like where you sit on a bike", ["numb like where you sit on a bike"]),
        # a transcript without a full stop: 'also' or 'plus' then a subject after a question tells
        (
            "how long does recovery usually take also i keep stumbling",
            ["how long does recovery usually take", "also i keep stumbling"],
        ),
        ("does swimming help plus my legs are weak", ["does swimming help", "plus my legs are weak"]),
        ("does it also help my legs", ["does it also help my legs"]),
        # a reason, 'only i', 'i mean', a pronoun straight after a preposition, a subject run on after a noun
        ("would physio help because i can hardly walk", ["would physio help", "because i can hardly walk"]),
        ("why does it hurt because of the chemo", ["why does it hurt because of the chemo"]),
        ("what should i watch for only i collapsed", ["what should i watch for", "only i collapsed"]),
        ("would yoga help i mean the pain is constant", ["would yoga help", "i mean the pain is constant"]),
        ("when should i see the doctor about i cant go", ["when should i see the doctor about", "i cant go"]),
        ("is it the nerves the pain is worse", ["is it the nerves", "the pain is worse"]),
        ("does heat help the pain", ["does heat help the pain"]),
        ("can hormones cause pain my back hurts when i walk", ["can hormones cause pain", "my back hurts when i walk"]),
        ("does it spread to the spine i had a carcinoid out", ["does it spread to the spine", "i had a carcinoid out"]),
        ("what should i do i had a fall", ["what should i do i had a fall"]),
        # 'but when does …' after a denial asks anew
        ("no weakness but when does weakness mean hospital", ["no weakness but", "when does weakness mean hospital"]),
        # 'what' before a place starts no question ('water' misheard); 'what on earth' still does
        ("i cant feel the back what on his legs", ["i cant feel the back what on his legs"]),
    ],
)
def test_where_a_statement_after_a_question_or_an_inversion_stands(canonical: str, sentences: list[str]) -> None:
    assert _sentences(canonical) == sentences


@pytest.mark.parametrize(
    ("words", "end"),
    [
        ("would an operation help because i can hardly walk", 4),
        ("sorry what are the main points because my balance went funny", 6),
        ("my legs are numb would physio help", None),  # the report comes first
        ("is it the nerves the pain is worse is that the tumour", None),  # more is asked later
        ("what causes back pain", None),
    ],
)
def test_where_a_question_that_opens_a_transcript_ends(words: str, end: int | None) -> None:
    assert leading_question_end(words.split()) == end


@pytest.mark.parametrize(
    "canonical",
    ["the problem is that the tumor is big", "the worry is that the cancer has spread", "i know it is that bad"],
)
def test_is_that_after_a_noun_that_states_is_no_question(canonical: str) -> None:
    # 'is that' asks about a cause named after it, but not after 'the problem', 'the worry' …
    assert not has_question(canonical)


@pytest.mark.parametrize(
    ("canonical", "asks"),
    [
        ("my walking is fine but is numbness serious", True),
        ("my legs are fine so is the pain from the tumor", True),
        ("it hurts but is getting better", False),  # 'but is' before no subject goes on with the statement
        ("the numbness is there but is worst at night", False),
    ],
)
def test_an_auxiliary_after_but_or_so_starts_a_question_before_a_subject(canonical: str, asks: bool) -> None:
    assert has_question(canonical) is asks


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("took me thirty five minutes to walk what used to take five , kept veering off to the left", False),
        ("he cant do what he used to , his legs are weak", False),
        ("what used to help with the pain", True),  # it opens the input: a question
        ("no chest pain , i just wanted the bit about the tumor growing", True),
        ("mum is asking about the yoga and the breathing", True),
    ],
)
def test_what_used_to_is_no_question_and_a_wanted_bit_is_one(text: str, asks: bool) -> None:
    assert has_question(text) is asks


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        # a negated auxiliary and its subject open a question (writer 207: questions put in the negative)
        ("dont they usually do an mri for this", True),
        ("shouldnt i be resting", True),
        ("cant it just be my age", True),
        ("arent there any other treatments apart from tablets", True),
        ("arent shop bought painkillers useless for this kind of pain", True),
        ("wouldnt surgery be too risky", True),  # a treatment named is its subject
        # without its subject the same words open a statement whose subject was left out
        ("cant feel my feet since this morning", False),
        ("dont have any numbness", False),
        ("wasnt sure if it was my back or my hip", False),
        ("arent working properly my legs", False),
        # in mid-utterance: a negated modal before a subject, or 'isnt that' / 'isnt there' / 'isnt a' before what
        # is asked about, runs a question on after a report
        ("i had an accident with my bowels this morning and didnt even feel it coming shouldnt they be scanning me for that", True),
        ("it hurts way more when i cough or sneeze lately isnt that a nerve thing", True),
        ("they go off when i sit down isnt walking meant to be good for you", True),
        ("my feet are sort of numb isnt a fracture in the spine able to do that", True),
        ("it wakes me every night isnt there anything stronger i can buy", True),
        # a statement whose subject comes first
        ("the pain isnt that bad", False),
        ("the numbness isnt there any more", False),
        ("my back hurts but it isnt a fracture", False),
        ("i told him i cant the stairs are too much", False),
        ("tried to go up the stairs tonight and i just couldnt i had to go up on my bum one step at a time", False),
    ],
)
def test_a_negated_auxiliary_asks_before_its_subject(text: str, asks: bool) -> None:
    assert has_question(text) is asks


@pytest.mark.parametrize(
    ("text", "start"),
    [
        # 'just wanted to ask' and 'wondered whether' open a question run on after what was said (writer 209)
        ("no pins and needles no weakness just wanted to ask where this information comes from", 7),
        ("shes ever so wobbly on her feet and i wondered whether the inflammation could be behind it", 9),
        # not when what is asked points back at what came before ('what it is' asks about compression)
        ("i just read about spinal cord compression and just want to know what it is", None),
    ],
)
def test_an_indirect_question_runs_on(text: str, start: int | None) -> None:
    assert run_on_question_start(text.split()) == start
