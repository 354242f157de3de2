"""Red-flag detection: each rule affirmed and denied, reports about others, questions about symptoms."""

from __future__ import annotations

import tomllib
from typing import Any

import pytest

from voice_assistant.app.assistant import Assistant
from voice_assistant.core.content import Content, RedFlagLevel
from voice_assistant.core.understanding import now_parts, run_on_parts

from conftest import DATA
from semantic_fixtures import full_assistant, semantic  # noqa: F401  (fixtures)

CASES: list[dict[str, Any]] = tomllib.loads((DATA / "red_flags.toml").read_text(encoding="utf-8"))["case"]


@pytest.mark.parametrize("case", CASES, ids=[case["text"][:40] for case in CASES])
def test_red_flag_cases(assistant: Assistant, case: dict[str, Any]) -> None:
    result = assistant.understand(case["text"]).red_flag
    assert result.level.value == case["level"]
    if "rule" in case:
        assert case["rule"] in result.rules
    if case["level"] != "none":
        assert result.about_other == case.get("other", False)


def test_every_rule_has_a_firing_case(content: Content) -> None:
    named = {case["rule"] for case in CASES if "rule" in case}
    assert {rule.id for rule in content.rules} <= named


def test_highest_level_wins_and_is_listed_first(assistant: Assistant) -> None:
    result = assistant.understand("my back pain wakes me at night and my legs are numb").red_flag
    assert result.level is RedFlagLevel.EMERGENCY
    assert result.rules[0] == "numbness"
    assert "night_pain" in result.rules


def test_question_about_a_symptom_is_remembered_but_does_not_fire(assistant: Assistant) -> None:
    result = assistant.understand("Is numbness in the legs a warning sign?").red_flag
    assert result.level is RedFlagLevel.NONE
    assert result.asked_about is RedFlagLevel.EMERGENCY


@pytest.mark.parametrize(
    "text",
    [
        "I think my legs are going numb",
        "maybe my legs are a bit weak",
        "I wet the bed last night",
        "my legs went numb yesterday but it's better now I guess",
    ],
)
def test_hedging_and_past_events_still_fire(assistant: Assistant, text: str) -> None:
    assert assistant.understand(text).red_flag.level is RedFlagLevel.EMERGENCY


def test_a_red_flag_in_a_huge_input_is_found(assistant: Assistant) -> None:
    text = "blah " * 50_000 + "my legs are numb. " + "la " * 50_000
    assert assistant.understand(text).red_flag.level is RedFlagLevel.EMERGENCY


EVERYDAY: list[dict[str, Any]] = tomllib.loads((DATA / "red_flags_everyday.toml").read_text(encoding="utf-8"))["case"]


@pytest.mark.parametrize("case", EVERYDAY, ids=[case["text"][:40] for case in EVERYDAY])
def test_everyday_red_flags_and_their_spoken_reason(full_assistant: Assistant, case: dict[str, Any]) -> None:
    result = full_assistant.understand(case["text"]).red_flag
    assert result.level.value == case["level"], result
    if "reason" in case:
        assert result.rules[0] == case["reason"], result.rules


@pytest.mark.parametrize("case", [c for c in EVERYDAY if "reason" in c and c["level"] != "none"], ids=lambda c: c["text"][:40])
def test_the_word_rules_alone_speak_the_reason_of_the_words_that_fired(assistant: Assistant, case: dict[str, Any]) -> None:
    result = assistant.understand(case["text"]).red_flag
    if result.level.value != "none":
        assert result.rules[0] == case["reason"], result.rules


def test_a_word_inside_a_longer_phrase_of_another_rule_does_not_fire_its_rule(assistant: Assistant) -> None:
    assert "night_pain" not in assistant.understand("night sweats and back pain").red_flag.rules
    assert "numbness" not in assistant.understand("my legs don't feel right, sort of heavy").red_flag.rules


def test_the_reply_speaks_the_reason_of_the_rule_that_fired(full_assistant: Assistant, content: Content) -> None:
    turn = full_assistant.answer_text(full_assistant.new_session(), "night sweats and back pain")
    assert content.rule("fever_sweats").reason in turn.reply.text
    assert content.rule("night_pain").reason not in turn.reply.text


@pytest.mark.parametrize(
    ("text", "about_other"),
    [
        ("my legs have gone numb and I can't feel them", False),
        ("I can't feel my feet and they are cold", False),
        ("my kids say they can't feel their legs", True),
        ("they can't feel their legs", True),
        ("my husband says his legs are numb", True),
        ("my legs are numb", False),
    ],
)
def test_they_and_them_are_someone_else_only_when_the_speaker_is_not_speaking_of_themselves(
    assistant: Assistant, text: str, about_other: bool
) -> None:
    flag = assistant.understand(text).red_flag
    assert flag.level is RedFlagLevel.EMERGENCY
    assert flag.about_other is about_other


@pytest.mark.parametrize(
    "text",
    [
        "my hands tingled after the chemo last year but that has all gone now",
        "I had a spell of wetting myself after the operation years ago, it cleared up and it's been fine ever since",
        "the nurse's leaflet talks about numb legs but I haven't had anything like that",
        "my legs felt heavy last spring, they're back to normal now",
        "I'm scared I'll end up not able to walk one day",
        "I had a dream my legs had gone numb",
        "the tingling I got after the chemo two years ago has gone",
        "I don't feel any tingling in my toes",
        "no change in the shape of my spine",
        "the ache isn't moving down my legs",
    ],
)
def test_a_symptom_taken_back_feared_or_dreamt_does_not_fire(full_assistant: Assistant, text: str) -> None:
    assert full_assistant.understand(text).red_flag.level is RedFlagLevel.NONE


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("in a film last night a soldier lost the use of his legs", RedFlagLevel.NONE),
        ("the leaflet says weakness in the legs is a warning sign, I read it again", RedFlagLevel.NONE),
        ("we saw a documentary about strokes, people who could not walk", RedFlagLevel.NONE),
        ("the table was so unsteady my tea spilt", RedFlagLevel.NONE),
        ("my neighbour had a fall last year but she is right as rain now", RedFlagLevel.NONE),
        ("we watched a film and then I couldn't feel my legs", RedFlagLevel.EMERGENCY),  # the speaker
        ("on the telly last night, my husband collapsed", RedFlagLevel.EMERGENCY),  # someone spoken for, only 'when'
        ("watching the news, he suddenly couldn't stand up", RedFlagLevel.EMERGENCY),  # 'he' with no stranger named
        ("physio programme, my legs feel weak after it", RedFlagLevel.EMERGENCY),  # not a show
    ],
)
def test_what_happens_in_a_film_or_a_leaflet_to_a_stranger_is_no_report(
    full_assistant: Assistant, text: str, level: RedFlagLevel
) -> None:
    assert full_assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    "text",
    [
        "I can't feel my legs, the back pain has gone away though",  # the resolution speaks of something else
        "the numbness went away but it came back this morning",  # it returned
        "my legs were fine until today, now they keep giving way",  # a time before the symptom
        "my feet are numb and the pins and needles went away",  # another symptom resolved
        "I don't have any feeling in my legs",  # no resolution: the symptom itself
        "my legs went from under me this morning, they're fine now",  # recent: it counts though over
        "I never get the feeling I need the loo now, I just find I've gone",  # 'I've gone' is the accident itself
        "the feeling has gone from my feet",
        "my legs went numb for an hour on friday, it went away by itself",  # over, but not long ago: it counts
        "I keep leaking urine since the op, the doctor said it's all normal",  # someone's opinion takes nothing back
        "I can't feel my feet properly, otherwise it's all fine",  # about something else
        "I lost the feeling in my feet after the chemo and it has never come back",
        "I'm scared I'll fall because my legs keep giving way",  # the fear does not reach past 'because'
        "it's been a nightmare, I keep wetting myself",
        "if I sneeze the pain goes right down both legs, should I worry",
        "no feeling numb in my feet both sides",
        "I saw the word incontinence on a poster and that's what I have now",  # talked about, then claimed
        "I was scared I'd wet myself and I did",
        "no, I can't walk properly any more",  # 'no' answers, it does not deny
        "the control of my bladder has gone",
    ],
)
def test_a_resolution_that_does_not_take_the_symptom_back_leaves_it_firing(full_assistant: Assistant, text: str) -> None:
    assert full_assistant.understand(text).red_flag.level is RedFlagLevel.EMERGENCY


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("if the tumour grows will my back get worse", RedFlagLevel.NONE),
        ("if my feet ever go numb, who should I ring", RedFlagLevel.NONE),
        ("so if it spreads to my bones would I end up not walking", RedFlagLevel.NONE),
        ("if I laugh it really hurts my back, will that settle", RedFlagLevel.URGENT),  # a condition, then how it is
        ("if I stand up my legs give way, is that the cancer", RedFlagLevel.EMERGENCY),
        ("if I cough, the pain shoots down my leg, what is that", RedFlagLevel.EMERGENCY),
        # what would be done if it happened is a supposition; 'if the numbness … is the cancer' asks of what is there
        ("if my legs went numb i would call 999 straight away", RedFlagLevel.NONE),
        ("if my legs gave way i would fall, wouldnt i", RedFlagLevel.NONE),
        ("if i walk far my legs go numb and i would have to sit down", RedFlagLevel.EMERGENCY),
        ("if the numbness in my feet is the cancer, what happens next", RedFlagLevel.EMERGENCY),
    ],
)
def test_a_supposition_asks_but_a_condition_that_tells_how_things_are_reports(
    full_assistant: Assistant, text: str, level: RedFlagLevel
) -> None:
    assert full_assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # a reported question holds the symptoms it names, but not a report that follows a reason or contrast
        ("my wife keeps asking if i am ok because my legs keep giving way", "emergency"),
        ("my wife asked if i was all right since my legs went numb this morning", "emergency"),
        ("my daughter keeps asking if my legs are numb and they are not", "none"),
        ("the doctor asked if i had numbness, weakness or bladder trouble", "none"),
        ("the nurse rang to check if i had any numbness down below and no i havent", "none"),
        ("the nurse asked if i had any numbness and i said yes, my feet are numb", "emergency"),  # answered
        ("the nurse rang to check if i had any numbness and i said yes", "emergency"),
        ("the physio tested my leg strength and it is all normal", "none"),
        # a symptom placed long ago and said to be over is taken back; a recent one counts, over or not
        ("I had a wobbly leg after surgery but that's all gone now", "none"),
        ("the pins and needles went away after a week, I've had none since", "none"),
        ("I used to be unsteady but since physio I've been grand", "none"),
        ("my legs went numb this morning but they have been fine since", "emergency"),
        ("i wet myself last night but i have been fine since", "emergency"),
        ("my legs gave way yesterday, they have been grand since", "emergency"),
        ("i had numbness in my feet after surgery last week and it is gone now", "emergency"),
        ("my legs went weak after the op a few days ago but they are fine now", "emergency"),
    ],
)
def test_what_someone_asked_and_what_is_long_over_do_not_hide_a_report(
    assistant: Assistant, full_assistant: Assistant, text: str, level: str
) -> None:
    assert assistant.understand(text).red_flag.level.value == level
    assert full_assistant.understand(text).red_flag.level.value == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("i cant laugh without it hurting my back", RedFlagLevel.URGENT),  # the symptom in a pseudo-negation's gap
        ("i have the carcinoid thing and my back pain is in a different place to normal", RedFlagLevel.URGENT),
        ("if my legs ever did go numb i know i would have to ring nine nine nine", RedFlagLevel.NONE),  # in a fear's gap
        ("there is no change in the shape of my back", RedFlagLevel.NONE),
    ],
)
def test_words_in_a_phrases_gap_and_comparisons(assistant: Assistant, text: str, level: RedFlagLevel) -> None:
    assert assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # two negatives make one in everyday speech, unless the object is 'nothing wrong'
        ("i couldnt feel nothing down there last night", RedFlagLevel.EMERGENCY),
        ("i cant feel nothing in my legs", RedFlagLevel.EMERGENCY),
        ("i dont feel nothing wrong with my legs", RedFlagLevel.NONE),
        # a statement with its 'i' left out is no question
        ("can only ease the pain by lying down, standing makes it worse", RedFlagLevel.URGENT),
        ("could barely stand this morning", RedFlagLevel.EMERGENCY),
        # chest pain in everyday words; the runs; a double negative that says all is well
        ("it hurts in the middle of my chest when i breathe in", RedFlagLevel.EMERGENCY),
        ("no pain in my chest at all", RedFlagLevel.NONE),
        ("had the runs and they came out without any warning", RedFlagLevel.EMERGENCY),
        ("my nan has stopped being able to tell when she needs the toilet", RedFlagLevel.EMERGENCY),
        ("my husband soiled him self and didnt even know", RedFlagLevel.EMERGENCY),
        ("theres a bit of an ache but nothing the hot water bottle cant handle", RedFlagLevel.NONE),
        ("the painkillers do nothing and i cant handle it", RedFlagLevel.URGENT),
        ("dad strains on the toilet and it sets his back off terribly", RedFlagLevel.URGENT),
        # questions about a subject, not reports
        ("heart attack signs in women are they different", RedFlagLevel.NONE),
        ("if someone with a net gets back pain does that mean its spread to the bones", RedFlagLevel.NONE),
        ("i had a net and now new back pain does that mean its spread", RedFlagLevel.URGENT),
        ("are bladda problems a red flag with back pain", RedFlagLevel.NONE),
        # a closing 'nothing like that' looks back past a comma; one that goes on says the symptom is new
        ("fainted or collapsed, nothing like that", RedFlagLevel.NONE),
        ("my legs went numb, nothing like that has ever happened to me", RedFlagLevel.EMERGENCY),
        ("had a little leak when i stood up and didnt feel it", RedFlagLevel.EMERGENCY),
        # a negated subject reaches over its clause; sleeping all night and a tired back are no red flags
        ("nobody in the house has had any trouble with their legs or bladder", RedFlagLevel.NONE),
        ("nobody believes me but my legs keep giving way", RedFlagLevel.EMERGENCY),
        ("the back pain doesnt wake me up i sleep all night", RedFlagLevel.NONE),
        ("back is tired after long work in the kitchen, next day is better", RedFlagLevel.NONE),
    ],
)
def test_double_negatives_elided_subjects_and_everyday_words(assistant: Assistant, text: str, level: RedFlagLevel) -> None:
    assert assistant.understand(text).red_flag.level is level


