"""Topic and command matching, out of scope, unclear and the confirmation band."""

from __future__ import annotations

import tomllib
from pathlib import Path

import numpy as np

import pytest

from voice_assistant.app.assistant import Assistant
from voice_assistant.app.semantic import CLASSIFIER, RED_FLAG_CLASSIFIER, load_classifier, load_semantic
from voice_assistant.core.understanding import LEARNED_FLAG_LABELS, SemanticUnderstanding
from voice_assistant.core.content import TOPIC_IDS, Content, RedFlagLevel
from voice_assistant.core.matching import ANSWER_THRESHOLD, MatchBand, phonetic_key

from conftest import DATA
from semantic_fixtures import full_assistant, semantic  # noqa: F401  (fixtures)

CASES = tomllib.loads((DATA / "topics.toml").read_text(encoding="utf-8"))
ALL = {**CASES["cases"], **CASES["commands"], **CASES["out_of_scope"]}


@pytest.mark.parametrize(("text", "topic"), sorted(ALL.items()))
def test_matches_the_expected_topic(assistant: Assistant, text: str, topic: str) -> None:
    match = assistant.understand(text).match
    assert match.topic == topic
    if topic != "out_of_scope":
        assert match.band is MatchBand.ANSWER


def test_every_topic_has_a_test_phrase() -> None:
    assert set(CASES["cases"].values()) == set(TOPIC_IDS)


def test_every_topic_phrasing_in_prompts_matches_its_topic(full_assistant: Assistant, content: Content) -> None:
    wrong = [
        (topic.id, phrasing, full_assistant.understand(phrasing).match.topic)
        for topic in content.topics
        for phrasing in topic.phrasings
        if full_assistant.understand(phrasing).match.topic != topic.id
    ]
    total = sum(len(topic.phrasings) for topic in content.topics)
    assert len(wrong) <= total * 0.05, wrong


def test_confidence_is_between_zero_and_one(assistant: Assistant) -> None:
    for text in ["", "massage", "what", "does massage or acupuncture help", "x" * 5000]:
        match = assistant.understand(text).match
        assert 0.0 <= match.confidence <= 1.0


def test_a_decisive_term_gives_high_confidence(assistant: Assistant) -> None:
    assert assistant.understand("does acupuncture help").match.confidence >= 0.8


def test_a_vague_question_asks_for_confirmation(assistant: Assistant) -> None:
    match = assistant.understand("what about the bones").match
    assert match.band in (MatchBand.CONFIRM, MatchBand.ANSWER)
    assert match.topic in ("cause.metastasis", "cause.bone_fractures")


@pytest.mark.parametrize("text", ["", "   ", "uh um", "...", "zzxq vbnmq"])
def test_nothing_understandable_is_unclear(assistant: Assistant, text: str) -> None:
    match = assistant.understand(text).match
    assert match.topic == "unclear"
    assert match.confidence < ANSWER_THRESHOLD


def test_a_topic_word_wins_over_a_command_word(assistant: Assistant) -> None:
    assert assistant.understand("tell me more about massage").match.topic == "treatment.massage"
    assert assistant.understand("no, what about yoga").match.topic == "treatment.mind_body"


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("not so quick please", "cmd.slower"),  # 'quick' alone asks for faster: the negative turns it round
        ("sloooower", "cmd.slower"),  # a stretched word is cut to two letters, one slip from the command
        ("nooooo", "cmd.no"),
        ("you are painfully slow", "cmd.faster"),
        ("that is rather loud", "cmd.quieter"),
        ("what can i ask you about", "cmd.help"),
        ("what can i say to you", "cmd.help"),
        ("not right now thanks", "cmd.no"),
        ("okay that will do", "cmd.stop"),
    ],
)
def test_a_command_said_indirectly_keeps_its_direction(assistant: Assistant, text: str, command: str) -> None:
    assert assistant.understand(text).match.topic == command


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("tell me about the treatments, all of them, the whole lot", "treatment"), ("which meds do they use", "treatment.medications"),
        ("could you run through the main points for me, pet", "summary"),  # 'pet', 'love', 'hen': said to the listener
        ("at what point does a bad back become a reason to phone the gp", "when_to_see_doctor"),  # no career ('become a')
        ("is there a nurse who speaks polish i could talk to about the pain", "out_of_scope"),
    ],
)
def test_everyday_words_the_article_lacks_are_no_subject_outside_it(full_assistant: Assistant, text: str, topic: str) -> None:
    assert full_assistant.understand(text).match.topic == topic  # 'whole', 'lot': not 'hiccups'


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # the subject named in full beside what is asked: the subject's own phrasings do not decide it
        ("what medicines are used for neuroendocrine cancer back pain", "treatment.medications"),
        ("what exercises help neuroendocrine cancer back pain", "treatment.exercise"),
        # …and the subject alone is the overview's
        ("neuroendocrine cancer back pain", "overview"),
    ],
)
def test_the_whole_subject_named_beside_a_question_leaves_the_topic_to_the_question(
    assistant: Assistant, text: str, topic: str
) -> None:
    assert assistant.understand(text).match.topic == topic


def test_the_question_of_a_report_is_matched(assistant: Assistant) -> None:
    match = assistant.understand("my back wakes me every night and it is awful is ice better than heat").match
    assert match.topic == "treatment.heat_cold"


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # the report's words name no topic: its question does ('driving', 'walk' would otherwise count)
        ("i keep leeking when i walk um what does the octo tide do", "treatment.medications"),
        ("My wife has had cancer before and now she's got back pain and night sweats. Who should she see?", "when_to_see_doctor"),
        ("I am sorry to say I wet myself this morning without even noticing. Whom should I see about it, dear?", "when_to_see_doctor"),
        # a treatment asked about as the cause of the report is the cause topic, not the treatment
        ("my legs went numb this morning, could the radiotherapy have done this?", "cause.radiation_therapy"),
        ("I can't feel my feet, could that be from the surgery?", "cause.post_surgical_pain"),
        # 'my question is' opens the question after the report
        ("I've been staggering since Friday, grabbing at the walls, and my question is how long recovery takes", "recovery"),
    ],
)
def test_the_question_after_a_red_flag_names_the_topic(full_assistant: Assistant, text: str, topic: str) -> None:
    understanding = full_assistant.understand(text)
    assert understanding.match.topic == topic and understanding.red_flag.level is not RedFlagLevel.NONE


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("i get a tight band of pain round my chest and shooting pains down my legs, is that the nerves", "cause.nerve_involvement"),
        ("my legs went numb and wobbly this morning, is that the cord being squashed", "cause.spinal_cord_compression"),
    ],
)
def test_a_question_that_points_back_at_the_report_keeps_its_topic(full_assistant: Assistant, text: str, topic: str) -> None:
    understanding = full_assistant.understand(text)
    assert understanding.match.topic == topic and understanding.red_flag.level is RedFlagLevel.EMERGENCY


