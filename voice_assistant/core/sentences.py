"""Sentences of an utterance, and whether they ask: also where a transcript has no punctuation."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from voice_assistant.core.phrases import MARKS, TokenText

__all__ = [
    "split_sentences", "conditional_at", "has_sequence", "reported_ask_before", "is_question_start", "is_question_sentence",
    "has_question", "run_on_ask", "run_on_question_start", "leading_question_end", "opening_length",
    "HEDGE_OPENINGS", "SUBJECT_PRONOUNS", "FINITE_BE",
]

_DETERMINERS: Final = frozenset({"my", "his", "her", "the", "your", "our", "their", "a", "this", "that"})
FINITE_BE: Final = frozenset({"is", "are", "was", "were"})
"""The present and past of 'be' that follow a subject ('the pain is', 'which was', 'the flushing is back')."""
_QUESTION_LEADS: Final = frozenset(
    {"what", "why", "how", "when", "where", "which", "who", "is", "are", "can", "could", "does", "do", "did",
     "should", "would", "will", "might", "may", "has", "have", "was", "were", "isnt", "doesnt", "shall", "whats", "whether"}
)
_NEGATED_LEADS: Final = frozenset(
    {"arent", "wasnt", "werent", "shouldnt", "wouldnt", "couldnt", "cant", "dont", "didnt", "wont", "hasnt", "havent",
     "mustnt", "mightnt"}
)
"""Negated auxiliaries that open a question when its subject follows ('dont they usually do an mri', 'shouldnt i be
resting', 'cant it just be my age'); without one they open a statement whose subject was left out ('cant feel my
feet', 'wasnt sure'). 'isnt' opens a question on its own (a leading question), and so does 'arent' before a plural
('arent shop bought painkillers useless')."""
_NEGATED_SUBJECTS: Final = frozenset(
    {"i", "you", "he", "she", "we", "they", "it", "there", "the", "this", "that", "these", "those", "a", "an", "my", "his",
     "her", "our", "your", "their", "someone", "anyone", "anybody", "somebody", "people", "doctors", "nurses"}
)
_LEAD_SKIP: Final = frozenset(
    {"so", "and", "but", "okay", "then", "also", "well", "now", "please", "yes", "no", "oh", "right", "sorry", "hi", "hello", "just"}
)
_OPENING_PHRASES: Final = (
    ("sorry", "to", "bother", "you"), ("sorry", "to", "trouble", "you"), ("sorry", "to", "ask"), ("sorry", "to", "be", "a", "pain"),
    ("quick", "question"), ("just", "a", "quick", "question"), ("one", "more", "question"), ("another", "question"),
    ("one", "more", "thing"), ("another", "thing"), ("one", "other", "thing"), ("by", "the", "way"), ("while", "i", "am", "here"),
)
"""A clause that only opens what follows ('sorry to bother you, is numbness serious'): the sentence is read after it."""
HEDGE_OPENINGS: Final = (("i", "think"), ("i", "guess"), ("i", "suppose"), ("i", "reckon"))
"""Hedges that open a sentence; what follows is read after them when a comma closes them or a condition follows."""


def opening_length(words: list[str]) -> int:
    """How many of words only open the sentence: lead words ('so', 'also'), commas, opening phrases ('sorry to bother
    you'), and a hedge closed by a comma or followed by 'if' ('i think, is …', 'i think if my legs …')."""
    lead = 0
    while lead < len(words):
        phrase = next((p for p in _OPENING_PHRASES if tuple(words[lead : lead + len(p)]) == p), None)
        if phrase is None and (words[lead] in _LEAD_SKIP or words[lead] == ","):
            lead += 1
            continue
        if phrase is None:
            hedge = next((p for p in HEDGE_OPENINGS if tuple(words[lead : lead + len(p)]) == p), None)
            after = lead + len(hedge) if hedge is not None else 0
            if hedge is not None and after < len(words) and words[after] in (",", "if", "hypothetically", "suppose", "supposing"):
                phrase = hedge
        if phrase is None:
            break
        lead += len(phrase)
    return lead


_REQUEST_LEADS: Final = (
    ("tell", "me"), ("explain",), ("describe",), ("i", "want", "to", "know"), ("i", "would", "like", "to", "know"),
    ("what", "about"), ("talk", "about"), ("information", "about"), ("info", "about"), ("i", "have", "a", "question"),
    ("give", "me", "a", "brief"), ("give", "me", "an", "overview"), ("give", "me", "an", "introduction"),
    ("give", "me", "a", "summary"), ("give", "me", "some", "information"), ("give", "me", "the", "basics"),
    ("give", "me", "the", "list"), ("give", "me", "the", "full"), ("give", "me", "a", "list"), ("list", "the"),
    ("go", "through", "the"), ("run", "through", "the"), ("run", "me", "through"), ("walk", "me", "through"),
    ("help", "me", "understand"), ("i", "want", "to", "talk", "to"), ("i", "would", "like", "to", "talk", "to"),
    ("kindly", "advise"), ("please", "advise"), ("advise", "me"), ("advise", "about"),
    *((lead, "me", "the", what) for lead in ("give", "gimme") for what in (
        "short", "gist", "main", "key", "quick", "bottom", "rundown", "lowdown", "headlines", "summary", "basics", "facts",
        "important", "simple")),
    ("give", "me", "a", "quick"), ("give", "me", "the", "long"),
)
_CONDITIONALS: Final = frozenset({"if", "when", "whenever", "suppose", "supposing", "case", "unless"})
_KNOW_WHEN: Final = frozenset({"know", "knows", "knew", "tell", "tells", "notice", "notices", "feel", "feels", "sure", "realise", "realize"})
"""Before 'when', these make it an object, not a condition: 'she doesnt know when she needs the loo'."""
_REPORTED_ASKS: Final = (
    ("went", "through", "the", "list"), ("went", "through", "a", "list"),
    ("asked", "about"), ("asked", "me", "about"), ("asked", "if"), ("asked", "me", "if"), ("asked", "whether"),
    ("asked", "me", "whether"), ("asking", "if"), ("asking", "me", "if"), ("asks", "if"), ("asks", "me", "if"),
    ("asking", "whether"), ("asks", "whether"), ("warned", "me", "about"), ("warned", "us", "about"), ("warned", "about"),
    ("told", "me", "about"), ("told", "me", "to", "watch"), ("watch", "out", "for"), ("look", "out", "for"), ("eye", "out", "for"),
    ("checked", "me", "for"), ("checked", "for"), ("tested", "for"), ("tested", "me", "for"), ("watch", "for"),
    ("watch", "out"), ("checking", "for"), ("check", "for"), ("looking", "for"), ("look", "for"), ("told", "to", "watch"),
    ("check", "if"), ("checking", "if"), ("checked", "if"), ("check", "whether"), ("checking", "whether"),
    ("checked", "whether"), ("see", "if", "i", "had"), ("see", "if", "i", "have"),
    ("want", "to", "know", "if"), ("wants", "to", "know", "if"), ("wanted", "to", "know", "if"),
    ("want", "to", "know", "whether"), ("wants", "to", "know", "whether"), ("wanted", "to", "know", "whether"),
    ("wondering", "if"), ("wondering", "whether"), ("wondered", "if"), ("wonders", "if"),
)
"""Words that make a symptom named after them someone's question, not a report ('the doctor asked about numbness')."""
_SEARCHES: Final = frozenset(
    {"check", "checks", "checked", "checking", "test", "tests", "tested", "testing", "examine", "examines", "examined",
     "examining", "scan", "scanned", "scanning", "screen", "screened", "screening", "watch", "watching", "watches"}
)
"""Verbs that look for a symptom when 'for' follows their object ('checked my legs for numbness')."""
_SEARCH_GAP: Final = 3
_ASK_BREAKS: Final = frozenset({"because", "cos", "coz", "since", "but", "so", "although", "though", "now"})
"""After a reported question, these start the speaker's own report ('… asked if i was ok because my legs gave way')."""
_ELIDED_MODALS: Final = frozenset({"might", "may", "must", "could", "would"})
_MODAL_LEADS: Final = frozenset({"can", "could", "will", "would", "should", "might", "may"})
_PARTICIPLES: Final = frozenset(
    {"lost", "had", "been", "got", "noticed", "felt", "started", "gone", "put", "dropped", "wet", "fallen", "tried", "taken"}
)
_SCORES: Final = frozenset({"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"})
_ELIDED_SUBJECT_ADVERBS: Final = frozenset({"only", "barely", "hardly", "scarcely", "never", "always"})
"""A modal then one of these opens a statement whose subject was left out: a question puts its subject there."""
_CLAUSE_OWNERS: Final = frozenset({"i", "my", "he", "she", "his", "her", "we", "our", "they", "their"})
_CLAUSE_LEADS: Final = frozenset(
    {"yesterday", "today", "tonight", "this", "last", "morning", "afternoon", "evening", "night", "week", "weekend", "then",
     "sure", "enough", "lo", "behold", "guess", "what", "now", "recently", "lately", "since", "suddenly"}
)
"""Words of when or how it turned out that may stand between 'and' and the subject of a report after a reported ask."""
_SUBJECT_REACH: Final = 4
_POSSESSIVES: Final = frozenset({"my", "his", "her", "their", "our"})
SUBJECT_PRONOUNS: Final = _CLAUSE_OWNERS - _POSSESSIVES
"""The pronouns that open a clause as its subject (i, he, she, we, they)."""
_NOT_AN_OBJECT: Final = frozenset({"and", "because", "but", "if", "when", ",", ".", "?", "!"}) | SUBJECT_PRONOUNS
"""Words that end a search's object before any 'for' ('checked him and he …')."""
_HAPPENINGS: Final = frozenset(
    {"went", "gave", "gone", "keep", "keeps", "kept", "started", "wont", "cant", "couldnt", "wouldnt", "stopped", "buckled",
     "collapsed", "dropped", "fell", "are", "is", "has", "have"}
)
"""Verbs that tell something happened, not a question's second half ('… and my legs went numb'); a reported question
puts its own second half in the past ('asked if my legs were numb and my bladder was ok'), a report is in the present
('asked if i had numbness and my feet are numb now')."""
_MID_QUESTION_WORDS: Final = frozenset({"what", "why", "how", "where", "which", "whats"})
_WHO_ASKS: Final = frozenset({"should", "do", "shall", "to"})
"""'who' after a comma asks when one of these follows ('…, who should i see'); else it relates ('my dad, who has …')."""
_MID_QUESTION_AUX: Final = frozenset({"could", "can", "should", "will", "would", "does", "do", "is", "are"})
_ASKED_AFTER_BUT: Final = frozenset(
    {"numbness", "tingling", "weakness", "incontinence", "pins", "pain", "back", "the", "a", "my", "his", "her", "their", "this",
     "that", "it", "there"}
)
"""After 'but' or 'so', an auxiliary before these opens a question ('my walking is fine but is numbness serious')."""
_REPORT_TIME_ENDS: Final = frozenset(
    {"yesterday", "today", "tonight", "now", "lately", "recently", "ago", "week", "weeks", "moment"}
)
"""Words of when that end a report run into a question without a break ('… yesterday do the …')."""
_JUDGED: Final = frozenset({"okay", "ok", "alright", "safe", "good", "bad", "normal", "fine", "dangerous", "serious", "worth"})
"""Words that judge a thing named after 'is' ('is ibuprofen okay'): the question run on after a report's 'when'."""
_AUX_SUBJECTS: Final = frozenset(
    {"this", "that", "it", "i", "you", "there", "he", "she", "we", "they",
     "ice", "heat", "surgery", "massage", "acupuncture", "yoga", "exercise", "radiation", "someone", "cancer",
     "people", "anyone", "anybody", "patients"}
)
_WH_WORDS: Final = frozenset({"how", "why", "what", "where"})
_JOINED_ASKS: Final = frozenset({"how", "why", "what", "whats", "where", "which"})
"""After a comma and a joiner ('…, and how long …'), these start a question of its own."""
_AFTER_AT_ALL: Final = frozenset({"i", "he", "she", "we", "they", "my", "his", "her", "it", "its"})
"""A subject after 'at all' starts a new sentence in an unpunctuated transcript ('not numb at all i can walk fine')."""
_EMBEDDED_SUBJECTS: Final = frozenset({"my", "his", "her", "our", "their", "i", "he", "she", "we"})
_WHEN_AUX: Final = frozenset({"do", "does", "did", "should", "will", "would", "can", "could", "is", "are", "might", "must"})
_RUN_ON_MODALS: Final = frozenset({"can", "could", "would", "will", "should", "might"})
_RUN_ON_SUBJECTS: Final = frozenset(
    {"the", "it", "this", "that", "there", "i", "you", "he", "she", "we", "they", "a", "an", "my", "his", "her", "physio",
     "steroids", "painkillers", "heat", "ice", "walking", "swimming", "stretching", "meditation", "chiropractor", "chiropractic"}
)
_TREATMENT_SUBJECTS: Final = frozenset(
    {"chiropractors", "chiropractor", "chiropractic", "massage", "massages", "acupuncture", "yoga", "exercise", "exercises",
     "surgery", "radiotherapy", "radiation", "chemo", "physio", "physiotherapy", "stretches", "stretching", "painkillers",
     "tablets", "medication", "medications", "medicines", "steroids", "octreotide", "ibuprofen", "paracetamol", "heat",
     "ice", "swimming", "walking", "meditation", "counselling", "counseling", "diet", "rest", "opioids", "morphine",
     "corticosteroids", "nsaids", "acetaminophen", "somatostatin", "physical", "cold", "oxycodone", "tramadol", "codeine",
     "fentanyl", "gabapentin", "pregabalin", "naproxen", "tylenol", "lanreotide", "breathing", "relaxation", "mindfulness",
     "pilates", "hydrotherapy", "tens"}
)
"""Things people ask about by name: after 'do', 'does', 'is', 'are' or a modal in mid-utterance they make a question
('… and do steroids help', '… on my spine is massage safe for it', '… can chiropractors do anything')."""
_RUN_ON_AUX: Final = frozenset({"do", "does", "is", "are"})
_ASKED_VERBS: Final = frozenset(
    {"make", "help", "cause", "mean", "ease", "affect", "relieve", "cure", "shrink", "spread", "reduce", "improve", "heal",
     "matter", "count", "say", "mention", "cover"}
)
"""Verbs that a question run on after a report asks with, its subject between ('… does stress make it worse'); straight
after the auxiliary they are its emphasis ('the pain does make me cry')."""
_ASKED_ING: Final = frozenset({"making", "causing", "helping", "affecting", "spreading"})
"""The same asking verbs in '-ing' right after the subject ('… is stress making it worse', '… could it be causing')."""
_ASKED_PERSONS: Final = frozenset({"he", "she", "i", "we", "they"})
_PERSON_ASKS: Final = frozenset({"allowed", "ok", "okay", "safe", "able", "supposed", "meant", "likely", "going"})
"""After a mid-utterance 'is she' / 'are they', these make it a question ('… is she allowed panadol')."""
_ADVERBS: Final = frozenset({"sometimes", "really", "actually", "always", "often", "still", "just", "even", "also", "not", "never", "usually"})
"""Nor after one of these ('my legs do sometimes make me fall')."""
_ASKS_ANYWHERE: Final = (
    ("wanted", "to", "know"), ("want", "to", "know"), ("wants", "to", "know"), ("like", "to", "know"), ("tell", "me", "about"),
    ("wondering", "about"), ("wondering", "if"), ("wondering", "whether"), ("to", "ask", "about"),
    ("wanted", "the", "bit", "about"), ("want", "the", "bit", "about"), ("wanted", "the", "part", "about"),
    ("want", "the", "part", "about"), ("asking", "about", "the"), ("hear", "about"), ("know", "more", "about"),
)
"""Requests for information wherever they stand in a sentence ('there is no numbness only i want to know about the diet')."""
_AND_WH_NEXT: Final = frozenset({"you", "do", "does", "is", "are", "can", "could", "should", "would", "will"})
_THAT_IS_ASKS: Final = frozenset(
    {"the", "a", "an", "normal", "serious", "something", "bad", "dangerous", "usual", "common", "why", "because", "safe", "okay",
     "alright", "worth", "wise", "possible", "better"}
)
"""After a mid-utterance 'is that' / 'is this', these make it a question ('… since this morning is that the spinal cord thing')."""
_THAT_IS_NAMES: Final = frozenset(
    "inflammation inflamed cancer cancers cancel tumour tumours tumor tumors net nets nerve nerves cord spinal spine arthritis "
    "fracture fractures fractured break broken spread spreading metastasis metastases radiation radiotherapy chemo "
    "chemotherapy surgery operation hormones hormone hormonal stress muscle muscles disc sciatica".split()
)
"""What 'is that' / 'is this' asks about even after 'it' ('… when i press it is that inflammation'): a cause named."""
_THAT_IS_STATEMENTS: Final = frozenset(
    "problem thing trouble worry fear point issue reason truth fact idea hope news answer difference result only".split()
)
"""Nouns after which 'is that …' states ('the problem is that the tumour is big')."""
_RUN_ON_BEFORE: Final = frozenset({"i", "you", "he", "she", "we", "they", "it", "that", "which", "who", "this", "there", "what", "to", "not"})
_NOT_BEFORE_MID_LEAD: Final = frozenset(
    {"i", "you", "he", "she", "we", "they", "it", "that", "which", "who", "this", "there", "what", "to", "and", "not",
     "if", "know", "wonder", "tell", "ask", "asking", "see", "sure", "matter", "no", "is", "are", "am", "was", "like"}
)
_SENSED_BEFORE: Final = frozenset(
    {"feel", "feels", "felt", "notice", "notices", "noticed", "remember", "remembers", "remembered", "realise",
     "realised", "realize", "realized", "knew", "knows", "forget", "forgot", "saw", "seen", "watch", "watched", "showed"}
)
"""What a sense or the memory takes in is no question ('she couldnt feel how hot the bath was'); a modal after these
still asks ('he didnt even notice could that be the cord')."""
_PAIN_NOUNS: Final = frozenset({"pain", "pains", "ache", "aches", "backache", "back", "neck", "legs", "leg"})
_RELATIVE_NEXT: Final = frozenset(
    {"has", "had", "keeps", "kept", "makes", "made", "started", "starts", "came", "comes", "gets", "got", "means",
     "meant", "wakes", "woke", "goes", "went", "seems", "feels", "felt", "stops", "stopped", "i", "he", "she", "they", "we"}
)
"""After 'which' in mid-utterance, these make it a relative clause ('back pain which is new', 'which keeps me up')."""
_WHICH_IS_ASKS: Final = frozenset({"the", "a", "an", "better", "best", "worse", "worst", "more", "most", "safer", "right"})


_NEGATED_RUN_ON: Final = _NEGATED_LEADS - {"arent", "wasnt", "werent", "hasnt", "havent"}
"""In mid-utterance, a negated modal or 'do' before a subject opens a question: a statement puts its subject first."""
_TOLD_VERBS: Final = frozenset(
    {"had", "has", "have", "was", "were", "am", "is", "are", "did", "got", "went", "felt", "fell", "said", "told",
     "thought", "knew", "could", "would", "managed", "tried", "ended", "needed"}
)
"""After a negated modal and a subject, these show a new clause that tells ('… i just couldnt i had to go up on my
bum'): a question puts a bare verb there ('… shouldnt they be scanning me')."""
_NEGATED_JUDGED: Final = frozenset(
    {"meant", "supposed", "good", "bad", "safe", "better", "helpful", "useful", "recommended", "okay", "ok", "enough",
     "dangerous", "risky", "worth"}
)
"""After 'isnt' + a treatment named in mid-utterance, these make it a question ('… isnt walking meant to be good')."""


_WHERE_ASKS: Final = frozenset(
    {"is", "are", "was", "were", "am", "do", "does", "did", "can", "could", "should", "shall", "will", "would", "might",
     "must", "has", "have", "to", "else", "exactly", "abouts"}
)
"""After 'where' in mid-utterance, only these make it a question, which puts its verb first ('where is it', 'where do
i go', 'where to get help'); anything else makes it a relative clause ('a programme last night where a man lost ...',
'a point on the spine where it is sore to press') or a contrast ('sharp where before it was dull')."""


def _relative_clause(tokens: tuple[str, ...], index: int) -> bool:
    """True when the 'which' at index opens a relative clause ('pain which is new'), not a question ('which is better');
    likewise 'where' before a noun phrase ('the film where a woman collapses', not 'where can i get help'), and 'what'
    before 'used to' ('took me half an hour to walk what used to take five', 'he cant do what he used to')."""
    if tokens[index] == "what" and index + 1 < len(tokens):
        return tokens[index + 1] == "used" or (index + 2 < len(tokens) and tokens[index + 2] == "used"
                                               and tokens[index + 1] in ("i", "he", "she", "we", "they", "you"))
    if tokens[index] == "where" and index + 1 < len(tokens):
        return tokens[index + 1] not in _WHERE_ASKS
    if tokens[index] != "which" or index + 1 >= len(tokens):
        return False
    following = tokens[index + 1]
    if following in FINITE_BE:
        return index + 2 < len(tokens) and tokens[index + 2] not in _WHICH_IS_ASKS
    return following in _RELATIVE_NEXT


def _closes_relative(tokens: tuple[str, ...], start: int, index: int) -> bool:
    """True when the comma at index closes a relative clause that a comma opened ('my dad, who lives with us, is
    …'): what follows is the sentence's own verb, no question."""
    opening = max((p for p in range(start, index) if tokens[p] == ","), default=-1)
    if opening < 0 or opening + 2 >= index or tokens[opening + 1] not in ("who", "which"):
        return False
    if tokens[opening + 1] == "who":
        return tokens[opening + 2] not in _WHO_ASKS
    return _relative_clause(tokens, opening + 1)


_SUBJECT_WORDS: Final = 5
"""At most this many words make a subject that a pause parts from its verb ('the right leg i mean , is numb')."""


def _verb_after_its_subject(tokens: tuple[str, ...], start: int, index: int) -> bool:
    """True when the comma at index parts a subject from its verb: a short phrase that opens with a determiner and
    has no verb, then 'is' or 'are' with no subject of its own after it ('the right leg , is numb', 'his feet i mean ,
    are numb'; not 'the pain in my back , is it normal' or 'my back , is this normal')."""
    if index + 2 >= len(tokens) or tokens[index + 1] not in FINITE_BE:
        return False
    after = tokens[index + 2]
    if after in MARKS or after in _AUX_SUBJECTS or after in _DETERMINERS or after in _QUESTION_LEADS:
        return False
    opening = max((p for p in range(start, index) if tokens[p] in MARKS), default=start - 1)
    words = list(tokens[opening + 1 : index])
    if words[-2:] == ["i", "mean"]:
        words = words[:-2]
    return (
        0 < len(words) <= _SUBJECT_WORDS and words[0] in _DETERMINERS
        and not any(word in _QUESTION_LEADS for word in words[1:])  # (words holds no mark: it starts after the last)
    )


_STATEMENT_OWNERS: Final = _CLAUSE_OWNERS | {"nothing", "it", "its", "everything"}
"""Words that open a statement after a question and a comma ('is it normal, my legs are numb')."""
_GERUND_VERBS: Final = frozenset({"is", "was", "makes", "made", "hurts", "helps", "eases", "kills"})
"""Verbs after an activity that opens a statement ('standing is agony', 'walking makes it worse')."""


_TELLING_JOINS: Final = frozenset({"also", "plus"})
"""After a question, these then a subject open a statement where a transcript has no full stop ('… usually take also i
keep stumbling')."""


_REASONS: Final = frozenset({"because", "cos", "coz", "cuz", "cause", "as"})
_REASON_OWNERS: Final = _CLAUSE_OWNERS | {"when", "the", "it", "its", "nothing", "now", "since"}
_PRONOUN_SUBJECTS: Final = frozenset({"i", "he", "she", "we"})
_STRANDED_PREPOSITIONS: Final = frozenset({"about", "for", "with", "of", "on", "from", "in", "at"})


_RUN_ON_OWNERS: Final = frozenset({"the", "my", "his", "her"})
_RUN_ON_VERBS: Final = frozenset(
    {"is", "are", "was", "were", "has", "have", "keeps", "keep", "feels", "feel", "hurts", "aches", "gets", "started", "went"}
)
_SUBJECT_VERBS: Final = frozenset(
    {"had", "have", "am", "was", "cant", "keep", "get", "got", "feel", "started", "went", "wet", "fell", "picked", "lifted",
     "bent", "reached", "tried", "woke", "noticed", "felt", "stood", "couldnt", "collapsed", "lost"}
)
"""After 'i', 'he', 'she' or 'we' run on after a question that ended on a noun, these tell ('does the cancer spread to
the spine i had the carcinoid out two years ago')."""
_NOT_BEFORE_SUBJECT: Final = frozenset(
    {"and", "but", "so", "or", "if", "when", "because", "that", "what", "how", "why", "where", "which", "who", "as", "than",
     "then", "until", "till", "while", "once", "do", "does", "did", "should", "would", "could", "can", "will", "might",
     "must", "may", "shall", "am", "is", "are", "was", "were", "have", "has", "had", "know", "think", "say", "said"}
)
_OWNER_OBJECT_VERBS: Final = frozenset(
    {"is", "are", "was", "were", "does", "do", "did", "can", "could", "will", "would", "should", "about", "for", "with",
     "of", "in", "on", "to", "from", "help", "ease", "make", "makes", "cause", "treat", "relieve", "stop"}
)
"""Before these a noun phrase is the question's own subject or object ('is the pain …', 'does heat help the pain')."""


def _tells_after_question(tokens: tuple[str, ...], index: int) -> bool:
    """True when a statement opens at index after a question where a transcript has no full stop: 'also' or 'plus'
    then a subject ('… usually take also i keep stumbling'), a reason ('would an operation help because i can hardly
    walk', not 'because of'), 'only' then a pronoun ('… watch for only i collapsed'), or a pronoun straight after a
    preposition, where the question broke off ('see the doctor about i cant go'), 'i mean', or a subject with its
    verb run on after a question that ended on a noun ('is it the nerves the pain is getting worse')."""
    if index + 1 >= len(tokens):
        return False
    token, following = tokens[index], tokens[index + 1]
    if token in _TELLING_JOINS:
        return following in _CLAUSE_OWNERS
    if token in _REASONS:
        return following in _REASON_OWNERS and not (token == "as" and following in ("the", "it", "its", "when", "now", "since"))
    if token == "only":
        return following in _PRONOUN_SUBJECTS
    if token == "i" and following == "mean":
        return True  # 'would yoga help i mean the pain is constant'
    if token in _RUN_ON_OWNERS and index > 0 and tokens[index - 1] not in _OWNER_OBJECT_VERBS:
        after = tokens[index + 2 : index + 4]
        return any(t in _RUN_ON_VERBS for t in after) and not MARKS.intersection(tokens[index + 1 : index + 4])
    if token in _PRONOUN_SUBJECTS and index > 0 and tokens[index - 1] in _STRANDED_PREPOSITIONS and following not in MARKS:
        return True
    return (
        token in _PRONOUN_SUBJECTS and index > 1 and following in _SUBJECT_VERBS
        and tokens[index - 1] not in _NOT_BEFORE_SUBJECT and tokens[index - 1] not in MARKS
        and tokens[index - 1] not in _PRONOUN_SUBJECTS
    )


def _statement_after(tokens: tuple[str, ...], index: int) -> bool:
    """True when a statement opens after the comma at index: a subject ('my legs are …', 'nothing helps') or an
    activity as subject ('standing is agony')."""
    following = tokens[index + 1 : index + 3]
    if not following:
        return False
    if following[0] in _STATEMENT_OWNERS:
        return True
    return len(following) == 2 and following[0].endswith("ing") and following[1] in _GERUND_VERBS


def _asks_so_far(tokens: tuple[str, ...], start: int, index: int) -> bool:
    """True when the words from start to index are a question of three words or more, before any 'if' or 'when'
    that would make what follows part of it ('what do i do if, …')."""
    words = [t for t in tokens[start:index] if t not in MARKS]
    return len(words) >= 3 and is_question_sentence(words, False) and not {"if", "when", "whether"} & set(words[1:])


_PLACE_PREPOSITIONS: Final = frozenset({"on", "in", "into", "at", "from", "under", "over", "round", "around"})


def _what_before_place(tokens: tuple[str, ...], index: int) -> bool:
    """True when a mid-utterance 'what' is followed by a place ('cant feel the back what on his legs': a misheard word,
    'water'), which starts no question; 'what on earth …' still does."""
    return (
        tokens[index] == "what" and index + 1 < len(tokens) and tokens[index + 1] in _PLACE_PREPOSITIONS
        and (index + 2 >= len(tokens) or tokens[index + 2] != "earth")
    )


def _inverted_after_only(tokens: tuple[str, ...], start: int, index: int) -> bool:
    """True when the auxiliary at index is the inversion after 'only when …' or 'only if …' ('only when i lie flat
    does it ease'): a statement, not a question run on."""
    words = [t for t in tokens[start:index] if t not in MARKS]
    return (
        len(words) >= 3 and words[0] == "only" and words[1] in ("when", "if", "after", "once")
        and tokens[index] in _MID_QUESTION_AUX
    )


_ASKED_AFTER_IT: Final = frozenset({"other", "else", "can", "could", "should", "would", "do", "does"})


def _asks_after_it(tokens: tuple[str, ...], index: int) -> bool:
    """True when a question word after 'it' opens a question ('… paracetamol isnt touching it what other medications
    are there'), not an object clause ('is it what i think')."""
    return tokens[index - 1] == "it" and tokens[index] in ("what", "how", "which") and (
        index + 1 < len(tokens) and tokens[index + 1] in _ASKED_AFTER_IT
    )


def split_sentences(text: TokenText) -> list[tuple[int, int]]:
    """Sentence spans (start, end) of tokenised text, also where a transcript has no punctuation.

    A question starting in mid-utterance ('my legs gave out can this cancer spread') starts a new
    sentence: a question word after at least two words, not after a pronoun or 'to'.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    tokens = text.tokens
    for index, token in enumerate(tokens):
        if token in (".", "?"):
            if index > start:
                spans.append((start, index + 1))
            start = index + 1
        elif (
            (token in _MID_QUESTION_WORDS or (
                token in _MID_QUESTION_AUX and index + 1 < len(tokens) and (
                    tokens[index + 1] in _AUX_SUBJECTS
                    # a report ended by when, then a question of a plural subject ('i collapsed yesterday do the
                    # hormones cause weakness', 'it wakes me every night now are the stronger painkillers an option')
                    or tokens[index + 1] == "the" and tokens[index - 1] in _REPORT_TIME_ENDS and token in ("do", "are")
                    # ('i have got a head cold at the moment is ibuprofen okay to take for a sore back')
                    or token == "is" and tokens[index - 1] in _REPORT_TIME_ENDS and index + 2 < len(tokens)
                    and tokens[index + 2] in _JUDGED
                )
                and (tokens[index - 2] not in _DETERMINERS or tokens[index - 1] in _REPORT_TIME_ENDS)  # 'my back is
                # there all the time' is no question ('… at the moment is ibuprofen okay' is)
                and tokens[index - 1] not in _PAIN_NOUNS  # nor 'my dads back pain is there all the time'
            ))
            and index - start >= 2
            and (tokens[index - 1] not in _NOT_BEFORE_MID_LEAD or _asks_after_it(tokens, index))
            and not (token in _MID_QUESTION_WORDS and tokens[index - 1] in _SENSED_BEFORE)
            and tokens[index - 1] not in MARKS
            and index + 1 < len(tokens)
            and tokens[index + 1] not in MARKS
            and not _relative_clause(tokens, index)
            and not _inverted_after_only(tokens, start, index)
            and not _what_before_place(tokens, index)
        ):
            spans.append((start, index))
            start = index
        elif (
            token in _MID_QUESTION_AUX and index - start >= 3 and tokens[index - 1] in ("but", "so") and index + 2 < len(tokens)
            and tokens[index + 1] in _ASKED_AFTER_BUT and tokens[index + 2] not in MARKS
        ):
            spans.append((start, index))  # 'my walking is fine but is numbness serious'
            start = index
        elif (
            token == "when" and index - start >= 2 and index + 2 < len(tokens) and tokens[index + 1] in _WHEN_AUX
            and tokens[index - 1] in ("but", "so", "and", "just", "wondering") and tokens[index + 2] not in MARKS
        ):
            spans.append((start, index))  # 'not got any weakness in my legs, but when does weakness mean hospital'
            start = index
        elif (
            token == "," and index + 1 < len(tokens) and tokens[index + 1] in _QUESTION_LEADS and index > start
            and not _relative_clause(tokens, index + 1)  # 'my neck is sore, which is new, and i had cancer'
            and not _closes_relative(tokens, start, index)  # 'my brother, who i care for, is breathing really fast'
            and not _verb_after_its_subject(tokens, start, index)  # 'the right leg i mean, is numb'
            and not _not_this_but_that([t for t in tokens[start : index + 3] if t not in MARKS])  # 'isnt my back, is my legs'
        ):
            if tokens[index + 1] in ("what", "whats", "why", "how", "where", "which", "could", "should", "can", "is", "does", "do", "will", "would", "are") or (
                tokens[index + 1] == "who" and index + 2 < len(tokens) and tokens[index + 2] in _WHO_ASKS
            ) or (  # 'sorry to bother you, when should i see a doctor about numbness' (not ', when i walk')
                tokens[index + 1] == "when" and index + 2 < len(tokens) and tokens[index + 2] in _WHEN_AUX
            ):  # 'numb down there during sex, who should i see about it?' (not 'my husband, who has cancer')
                spans.append((start, index + 1))
                start = index + 1
        elif (
            token == "," and index + 3 < len(tokens) and index > start and tokens[index + 1] in ("and", "but", "so")
            and (tokens[index + 2] in _JOINED_ASKS or (tokens[index + 2] == "when" and tokens[index + 3] in _WHEN_AUX))
            and tokens[index + 3] not in MARKS and not _closes_relative(tokens, start, index)
        ):
            spans.append((start, index + 1))  # '… new back pain thats never been there before, and how long is recovery'
            start = index + 1
        elif _tells_after_question(tokens, index) and _asks_so_far(tokens, start, index):
            spans.append((start, index))  # 'how long does recovery take also i keep stumbling': asked, then told
            start = index
        elif token == "," and _statement_after(tokens, index) and _asks_so_far(tokens, start, index):
            spans.append((start, index + 1))  # 'what painkiller is best, nothing ive tried touches it': asked, then told
            start = index + 1
        elif (
            token == "all" and tokens[index - 1] == "at" and index - start >= 3 and index + 2 < len(tokens)
            and tokens[index + 1] in _AFTER_AT_ALL and tokens[index + 2] not in MARKS
        ):
            spans.append((start, index + 1))  # 'i dont feel dizzy or unsteady at all i am steady on my feet': two
            start = index + 1  # sentences run together, the first closed by its 'at all'
    if start < len(tokens):
        spans.append((start, len(tokens)))
    return spans


def conditional_at(tokens: tuple[str, ...] | list[str], index: int) -> bool:
    """True when tokens[index] opens a condition ('if', 'when I walk'), not an object ('know when')."""
    if tokens[index] not in _CONDITIONALS:
        return False
    return not (tokens[index] == "when" and index > 0 and tokens[index - 1] in _KNOW_WHEN)


def has_sequence(words: tuple[str, ...] | list[str], sequences: tuple[tuple[str, ...], ...]) -> bool:
    """True when one of sequences stands in words, word for word ('asked about' in 'the nurse asked about it')."""
    return any(tuple(words[i : i + len(seq)]) == seq for seq in sequences for i in range(len(words) - len(seq) + 1))


def reported_ask_before(tokens: tuple[str, ...] | list[str], start: int, position: int) -> bool:
    """True when a reported question ('asked about', 'look out for') comes between start and position, with no
    reason or contrast after it ('my wife asked if i am ok because my legs keep giving way' reports)."""
    words = tokens[start:position]
    for ask in _REPORTED_ASKS:
        for i in range(len(words) - len(ask) + 1):
            if tuple(words[i : i + len(ask)]) == ask and not _answered(words[i + len(ask) :]):
                return True
    # a search with its object between ('i have checked my legs for numbness', 'she checks her feet for …')
    for i, word in enumerate(words):
        if word in _SEARCHES:
            for j in range(i + 2, min(i + 2 + _SEARCH_GAP, len(words))):
                if words[j] == "for":
                    if not _answered(words[j + 1 :]):
                        return True
                    break
                if words[j] in _ASK_BREAKS or words[j] in _NOT_AN_OBJECT:
                    break
    return False


def _answered(words: tuple[str, ...] | list[str]) -> bool:
    """True when the words after a reported question start the speaker's own report: a reason or contrast, a 'yes',
    or a new clause after a comma ('the nurse asked if i had numbness and i said yes, my feet are numb')."""
    return any(
        word in _ASK_BREAKS or word == "yes"
        or (word == "," and index + 1 < len(words) and words[index + 1] in _CLAUSE_OWNERS)
        or (word == "and" and _subject_follows(words, index + 1))
        for index, word in enumerate(words)
    )


def _subject_follows(words: tuple[str, ...] | list[str], index: int) -> bool:
    """True when a subject pronoun opens a clause at index, after at most a few words of when or how it turned out
    ('… told to watch for weight loss and she has dropped half a stone', '… and yesterday i couldnt feel the paper',
    '… and sure enough he has'); a possessive only with a verb of something happening, as it may still be the
    question's ('asked if my legs were numb and my bladder was ok')."""
    for at, word in enumerate(words[index : index + _SUBJECT_REACH], start=index):
        if word in SUBJECT_PRONOUNS:
            return True
        if word in _POSSESSIVES:  # '… and his legs gave way today': a possessive with a verb of something happening
            return any(w in _HAPPENINGS for w in words[at + 2 : at + 4])
        if word not in _CLAUSE_LEADS:
            return False
    return False


_CLEFT_OPENERS: Final = frozenset({
    "isnt", "wasnt", "arent", "werent", "worries", "worried", "scares", "scared", "frightens", "frightened", "bothers",
    "bothered", "concerns", "concerned", "terrifies", "terrified", "upsets", "upset", "gets",
})
"""After 'what', these open a cleft statement when a copula follows ('what worries me is …'), not a question."""


def _opens_a_cleft(words: list[str]) -> bool:
    """True for 'what' + a negated copula or a verb of worry + 'is'/'was' a few words on: 'what isnt normal is my legs',
    'what is not right is the numbness', 'what frightened me was he fell' tell what is wrong; they ask nothing."""
    if len(words) < 4 or words[0] != "what":
        return False
    start = 2 if words[1] in _CLEFT_OPENERS else 3 if tuple(words[1:3]) in (("is", "not"), ("was", "not")) else 0
    return start > 0 and any(word in FINITE_BE for word in words[start : start + 4])


_CONTRASTED_OWNERS: Final = frozenset({"my", "his", "her", "their", "our", "the"})


def _not_this_but_that(words: list[str]) -> bool:
    """True for 'isnt' + a thing someone has, then 'is'/'its' + another a few words on: 'isnt my back doctor is my
    legs', 'isnt the pain its the numbness' tell which is wrong, with 'it' left out ('isnt it …' still asks)."""
    if len(words) < 5 or words[0] != "isnt" or words[1] not in _CONTRASTED_OWNERS:
        return False
    return any(
        words[i] in ("is", "its") and words[i + 1] in _CONTRASTED_OWNERS for i in range(3, min(len(words) - 1, 7))
    )


def is_question_start(words: list[str]) -> bool:
    """True when words start like a question ('is numbness …', 'when should I …'; not 'when I laugh …')."""
    if not words:
        return False
    if words[0] == "when":
        return len(words) > 1 and words[1] in _WHEN_AUX
    if words[0] in _WH_WORDS and len(words) > 1 and words[1] in _EMBEDDED_SUBJECTS:
        return False  # 'and how my neck hurts': no question without its auxiliary ('now' heard as 'how')
    if _opens_a_cleft(words):
        return False  # 'what isnt normal is my legs are so heavy', 'what scares me is the numbness': a statement
    if words[0] in _ELIDED_MODALS and len(words) > 1 and words[1] == "be":
        return False  # 'might be the new tablets but i cant get a wee out': 'it' left out, a statement
    if words[0] in _MODAL_LEADS and len(words) > 2 and words[1] in _ELIDED_SUBJECT_ADVERBS:
        return False  # 'can only ease the pain by lying down', 'could barely stand': 'i' left out, a statement
    if words[0] in ("have", "has", "had") and len(words) > 1 and words[1] in _PARTICIPLES:
        return False  # 'have lost about six kilos in a month': 'i' left out, a statement ('have you lost …' asks)
    if _not_this_but_that(words):
        return False  # 'isnt my back doctor is my legs': 'it' left out twice, what is wrong set against what is not
    if words[0] in ("was", "is") and len(words) > 2 and words[1] in ("a", "an") and words[2] in _SCORES:
        return False  # 'was a three out of ten last month, now its an eight': 'it' left out, a pain score
    if words[0] in _NEGATED_LEADS and len(words) > 2:
        # 'dont they usually do an mri', 'arent there other treatments', 'arent shop bought painkillers useless'
        return words[1] in _NEGATED_SUBJECTS or words[1] in _TREATMENT_SUBJECTS or (
            words[0] == "arent" and words[1] not in _ADVERBS and not words[1].endswith(("ing", "ed"))
        )
    return words[0] in _QUESTION_LEADS


def is_question_sentence(words: list[str], ends_with_question_mark: bool) -> bool:
    """True for a question or a request for information ('tell me about …'), by its first words."""
    lead = min(opening_length(words), max(len(words) - 1, 0))
    rest = words[lead:]
    if ends_with_question_mark or is_question_start(rest):
        return True
    return any(tuple(rest[: len(request)]) == request for request in _REQUEST_LEADS)


def has_question(canonical: str) -> bool:
    """True when any sentence of canonical text asks something, also where a transcript runs a report into a
    question without a break ('my legs feel heavy and weak can the cancer have spread to my spine')."""
    text = TokenText.from_canonical(canonical)
    if any(
        is_question_sentence([t for t in text.tokens[start:end] if t not in MARKS], text.tokens[end - 1] == "?")
        for start, end in split_sentences(text)
    ):
        return True
    tokens = text.tokens
    if has_sequence(tokens, _ASKS_ANYWHERE):
        return True  # 'no numbness, i just wanted to know about yoga'
    return any(run_on_ask(tokens, i) for i in range(3, len(tokens) - 1))


_OPENING_FILLERS: Final = frozenset({"um", "umm", "uh", "er", "erm", "uhm", "hmm", "ah", "oh", "eh", "mm", "well", "so", "ok", "okay", "right", "and"})
_SUPPOSING_LEADS: Final = frozenset({"if", "hypothetically", "suppose", "supposing", "say", "when"})


def run_on_question_start(words: list[str]) -> int | None:
    """Where a question run on after a report starts in unpunctuated words ('my husbands legs have gone weak would he
    need an operation' → 5), or None: a modal before a subject, or an auxiliary before a named treatment."""
    lead = 0
    while lead < len(words) and words[lead] in _OPENING_FILLERS:
        lead += 1
    if lead == len(words) or words[lead] in _SUPPOSING_LEADS:
        return None  # 'if i couldnt feel my feet one day what would i do': the condition is the question's
    text = TokenText.from_canonical(" ".join(words[lead:]))
    tokens = text.tokens
    spans = split_sentences(text)
    if not spans or is_question_sentence(list(tokens[spans[0][0] : spans[0][1]]), False):
        return None  # the input opens with its question ('what tests will they do is it an mri')
    later = [start for start, end in spans[1:] if is_question_sentence(list(tokens[start:end]), False)]
    run_on = next((i for i in range(3, len(tokens) - 1) if run_on_ask(tokens, i)), None)
    starts = later[:1] + ([run_on] if run_on is not None else [])
    start = min(starts, default=None)  # the earlier of a later question sentence and a run-on ask
    if start is None or has_sequence(tokens[:start], _ASKS_ANYWHERE):
        return None  # 'my nan wants to know the causes can you go through them': the request came first
    return lead + start


def leading_question_end(words: list[str]) -> int | None:
    """Where a question that opens unpunctuated words ends when a statement follows it ('would an operation help
    because i can hardly walk' → 4), or None: no question first, or another question later."""
    lead = 0
    while lead < len(words) and words[lead] in _OPENING_FILLERS:
        lead += 1
    text = TokenText.from_canonical(" ".join(words[lead:]))
    tokens = text.tokens
    if len(tokens) != len(words) - lead:
        return None  # the words did not map one to one onto tokens
    spans = split_sentences(text)
    if len(spans) < 2:
        return None
    first = [t for t in tokens[spans[0][0] : spans[0][1]] if t not in MARKS]
    while len(first) > 1 and first[0] in _LEAD_SKIP:
        first = first[1:]
    if not is_question_start(first):
        return None  # no question first; nor a request ('tell me more, my surgery is next month' names its subject after)
    if any(is_question_sentence(list(tokens[start:end]), False) for start, end in spans[1:]) or any(
        run_on_ask(tokens, i) for i in range(spans[1][0], len(tokens) - 1)
    ):
        return None  # more is asked later ('… my back is sore all the time is that the tumour growing')
    return lead + spans[0][1]


_PAIN_IS_ASKS: Final = frozenset({"one", "a", "normal", "common", "usual", "expected", "likely", "part", "typical"})
"""What follows 'is (back) pain' when a report runs on into asking about it ('… is back pain one of the side effects')."""
_PAIN_VERDICTS: Final = _PAIN_IS_ASKS | {"okay", "ok", "alright", "serious", "bad", "dangerous", "something", "worrying"}
_SYMPTOM_HEADS: Final = frozenset(
    {"pain", "pains", "ache", "aching", "weakness", "numbness", "tingling", "pins", "incontinence", "leaking", "tiredness",
     "fatigue", "sweating", "sweats", "breathlessness", "cramp", "cramps", "stiffness", "heaviness", "swelling", "lump",
     "loss"}
)
"""A symptom's own word: after a mid-utterance 'is' / 'are' and before what asks about it, a question ('… is leg
weakness one of the symptoms', '… are night sweats a sign', '… is weight loss one of the symptoms')."""
_SYMPTOM_PLACES: Final = frozenset(
    {"back", "leg", "legs", "arm", "arms", "night", "nerve", "bladder", "bowel", "bone", "chest", "neck", "hip", "rib",
     "shooting", "sharp", "sudden", "new", "constant", "this", "that", "such", "bad", "weight", "appetite"}
)
"""Words of where, when or what kind before a symptom's own word ('leg weakness', 'night sweats', 'shooting pains')."""
_DO_AUX: Final = frozenset({"do", "does", "did"})
_DO_SUBJECTS: Final = frozenset({"they", "you", "i", "we", "doctors", "surgeons", "he", "she"})
_DO_ADVERBS: Final = frozenset({"usually", "normally", "ever", "always", "still", "actually", "really", "often", "generally"})
_DO_ASKS: Final = frozenset(
    {"operate", "treat", "give", "use", "scan", "test", "check", "recommend", "prescribe", "offer", "fix", "remove", "need",
     "think", "know", "have", "get", "do", "cut", "try", "suggest", "send", "find"}
)
"""After a mid-utterance 'do' / 'does' / 'did' and its subject, verbs that ask ('… off the floor do they operate for spinal
cord compression', '… do you think its the cord', '… does he need a scan'); 'do' as a verb takes no subject pronoun
after it ('i cant do it')."""
_PAIN_WHEN: Final = frozenset({"after", "from", "with", "during", "at", "in", "when", "following", "since"})
"""'is pain after …', 'is pain at night …': the pain asked about is placed before the asking word ('… is pain after surgery
normal')."""


_WONDERED: Final = frozenset({"if", "whether", "about", "what", "how", "why", "when", "where", "which", "who"})
_CHECKED_WORDS: Final = frozenset({"right", "true", "correct", "accurate"})
_WANTED: Final = frozenset({"want", "wanted", "wanting"})
_POINTING_BACK: Final = frozenset({"it", "its", "that", "they", "them"})
_TO_ASK: Final = frozenset({"ask", "know", "check"})


def run_on_ask(tokens: tuple[str, ...], i: int) -> bool:
    """True when a word in mid-utterance opens a question run on after a report: a modal before a subject ('… my legs
    gave out can the cancer spread'), an auxiliary before a named treatment ('… and do steroids help') or before a
    subject and an asking verb ('… does stress make it worse'), or 'is that' about what was just said ('… since this
    morning is that the spinal cord thing')."""
    word, following, before = tokens[i], tokens[i + 1], tokens[i - 1]
    after = tokens[i + 2] if i + 2 < len(tokens) else ""
    if before in MARKS:
        return False
    # 'no chest pain or anything like that can stress make it worse': 'like that' closes what came before, so the
    # 'that' is no subject of the word after it
    closed = i >= 2 and tokens[i - 2] == "like" and before == "that"
    if word in _RUN_ON_MODALS and (following in _RUN_ON_SUBJECTS or following in _AUX_SUBJECTS) and (
        before not in _NOT_BEFORE_MID_LEAD or closed
    ):
        return True
    if word in ("wondering", "wondered") and following in _WONDERED and after:
        return True  # 'no numbness or weakness nothing like that just wondering if physio is worth it'
    if (before in ("just", "only") and word in _WANTED and following == "to" and after in _TO_ASK and i + 4 < len(tokens)
            and tokens[i + 3] in _WONDERED and tokens[i + 4] not in _POINTING_BACK):
        # 'no pins and needles no weakness just wanted to ask where this information comes from'; not '… i read about
        # spinal cord compression and just want to know what it is', whose question is about what came before
        return True
    if before == "and" and word in _WH_WORDS and following in _AND_WH_NEXT and after:
        return True  # '… my arms feel heavy and (I was wondering) where you get all this from'
    if word == "is" and following == "there" and (after in _TREATMENT_SUBJECTS or after in ("any", "anything", "something")):
        return True  # '… shes so low is there counselling for her'
    if word == "is" and following in ("that", "this", "it") and before not in _THAT_IS_STATEMENTS:
        named = tokens[i + 3] if after in ("the", "a", "an") and i + 3 < len(tokens) else after
        if named in _THAT_IS_NAMES:
            return True  # '… tender when i press it is that inflammation', '… never felt it is that the cancer spreading'
        if following == "that" and after in _CHECKED_WORDS and all(t in MARKS for t in tokens[i + 3 :]):
            return True  # '… and leave you paralysed is that right': a check of what was said closes the input
    if before in _RUN_ON_BEFORE and not closed:
        return False
    if word in _NEGATED_RUN_ON and following in _NEGATED_SUBJECTS and after and after not in MARKS and (
        after not in _TOLD_VERBS
    ):
        return True  # '… didnt even feel it coming shouldnt they be scanning me', '… wouldnt the oncologist want to check'
    if word in ("isnt", "arent"):
        if following in ("that", "this") and (after in ("a", "an", "the") or after in _THAT_IS_NAMES):
            return True  # '… when i cough or sneeze lately isnt that a nerve thing'
        if following in ("a", "an") and after in _THAT_IS_NAMES:
            return True  # '… theyre sort of numb isnt a fracture in the spine able to do that'
        if following == "there" and (after in _TREATMENT_SUBJECTS or after in ("any", "anything", "something")):
            return True  # '… wakes me every night isnt there anything stronger'
        if following in _TREATMENT_SUBJECTS and after in _NEGATED_JUDGED:
            return True  # '… they go off when i sit down isnt walking meant to be good for you'
    if (word in _RUN_ON_AUX or word in _RUN_ON_MODALS) and (
        following in _TREATMENT_SUBJECTS or (following in ("a", "an", "the", "some") and after in _TREATMENT_SUBJECTS)
    ):
        return after != ""
    if (word in _RUN_ON_AUX or word in _RUN_ON_MODALS) and following not in _ASKED_VERBS and following not in _ADVERBS:
        for token in tokens[i + 2 : i + 6]:
            if token in MARKS:
                break
            if token in _ASKED_VERBS:
                return True  # '… when i cough or sneeze does stress make it worse', '… does all that worrying make pain worse'
    if word in _RUN_ON_AUX | _RUN_ON_MODALS and following not in _ADVERBS and following not in _ASKED_ING:
        j = i + 2 if following in _DETERMINERS or following == "an" else i + 1  # the subject's last word
        verb = tokens[j + 1] if j + 1 < len(tokens) else ""
        if verb == "be":
            verb = tokens[j + 2] if j + 2 < len(tokens) else ""
        if verb in _ASKED_ING:
            return True  # '… i cant sleep could stress be making it worse', '… is the tumour causing it'
    if word in ("has", "have") and following in ("it", "the", "this", "that") and "spread" in tokens[i + 2 : i + 5]:
        return True  # '… a brand new pain in his back has it spread to the bones'
    if word in ("is", "are") and following in _ASKED_PERSONS and after in _PERSON_ASKS:
        return True  # '… my mum has a net is she allowed panadol'
    if word in ("does", "would", "could") and following in ("that", "this", "it") and after == "mean":
        return True  # '… gets back pain does that mean it has spread'
    if word in ("is", "are"):
        start = _symptom_named_at(tokens, i + 1)
        asked = tokens[start] if 0 < start < len(tokens) else ""
        if asked in _PAIN_IS_ASKS:
            return True  # '… starting radio next month is back pain one of the side effects', '… is leg weakness a sign'
        if asked in _PAIN_WHEN and any(t in _PAIN_VERDICTS for t in tokens[start + 1 : start + 4] if t not in MARKS):
            return True  # '… i cant feel my feet is pain after surgery normal'
    if word in _DO_AUX and following in _DO_SUBJECTS:
        verb = tokens[i + 3] if after in _DO_ADVERBS and i + 3 < len(tokens) else after
        if verb in _DO_ASKS:
            return True  # '… barely lift my feet off the floor do they operate for that', '… do i need a scan'
    return word == "is" and following in ("that", "this", "it") and after in _THAT_IS_ASKS


def _symptom_named_at(tokens: tuple[str, ...], start: int) -> int:
    """Where the word after a symptom named at start stands ('is | leg weakness | one of …' → the 'one'), or 0 when no
    symptom is named there: at most one determiner and one word of where or when before the symptom's own word."""
    at = start
    if at < len(tokens) and tokens[at] in _DETERMINERS:
        at += 1
    for _ in range(2):
        if at < len(tokens) and tokens[at] in _SYMPTOM_HEADS:
            if tokens[at] == "pins" and tokens[at + 1 : at + 3] == ("and", "needles"):
                return at + 3
            return at + 1
        if at < len(tokens) and tokens[at] in _SYMPTOM_PLACES:
            at += 1
            continue
        return 0
    return 0


CHECK_ASKS: Final = (
    ("is", "that", "true"), ("is", "it", "true"), ("is", "this", "true"),
    ("is", "that", "right"), ("is", "that", "correct"), ("is", "that", "so"), ("is", "that", "a", "thing"),
    ("is", "that", "a", "myth"), ("is", "it", "a", "myth"), ("is", "that", "accurate"), ("is", "that", "really"),
    ("is", "there", "any", "truth"), ("any", "truth", "in"), ("true", "or", "false"), ("true", "or", "not"),
    ("right", "or", "wrong"), ("fact", "or", "fiction"), ("what", "does", "the", "article", "say"),
    ("does", "the", "article", "say"), ("is", "that", "what", "the", "article", "says"), ("is", "that", "what", "it", "says"),
    ("is", "he", "right"), ("is", "she", "right"), ("are", "they", "right"), ("can", "that", "be", "right"),
    ("can", "that", "be", "true"), ("is", "that", "one", "of", "the"),
)
"""Questions that ask whether something said or read holds ('… is that right?', 'what does the article say?')."""
CLAIM_VERBS: Final = frozenset({"said", "says", "told", "tells", "reckons", "read", "heard", "thinks", "swears", "claims",
                                 "insists", "believes", "warned", "saying"})
CLAIMED_PEOPLE: Final = frozenset({"i", "me", "my", "he", "him", "his", "she", "her", "we", "our", "us", "they", "their"})
TOLD_WHOM: Final = frozenset({"me", "us", "him", "her", "them"})
"""Whom a claim was told to ('someone told me …'): not whom the claim is about."""


def claim_start(tokens: Sequence[str], verb_at: int) -> int:
    """Where the words of a claim begin after its verb at verb_at: past whom it was told to, if said ('someone told me
    | a growing tumour …', 'my aunt says | a tingling pain …')."""
    after = verb_at + 1
    if tokens[verb_at] in ("told", "tells", "warned") and after < len(tokens) and tokens[after] in TOLD_WHOM:
        after += 1
    return after


def check_asked_at(tokens: tuple[str, ...], start: int, end: int) -> int | None:
    """Where a question whether something holds opens a clause or sentence between start and end, if one does."""
    for i in range(start, end):
        opens = i == 0 or tokens[i - 1] in MARKS or tokens[i - 1] in ("and", "but", "so")
        for ask in CHECK_ASKS:
            # after a mark or a joiner, or closing the words in a transcript without marks ('… and leave you paralysed
            # is that right')
            if tuple(tokens[i : i + len(ask)]) == ask and (opens or all(t in MARKS for t in tokens[i + len(ask) :])):
                return i
    return None


def claim_checked(tokens: tuple[str, ...]) -> bool:
    """True when words someone said, read or heard about no one are followed by a question whether they hold ('my
    son says the tumour presses on things, is that right?'): what lies between names symptoms, it reports none."""
    for c, token in enumerate(tokens):
        if token not in CLAIM_VERBS:
            continue
        asked = check_asked_at(tokens, c + 1, len(tokens))
        if asked is None:
            return False
        return not any(t in CLAIMED_PEOPLE for t in tokens[claim_start(tokens, c) : asked])
    return False


def after_claim(words: list[str]) -> list[str]:
    """A clause's words after the one who made a claim and its verb ('someone told me | a growing tumour …')."""
    for c, token in enumerate(words):
        if token in CLAIM_VERBS:
            return words[claim_start(words, c) :]
    return words