def test_a_clause_that_says_everything_is_felt_raises_no_safety_net(full_assistant: Assistant) -> None:
    assert full_assistant.understand("I can feel everything in the saddle area, no problems there").red_flag.level is RedFlagLevel.NONE


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # weight in kilograms, a hand that will not grip, someone held up by their carer, a bladder that will not empty
        ("grandad has lost six kg this month and his back is sore", RedFlagLevel.URGENT),
        ("my left hand wont grip the kettle any more", RedFlagLevel.EMERGENCY),
        ("he has to hold onto me to stay upright since yesterday", RedFlagLevel.EMERGENCY),
        ("sat on the toilet for an hour and nothing came out", RedFlagLevel.EMERGENCY),
        ("her lips are going blue and she is breathing like through a straw", RedFlagLevel.EMERGENCY),
        ("i have tried everything, heat, rest, the co codamol, and it keeps grinding away", RedFlagLevel.URGENT),
        ("it wakes me up every night about four", RedFlagLevel.URGENT),
        # as a recogniser may print them: the sense survives the slip
        ("he past out in the kitchen", RedFlagLevel.EMERGENCY),
        ("she keeps having to stop mid sentence to breathe", RedFlagLevel.EMERGENCY),
        ("the floor is moving under me today", RedFlagLevel.EMERGENCY),
        ("dad is ragging his leg when he walks", RedFlagLevel.EMERGENCY),
        ("i have lost a lot without trying and my back aches", RedFlagLevel.URGENT),
        ("i am not trying to lose weight but i have lost a stone", RedFlagLevel.URGENT),
        ("i am trying to lose weight and have lost a stone", RedFlagLevel.NONE),
        ("my calves cramp when i walk and it is gone off when i stop", RedFlagLevel.URGENT),
        # a temperature taken: a normal reading is no fever; a high one, or 'burning up' beside it, still is
        ("i took my temperature this morning, 36.8, so no fever, and the back is as it was", RedFlagLevel.NONE),
        ("my father has back pain and he is burning up, i took his temperature, it's 38.7", RedFlagLevel.URGENT),
        ("i took her temperature and it's high, and her back is agony", RedFlagLevel.URGENT),
        # no alarm: a support belt, a numb jaw after the dentist, tiredness with a reason, sleeping well regardless
        ("i wear a support belt round my tummy for my back and its comfy", RedFlagLevel.NONE),
        ("my jaw is still numb from the filling", RedFlagLevel.NONE),
        ("a bit tired after a long weekend with the grandchildren but the back is fine", RedFlagLevel.NONE),
        ("i am sleeping well in spite of the back", RedFlagLevel.NONE),
        ("why has my hair gone grey so fast", RedFlagLevel.NONE),
        ("my tooth is killing me", RedFlagLevel.NONE),
        ("its like a toothache in my spine and rest does nothing", RedFlagLevel.URGENT),
        # a question run on after a report, or a condition yet to come, is no report of back pain
        ("i start radio next week is back pain one of the side effects", RedFlagLevel.NONE),
        ("i had a carcinoid years ago if my back ever starts to hurt should i ring someone", RedFlagLevel.NONE),
        ("if the lump gets bigger does the pain get worse too", RedFlagLevel.NONE),
        ("if you cant feel your legs is that an emergency", RedFlagLevel.NONE),
        ("i had a carcinoid and now my back hurts all the time, should i ring someone", RedFlagLevel.URGENT),
    ],
)
def test_tenth_session_words(assistant: Assistant, text: str, level: RedFlagLevel) -> None:
    assert assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # 'can no longer' is 'cannot': what someone can no longer do is the symptom, not a denial of it
        ("I find I can no longer manage the stairs as my legs will not hold me", RedFlagLevel.EMERGENCY),
        ("he is no longer able to walk to the shop", RedFlagLevel.EMERGENCY),
        ("she could no longer hold her water", RedFlagLevel.EMERGENCY),
        ("i no longer have any numbness", RedFlagLevel.NONE),
        ("my legs are no longer weak", RedFlagLevel.NONE),
        # not having done a wee is the symptom; sound-alike spellings of wee, loo and nauseous
        ("i havent done a wee since breakfast and nothing comes", RedFlagLevel.EMERGENCY),
        ("i havent done a whee since breakfast", RedFlagLevel.EMERGENCY),
        ("i dont know when i need the lou anymore", RedFlagLevel.EMERGENCY),
        ("i feel really nor shus all day and my back is sore", RedFlagLevel.URGENT),
        ("no i have done a wee this morning, all normal", RedFlagLevel.NONE),
        # as a recogniser mishears them: 'fingling', 'don't there' for 'down there'
        ("fingling in my legs comes and goes since my back got worse", RedFlagLevel.EMERGENCY),
        ("i can't feel nothing don't there when me and my wife you know", RedFlagLevel.EMERGENCY),
        # what can happen is no report: 'you can end up paralysed if …'; a report beside a worry still is one
        ("my sister said you can end up paralysed if the cord gets squashed, is that true", RedFlagLevel.NONE),
        ("my legs went weak this morning and i could end up in a wheelchair", RedFlagLevel.EMERGENCY),
        # a night out is no night pain
        ("i had a sore back after dancing all night at the wedding", RedFlagLevel.NONE),
        ("my back kept me up all night", RedFlagLevel.URGENT),
    ],
)
def test_eleventh_session_words(assistant: Assistant, text: str, level: RedFlagLevel) -> None:
    assert assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # pain on the feet in one sentence, eased lying down in the next: one report; not when the next one asks
        ("The pain only starts when I'm up on my feet cooking. If I lie down it settles straight away.", RedFlagLevel.URGENT),
        ("my calves cramp up after ten minutes walking. they ease off when i stop and rest", RedFlagLevel.URGENT),
        ("my back aches when i stand at work. does lying down help?", RedFlagLevel.NONE),
        # what legs no longer do, and walking described by what it is like
        ("my right leg wouldnt take my weight when i stood up", RedFlagLevel.EMERGENCY),
        ("i just couldnt get my legs to do it so i slept on the sofa", RedFlagLevel.EMERGENCY),
        ("my legs start going from underneath me after a few steps", RedFlagLevel.EMERGENCY),
        ("walking feels like moving through treacle since monday", RedFlagLevel.EMERGENCY),
        ("i have to hold the wall to get to the toilet", RedFlagLevel.EMERGENCY),
        ("my walking has gone funny this week", RedFlagLevel.EMERGENCY),
        ("i feel like i am on a boat when i walk", RedFlagLevel.EMERGENCY),
        ("my husband says i'm walking like i've had a few, i havent touched a drop", RedFlagLevel.EMERGENCY),
        ("my feet feel like when you sit on your leg too long, but it stays", RedFlagLevel.EMERGENCY),
        ("i cant feel when i need to go any more", RedFlagLevel.EMERGENCY),
        ("she isnt hungry these days and her back is sore", RedFlagLevel.URGENT),
        # everyday: a leg that aches after the gym, a good week's walking, a boat trip, a desk, 'nothing more'
        ("my legs wouldnt stop aching after the run but it settled", RedFlagLevel.NONE),
        ("walking has gone well this week, i did two miles", RedFlagLevel.NONE),
        ("we went on a boat trip and my back was fine", RedFlagLevel.NONE),
        ("my back is sore from being hunched over the desk all day", RedFlagLevel.NONE),
        ("its a dull nagging ache nothing more, a heat pack helps a lot", RedFlagLevel.NONE),
        ("i havent had a drink for years and my back is fine", RedFlagLevel.NONE),
        ("his back looks more hunched than it did", RedFlagLevel.URGENT),
        # someone else's question passed on is a question ('my mum wants to know if losing weight is part of it')
        ("my mum wants to know if losing weight and being tired are part of it", RedFlagLevel.NONE),
        ("i was wondering if you could help, my legs have gone numb", RedFlagLevel.EMERGENCY),
        # as Whisper prints 'nothing came out' and 'pins and needles'
        ("i went to the toilet and pushed and pushed and not in came out since yesterday", RedFlagLevel.EMERGENCY),
        ("i've got fins and needles in both feet", RedFlagLevel.EMERGENCY),
    ],
)
def test_twelfth_session_words(assistant: Assistant, text: str, level: RedFlagLevel) -> None:
    assert assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # a symptom made of a verb's negative denies nothing after it; a feeling's negative still does
        ("he doesnt know when hes wet himself", RedFlagLevel.EMERGENCY),
        ("she didnt know when she had soiled herself", RedFlagLevel.EMERGENCY),
        ("no feeling of a band around my chest", RedFlagLevel.NONE),
        ("i dont feel any tingling in my feet", RedFlagLevel.NONE),
        ("numbness? no, not that i have noticed", RedFlagLevel.NONE),
        # negative-shaped limb trouble, typed slips and everyday words
        ("my left leg isnt listening to me today", RedFlagLevel.EMERGENCY),
        ("his legs arent cooperating this morning", RedFlagLevel.EMERGENCY),
        ("no pee at all since breakfast and i have tried", RedFlagLevel.EMERGENCY),
        ("my dad hasnt had a we since this morning", RedFlagLevel.EMERGENCY),
        ("down below, the private area, it feels asleep", RedFlagLevel.EMERGENCY),
        ("her bladda leaks when she stands up", RedFlagLevel.EMERGENCY),
        ("my toes are knumb", RedFlagLevel.EMERGENCY),
        ("i have a fevar and my back hurts", RedFlagLevel.URGENT),
        ("hot and shivery and my back is aching", RedFlagLevel.URGENT),
        ("i'm burning up and my back hurts", RedFlagLevel.URGENT),
        ("i've gone down two dress sizes without trying and my back is sore", RedFlagLevel.URGENT),
        ("back pain for a fortnight now and i'm a cancer survivor", RedFlagLevel.URGENT),
        ("my mum is getting more and more stooped every month", RedFlagLevel.URGENT),
        # retention said as none of it for a time; what legs no longer do, in a carer's or a learner's words
        ("no urine since breakfast even though i feel full", RedFlagLevel.EMERGENCY),
        ("i havent weed all day", RedFlagLevel.EMERGENCY),
        ("no pee today at all", RedFlagLevel.EMERGENCY),
        ("my partner couldnt get out of the bath, his legs wouldnt push him up", RedFlagLevel.EMERGENCY),
        ("grandma legs no strong, she fall down", RedFlagLevel.EMERGENCY),
        ("no pee problems since the operation", RedFlagLevel.NONE),
        # 'love' is a filler ('thanks love') but not in 'making love': else the sexual-function rule read any 'make'
        ("nothing i do makes it better", RedFlagLevel.NONE),
        ("making dinner is a problem with my back", RedFlagLevel.NONE),
        ("since the operation making love has been a problem for him", RedFlagLevel.EMERGENCY),
        ("my bladder, i cannot make it go, i sit and sit and nothing", RedFlagLevel.EMERGENCY),
        # a place (toilet, bed) with a general word for trouble is no bladder problem; a changed pain is said as such
        ("i have a problem with my toilet, it keeps running, and my back hurts from fixing it", RedFlagLevel.NONE),
        ("i struggle to get comfortable in bed with my back pain", RedFlagLevel.NONE),
        ("i have had trouble peeing since yesterday", RedFlagLevel.EMERGENCY),
        ("my back aches when i change the sheets", RedFlagLevel.NONE),
        ("the pain in my back has changed, it is sharper now", RedFlagLevel.URGENT),
        # the issue's own example: a hedged negative that is the symptom ('i dont think i have had a wee since …')
        ("I don't think I've been to the loo for a wee all day", RedFlagLevel.EMERGENCY),
        ("i dont think hes peed since lunch", RedFlagLevel.EMERGENCY),
        ("i dont think i have any bladder problems", RedFlagLevel.NONE),
        ("i dont think ive ever had a wee problem", RedFlagLevel.NONE),  # 'think i' does not use up the negation's reach
        ("i dont think ive ever had any numbness in my legs before", RedFlagLevel.NONE),
        # idioms and a back said to be fine (a probe of 30 everyday reports: 3 alarms)
        ("i feel sick of this back pain", RedFlagLevel.NONE),
        ("i feel weak at the knees when i see my grandchildren", RedFlagLevel.NONE),
        ("i feel tired after chemo but my back is fine", RedFlagLevel.NONE),
        ("i feel sick all the time and my back aches", RedFlagLevel.URGENT),
        # a question whether a symptom may come is a question; said to be here already, a report
        ("could the cancer make me lose control of my bladder one day", RedFlagLevel.NONE),
        ("will i lose the use of my legs", RedFlagLevel.NONE),
        ("might my legs go weak", RedFlagLevel.NONE),
        ("could the tumour be why i cant pee", RedFlagLevel.EMERGENCY),
        ("will my legs keep giving way", RedFlagLevel.EMERGENCY),
        ("can i lose control of my bladder, it happened twice this week", RedFlagLevel.EMERGENCY),
        # someone who does not respond is a collapse
        ("my mum's gone floppy and isnt responding", RedFlagLevel.EMERGENCY),
        ("i cant wake him properly", RedFlagLevel.EMERGENCY),
        # knowing too late, and the dentist's numbness where one sits
        ("i didnt know i needed a number two until it was too late", RedFlagLevel.EMERGENCY),
        ("it's like my bottom has been injected at the dentist", RedFlagLevel.EMERGENCY),
        ("i had an injection at the dentist and my back was fine after", RedFlagLevel.NONE),
        # cramps eased by rest, a spot on the spine that makes one jump
        ("my calves ache when i walk and it eases when i rest", RedFlagLevel.URGENT),
        ("if my wife touches a certain bit of my backbone i jump", RedFlagLevel.URGENT),
        # ordinary words left as typed
        ("can i go swimming with a picc line", RedFlagLevel.NONE),
        ("i play bowls twice a week and my back is fine", RedFlagLevel.NONE),
    ],
)
def test_thirteenth_session_words(assistant: Assistant, text: str, level: RedFlagLevel) -> None:
    assert assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # a sleepless night said as what one no longer does; a negative before a later report denies nothing in it
        ("i dont sleep anymore really the pain keeps me awake till four or five in the morning", RedFlagLevel.URGENT),
        ("i hardly sleep because of the back pain", RedFlagLevel.URGENT),
        # leaking that could not be stopped; a dripping tap or sweat is not the bladder
        ("my husband couldnt stop the wee coming out when he stood up", RedFlagLevel.EMERGENCY),
        ("he is dripping wee all the time now", RedFlagLevel.EMERGENCY),
        ("the tap is dripping in the bathroom and my back aches from fixing it", RedFlagLevel.NONE),
        ("i woke up dripping with sweat in bed and my back hurts", RedFlagLevel.URGENT),
        # legs someone else has to lift; walking described by how the ground or the feet feel
        ("had to get my husband to lift my legs into bed last night because i just couldnt", RedFlagLevel.EMERGENCY),
        ("walking like a penguin now my feet dont seem to go where i put them", RedFlagLevel.EMERGENCY),
        ("i feel like the floor is moving when i walk", RedFlagLevel.EMERGENCY),
        ("i walk wobbly and had to grab the trolley", RedFlagLevel.EMERGENCY),
        # a learner's words for no appetite
        ("i no want eat, my stomach no hungry two weeks now, and back pain every day", RedFlagLevel.URGENT),
        # fearing the worst is no severe pain; tenderness after a massage is no tender spot
        ("sometimes i fear the worst but the pain always settles", RedFlagLevel.NONE),
        ("my back is a bit tender after the massage, he pressed hard", RedFlagLevel.NONE),
        ("there is a tender spot on my spine, it hurt when the massage lady pressed it", RedFlagLevel.URGENT),
        # a denied pain names its place; the place's own symptom after it still counts
        ("no pain in my legs, but they feel weak and heavy", RedFlagLevel.EMERGENCY),
        ("not really any pain in the legs, they just feel weak", RedFlagLevel.EMERGENCY),
        ("no pain in my legs and they are not weak", RedFlagLevel.NONE),
        ("no pain in my legs, no weakness either", RedFlagLevel.NONE),
        # 'only when … does it ease' is a statement, not a question run on
        ("only when i lie flat does it ease, standing is agony", RedFlagLevel.URGENT),
        ("tired after chemo day but fine the rest of the week, back is the usual", RedFlagLevel.NONE),
        # not knowing any more, a few drops, water that will not come; the toilet before a scan is no symptom
        ("i dont know anymore if i need to pee, it just comes", RedFlagLevel.EMERGENCY),
        ("i tried to pee all morning but only a few drops came", RedFlagLevel.EMERGENCY),
        ("my water wont come even though i am bursting", RedFlagLevel.EMERGENCY),
        ("i dont know if i need to go to the toilet before the scan", RedFlagLevel.NONE),
        ("the kettle water wont come out properly and my back aches", RedFlagLevel.NONE),
        ("im a bit fed up with my back but its not bad really", RedFlagLevel.NONE),
        # a question about an ability or a habit answered at once about oneself is a report
        ("weird question but should i be able to feel it when i go for a number two? because i cant", RedFlagLevel.EMERGENCY),
        ("is it normal to not feel when you need a wee? because i dont anymore", RedFlagLevel.EMERGENCY),
        ("is it normal to wake up every night with back pain? because i do", RedFlagLevel.URGENT),
        ("should i be able to feel it when i go for a number two? because i can", RedFlagLevel.NONE),
        ("is it normal to wake up every night with back pain? because i dont", RedFlagLevel.NONE),
        # 'like where you sit' compares, it does not ask
        ("the top of my legs on the inside like where you sit on a saddle is numb", RedFlagLevel.EMERGENCY),
        # a carer's and a learner's words: weight bearing, one side gone floppy, legs gone soft, 'not control'
        ("mr jones couldnt weight bear this morning, first time", RedFlagLevel.EMERGENCY),
        ("nan went all floppy on one side", RedFlagLevel.EMERGENCY),
        ("my wife she fall in bathroom, the legs go soft", RedFlagLevel.EMERGENCY),
        ("my husband he is not control his pee since yesterday", RedFlagLevel.EMERGENCY),
        ("the mattress went soft and my legs ache in the morning", RedFlagLevel.NONE),
        ("she can weight bear fine now after the physio", RedFlagLevel.NONE),
        # a supposition said to have happened is a report; a question with a report after a comma reports
        ("what scan would they do if my legs keep giving way like they did this morning", RedFlagLevel.EMERGENCY),
        ("what would they do if my legs gave way", RedFlagLevel.NONE),
        ("what painkiller is best, nothing touches it and its getting worse", RedFlagLevel.URGENT),
        ("should i rest or keep moving, standing is agony but lying down is fine", RedFlagLevel.URGENT),
        # everyday words for each red flag, from probes of 600 lines written without the contract's words
        ("my bladder's gone quiet, no message at all even after a whole pot of tea", RedFlagLevel.EMERGENCY),
        ("she never knows she needs the bathroom till it's too late", RedFlagLevel.EMERGENCY),
        ("my pad's soaking every hour and i never used to need one", RedFlagLevel.EMERGENCY),
        ("cant get it up since tuesday, never had that problem before", RedFlagLevel.EMERGENCY),
        ("my hand's gone to sleep and it won't come back", RedFlagLevel.EMERGENCY),
        ("both arms feel like theyve got bags of sugar tied on", RedFlagLevel.EMERGENCY),
        ("he's tottering about and nearly went into the fireplace", RedFlagLevel.EMERGENCY),
        ("everything went grey and next thing i knew i was on the floor", RedFlagLevel.EMERGENCY),
        ("my calves knot up by the end of the street, i sit on the wall a minute and they let go", RedFlagLevel.URGENT),
        ("food just doesnt appeal anymore, i push the plate away and my back is bad", RedFlagLevel.URGENT),
        ("lower back ache and my wedding ring slides round now, not on any diet", RedFlagLevel.URGENT),
        ("the last three nights the sheets have been wringing with perspiration and my back is aching", RedFlagLevel.URGENT),
        ("the second im upright it starts aching, back on the mattress fixes it", RedFlagLevel.URGENT),
        ("i had the big c in my stomach years back and just recently i have got a sore back", RedFlagLevel.URGENT),
        # ... without alarms on what shares their words, and without spoiling the mending of other words
        ("hay fever is bad, sneezing a lot, back fine", RedFlagLevel.NONE),
        ("my grandson is 3 and still wets the bed sometimes, back's just the usual", RedFlagLevel.NONE),
        ("knocked a box of pins and needles off the sewing table, my back was ok", RedFlagLevel.NONE),
        ("everythings normal in the bedroom department, nothing numb", RedFlagLevel.NONE),
        ("i feel nothing unusual in my legs", RedFlagLevel.NONE),
        ("my back is paining a little after the long flight, otherwise okay", RedFlagLevel.NONE),
        ("mum's legs are fine, she's out pottering in the garden", RedFlagLevel.NONE),
        ("night sweats, soaked right through the sheets, and my back is sore", RedFlagLevel.URGENT),
        ("my husband is running a fever and holding his lower back", RedFlagLevel.URGENT),
        ("i call apsed in the kitchen about an hour ago", RedFlagLevel.EMERGENCY),
        ("my husband fell in ragging my left foot", RedFlagLevel.EMERGENCY),
        ("i cant breatthe properly", RedFlagLevel.EMERGENCY),
    ],
)
def test_fourteenth_session_words(assistant: Assistant, text: str, level: RedFlagLevel) -> None:
    assert assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # a temp job is work, not a temperature; a temperature still is one
        ("i have a temp job at the moment and my back hurts", RedFlagLevel.NONE),
        ("got a temp of 39 and my back hurts", RedFlagLevel.URGENT),
        # wetting one's clothes in everyday words
        ("i peed my pants at work today and didnt even feel it happening", RedFlagLevel.EMERGENCY),
        ("he weed his trousers in the shop", RedFlagLevel.EMERGENCY),
        ("pissed myself on the bus", RedFlagLevel.EMERGENCY),
        ("i need to pee, my pants are tight", RedFlagLevel.NONE),
        # a negation put first inverts the subject and still denies ('not once have i …')
        ("not once have i wet myself touch wood", RedFlagLevel.NONE),
        ("never once has he wet himself", RedFlagLevel.NONE),
        ("not once but twice i wet myself", RedFlagLevel.EMERGENCY),
        # one vertebra that is sore is a tender spot; laughing that feels like splitting the back is a strain
        ("theres one vertebra so sore i cant lean back in a chair", RedFlagLevel.URGENT),
        ("had to stop laughing because my back felt like it would split", RedFlagLevel.URGENT),
        # a report told after a question without a full stop: 'also', a reason, 'only i', 'i mean', a pronoun after
        # a preposition, a subject and its verb run on after a question that ended on a noun
        ("how long does recovery usually take also i keep stumbling when i walk the last few days", RedFlagLevel.EMERGENCY),
        ("would an operation on the spine take the pressure off because i can hardly walk to the door now", RedFlagLevel.EMERGENCY),
        ("is there counselling because the pain is there all day and all night and nothing helps", RedFlagLevel.URGENT),
        ("does walking help because when i stand up and walk about the pain is bad but lying down it goes", RedFlagLevel.URGENT),
        ("what are the symptoms i should watch for only i went dizzy and collapsed in tesco on friday", RedFlagLevel.EMERGENCY),
        ("when do i need to see the doctor about i havent been able to do a number two and i cant feel if i need to", RedFlagLevel.EMERGENCY),
        ("would yoga help i mean the pain is constant it never lets up even lying down", RedFlagLevel.URGENT),
        ("is it the nerves the pain is just getting worse and worse every day no matter what i take", RedFlagLevel.URGENT),
        ("my husband can't feel the back what on his legs", RedFlagLevel.EMERGENCY),
        ("why do i get pins and needles because of the chemo", RedFlagLevel.NONE),
        # asking whether one's own experience is normal tells it; asking about a symptom in general does not
        ("is it normal to not feel the loo roll when i wipe", RedFlagLevel.EMERGENCY),
        ("is it normal to not be able to feel when i need a poo after radiotherapy", RedFlagLevel.EMERGENCY),
        ("is it normal to have numbness with this cancer", RedFlagLevel.NONE),
        ("is it ok to exercise when i have numbness", RedFlagLevel.NONE),
        ("will i not be able to walk after surgery", RedFlagLevel.NONE),
        # 'why is my back hurting' takes the pain as said; 'why would my back hurt' does not
        ("i had a net removed last year. why is my back hurting now?", RedFlagLevel.URGENT),
        ("i had cancer years ago. why would my back hurt?", RedFlagLevel.NONE),
        # everyday words from probes of red flags told beside a question
        ("doc or a&e? sorry, urine hasnt come out since breakfast, i keep trying", RedFlagLevel.EMERGENCY),
        ("i cant really feel anything when were intimate since last week", RedFlagLevel.EMERGENCY),
        ("my legs feel like theyre made of wet sand since i got up this morning", RedFlagLevel.EMERGENCY),
        ("i cant climb the stairs anymore, i have to go up on my bottom", RedFlagLevel.EMERGENCY),
        ("she's been having trouble getting her breath and her back is killing her", RedFlagLevel.EMERGENCY),
        ("sorry my breathing is bad tonight i cant catch it", RedFlagLevel.EMERGENCY),
        ("my husband cant get his thing to work downstairs and he cant feel it since the weekend", RedFlagLevel.EMERGENCY),
        ("temp of 38.4 since yesterday and my back is really sore", RedFlagLevel.URGENT),
        ("the stain on my trousers hasnt come out", RedFlagLevel.NONE),
        ("when the bones get thin and crack because of the cancer is that where the pain comes from", RedFlagLevel.NONE),
        # a pattern that opens with 'like' compares: it keeps its 'like' and no longer fires on the food or the drink
        ("my legs feel like spaghetti", RedFlagLevel.EMERGENCY),
        ("my legs are like concrete", RedFlagLevel.EMERGENCY),
        ("walking like she is drunk", RedFlagLevel.EMERGENCY),
        ("we had spaghetti for dinner", RedFlagLevel.NONE),
        ("he was drunk at the party last night", RedFlagLevel.NONE),
        ("i have had a few drinks tonight", RedFlagLevel.NONE),
        # a word said twice is said once; 'back' as 'again' is no mention of the back
        ("my mum says she needs to go and then she sits there and theres nothing nothing comes out for hours", RedFlagLevel.EMERGENCY),
        ("the kids had a fever last week with a tummy bug, they're both back at school now", RedFlagLevel.NONE),
        ("i have a fever and my back at night is bad", RedFlagLevel.URGENT),
        # a negation of letting, and a person named with a verb, end a negation's reach
        ("mum wont let us make her laugh because it hurts her back too much, shes got the NET in her bones", RedFlagLevel.URGENT),
        ("not safe mum is walking like she is drunk", RedFlagLevel.EMERGENCY),
        ("no my mum is not weak", RedFlagLevel.NONE),
        # what relatives see, from 300 probe lines told by others
        ("she says her feet dont go where she puts them", RedFlagLevel.EMERGENCY),
        ("granddad spends most of the day on the sofa now because upright his back hurts and flat it doesnt", RedFlagLevel.URGENT),
        ("carer: localised spinal tenderness approx T10 noted during personal care", RedFlagLevel.URGENT),
        ("found mr lewis's chair wet when he stood up, he didnt know hed gone", RedFlagLevel.EMERGENCY),
        ("dad says his chest is crushing. sweating. back pain too", RedFlagLevel.EMERGENCY),
        ("his mum went suddenly wobbly in the garden and had to grab the fence", RedFlagLevel.EMERGENCY),
        ("her back pain hasnt let up in five days even with the morphine", RedFlagLevel.URGENT),
        ("he says his legs are too week for the stairs now", RedFlagLevel.EMERGENCY),
        ("hes lost his balance 3 times today even with his frame", RedFlagLevel.EMERGENCY),
        ("she was told shes in remission but shes got a fresh pain in her upper back since the weekend", RedFlagLevel.URGENT),
        ("the nurse says he is retaining urine, he hasnt passed any since yesterday afternoon", RedFlagLevel.EMERGENCY),
        ("grannys walking has gone down hill in a week, she now needs 2 of us to get her to the loo", RedFlagLevel.EMERGENCY),
        ("dad is stooping a lot more than before, my sister noticed hes gone shorter", RedFlagLevel.URGENT),
        ("is it normal for someone on the octreotide to sweat through the sheets every night cos my husband does and his back is aching", RedFlagLevel.URGENT),
        # near misses from 300 probe lines that share a red flag's words and report nothing
        ("the shelf in the garage collapsed with all the paint tins on it", RedFlagLevel.NONE),
        ("i collapsed the buggy wrong and trapped my finger", RedFlagLevel.NONE),
        ("we had a leak under the sink and the kitchen floor's all wet", RedFlagLevel.NONE),
        ("its agony waiting for the results", RedFlagLevel.NONE),
        ("the agony aunt in the paper said to talk to someone", RedFlagLevel.NONE),
        ("lost a stone since the summer, new diet and more walking", RedFlagLevel.NONE),
        ("my husband's snoring wakes me up every single night and my back aches", RedFlagLevel.NONE),
        ("bottom lip's still numb from the dentist injection, dribbling my tea everywhere", RedFlagLevel.NONE),
        ("oh nothing at all like that, no accidents, the legs are fine and i'm sleeping right through", RedFlagLevel.NONE),
        ("i can't feel any difference with the new mattress", RedFlagLevel.NONE),
        ("my back is bad and breathing is hard", RedFlagLevel.EMERGENCY),
        ("feels like im walking on someone elses legs lately", RedFlagLevel.EMERGENCY),
        # a question the assistant asked, answered: the symptom is told, not asked
        ("you asked about my bladder yes ive had two accidents this week i didnt even know i needed to go", RedFlagLevel.EMERGENCY),
        ("you asked if i have night sweats well yes i do i have to change my nightie and my back is sore", RedFlagLevel.URGENT),
        ("the doctor asked if i had any bladder problems and i said no", RedFlagLevel.NONE),
        ("the nurse asked about numbness in my legs", RedFlagLevel.NONE),
        # words from redflags54
        ("my toes wont lift up properly i keep catching them on the rug and tripping", RedFlagLevel.EMERGENCY),
        ("i twisted a tiny bit getting out of the car and the pain was unbelievable", RedFlagLevel.URGENT),
        ("he can't seem to hold his bowels any more and he's had the back pain", RedFlagLevel.EMERGENCY),
        ("my back went click when i reached for the top shelf, no pain after, just made me jump", RedFlagLevel.NONE),
        ("honestly the worst thing about my back is the boredom of doing the exercises", RedFlagLevel.NONE),
        ("i can still feel everything when were intimate nothings different", RedFlagLevel.NONE),
        ("on eastenders someone collapsed and it got me thinking but im fine no chest pain nothing", RedFlagLevel.NONE),
    ],
)
def test_fifteenth_session_words(assistant: Assistant, text: str, level: RedFlagLevel) -> None:
    assert assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # words from redflags56 (said in other words here)
        ("i dont trust my legs on the stairs anymore, they just fold", RedFlagLevel.EMERGENCY),
        ("my knees keep folding when i carry the washing up", RedFlagLevel.EMERGENCY),
        ("his back is worse when he stands to shave and better lying on the floor", RedFlagLevel.URGENT),
        ("my calves cramp after a couple of hundred yards and i have to sit on a wall till it passes", RedFlagLevel.URGENT),
        ("when i sit on the toilet my bottom feels like it isnt mine", RedFlagLevel.EMERGENCY),
        ("was a four last week, now its a nine and the co-codamol does nothing", RedFlagLevel.URGENT),
        ("nothing wrong with my legs or anything, just curious about yoga", RedFlagLevel.NONE),
        # words from the emergency and urgent probes (probe58, probe59), said in other words here
        ("the wee just seeps out of me now, three pads a day", RedFlagLevel.EMERGENCY),
        ("my husband doesnt get the urge to go anymore, i take him every two hours", RedFlagLevel.EMERGENCY),
        ("i only know ive wet myself when i look down", RedFlagLevel.EMERGENCY),
        ("she no longer feels when she needs to pee", RedFlagLevel.EMERGENCY),
        ("i was sitting in a puddle of wee and never felt it", RedFlagLevel.EMERGENCY),
        ("since yesterday my bottom is not holding the poo", RedFlagLevel.EMERGENCY),
        ("i cannot get an erection since last week and my back hurts", RedFlagLevel.EMERGENCY),
        ("he went down in the hall and we couldnt wake him for a minute", RedFlagLevel.EMERGENCY),
        ("she needs the zimmer frame now, last week she walked fine", RedFlagLevel.EMERGENCY),
        ("leaking urine all day long, like a tap left on", RedFlagLevel.EMERGENCY),
        ("my bladder feels full but i cant go??", RedFlagLevel.EMERGENCY),
        ("i wonder if i will lose control of my bladder?", RedFlagLevel.NONE),
        ("i had a whipple two years ago and for three weeks now my back has been aching", RedFlagLevel.URGENT),
        ("lung cancer eight years ago, all clear. new back ache this month. probably nothing?", RedFlagLevel.URGENT),
        ("there is a little dip in my spine that wasnt there at christmas", RedFlagLevel.URGENT),
        ("i stop at the bench halfway to the post office till the cramp in my legs goes", RedFlagLevel.URGENT),
        ("i was pulling on my socks and something went in my back, it has been really bad since", RedFlagLevel.URGENT),
        ("i stood up from the sofa too fast and felt dizzy suddenly", RedFlagLevel.NONE),
        ("i dont feel the need to see a doctor about my back, it is just stiff", RedFlagLevel.NONE),
        ("the tap is dripping and i cant sleep for the noise", RedFlagLevel.NONE),
        ("i am not waking up at night anymore, the new mattress helped my back", RedFlagLevel.NONE),
        # everyday talk and questions from the denial and question probes (probe60, probe61), in other words here
        ("the radio signal goes faint in the kitchen", RedFlagLevel.NONE),
        ("the hot water bottle leaked all over the sheets last night", RedFlagLevel.NONE),
        ("the toilet in the gents is blocked again", RedFlagLevel.NONE),
        ("my sister says the film was spine chilling", RedFlagLevel.NONE),
        ("the whole city was paralysed by snow in january", RedFlagLevel.NONE),
        ("the kitchen stool is unsteady, i need a new one", RedFlagLevel.NONE),
        ("our puppy wets himself when the postman comes", RedFlagLevel.NONE),
        ("walking fine w/o my stick these days", RedFlagLevel.NONE),
        ("no weakness in my legs at all, but when does weakness mean you should go to hospital", RedFlagLevel.NONE),
        ("never fainted, but do people collapse from this cancer", RedFlagLevel.NONE),
        ("y would the cancer make someones legs go numb", RedFlagLevel.NONE),
        # the last misses and alarms of the older development halves, in other words here
        ("grandad says he is not feeling when the urine is coming any more", RedFlagLevel.EMERGENCY),
        ("she fell on the floor in the bathroom this morning", RedFlagLevel.EMERGENCY),
        ("at the theatre an actor fainted dramatically in the second act", RedFlagLevel.NONE),
        ("i fainted on stage at the school concert last night", RedFlagLevel.EMERGENCY),
        ("i was out cold all night, slept like a log", RedFlagLevel.NONE),
        ("he was out cold on the kitchen floor for a minute", RedFlagLevel.EMERGENCY),
        ("my grandson collapsed in the play area at school", RedFlagLevel.EMERGENCY),
    ],
)
def test_sixteenth_session_words(assistant: Assistant, text: str, level: RedFlagLevel) -> None:
    assert assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    "text",
    [
        "my back is stiff, my knees are stiff, getting old is no fun",
        "my mum has been anxious all the time since the diagnosis, where can she get support",
        "my legs ache after the walk but they are strong",
        "no problem bearing weight, he walks well",
        "my feet hurt in these new shoes, theyre rubbing my heels",
    ],
)
def test_stiff_joints_and_worry_are_everyday_for_the_safety_net(full_assistant: Assistant, text: str) -> None:
    assert full_assistant.understand(text).red_flag.level is RedFlagLevel.NONE