OUT_OF_ARTICLE = [
    "what's the treatment for tennis elbow",
    # drugs, habits and organs the article never names (twenty-third session, people who have been reading up)
    "is pregabalin any good for nerve pain",
    "should i cut out coffee while im on painkillers",
    "can an underactive thyroid cause tiredness",
    "what mattress is best for a bad back",
    # a carer's practical asks (twenty-third session, carers at a kiosk)
    "how do i arrange respite so i can have a break",
    "does patient transport take people to their radiotherapy",
    "how much octreotide should i be taking",  # doses are for the care team
    "is it safe to crack my back myself",
    "how do I get rid of hiccups",
    "what causes migraines",
    "how long does a cold usually last",
    "what's the best treatment for gout",
    "what does a grade three tumour mean",  # grading is not in the article
    "is turmeric good for inflammation",
    "does medicare pay for physio",
    "does the radiation stay in my body for long",
    # what a service costs, how many sessions it takes, which hospital, whether a test hurts, who is talking
    "how many sessions of physio do people usually need",
    "which hospital is best for net treatment",
    "does a biopsy hurt",
    "are you a real person",
    # addiction and constipation from painkillers, drugs and professions the article never names, working on
    "will i get addicted to the painkillers",
    "do opioids make you constipated",
    "what about everolimus for the pain",
    "whats the difference between a physio and an osteopath",
    "do acupuncture needles hurt",
    "can i keep working with this",
    "how long does an mri take",
    # a long out-of-scope word typed one letter off; costs, doses and other asks the article never answers
    "does my insurence cover chiropractic",
    "is physio good for fibromialgia",
    "is heat or ice cheaper",
    "what is the maximum amount of ibuprofen i can safely take in one day",
    "how often are the injections given, weekly or monthly",
    "lanreotide or octreotide which is better",
    "what are the risks of the spine operation",
    "five h i double a urine test what foods do i have to avoid",
    "is ibuprofen ok for my 10 yr old",
    "which is stronger, morphine or oxycodone?",
    "does a spine mri hurt",
    "after the radiotherapy will the skin go red",
    "how often is the octreotide jab given",
    "are there any new treatments coming out in the next few years",
    # nineteenth session: therapies the article never names
    "does it say anything about pilates? not yoga, pilates",
    "is tai chi good for a bad back",
    "would reflexology help with the pain",
]


@pytest.mark.parametrize("text", OUT_OF_ARTICLE)
def test_medical_questions_outside_the_article_are_out_of_scope(full_assistant: Assistant, text: str) -> None:
    assert full_assistant.understand(text).match.topic == "out_of_scope"


@pytest.mark.parametrize(
    "text",
    ["how do i train to become a massage therapist", "where can i buy a walking frame", "can you do my tax return for me"],
)
def test_words_for_a_subject_outside_the_article_are_not_overruled(full_assistant: Assistant, text: str) -> None:
    match = full_assistant.understand(text).match  # however close the semantic model finds a topic
    assert match.topic == "out_of_scope" and match.named_outside


def test_a_question_of_a_subject_outside_the_article_is_no_question_about_a_warning_sign(full_assistant: Assistant) -> None:
    turn = full_assistant.answer_text(full_assistant.new_session(), "what are the symptoms of a urine infection")
    assert turn.topic == "out_of_scope" and turn.red_flag.level.value == "none"


def test_a_word_of_a_subject_outside_the_article_inside_a_question_of_it_does_not_stop_it(full_assistant: Assistant) -> None:
    assert full_assistant.understand("at what stage should i go and see a doctor about my back").match.topic == "when_to_see_doctor"


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("why does neuroendocrine cancer give people back pain?", "causes"),
        ("does massage help with the back pain?", "treatment.massage"),
        ("is acupuncture worth trying", "treatment.acupuncture"),
        ("can radiotherapy make your back sore afterwards", "cause.radiation_therapy"),
        ("how is neuroendocrine cancer back pain treated", "treatment"),  # the subject named in full asks nothing
        ("how is neuroendocrine cancer back pain diagnosed", "diagnosis"),
        # a spine 'realigned' is the chiropractor's; spellings as people type or a recogniser splits them
        ("does getting the spine realigned help the pain", "treatment.chiropractic"),
        ("sintoms of NET back pain plz", "symptoms"),
        ("er can med it ation help with the pain", "treatment.mind_body"),
        # half-known names: 'octo' is octreotide (not mended into 'onto'), 'funny' hormones are no joke, a beam is radiation
        ("does the octo something jab help the back", "treatment.medications"),
        ("does the cancer make funny hormones that hurt", "cause.hormonal_changes"),
        ("how does the beam treatment help with pain", "treatment.radiation"),
        ("can the cancer squeeze the big nerve tube that runs down your back?", "cause.spinal_cord_compression"),
        # doses, staging and the speed of growth are not in the article
        ("can I take two ibuprofen every four hours or is that too many?", "out_of_scope"),
        ("is it okay to stop the steroids all of a sudden?", "out_of_scope"),
        ("how fast do these tumours usually grow, years or months?", "out_of_scope"),
        ("how fast do you have to act if the tumour is pressing on the spinal cord", "cause.spinal_cord_compression"),
        # said as to a smart speaker (written for the purpose, not the writers' lines): a microphone check before the
        # question, a request read as the question, a 'what?' before a command, a command before a topic said instead
        ("hello? are you there? what does NET stand for", "overview"),
        ("my legs are fine, no numbness. look up the treatments for back pain", "treatment"),
        ("what? say it again, the telly was on", "cmd.repeat"),
        ("stop, and tell me about physio instead", "treatment.physical_therapy"),
        ("which voice commands can I use", "cmd.help"),
        ("right, see you next time", "cmd.goodbye"),
        ("what happens during recovery from back pain", "recovery"),
        ("is massage worth trying alongside my chemo", "treatment.massage"),
        # … and what such a speaker is also asked, outside the article
        ("what's the weather like tomorrow", "out_of_scope"),
        ("how hot is it outside today", "out_of_scope"),
        ("how much tramadol is too much", "out_of_scope"),
        ("does this cancer get passed down to my children", "out_of_scope"),
        ("can I keep working night shifts with this back", "out_of_scope"),
        ("shuffle my playlist", "out_of_scope"),
    ],
)
def test_the_semantic_model_keeps_or_finds_the_topic(full_assistant: Assistant, text: str, topic: str) -> None:
    assert full_assistant.understand(text).match.topic == topic