# The seventeenth session's red flags told as what happened or what someone saw (writer 62's development half and
# probes 64-69, development material), said in other words here; and the shapes of the code changes
@pytest.mark.parametrize(
    ("text", "level"),
    [
        # a word of how bad said of another thing; a list sharing its negation; a longer phrase holding an exception
        ("my back aches a bit and the traffic was terrible", RedFlagLevel.NONE),
        ("my back is sore and the weather is awful today", RedFlagLevel.NONE),
        ("my back is sore and the pain is terrible", RedFlagLevel.URGENT),
        ("it doesnt get any worse when i cough or sneeze or laugh", RedFlagLevel.NONE),
        ("i wasnt trying to lose weight but i needed a new hole in my belt, and my back aches", RedFlagLevel.URGENT),
        ("my thighs feel numb like when you have had a local anaesthetic", RedFlagLevel.EMERGENCY),
        ("saw a documentary where a man lost the feeling in his legs, mine are fine", RedFlagLevel.NONE),
        ("we were at the cinema and then he said his chest felt tight", RedFlagLevel.EMERGENCY),
        ("there is one bit of my spine where it hurts to press", RedFlagLevel.URGENT),
        ("i darent cough because my back hurts so much when i do", RedFlagLevel.URGENT),
        ("i used to walk to the shops no problem now my calves cramp halfway and i have to stop", RedFlagLevel.URGENT),
        ("my legs were weak last year, no problem now", RedFlagLevel.NONE),
        # what a carer saw
        ("she dropped her mug twice this morning without noticing", RedFlagLevel.EMERGENCY),
        ("the district nurse found him on the landing floor", RedFlagLevel.EMERGENCY),
        ("he has not got the strength to hold his cup any more", RedFlagLevel.EMERGENCY),
        ("he needs two carers to get him to the toilet now", RedFlagLevel.EMERGENCY),
        ("i cant spend a penny, been trying since lunch", RedFlagLevel.EMERGENCY),
        ("there is a wet patch on the settee where she was sitting", RedFlagLevel.EMERGENCY),
        ("his pad has been bone dry all day", RedFlagLevel.EMERGENCY),
        ("he was sitting in his own mess and didnt know", RedFlagLevel.EMERGENCY),
        ("breathing like she has run a marathon just sitting in the chair", RedFlagLevel.EMERGENCY),
        ("the pain goes round her like a tight ring", RedFlagLevel.EMERGENCY),
        ("my back end has a mind of its own, two surprises in my pants this week", RedFlagLevel.EMERGENCY),
        ("temp was 38 last night and my back is killing me", RedFlagLevel.URGENT),
        ("my appetite is gone and my back is sore", RedFlagLevel.URGENT),
        ("standing at the sink is murder for my back but in bed it settles", RedFlagLevel.URGENT),
        ("is swimming ok even with tingling in both feet thats been there since tuesday", RedFlagLevel.EMERGENCY),
        ("can stretching help if your legs tingle?", RedFlagLevel.NONE),
        # spellings by sound and plain speakers
        ("bak pane geting wors evry day, tablits do nuthin", RedFlagLevel.URGENT),
        ("my legz keep givin way since munday", RedFlagLevel.EMERGENCY),
        # everyday talk that shares the words
        ("sweating after my spin class, my back aches a bit", RedFlagLevel.NONE),
        ("my back is much improved since the radiotherapy", RedFlagLevel.NONE),
        ("the roof leaked a bit in the storm and my back aches from the buckets", RedFlagLevel.NONE),
        ("my tablets are a funny shape", RedFlagLevel.NONE),
        # words the second reading took out or narrowed: too common in everyday talk, or silencing a real emergency
        ("my hair is going grey", RedFlagLevel.NONE),
        ("i came round to see you yesterday", RedFlagLevel.NONE),
        ("the kitchen tap is stuck again", RedFlagLevel.NONE),
        ("my old car finally gave up on me", RedFlagLevel.NONE),
        ("chest pain after running for the bus", RedFlagLevel.EMERGENCY),
        ("he collapsed playing a video game", RedFlagLevel.EMERGENCY),
    ],
)
def test_seventeenth_session_words(assistant: Assistant, text: str, level: RedFlagLevel) -> None:
    assert assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # a correction puts a better word in place of the denied one; the denial stops there
        ("not weak exactly more like my legs dont do what im telling them to", RedFlagLevel.EMERGENCY),
        ("not numb exactly, more like my feet are dead", RedFlagLevel.EMERGENCY),
        ("no numbness, more like a dull ache", RedFlagLevel.NONE),
        ("my legs arent weak, more like stiff", RedFlagLevel.NONE),
        # a list read out with an answer after each item
        ("ok the list numbness no weakness no bladder no bowels no", RedFlagLevel.NONE),
        ("numbness - no / weakness - no / bladder - no / bowels - no", RedFlagLevel.NONE),
        ("numbness yes weakness no bladder no", RedFlagLevel.EMERGENCY),
        ("legs weak yes bladder fine", RedFlagLevel.EMERGENCY),
        # an answer before a report, heard or typed without a comma
        ("nope my legs are weak", RedFlagLevel.EMERGENCY),
        ("but no more my feet are tingling and cold", RedFlagLevel.EMERGENCY),
        ("not really my feet are tingling", RedFlagLevel.EMERGENCY),
        ("no more pain in my legs", RedFlagLevel.NONE),
        ("nope no numbness", RedFlagLevel.NONE),
        # a report, then a question after a comma that opens with 'who'
        ("numb down there during sex, who should i see about it, gp or cancer doctor?", RedFlagLevel.EMERGENCY),
        ("my dad, who is 80, has numb feet", RedFlagLevel.EMERGENCY),
        # negative-shaped symptoms and everyday words
        ("my mother in law is not walking properly since the weekend", RedFlagLevel.EMERGENCY),
        ("she isnt steady on her feet", RedFlagLevel.EMERGENCY),
        ("he is walking normally again", RedFlagLevel.NONE),
        ("me pins are all wobbly today cant trust them to hold me", RedFlagLevel.EMERGENCY),
        ("mum fell down because her legs went on saturday", RedFlagLevel.EMERGENCY),
        ("my legs went back to normal after a rest", RedFlagLevel.NONE),
        ("i needed the loo but when i got there nothing would come and its been all day like that", RedFlagLevel.EMERGENCY),
        ("the urine test, nothing came back abnormal", RedFlagLevel.NONE),
        ("my bladder feels like a balloon and i cant go", RedFlagLevel.EMERGENCY),
        ("back pain 9/10 not relieved by prescribed analgesia", RedFlagLevel.URGENT),
        ("i have to hang onto the railings to get to the shops", RedFlagLevel.EMERGENCY),
        ("in my saddle area i have not feeling", RedFlagLevel.EMERGENCY),
        ("its spreading, it was just my lower back and now its in both hips as well", RedFlagLevel.URGENT),
        ("my arm was sore after an injection at the dentist", RedFlagLevel.NONE),
        # a report said as a question: why of one's own, a question dated, what eases it
        ("why am i so tired all the time and my back hurts too since last month", RedFlagLevel.URGENT),
        ("why do my wife's legs get cramps after a short walk and then it's okay when she sits", RedFlagLevel.URGENT),
        ("what does it mean if the pain in my spine is ten out of ten and nothing shifts it since friday", RedFlagLevel.URGENT),
        ("is it the spine thing when your legs go like wet noodles cos mine have been doing that since sunday", RedFlagLevel.EMERGENCY),
        ("why do i get pins and needles because of the chemo", RedFlagLevel.NONE),
        ("found a spot on mums spine thats very sore when i wash her back. should i worry?", RedFlagLevel.URGENT),
        ("dad describes a squeezing pain that circles his waist, started last night", RedFlagLevel.EMERGENCY),
        ("his back is okay in the bed but when he stands up very painful", RedFlagLevel.URGENT),
        ("is it normal that i'm sleeping in the armchair now cos in bed my back hurts too much to drop off", RedFlagLevel.URGENT),
        ("my husband is walking all wobbly since tuesday like he's had a few", RedFlagLevel.EMERGENCY),
        ("do i need to ring someone the more fin isn't touching my back pain at all", RedFlagLevel.URGENT),
        ("since last night everything down below feels dull like after the dentist injection", RedFlagLevel.EMERGENCY),
        # everyday talk in red-flag words, and denials said other ways
        ("i nearly wet myself laughing at the best man speech", RedFlagLevel.NONE),
        ("nearly had a heart attack when i saw the electric bill", RedFlagLevel.NONE),
        ("doing dry january, lost a couple of pounds which is a bonus", RedFlagLevel.NONE),
        ("new sports bra digs in round my ribs like a tight band", RedFlagLevel.NONE),
        ("got sunburnt across my whole back, pink and sore to touch", RedFlagLevel.NONE),
        ("i'm knackered after moving house but the back's held up fine", RedFlagLevel.NONE),
        ("i banged my funny bone and it went all down my arm", RedFlagLevel.NONE),
        ("numbness um can't say i have no", RedFlagLevel.NONE),
        ("weak legs no i wouldn't say so no they carry me about fine", RedFlagLevel.NONE),
        ("pins and needles no not at all not even a little bit", RedFlagLevel.NONE),
        ("i was told to report any tingling. there hasnt been any.", RedFlagLevel.NONE),
        ("nothing wrong in the bedroom department, everything feels normal", RedFlagLevel.NONE),
        ("bit of a leak down below when i coughed, and it's been happening all day", RedFlagLevel.EMERGENCY),
        # a carer's note: 'note' shares the stem of 'not' and denies nothing; plain and second-language words
        ("carer note: mr b reports numbness in both legs from the waist down since this morning", RedFlagLevel.EMERGENCY),
        ("noted numbness in both legs", RedFlagLevel.EMERGENCY),
        ("nothings gone numb", RedFlagLevel.NONE),  # 'nothing's': a negation said with its 's'
        ("my leg is no more strong i cannot to stand up from the chair since two day", RedFlagLevel.EMERGENCY),
        ("things down below didnt work last night w my wife and i could hardly feel anything", RedFlagLevel.EMERGENCY),
        ("the hospital wristband is too tight, like a tight band round my wrist", RedFlagLevel.NONE),
        ("i had a net and my back's a lot better since the radiotherapy finished", RedFlagLevel.NONE),
        ("put on a few pounds from the steroids, my trousers are tight", RedFlagLevel.NONE),
        # heard through a recogniser: 'band' as 'man', 'no help' as 'nor help'
        ("my son says it's like a man squeezing round his chest", RedFlagLevel.EMERGENCY),
        ("squeezing round my chest", RedFlagLevel.EMERGENCY),
        ("no squeezing round my chest", RedFlagLevel.NONE),
        ("back been very big medicine nor help nor sleep", RedFlagLevel.URGENT),
        # what stays an alarm: an exception never silences an emergency said beside it
        ("he nearly had a heart attack last week and now his chest is tight", RedFlagLevel.EMERGENCY),
        ("i had crushing chest pain and was gasping, then got my breath back", RedFlagLevel.EMERGENCY),
    ],
)
def test_eighteenth_session_words(assistant: Assistant, text: str, level: RedFlagLevel) -> None:
    assert assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # a dash breaks the clause as a comma does: the report before it is no part of the question after it
        ("legs like jelly since the radiotherapy — can radiation therapy cause back problems?", RedFlagLevel.EMERGENCY),
        ("legs like jelly since the radiotherapy - can radiation therapy cause back problems?", RedFlagLevel.EMERGENCY),
        ("pins-and-needles in both feet", RedFlagLevel.EMERGENCY),  # a hyphen inside words only joins
        # a checklist read out: a 'no' does not reach over the item answered 'yes'
        ("back pain yes, numbness no, weight loss yes, bladder no", RedFlagLevel.URGENT),
        ("numbness - no / weakness - no / bladder - no / bowels - no", RedFlagLevel.NONE),
        # a closing denial looks back over the list it closes
        ("the nurse went through it all, the numbness and the waterworks and the bowels and that, and honestly no, none "
         "of that, i have been right as rain", RedFlagLevel.NONE),
        ("numbness, weakness, the waterworks, none of that", RedFlagLevel.NONE),
        ("i am going to collapse into bed early tonight, it has been a long day", RedFlagLevel.NONE),
        # what stays an alarm
        ("my legs went numb on sunday, nothing like that has ever happened before", RedFlagLevel.EMERGENCY),
        ("i cant feel my feet and the waterworks have gone, none of that is normal is it", RedFlagLevel.EMERGENCY),
        ("he collapsed in the hall and could not get up", RedFlagLevel.EMERGENCY),
        # a question run on after a report, heard without punctuation: 'is pain after …' asks, it denies nothing
        ("since the operation i cant feel my feet is pain after surgery normal", RedFlagLevel.EMERGENCY),
        ("my legs are numb is pain at night serious", RedFlagLevel.EMERGENCY),
        ("the numbness in my legs is gone, pain after surgery is normal", RedFlagLevel.NONE),
        # 'different ways' is no change of the pain
        ("my dads cancer is in his pancreas and he wants to know all the different ways it can affect the back",
         RedFlagLevel.NONE),
        ("i had cancer last year and now my back pain feels different", RedFlagLevel.URGENT),
        # probe 82 (a clinic day at the kiosk), said in other words
        ("his arms have got no go in them, he cant lift the kettle no more", RedFlagLevel.EMERGENCY),  # 'no more' = anymore
        ("she cant walk no more", RedFlagLevel.EMERGENCY),
        ("the pain in my back has got much worse and nothing i take helps", RedFlagLevel.URGENT),
        ("i sneezed and thought my back had snapped in half", RedFlagLevel.URGENT),
        ("my bladder is full but it wont let go", RedFlagLevel.EMERGENCY),
        ("i dont know i need the loo till its too late", RedFlagLevel.EMERGENCY),
        ("the shelf in the vending machine collapsed", RedFlagLevel.NONE),
        # a symptom only thought to be there, and found to be something else
        ("i thought my foot had gone numb but it was just my sock too tight", RedFlagLevel.NONE),
        ("we thought he had wet himself, turned out it was the hot water bottle", RedFlagLevel.NONE),
        ("i thought it was nothing but my legs have gone numb", RedFlagLevel.EMERGENCY),
        ("i thought my legs were weak but it was worse than that, i cant stand", RedFlagLevel.EMERGENCY),
        ("my legs went numb, it was just for an hour", RedFlagLevel.EMERGENCY),  # past events count
        # probe 83 (red flags in everyday talk), said in other words
        ("my neck is sore, which is new, and i have got the bowel tumour", RedFlagLevel.URGENT),  # 'which' relates
        ("my legs are numb, which is better for me, heat or ice?", RedFlagLevel.EMERGENCY),
        ("wee has been trickling out all day without me knowing, who do i see about that?", RedFlagLevel.EMERGENCY),
        ("trouble with the plumbing, i stand there and not a drop comes out", RedFlagLevel.EMERGENCY),
        ("the plumbing in the kitchen is leaking again", RedFlagLevel.NONE),
        ("every time he sneezes its like a knife in his back, hay fever season is murder", RedFlagLevel.URGENT),
        ("getting out of the car is agony on my back, only lying flat on the floor helps", RedFlagLevel.URGENT),
        ("i woke up crying with my back again last night", RedFlagLevel.URGENT),
        ("a thing has come up on my spine about the size of a marble", RedFlagLevel.URGENT),
        ("his breathing is rattly and his lips look bluish", RedFlagLevel.EMERGENCY),
        ("i am short of wind just walking to the door", RedFlagLevel.EMERGENCY),
        ("i tell them to move and nothing happens, my legs", RedFlagLevel.EMERGENCY),
        ("there is nothing zapping down my legs or anything", RedFlagLevel.NONE),
        ("nothing touches it, not paracetamol or anything", RedFlagLevel.URGENT),
        # an everyday explanation said not to be it explains nothing away
        ("my trousers were soaked and not with sweat", RedFlagLevel.EMERGENCY),
        ("he collapsed, not in the film, really", RedFlagLevel.EMERGENCY),
        ("i am not soaked in sweat, i wet myself", RedFlagLevel.EMERGENCY),
        ("my trousers were soaked with sweat after the gym", RedFlagLevel.NONE),
        ("he collapsed in the film we watched", RedFlagLevel.NONE),
        # probe 84 (what a recogniser writes down), said in other words
        ("went to get up and couldnt keep my balance nearly went right over", RedFlagLevel.EMERGENCY),
        ("lost loads of wait and my back is aching", RedFlagLevel.URGENT),
        ("bent to get the washing and then bang sharp pain in my back", RedFlagLevel.URGENT),
        ("had an accident at the bus stop wet through and didnt feel it coming", RedFlagLevel.EMERGENCY),
        ("my back has been a lot easier since the radiotherapy", RedFlagLevel.NONE),
    ],
)
def test_nineteenth_session_words(assistant: Assistant, text: str, level: RedFlagLevel) -> None:
    assert assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # a denial spreads over a list joined by 'or', however long its first item
        ("i havent had any numbness in my legs or any problems weeing", RedFlagLevel.NONE),
        ("no, i have not had pins and needles in my feet or trouble with the stairs", RedFlagLevel.NONE),
        ("i dont know whether its the cancer or the fact that his legs have gone weak", RedFlagLevel.EMERGENCY),
        ("not sure if its the morphine or the tumour but he cant feel his legs", RedFlagLevel.EMERGENCY),
        ("i dont get pain round my ribs or my tummy like a tight belt", RedFlagLevel.NONE),  # 'or my …' lists on
        ("no numbness or my legs are weak", RedFlagLevel.EMERGENCY),  # … unless it has a verb of its own
        # one item answered, as a nurse's list is
        ("numbness: none", RedFlagLevel.NONE),
        ("pins and needles in my feet? none. bladder? fine. bowels? regular", RedFlagLevel.NONE),
        ("weak legs? yes.", RedFlagLevel.EMERGENCY),
        ("is it normal? no. my legs have gone numb", RedFlagLevel.EMERGENCY),
        # a closing 'havent had it' looks back; 'never had it before' says it is new
        ("the pins and needles thing, havent had it, not once, feet are fine", RedFlagLevel.NONE),
        ("my legs went numb, never had it before", RedFlagLevel.EMERGENCY),
        ("i wet the bed, never had that", RedFlagLevel.EMERGENCY),
        ("my legs went dead, nothing like that, ever", RedFlagLevel.EMERGENCY),
        # a relative clause closed by a comma is no question ('…, who i care for, is breathing …')
        ("my brother, who i care for, is breathing really fast and shallow", RedFlagLevel.EMERGENCY),
        ("my mum, who is 90, cant stand up any more", RedFlagLevel.EMERGENCY),
        # writer 85 (long messages), said in other words
        ("i keep going over and over it in my head, the scan results", RedFlagLevel.NONE),
        ("she keeps falling over and over", RedFlagLevel.EMERGENCY),
        ("on the new pain patch, back about the same", RedFlagLevel.NONE),
        ("on the new pain patch and the pain has spread to my hip", RedFlagLevel.URGENT),
        ("my bladder doesnt tell me when its full any more", RedFlagLevel.EMERGENCY),
        ("temp was 38.5 last night and my back is aching", RedFlagLevel.URGENT),
        ("it is like hot needles streaking down to his fingertips", RedFlagLevel.EMERGENCY),
        # probe 89 (told through someone else, little English), said in other words
        ("she laughed at the radio and then cried out, its her back, she says it is worse when she laughs", RedFlagLevel.URGENT),
        ("she watched a documentary about people who cant walk", RedFlagLevel.NONE),  # a show still holds its people
        ("the wee comes out by itself and he does not feel it coming", RedFlagLevel.EMERGENCY),
        ("she soaks through her pads and doesnt feel it happening", RedFlagLevel.EMERGENCY),
        ("the toilet keeps running, i can feel it coming through the floor", RedFlagLevel.NONE),
        ("she cant go five steps without holding on to the wall", RedFlagLevel.EMERGENCY),
        ("i have to stop every few words to breathe", RedFlagLevel.EMERGENCY),
        ("found my dad slumped in his chair and he wouldnt come round properly", RedFlagLevel.EMERGENCY),
        ("she went limp and slid off her chair", RedFlagLevel.EMERGENCY),
        ("the lettuce went limp in the fridge", RedFlagLevel.NONE),
        ("she wont come round for tea any more", RedFlagLevel.NONE),
        ("up at 3 a.m. with my back, cant settle", RedFlagLevel.URGENT),  # 'a.m.' ends no sentence
        ("back bad. sneeze, more bad.", RedFlagLevel.URGENT),
        ("he has gone right off his dinners and his back hurts", RedFlagLevel.URGENT),
        ("the kids are off school and the dinner burnt, my back aches", RedFlagLevel.NONE),
        # an everyday thing said beside a report silences nothing in its sentence
        ("my phone died so im using this, my legs have gone numb", RedFlagLevel.EMERGENCY),
        ("the battery is dead and my husband has collapsed", RedFlagLevel.EMERGENCY),
        ("the toilet is leaking and i have wet myself", RedFlagLevel.EMERGENCY),
        ("my brother is a pain in the neck, only joking", RedFlagLevel.NONE),
        # probe 91 (played down, by comparison, little English), said in other words
        ("silly me, i went down by the shed, dont remember falling", RedFlagLevel.EMERGENCY),
        ("the price of the shares just dropped", RedFlagLevel.NONE),
        ("she keeps ending up on the floor because her legs go", RedFlagLevel.EMERGENCY),
        ("my legs are like blancmange today", RedFlagLevel.EMERGENCY),
        ("walking on the carpet is like through thick socks, and i have bare feet", RedFlagLevel.EMERGENCY),
        ("when he sneezes its like someone kicked him in the back", RedFlagLevel.URGENT),
        ("i laughed so much at the film my cheeks hurt", RedFlagLevel.NONE),
        ("when i cough it goes straight to my back and my cheeks go red", RedFlagLevel.URGENT),
        ("he is burning hot, the thermometer says 39, and his back is aching", RedFlagLevel.URGENT),
        ("the soup was burning hot and my back aches", RedFlagLevel.NONE),
        ("my poo just came out in the kitchen and i didnt know", RedFlagLevel.EMERGENCY),
        ("i peed the chair and didnt feel it", RedFlagLevel.EMERGENCY),
        ("with his girlfriend he had no feeling down there", RedFlagLevel.EMERGENCY),
        # probe 92 (at a pharmacy counter), said in other words
        ("my husband keeps tipping over out of nowhere", RedFlagLevel.EMERGENCY),
        ("the vase keeps tipping over in the wind", RedFlagLevel.NONE),
        ("she yells when she coughs, it goes straight to her back", RedFlagLevel.URGENT),
        ("the tablets dont do nothing for his back, it is relentless", RedFlagLevel.URGENT),
        ("i collapsed the pushchair in the corridor", RedFlagLevel.NONE),
        ("i am leaking all over the floor, i didnt feel it", RedFlagLevel.EMERGENCY),
        ("i am numb from all the paperwork", RedFlagLevel.NONE),
    ],
)
def test_twentieth_session_words(assistant: Assistant, text: str, level: RedFlagLevel) -> None:
    assert assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("my mums legs are not numb, she can feel me touch her feet, and she walks with her stick same as always", RedFlagLevel.NONE),
        ("the feeling in my legs is sort of half there i can feel you touch them but its all muffled", RedFlagLevel.EMERGENCY),
        ("she wants me to tell you she can feel her legs, her feet, her bottom, everything", RedFlagLevel.NONE),  # 'her feet' says nothing
        # a clause the net would raise, denied by the clauses after it as the word rules read them
        ("the pins and needles thing, havent had it, not once, feet are fine", RedFlagLevel.NONE),
    ],
)
def test_the_safety_net_takes_a_touch_felt_as_feeling_unless_a_but_follows(
    full_assistant: Assistant, text: str, level: RedFlagLevel
) -> None:
    assert full_assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("the lift was broken so i walked up the stairs, no bother at all", RedFlagLevel.NONE),
        ("i am weak at maths, that is all i meant, the numbers confuse me", RedFlagLevel.NONE),
        ("she is hopeless at spelling, always has been", RedFlagLevel.NONE),
        ("i thought my foot had gone numb but it was just my sock too tight, i can feel everything", RedFlagLevel.NONE),
        ("dad says there is no pain in his chest and he is breathing alright", RedFlagLevel.NONE),
        # what stays an alarm: the word rules still hear the report, and a weakness said of the body is no skill
        ("my legs gave way on the stairs, no bother getting up though", RedFlagLevel.EMERGENCY),
        ("he is weak in the legs and keeps falling", RedFlagLevel.EMERGENCY),
    ],
)
def test_the_safety_net_leaves_a_clause_said_to_be_no_trouble(full_assistant: Assistant, text: str, level: RedFlagLevel) -> None:
    assert full_assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # the exception explains its own clause...
        ("my feet are cold and numb in winter", RedFlagLevel.NONE),
        ("brought my sewing box, pins and needles and all, to pass the time", RedFlagLevel.NONE),
        ("my back went click when i reached for the top shelf, no pain after, just made me jump", RedFlagLevel.NONE),
        ("i nearly wet myself laughing at the best man speech", RedFlagLevel.NONE),
        # ...and not a report in a new clause after it
        ("i slipped in the bath and since then i keep wetting myself", RedFlagLevel.EMERGENCY),
        ("the toilet is leaking and i have wet myself", RedFlagLevel.EMERGENCY),
        ("my son is a toddler and i have lost control of my bladder", RedFlagLevel.EMERGENCY),
        ("i was sewing and now i cant feel my legs", RedFlagLevel.EMERGENCY),
    ],
)
def test_an_exception_explains_only_its_own_clause(
    assistant: Assistant, full_assistant: Assistant, text: str, level: RedFlagLevel
) -> None:
    """A rule's exception ('in the bath', 'toddler', 'sewing') once silenced the rule in its whole sentence, so a real
    report after 'and i …' or 'and now …' raised nothing, from the word rules or the safety net."""
    assert assistant.understand(text).red_flag.level is level
    assert full_assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # redflags94 (red flags as a speech recogniser writes them), said in other words
        ("his breathing has gone funny and wheezy", RedFlagLevel.EMERGENCY),
        ("she is going blue round the lips", RedFlagLevel.EMERGENCY),
        ("my wife has gone down in the bathroom and wont answer", RedFlagLevel.EMERGENCY),
        ("he keeps listing to one side when he walks", RedFlagLevel.EMERGENCY),
        ("she hasnt wanted to eat for days and her back aches", RedFlagLevel.URGENT),
        ("my back is worse on my feet and better when i am lying on the settee", RedFlagLevel.URGENT),
        ("mum goes in her pants and does not know", RedFlagLevel.EMERGENCY),
        ("he didnt manage to pee all day", RedFlagLevel.EMERGENCY),
        ("i dont have any feeling in my feet", RedFlagLevel.EMERGENCY),
        ("he hasnt got any strength in his legs", RedFlagLevel.EMERGENCY),
        ("do i have any feeling in my legs? no", RedFlagLevel.EMERGENCY),
        ("have i had any accidents with my bowels no never", RedFlagLevel.NONE),
        ("is she weak in the legs no not at all", RedFlagLevel.NONE),
        ("i dont have any numbness in my legs", RedFlagLevel.NONE),
        ("we nearly collapsed laughing at the vicar", RedFlagLevel.NONE),
        ("i spilt my tea on my lap, it looks like i have wet myself", RedFlagLevel.NONE),
        ("i spilt my tea and then i wet myself without feeling it", RedFlagLevel.EMERGENCY),
        ("the price of bread has gone down in the shop", RedFlagLevel.NONE),
    ],
)
def test_twenty_first_session_words(assistant: Assistant, text: str, level: RedFlagLevel) -> None:
    assert assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # redflags98 (people who play red flags down), said in other words
        ("his bum feels like he sat on a cold step and it wont wear off, no feeling at all", RedFlagLevel.EMERGENCY),
        ("we made love on sunday and she had no feeling at all", RedFlagLevel.EMERGENCY),
        ("she went out cold for a minute at the bus stop", RedFlagLevel.EMERGENCY),
        ("we left the dog out in the cold", RedFlagLevel.NONE),
        # a degree word after "can't" leaves the inability as it is
        ("i can't quite get my breath today even sitting here", RedFlagLevel.EMERGENCY),
        ("she cant quite get her breath", RedFlagLevel.EMERGENCY),
        ("i cant really complain, my legs are fine", RedFlagLevel.NONE),
        # a question in a clause of its own after a denial asks; after a report it does not hide the report
        ("i havent had any accidents, but is bladder trouble part of it?", RedFlagLevel.NONE),
        ("i have had one or two accidents, but is bladder trouble part of it?", RedFlagLevel.EMERGENCY),
        ("i have wet myself twice, is that serious?", RedFlagLevel.EMERGENCY),
    ],
)
def test_twenty_second_session_words(
    assistant: Assistant, full_assistant: Assistant, text: str, level: RedFlagLevel
) -> None:
    assert assistant.understand(text).red_flag.level is level
    assert full_assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("not had any prickling, not in my fingers, not in my toes", RedFlagLevel.NONE),
        ("havent had any weakness, not in my arms nor in my legs", RedFlagLevel.NONE),
        ("after we made love i had no feeling whatsoever", RedFlagLevel.EMERGENCY),
    ],
)
def test_the_safety_net_lets_a_denial_go_on_over_the_places_it_names(
    full_assistant: Assistant, text: str, level: RedFlagLevel
) -> None:
    """'not in my feet' after a denial is the denial going on, not a foot that cannot feel."""
    assert full_assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # 'sorry' alone asks to hear it again; before a report it is politeness and leaves the safety net listening
        ("sorry, my heart area is paining and i feel clammy and sick", RedFlagLevel.EMERGENCY),
        ("sorry to bother you but my heart area is paining", RedFlagLevel.EMERGENCY),
        ("sorry, i didn't catch that", RedFlagLevel.NONE),
        # an opening 'okay' is no 'my legs are okay'
        ("okay so there's a crushing feeling in my chest", RedFlagLevel.EMERGENCY),
        ("okay so my legs are fine", RedFlagLevel.NONE),
        # 'to be honest' after a symptom taken back, 'just' inside a denial
        ("the numbness i had last year has gone, to be honest.", RedFlagLevel.NONE),
        ("i just wouldnt say my legs are weak", RedFlagLevel.NONE),
        ("the pain isnt worse when i just cough or sneeze", RedFlagLevel.NONE),
        ("i dropped my coffee, had my hands full, no harm done", RedFlagLevel.NONE),
        # a degree word after 'feel', or between 'is' and a likeness, leaves what is felt
        ("my wife feels really sick every day and her back is sore", RedFlagLevel.URGENT),
        ("my legs are really like wet string today", RedFlagLevel.EMERGENCY),
        ("the skin on his feet is really like somebody elses", RedFlagLevel.EMERGENCY),
        # Scots 'no right' (not right) denies nothing after it
        ("och im no right my legs are like wet string", RedFlagLevel.EMERGENCY),
        ("he feels terribly sick most days and his back aches", RedFlagLevel.URGENT),
    ],
)
def test_reports_keep_their_level_under_harmless_words(full_assistant: Assistant, text: str, level: RedFlagLevel) -> None:
    """Found by saying every caught development report again with a harmless edit (an apology before it, a degree
    word, a filler, no punctuation): these lost their level."""
    assert full_assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # an opening clause ('sorry to bother you', 'also', 'i think') before a supposition or a question leaves it asking
        ("sorry to bother you, if my legs went numb would i need the hospital?", RedFlagLevel.NONE),
        ("also, if my legs go numb what do i do", RedFlagLevel.NONE),
        ("i think if my bladder stopped working i would ring the team, is that right?", RedFlagLevel.NONE),
        ("sorry to bother you, when should i see a doctor about numbness in my legs", RedFlagLevel.NONE),
        ("quick question, is losing weight a reason to see the doctor?", RedFlagLevel.NONE),
        # … and before a report it hides nothing
        ("sorry to bother you, my legs went numb this morning", RedFlagLevel.EMERGENCY),
        ("also, i have wet myself twice today", RedFlagLevel.EMERGENCY),
        ("i think my mum has a crushing feeling in her chest", RedFlagLevel.EMERGENCY),
        # a hedge before a denial; a clause of fillers after a symptom taken back
        ("i think no tight feeling round my chest", RedFlagLevel.NONE),
        ("i was worried about my waterworks but they are totally fine, to be honest.", RedFlagLevel.NONE),
    ],
)
def test_an_opening_clause_or_a_filler_clause_changes_nothing(
    assistant: Assistant, full_assistant: Assistant, text: str, level: RedFlagLevel
) -> None:
    """Found by the harmless-edit benchmark: these changed level with an opener or a filler clause added."""
    assert full_assistant.understand(text).red_flag.level is level
    assert assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # redflags100 (red flags in the moment, from speakers of many Englishes), said in other words
        ("the pain goes like a knife down me leg to me foot", RedFlagLevel.EMERGENCY),
        ("him cyaan feel him legs since morning", RedFlagLevel.EMERGENCY),
        ("my wife no fit pee since morning", RedFlagLevel.EMERGENCY),
        ("my ticker is hurting bad", RedFlagLevel.EMERGENCY),
        ("heart side paining since morning, very tight", RedFlagLevel.EMERGENCY),
        ("when she stands her back is bad, lie in bed and it is fine", RedFlagLevel.URGENT),
        ("he is thin as a rake and his back aches all day", RedFlagLevel.URGENT),
        ("i cant feel anything where you would sit on a bike seat", RedFlagLevel.EMERGENCY),
        ("coughing and my back, it feel like it will break", RedFlagLevel.URGENT),
        ("i had the net removed and now i have a new back pain, and how long does recovery take?", RedFlagLevel.URGENT),
        # other Englishes and the moment itself, written for this session (Scots, Pidgin, Indian English, carers)
        ("he couldnae stand up this morning, his legs went", RedFlagLevel.EMERGENCY),
        ("my leg no dey feel anything", RedFlagLevel.EMERGENCY),
        ("my father is having giddiness and falling down", RedFlagLevel.EMERGENCY),
        ("back pain is there since one week and not reducing with tablets", RedFlagLevel.URGENT),
        ("her waterworks have packed in", RedFlagLevel.EMERGENCY),
        ("my husband fell down and he is not getting up", RedFlagLevel.EMERGENCY),
        ("he has loose motion and he does not know it is coming", RedFlagLevel.EMERGENCY),
        ("she's slumped on the settee and her lips look funny", RedFlagLevel.EMERGENCY),
        ("mum's not making sense and she went down in the garden", RedFlagLevel.EMERGENCY),
        ("he's making a gurgling noise and not waking up", RedFlagLevel.EMERGENCY),
        ("his back pain's gone up to a nine and nothing is shifting it", RedFlagLevel.URGENT),
        ("nothing is helping with the pain in my back", RedFlagLevel.URGENT),
        # redflags102 (as a recogniser writes it): 'can' heard for 'cant' before 'anymore' or 'at all', 'none' for 'numb'
        ("um i can walk to the toilet anymore someone has to hold me up", RedFlagLevel.EMERGENCY),
        ("dad can sleep at all because of his back he is up every hour", RedFlagLevel.URGENT),
        ("is there anything i can do at all for numbness", RedFlagLevel.NONE),
        ("you can ring them at all hours", RedFlagLevel.NONE),
        ("during sex my legs went none", RedFlagLevel.EMERGENCY),
        ("my grandfather is not moving his right leg since the morning", RedFlagLevel.EMERGENCY),
        ("i cant feel it when were together since the back pain started", RedFlagLevel.EMERGENCY),
        # a question asked now of a symptom someone has tells it, as the direct question does
        ("my husband wants to know if the numbness in his feet is the cancer", RedFlagLevel.EMERGENCY),
        ("i was wondering if the tingling in my hands is from the chemo", RedFlagLevel.EMERGENCY),
        ("my wife wants to know if numbness is a sign of it", RedFlagLevel.NONE),
        ("the nurse asked if my legs were weak and i said no", RedFlagLevel.NONE),
        ("the doctor said a collapsed vertebra was possible, how does that happen", RedFlagLevel.NONE),
        # … and the same words used harmlessly
        ("the stain on the carpet, nothing is shifting it", RedFlagLevel.NONE),
        ("he isnt waking up till ten on sundays, lazy lad", RedFlagLevel.NONE),
        ("the roof fell down and the builder isnt getting up there till monday", RedFlagLevel.NONE),
        ("the waterworks at home have burst, there is water all over the kitchen", RedFlagLevel.NONE),
        ("we were pissing ourselves laughing at the telly", RedFlagLevel.NONE),
        ("him nah fall down, him walk good", RedFlagLevel.NONE),
        ("there are many different causes of back pain, can you list them", RedFlagLevel.NONE),
        ("the specialist said spread to the spine is what causes the pain later on, is that right?", RedFlagLevel.NONE),
    ],
)
def test_twenty_third_session_words(
    assistant: Assistant, full_assistant: Assistant, text: str, level: RedFlagLevel
) -> None:
    assert assistant.understand(text).red_flag.level is level
    assert full_assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # played down, said in passing, heard by a recogniser (twenty-fourth session; written for it, not the writers' lines)
        ("my mum can walk no more, she was fine last week", RedFlagLevel.EMERGENCY),  # 'can' … 'no more' closing the clause
        ("he can barely get to the front door now", RedFlagLevel.EMERGENCY),
        ("I keep grabbing the walls to get to the bathroom", RedFlagLevel.EMERGENCY),
        ("she's had a few wet nights this week and she's ever so embarrassed", RedFlagLevel.EMERGENCY),
        ("I can't hold myself up, I'm like a puppet with its strings cut", RedFlagLevel.EMERGENCY),
        ("feels like I'm drowning when I lie down", RedFlagLevel.EMERGENCY),
        ("my wife finds herself wet and never felt it", RedFlagLevel.EMERGENCY),
        ("no feeling back there when I wipe", RedFlagLevel.EMERGENCY),
        ("the pain goes down into the left arm and she keeps rubbing the chest", RedFlagLevel.EMERGENCY),
        ("three accidents this week and I never felt them coming", RedFlagLevel.EMERGENCY),
        ("okay so nothing is my legs they just don't do what i tell them anymore", RedFlagLevel.EMERGENCY),  # 'the thing is'
        ("i keep trying and nothing comes, not since last night", RedFlagLevel.EMERGENCY),
        ("I've had 39 point 2 and my back is throbbing", RedFlagLevel.URGENT),
        ("she rates her back pain a nine and that is with the morphine", RedFlagLevel.URGENT),
        ("I'm soaking the bed with sweat every night and my back is sore", RedFlagLevel.URGENT),
        # … and the same words used harmlessly
        ("I'm walking perfectly well these days", RedFlagLevel.NONE),
        ("I can take no more than two tablets at a time", RedFlagLevel.NONE),
        ("my pen leaked all over my hands", RedFlagLevel.NONE),
        ("the lift was broken so we took the stairs", RedFlagLevel.NONE),
        ("I used to walk miles before all this", RedFlagLevel.NONE),
        ("we had a wet night out for her birthday", RedFlagLevel.NONE),
        ("there were three accidents on the motorway this week", RedFlagLevel.NONE),
        ("I'm drowning in paperwork this week", RedFlagLevel.NONE),
        ("I've got a chest cold and crushing pain in my chest", RedFlagLevel.EMERGENCY),  # a cold names no chest pain away
        # writers 110 and 112's kinds: the very old, relayed; timelines and lists
        ("came over all queer in the post office and next thing I was on the floor", RedFlagLevel.EMERGENCY),
        ("he went down in the car park like a sack of potatoes", RedFlagLevel.EMERGENCY),
        ("she's never wet herself in her life till this morning", RedFlagLevel.EMERGENCY),
        ("my legs feel like they're made of sand", RedFlagLevel.EMERGENCY),
        ("his back is agony when he's up, he's alright for a bit when he's flat on the bed", RedFlagLevel.URGENT),
        ("my back kills me at the sink, then I lie flat and it's fine for a while", RedFlagLevel.URGENT),
        ("the home help says he was sick three times and his back is bothering him", RedFlagLevel.URGENT),
        ("the brass band played at the fete and I stood at the front", RedFlagLevel.NONE),
        ("I put my thick socks on and my feet are warm now", RedFlagLevel.NONE),
        ("no accidents, no leaks, her pads are dry in the morning", RedFlagLevel.NONE),
        ("my aunt says she has no feeling from the waist down", RedFlagLevel.EMERGENCY),  # the negative is the symptom
    ],
)
def test_twenty_fourth_session_words(
    assistant: Assistant, full_assistant: Assistant, text: str, level: RedFlagLevel
) -> None:
    assert assistant.understand(text).red_flag.level is level
    assert full_assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    "text",
    [
        "her chest isnt sore and she is breathing easy", "my stomach is rumbling, i missed my lunch to get here",
        "mum wants to know every possible reason for back pain with her cancer",
    ],
)
def test_the_safety_net_leaves_easy_breathing_hunger_and_a_question_passed_on(full_assistant: Assistant, text: str) -> None:
    assert full_assistant.understand(text).red_flag.level is RedFlagLevel.NONE


@pytest.mark.parametrize(
    ("clause", "parts"),
    [
        ("there is no urge anymore i only find out i am wet afterwards",
         ["there is no urge anymore", "i only find out", "i am wet afterwards"]),
        ("i dont think i have had any numbness in my legs", ["i dont think i have had any numbness in my legs"]),
        ("not once have i wet myself in all these years", ["not once have i wet myself in all these years"]),
        ("my husband snores so bad i cant sleep", ["my husband snores so bad i cant sleep"]),  # a part of 3 words
        ("my legs went numb, i am fine now", ["my legs went numb, i am fine now"]),  # punctuated: as it is
    ],
)
def test_a_clause_without_commas_is_cut_where_a_subject_starts_its_own(clause: str, parts: list[str]) -> None:
    assert run_on_parts(clause) == parts


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # as a recogniser writes speech, without commas: the safety net reads the clauses as it would with them
        ("there is no urge anymore i only find out i am wet afterwards", RedFlagLevel.EMERGENCY),
        ("my dads breathing is very laboured he cant get to the end of a sentence he says its just a chest cold",
         RedFlagLevel.EMERGENCY),
        ("my husband snores so bad i cant sleep what do i do", RedFlagLevel.NONE),
        ("not once have i wet myself in all these years thank god", RedFlagLevel.NONE),
        ("i dont think i have had any numbness in my legs at all this week", RedFlagLevel.NONE),
        ("my legs went numb years ago they are fine now and i walk well", RedFlagLevel.NONE),
        # … and the word rules: 'they' starts the clause that takes it back; 'worse not better'; an answer said twice
        ("chest pain no none at all", RedFlagLevel.NONE),
        ("numbness no none", RedFlagLevel.NONE),
        ("i have chest pain, none at all yesterday but today it is bad", RedFlagLevel.EMERGENCY),
        ("my wife said yesterday her legs went numb for a while theyre ok now", RedFlagLevel.EMERGENCY),
        ("i rested all weekend like they said and the back is worse not better", RedFlagLevel.URGENT),
    ],
)
def test_unpunctuated_speech_keeps_its_clauses(full_assistant: Assistant, text: str, level: RedFlagLevel) -> None:
    """Found by the harmless-edit benchmark's 'unpunctuated' edit: these lost or gained a level without commas."""
    assert full_assistant.understand(text).red_flag.level is level