def test_without_the_semantic_model_the_word_matcher_answers_alone(content: Content) -> None:
    semantic, problem = load_semantic(content, model="no-such-model")
    assert semantic is None and problem is not None and "word matcher alone" in problem
    assistant = Assistant(content, region="US", semantic=semantic)
    assert assistant.understand("does massage help my back?").match.topic == "treatment.massage"


def test_what_people_say_is_never_written_to_the_cache(content: Content, tmp_path: Path) -> None:
    semantic, problem = load_semantic(content, cache_dir=tmp_path)
    assert semantic is not None, problem
    kept = sorted(tmp_path.iterdir())
    assert kept, "the examples' vectors are cached"
    assistant = Assistant(content, region="US", semantic=semantic)
    for text in ["my legs are weak, and I can't pee. what should I do", "my name is Joan Smith and I live at 4 Elm Road"]:
        assistant.understand(text)
    assert sorted(tmp_path.iterdir()) == kept
    assert all(b"Joan" not in path.read_bytes() for path in kept)


def test_the_learned_classifier_ships_for_the_default_model_and_is_left_out_when_it_cannot_be_used(
    content: Content, semantic: SemanticUnderstanding, tmp_path: Path
) -> None:
    loaded = load_classifier()
    assert loaded is not None, "voice_assistant/app/data/topic_classifier.npz is missing: run benchmarks/fit_classifier.py"
    assert set(loaded.labels) >= {topic.id for topic in content.topics} and loaded.weights.shape == (385, len(loaded.labels))
    assert loaded.grams is not None and loaded.grams.weights.shape == (len(loaded.grams.buckets), len(loaded.labels))
    learned = semantic.scores("is walking good for my back").learned
    assert max(learned, key=learned.__getitem__) == "treatment.exercise" and abs(sum(learned.values()) - 1.0) < 1e-4
    # the spelling's opinion reads through a slip the sentence model has to guess at
    spelled = loaded.grams.probabilities("does acupunture help with the pain")
    assert loaded.labels[int(np.argmax(spelled))] == "treatment.acupuncture" and abs(float(spelled.sum()) - 1.0) < 1e-6
    with np.load(CLASSIFIER) as data:  # an archive from before the gram classifier still loads, without it
        older = tmp_path / "older.npz"
        np.savez(older, labels=data["labels"], weights=data["weights"], model=data["model"])
    assert (old := load_classifier(path=older)) is not None and old.grams is None
    assert load_classifier(model="minilm-l6-int8") is None  # fitted on another model's vectors
    damaged = tmp_path / "topic_classifier.npz"
    damaged.write_bytes(b"not a numpy archive")
    assert load_classifier(path=damaged) is None
    assert load_classifier(path=tmp_path / "missing.npz") is None


def test_the_learned_red_flag_opinion_ships_and_is_left_out_when_it_cannot_be_used(
    content: Content, semantic: SemanticUnderstanding, full_assistant: Assistant
) -> None:
    loaded = load_classifier(path=RED_FLAG_CLASSIFIER)
    assert loaded is not None, "voice_assistant/app/data/red_flag_classifier.npz is missing: run benchmarks/fit_red_flag_opinion.py"
    assert loaded.labels == LEARNED_FLAG_LABELS and loaded.weights.shape == (385, 4) and loaded.grams is not None
    said = "his legs have gone like wet string and he sits on the floor unable to get up"
    denied = "no numbness in my legs at all, and no trouble with my waterworks"
    for text, label in ((said, "emergency"), (denied, "denial")):
        p = loaded.probabilities(semantic.index.encode(text), text)
        assert LEARNED_FLAG_LABELS[int(np.argmax(p))] == label and abs(float(p.sum()) - 1.0) < 1e-6
    # a classifier with other labels (the topic classifier) is no red-flag opinion: the word rules and the net alone
    topics = load_classifier()
    assert topics is not None
    without = SemanticUnderstanding(semantic._encoder, content, classifier=topics, red_flags=topics)
    text = "my legs have turned to wet cardboard, they fold the moment I try to stand"
    flag = full_assistant.detector.check(full_assistant.normaliser.normalise(text))
    assert flag.level is RedFlagLevel.NONE
    vector = semantic.index.encode(text)
    assert without.learned_flag(text, flag, vector, full_assistant.detector, full_assistant.normaliser) == (flag, None)
    raised, suspected = semantic.learned_flag(text, flag, vector, full_assistant.detector, full_assistant.normaliser)
    assert raised.level is RedFlagLevel.EMERGENCY and suspected is None


def test_sentence_vectors_are_unit_length_and_batches_agree(semantic: SemanticUnderstanding) -> None:
    texts = ["my legs are weak", "what is the treatment for tennis elbow and does it hurt a lot"]
    one_by_one = np.stack([semantic.index.encode(text) for text in texts])
    assert np.allclose(np.linalg.norm(one_by_one, axis=1), 1.0, atol=1e-4)
    assert semantic.index.scores("does massage help").ranked()[0][0] == "treatment.massage"


@pytest.mark.parametrize("word", ["gh", "GH", "ghgh", "h", "x"])
def test_a_word_of_silent_letters_is_understood_without_error(
    assistant: Assistant, word: str, caplog: pytest.LogCaptureFixture
) -> None:
    """'gh' has no sound: its key is empty (it raised IndexError, logged as a failure to mend words)."""
    if word.lower().startswith("gh"):
        assert phonetic_key(word) == phonetic_key(word, keep_first=False) == ""
    assistant.understand(f"{word} gh oct {word} rio tide")
    assert not [record for record in caplog.records if record.levelname in ("ERROR", "CRITICAL")]


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("slower please, I'm not from round here", "cmd.slower"),
        ("can you speak up a bit because the telly is on", "cmd.louder"),
        ("say that one more time, my phone was ringing", "cmd.repeat"),
        ("a bit quieter mate, it's late", "cmd.quieter"),
        ("not so loud, you will wake the whole street", "cmd.quieter"),  # the reason may start with 'you'
        ("you are a bit slow today, could you go quicker", "cmd.faster"),
        ("tell me more, my surgery is next month", "treatment.surgery"),  # the rest names a topic
        ("could you explain how massage helps, my back is stiff", "treatment.massage"),  # no command opens it
        # the reason first, the command last
        ("sorry i was getting my glasses can you say it one more time", "cmd.repeat"),
        ("my hearing aid is playing up could you talk louder", "cmd.louder"),
        ("my back hurts after the surgery could you tell me more", "cause.post_surgical_pain"),  # the reason names a topic
        # a reason that opens with who it is about, as a recogniser prints it without the comma (writer 201)
        ("a bit louder please dad is deaf in one ear", "cmd.louder"),
        ("tell me more his surgery is next month", "treatment.surgery"),  # the rest names a topic
        ("what are the commands", "cmd.help"),
    ],
)
def test_a_command_followed_by_its_reason_is_the_command(full_assistant: Assistant, text: str, topic: str) -> None:
    assert full_assistant.understand(text).match.topic == topic