def test_sorry_before_a_report_is_still_heard_as_sorry_when_alone(full_assistant: Assistant) -> None:
    assert full_assistant.understand("sorry, i didn't catch that").match.topic == "cmd.repeat"


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # told in images, among other health talk, with figures (twenty-fifth session; written for it, not the writers' lines)
        ("it's like I'm walking on sponges, I can't feel the ground under me", RedFlagLevel.EMERGENCY),
        ("his legs feel like they're full of concrete this morning", RedFlagLevel.EMERGENCY),
        ("my grip is going in both hands, I dropped the kettle", RedFlagLevel.EMERGENCY),
        ("Dad keeps dirtying his pad and he doesn't know it's happened", RedFlagLevel.EMERGENCY),
        ("he's gone from walking to the shop to barely getting across the kitchen", RedFlagLevel.EMERGENCY),
        ("I've only peed once since yesterday lunchtime", RedFlagLevel.EMERGENCY),
        ("she hasn't felt the urge to go all day", RedFlagLevel.EMERGENCY),
        ("I keep veering into the wall when I walk down the hall", RedFlagLevel.EMERGENCY),
        ("there's like a sandbag on my chest and I'm sweating", RedFlagLevel.EMERGENCY),
        ("my breathing's gone funny, fast and shallow", RedFlagLevel.EMERGENCY),
        ("it's like barbed wire tied round my middle", RedFlagLevel.EMERGENCY),
        ("I pressed my shin hard and felt nothing at all", RedFlagLevel.EMERGENCY),
        ("My back's agony. Can't sleep for it.", RedFlagLevel.URGENT),  # the sleep lost in the next sentence
        ("Can't sleep. My back is killing me.", RedFlagLevel.URGENT),
        ("I was 12 stone in May, now I'm 10 and a half, and my back aches", RedFlagLevel.URGENT),  # figures, not words
        ("gone from 80 to 71 kilos since the summer and my back is sore", RedFlagLevel.URGENT),
        ("every cough is like a kick in the back", RedFlagLevel.URGENT),
        ("I feel wrung out all day and my back hurts", RedFlagLevel.URGENT),
        # … and the same words used harmlessly
        ("my back aches a bit. The baby keeps me up though.", RedFlagLevel.NONE),
        ("I put on weight, from 60 to 66 kilos, my back is fine", RedFlagLevel.NONE),
        ("the gas bill was 90 pounds last month and now it is 70 pounds", RedFlagLevel.NONE),
        ("I feel nothing unusual in my legs", RedFlagLevel.NONE),
        ("it came out of nowhere but my legs are fine and I'm walking normally", RedFlagLevel.NONE),
        ("my head's all over the place with worry but my legs are fine", RedFlagLevel.NONE),
    ],
)
def test_twenty_fifth_session_words(
    assistant: Assistant, full_assistant: Assistant, text: str, level: RedFlagLevel
) -> None:
    assert assistant.understand(text).red_flag.level is level
    assert full_assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    "text",
    [
        "dad can feel his legs, he can feel the floor, he can feel the bath water",
        "I want to get my head round every cause of the back pain people get with it",
        "i read the immune system causes swelling round the spine?? is that right",
    ],
)
def test_a_feeling_that_is_there_a_head_got_round_and_something_read_are_no_red_flag(
    assistant: Assistant, full_assistant: Assistant, text: str
) -> None:
    assert assistant.understand(text).red_flag.level is RedFlagLevel.NONE
    assert full_assistant.understand(text).red_flag.level is RedFlagLevel.NONE


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # the grammar of no and the near misses (twenty-sixth session; written for it, not the writers' lines)
        ("Is my foot numb? No, not at all.", RedFlagLevel.NONE),  # a question of one's own, answered no
        ("Are his legs weak? Nope.", RedFlagLevel.NONE),
        ("Are my legs weak? Yes, they are.", RedFlagLevel.EMERGENCY),
        ("Are my legs weak? No idea, but they keep wobbling.", RedFlagLevel.EMERGENCY),  # 'no idea' answers nothing
        ("I never had any numbness in my feet until this morning", RedFlagLevel.EMERGENCY),  # not until now
        ("her legs weren't weak at all before yesterday", RedFlagLevel.EMERGENCY),
        ("no numbness in my legs before the chemo and none since", RedFlagLevel.NONE),
        ("she can't even cough without her back going into spasm", RedFlagLevel.URGENT),
        ("Dad had his catheter taken out and he hasn't been able to go since", RedFlagLevel.EMERGENCY),
        ("I wet myself in the shop, I didn't even know I was going", RedFlagLevel.EMERGENCY),
        ("I poked my toes with a pin and felt nothing", RedFlagLevel.EMERGENCY),
        ("my balance went all of a sudden in the kitchen", RedFlagLevel.EMERGENCY),
        ("he's awake every night, sitting on the edge of the bed holding his back", RedFlagLevel.URGENT),
        # in clinical words (a care log, a physio's note)
        ("paraesthesia in both hands since yesterday", RedFlagLevel.EMERGENCY),
        ("reduced power in his left leg, he couldn't lift it onto the bed", RedFlagLevel.EMERGENCY),
        ("her left leg hasn't got the strength to climb the step", RedFlagLevel.EMERGENCY),
        ("query saddle anaesthesia, she says wiping feels strange", RedFlagLevel.EMERGENCY),
        ("back pain on weight bearing, settles when recumbent", RedFlagLevel.URGENT),
        ("pain poorly controlled despite morphine and his back is worse", RedFlagLevel.URGENT),
        ("continent, mobilising independently, no paraesthesia", RedFlagLevel.NONE),
        # 'felt nothing' is numbness, and no longer hides the 'nothing' of a loss of feeling during sex
        ("we tried to be intimate last night and he felt nothing at all, that's new", RedFlagLevel.EMERGENCY),
        # … and their look-alikes
        ("my hand went to sleep for a minute after I leant on it, then it was fine", RedFlagLevel.NONE),
        ("my legs went numb for a minute this morning and then it passed", RedFlagLevel.EMERGENCY),  # both legs count
        ("my funny bone is tingling after I knocked it on the door", RedFlagLevel.NONE),
        ("I feel nothing wrong with my feet", RedFlagLevel.NONE),
        ("she can feel the floor under her feet and nothing is numb", RedFlagLevel.NONE),
        ("he's slimmer because he's been cycling to work every day", RedFlagLevel.NONE),
        ("I was a bit sick on the boat but my back has been fine", RedFlagLevel.NONE),  # nausea needs a back that hurts
        ("I feel sick all day and my back aches", RedFlagLevel.URGENT),
        ("I'm off my food, no appetite, and back pain", RedFlagLevel.URGENT),  # a list, no denial of the back
    ],
)
def test_twenty_sixth_session_words(
    assistant: Assistant, full_assistant: Assistant, text: str, level: RedFlagLevel
) -> None:
    assert assistant.understand(text).red_flag.level is level
    assert full_assistant.understand(text).red_flag.level is level


def test_a_swallowed_word_counts_again_only_where_the_longer_phrase_is_not_said(assistant: Assistant) -> None:
    # 'holding his back' (a pain phrase of the strain rule) no longer hides the 'back' that night pain needs, as its
    # rule is not said; 'electric shock' keeps the 'shocking' found inside it only by its stem
    assert assistant.understand("he wakes up every night holding his back").red_flag.rules == ("night_pain",)
    assert assistant.understand("electric shock type pain, is that the nerves").red_flag.level is RedFlagLevel.NONE


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # change over time and other Englishes (twenty-seventh session; written for it, not the writers' lines)
        ("this morning I was fine, by teatime both legs felt like lead", RedFlagLevel.EMERGENCY),
        ("his legs were fine on Monday, by Wednesday they felt like lead", RedFlagLevel.EMERGENCY),
        ("she has to drag her legs to get to the bathroom now", RedFlagLevel.EMERGENCY),
        ("last week he used a stick, today he's not able to take a step on his own", RedFlagLevel.EMERGENCY),
        ("mum can't bear any weight on her legs since Sunday", RedFlagLevel.EMERGENCY),
        ("he went from a frame to not being able to bear any weight in a week", RedFlagLevel.EMERGENCY),
        ("he's been trying all afternoon but he can't pass any water", RedFlagLevel.EMERGENCY),
        ("my bladder doesn't tell me when it's full any more", RedFlagLevel.EMERGENCY),
        ("her bladder has stopped telling her when it's full", RedFlagLevel.EMERGENCY),
        ("I stooled on myself in bed and never felt it", RedFlagLevel.EMERGENCY),
        ("I stooled on myself this morning", RedFlagLevel.EMERGENCY),
        ("every cough sets my back off something rotten", RedFlagLevel.URGENT),
        ("laughing makes my back go off like a rocket", RedFlagLevel.URGENT),
        ("the crocin does nothing now and my back pain is getting worse", RedFlagLevel.URGENT),
        ("crocin gives no relief at all for my back", RedFlagLevel.URGENT),
        ("the pain in my back isn't letting me sleep at all", RedFlagLevel.URGENT),
        ("I've lost a whole lot of weight without trying and my back aches", RedFlagLevel.URGENT),
        # … and changes that are no red flag
        ("I was afraid his legs were going weak, but they aren't, he walked to the shop", RedFlagLevel.NONE),
        ("my back used to keep me up but it doesn't any more", RedFlagLevel.NONE),
        ("since the chemo finished my back feels easier each week", RedFlagLevel.NONE),
        ("with the physio exercises my back is getting stronger", RedFlagLevel.NONE),
        ("her back pain is not new, she's had it for twenty years, since long before the cancer", RedFlagLevel.NONE),
    ],
)
def test_twenty_seventh_session_words(
    assistant: Assistant, full_assistant: Assistant, text: str, level: RedFlagLevel
) -> None:
    assert assistant.understand(text).red_flag.level is level
    assert full_assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    ("clause", "parts"),
    [
        # the safety net cuts clauses at commas first: these are its clauses
        ("by lunchtime his legs had gone", ["his legs had gone"]),
        ("my husband was driving on monday and by friday he couldnt work the pedals", ["he couldnt work the pedals"]),
        ("a month ago she did the garden and now she cant get to the door", ["she cant get to the door"]),
        ("i am scared that by friday he wont be able to walk", []),  # a fear: the rest stands in its frame
        ("if now my legs go numb what do i do", []),
        ("i can walk now", []),  # nothing follows the turn
    ],
)
def test_the_state_now_is_cut_from_the_time_before_it(clause: str, parts: list[str]) -> None:
    assert now_parts(clause) == parts


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # change over time (twenty-eighth session; written for it, not the writers' lines): the state now, read alone
        ("this morning he could walk, by lunchtime his legs had gone", RedFlagLevel.EMERGENCY),
        ("my husband was driving on monday and by friday he couldn't work the pedals", RedFlagLevel.EMERGENCY),
        ("he went from walking the dog every morning to not making it past the front gate", RedFlagLevel.EMERGENCY),
        ("she's gone from a walking stick to a frame to a wheelchair in a fortnight", RedFlagLevel.EMERGENCY),
        ("he's always been regular but now he doesn't know when he's opened his bowels", RedFlagLevel.EMERGENCY),
        # … not a story of someone else, nor an escalation of what the word rules already heard
        ("On the telly tonight someone had chest pain and it turned out fine", RedFlagLevel.NONE),
        ("I finished treatment for my NET last year and now I've got a new pain in my neck", RedFlagLevel.URGENT),
    ],
)
def test_the_state_now_is_read_apart_from_the_time_before_it(full_assistant: Assistant, text: str, level: RedFlagLevel) -> None:
    assert full_assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # a report asked as a question: it has happened to the speaker or someone they speak for
        ("Is it anything to worry about that I wet myself on the bus this afternoon?", RedFlagLevel.EMERGENCY),
        ("is it normal that when I sit on the toilet my bottom feels numb", RedFlagLevel.EMERGENCY),
        ("Is it the cancer if my feet have gone numb since Sunday?", RedFlagLevel.EMERGENCY),
        ("should I worry if I can't feel my feet?", RedFlagLevel.NONE),
        ("is it normal that my dad has only had one wee since yesterday morning", RedFlagLevel.EMERGENCY),
        ("Should I be worried that I've had pins and needles in both legs all week?", RedFlagLevel.EMERGENCY),
        ("Do cancers in the spine cause numb feet? Because I've had that since Friday.", RedFlagLevel.EMERGENCY),
        # … and true questions about a symptom nobody here has, or a supposition
        ("is it serious if my legs go numb", RedFlagLevel.NONE),
        ("should I be worried if I lose control of my bladder one day", RedFlagLevel.NONE),
        ("is it normal that people with this cancer lose weight", RedFlagLevel.NONE),
        ("is it normal to get pins and needles with neuroendocrine cancer", RedFlagLevel.NONE),
    ],
)
def test_a_report_asked_as_a_question_is_a_report(
    assistant: Assistant, full_assistant: Assistant, text: str, level: RedFlagLevel
) -> None:
    assert assistant.understand(text).red_flag.level is level
    assert full_assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # advice echoed: 'ring if …' and then it has happened
        ("The GP said to phone if I ever wet myself without knowing, and that happened this morning.", RedFlagLevel.EMERGENCY),
        ("they said call if his legs went numb, and now they have", RedFlagLevel.EMERGENCY),
        ("The nurse told her to ring if she lost control of her bowels, and she has, once today.", RedFlagLevel.EMERGENCY),
        ("I was told to ring if the painkillers stopped working on my back, and they have stopped working.", RedFlagLevel.URGENT),
        # … and it has not
        ("they told me to ring if my legs went numb, and it has not happened", RedFlagLevel.NONE),
        ("they told me to ring if my legs went numb, and it has been fine so far", RedFlagLevel.NONE),
        ("they said ring if I couldn't pee, so far so good", RedFlagLevel.NONE),
        ("They said call 999 if my legs gave way, but they've been fine.", RedFlagLevel.NONE),
        ("she was told to go to hospital if she lost control of her bowels, she hasn't", RedFlagLevel.NONE),
        ("they told her to ring if she couldn't pass water; it's been ten hours now and nothing", RedFlagLevel.EMERGENCY),
    ],
)
def test_advice_echoed_counts_when_what_it_warned_of_has_happened(
    assistant: Assistant, full_assistant: Assistant, text: str, level: RedFlagLevel
) -> None:
    assert assistant.understand(text).red_flag.level is level
    assert full_assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # a report after a reported ask or a search, once a clause of its own starts ('and she has …')
        ("She was told to watch for weight loss and she's dropped half a stone", RedFlagLevel.URGENT),
        ("I was warned about numbness in my legs and yesterday I couldn't feel the toilet paper", RedFlagLevel.EMERGENCY),
        ("they checked me for cancer and my legs went numb", RedFlagLevel.EMERGENCY),
        ("I've been watching him for weakness and his legs gave way today", RedFlagLevel.EMERGENCY),
        ("the nurse asked if I had numbness and my feet are numb now", RedFlagLevel.EMERGENCY),
        ("I checked my legs for numbness and they are numb", RedFlagLevel.EMERGENCY),
        # … and the searches and asks that found nothing, or whose second half is still the question
        ("I've checked my legs for numbness and still nothing", RedFlagLevel.NONE),
        ("I keep checking my feet for numbness but nothing yet", RedFlagLevel.NONE),
        ("she checks her legs for numbness every day and there's none", RedFlagLevel.NONE),
        ("the nurse asked if I had numbness and I don't", RedFlagLevel.NONE),
        ("they asked if my legs were numb and my bladder was ok", RedFlagLevel.NONE),
        ("the nurse asked whether his legs were weak and his bladder was leaking", RedFlagLevel.NONE),
    ],
)
def test_a_report_after_a_reported_ask_or_a_search_counts(
    assistant: Assistant, full_assistant: Assistant, text: str, level: RedFlagLevel
) -> None:
    assert assistant.understand(text).red_flag.level is level
    assert full_assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # the urgent rules that need pain mean the back's: pain at a place far from it is no back pain
        ("tired from chemo, a sore knee, and feeling sick all the time", RedFlagLevel.NONE),
        ("my knee hurts all the time", RedFlagLevel.NONE),
        ("pain in my knee and I'm not eating", RedFlagLevel.NONE),
        # … while the back's pain beside it, or pain said of no place, still counts
        ("my back and knee hurt all the time", RedFlagLevel.URGENT),
        ("I've got a sore throat and the back pain is unbearable", RedFlagLevel.URGENT),
        ("I'm exhausted all the time and in pain", RedFlagLevel.URGENT),
        ("feeling sick all the time and the pain is bad", RedFlagLevel.URGENT),
    ],
)
def test_pain_far_from_the_back_is_not_back_pain(
    assistant: Assistant, full_assistant: Assistant, text: str, level: RedFlagLevel
) -> None:
    assert assistant.understand(text).red_flag.level is level
    assert full_assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # the symptom said with a generic 'you' or a carer's 'we', and in plain everyday words (written for the purpose)
        ("the feeling in your legs just goes and you can't tell where your feet are", RedFlagLevel.EMERGENCY),
        ("we've wet ourselves again this morning", RedFlagLevel.EMERGENCY),
        ("as soon as you're on your feet the back starts, get on the bed and it settles", RedFlagLevel.URGENT),
        ("cough and the back lights up", RedFlagLevel.URGENT),
        ("my foot won't lift when I walk, it slaps down on the floor", RedFlagLevel.EMERGENCY),
        ("back's been bad for a month and three kilos gone without trying", RedFlagLevel.URGENT),
        ("I push and nothing, my bladder just won't empty", RedFlagLevel.EMERGENCY),
        ("bursting for a wee but I can't get a drop out", RedFlagLevel.EMERGENCY),
        ("his legs aren't working properly today", RedFlagLevel.EMERGENCY),
        ("her feet weren't doing what she told them", RedFlagLevel.EMERGENCY),
        ("mum can't get herself up the stairs any more", RedFlagLevel.EMERGENCY),
        ("we had another accident in bed last night", RedFlagLevel.EMERGENCY),
        ("the back is worse than yesterday, and that was worse than the day before", RedFlagLevel.URGENT),
        # … and the look-alikes that are no red flag
        ("I can't get a drop out of this ketchup bottle", RedFlagLevel.NONE),
        ("I can't get myself up for the gym in the mornings", RedFlagLevel.NONE),
        ("you'd know if your bladder went, and mine hasn't", RedFlagLevel.NONE),
        ("the heat pad went on and the ache melted away", RedFlagLevel.NONE),
        ("you'd think laughing would set it off, but it doesn't at all", RedFlagLevel.NONE),
        ("nothing's numb, I pinched both legs all over and felt everything", RedFlagLevel.NONE),
    ],
)
def test_generic_you_and_everyday_words(
    assistant: Assistant, full_assistant: Assistant, text: str, level: RedFlagLevel
) -> None:
    assert assistant.understand(text).red_flag.level is level
    assert full_assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # thirty-fourth session (written for it): a recogniser's 'we' for 'wee' and 'none' for 'numb'
        ("dad keeps leaking we and he never used to", RedFlagLevel.EMERGENCY),
        ("both my feet have gone tingly and none since tea", RedFlagLevel.EMERGENCY),
        # text-speak: 'ngl' ('not going to lie') is no denial, 'zero' is 'no'
        ("ngl my legs are numb rn", RedFlagLevel.EMERGENCY),
        ("ngl cant feel my feet rn", RedFlagLevel.EMERGENCY),
        ("zero appetite this week and my back aches", RedFlagLevel.URGENT),
        ("threw up after breakfast and my back is really aching", RedFlagLevel.URGENT),
        # 'nothing wrong' during sex denies the change; 'no feeling' with a girlfriend reports it
        ("nothing wrong in the bedroom during sex, all normal", RedFlagLevel.NONE),
        ("me and my gf tried and I couldn't feel a thing, first time ever", RedFlagLevel.EMERGENCY),
        # 'no pain' denies the whole of what describes the pain, however long
        ("he has no pain that goes all the way round his chest like a tight belt", RedFlagLevel.NONE),
        ("no pain in his back today, but since lunch his feet have gone numb", RedFlagLevel.EMERGENCY),  # (as before)
        # '+' and '&' typed for 'and': 'no' before the first symptom does not reach over the sign
        ("no appetite + back ache all week", RedFlagLevel.URGENT),
    ],
)
def test_thirty_fourth_session_red_flags(full_assistant: Assistant, text: str, level: RedFlagLevel) -> None:
    assert full_assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # thirty-fifth session (written for it, not the writers' lines): 'heavy' said of a load is not of a limb
        ("my arms ache from lifting heavy boxes at work all week", RedFlagLevel.NONE),
        ("my legs feel heavy after carrying heavy shopping", RedFlagLevel.EMERGENCY),  # (as before)
        # tipping over to one side is unsteadiness
        ("mum keeps tipping over to one side when she stands up", RedFlagLevel.EMERGENCY),
        ("the vase keeps tipping over", RedFlagLevel.NONE),
        # a pause between a subject and its verb is no question ('the right leg, is numb'), also after a correction
        ("his left foot, no, his right foot I mean, is numb", RedFlagLevel.EMERGENCY),
        ("my legs, are like jelly", RedFlagLevel.EMERGENCY),
        ("the pain in my back, is it normal?", RedFlagLevel.NONE),  # (as before: a question)
        # red flags told in pictures, in learners' English and played down (writers 162 to 164's angles)
        ("she walks like a robot since Sunday", RedFlagLevel.EMERGENCY),
        ("things come out and he doesn't feel them", RedFlagLevel.EMERGENCY),
        ("I not make any pee since morning", RedFlagLevel.EMERGENCY),
        ("it's like my bum has been switched off", RedFlagLevel.EMERGENCY),  # (as before)
        ("sneezing is like someone stamping on my back", RedFlagLevel.URGENT),
        ("my back only stops hurting when I lie down", RedFlagLevel.URGENT),
        ("my backache is spreading up towards my neck", RedFlagLevel.URGENT),
        # ... and everyday words that sounded like one: a faint ache, a hand run down the spine, a pain that stays the same
        ("my back's no bother, just a faint ache now and then", RedFlagLevel.NONE),
        ("the nurse ran her hand down my spine, no lumps", RedFlagLevel.NONE),
        ("when I cough the pain is not changing at all", RedFlagLevel.NONE),
        ("the ache melts away like butter with the heat pad", RedFlagLevel.NONE),  # (as before)
    ],
)
def test_thirty_fifth_session_red_flags(full_assistant: Assistant, text: str, level: RedFlagLevel) -> None:
    assert full_assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # told only in pictures or a learner's words, missed by the word rules and the net's written descriptions: the
        # learned red-flag opinion (fitted on the development sets' writers) hears them
        ("my legs have turned to wet cardboard, they fold the moment I try to stand", RedFlagLevel.EMERGENCY),
        ("it's like my feet are wrapped in bubble wrap, I can't tell where the floor is", RedFlagLevel.EMERGENCY),
        ("my water is not coming since yesterday, the stomach is very hard", RedFlagLevel.EMERGENCY),
        # what it leaves: a clause that says all is well beside another, a symptom asked about
        ("my legs are solid as tree trunks, I did the whole park walk this morning", RedFlagLevel.NONE),
        ("what should I do if I can't feel my feet?", RedFlagLevel.NONE),
        ("no accidents with the waterworks, everything down below works as it always has", RedFlagLevel.NONE),  # (as before)
        ("i can feel every pebble through my slippers, so no numbness there", RedFlagLevel.NONE),  # (as before)
    ],
)
def test_thirty_sixth_session_red_flags(full_assistant: Assistant, text: str, level: RedFlagLevel) -> None:
    assert full_assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # told as change over time (writer 176's angle): how it used to be is the time before, not a denial of now
        ("She used to tell me when she needed the toilet. These last few days she doesn't know she's gone until I find "
         "her wet.", RedFlagLevel.EMERGENCY),
        ("He hasn't passed water since last night and normally he goes first thing.", RedFlagLevel.EMERGENCY),
        # ... and a usual state said as such is still no red flag
        ("He used to go every couple of hours; he still does.", RedFlagLevel.NONE),
        ("She's a twelve now without trying and her back has ached for weeks.", RedFlagLevel.URGENT),  # dress sizes
        ("The ache in my back is way beyond what the painkillers can deal with now.", RedFlagLevel.URGENT),
        ("I can get in the car now without trying too hard.", RedFlagLevel.NONE),
        ("My pain has settled back to baseline since the radiotherapy.", RedFlagLevel.NONE),  # (no new pain after cancer)
        ("Nan's legs are as good as ever, she's still doing her own stairs. What's the gist of it all?", RedFlagLevel.NONE),
        ("she's still doing her own stairs", RedFlagLevel.NONE),  # (the net took it for weak legs)
        # a low mood is no red flag, though the learned opinion read some as one; a red flag told beside one still is
        ("I feel useless just sitting here.", RedFlagLevel.NONE),
        ("Dad's been feeling really low since the scan.", RedFlagLevel.NONE),
        ("I'm feeling low and my legs gave way on the stairs", RedFlagLevel.EMERGENCY),
        ("she feels a burden, she can't get off the commode on her own now", RedFlagLevel.EMERGENCY),
        ("he hasn't passed you in all day", RedFlagLevel.EMERGENCY),  # a recogniser's 'you in' for 'urine'
        ("The breakthrough isn't touching my back pain at all.", RedFlagLevel.URGENT),  # (the breakthrough dose of a painkiller)
        ("how many breakthrough doses can I use?", RedFlagLevel.NONE),
        ("my bladder is fine, i pee normally", RedFlagLevel.NONE),
        # only the net heard these, and the learned opinion is sure nothing is told: the urgent one is dropped (the
        # emergency one is asked about, tests/test_safety_question.py)
        ("Not the risks of surgery, I mean the back pain after the tumour is removed, what causes that?", RedFlagLevel.NONE),
    ],
)
def test_thirty_eighth_session_red_flags(full_assistant: Assistant, text: str, level: RedFlagLevel) -> None:
    assert full_assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize("text", ["Dad isn't sure whether he's wet himself, he can't tell any more.", "my husband isnt sure if he has wet himself"])
def test_someone_else_not_sure_is_a_hedge_not_a_denial(assistant: Assistant, text: str) -> None:
    # ('not sure' was a pseudo-negation; 'isnt sure', as the normaliser writes "she's not sure", was a denial)
    assert assistant.understand(text).red_flag.level is RedFlagLevel.EMERGENCY


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # a self-correction as a recogniser prints it, no commas: 'no' before 'both' answers, it does not deny
        ("my right no both feet have gone numb since this morning", RedFlagLevel.EMERGENCY),
        ("no both legs are fine", RedFlagLevel.NONE),
    ],
)
def test_a_spoken_self_correction_with_no_is_not_a_denial(assistant: Assistant, text: str, level: RedFlagLevel) -> None:
    assert assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # pain told in pictures (writer 166's angle): a blow for the pain a cough brings, calves that lock up on walking
        ("When he laughs it's like someone took a baseball bat to his back.", RedFlagLevel.URGENT),
        ("her calves lock up after walking to the shop and she has to stop", RedFlagLevel.URGENT),
        ("my knees lock up when I walk downstairs", RedFlagLevel.NONE),  # (a joint, no cramp)
        ("his bladder is full to bursting and he can't let any out", RedFlagLevel.EMERGENCY),
        ("It's like a snake wrapped round my chest and it keeps squeezing", RedFlagLevel.EMERGENCY),
        ("the sink plug is jammed in again", RedFlagLevel.NONE),
        # red flags the development halves of writers 166 to 173 still lost, in other words
        ("I'm bursting for a pee but nothing will come", RedFlagLevel.EMERGENCY),
        ("Walking has been really hard since the weekend.", RedFlagLevel.EMERGENCY),
        ("I feel like I'm walking on a bouncy castle", RedFlagLevel.EMERGENCY),
        ("the kids were on a bouncy castle at the party", RedFlagLevel.NONE),
        ("I can't get out the chair since Monday", RedFlagLevel.EMERGENCY),
        ("She's up and down all night with her back.", RedFlagLevel.URGENT),
        ("Back pain not stopping, tablets no help.", RedFlagLevel.URGENT),
        ("his trousers keep falling down and his back aches", RedFlagLevel.URGENT),
        ("my back's gone a strange shape", RedFlagLevel.URGENT),
    ],
)
def test_pain_told_in_pictures_is_heard(assistant: Assistant, text: str, level: RedFlagLevel) -> None:
    assert assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # a recogniser's sound-alikes of red-flag words (writer 167's angle): cough, blacked out, leaking, leukaemia
        ("when he cuffs his back kills him", RedFlagLevel.URGENT),
        ("she black doubt on the stairs this morning", RedFlagLevel.EMERGENCY),
        ("i keep leek in when i walk", RedFlagLevel.EMERGENCY),
        ("my wife had lucky mia and now her back hurts, its new", RedFlagLevel.URGENT),
    ],
)
def test_a_recognisers_sound_alikes_of_red_flag_words_are_heard(assistant: Assistant, text: str, level: RedFlagLevel) -> None:
    assert assistant.understand(text).red_flag.level is level


def test_a_usual_state_opened_after_a_symptom_denies_nothing(assistant: Assistant) -> None:
    said = "he hasnt passed water since last night and normally he goes first thing"
    assert assistant.detector.check(assistant.normaliser.normalise(said)).level is RedFlagLevel.EMERGENCY
    assert assistant.detector.check(assistant.normaliser.normalise("his bladder works normally")).level is RedFlagLevel.NONE


def test_a_flag_from_the_learned_opinion_names_a_rule_of_its_level_and_the_reply_says_why(
    full_assistant: Assistant, content: Content
) -> None:
    turn = full_assistant.answer_text(full_assistant.new_session(), "my legs have turned to wet cardboard, they fold the moment I try to stand")
    assert turn.red_flag.level is RedFlagLevel.EMERGENCY and turn.red_flag.rules
    rule = content.rule(turn.red_flag.rules[0])
    assert rule.level is RedFlagLevel.EMERGENCY and rule.reason in turn.reply.text