@pytest.mark.parametrize(("text", "topic"), [("hang on", "cmd.stop"), ("uh huh", "cmd.yes"), ("mm hmm", "cmd.yes")])
def test_an_input_of_filler_words_alone_keeps_its_meaning(full_assistant: Assistant, text: str, topic: str) -> None:
    assert full_assistant.understand(text).match.topic == topic


def test_um_alone_is_still_unclear(full_assistant: Assistant) -> None:
    assert full_assistant.understand("um").match.topic == "unclear"


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # a remark after the question names no subject of its own: the question is matched
        ("is swimming good for back pain, i take the dog to the lake most days anyway", "treatment.exercise"),
        ("does massage help with back pain, my insurance covers a few sessions", "treatment.massage"),
        # said before the question, the same words set its subject; and a clause that goes on with the question asks too
        ("my cat has back pain, can massage help", "out_of_scope"),
        ("can you catch neuroendocrine cancer from someone, like from kissing", "out_of_scope"),
    ],
)
def test_words_outside_the_article_count_only_where_they_set_the_subject(full_assistant: Assistant, text: str, topic: str) -> None:
    assert full_assistant.understand(text).match.topic == topic


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # what the subject is set against is no subject of the question
        ("what are the signs its the cancer and not just a pulled muscle", "symptoms"),
        ("is the ache down to inflammation or is that only with arthritis", "cause.inflammation"),
        # an idiom and an errand, not school or shopping; the leaflet's abbreviation and 'psychology'
        ("my mum is old school and wont ask, what can she do to ease the pain", "treatment"),
        ("the nurse wrote mscc on the leaflet, what is it", "cause.spinal_cord_compression"),
        ("where does psychology come into chronic back pain", "cause.psychological_factors"),
    ],
)
def test_words_set_against_the_subject_and_everyday_idioms_keep_the_question_in_the_article(
    full_assistant: Assistant, text: str, topic: str
) -> None:
    assert full_assistant.understand(text).match.topic == topic


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # a term with a gap takes up to three words in it ('how much * charge')
        ("how much does a chiropractor charge", "out_of_scope"),
        ("how many acupuncture sessions do u need", "out_of_scope"),
        ("how long do people usually stay on opioids for cancer pain", "out_of_scope"),
        ("can a chiropractor help", "treatment.chiropractic"),
        # a word begun again as a longer one is a false start, not the subject ('radio' before 'radiotherapy')
        ("so the radio the radiotherapy can that cause pain", "cause.radiation_therapy"),
        ("can i listen to the radio", "out_of_scope"),
        # a smart speaker's wake word is no word of the request
        ("alexa stop", "cmd.stop"),
        ("hey siri what causes back pain", "causes"),
    ],
)
def test_gapped_terms_false_starts_and_wake_words(full_assistant: Assistant, text: str, topic: str) -> None:
    assert full_assistant.understand(text).match.topic == topic


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # a question first, then a report without a full stop: the question names the topic
        ("would an operation on the spine take the pressure off because i can hardly walk to the door now", "treatment.surgery"),
        ("sorry what are the main um the main points because my balance went all funny today", "summary"),
        ("is it normal to be losing weight and my back is sore all the time is that the tumour growing", "cause.tumor_growth"),
        # a request to advise, and a drug named after 'is' in mid-utterance, ask
        ("kindly advise about physiotherapy. my father's back pain is now present even at rest", "treatment.physical_therapy"),
        ("the pain doesnt wake me i sleep through um is oxycodone stronger than tramadol", "treatment.medications"),
    ],
)
def test_a_question_before_a_report_names_the_topic(full_assistant: Assistant, text: str, topic: str) -> None:
    assert full_assistant.understand(text).match.topic == topic


def test_a_bare_denial_of_a_place_is_no_report_for_the_semantic_net(full_assistant: Assistant) -> None:
    assert full_assistant.understand("nothing with my bladder").red_flag.level is RedFlagLevel.NONE
    assert full_assistant.understand("nothing with my bladder, but my legs went numb").red_flag.level is RedFlagLevel.EMERGENCY


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # what the article does not say, in its own words: results, waits, weight gain, mixing tablets, chances, braces
        ("how long do biopsy results usually take to come back", "out_of_scope"),
        ("can the steroids make you put on a lot of weight", "out_of_scope"),
        ("is it okay to take the paracetamol and the ibuprofen together at the same time", "out_of_scope"),
        ("how long do you have to wait to get in with a neurologist", "out_of_scope"),
        ("would a back brace or corset help support the spine", "out_of_scope"),
        # ... with room between what is asked and what it is asked of ('how often * injections')
        ("how often do you have the octreotide injections, is it monthly?", "out_of_scope"),
        ("how long till the MRI results come back", "out_of_scope"),
        ("what's an MDT meeting, they said they'd discuss him there", "out_of_scope"),
        ("what's the right way to lift a heavy box without hurting your back", "out_of_scope"),
        # ... while what it does say stays in: follow-up appointments are part of recovery
        ("do i need follow up appointments", "recovery"),
        ("does cancer in the bone make it brittle, like osteoporosis does", "cause.bone_fractures"),
        # things described instead of named
        ("the person who clicks your spine back into line does that help", "treatment.chiropractic"),
        ("sitting quietly and clearing your mind can that help with the pain", "treatment.mind_body"),
        ("when is it time to ring the surgery about somebodys back pain", "when_to_see_doctor"),
        ("would they put me in the tunnel scanner for my back", "diagnosis"),
        # twenty-fourth session: another illness, a guideline, a price, a result or a floor named beside the article's words
        ("How much does a chiropractor cost per session?", "out_of_scope"),  # 'chiropractor cost' is never 'chiropractors'
        ("can crohns give you back pain", "out_of_scope"),
        ("what do the NICE guidelines say about spinal cord compression", "out_of_scope"),
        ("has my biopsy come back yet", "out_of_scope"),
        ("which floor is the physio department on", "out_of_scope"),
        ("what can I buy at the chemist without a prescription for the pain", "treatment.otc_pain_relievers"),
        ("um is back pain a side effect of radio the rapy", "cause.radiation_therapy"),
    ],
)
def test_what_the_article_does_not_say_and_things_described_instead_of_named(
    full_assistant: Assistant, text: str, topic: str
) -> None:
    assert full_assistant.understand(text).match.topic == topic