def test_a_failing_learned_opinion_leaves_the_word_rules_flag_and_the_topic(
    full_assistant: Assistant, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("learned opinion broke")

    assert full_assistant.semantic is not None
    monkeypatch.setattr(full_assistant.semantic, "learned_flag", broken)
    understanding = full_assistant.understand("my legs went numb this morning, does massage help?")
    assert understanding.red_flag.level is RedFlagLevel.EMERGENCY and understanding.match.topic == "treatment.massage"
    assert "learned red-flag opinion failed" in caplog.text


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # a symptom of long ago, taken back by an ending of its own
        ("I used to get numb feet. Not any more.", RedFlagLevel.NONE),
        ("I used to get pins and needles in my legs, not anymore though", RedFlagLevel.NONE),
        ("I used to wet myself after the op, but I'm dry now.", RedFlagLevel.NONE),
        ("my legs used to give way years ago. no more", RedFlagLevel.NONE),
        # the same endings after a recent symptom, or a lost ability said again, take nothing back
        ("my legs went numb this morning, not any more though", RedFlagLevel.EMERGENCY),
        ("I wet myself last night but I'm dry now", RedFlagLevel.EMERGENCY),
        ("I used to walk miles, I can't walk, not any more.", RedFlagLevel.EMERGENCY),
        ("I can't walk, not any more.", RedFlagLevel.EMERGENCY),
        # an ability told as lost is the symptom
        ("She used to walk to the shops. Not any more.", RedFlagLevel.EMERGENCY),
        ("He used to get up the stairs fine, not any more.", RedFlagLevel.EMERGENCY),
        ("I used to have control of my bladder, not anymore.", RedFlagLevel.EMERGENCY),
        ("I used to be able to feel my feet, now I can't", RedFlagLevel.EMERGENCY),
        ("he used to know when he needed the loo, not any more", RedFlagLevel.EMERGENCY),
        # a lost habit is no symptom
        ("I used to go dancing every Friday. Not any more.", RedFlagLevel.NONE),
        ("He used to drink a lot, not any more.", RedFlagLevel.NONE),
    ],
)
def test_not_any_more_takes_back_an_old_symptom_and_tells_a_lost_ability(
    assistant: Assistant, text: str, level: RedFlagLevel
) -> None:
    assert assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # a question that names a symptom the speaker has (writer 179's angle): a report
        ("is it bad that the pain in my back never stops, even at night?", RedFlagLevel.URGENT),
        ("Is this tingling in my feet normal?", RedFlagLevel.EMERGENCY),
        ("My legs are fine, is this tingling in my arms normal?", RedFlagLevel.EMERGENCY),
        ("is the numbness round my bottom something i should worry about", RedFlagLevel.EMERGENCY),
        ("should I be concerned that my legs buckled on the stairs?", RedFlagLevel.EMERGENCY),
        # a question about a symptom in general, or its kind, tells nothing
        ("Is numbness a warning sign?", RedFlagLevel.NONE),
        ("is this kind of back pain usually worse at night?", RedFlagLevel.NONE),
        ("does this sort of pain tend to spread to the hips?", RedFlagLevel.NONE),
    ],
)
def test_a_question_about_a_symptom_the_speaker_has_is_a_report(assistant: Assistant, text: str, level: RedFlagLevel) -> None:
    assert assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # thirty-ninth session, written for it: everyday words the new writers' development halves used
        ("my appetite has vanished and my back aches all day", RedFlagLevel.URGENT),
        ("her back is only comfortable when she lies down", RedFlagLevel.URGENT),
        ("twice I didn't know I needed the toilet until it was already too late", RedFlagLevel.EMERGENCY),
        ("grandad dropped to the ground in the garden", RedFlagLevel.EMERGENCY),
        ("a tingle of excitement this morning, my grandson is coming", RedFlagLevel.NONE),
    ],
)
def test_thirty_ninth_session_red_flags(assistant: Assistant, text: str, level: RedFlagLevel) -> None:
    assert assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    "text",
    ["the cup dropped on the floor and smashed", "we tried to go out, nothing on telly anyway", "the car park was full, nothing will come of it"],
)
def test_everyday_drops_and_outings_are_no_collapse_or_bladder(assistant: Assistant, text: str) -> None:
    assert assistant.understand(text).red_flag.level is RedFlagLevel.NONE


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # fortieth session, written for it: an ability all but lost ('can hardly', 'could barely') is read as lost
        ("my husband can hardly catch his breath", RedFlagLevel.EMERGENCY),
        ("she could barely get a word out when I rang her", RedFlagLevel.EMERGENCY),
        ("I can only just get up the stairs on my legs now", RedFlagLevel.EMERGENCY),
        ("I can hardly wait to see my grandson", RedFlagLevel.NONE),
        ("he could barely stop laughing at the film", RedFlagLevel.NONE),
        ("she can scarcely believe how well the walk went", RedFlagLevel.NONE),
        # and words the new writers' development halves used
        ("I can't feel my toes on the pedal of the sewing machine", RedFlagLevel.EMERGENCY),
        ("I keep bumping into the walls when I walk now", RedFlagLevel.EMERGENCY),
        ("he didn't seem to know he needed the loo until he was soaked", RedFlagLevel.EMERGENCY),
        ("there's one sore spot on my back that hurts when I press it", RedFlagLevel.URGENT),
        ("she can only ease it by lying down on the sofa", RedFlagLevel.URGENT),
        ("the leaking tap in the kitchen kept me up half the night", RedFlagLevel.NONE),
        ("pins and needles all over the sewing room table", RedFlagLevel.NONE),
        ("my arms ache from the shopping bags, it is a heavy load", RedFlagLevel.NONE),
        # and the words of the three sealed halves opened this session
        ("he can't feel nothing in his feet since this morning", RedFlagLevel.EMERGENCY),
        ("cant feel nothing in my legs ok pls", RedFlagLevel.EMERGENCY),
        ("she says she has ants in her feet and they won't stop", RedFlagLevel.EMERGENCY),
        ("my legs are like cotton wool this morning", RedFlagLevel.EMERGENCY),
        ("he stops for air every few words", RedFlagLevel.EMERGENCY),
        ("it feels like being tied round the middle with a rope", RedFlagLevel.EMERGENCY),
        ("there are ants in the kitchen again", RedFlagLevel.NONE),
        ("my plants have collapsed in the heatwave", RedFlagLevel.NONE),
        ("my legs are okay thanks", RedFlagLevel.NONE),
    ],
)
def test_fortieth_session_red_flags(assistant: Assistant, text: str, level: RedFlagLevel) -> None:
    assert assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # forty-first session, written for it: transcripts without punctuation, where a denial runs into a report
        ("no fever his legs just gave way on the stairs", RedFlagLevel.EMERGENCY),
        ("no pain as such my legs have just gone weak", RedFlagLevel.EMERGENCY),
        ("nothing wrong with my bladder my legs keep giving way", RedFlagLevel.EMERGENCY),
        ("honestly its nothing serious my feet have gone numb since tuesday", RedFlagLevel.EMERGENCY),
        ("the pain is different now, sharp where before it was dull", RedFlagLevel.URGENT),
        # and the denials that must stay denials: a word that takes an object keeps the owner in its clause
        ("no problems with my bladder my legs are fine", RedFlagLevel.NONE),
        ("i dont think my legs are weak", RedFlagLevel.NONE),
        ("no numbness in my legs", RedFlagLevel.NONE),
        ("no weakness my legs are strong", RedFlagLevel.NONE),
        ("no pain really my legs are just tired", RedFlagLevel.NONE),
        # forty-second session: a 'nothing' that is an object denies nothing after it
        ("im not making a fuss over nothing my left leg keeps dragging", RedFlagLevel.EMERGENCY),
        ("she worries about nothing her legs have gone numb", RedFlagLevel.EMERGENCY),
        ("im worried about nothing my legs are fine", RedFlagLevel.NONE),
        ("nothing wrong my legs are strong", RedFlagLevel.NONE),
        # and a book or a show in a named person's hands is what they were doing when they told of a red flag
        ("my wife sat down with her book about an hour later she said shes got a pain like a band round her chest",
         RedFlagLevel.EMERGENCY),
        ("my son read an article that says numbness is a warning sign", RedFlagLevel.NONE),
        ("my wife was reading a book about a man who couldnt walk", RedFlagLevel.NONE),
        # the new development halves' misses, in other words
        ("his legs are noodles since this morning", RedFlagLevel.EMERGENCY),
        ("my legs feel like wet noodles", RedFlagLevel.EMERGENCY),
        ("we had noodles for tea and my legs ache from the walk", RedFlagLevel.NONE),
        ("my knees rub together, im on the heavy side", RedFlagLevel.NONE),
        ("lying flat is the only thing that helps. standing up kills my back", RedFlagLevel.URGENT),
        ("lying down is nice. standing up is fine too", RedFlagLevel.NONE),
        ("her back pain doesnt stop, day or night", RedFlagLevel.URGENT),
        ("the pain never switches off", RedFlagLevel.URGENT),
        ("my back pain doesnt stop me walking the dog", RedFlagLevel.NONE),
        ("its agony but it doesnt stop me working", RedFlagLevel.URGENT),
    ],
)
def test_forty_first_session_red_flags(assistant: Assistant, text: str, level: RedFlagLevel) -> None:
    commas, assistant.commas = assistant.commas, None  # the word rules alone, without the commas' second reading
    try:
        assert assistant.understand(text).red_flag.level is level
    finally:
        assistant.commas = commas


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # forty-third session: the new development halves' misses, in other words
        ("the oxycodone isnt enough for her back any more", RedFlagLevel.URGENT),
        ("the patches arent settling my back at all", RedFlagLevel.URGENT),
        ("he wakes up wet most mornings now and he never used to", RedFlagLevel.EMERGENCY),
        ("she wont put any weight through her left leg since sunday", RedFlagLevel.EMERGENCY),
        ("when he tries to stand he just sinks to the floor", RedFlagLevel.EMERGENCY),
        ("i cant open my bowels or even tell when i need to", RedFlagLevel.EMERGENCY),
        ("i had a carcinoid removed years ago and now my back hurts out of the blue", RedFlagLevel.URGENT),
        ("my husband has a net and his neck has ached for three days", RedFlagLevel.URGENT),
        ("she has a heat rash under her arms", RedFlagLevel.NONE),
        ("i hold her under the arm when we walk because her knees keep buckling", RedFlagLevel.EMERGENCY),
        ("he wakes up wet with sweat every night and his back is killing him", RedFlagLevel.URGENT),
        ("ive gone up a dress size since christmas", RedFlagLevel.NONE),
        ("i let my belt out a notch after the holidays", RedFlagLevel.NONE),
        ("my back aches from being up half the night with the baby, shes teething", RedFlagLevel.NONE),
        # a symptom someone asked about and was told no of is asked, not told; one asked 'about my …' is the asker's
        ("the nurse asked dad about numbness and he said no", RedFlagLevel.NONE),
        ("i asked my wife if her legs felt weak and she said no, not at all", RedFlagLevel.NONE),
        ("i asked him if his legs felt weak and he said yes", RedFlagLevel.EMERGENCY),
        ("i asked the nurse about my numb feet", RedFlagLevel.EMERGENCY),
        ("i asked about my numb feet", RedFlagLevel.EMERGENCY),
        ("the nurse asked dad about numbness and he said no but his legs gave way this morning", RedFlagLevel.EMERGENCY),
        ("the gp asked about numbness because my feet had gone numb and i said no to the scan", RedFlagLevel.EMERGENCY),
        # what someone tried or takes, unnamed, fails only beside pain or the back (or said as one phrase)
        ("i tried ringing the surgery but nothing, no answer", RedFlagLevel.NONE),
        ("i tried to go to the shops but nothing was open", RedFlagLevel.NONE),
        ("i have tried everything and nothing touches my back", RedFlagLevel.URGENT),
        ("i take my tablets but nothing, the pain is still there", RedFlagLevel.URGENT),
        ("it keeps getting worse whatever i take", RedFlagLevel.URGENT),
        ("nothing i try helps any more", RedFlagLevel.URGENT),
        # a recogniser's 'can't be' for "can't pee", where no English goes on after it
        ("she cant be and shes in a lot of pain", RedFlagLevel.EMERGENCY),
        ("since last night i cant be at all", RedFlagLevel.EMERGENCY),
        ("it cant be that bad", RedFlagLevel.NONE),
        # and the care workers' half written after them (writer 191): "she's not peed" is "she has not"
        ("shes not peed since last night and her tummy is hard", RedFlagLevel.EMERGENCY),
        ("shes not been to the loo for a wee all day", RedFlagLevel.EMERGENCY),
        ("hes had a fierce pain in his back that no tablet touches", RedFlagLevel.URGENT),
        ("shes not had a fever", RedFlagLevel.NONE),
        ("no tablets help with the flushing", RedFlagLevel.NONE),
        ("i havent been to the loo for a poo in three days", RedFlagLevel.NONE),
        ("he sat down heavily on the sofa and moved both legs about fine", RedFlagLevel.NONE),
        ("she sat down heavily because her legs gave way", RedFlagLevel.EMERGENCY),
    ],
)
def test_forty_third_session_red_flags(assistant: Assistant, text: str, level: RedFlagLevel) -> None:
    assert assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    "text",
    [
        # a mood or a welcome change said without a subject
        "Feeling a bit down since my son moved to Canada. I miss him.",
        "My jeans have gone down a size since I started swimming. Feeling fitter!",
        "I'm exhausted, I was up four times in the night with the baby, he's teething.",
        # a carer's check told as its normal result
        "His legs aren't weak, he pushed my hands away with both feet as hard as he always does.",
        "I pressed on her ribs and chest and she said no pain, and her breathing is settled.",
        "I stroked his shins and the tops of his feet with his eyes shut and he told me every spot. The feeling's all there.",
        # a person named alone between a denial and its list; feet that feel the carpet as always (writers 194, 195)
        "She's not numb anywhere, my mum. Not her bottom, not her legs, I asked her about every bit.",
        "I can still get up the stairs without holding on, and my feet feel the carpet just like always.",
        # what a carer did, told apart from what came of it
        "I touched her feet, they were warm, I didn't notice anything odd",
        "I rubbed her feet and she didn't move them much, she was asleep",
    ],
)
def test_a_mood_a_welcome_change_or_a_normal_check_is_no_red_flag(full_assistant: Assistant, text: str) -> None:
    understood = full_assistant.understand(text)
    assert understood.red_flag.level is RedFlagLevel.NONE and understood.suspected is None


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # family carers (writer 192): what someone does not remember still happened; a denial says 'any' ('ever' is
        # left out: it also compares)
        ("she doesnt remember wetting the bed but the sheets were soaked", RedFlagLevel.EMERGENCY),
        ("he collapsed in the hall and cant remember going down", RedFlagLevel.EMERGENCY),
        ("i dont remember having any numbness", RedFlagLevel.NONE),
        ("i cant remember ever feeling this weak in my legs", RedFlagLevel.EMERGENCY),
        # what a sense takes in is no question: 'how hot' after 'feel' stays in the report
        ("he stood in the shower and couldnt feel how cold the water was on his legs", RedFlagLevel.EMERGENCY),
        # neither one thing nor another helping is relief failing
        ("neither the paracetamol nor the heat pad is helping my back", RedFlagLevel.URGENT),
        # not taking one's own weight is the legs failing
        ("dad cant take his own weight any more when we stand him up", RedFlagLevel.EMERGENCY),
        ("she is panting even sitting still in her chair", RedFlagLevel.EMERGENCY),
    ],
)
def test_forty_fourth_session_red_flags(assistant: Assistant, text: str, level: RedFlagLevel) -> None:
    assert assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # people talking aloud (writer 194): a word said and taken back at once is not reported; the taking back is
        # not the symptom's either
        ("Tingling, no. I said tingling but I meant tickling, it was the cat's tail on my leg.", RedFlagLevel.NONE),
        ("I said I was fine but I meant I can't feel my legs", RedFlagLevel.EMERGENCY),
        # a closing 'none of it makes it worse' after the list it closes
        ("Coughing, sneezing, laughing, none of it makes my back any worse.", RedFlagLevel.NONE),
        ("coughing makes my back worse, none of them make it better", RedFlagLevel.URGENT),
        ("I have tried paracetamol, codeine, none of it helps, the pain is unbearable", RedFlagLevel.URGENT),
        # trying to pass water and not being able to start
        ("Er, I'm peeing, I mean I'm trying to, and I can't start, I've been stood here ten minutes.", RedFlagLevel.EMERGENCY),
        # a spine gone bumpy is a change of shape; a bumpy ride is not
        ("a bit of my spine has gone bumpy and sticks out", RedFlagLevel.URGENT),
        ("my back was sore after the bumpy bus ride into town", RedFlagLevel.NONE),
        ("my tummy is bloated, I have had a lot of fizzy drinks", RedFlagLevel.NONE),
        # a tight feeling in the chest is a chest symptom, so 'no tight feeling in my chest' denies it
        ("there's a tight feeling in my chest and my back hurts", RedFlagLevel.EMERGENCY),
        ("it's not round my ribs and there's no tight feeling in my chest at all", RedFlagLevel.NONE),
        # a carer's touch check and the person's lack of reaction (writers 188, 191, 192's kind) is lost feeling;
        # the carer's own not noticing is not
        ("I pinched his leg to check and he didn't react at all", RedFlagLevel.EMERGENCY),
        ("I pricked her leg with a pin and she never felt it", RedFlagLevel.EMERGENCY),
        ("I pressed on his legs and didn't notice any swelling", RedFlagLevel.NONE),
        ("I touched his back and he didn't flinch, so it's not sore there", RedFlagLevel.NONE),
        ("I touched her feet, nothing, she didn't even know", RedFlagLevel.EMERGENCY),
        # someone not touching their food is not eating (with back pain, urgent); giving up fast food is not that
        ("Grandma's not touching her food, she says everything tastes like wet paper, and her back's been hurting her.",
         RedFlagLevel.URGENT),
        ("I'm not touching fast food any more, my back is better for it", RedFlagLevel.NONE),
        # feet that feel the floor oddly are not well
        ("my feet feel the floor like it is far away", RedFlagLevel.EMERGENCY),
        ("my feet feel the ground, but only just", RedFlagLevel.EMERGENCY),
    ],
)
def test_forty_fifth_session_red_flags(full_assistant: Assistant, text: str, level: RedFlagLevel) -> None:
    assert full_assistant.understand(text).red_flag.level is level



@pytest.mark.parametrize(
    ("text", "level"),
    [
        # work and hobbies (writer 196): a foot that keeps catching or will not lift is the leg failing (foot drop)
        ("My foot keeps catching on the pavement when I walk the dogs, like it's not lifting.", RedFlagLevel.EMERGENCY),
        ("my toes keep catching on the carpet", RedFlagLevel.EMERGENCY),
        ("no numbness, and my foot isn't catching on anything", RedFlagLevel.NONE),
        ("my foot caught on the rug once last year", RedFlagLevel.NONE),
        # a back on fire when sneezing is pain on straining; a throat on fire with a cough is not
        ("Feels like my back's on fire when I sneeze. Every time this week.", RedFlagLevel.URGENT),
        ("my throat is on fire when i cough", RedFlagLevel.NONE),
        # humping gear about is carrying it, not a hump on the back
        ("Back twinges after I've humped the amps in at a gig. Has done for twenty years, never any worse.", RedFlagLevel.NONE),
        ("there's a new hump on my spine that wasn't there before", RedFlagLevel.URGENT),
        # an everyday word is no longer mended into a topic word one letter off, but a red-flag word still is
        ("pins and needless in both feet can acupuncture help with that", RedFlagLevel.EMERGENCY),
    ],
)
def test_forty_sixth_session_red_flags(full_assistant: Assistant, text: str, level: RedFlagLevel) -> None:
    assert full_assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # a foot that flops or slaps, or a knee lifted high so as not to trip, is the leg failing (foot drop; writer 198)
        ("hello, sorry to bother, my foot is flopping when I walk, I have to lift the knee high to not trip", RedFlagLevel.EMERGENCY),
        ("he has to lift his knee high so his toes dont catch", RedFlagLevel.EMERGENCY),
        ("I lift my knees high when I march in the band", RedFlagLevel.NONE),
        # 'cant feel any' or 'dont feel any' names what is not felt: a denial, unless it is the feeling itself
        ("I don't feel any electric shocks or shooting pains in my arms or legs.", RedFlagLevel.NONE),
        ("i cant feel any of my toes", RedFlagLevel.EMERGENCY),
        ("he couldnt feel any thing down below when we were having sex last night", RedFlagLevel.EMERGENCY),
        ("I don't feel any sensation in my legs.", RedFlagLevel.EMERGENCY),
        ("I don't feel any movement in my legs", RedFlagLevel.EMERGENCY),
        ("I can't feel any tingling in my feet.", RedFlagLevel.NONE),
        ("I can't feel any pins and needles", RedFlagLevel.NONE),
        ("I can't feel any pain in my legs", RedFlagLevel.EMERGENCY),  # may be the feeling gone: recall first
        # a bladder that is not working is a bladder problem (writer 198, heard through the recogniser)
        ("i strain and strain but only a trickle comes out, feels like my bladder isnt working", RedFlagLevel.EMERGENCY),
        ("feels like my bladder isn't working", RedFlagLevel.EMERGENCY),
        ("no, my bladder isn't playing up, it's working fine", RedFlagLevel.NONE),
        # a head that spins is no spine ('spinning' and 'spine' share a stem), a spin class is cycling
        ("I was only diagnosed last week and my head is spinning. What actually is a neuroendocrine tumour?", RedFlagLevel.NONE),
        ("theres one spot on my spin thats really tender when i press it", RedFlagLevel.URGENT),
        # a recogniser's stray 'not' before 'says' ('my heart not says' for 'my partner says') denies nothing
        ("my heart not says my legs gave way on the stairs", RedFlagLevel.EMERGENCY),
        ("he does not say his legs are weak", RedFlagLevel.NONE),
    ],
)
def test_forty_seventh_session_red_flags(full_assistant: Assistant, text: str, level: RedFlagLevel) -> None:
    assert full_assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # not feeling when one needs to go, said with 'has not felt when', and finding oneself wet (writer 200)
        ("he hasnt felt when he needs to pee for two days he just finds hes wet", RedFlagLevel.EMERGENCY),
        ("She hasn't felt when she needs to go for days, she just finds she's wet.", RedFlagLevel.EMERGENCY),
        # the small bowel is an organ operated on, not the bowels let go (the safety net's calm examples; writer 201)
        ("I'm 63 and had my small bowel resection two years ago. The surgeon mentioned scar tissue at the time. Can scar "
         "tissue from an operation like that be a reason for back pain?", RedFlagLevel.NONE),
        ("since my bowel surgery i cant control my bowels", RedFlagLevel.EMERGENCY),
        # hot and cold packs are a treatment, not a fever's hot and cold
        ("Im 61 and someone at church told me to swap between hot and cold packs. Does that help with cancer back pain?",
         RedFlagLevel.NONE),
        ("I keep going hot and cold and my back is killing me", RedFlagLevel.URGENT),
        # 'back' after a verb of coming or going is a return, no place of pain: a cancer coming back, an ache gone back
        ("my mum is anxious all the time about her cancer coming back, where can she get emotional support", RedFlagLevel.NONE),
        ("Since the radiotherapy finished the ache's gone back to its quiet old self, like a dog that's stopped barking.",
         RedFlagLevel.NONE),
        ("my old back pain came back and it is agony", RedFlagLevel.URGENT),
        ("the pain keeps coming back and its constant", RedFlagLevel.URGENT),
        # heard through Whisper (writer 200 spoken): a wee that 'just won't start', and NET said as letters heard 'entity'
        ("being sat on the toilet when the minutes i know i need that we it just won't start", RedFlagLevel.EMERGENCY),
        ("my car just won't start this morning and my back is stiff", RedFlagLevel.NONE),
        ("this back pain is new i had my entity taken out last year", RedFlagLevel.URGENT),
    ],
)
def test_forty_eighth_session_red_flags(full_assistant: Assistant, text: str, level: RedFlagLevel) -> None:
    assert full_assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # 'what isnt normal is …' says what is wrong: the negation is of the normal, not of the symptom (writer 202)
        ("I'm on the lanreotide and I'm used to tummy cramps and the runs, that's normal for me. What isn't normal is my "
         "legs are so heavy I can barely lift them onto the bed.", RedFlagLevel.EMERGENCY),
        ("what is not normal is that i wet myself", RedFlagLevel.EMERGENCY),
        ("what isnt normal is that i have no numbness", RedFlagLevel.NONE),
        # 'at all' closes one sentence of a transcript and a subject starts the next: the denial stays in the first
        ("i dont feel dizzy or unsteady at all im steady on my feet", RedFlagLevel.NONE),
        ("i cant feel my feet at all i am scared", RedFlagLevel.EMERGENCY),
        ("i have no numbness at all my legs are weak", RedFlagLevel.EMERGENCY),
        # a thing that 'is back this week' has returned; 'back' is no place of pain (a flushing, not back pain, after a
        # carcinoid); a pain that is back still is
        ("The flushing from the carcinoid is back this week, annoying, but no numbness or weakness anywhere.", RedFlagLevel.NONE),
        ("I had a carcinoid removed and the pain is back this week", RedFlagLevel.URGENT),
        ("i had cancer and the ache in my lower back is back again", RedFlagLevel.URGENT),
        # 'never had … in my life, and now …' tells a new pain, as '… before, and now …' did
        ("I've never had neck pain in my life and now it's been aching for a week. I had the carcinoid taken out two years "
         "ago, probably unrelated.", RedFlagLevel.URGENT),
        ("i have never had numbness in my life", RedFlagLevel.NONE),
        # a pain that has changed its character, told as from one kind to another
        ("It's gone from a dull ache to a sharp stabbing thing. It's different, that's all I can say.", RedFlagLevel.URGENT),
        ("the dull ache in my back has turned into a sharp pain", RedFlagLevel.URGENT),
        ("does the pain go from a dull ache to a sharp pain", RedFlagLevel.NONE),
    ],
)
def test_forty_ninth_session_red_flags(full_assistant: Assistant, text: str, level: RedFlagLevel) -> None:
    assert full_assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # fiftieth session (writer 204's development half and the spoken check): 'its not X its Y' and, with 'it' left
        # out, 'isnt X, is Y' deny the first thing only
        ("Is not my back doctor, is my legs, they are like jelly since morning, I must sit all the time.", RedFlagLevel.EMERGENCY),
        ("its not my back its my legs they keep giving way", RedFlagLevel.EMERGENCY),
        ("it's not numbness, it's the ache", RedFlagLevel.NONE),
        # an item on a list answered with a degree is there
        ("Cramps? No. Numbness? A little, in the left foot, since Saturday. Weakness? No.", RedFlagLevel.EMERGENCY),
        ("Weakness in the legs? A bit, when I climb stairs.", RedFlagLevel.EMERGENCY),
        ("Numbness? No. Weakness? No.", RedFlagLevel.NONE),
        # a bone that sticks out more than it did is a change of shape; a belly is not
        ("Not a lump exactly, more like one of the bones sticks out more than it used to, and it's tender.", RedFlagLevel.URGENT),
        ("my belly sticks out more than it used to", RedFlagLevel.NONE),
        # 'no energy' is an item of a list heard without commas; the aching back after it is told
        ("no appetite no energy back aching all day", RedFlagLevel.URGENT),
        # a fear of being paralysed or of losing control is no report of it; what is there beside a fear still is
        ("What frightens me is being paralysed. I don't have any signs of it, I'm just frightened.", RedFlagLevel.NONE),
        ("im scared of losing control of my bladder", RedFlagLevel.NONE),
        ("im scared of losing control of my bladder, i wet myself twice this week", RedFlagLevel.EMERGENCY),
        ("what worries me is the numbness in my feet", RedFlagLevel.EMERGENCY),
        # a pain said to be new, with a cancer, needs no 'back' named (it is what the assistant is about)
        ("Legs strong, bladder normal, bowels normal. Pain's new though, started Monday, and I'm on treatment for my NET.",
         RedFlagLevel.URGENT),
        ("It's not a new pain, she's had this ache since her twenties. She has NET.", RedFlagLevel.NONE),
        # back pain much worse is worsening pain, however the rest of the line was heard
        ("mum says the back pain is much worse and nothing should take so cheat it", RedFlagLevel.URGENT),
        ("my back is a lot worse than it was", RedFlagLevel.URGENT),
        ("I feel guilty moaning about my back when people in here are so much worse off. It's only a mild ache.", RedFlagLevel.NONE),
    ],
)
def test_fiftieth_session_red_flags(full_assistant: Assistant, text: str, level: RedFlagLevel) -> None:
    assert full_assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # fifty-first session (writer 206's development half: the contract's quieter rules): skin gone dull to the
        # touch and legs 'without feeling' are numbness; a feeling said without it is not
        ("Not sure if I'm imagining it but my skin from the waist down feels kind of dull when I touch it.", RedFlagLevel.EMERGENCY),
        ("My man... sorry, my husband, he say his legs are without feeling from the knees.", RedFlagLevel.EMERGENCY),
        ("he said it without feeling, like a robot", RedFlagLevel.NONE),
        # the only time the back stops hurting is lying down: pain eased by lying down
        ("the only time my back stops hurting is when i lie flat on the bed", RedFlagLevel.URGENT),
        # cramp after a game of football is no cramp on walking eased by rest
        ("cramp in my calf after five a side last night", RedFlagLevel.NONE),
        ("i get cramps in my calves when i walk to the shop and they ease when i stop", RedFlagLevel.URGENT),
    ],
)
def test_fifty_first_session_red_flags(full_assistant: Assistant, text: str, level: RedFlagLevel) -> None:
    assert full_assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # fifty-second session (writer 208's development half: older people and their carers, the symptom buried in a
        # long story). An everyday explanation said far after a symptom, with a subject of its own between them in a
        # transcript without full stops, explains nothing of it (the plumber is no leak of urine here)
        ("im her daughter mum says shes been wetting herself when she stands up and doesnt feel it happening she also "
         "said the plumbers coming tuesday", RedFlagLevel.EMERGENCY),
        ("the plumber came to fix the leaking pipe under the sink", RedFlagLevel.NONE),
        # pain that painkillers do not budge
        ("dads on the paracetamol and the ibuprofen both and his back pain isnt budging at all", RedFlagLevel.URGENT),
        ("the car wont budge in the snow", RedFlagLevel.NONE),
        # weight lost on purpose, said anywhere in the input, is no unexplained weight loss; denied, it still is
        ("ive lost half a stone but ive been doing slimming world with my neighbour on purpose", RedFlagLevel.NONE),
        ("I've gone down a notch on my belt since I gave up the biscuits.", RedFlagLevel.NONE),
        ("my trousers are hanging off me and im not on a diet", RedFlagLevel.URGENT),
        # back pain after cancer said to be unchanged for years is no new pain
        ("The back pain hasn't spread anywhere, it's still where it always was, no change at all since my cancer "
         "treatment finished.", RedFlagLevel.NONE),
        ("since my cancer treatment finished ive got a new pain in my back", RedFlagLevel.URGENT),
        # a claim checked at the very end of a transcript without marks asks whether it holds (writer 210)
        ("my brother read online that the tumour can press on the spinal cord and leave you paralysed is that right",
         RedFlagLevel.NONE),
        ("my husband says his legs have gone numb is that right", RedFlagLevel.EMERGENCY),
        ("my legs went numb and i cant feel my feet is that right", RedFlagLevel.EMERGENCY),
    ],
)
def test_fifty_second_session_red_flags(full_assistant: Assistant, text: str, level: RedFlagLevel) -> None:
    assert full_assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # no falls and steady on her feet tells no trouble walking; a word hard to say is no body failing. As a first
        # turn: the safety net's flag where the learned opinion hears a denial is asked about, and that asks too
        ("mums not had any falls shes steady on her feet and she hasnt had any funny turns or blackouts", "none"),
        ("Somatostatin analogues, I can barely say it, but what do they do exactly?", "none"),
        ("he hasnt had any falls but his legs keep giving way under him", "emergency"),
        ("she can barely walk to the toilet now", "emergency"),
    ],
)
def test_fifty_second_session_first_turns(full_assistant: Assistant, text: str, level: str) -> None:
    assert full_assistant.answer_text(full_assistant.new_session(), text).red_flag.level.value == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # fifty-third session (writer 211's and 212's development halves: a general mix). Not getting the urine out, said
        # in the past, is the symptom (a test from which nothing came back is not)
        ("he couldnt get his wee out at all last night", RedFlagLevel.EMERGENCY),
        ("I couldn't get any urine out this morning, nothing came.", RedFlagLevel.EMERGENCY),
        ("I couldn't get the lid off the jar", RedFlagLevel.NONE),
        ("the urine test, nothing came back abnormal", RedFlagLevel.NONE),
        # stiff in the mornings until she gets going is the everyday stiffness of age
        ("my nan is stiff first thing till she gets going shes 90 she says its her age", RedFlagLevel.NONE),
    ],
)
def test_fifty_third_session_red_flags(full_assistant: Assistant, text: str, level: RedFlagLevel) -> None:
    assert full_assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # fifty-fourth session (writer 213's development half: red flags as spoken to the kiosk). Lost power in the legs is
        # leg weakness; weight lost and put back on is no weight loss
        ("The man in bed six has lost the power in his legs overnight.", RedFlagLevel.EMERGENCY),
        ("i think ive lost all power in my left leg since this morning", RedFlagLevel.EMERGENCY),
        ("i lost half a stone when i had covid but ive put it all back on", RedFlagLevel.NONE),
        ("i lost a few pounds at new year with a tummy bug but its all back on now", RedFlagLevel.NONE),
        ("ive lost half a stone this month without trying", RedFlagLevel.URGENT),
        # asked about and answered 'nope' or 'not at all' is answered no, as 'no' was (one of two lists of the same name
        # had silently replaced the other); saying nothing is no answer
        ("the nurse asked dad if his legs were weak and he said nope", RedFlagLevel.NONE),
        ("the doctor asked mum about numbness and she said not at all", RedFlagLevel.NONE),
        ("the doctor asked me about numbness and i said nothing, but my feet have been numb all week", RedFlagLevel.EMERGENCY),
        # a recogniser's 'training on the loo' is straining on it; toilet training is no strain
        ("my back hurts when in training on the low its really sharp", RedFlagLevel.URGENT),
        ("his back pain is worse when hes trained on the toilet", RedFlagLevel.URGENT),
        ("we are toilet training the little one and my back aches from bending", RedFlagLevel.NONE),
    ],
)
def test_fifty_fourth_session_red_flags(full_assistant: Assistant, text: str, level: RedFlagLevel) -> None:
    assert full_assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # fifty-fifth session (writer 215's development half: red flags told with other symptoms denied in the same
        # breath). A 'no' that denies an item does not deny a report after it that is a negative itself
        ("the man I look after legs ok no numbness hasnt passed any water since teatime", RedFlagLevel.EMERGENCY),
        ("dad keeps trying to wee and cant, no trouble with his bowels though", RedFlagLevel.EMERGENCY),
        ("not weak no tingling just i cant stop myself wetting", RedFlagLevel.EMERGENCY),
        ("she isnt in pain, hasnt walked a step since yesterday", RedFlagLevel.EMERGENCY),
        ("no bladder issues never had, cant feel anything when i wipe now", RedFlagLevel.EMERGENCY),
        ("no tummy pain feet gone dead since last night", RedFlagLevel.EMERGENCY),
        ("no tingling painkillers arent touching my back at all", RedFlagLevel.URGENT),
        ("he hasnt had any feeling in his feet", RedFlagLevel.EMERGENCY),
        ("no pins and needles, no, its more that i cant tell where my feet are", RedFlagLevel.EMERGENCY),
        # ... while a negated verb still denies the clause it takes
        ("i wouldnt say my legs are weak", RedFlagLevel.NONE),
        ("neither of my legs has given way", RedFlagLevel.NONE),
        ("not that i cant walk, i just get tired", RedFlagLevel.NONE),
        ("i havent felt anything odd in my feet", RedFlagLevel.NONE),
        ("i havent had any feeling of numbness in my legs", RedFlagLevel.NONE),
        ("no, she doesnt feel anything odd around her bottom", RedFlagLevel.NONE),
        ("no, no problem with my legs giving way", RedFlagLevel.NONE),
        ("no, hattie cant feel her feet", RedFlagLevel.EMERGENCY),
        # a checklist answered no after each item, heard without commas or with a colon before it, denies them all;
        # a symptom told with a verb before such a list is still told
        ("the physio went through her list: weakness no, numbness no, bladder no.", RedFlagLevel.NONE),
        ("tingling no weakness no waterworks no bowels no", RedFlagLevel.NONE),
        ("my feet are numb no weakness no bladder trouble", RedFlagLevel.EMERGENCY),
        ("her legs are weak no strength no grip", RedFlagLevel.EMERGENCY),
        # 'the rest of me' is no rest tried; a back tender after a massage is no tender spot on the spine
        ("my back aches like the rest of me after the gardening, nothing sharp", RedFlagLevel.NONE),
        ("my back is a bit tender after a deep tissue massage", RedFlagLevel.NONE),
        # a symptom's words inside a question run on after denials, naming nobody's body, are asked about
        ("no numbness can the tumour pressing on things cause back pain", RedFlagLevel.NONE),
        ("no numbness can you help my back is tender when i press it", RedFlagLevel.URGENT),
        # two conditions joined by 'and' before the question are one supposition
        ("if i have had cancer before and my back starts aching should i get it looked at", RedFlagLevel.NONE),
        # 'give me' names whom a request is for, nobody's body
        ("give me the full list of reasons for back pain not just the spread to the spine", RedFlagLevel.NONE),
        ("i had a carcinoid removed and now my back pain is spreading", RedFlagLevel.URGENT),
    ],
)
def test_fifty_fifth_session_red_flags(full_assistant: Assistant, text: str, level: RedFlagLevel) -> None:
    assert full_assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # fifty-sixth session (writer 217's development half: red flags, everyday aches and denials in regional and
        # dialect Englishes). 'No problems with my legs' denies the legs, not the numbness said before it
        ("her hands have gone numb no problems with her legs", RedFlagLevel.EMERGENCY),
        ("my legs are weak no bother with the toilet", RedFlagLevel.EMERGENCY),
        ("no problems with my legs or my bladder", RedFlagLevel.NONE),
        ("my legs are fine, no problem with that", RedFlagLevel.NONE),
        # 'also' and 'plus' open a clause of their own that a negation before them does not reach
        ("the pain is not going with tablets or rest also it is getting worse every day", RedFlagLevel.URGENT),
        ("no numbness plus my legs keep giving way", RedFlagLevel.EMERGENCY),
        # a back that is 'murder' when sneezing hurts; 'breathin easy' is no trouble breathing
        ("every time i sneeze my back is murder, no numbness", RedFlagLevel.URGENT),
        ("no chest pain, im breathin easy", RedFlagLevel.NONE),
        ("i am breathing fine but my chest feels crushed", RedFlagLevel.EMERGENCY),
        # Jamaican forms: a little box lifted and the back 'bad bad' is sudden pain after a small strain
        ("she lift a likkle box and now her back bad bad", RedFlagLevel.URGENT),
        ("mi madda cyaan feel her foot dem", RedFlagLevel.EMERGENCY),
        # heard without commas: a part of the body said to be well after a symptom is that part's denial, not the
        # symptom's; legs 'not supporting' someone are weak; a spot on the spine is one spot
        ("my back hurts when i cough my legs are fine", RedFlagLevel.URGENT),
        ("my legs are numb my bladder is fine", RedFlagLevel.EMERGENCY),
        ("no numbness my legs are fine", RedFlagLevel.NONE),
        ("today my legs are not supporting me", RedFlagLevel.EMERGENCY),
        ("the spot on my spine hurts when i press it", RedFlagLevel.URGENT),
    ],
)
def test_fifty_sixth_session_red_flags(full_assistant: Assistant, text: str, level: RedFlagLevel) -> None:
    assert full_assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # fifty-seventh session (writer 219's development half: red flags told through how they feel). 'Not saying'
        # is a real negation; only a stray 'not' before 'says' (a recogniser's 'my heart not says') is none
        ("i am not saying my legs are weak, just tired", RedFlagLevel.NONE),
        ("my husband not says my legs gave way", RedFlagLevel.EMERGENCY),
        # after 'and', a verb of its own starts the next thing told, which the negation before it does not reach
        ("he isnt walking well and is wetting himself", RedFlagLevel.EMERGENCY),
        ("she is not eating much and has lost a stone", RedFlagLevel.URGENT),
        ("no numbness and is walking fine", RedFlagLevel.NONE),
        # a negative told before a checklist heard without commas is no item the checklist answers
        ("her pain is a nine and nothing helps no numbness no bladder trouble", RedFlagLevel.URGENT),
        ("numbness no weakness no bladder no", RedFlagLevel.NONE),
        # concrete is heavy legs only with the legs; a back like concrete is stiffness
        ("my legs feel like concrete", RedFlagLevel.EMERGENCY),
        ("feels like concrete setting in my back, goes once i walk the dog", RedFlagLevel.NONE),
        # a pain score typed '9/10', an almighty stab after reaching for something small
        ("i reached for the kettle and got an almighty stab in my back", RedFlagLevel.URGENT),
        ("bent down to the dishwasher and the pain was 9/10 straight away", RedFlagLevel.URGENT),
        # flat on the sofa eases pain of standing; a hand like in a thick mitten is numb; buttons she cannot do up;
        # a spine bent to one side has changed shape
        ("on my feet my back aches but flat on the sofa it settles", RedFlagLevel.URGENT),
        ("her hand feels like she is wearing a thick woolly mitten", RedFlagLevel.EMERGENCY),
        ("he cant do his buttons up any more", RedFlagLevel.EMERGENCY),
        ("my hands feel like im wearing thick gardening gloves", RedFlagLevel.EMERGENCY),
        ("i was wearing gardening gloves and my hands got cold", RedFlagLevel.NONE),
        ("his spine has gone bent to one side", RedFlagLevel.URGENT),
        # legs that feel like one's own, light and springy, are well
        ("no, my legs dont feel like jelly, they feel like my own legs", RedFlagLevel.NONE),
        ("no tingling, my legs feel light and springy", RedFlagLevel.NONE),
        ("my legs dont feel like my own", RedFlagLevel.EMERGENCY),
        # going round in circles is no band; a lump in the pancreas, whatever presses on the spine, period pains and
        # an ache easing more each day are no red flag
        ("what causes back pain in this cancer, i feel like im going round in circles", RedFlagLevel.NONE),
        # a band is tight round the chest whatever it is made of; an elastic band on trousers, a rubber band pinging
        # or round a wrist is none
        ("it feels like a tight rubber band round my chest", RedFlagLevel.EMERGENCY),
        ("the elastic band on my trousers digs in round my tummy", RedFlagLevel.NONE),
        ("a twinge when i twist round to reverse the car, like a rubber band pinging", RedFlagLevel.NONE),
        ("i keep a rubber band round my wrist", RedFlagLevel.NONE),
        # (sealed_rf85 and sealed_rf16, opened this session)
        ("the new pain is round my upper tummy like an elastic band snapped tight", RedFlagLevel.EMERGENCY),
        ("the rubber band round the post snapped and letters went everywhere", RedFlagLevel.NONE),
        ("like a rubber band pulled tight round my ribs", RedFlagLevel.EMERGENCY),
        # an ache like a bruise across the back, or a sore spot getting better every day after lifting, is no tender spot
        ("aches a bit like a bruise across my lower back after spin class", RedFlagLevel.NONE),
        ("theres one spot on my spine that feels like a bruise when i press it", RedFlagLevel.URGENT),
        ("could the lump in my pancreas be what is making my back ache", RedFlagLevel.NONE),
        ("can radiotherapy shrink whatever's pressing on my spine", RedFlagLevel.NONE),
        ("my period pains are awful this month", RedFlagLevel.NONE),
        ("my back was sore after the gym but its easing a bit more each day", RedFlagLevel.NONE),
        ("the pain gets worse each day", RedFlagLevel.URGENT),
    ],
)
def test_fifty_seventh_session_red_flags(full_assistant: Assistant, text: str, level: RedFlagLevel) -> None:
    assert full_assistant.understand(text).red_flag.level is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # fifty-eighth session (writer 221's development half and probes). Feeling still there is feeling denied lost;
        # feeling still there beside a symptom, or only some of it, is no denial
        ("i still have feeling in my legs", RedFlagLevel.NONE),
        ("she still has all the feeling in her feet", RedFlagLevel.NONE),
        ("i still have feeling around my bum and privates its normal", RedFlagLevel.NONE),
        ("i still have no feeling in my legs", RedFlagLevel.EMERGENCY),
        ("my legs still have some feeling but its going", RedFlagLevel.EMERGENCY),
        ("i still have feeling in my legs but i cant feel my feet", RedFlagLevel.EMERGENCY),
        ("he still has feeling in his legs but they keep giving way", RedFlagLevel.EMERGENCY),
        # running as a sport is no pain running down the legs
        ("ive had a slight ache in my lower back since i started running again, it fades after a warm up", RedFlagLevel.NONE),
        ("the pain runs down the back of my legs since i started running", RedFlagLevel.EMERGENCY),
        # 'my mum has it' after a question about a symptom tells that she has it, unless the illness was named between;
        # alone it tells nothing
        ("is leg numbness serious? my mum has it", RedFlagLevel.EMERGENCY),
        ("is numbness in the legs a bad sign? my dad has that", RedFlagLevel.EMERGENCY),
        ("is weight loss a sign of net? my mum has it", RedFlagLevel.NONE),
        ("is it serious? my mum has it", RedFlagLevel.NONE),
        ("my mum has it too", RedFlagLevel.NONE),
        # an exception's gap does not swallow a relief that fails
        ("nothing that helps paracetamol doesnt fix it", RedFlagLevel.URGENT),
        # a back 'un-crumpling' or 'like a wrung-out dishcloth' is an ache told in a picture; crumpling to the floor and
        # feeling wrung out oneself are not
        ("my lower back feels like a scrunched up paper bag, a bit of walking round is un-crumpling it", RedFlagLevel.NONE),
        ("after paddleboarding my back felt like a wrung-out dishcloth, a day later its mostly gone", RedFlagLevel.NONE),
        ("he crumpled to the floor", RedFlagLevel.EMERGENCY),
        ("my back aches i feel wrung out all the time", RedFlagLevel.URGENT),
    ],
)
def test_fifty_eighth_session_red_flags(full_assistant: Assistant, text: str, level: RedFlagLevel) -> None:
    assert full_assistant.understand(text).red_flag.level is level