@pytest.mark.parametrize(
    ("text", "topic"),
    [("aye, that's it", "cmd.yes"), ("yes that's it", "cmd.yes"), ("yeah that's the one", "cmd.yes"), ("that's it", "cmd.goodbye")],
)
def test_yes_with_thats_it_agrees_and_thats_it_alone_ends(full_assistant: Assistant, text: str, topic: str) -> None:
    """'yes, that's it' answers 'did you mean …?'; only 'that's it' alone is a goodbye."""
    assert full_assistant.understand(text).match.topic == topic


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("wait what did it say", "cmd.repeat"),
        ("eh? didn't quite get you", "cmd.repeat"),
        ("keep reading please", "cmd.more"),
        ("can you whisper it", "cmd.quieter"),
        ("main screen please", "cmd.menu"),
        ("take me home", "cmd.menu"),
        ("end session", "cmd.goodbye"),
    ],
)
def test_kiosk_commands_in_other_words(full_assistant: Assistant, text: str, topic: str) -> None:
    assert full_assistant.understand(text).match.topic == topic


def test_a_voice_too_faint_to_hear_is_no_collapse(assistant: Assistant) -> None:
    assert assistant.understand("you are very faint, i can barely hear you").red_flag.level is RedFlagLevel.NONE
    assert assistant.understand("he went faint and collapsed").red_flag.level is RedFlagLevel.EMERGENCY


@pytest.mark.parametrize(
    "text",
    ["should i call an ambulance", "do we need an ambulance or can it wait", "are we supposed to call an ambulance yes or no"],
)
def test_asking_whether_to_call_an_ambulance_is_when_to_see_a_doctor(full_assistant: Assistant, text: str) -> None:
    """The assistant's first message is when to call for help: asking it was out of scope, and 'ambulance yes' was mended
    into 'imbalance' (hormonal changes), because 'ambulance' was no word of the content."""
    turn = full_assistant.answer_text(full_assistant.new_session(), text)
    assert turn.topic == "when_to_see_doctor", turn


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("Can you turn it up? My hearing aid's on the blink again", "cmd.louder"),  # the request asked, then its reason
        ("turn the sound down a bit love", "cmd.quieter"),
        ("bit quick, dear, I can't keep up with you", "cmd.slower"),
        ("Okay, thanks for your help, I'm off home now, take care.", "cmd.goodbye"),
        ("slwoer please", "cmd.slower"),  # a typed slip of a command word
        ("stahp", "cmd.stop"),
        ("refs?", "sources"),
    ],
)
def test_commands_said_as_wishes_or_typed_with_slips(full_assistant: Assistant, text: str, topic: str) -> None:
    assert full_assistant.understand(text).match.topic == topic


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # a story with a subject outside the article, then a question that names the article's own subject
        ("my daughter swears by acupuncture for her migraines, so does acupuncture help with this kind of back pain?",
         "treatment.acupuncture"),
        ("he has been scared of operations since his knee replacement, but is surgery used for this back pain?",
         "treatment.surgery"),
        # … and a question that names none keeps the story's subject
        ("my dog has back pain, can massage help", "out_of_scope"),
        ("the lanreotide injection how often", "out_of_scope"),
        ("neuroendocrine vs small cell", "out_of_scope"),
        ("the consultant said lesion at T10, what does that mean for me", "out_of_scope"),
    ],
)
def test_a_story_sets_the_subject_only_when_the_question_names_none(
    full_assistant: Assistant, text: str, topic: str
) -> None:
    assert full_assistant.understand(text).match.topic == topic


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # twenty-sixth session (written for it, not the writers' lines): a 'no' said with a word of 'yes' in it
        ("certainly not", "cmd.no"),
        ("of course not", "cmd.no"),
        ("certainly", "cmd.yes"),
        # a hush before a more exact request is that request; alone, or before a reason, it stops
        ("shh, you're too loud", "cmd.quieter"),
        ("shh", "cmd.stop"),
        ("shush, slower please, my english is not so good", "cmd.slower"),  # thirty-second: the request keeps its reason
        ("no, actually yes", "cmd.yes"),  # thirty-second: a one-word answer put right at once
        ("louder, sorry, I mean quieter", "cmd.quieter"),
        ("pain wakes me every night, what helps?", "treatment"),  # what eases it, not how to use the assistant
        ("is there anything at all that helps, i've tried so much", "treatment"),
        ("can relaxation take the edge off the pain or is that a stretch", "treatment.mind_body"),  # 'a stretch' an idiom
        ("good morning", "out_of_scope"),  # a greeting alone: heard, asks nothing (not exercise for morning stiffness)
        ("hello there", "out_of_scope"),
        ("Good morning! What causes the back pain?", "causes"),
        ("bladder control loss, when to worry?", "when_to_see_doctor"),  # when to be seen, not worry itself
        ("My aunt says acupuncture needles can spread the cancer. What does the article say about acupuncture?",
         "treatment.acupuncture"),  # a claim checked: its outside words are the claim, the topic is what is asked
        ("go over the last bit again from the beginning", "cmd.repeat"),
        # doses, waits and the shop's hours are not in the article
        ("how many co-codamol can he take in a day", "out_of_scope"),
        ("what's the most oxycodone you're allowed to take", "out_of_scope"),
        ("how long is the wait to be seen in clinic today", "out_of_scope"),
        ("is the chemist shop open on Sunday", "out_of_scope"),
        ("can I buy ibuprofen at the shop for this pain", "treatment.otc_pain_relievers"),
    ],
)
def test_twenty_sixth_session_topics(full_assistant: Assistant, text: str, topic: str) -> None:
    assert full_assistant.understand(text).match.topic == topic


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("which scans will I have, so I can plan time off work?", "diagnosis"),
        ("is swimming good for it, because I want to get back to work", "treatment.exercise"),
    ],
)
def test_the_reason_after_a_question_is_a_remark_not_its_subject(full_assistant: Assistant, text: str, topic: str) -> None:
    # the word matcher reads 'time off work' in the purpose clause as an aside (the combiner then weighs both opinions)
    assert full_assistant.matcher.match(full_assistant.normaliser.normalise(text)).topic == topic


def test_a_question_beside_a_report_is_read_for_the_topic_with_its_own_words(full_assistant: Assistant) -> None:
    # the learned opinion, fitted on questions, weighs the question alone as much as the whole input
    turn = full_assistant.answer_text(
        full_assistant.new_session(), "I keep leaking wee and can't stop it, is that one of the common symptoms?"
    )
    assert turn.red_flag.level is RedFlagLevel.EMERGENCY
    assert turn.topic == "symptoms"


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # twenty-seventh session (written for it, not the writers' lines): commands said mid-conversation
        ("what else can I ask you about", "cmd.help"),
        ("which commands do you understand", "cmd.help"),
        ("can you read that paragraph over", "cmd.repeat"),
        ("hurry up, I haven't got all day", "cmd.faster"),
        ("use a softer voice please", "cmd.quieter"),
        ("skip that", "cmd.stop"),
        # an apology before a question is no request to hear it again
        ("sorry, what helps with a sore throat", "out_of_scope"),
        ("sorry, can you say that again", "cmd.repeat"),
        # money, food banks, screening and how many of each are not in the article
        ("how much is the copay for an MRI", "out_of_scope"),
        ("what will my copay be for the oncologist visit", "out_of_scope"),
        ("where is the nearest food bank", "out_of_scope"),
        ("is there a food bank for cancer patients and their families", "out_of_scope"),
        ("when should women start breast screening", "out_of_scope"),
        ("paracetamol and ibuprofen, how many of each can I have", "out_of_scope"),
        # a request said 'kindly tell' is the question beside a denial
        ("He has no weakness in his legs. Kindly tell which exercises are good for him.", "treatment.exercise"),
        ("My husband has no numbness at all, he walks fine. Kindly tell what food is good for his recovery.", "recovery.nutrition"),
    ],
)
def test_twenty_seventh_session_topics(full_assistant: Assistant, text: str, topic: str) -> None:
    assert full_assistant.understand(text).match.topic == topic


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # twenty-eighth session (written for it, not the writers' lines): volume and speed asked for by their opposite
        ("could you give it a bit more volume", "cmd.louder"),
        ("shout a bit, I've left my hearing aids at home", "cmd.louder"),
        ("there's no need to shout", "cmd.quieter"),
        ("a bit less speed would help me", "cmd.slower"),
        ("you don't need to go so slow, I'm following fine", "cmd.faster"),
        # a lone command word with one letter slipped, and a goodbye after a reason
        ("stpo", "cmd.stop"),
        ("hlep", "cmd.help"),
        ("my taxi's outside, bye", "cmd.goodbye"),
        ("that's my name they're calling, cheerio", "cmd.goodbye"),
        # a long topic word with two letters swapped; a prescription not needed
        ("would a phsyio help my back", "treatment.physical_therapy"),
        ("what painkillers can I get that I don't need a prescription for", "treatment.otc_pain_relievers"),
        # symptoms asked about as what the cancer does
        ("could a neuroendocrine tumour make someone lose weight", "symptoms"),
        ("does neuroendocrine cancer cause tiredness as well as the back ache", "symptoms"),
        # out of scope in the article's words about other lives
        ("how do new mums stop leaking when they laugh", "out_of_scope"),
        ("does a sports massage help runners", "out_of_scope"),
        ("how long do people usually live with a NET", "out_of_scope"),
        ("what's good for a head cold", "out_of_scope"),
        ("when is my cataract operation", "out_of_scope"),
    ],
)
def test_twenty_eighth_session_topics(full_assistant: Assistant, text: str, topic: str) -> None:
    assert full_assistant.understand(text).match.topic == topic


def test_a_goodbye_after_a_report_leaves_the_red_flag_first(full_assistant: Assistant) -> None:
    turn = full_assistant.answer_text(full_assistant.new_session(), "my legs have gone numb, bye")
    assert turn.red_flag.level is RedFlagLevel.EMERGENCY
    assert not turn.reply.ends_session



def test_a_music_request_is_no_walking_trouble(full_assistant: Assistant) -> None:
    assert full_assistant.understand("shuffle my playlist").red_flag.level is RedFlagLevel.NONE
    assert full_assistant.understand("he shuffles now instead of walking").red_flag.level is RedFlagLevel.EMERGENCY



@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # thirty-fourth session (written for it, not the writers' lines): text-speak and hurried typing on a touch screen
        ("rpt", "cmd.repeat"),
        ("slwr", "cmd.slower"),
        ("ya", "cmd.yes"),
        ("y", "cmd.yes"),
        ("n", "cmd.no"),
        ("cya", "cmd.goodbye"),
        ("ttyl", "cmd.goodbye"),
        ("idk what causes it", "causes"),
        ("best tx 4 back pain w/ a NET?", "treatment"),  # (as before the short forms)
        ("how do drs dx it", "diagnosis"),
        # a command word inside a question about the speaker's own life is no command
        ("how do I help my dad write his will", "out_of_scope"),
        ("can we still go on the coach trip in August with dad, will they let him on?", "out_of_scope"),
        # a command, then what the speaker is doing, however much that names
        ("say that again please, I was putting her tablets away", "cmd.repeat"),
        ("bye for now, we're off to his scan", "cmd.goodbye"),
        # ... but a command, then what the speaker wants to hear, asks for that (as before)
        ("stop, I want to know about the scans", "diagnosis"),
        # a question asked beside a denial is read alone
        ("no weight loss. how do they find out what is causing it", "diagnosis"),
        ("no fever, no sweats. what causes it", "causes"),
    ],
)
def test_thirty_fourth_session_topics(full_assistant: Assistant, text: str, topic: str) -> None:
    assert full_assistant.understand(text).match.topic == topic


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # thirty-fifth session (written for it, not the writers' lines): a word whose stem is a short command word is
        # another word ('note' is no 'not')
        ("what is on the back of a twenty pound note?", "out_of_scope"),
        ("not now thanks", "cmd.no"),  # (as before)
        # questions about the assistant itself are outside the article
        ("are you a real doctor or a computer?", "out_of_scope"),
        ("will my GP get to see what I ask you here?", "out_of_scope"),
        ("do I need to see a doctor about it?", "when_to_see_doctor"),  # (as before)
        ("which organisations is all this advice from?", "sources"),
        # words to someone else in the room, and a false start the speaker corrects, are not the question
        ("hold on, the dog's barking. does massage help?", "treatment.massage"),
        ("the kids are fighting again, sorry. what causes the pain at night?", "causes"),
        ("the dog, no, the heat pad I mean, is it safe to use?", "treatment.heat_cold"),  # (as before)
        # a practical question outside the article, and asking how to work the assistant
        ("how do I move to a different doctor's practice?", "out_of_scope"),
        ("I'm no good with gadgets, how do I work you?", "cmd.help"),
    ],
)
def test_thirty_fifth_session_topics(full_assistant: Assistant, text: str, topic: str) -> None:
    assert full_assistant.understand(text).match.topic == topic


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # thirty-ninth session (written for it, not the writers' lines): treatments, scans and the spinal cord in the
        # words of someone who knows no medical terms
        ("would a bone setter be any use for my back?", "treatment.chiropractic"),
        ("my friend swears by her bone setter, could one help me?", "treatment.chiropractic"),
        ("will mum have to go under the knife for her spine?", "treatment.surgery"),
        ("what is the pins therapy and does it help back pain?", "treatment.acupuncture"),
        ("what does the big noisy tube scan show the doctors?", "diagnosis"),
        ("what if the main cable in his spine gets squashed?", "cause.spinal_cord_compression"),
        ("can I get something for the pain off the supermarket shelf?", "treatment.otc_pain_relievers"),
        ("is the scan in the noisy tunnel painful?", "diagnosis"),
        ("how long before he is back on his feet?", "recovery"),
    ],
)
def test_thirty_ninth_session_plain_word_topics(full_assistant: Assistant, text: str, topic: str) -> None:
    assert full_assistant.understand(text).match.topic == topic


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # fortieth session (written for it): medicine names spelled as heard, a word misremembered, and a round-up
        ("is acetamenophen any good for a sore back?", "treatment.otc_pain_relievers"),
        ("the nurse said something about neurotic pain from the tumour, what is that?", "cause.nerve_involvement"),
        ("could you give me a round up of all that?", "summary"),
        ("what are the side effects of tamoxifen?", "out_of_scope"),
        ("my thumb has gone stiff, what can I do?", "out_of_scope"),
    ],
)
def test_fortieth_session_topics(full_assistant: Assistant, text: str, topic: str) -> None:
    assert full_assistant.understand(text).match.topic == topic


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # forty-ninth session (writer 203's development half): turning up at a clinic is no volume, and a subject outside
        # the article named as the other choice ('or is that more for …') does not make the question out of scope
        ("do i need a referral letter or can i just turn up", "out_of_scope"),
        ("can you just turn up a bit", "cmd.louder"),
        ("could you turn up", "cmd.louder"),
        ("Would a physiotherapist help with this or is that more for sports injuries?", "treatment.physical_therapy"),
        ("is inflammation one of the causes or is that just an arthritis thing", "cause.inflammation"),
        ("what is the treatment for sports injuries", "out_of_scope"),
        ("Is it OK to take antihistamines along with opioids?", "out_of_scope"),
    ],
)
def test_forty_ninth_session_topics(full_assistant: Assistant, text: str, topic: str) -> None:
    assert full_assistant.understand(text).match.topic == topic


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # fiftieth session (writer 205's development half): what the speaker is waiting for or going through while they
        # ask ('waiting for my scan results', 'while i am on chemo') is not the question's subject
        ("I've been on edge for weeks waiting for my scan results. Can worry and low mood actually make pain feel "
         "stronger than it is?", "cause.psychological_factors"),
        ("What sort of gentle exercise can I do at home while I'm on chemo?", "treatment.exercise"),
        ("what are the side effects of chemo", "out_of_scope"),
        ("my dog has back pain, can massage help", "out_of_scope"),
        # a question run on after 'at the moment' in a transcript
        ("i've got a head cold at the moment is ibuprofen ok to take for a sore back as well", "treatment.otc_pain_relievers"),
        # a checklist answered well beside a question, and 'just wondering if' run on after denials: the question
        # sets the topic
        ("Bladder and bowels are normal and my legs feel strong. So what else can cause back pain with this?", "causes"),
        ("no numbness or weakness nothing like that just wondering if physio is worth it", "treatment.physical_therapy"),
    ],
)
def test_fiftieth_session_topics(full_assistant: Assistant, text: str, topic: str) -> None:
    assert full_assistant.understand(text).match.topic == topic


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # fifty-first session (writer 207's development half: questions put in the negative): a negated auxiliary
        # before its subject asks, also run on after a report in a transcript
        ("it hurts way more when i cough or sneeze lately isnt that a nerve thing", "cause.nerve_involvement"),
        ("i get cramps in my legs walking to the shop and they go off when i sit down isnt walking meant to be good for you",
         "treatment.exercise"),
        ("i had an accident with my bowels this morning and didnt even feel it coming shouldnt they be scanning me for that",
         "diagnosis"),
        ("i cant feel my feet properly theyre sort of numb isnt a fracture in the spine able to do that", "cause.bone_fractures"),
        ("arent shop bought painkillers useless for this kind of pain", "treatment.otc_pain_relievers"),
        # 'is this not …' asks about something; its 'not' answers nothing
        ("is this not serious", "when_to_see_doctor"),
        ("Is this not curable at all?", "out_of_scope"),
        ("no not that one", "cmd.no"),
        # commands said with a negative
        ("enough now dont say any more", "cmd.stop"),
        ("yes i dont mind", "cmd.yes"),
        ("Isn't that what I just said? Yes!", "cmd.yes"),
        ("is that alright", "cmd.yes"),
        # a thing excepted at the end of a question is not its topic
        ("arent there any other treatments apart from tablets", "treatment"),
        # a report, then a question put in the negative
        ("Since the weekend I've been walking like I'm drunk, all wobbly on my feet. Isn't radiotherapy used for this "
         "sort of thing?", "treatment.radiation"),
    ],
)
def test_fifty_first_session_topics(full_assistant: Assistant, text: str, topic: str) -> None:
    # the topic answered, as a first turn: beside a red flag the reply's topic is settled after understand()
    assert full_assistant.answer_text(full_assistant.new_session(), text).topic == topic


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # fifty-second session (writer 209's development half: questions and commands asked indirectly): politeness
        # round a request is no topic
        ("would you mind turning yourself up a bit", "cmd.louder"),
        ("sorry to interrupt would you mind stopping there", "cmd.stop"),
        ("would you mind telling me what causes the back pain", "causes"),
        # a clause that tells more of what came before is no question; 'I just wanted to ask whether …' is one
        ("I keep leaking when I stand up, which is new for me. I just wanted to ask whether heat packs are safe to use on "
         "my back.", "treatment.heat_cold"),
        ("my mother's suddenly ever so wobbly on her feet and i wondered whether the inflammation could be behind it",
         "cause.inflammation"),
        ("no pins and needles no weakness just wanted to ask where this information comes from", "sources"),
        # a remark about something outside is no subject of a question that names the back; one that points back is
        ("sore shoulder from the bowls tournament won the cup though what treatments are there for back pain in general",
         "treatment"),
        ("She's also got an underactive thyroid, is that linked to the NET?", "out_of_scope"),
        ("I have tennis elbow. What is the best treatment for it?", "out_of_scope"),
        # a spine becoming fragile is about fractures; a checklist answered about a parent is no question's subject
        ("Could you explain about the spine becoming fragile? Nobody's really gone through that part with me.",
         "cause.bone_fractures"),
        ("My dad's bladder and bowels are completely normal and he's walking fine. What does it say about inflammation?",
         "cause.inflammation"),
        # the clinic's parking is not in the article
        ("I was wondering where I'm supposed to park when I come in for my scan", "out_of_scope"),
    ],
)
def test_fifty_second_session_topics(full_assistant: Assistant, text: str, topic: str) -> None:
    assert full_assistant.answer_text(full_assistant.new_session(), text).topic == topic


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # fifty-third session (writer 212's development half: a general mix): staying in bed is a question about keeping
        # active; steroids are corticosteroids; samples and walk-in tests at the clinic are not in the article
        ("would it do me harm to just stay in bed all week", "treatment.exercise"),
        ("are steroids any good for back pain", "treatment.medications"),
        ("can i get a blood test here without an appointment", "out_of_scope"),
        ("where should i hand in my sample", "out_of_scope"),
        ("what blood tests are used to diagnose it", "diagnosis"),
    ],
)
def test_fifty_third_session_topics(full_assistant: Assistant, text: str, topic: str) -> None:
    assert full_assistant.answer_text(full_assistant.new_session(), text).topic == topic


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # fifty-fourth session (writer 214's development half: people just told, and long-time patients). Whether to wait
        # for the next appointment is a question about recovery; when or where the appointment is, is the clinic's
        ("should i tell my team about new problems while im recovering or just wait for my next appointment", "recovery"),
        ("what time is my next appointment", "out_of_scope"),
        ("can i move my next appointment to friday", "out_of_scope"),
        # another cancer named before a question that points back at it ('can that spread …') is that cancer's question
        ("my brother has prostate cancer. could it spread to his spine?", "out_of_scope"),
        ("my dad has a NET in his bowel. can it spread to his spine?", "cause.metastasis"),
        ("where do i hand in my urine sample", "out_of_scope"),
    ],
)
def test_fifty_fourth_session_topics(full_assistant: Assistant, text: str, topic: str) -> None:
    assert full_assistant.answer_text(full_assistant.new_session(), text).topic == topic


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # fifty-fifth session (writers 215 and 216's development halves). Walking and feeling fine said beside a
        # question is a checklist answered; 'carry on' said of the speaker's own doing is no request for more
        ("i can walk fine and feel my legs fine, what treatments are there", "treatment"),
        ("can i carry on gardening", "out_of_scope"),
        ("can you carry on reading", "cmd.more"),
        # '… is weight loss one of the symptoms' run on after a report asks about the symptoms
        ("ive lost weight and my back aches all day is weight loss one of the symptoms", "symptoms"),
        # back pain asked about after another cancer had is the article's; that cancer's own spread is not
        ("my sister had breast cancer a few years back, if she gets new back pain should she see a doctor?", "when_to_see_doctor"),
        ("my wife has breast cancer, does it cause back pain?", "out_of_scope"),
        # two medicines taken together is no question the article answers
        ("is it safe to take codeine with paracetamol", "out_of_scope"),
        ("is it safe to take paracetamol", "treatment.otc_pain_relievers"),
        # a treatment named, then asked whether it causes pain itself
        ("he had radiotherapy to ease the pain, can it also cause pain", "cause.radiation_therapy"),
    ],
)
def test_fifty_fifth_session_topics(full_assistant: Assistant, text: str, topic: str) -> None:
    assert full_assistant.answer_text(full_assistant.new_session(), text).topic == topic


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # fifty-sixth session (writers 217 and 218's development halves: regional and dialect Englishes). Who pays is
        # no question the article answers; 'you're all right' declines
        ("who is going to pay for my injections", "out_of_scope"),
        ("nah youre all right", "cmd.no"),
        # feeling down and someone to talk to is mental-health support, during recovery or not
        ("who can i talk to if im feeling a bit down about it all during recovery", "recovery.mental_health"),
        # treatment 'on the whole' is the whole list; 'anything stronger' they can give is medication
        ("what treatment is there on the whole, tablets, operations, all that", "treatment"),
        ("is there anything stronger they can give me", "treatment.medications"),
        # back pain overlooked or misdiagnosed is the overview's
        ("does back pain from nets get overlooked", "overview"),
        # Scots and South Asian forms
        ("whit exercises can ah dae at hame", "treatment.exercise"),
        ("my feet are numb since morning kindly tell what all can cause back pain", "causes"),
        # a command's reason starts neither at the 'there' that closes a question nor after 'for' or 'with'
        ("kindly tell me what options are there for managing this back pain", "treatment"),
        ("can you help me with my tax return", "out_of_scope"),
        ("what are my options", "cmd.menu"),
        ("louder please there is a lot of noise in here", "cmd.louder"),
    ],
)
def test_fifty_sixth_session_topics(full_assistant: Assistant, text: str, topic: str) -> None:
    assert full_assistant.answer_text(full_assistant.new_session(), text).topic == topic


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # fifty-seventh session (writer 220's development half: questions asked in strong feeling). A sample of one's
        # wee is a urine test; 'what can you even do' asks for help
        ("why on earth do they need my wee for a cancer in my back", "diagnosis"),
        ("why do they keep testing his pee", "diagnosis"),
        ("what can you even do", "cmd.help"),
        # whose fault it is is not the article's
        ("my son blames himself for not taking my back seriously, is he to blame", "out_of_scope"),
    ],
)
def test_fifty_seventh_session_topics(full_assistant: Assistant, text: str, topic: str) -> None:
    assert full_assistant.answer_text(full_assistant.new_session(), text).topic == topic


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # fifty-eighth session (writer 222's development half and probes). 'not X i mean Y' corrects, it denies
        # nothing: the question after it asks of Y
        ("not physio i mean a proper massage would that help", "treatment.massage"),
        ("not therapy as such more like yoga or meditation do those help with the pain", "treatment.mind_body"),
        # how a medicine is given, and whether the injection hurts, are not the article's
        ("will the octreotide injections hurt", "out_of_scope"),
        ("can i do the octreotide injections myself at home", "out_of_scope"),
        ("do steroid injections help back pain", "treatment.medications"),
        # a command asked, then its reason after a question mark
        ("can you make it louder? this waiting room is so noisy", "cmd.louder"),
        ("can you explain more? what causes it", "causes"),
        # scared is no scar; a feeling or a complaint beside a question is no subject, an outside subject still is
        ("i am scared, what helps the pain", "treatment"),
        ("nobody has explained a single thing to me or my dad and im livid. how do they work out if his back pain is from"
         " the cancer?", "diagnosis"),
        ("does scar tissue cause back pain", "cause.post_surgical_pain"),
        ("my lad twisted his ankle at netball, should he rest it or walk on it", "out_of_scope"),
    ],
)
def test_fifty_eighth_session_topics(full_assistant: Assistant, text: str, topic: str) -> None:
    assert full_assistant.answer_text(full_assistant.new_session(), text).topic == topic
