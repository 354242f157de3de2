"""Red-flag detection on every input: negation-aware (NegEx style), aware of reports about others and of questions."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Final

from voice_assistant.core.content import Content, RedFlagLevel, RedFlagRule
from voice_assistant.core.normalise import Normaliser
from voice_assistant.core.phrases import MARKS, Occurrence, Phrase, PhraseIndex, TokenText, compile_phrase
from voice_assistant.core.resolution import (
    condition_reaches, governs, in_scene, is_over, is_supposition, passed_quickly, resolves, told_apart, valid_resolutions,
)
from voice_assistant.core.sentences import (
    CLAIM_VERBS, CLAIMED_PEOPLE, FINITE_BE, check_asked_at, claim_start, conditional_at, has_question, has_sequence,
    is_question_sentence, is_question_start, reported_ask_before, run_on_ask, split_sentences,
)

__all__ = ["RedFlagLevel", "RedFlagResult", "RedFlagDetector", "ClauseFacts", "split_sentences", "is_question_start", "is_question_sentence", "has_question"]

_SCOPE_TOKENS: Final = 6
"""How far back a negation word reaches (NegEx uses five to six words)."""
_POST_SCOPE_TOKENS: Final = 4
_LIST_SCOPE_TOKENS: Final = 14
"""A closing denial ('none of that') looks back over a list this long, in its sentence and with no new subject."""
_SUBJECT_SCOPE_TOKENS: Final = 10
"""A negated subject ('nobody', 'no one') reaches over its whole clause, up to this many words."""
_SUBJECT_NEGATIONS: Final = frozenset({"nobody", "noone", "neither"})
_NEGATED_HEADS: Final = frozenset({"pain", "pains", "ache", "aches", "aching", "discomfort", "feeling", "sensation"})
"""After 'no' or 'without', the head of a noun phrase whose words after it all are denied with it, however many ('no
pain going round her tummy like a band', within its clause)."""


def _denies_a_phrase(tokens: tuple[str, ...], position: int) -> bool:
    """True when tokens[position] is 'no' or 'without' before one of _NEGATED_HEADS."""
    return tokens[position] in ("no", "without") and position + 1 < len(tokens) and tokens[position + 1] in _NEGATED_HEADS


_CLAUSE_BREAKS: Final = frozenset({"but", "however", "although", "though", "except", "yet", "whereas", "apart", "otherwise", "just"})
_CORRECTIONS: Final = frozenset({"rather", "instead"})
"""A word that puts a better word in place of a denied one ('not numb, rather dead'): the denial stops before it."""
_CLAUSE_JOINERS: Final = frozenset({"and", "or", "so", "because", "since", "also", "plus", ","})
_OR_JOINERS: Final = frozenset({"or", "nor"})
"""A denial spreads over the things it lists with 'or' (NegEx's scope holds one item): past one, it reaches as far as
a closing denial looks back over a list."""
_PRONOUN_SUBJECTS: Final = frozenset({"i", "he", "she", "it", "there", "we", "they", "you"})
_AND_JOINERS: Final = frozenset({"and", "also", "plus"})
_JOINED_PREDICATES: Final = FINITE_BE | {"am", "has", "have", "had"}
"""After 'and', a finite verb starts the subject's next predicate, which a negation before it does not reach."""
_LIST_BREAKING_VERBS: Final = frozenset({
    "is", "are", "was", "were", "am", "have", "has", "had", "feel", "feels", "felt", "keep", "keeps", "kept", "went",
    "go", "goes", "gone", "get", "gets", "got", "cant", "wont", "dont", "doesnt", "didnt", "will",
})
"""A verb after 'or my …' makes it a clause of its own ('… or my legs are weak'), not one more item of a list."""
_SUBJECTS: Final = frozenset(
    {"i", "my", "he", "she", "his", "her", "it", "the", "there", "we", "they", "me", "now", "then", "this", "our", "your", "you"}
)
_AUXILIARY_NEGATIONS: Final = frozenset(
    {"doesnt", "dont", "didnt", "wont", "wouldnt"}
)
_HEDGE_LEADS: Final = frozenset({"probably", "surely", "hopefully", "likely", "prob", "presumably"})
"""A sentence opening so ('… new backache the last three weeks. probably muscular?') hedges what was told."""
_MID_ASKS: Final = frozenset(
    {"what", "why", "how", "when", "where", "which", "whats", "whether", "normal", "ok", "okay", "bad", "serious", "if",
     "will", "would", "could", "might", "may", "wonder", "going", "gonna", "should"}
)
"""Words that make a sentence with a question mark ask, suppose or wonder after all ('i wonder if i will lose
control of my bladder?', 'my legs are numb, is that bad?')."""
_OWNERS: Final = frozenset({"my", "his", "her", "their", "our"})
_DETERMINERS_AFTER: Final = _OWNERS | {"the"}
"""A negated auxiliary straight before one of these ends its clause ('now it doesnt the pain is constant')."""
_NEW_SUBJECTS: Final = frozenset({"i", "he", "she", "we"})
_OBJECT_NEGATIONS: Final = frozenset({"nothing"})
_OBJECT_OF: Final = frozenset({"over", "about", "for"})
"""After one of these a 'nothing' is an object ('a fuss over nothing', 'worrying about nothing'), so before an owner it
denies nothing of the report that the owner opens ('… over nothing my left leg keeps dragging')."""
_CLAUSE_END_WORDS: Final = frozenset(
    {"fever", "temperature", "pain", "pains", "ache", "aches", "tingling", "numbness", "weakness", "problem", "problems",
     "trouble", "troubles", "issue", "issues", "worries", "complaints", "sweats", "sickness", "nausea", "bladder",
     "bowels", "waterworks", "such", "really", "though", "either", "yet", "whatsoever", "serious", "otherwise",
     "anywhere", "thanks"}
)
"""After one of these, 'my', 'his' … open a new clause that a negation before them does not reach: a transcript
without punctuation runs a denial into a report ('no fever his legs just gave way on the stairs', 'nothing wrong with
my bladder my legs keep giving way'); words that take an object ('feel my legs', 'in my legs', 'think my') keep it."""
_PAIN_HEADS: Final = frozenset(
    {"pain", "pains", "ache", "aches", "aching", "hurt", "hurting", "soreness", "twinge", "twinges", "discomfort"}
)
_PLACE_WORDS: Final = frozenset({"in", "on", "down", "into", "at", "around", "round", "across", "through"})
_PLACE_DETERMINERS: Final = frozenset(
    {"my", "the", "his", "her", "their", "our", "your", "both", "either", "left", "right", "lower", "upper"}
)
"""'no pain in my legs, but they feel weak': the negation denies the pain; the legs are only where it is not."""
_THINKING: Final = frozenset({"think", "thinks", "believe", "reckon", "suppose", "guess"})
"""Verbs of a hedge ('i dont think i …'): with the subject after them they do not use up a negation's reach."""
_MAY_BE: Final = frozenset({"will", "could", "might", "may", "would", "can"})
"""Openers of a question about what may be ('will i …', 'could the cancer …'); and the phrases below."""
_MAY_BE_PHRASES: Final = frozenset({("is", "it", "possible"), ("is", "it", "likely"), ("is", "there", "a"), ("am", "i", "going")})
_BECOMING: Final = frozenset({"lose", "losing", "make", "cause", "end", "become", "go", "turn", "develop", "start", "get"})
"""Words of a symptom coming about, in a question whether it may ('could the cancer make my legs go weak')."""
_ALREADY: Final = frozenset({
    "since", "now", "already", "today", "yesterday", "keep", "keeps", "still", "currently", "started", "been", "happened",
    "happening", "happens", "twice", "again", "week", "morning", "last",
})
"""Words that say a symptom is here already, so that a question about it is a report ('… it happened twice this week')."""
_SUBJECT_AFTER_VERB: Final = frozenset(
    {"think", "thinks", "say", "says", "said", "believe", "reckon", "guess", "suppose", "know", "sure", "mean", "that", "like",
     "and", "or", "but", "if", "when", "because", "so", "as", "than", "though", "whether", "where", "while"}
)
"""Before one of _NEW_SUBJECTS these leave it inside the clause before it ('i dont think i have numbness');
after any other word the subject opens a new clause that a negation before it does not reach
('my legs arent like rubber i can barely stand', the way a transcript without punctuation runs on)."""
_PERSONAL: Final = frozenset({"my", "mine", "myself", "me", "his", "her", "he", "she", "him", "himself", "herself", "our", "we", "us"})
_PLURAL_PRONOUNS: Final = frozenset({"they", "them", "their", "theirs", "themselves"})
_HAD_IT: Final = frozenset({"i", "had", "have", "has", "diagnosed", "history", "treated", "survivor", "remission"})
"""Words that tell of someone's own illness where no one is named ('new back pain, had a net before')."""
_FIRST_PERSON: Final = frozenset({"i", "my", "me", "mine", "myself"})
_CANNOT: Final = frozenset({"cant", "couldnt", "havent", "hasnt", "hadnt"})
_SPEAKERS: Final = frozenset({"i", "he", "she"})
"""In a question, 'i cant …' or 'cant i …' tells what someone cannot do: a report, not a question about a symptom."""
_NEGATED_DENIAL: Final = frozenset({"not", "isnt", "arent", "wasnt", "werent", "never", "hardly", "barely", "far"})


def _speakers_own(tokens: tuple[str, ...], start: int, span: tuple[int, int], others: frozenset[str]) -> bool:
    """True when the person word nearest before a symptom in its sentence is the speaker ('i', 'my' not before someone
    named) and none stands in it: 'my daughter can come with me to the scan, and i have had pins and needles' is the
    speaker's, though the sentence names someone else ('my dad rang, his legs have gone' stays his)."""
    if any(token in others for token in tokens[span[0] : span[1]]):
        return False
    for index in range(span[0] - 1, start - 1, -1):
        token = tokens[index]
        if token in _PLURAL_PRONOUNS:
            return False  # 'they', 'them': the sentence's own reading decides
        if token in others:
            return False
        if token in _FIRST_PERSON:
            return not (index + 1 < len(tokens) and tokens[index + 1] in others)  # 'my daughter' names her
    return False


_LOOKING_BACK: Final = frozenset({
    "nothing like that", "nothing of the sort", "none of that", "nothing like it", "havent had it", "not had it",
    "havent had that", "not had that",
})
"""Denials that close a sentence and look back past a comma at what it named."""
_FORWARD_DENIALS: Final = frozenset({"no problem", "no bother"})
"""Denials that look back ('legs are fine, no bother') unless they name their own thing with 'with' ('numb, no problems
with my legs'): then they deny what follows them, not the symptom before."""
_DENIAL_PRONOUNS: Final = frozenset({"it", "that", "this", "them", "those", "these", "any", "anything"})
"""After 'no problem with' these point back at what was said before ('no problem with that'): the denial looks back."""
_CLOSING_WORDS: Final = frozenset(
    {"either", "at", "all", "really", "thankfully", "thank", "god", "goodness", "no", "nope", "not", "once"}
)
_CLAUSE_VERBS: Final = frozenset({"is", "are", "was", "were", "feel", "feels", "seem", "seems"})
"""A word's verb right after it: a comma and these open a clause of its own ('… , feet are fine')."""


def _to_mark(tokens: tuple[str, ...], start: int) -> tuple[str, ...]:
    """The tokens from start up to the next mark."""
    end = start
    while end < len(tokens) and tokens[end] not in MARKS:
        end += 1
    return tokens[start:end]


def _asks_what_may_come(words: tuple[str, ...], position: int) -> bool:
    """True for a question whether a symptom may come ('will i lose control of my bladder one day', 'could the cancer
    make my legs go weak', 'is it possible the tumour could make my legs weak'): it opens with a modal of what may be
    and a word of becoming comes by the symptom's start, with nothing said of it being here already ('since',
    'now', 'keeps', there or in what follows); 'could the tumour be why i cant pee' is a report."""
    said = tuple(word for word in words if word not in MARKS)
    opens = bool(said) and (said[0] in _MAY_BE or said[:3] in _MAY_BE_PHRASES)
    if not opens or _ALREADY.intersection(said):
        return False
    return any(word in _BECOMING for word in words[: position + 2])  # words keeps its marks: position counts them


def _is_hedge_frame(tokens: tuple[str, ...], position: int) -> bool:
    """True for the words of a hedge between a negation and what it denies, which do not use up its reach: 'think i'
    in 'i dont think i have ever had a pee problem'."""
    token = tokens[position]
    if token in _THINKING:
        return position + 1 < len(tokens) and tokens[position + 1] in _NEW_SUBJECTS
    return token in _NEW_SUBJECTS and position > 0 and tokens[position - 1] in _THINKING


def _ends_sentence(tokens: tuple[str, ...], end: int) -> bool:
    """True when nothing but closing words ('either', 'at all', 'thankfully') follows end in its sentence, or they and a
    comma before a new clause ('none of that , i have been right as rain', '… , feet are fine'): the denial is said of
    what came before, not the start of a statement ('nothing like that has ever happened', 'nothing like that , ever')."""
    for position in range(end, len(tokens)):
        token = tokens[position]
        if token in (".", "?"):
            return True
        if token == "," and position + 2 < len(tokens) and (
            tokens[position + 1] in _NEW_SUBJECTS
            or tokens[position + 2] in _CLAUSE_VERBS and tokens[position + 1] not in ("it", "that", "this", "there")
        ):
            return True  # 'none of that , i have been right as rain', 'havent had it , not once , feet are fine'
        if token not in _CLOSING_WORDS and token != ",":
            return False
    return True


_DOUBLE_NEGATIVE_OBJECTS: Final = frozenset({"nothing", "nowt", "no", "none"})
_NEGATIVE_VERBS: Final = frozenset({"cant", "couldnt", "cannot", "dont", "doesnt", "didnt", "wont", "wouldnt"})
_SENSING: Final = frozenset({"feel", "felt", "feeling", "sense"})
_NOTHING_AMISS: Final = frozenset({"wrong", "unusual", "different", "strange", "odd", "weird", "bad", "amiss", "much", "new", "funny"})


_PEOPLE_SUBJECTS: Final = frozenset(
    {"mum", "mom", "mam", "dad", "husband", "wife", "partner", "son", "daughter", "mother", "father", "nan", "gran",
     "granny", "grandma", "grandad", "granddad", "grandpa", "brother", "sister", "friend", "neighbour", "neighbor"}
)
_PEOPLE_VERBS: Final = frozenset({"is", "was", "has", "had", "keeps", "kept", "cant", "couldnt", "can", "could", "says", "said"})
_YES_WORDS: Final = frozenset({"yes", "yeah", "yep", "yup", "aye"})
_PERMISSION_VERBS: Final = frozenset({"let", "lets", "letting", "allow", "allows", "allowing"})
_BACK_OWNERS: Final = frozenset(
    {"my", "his", "her", "your", "their", "our", "the", "a", "lower", "upper", "middle", "mid", "bad", "sore", "whole", "of"}
)
_BACK_ADVERB_NEXT: Final = frozenset({"to", "at", "home", "from", "again", "into"})
_BACK_RETURN_VERBS: Final = frozenset(
    {"come", "comes", "coming", "came", "go", "goes", "going", "went", "gone", "bring", "brings", "bringing", "brought"}
)
"""Before 'back', these make it the adverb of a return ('her cancer coming back', 'it went back'), not the body."""
_BACK_BODY_NEXT: Final = frozenset({"pain", "pains", "ache", "aches", "aching", "problem", "problems", "trouble", "spasm", "spasms"})
"""After 'back', these keep it the body even after a verb of coming ('the old back pain came back' has both)."""
_BACK_RETURN_AFTER: Final = frozenset({"again", "this", "today", "now", "since", "last"})
"""After 'is back', these end a return ('the flushing is back again', 'is back this week')."""
_BACK_NOT_RETURNING: Final = frozenset({
    "pain", "pains", "ache", "aches", "aching", "backache", "it", "that", "this", "what", "where", "which", "my", "his",
    "her", "the", "lower", "upper", "middle", "bad", "sore", "stiff", "problem", "trouble", "bit", "part", "spot", "place",
    "area", "worst", "one",
})
"""Before 'is back', these leave it the body or a pain come again ('the pain is back', 'where it hurts is back')."""


_Places = dict[Phrase, tuple[int, ...]]
"""Where each phrase stands in a list of phrases (a rule's, or one word list of a combination)."""


def _places(phrases: tuple[Phrase, ...]) -> _Places:
    out: dict[Phrase, list[int]] = {}
    for number, phrase in enumerate(phrases):
        out.setdefault(phrase, []).append(number)
    return {phrase: tuple(numbers) for phrase, numbers in out.items()}


def _found(by_phrase: dict[Phrase, list[Occurrence]], places: _Places) -> list[Occurrence]:
    """The occurrences of a list's phrases, in the list's order: the same as asking by_phrase for each phrase of the
    list in turn, but from the few phrases an input holds rather than the thousands a rule lists."""
    hits = [(number, found) for phrase, found in by_phrase.items() if phrase in places for number in places[phrase]]
    hits.sort(key=lambda hit: hit[0])
    return [o for _, found in hits for o in found]


_SINCE_WHEN: Final = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "last", "this", "lunch",
     "lunchtime", "breakfast", "tea", "dinner", "teatime", "bedtime", "midnight", "two", "three", "four"}
)
"""After 'since', these date a symptom ('since friday', 'since last night', 'since the weekend')."""


_OPENERS: Final = frozenset({"okay", "ok", "right", "alright", "well", "so", "yes", "yeah", "and", "fine", ","})


def _opening_words(tokens: tuple[str, ...]) -> int:
    """How many words open a clause before it says anything ('okay so', 'right well'): a post-negation among them
    ('fine', 'okay') comes after no symptom and denies nothing."""
    count = 0
    while count < len(tokens) and tokens[count] in _OPENERS:
        count += 1
    return count


def _without_joiners(tokens: tuple[str, ...]) -> list[str]:
    """The words of a clause without its marks and the joiner that opens it ('but', 'and', 'so')."""
    words = [t for t in tokens if t not in MARKS]
    while words and words[0] in ("but", "and", "so"):
        words = words[1:]
    return words


def _asked_in_a_clause_of_its_own(tokens: tuple[str, ...], sentence: _Sentence, position: int) -> bool:
    """True when the symptom at position stands in a question of its own after a comma or 'but', with no one in it,
    though the sentence is about someone ('i havent had any accidents, but is bladder trouble one of the symptoms')."""
    opener = next((j for j in range(position - 1, sentence.start - 1, -1) if tokens[j] in (",", "but")), None)
    if opener is None:
        return False
    words = _without_joiners(tokens[opener + 1 : sentence.end])
    return is_question_start(words) and not any(w in _PERSONAL or w in _FIRST_PERSON for w in words)


_OWN_ASKS: Final = (
    ("to", "know", "if"), ("to", "know", "whether"), ("asks", "if"), ("asks", "whether"), ("asking", "if"),
    ("asking", "whether"), ("wondering", "if"), ("wondering", "whether"), ("wonders", "if"), ("wonders", "whether"),
)
"""Someone asking now, mostly of their own body ('wants to know if', 'wondering whether'); not 'asked if' (a nurse's)."""
_VERDICT_VERBS: Final = frozenset({"is", "are", "was", "could", "might", "may", "can"})
_CAUSE_WORDS: Final = frozenset(
    {"the", "from", "part", "normal", "serious", "caused", "because", "due", "related", "something", "cancer", "tumour",
     "tumor", "dangerous", "worrying", "linked", "connected", "be", "down", "an", "a", "anything"}
)


def _own_ask_of_its_cause(tokens: tuple[str, ...], sentence: _Sentence, position: int, end: int) -> bool:
    """True when a question asked now ('wants to know if', 'wondering whether') names a symptom someone has and asks
    what it is or where it comes from ('… if the numbness in his feet is the cancer', '… if his legs giving way is
    serious'): the symptom is told, as in the direct question 'is the numbness in my feet from the cancer'."""
    words = tokens[sentence.start : position]
    if not has_sequence(words, _OWN_ASKS):
        return False
    if not _PERSONAL.intersection(tokens[max(sentence.start, position - 3) : end + 4]):
        return False  # nobody's own: 'wondering if numbness is a sign of it' asks
    for k in range(end + 1, min(end + 6, sentence.end - 1)):
        if tokens[k] in MARKS:
            return False
        if tokens[k] in _VERDICT_VERBS:
            return tokens[k + 1] in _CAUSE_WORDS
    return False


_ABOUT_OWN: Final = frozenset(("about", owner) for owner in ("my", "his", "her", "their", "our"))
"""A symptom asked 'about my …' is the asker's ('asked about my numb feet'); one asked 'if my legs were weak' is not."""
_ASK_VERBS: Final = frozenset({"asked", "asks", "asking"})
_ASKED_WHAT: Final = frozenset({"about", "if", "whether"})
_ASKED_WHOM: Final = 3
"""Words between the asking and what is asked: 'asked mum about', 'asked my husband if'."""
_SAY_VERBS: Final = frozenset({"said", "says", "say", "answered", "replied"})
_ANSWERED_NO: Final = frozenset({"no", "none", "not", "nope", "never"})
"""An answer of no after a verb of saying ('… and she said no'). (It shared a name with _NO_WORDS below, which replaced
it: 'said nope' was not heard as an answer, 'said nothing' was.)"""
_ASK_REASONS: Final = frozenset({"because", "cos", "coz", "since", "as"})


def _asked_and_answered_no(tokens: tuple[str, ...], sentence: _Sentence, position: int, end: int) -> bool:
    """True when the symptom at position..end was asked about by someone ('the doctor asked mum about numbness',
    'i asked him if his legs were weak') and the answer after it in the sentence is no ('… and she said no, none at
    all'): asked, and answered no. Without that answer the ask alone decides nothing here."""
    words = tokens[sentence.start : position]
    asks = [i for i, word in enumerate(words)
            if word in _ASK_VERBS and any(w in _ASKED_WHAT for w in words[i + 1 : i + 2 + _ASKED_WHOM])]
    if not asks or _ASK_REASONS.intersection(words[asks[-1] :]):
        return False  # ('… asked about numbness because my feet had gone numb': the speaker's own, told)
    after = tokens[end + 1 : sentence.end]
    return any(
        word in _SAY_VERBS and k + 1 < len(after) and after[k + 1] in _ANSWERED_NO
        and (k + 2 >= len(after) or after[k + 2] not in _NOT_AN_ANSWER)  # ('… and i said no idea')
        for k, word in enumerate(after)
    )


_BACK_REFERENCES: Final = frozenset({"that", "it", "this", "these", "those", "they", "them", "thats", "its", "such"})
_ASKS_OF_A_SYMPTOM: Final = frozenset(
    {"symptom", "symptoms", "sign", "signs", "mean", "means", "meaning", "worry", "worrying", "worried", "serious", "cause",
     "causes", "caused", "normal", "common", "dangerous", "emergency", "urgent", "red", "flag", "flags", "warning", "if",
     "happen", "happens", "likely", "risk", "possible", "expect"}
)
"""Words with which a question after a named symptom asks about the symptom itself ('leg weakness, when to worry?')."""
_SUPPOSING: Final = frozenset({"if", "when", "whether", "what", "suppose", "supposing"})
_SUPPOSED_MODALS: Final = frozenset({"could", "might", "would", "will", "may", "can", "should"})


def _told_before_its_question(tokens: tuple[str, ...], sentence: _Sentence, position: int, end: int) -> bool:
    """True when the symptom stands in a fragment of its own that asks nothing, and a question after a comma asks
    something else of the same person: 'numb round bottom and inner thighs, need mri?', 'pins and needles both feet,
    heat pad ok?'. Not when the question asks about the symptom ('leg weakness, when to worry?', 'numbness in the
    legs, is that a symptom?')."""
    start = position
    while start > sentence.start and tokens[start - 1] not in MARKS:
        start -= 1
    comma = next((k for k in range(end + 1, sentence.end) if tokens[k] in (",", ".")), None)
    if comma is None:
        return False
    if any(t not in MARKS for t in tokens[sentence.start : start]):
        return False  # 'how does the article describe nerve pain: burning, tingling, electric shocks?': a list asked of
    clause = [t for t in tokens[start:comma] if t not in MARKS]
    rest = [t for t in tokens[comma + 1 : sentence.end] if t not in MARKS]
    if not clause or not rest or is_question_start(clause) or clause[0] in _SUPPOSING or _SUPPOSED_MODALS.intersection(clause):
        return False  # 'if my legs go numb, hospital?', 'legs might go numb, need a scan?': supposed, not told
    return not (_BACK_REFERENCES.intersection(rest) or _ASKS_OF_A_SYMPTOM.intersection(rest) or rest[0] in _WH_WORDS_ALL)


_WH_WORDS_ALL: Final = frozenset({"what", "why", "how", "when", "where", "which", "who", "whats"})


_LIKENED: Final = frozenset({"pain", "pains", "ache", "aches", "feeling", "sensation", "anything", "something", "nothing"})


def _likening(tokens: tuple[str, ...], position: int) -> bool:
    """True for the 'like a' of a pain likened to something ('not had any pain like a tight belt round me'): words that
    a negation's reach does not count, so that the likeness stays denied with the pain."""
    if tokens[position] == "like":
        return position > 0 and tokens[position - 1] in _LIKENED
    return tokens[position] in ("a", "an") and position > 1 and tokens[position - 1] == "like" and tokens[position - 2] in _LIKENED


_RISK_WORDS: Final = frozenset({"risk", "risks", "chance", "chances", "odds", "likelihood"})


def _dated(after: tuple[str, ...]) -> bool:
    """True when the words after a symptom asked about date it or say it stays ('… since friday', '… and wont go
    away'): the symptom is one the speaker has, asked about, not one wondered about."""
    if any(a == "since" and b in _SINCE_WHEN for a, b in zip(after, after[1:])):
        return True
    return has_sequence(after, (("wont", "go", "away"), ("been", "there", "since"), ("since", "the", "weekend")))


_UNTIL_WORDS: Final = frozenset({"before", "until", "till", "til"})
_UNTIL_WHEN: Final = _SINCE_WHEN | frozenset({"today", "tonight", "recently", "now", "i", "he", "she", "we", "my", "his", "her"})


_NEVER_UNTIL_ENDS: Final = frozenset({"life", "before"})
"""'never had … in my life' or '… before', then 'and now': what it seems to deny has come now."""


def _now_after(tokens: tuple[str, ...], k: int) -> bool:
    """True when 'now' starts at k or after one joiner there ('and now', 'but now', ', now')."""
    if tokens[k] == "now":
        return True
    return tokens[k] in (",", "and", "but") and k + 1 < len(tokens) and tokens[k + 1] == "now"


def _not_until(tokens: tuple[str, ...], position: int) -> bool:
    """True for a negation that a later 'before today' or 'until this week' in its clause makes a 'not until': what
    it seems to deny came then ('there was no pain in my chest before today', 'never had numbness until this week',
    'ive never had neck pain in my life and now its been aching for a week')."""
    never = "never" in tokens[max(0, position - 1) : position + 1]
    for k in range(position + 1, min(position + 9, len(tokens) - 1)):
        if never and tokens[k - 1] in _NEVER_UNTIL_ENDS and _now_after(tokens, k):
            return True
        if tokens[k] in (".", "?", ",") or tokens[k] in _CLAUSE_BREAKS:
            return False
        if tokens[k] in _UNTIL_WORDS and tokens[k + 1] in _UNTIL_WHEN:
            return True
    return False


def _told_with_a_question_mark(sentence: _Sentence, tokens: tuple[str, ...]) -> bool:
    """True for a report of one's own, or a hedge, said with a question mark but no question's words ('bladder feels
    full to bursting but i cant go??', 'probably muscular?'): the worry is in the marks, the words tell."""
    words = [t for t in tokens[sentence.start : sentence.end] if t not in MARKS]
    if any(tuple(words[i : i + len(lead)]) == lead for lead in _HEARSAY_LEADS for i in range(min(2, len(words)))):
        return False  # 'i read the immune system causes swelling round the spine??': something read, asked about
    if has_sequence(words, _TRUE_ASKS):
        return False  # 'my neighbour said cancer back pain is worse at night, is that true?': a claim, asked about
    personal = sentence.is_personal or "i" in words or "im" in words or (bool(words) and words[0] in _HEDGE_LEADS)
    return personal and not is_question_sentence(words, False) and not any(w in _MID_ASKS for w in words)


_HEARSAY_LEADS: Final = (("i", "read"), ("i", "have", "read"), ("i", "heard"), ("i", "have", "heard"), ("i", "saw", "online"),
                         ("someone", "told", "me"), ("they", "say"), ("people", "say"), ("somebody", "told", "me"))
"""Openings of something read or heard that a question mark asks about, not a report of one's own."""
_TRUE_ASKS: Final = (("is", "that", "true"), ("is", "it", "true"), ("is", "this", "true"))


def _claim_asked_true(tokens: tuple[str, ...], sentence: _Sentence, following: _Sentence | None, position: int) -> bool:
    """True when the symptom at position is part of what someone said, read or heard, and a question after it asks
    whether that holds ('my neighbour said cancer back pain is worse at night, is that true', 'someone told me a
    growing tumour only gives sharp pain. is that correct?', 'my aunt says a tingling pain means a nerve is squeezed,
    is that a thing')."""
    asked = check_asked_at(tokens, position + 1, following.end if following is not None else sentence.end)
    if asked is None:
        return False
    said = [i for i in range(sentence.start, position) if tokens[i] in CLAIM_VERBS]
    if not said:
        return False
    # a claim about no one ('cancer back pain is worse at night'), not news of someone ('he says his legs are numb')
    return not any(t in CLAIMED_PEOPLE for t in tokens[claim_start(tokens, said[0]) : min(asked, sentence.end)])


_UNDOING: Final = frozenset({"not", "never", "no", "nothing", "fine", "ok", "okay", "alright", "good", "normal", "grand", "better"})
_UNDOING_REACH: Final = 3


_OTHER_SITES: Final = frozenset(
    {"knee", "knees", "ankle", "ankles", "throat", "mouth", "tooth", "teeth", "gum", "gums", "ear", "ears", "eye", "eyes",
     "head", "wrist", "wrists", "finger", "fingers", "thumb", "toe", "toes", "elbow", "elbows", "tummy", "stomach", "belly",
     "gut", "bunion", "heel", "heels", "tongue", "jaw", "nose", "sinuses", "bladder", "bum", "bottom", "piles"}
)
"""Places far from the back: pain there is not the back pain that the rules needing pain ask for ('a sore knee')."""
_SITE_REACH: Final = 3
_BACK_WORDS: Final = frozenset({"back", "backache", "spine", "neck"})


def _sited_elsewhere(occurrence: Occurrence, tokens: tuple[str, ...]) -> bool:
    """True when a pain word ('sore', 'hurts', 'pain') is said of a place far from the back, just before it ('a sore
    knee', 'my knee hurts') or after it ('pain in my knee', 'sore throat'), and the back is not in the same words."""
    if _BACK_WORDS.intersection(occurrence.phrase.words):
        return False
    before = tokens[max(0, occurrence.start - _SITE_REACH) : occurrence.start]
    after = tokens[occurrence.end : occurrence.end + _SITE_REACH]
    if _BACK_WORDS.intersection((*before, *after)) or any(t in MARKS or t == "and" for t in after[:1]):
        return False
    return bool(_OTHER_SITES.intersection(before[-2:]) or _OTHER_SITES.intersection(after))


def _claim_undone(tokens: tuple[str, ...], end: int) -> bool:
    """True when the words just after a claim undo it ('and it has not', 'and it has been fine'), in its clause."""
    for token in tokens[end : end + _UNDOING_REACH]:
        if token in MARKS:
            return False
        if token in _UNDOING:
            return True
    return False


_ILLNESS_WORDS: Final = frozenset({
    "net", "nets", "cancer", "cancers", "tumour", "tumor", "tumours", "tumors", "carcinoid", "neuroendocrine", "spread",
    "spreading", "condition", "disease", "illness",
})
"""Words naming the illness between a symptom asked about and a claim after it ('is weight loss a sign of net? my mum has
it'): 'it' is then the illness, not the symptom."""


def _claims_the_symptom(tokens: tuple[str, ...], symptom_end: int, claim: int) -> bool:
    """True when no word between the symptom and the claim after it names the illness, which the claim would be of."""
    return not _ILLNESS_WORDS.intersection(tokens[symptom_end:claim])


_YES_NO_LEADS: Final = frozenset({"are", "is", "am", "do", "does", "did", "have", "has", "had", "was", "were", "any"})
"""First words of a yes/no question about oneself ('are my legs weak?')."""
_NO_ANSWER_PAIRS: Final = frozenset({("not", "really"), ("not", "at"), ("not", "in"), ("not", "a"), ("not", "one"), ("not", "even")})
_NOT_AN_ANSWER: Final = frozenset({"idea", "clue", "sure", "but", "wait"})


def _answered_no(tokens: tuple[str, ...], sentence: _Sentence, following: _Sentence | None) -> bool:
    """True when a yes/no question about the speaker's own symptom is answered no by the next sentence ('are my legs
    weak? no, not in the slightest'); 'no idea', 'no wait' and 'no but …' answer nothing."""
    if following is None or not sentence.is_question:
        return False
    asked = [t for t in tokens[sentence.start : sentence.end] if t not in MARKS]
    if not asked or asked[0] not in _YES_NO_LEADS:
        return False
    answer = [t for t in tokens[following.start : following.end] if t not in MARKS]
    if not answer or answer[0] in ("nothing", "none") or _NOT_AN_ANSWER.intersection(answer[1:3]):
        return False
    return answer[0] in _ANSWERS_NO or tuple(answer[:2]) in _NO_ANSWER_PAIRS


def _by_phrase(occurrences: list[Occurrence]) -> dict[Phrase, list[Occurrence]]:
    """The occurrences grouped by the phrase found."""
    grouped: dict[Phrase, list[Occurrence]] = {}
    for occurrence in occurrences:
        grouped.setdefault(occurrence.phrase, []).append(occurrence)
    return grouped


def _sentence_numbers(length: int, spans: list[tuple[int, int]]) -> list[int]:
    """Each token's sentence number, from the sentences' (start, end) spans."""
    numbers = [0] * length
    for number, (start, end) in enumerate(spans):
        numbers[start:end] = [number] * (end - start)
    return numbers


def _denies_what_follows(denial: Occurrence, said: str, tokens: tuple[str, ...]) -> bool:
    """True when a looking-back denial (said: its words) such as 'no problem' goes on with 'with' and its own thing ('no
    problems with my legs'): it denies that thing. 'No problem with that' still looks back."""
    after = denial.end
    return (
        said in _FORWARD_DENIALS
        and after + 1 < len(tokens) and tokens[after] == "with" and tokens[after + 1] not in _DENIAL_PRONOUNS
    )


def _denial_of_its_own_subject(denial: Occurrence, tokens: tuple[str, ...], own: set[int], after: int) -> bool:
    """True when a denial after a symptom has a subject of its own, an owner and a part of the body told after the
    symptom ('… hurts when pressed my legs are fine'): it says that part is well. The symptom's own part said again
    ('tingling in my hands, my hands are fine now') still takes it back."""
    subject = denial.start - 1
    if subject > 0 and tokens[subject] in _CLAUSE_VERBS:
        subject -= 1  # 'my legs are fine', found by 'fine' alone
    return (
        subject - 1 >= after and tokens[subject - 1] in _OWNERS and tokens[subject] in _BODY_SUBJECTS
        and tokens[subject] not in {tokens[p] for p in own}
    )


def _as_said(occurrence: Occurrence, tokens: tuple[str, ...], endings: tuple[str, ...] = ("",)) -> bool:
    """False for a one-word phrase found only by its stem ('fins' for 'fine', 'note' for 'not'): such a word counts as
    said, or with one of endings ('nothings')."""
    words = occurrence.phrase.words
    return len(words) > 1 or any(tokens[occurrence.start] == words[0] + ending for ending in endings)


def _pseudo_said(occurrence: Occurrence, tokens: tuple[str, ...]) -> bool:
    """False for a recogniser's stray 'not' before 'says' ('my heart not says', for 'my partner says') found only by
    its stem: 'im not saying my legs are weak' denies. ('not keeping', 'not wanting' stay pseudo-negations: 'he is not
    keeping anything down and is losing weight' denies nothing.)"""
    return occurrence.phrase.words != ("not", "says") or tokens[occurrence.positions[-1]] == "says"


def _a_likeness(occurrence: Occurrence, tokens: tuple[str, ...]) -> bool:
    """True when the words stand in a comparison ('like a tap dripping', 'as if a tap was left on')."""
    before = tokens[max(0, occurrence.start - 3) : occurrence.start]
    while before and before[-1] in ("a", "an", "the", "some"):
        before = before[:-1]
    if bool(before) and (before[-1] == "like" or before[-2:] in (("as", "if"), ("as", "though"))):
        return True
    # 'feels dead like when you have had a local anaesthetic': a comparison with a time everyone knows
    window = tokens[max(0, occurrence.start - 7) : occurrence.start]
    opens = [i for i in range(len(window) - 1) if window[i] == "like" and window[i + 1] in ("when", "after", "you")]
    return bool(opens) and not any(t in MARKS for t in window[opens[-1] :])


def _back_as_adverb(occurrence: Occurrence, tokens: tuple[str, ...]) -> bool:
    """True when the pain word found is 'back' meaning again or returned ('they are both back at school now', 'back
    home'), not the back ('my back at night', 'back pain'). ('back' after a verb of coming or going is never found at
    all: RedFlagDetector._said.)"""
    if occurrence.phrase.words != ("back",):
        return False
    i = occurrence.start
    if i > 0 and tokens[i - 1] in _BACK_OWNERS:
        return False
    return i + 1 < len(tokens) and tokens[i + 1] in _BACK_ADVERB_NEXT


def _back_returned(occurrence: Occurrence, tokens: tuple[str, ...]) -> bool:
    """True when the word found is 'back' after a verb of coming or going ('anxious all the time about her cancer
    coming back', 'the numbness went back to normal') or after 'is' ending what is said of a thing that is no pain
    ('the flushing from the carcinoid is back this week'): no body, so no place of pain for any rule's words either."""
    i = occurrence.start
    if occurrence.phrase.words != ("back",) or i == 0:
        return False
    after = tokens[i + 1] if i + 1 < len(tokens) else "."
    if tokens[i - 1] in _BACK_RETURN_VERBS:
        return after not in _BACK_BODY_NEXT
    return (
        tokens[i - 1] in FINITE_BE and i >= 2 and tokens[i - 2] not in _BACK_NOT_RETURNING
        and (after in MARKS or after in _BACK_RETURN_AFTER)
    )


_INVERTING_NEGATIONS: Final = frozenset({"never", "nor", "neither"})
"""Negations that put the auxiliary first ('never has he fallen'); 'no, does he …' asks instead."""
_INVERTED_AUX: Final = frozenset({"have", "has", "had", "did", "do", "does", "was", "were", "is", "am", "could", "can", "would"})


def _inverted_after_negation(tokens: tuple[str, ...], position: int, triggers: set[int]) -> bool:
    """True when the subject at position follows an auxiliary put first by a negation ('not once have i wet myself',
    'never has he fallen'): the subject stays in the negation's clause; not after a bare 'no' ('no, does he …')."""
    if position < 2 or tokens[position - 1] not in _INVERTED_AUX:
        return False
    before = tokens[position - 2]
    if before in _INVERTING_NEGATIONS:
        return (position - 2) in triggers
    return before in ("once", "time") and position >= 3 and tokens[position - 3] in ("not", "never") and (position - 3) in triggers


_WHY_AUX: Final = frozenset({"is", "are", "am", "was", "were", "does", "do", "did", "has", "have"})
_OWN_WORDS: Final = frozenset({"i", "my", "me", "he", "his", "him", "she", "her"})


def _asks_why_of_own(tokens: tuple[str, ...]) -> bool:
    """True when a question asks why something is so of the speaker or someone named ('why is my back hurting now'):
    it takes the thing as said, so it tells as much as it asks ('why would my back hurt' does not)."""
    words = [t for t in tokens if t not in MARKS]
    while words and words[0] in ("so", "and", "but", "then", "um", "well"):
        words = words[1:]
    return len(words) > 2 and words[0] == "why" and words[1] in _WHY_AUX and any(w in _OWN_WORDS for w in words[2:])


_NORMAL_ASKS: Final = (
    ("is", "it", "normal"), ("is", "that", "normal"), ("is", "this", "normal"), ("is", "it", "usual"),
    ("is", "it", "common"), ("is", "it", "expected"), ("is", "it", "to", "be", "expected"), ("is", "it", "ok"),
    ("is", "it", "okay"), ("is", "it", "alright"), ("is", "it", "all", "right"),
)
_WORRY_ASKS: Final = (
    ("is", "it", "anything", "to", "worry"), ("is", "that", "anything", "to", "worry"), ("is", "it", "something", "to", "worry"),
    ("is", "that", "something", "to", "worry"), ("is", "it", "something", "to", "ring"), ("is", "that", "something", "to", "ring"),
    ("is", "it", "a", "worry"), ("is", "it", "worrying"), ("is", "it", "serious"), ("is", "that", "serious"), ("is", "it", "bad"),
    ("is", "that", "bad"), ("should", "i", "be", "worried"), ("should", "i", "worry"), ("do", "i", "need", "to", "worry"),
    ("does", "it", "matter"), ("does", "that", "matter"), ("is", "it", "the", "cancer"), ("is", "that", "the", "cancer"),
    ("could", "it", "be", "the", "cancer"), ("could", "that", "be", "the", "cancer"), ("is", "it", "my", "cancer"),
    ("is", "it", "the", "tumor"), ("is", "that", "the", "tumor"), ("could", "it", "be", "the", "tumor"),
    ("is", "it", "the", "net"), ("is", "it", "a", "sign"), ("is", "that", "a", "sign"), ("is", "it", "a", "bad", "sign"),
    ("should", "i", "be", "bothered"), ("should", "i", "be", "concerned"), ("is", "it", "weird"), ("is", "that", "weird"),
    ("is", "it", "strange"), ("is", "that", "strange"),
)
"""A question whether something is worrying or the cancer's doing: what it asks about follows ('is it anything to
worry about that i wet the bed last night', 'is it the cancer if my hands have gone numb')."""
_SYMPTOM_NOUNS: Final = frozenset(
    {"pain", "ache", "aching", "backache", "numbness", "tingling", "leaking", "weakness", "cramp", "cramps", "sweats",
     "sweating", "wobbliness", "heaviness", "pins", "burning", "shooting"}
)
"""Nouns of a symptom: after 'the' or 'this' in a question ('is it bad that the pain …', 'is this tingling …') they
name one the speaker has."""
_OWN_TIMES: Final = frozenset({"when", "whenever", "every", "each", "since", "after"})
_OWN_SUBJECTS: Final = frozenset({"i", "my", "he", "his", "she", "her", "mum", "dad", "mother", "father", "husband", "wife"})
"""Subjects of the speaker or someone they speak for (the normaliser has made 'mums' 'mum' already)."""
_SO_NOW: Final = frozenset(
    {"have", "has", "had", "am", "is", "are", "was", "were", "been", "keep", "keeps", "kept", "only", "now", "still",
     "already", "just"}
)
"""After 'if' and a person, these tell what is so or has happened ('if my hands have gone numb'), not a supposition
of what may come ('if my legs go numb') nor a condition that may be so ('should i worry if i cant feel my feet')."""


def _words_after_leads(tokens: tuple[str, ...]) -> tuple[list[str], int]:
    """A sentence's words without marks, and where they start past lead words ('so', 'well', 'just' …)."""
    words = [t for t in tokens if t not in MARKS]
    lead = 0
    while lead < len(words) and words[lead] in ("so", "and", "but", "um", "well", "just", "also"):
        lead += 1
    return words, lead


def _asks_if_own_is_normal(tokens: tuple[str, ...], position: int) -> bool:
    """True when a question whether something is normal tells, after the symptom, when it happens to the speaker ('is
    it normal to not feel the loo roll when i wipe', 'is it normal to wet myself every night'): a report."""
    words, lead = _words_after_leads(tokens)
    if not any(tuple(words[lead : lead + len(ask)]) == ask for ask in _NORMAL_ASKS):
        return False
    after = tokens[position:]
    generic = bool(_GENERIC.intersection(tokens))  # ('is this kind of back pain normal' asks about its kind)
    return any(
        (word in _OWN_TIMES and index + 1 < len(after) and after[index + 1] in ("i", "my", "me"))
        or (
            not generic and word in ("this", "my") and index + 1 < len(after)
            and after[index + 1] in ("back", "backache", "pain")
        )
        for index, word in enumerate(after)
    )  # ('… along with this back pain')


_GENERIC: Final = frozenset(
    {"kind", "sort", "type", "types", "usually", "typically", "tend", "tends", "generally", "normally", "often", "always",
     "ever", "people", "someone", "patients"}
)
"""Words that make a question about 'this pain' one about its kind, not the speaker's own."""
_ASKED_STATES: Final = frozenset({("normal",), ("ok",), ("okay",), ("alright",), ("fine",), ("all", "right")})


def _asked_whether(tokens: tuple[str, ...], position: int, denial: Occurrence) -> bool:
    """True when the denial word after the symptom at position is what a yes/no question asks ('is this tingling
    normal ?', 'are these cramps ok ?'), not an answer."""
    if denial.phrase.words not in _ASKED_STATES or tokens[denial.end : denial.end + 1] != ("?",):
        return False
    start = position
    while start > 0 and tokens[start - 1] not in (".", "?", "!", ","):
        start -= 1
    words, lead = _words_after_leads(tokens[start : denial.start])
    return lead < len(words) and words[lead] in ("is", "are")


def _asks_of_a_symptom_there(tokens: tuple[str, ...], position: int) -> bool:
    """True when a question names the symptom at position as one that is there: 'is this tingling normal', 'is the
    tingling all down both legs something i can sleep off'."""
    words, lead = _words_after_leads(tokens)
    if len(words) < lead + 3 or words[lead] not in ("is", "are", "could", "should", "does", "do"):
        return False
    if _GENERIC.intersection(words):
        return False  # 'does this kind of back pain tend to get worse at night', 'is this pain usually worse at night'
    article = words[lead + 1]
    if article not in ("this", "these", "the") or tokens[position] not in _SYMPTOM_NOUNS:
        return False
    if position > tokens.index(article) + 2:
        return False  # the symptom is not the question's subject
    # 'this tingling' is there; 'the tingling' only when the speaker says what to do with it ('something i can …')
    return article != "the" or any(a == "something" and b in ("i", "we", "he", "she") for a, b in zip(words, words[1:]))


def _asks_of_what_has_happened(tokens: tuple[str, ...]) -> bool:
    """True when a question whether something is normal, worrying or the cancer's doing says that it has happened to
    the speaker or someone they speak for ('is it anything to worry about that i wet the bed last night', 'is it normal
    that when i wipe it feels numb', 'is it the cancer if my hands have gone numb'; not 'is it serious if my legs go
    numb', a supposition, nor 'is it normal that people with this cancer lose weight'): a report."""
    words, lead = _words_after_leads(tokens)
    ask = next((a for a in _NORMAL_ASKS + _WORRY_ASKS if tuple(words[lead : lead + len(a)]) == a), None)
    if ask is None:
        return False
    rest = words[lead + len(ask) :]
    while rest and rest[0] in ("about", "to", "ring", "worry", "over", "of"):
        rest = rest[1:]  # 'is it anything to worry about that …'
    if len(rest) < 3:
        return False
    if rest[0] == "that" and rest[1] not in ("if", "whether"):
        own = rest[1:4]
        if own[0] in ("the", "this", "these") and own[1] in _SYMPTOM_NOUNS:
            return True  # 'is it bad that the pain never lets up': the pain is there
        if own[:1] in (["when"], ["whenever"]):
            return len(own) > 1 and own[1] in _OWN_SUBJECTS  # 'that when i wipe …'
        return any(w in _OWN_SUBJECTS for w in own[:2])  # 'that i have only managed a dribble', 'that mum …'
    if rest[0] == "if" and rest[1] in _OWN_SUBJECTS:
        verb = 2 if rest[1] not in ("my", "his", "her") else 3
        return verb < len(rest) and rest[verb] in _SO_NOW  # 'if my hands have gone numb', not 'if my legs go numb'
    return False


def _double_negative_object(tokens: tuple[str, ...], position: int, own: set[int]) -> bool:
    """True when the negation word at position is the object of a negative symptom said just before it
    ('cant feel nothing', 'couldnt feel no feeling'): in everyday speech two negatives there make one."""
    if tokens[position] not in _DOUBLE_NEGATIVE_OBJECTS or position - 1 not in own or tokens[position - 1] not in _SENSING:
        return False
    if position + 1 < len(tokens) and tokens[position + 1] in _NOTHING_AMISS:
        return False  # 'i dont feel nothing wrong with my legs': nothing amiss, a denial
    return any(tokens[p] in _NEGATIVE_VERBS and p in own for p in range(max(0, position - 3), position))


_ONSET: Final = frozenset({"ever", "start", "starts", "begin", "begins", "happen", "happens", "get", "gets", "develop", "develops"})
"""Words of a condition that supposes something yet to come ('if my back ever starts hurting'), not a habit ('if i bend
it hurts')."""


def _supposed_from(words: tuple[str, ...], asked_after: bool) -> int | None:
    """Where in a sentence's words an 'if' starts a supposition that asks ('… if the lump gets bigger will it hurt more')
    or, with asked_after (a question follows or the sentence asks), one about something yet to come; else None."""
    for index, word in enumerate(words):
        if word != "if":
            continue
        clause = [t for t in words[index:] if t not in (".", "?")]
        if is_supposition(clause) or (asked_after and _ONSET.intersection(clause) and is_supposition(clause, True)):
            return index
    return None


@dataclass(frozen=True)
class RedFlagResult:
    """What the red-flag check found in one input."""

    level: RedFlagLevel
    """The highest level among the rules that fired; NONE when none did."""
    rules: tuple[str, ...]
    """Ids of the rules that fired, highest level first, then in prompts/ order."""
    about_other: bool
    """True when the report is about someone else ('my husband can't feel his feet')."""
    asked_about: RedFlagLevel
    """The highest level of rules matched only inside questions about symptoms (they do not fire)."""
    denied: bool = False
    """True when symptom words were found but every one was denied ('no numbness')."""
    spans: tuple[tuple[int, int], ...] = ()
    """Token spans (start, end) of the canonical text where fired rules matched: the report's words."""
    suspected: tuple[str, ...] = ()
    """Rules whose `suspect` phrases were heard, undenied and outside a question, where no rule fired."""

    @classmethod
    def none(cls) -> "RedFlagResult":
        """The result for an input with no red flag."""
        return cls(RedFlagLevel.NONE, (), False, RedFlagLevel.NONE)

    def to_json_dict(self) -> dict[str, object]:
        """The contract's `red_flag` object."""
        return {"level": self.level.value, "rules": list(self.rules)}


_PASSING_RULES: Final = frozenset({"numbness"})
"""Rules whose feeling may pass in moments and mean nothing (pins and needles); weakness or a collapse never does."""
_PAIN_NEGATION_REACH: Final = 3
"""How far before a pain word a negation denies it, for the rules that need pain ('no back pain')."""
_PAIN_LIST_BREAKS: Final = frozenset({"and", ",", "or", "but"})
_COMPARISONS: Final = frozenset({("like", "it"), ("like", "this"), ("like", "that"), ("like", "my"), ("like", "the"), ("like", "before")})
"""Word pairs after a negation that make it a comparison, no denial ('never had pain like it')."""
_ANSWERS_NO: Final = frozenset({"no", "nope", "nah"})
_ANSWER_PAIRS: Final = frozenset({("no", "more"), ("not", "really")})
_ANSWER_SUBJECTS: Final = frozenset({"i", "he", "she", "we", "they", "my", "his", "her", "mum", "dad", "both"})
_EASED: Final = frozenset({"better", "improving", "easier", "eases", "eased", "okay", "fine", "alright"})
"""A denial with one of these followed by when or if tells what eases a symptom ('get better when he stops', 'it is okay
when she sits')."""
_FEELING: Final = frozenset({"feel", "feeling", "feelings", "sensation"})
_NO_WORDS: Final = frozenset({"no", "without", "none", "nothing", "never"})
"""A symptom made of these ('no feeling', 'never felt') still denies what follows ('no feeling of a band round my
chest'); one made of a verb's negative ('doesnt know when', 'cant control') does not."""
_NEGATIVE_TOKENS: Final = frozenset({"dont", "doesnt", "didnt", "not"})
"""Negatives of a feeling verb that deny a felt symptom after them ('dont feel numb'); not 'no feeling' or 'cant feel',
which are the symptom ('no feeling numb in my feet', said by someone whose English is not their first language)."""
_FELT_SYMPTOMS: Final = frozenset(
    {"numb", "numbness", "tingling", "tingly", "tingle", "tingles", "pins and needles", "weak", "weakness", "heavy", "pain",
     "heaviness", "wobbly", "jelly", "buzzing", "prickly", "prickling"}
)
"""Symptoms that a negative feeling word before them denies ('dont feel numb'), unlike body parts ('cant feel his feet')."""
_NEGATED_SYMPTOM_GAP: Final = 1
"""Words allowed between a negative symptom and the symptom word it denies ('dont feel any tingling')."""
_CANT_TOKENS: Final = frozenset({"cant", "couldnt", "cannot"})
_NOT_FELT_AFTER_CANT: Final = frozenset(
    {"tingling", "tingly", "tingle", "tingles", "numb", "numbness", "pins", "buzzing", "prickly", "prickling", "shooting",
     "electric", "shocks", "shock", "stabbing", "burning", "cramp", "cramps", "twinges", "twinge", "weakness"}
)
"""What 'cant feel any' denies when it names it ('i cant feel any tingling', 'i cant feel any electric shocks in my
legs'); any other word keeps the feeling lost ('couldnt feel any thing down below', 'any of my toes', 'any movement
in his legs', and 'cant feel any pain in his feet', which may be the feeling gone)."""
_NOT_FELT: Final = _FELT_SYMPTOMS | _NOT_FELT_AFTER_CANT | frozenset({"pains", "aches", "ache", "discomfort"})
"""What 'dont feel any' denies when it names it: the same and pain ('i dont feel any pain in my legs')."""
_NEGATIVE_WORDS: Final = frozenset({"cant", "couldnt", "unable", "wont", "no", "not", "never", "nothing", "without", "none"})


def _any_not_felt(tokens: tuple[str, ...], at: int, plain_negative: bool) -> bool:
    """True when 'any' stands at `at` after a negative 'feel' and names a symptom that the negative denies: any of
    _NOT_FELT after 'dont feel' (plain_negative), only _NOT_FELT_AFTER_CANT after 'cant feel'."""
    return at + 1 < len(tokens) and tokens[at] == "any" and tokens[at + 1] in (
        _NOT_FELT if plain_negative else _NOT_FELT_AFTER_CANT
    )


@dataclass(frozen=True)
class ClauseFacts:
    """What the lexical rules see in one clause, for the semantic safety net."""

    has_negation: bool
    """True when a negation word (not a pseudo-negation such as 'no difference') is in it: 'no', 'cant', 'hasnt'."""
    has_denial: bool
    """True when a denial follows the symptom ('my legs are fine', 'feel normal')."""
    is_question: bool
    """True when it asks something or supposes ('should i worry if my legs go weak')."""
    about_other: bool
    """True when it speaks of someone else ('my husband')."""
    is_personal: bool
    """True when it names anyone's own body or self ('my', 'he', 'her', 'my mum')."""
    excepted: frozenset[str] = frozenset()
    """The rules whose exceptions it says ('the toilet is leaking', 'lost the weight on purpose'): they hold in this
    clause only, not in the clauses beside it ('… and i have wet myself')."""


_ASKING_MODALS: Final = frozenset({"can", "could", "would", "will", "might", "may", "does", "do"})
_POINTERS: Final = frozenset({"that", "this", "it", "its", "these", "those"})
_ADDRESSING_VERBS: Final = frozenset({"tell", "give", "show", "walk", "run", "remind", "explain", "teach", "read", "send"})


def _addressed(words: list[str], n: int) -> bool:
    """True when words[n] is 'me' or 'us' asked to be told something ('give me the full list of …', 'tell me'): whom a
    request is for, nobody's body."""
    return words[n] in ("me", "us") and n > 0 and words[n - 1] in _ADDRESSING_VERBS


@dataclass(frozen=True)
class _Sentence:
    start: int
    end: int
    is_question: bool
    is_personal: bool
    about_other: bool
    asked_next: bool = False
    """True when the next sentence is a question ('if my legs go numb | should i call someone')."""


_THOUGHT: Final = frozenset({"thought", "thinking", "reckoned", "feared", "worried", "scared", "afraid"})
_MISTAKE_OPENINGS: Final = (("but", "it", "was"), ("but", "it", "is"), ("but", "that", "was"), ("but", "twas"))
_MISTAKE_WORDS: Final = frozenset({"just", "only", "nothing", "merely", "simply"})
_TURNED_OUT: Final = (("turned", "out"), ("turns", "out"))
_MISTAKE_REACH: Final = 8
_UNFOUNDED_SUBJECTS: Final = frozenset({"they", "it", "he", "she", "i", "that"})
_UNFOUNDED_NOTS: Final = frozenset({"arent", "isnt", "wasnt", "werent", "not", "hasnt", "havent", "didnt", "dont", "doesnt"})
_BE_NOT: Final = (("are", "not"), ("is", "not"), ("was", "not"), ("were", "not"))


def _mistaken(tokens: tuple[str, ...], span: tuple[int, int], sentence: "_Sentence") -> bool:
    """True when the symptom was only thought to be there and found to be something else: 'i thought my foot had gone
    numb but it was just my sock too tight', 'we thought he had wet himself, turned out it was the hot water bottle'."""
    before = tokens[max(sentence.start, span[0] - _SCOPE_TOKENS) : span[0]]
    if not _THOUGHT.intersection(before):
        return False
    after = tokens[span[1] : span[1] + _MISTAKE_REACH]
    for i, token in enumerate(after):
        if token in (".", "?"):
            return False
        if (token == "but" or after[i : i + 2] in _TURNED_OUT) and _mistake_follows(after[i:]):
            return True
    return False


def _mistake_follows(later: tuple[str, ...]) -> bool:
    """True when a clause opens by saying what came before was something else ('it was just my sock', 'turned out it
    was the hot water bottle') or was not so ('… but they arent', ending its clause)."""
    words = later[1:] if later[:1] == ("but",) else later
    if words[:2] in _TURNED_OUT:
        return True
    if words[:1] and words[0] in _UNFOUNDED_SUBJECTS:
        # 'i was worried my legs were getting weaker but they arent, …': the fear was unfounded (the clause ends there)
        negation = 1 if words[1:2] and words[1] in _UNFOUNDED_NOTS else 2 if words[1:3] in _BE_NOT else 0
        if negation and words[1 + negation : 2 + negation] in ((), (",",), (".",)):
            return True
    return any(words[: len(o) - 1] == o[1:] and len(words) >= len(o) and words[len(o) - 1] in _MISTAKE_WORDS
               for o in _MISTAKE_OPENINGS)


_NOT_THAT: Final = frozenset({"not", "wasnt", "isnt", "werent", "arent"})


_ACHING_SITES: Final = frozenset({"back", "neck", "spine", "legs", "leg", "hips", "hip"})
_ACHING_AFTER_SITE: Final = frozenset({"aching", "hurting", "killing", "throbbing", "burning", "playing", "sore", "agony"})


def _told_after_an_item(tokens: tuple[str, ...], position: int) -> bool:
    """True when a site and its ache at position follow a one-word item denied by 'no' ('no energy back aching all
    day', a list heard without commas): the 'no' denied its item, the site opens a report of its own."""
    return (
        position >= 2 and tokens[position] in _ACHING_SITES and position + 1 < len(tokens)
        and tokens[position + 1] in _ACHING_AFTER_SITE and tokens[position - 2] == "no"
        and tokens[position - 1] not in MARKS and tokens[position - 1] not in _DETERMINERS_AFTER
        and tokens[position - 1] not in ("no", "any", "a", "and", "or")
    )


_NEGATIVE_OPENINGS: Final = frozenset(
    {"cant", "couldnt", "hasnt", "havent", "hadnt", "isnt", "wont", "wouldnt", "doesnt", "didnt", "unable", "arent",
     "wasnt", "werent"}
)
"""Negative verbs that open a report of their own with its subject left out ('… hasnt passed any water since teatime')."""
_BODY_SUBJECTS: Final = frozenset(
    {"legs", "leg", "feet", "foot", "arms", "arm", "hands", "hand", "knees", "knee", "toes", "bladder", "bowels", "chest",
     "back", "waterworks", "body", "bum", "bottom", "weight", "appetite", "painkillers", "tablets", "pills", "medicine",
     "medication", "morphine", "paracetamol", "ibuprofen"}
)
_BODY_VERBS: Final = frozenset(
    {"gone", "went", "go", "goes", "going", "are", "is", "have", "has", "keep", "keeps", "kept", "just", "feel", "feels",
     "felt", "been", "wont", "cant", "dont", "doesnt", "didnt", "wouldnt", "couldnt", "gave", "giving", "give", "buckled",
     "buckle", "buckling", "collapsed", "started", "seem", "seems", "turned", "dropping", "dropped", "falling", "getting",
     "got"}
)
"""A part of the body (or what is taken for it) then one of these opens a clause of its own: 'no tummy pain, feet gone
dead since last night', 'no chest pain weight is dropping off me'."""
_SUBJECT_NEGATIVES: Final = frozenset({"arent", "isnt", "dont", "doesnt", "havent", "hasnt", "didnt", "wont", "cant"})
"""… or these after it: 'no tingling, painkillers arent touching my back'."""
_ITEM_REACH: Final = 6
_SUBJECT_WORDS: Final = frozenset({"it", "its", "i", "he", "she", "they", "we", "you", "that", "this", "there", "one"})
"""An item is a thing denied, no subject: 'no it doesnt feel like a band' answers no, then denies the band."""
_LISTING_ON: Final = frozenset({"or", "nor", "any"})
_ITEM_NEGATIONS: Final = frozenset({"no", "without", "none", "nothing", "nope"})
"""Negations that deny a thing and never a verb: what follows the thing they deny is told."""
_INTO_A_PART: Final = frozenset(
    {"with", "in", "of", "on", "to", "from", "my", "his", "her", "their", "your", "our", "the", "a", "both", "either"}
)
"""Words that lead into a part of the body within the item ('no problem with my legs …'): no subject of its own."""
_SAYING: Final = frozenset({"say", "said", "saying", "says", "think", "thought", "mean", "meant", "claim", "claimed", "sure"})


def _body_opens_a_clause(tokens: tuple[str, ...], at: int) -> bool:
    """True when a part of the body at at, followed by a verb, opens a report of its own ('feet gone dead', 'legs wont
    hold me up'); a negative verb with its subject left out opens one too, which _item_before_a_clause checks first."""
    return (
        tokens[at] in _BODY_SUBJECTS and at + 1 < len(tokens)
        and (tokens[at + 1] in _BODY_VERBS or tokens[at + 1] in _SUBJECT_NEGATIVES)
    )


def _item_before_a_clause(tokens: tuple[str, ...], position: int, start: int) -> bool:
    """True when the negation at position denies an item of a few words and a report of its own opens after that item,
    at or before start (where the symptom's words start): 'legs fine no numbness hasnt passed any urine since last
    night', 'not tingly cant feel my feet at all', 'no tummy pain, feet gone dead' (lists heard without their commas,
    or told with the subject left out). A negation never takes a verb of its own, so it denied the item. Not 'no
    numbness or cant …', whose 'or' lists on, nor 'not that i cant walk', whose 'that i' makes it no item."""
    if tokens[start] in _NEGATIVE_OPENINGS and all(t in MARKS for t in tokens[position + 1 : start]):
        return True  # 'no bladder issues never had, cant feel anything', 'no cant feel my legs': a negation never takes a
        # negative verb after it
    # A negated verb may take a clause after it ('i wouldnt say my legs are weak', 'neither of my legs has given way'),
    # so after one only a negative verb opens a report of its own ('she isnt in pain, hasnt walked a step')
    item_negation = tokens[position] in _ITEM_NEGATIONS
    for at in range(position + 2, min(start, position + 1 + _ITEM_REACH) + 1):
        if tokens[at] in _LISTING_ON or tokens[at] in _SUBJECT_WORDS:
            return False
        if tokens[at - 1] in _LISTING_ON or tokens[at - 1] in _SUBJECT_WORDS or tokens[at - 1] in _SAYING:
            return False
        if tokens[at] in _NEGATIVE_OPENINGS or (item_negation and tokens[at - 1] not in _INTO_A_PART and _body_opens_a_clause(tokens, at)):
            return True  # (not 'no problem with my legs giving way': the legs are the item's own)
    return False


_ANSWERED_ITEM: Final = frozenset({"no", "nope"})
_TELLING_VERBS: Final = frozenset(
    {"is", "are", "am", "was", "were", "be", "been", "feel", "feels", "felt", "feeling", "go", "goes", "gone", "went",
     "going", "get", "gets", "got", "getting", "keep", "keeps", "have", "has", "had", "having", "still", "very", "really",
     "so", "bit", "quite", "all"}
)
_LOSSES: Final = frozenset(
    {"feeling", "feelings", "sensation", "strength", "power", "control", "movement", "grip", "use", "energy", "appetite",
     "sleep", "relief", "warning", "idea", "way", "help", "change", "difference", "better", "good", "effect", "point"}
)


def _answered_no_after(tokens: tuple[str, ...], start: int, end: int) -> bool:
    """True when the symptom from start to end is an item of a checklist answered 'no' after it: 'numbness no, weakness
    no, bladder no' (and heard without commas, 'numbness no weakness no'), the way a nurse's list is read back. Not a
    symptom told with a verb ('my feet are numb no weakness no bladder trouble'): that tells it, then lists what is not."""
    if end >= len(tokens) or tokens[end] not in _ANSWERED_ITEM or (start > 0 and tokens[start - 1] in _TELLING_VERBS):
        return False
    if tokens[start] in _NEGATIVE_WORDS:
        return False  # a negative told ('nothing helps no numbness no bladder trouble'), no item answered
    # (the normaliser reads a list marked with commas so already) heard, the commas may be missing or put back wrong
    # ('numbness no weakness , no bladder no'): the words after it alternate answer and one-word item; 'her legs are
    # weak no strength no grip' does not, a loss being a symptom
    words = [t for t in tokens[end : end + 12] if t not in MARKS]
    answers = 0
    for k in range(0, len(words), 2):
        if words[k] not in _ANSWERED_ITEM or (k > 0 and words[k - 1] in _LOSSES):
            break
        answers += 1
    return answers >= 2


def _what_it_is_instead(tokens: tuple[str, ...], position: int, own: set[int]) -> bool:
    """True when 'its', 'it is' or (with 'it' left out, after 'isnt') 'is' at position then an owner says what it is
    instead of what the negation before it denied: 'its not my back its my legs', 'isnt my back is my legs'."""
    if position in own or position + 1 >= len(tokens) or tokens[position + 1] not in _DETERMINERS_AFTER:
        return False
    if tokens[position] == "its" or (tokens[position] == "is" and position > 0 and tokens[position - 1] == "it"):
        return True
    return tokens[position] == "is" and "isnt" in tokens[max(0, position - 6) : position]


def _denied_explanation(occurrence: Occurrence, tokens: tuple[str, ...]) -> bool:
    """True when the everyday explanation an exception names is said not to be it: 'my trousers were soaked and not
    with sweat' (the exception 'soaked * sweat'), 'he collapsed, not in the film' ('in the film')."""
    last = occurrence.end - 1
    return any(tokens[i] in _NOT_THAT for i in range(max(occurrence.start - 1, last - 3, 0), last))


_NEW_CLAUSE_SUBJECTS: Final = frozenset({"i", "he", "she", "my", "his", "her", "we", "they", "now", "then", "since"})
"""Words after which a new clause has its own subject. Not 'it', which most often points back at what the exception
names ('i banged my funny bone and it went all down my arm')."""
_FORWARD_JOINERS: Final = frozenset({"and", "but", "so", "then", ","})
"""Words that open a new clause before a subject ('… and now i …', '…, my legs …'): an exception before them explains
nothing after them."""
_BACKWARD_JOINERS: Final = frozenset({"and", "so", "then"})
"""The same looking back: an exception after 'but' or a comma most often explains what came before ('my back went click
when i reached up, no pain after'; 'awful with her spine … but i have no symptoms myself, just nerves')."""


def _new_clause_between(tokens: tuple[str, ...], start: int, end: int, joiners: frozenset[str]) -> bool:
    """True when a new clause opens in tokens[start:end]: at one of joiners before a subject or 'now'."""
    return any(tokens[i] in joiners and i + 1 < len(tokens) and tokens[i + 1] in _NEW_CLAUSE_SUBJECTS for i in range(start, end))


_USUAL_STATE: Final = frozenset({"normally", "usually"})
_USUAL_SUBJECTS: Final = frozenset({"i", "he", "she", "we", "they", "it", "mum", "dad", "you"})


def _opens_usual_state(occurrence: Occurrence, tokens: tuple[str, ...]) -> bool:
    """True for a one-word post-negation such as 'normally' before a subject: it opens how things usually are."""
    return (len(occurrence.positions) == 1 and tokens[occurrence.start] in _USUAL_STATE
            and occurrence.end < len(tokens) and tokens[occurrence.end] in _USUAL_SUBJECTS)


_SUBJECT_PRONOUNS: Final = frozenset({"i", "he", "she", "we", "they"})
_SUBORDINATORS: Final = frozenset(
    {"when", "if", "because", "cos", "as", "since", "while", "until", "till", "that", "than", "where", "after", "before",
     "whenever", "once", "whether", "and", "but", "so", "then", "or"}
)
FAR_EXCEPTION: Final = 6
"""Words between a phrase and an exception after it, at least, for a subject of its own to part them (_far_own_clause)."""


def _far_own_clause(tokens: tuple[str, ...], start: int, end: int) -> bool:
    """True when, far after the phrase (FAR_EXCEPTION words or more), a subject opens a sentence of its own in speech
    that has no full stops: 'she is been wetting herself when she stands up and doesnt feel it happening she also
    said the plumbers coming tuesday' (the plumber explains nothing of the wetting). Not a subject after a word that
    ties its clause to the one before ('… soaked when i woke up …')."""
    return end - start >= FAR_EXCEPTION and any(
        tokens[i] in _SUBJECT_PRONOUNS and tokens[i - 1] not in _SUBORDINATORS and tokens[i - 1] not in MARKS
        for i in range(max(start, 1), end)
    )


def _excepted(span: tuple[int, int], exceptions: list[Occurrence], sentence_of: list[int], tokens: tuple[str, ...]) -> bool:
    """True when one of a rule's exceptions silences its phrase at span: in the same sentence and clause ('the shelf
    collapsed', 'my feet are cold and numb', 'brought my sewing box, pins and needles and all'), not across a new
    clause ('i slipped in the bath and since then i keep wetting myself': 'in the bath' explains nothing of the
    wetting). A span that runs into the next sentence ('my back hurts. the baby keeps me up') is excepted in
    either."""
    for o in exceptions:
        if not sentence_of[span[0]] <= sentence_of[o.start] <= sentence_of[span[1] - 1]:
            continue
        if o.end <= span[0]:
            if not _new_clause_between(tokens, o.end, span[0], _FORWARD_JOINERS):
                return True
        elif span[1] <= o.start:
            if not (_new_clause_between(tokens, span[1], o.start, _BACKWARD_JOINERS)
                    or _far_own_clause(tokens, span[1], o.start)):
                return True
        else:
            return True  # the exception holds the phrase's words ('nearly wet myself laughing')
    return False


def _disjoint_choice(groups: list[list[Occurrence]]) -> list[Occurrence] | None:
    """One occurrence from each group, no two sharing a word ('tight around' is not also the 'around')."""
    if not groups:
        return []
    first, rest = groups[0], groups[1:]
    for occurrence in first:
        others = [[o for o in group if not set(o.positions) & set(occurrence.positions)] for group in rest]
        if all(others):
            tail = _disjoint_choice(others)
            if tail is not None:
                return [occurrence, *tail]
    return None


_EVALUATIONS: Final = frozenset(
    {"terrible", "awful", "horrible", "dreadful", "shocking", "horrendous", "bad", "worse", "worst", "unbearable", "severe",
     "intense", "extreme", "constant", "relentless", "excruciating", "agonizing", "unbelievable", "crippling", "murder"}
)
"""Words that only say how bad something is: said of another thing ('the weather is awful'), they are not the pain's."""
_COPULAS: Final = frozenset({"is", "are", "was", "were", "been", "be", "seems", "seemed", "looks", "looked"})
_DEGREES: Final = frozenset({"so", "really", "very", "just", "absolutely", "pretty", "quite", "bloody", "truly", "too"})
_SUBJECT_DETERMINERS: Final = frozenset(
    {"the", "them", "these", "those", "that", "this", "our", "your", "their", "a", "an", "my", "his", "her", "some"}
)


def _said_of_another(occurrence: Occurrence, tokens: tuple[str, ...], others: set[int], pain: frozenset[str]) -> bool:
    """True when a word of how bad in a combination is said of a thing that neither the combination's other words
    nor a word for pain (pain) name: 'my back is stiff and the weather is awful', 'them chairs are terrible' (the
    chairs are, not the pain; 'the pain is terrible', 'my neck is awful' and 'the back pain is worse' are the pain's)."""
    if occurrence.end - occurrence.start != 1 or tokens[occurrence.start] not in _EVALUATIONS:
        return False  # 'the only thing that helps is lying on the bed', 'my wife and i were intimate' say more
    position = occurrence.start - 1
    if position >= 0 and tokens[position] in _DEGREES:
        position -= 1
    if position < 1 or tokens[position] not in _COPULAS:
        return False
    for determiner in range(position - 1, max(-1, position - 4), -1):
        if tokens[determiner] in _SUBJECT_DETERMINERS:
            subject = range(determiner + 1, position)
            return len(subject) > 0 and not any(
                index in others or tokens[index] in MARKS or tokens[index] in pain for index in subject
            )
    return False


_LOADS: Final = frozenset({
    "bag", "bags", "shopping", "box", "boxes", "weights", "suitcase", "suitcases", "case",
    "cases", "furniture", "things", "stuff", "basket", "baskets", "crate", "crates", "pots", "pans", "door", "doors",
})
"""Things carried or moved, which a word of weakness can describe instead of a limb ('heavy bags')."""


def _said_of_a_load(occurrence: Occurrence, tokens: tuple[str, ...]) -> bool:
    """True when a one-word part of a combination describes the load after it, not a limb: 'my arms are a bit achy
    from carrying heavy bags' says nothing heavy of the arms ('my arms feel heavy' and 'heavy as lead' do)."""
    return occurrence.end - occurrence.start == 1 and occurrence.end < len(tokens) and tokens[occurrence.end] in _LOADS


def _inside(inner: Occurrence, outer: Occurrence) -> bool:
    """True when inner lies within outer, which is longer, on outer's own words: an exception that fills the gap of a
    phrase ('different causes' in 'different * pain' on 'different causes of back pain') is not inside it."""
    return (
        outer.start <= inner.start and inner.end <= outer.end and outer.end - outer.start > inner.end - inner.start
        and set(inner.positions) <= set(outer.positions)
    )


_LIST_JOINERS: Final = frozenset({"or", "nor", "and"})


def _alive_in_list(group: list[Occurrence], tokens: tuple[str, ...], denied: list[bool]) -> list[Occurrence]:
    """The occurrences not denied, less those joined by 'or' or 'and' right after one that is: a list shares its
    first item's negation however long it runs ('it doesnt get any worse when i sneeze or laugh')."""
    ends = {o.end for o, no in zip(group, denied) if no}
    dead = {index for index, no in enumerate(denied) if no}
    for index in sorted(range(len(group)), key=lambda i: group[i].start):  # in order, so a list passes it on
        o = group[index]
        if index not in dead and o.start >= 2 and tokens[o.start - 1] in _LIST_JOINERS and o.start - 1 in ends:
            ends.add(o.end)
            dead.add(index)
    return [o for index, o in enumerate(group) if index not in dead]  # in the order found, which the choice reads


def _only_where_pain_is_denied(occurrence: Occurrence, tokens: tuple[str, ...]) -> bool:
    """True when a word is only the place of a pain that is denied ('no pain in my legs'), not the symptom denied."""
    position = occurrence.start - 1
    while position >= 0 and tokens[position] in _PLACE_DETERMINERS:
        position -= 1
    if position < 1 or tokens[position] not in _PLACE_WORDS:
        return False
    return any(token in _PAIN_HEADS for token in tokens[max(0, position - 2) : position])


_SCARCELY_ABLE: Final = re.compile(r"\b(?:can|could) (?:only just|just about|hardly|barely|scarcely)\b")
"""An ability all but lost ('she can hardly catch her breath', 'he could barely get a word out'): the red-flag rules
read it as lost ('cant catch * breath'), where they have no phrase of the hedged form."""


def _scarcely_able(canonical: str) -> str | None:
    """canonical with 'can hardly' or 'could hardly' (barely, scarcely, only just, just about) read as 'cant' (the
    tense is no matter: past events count, and the rules have more phrases of 'cant'), or None without one."""
    plain = _SCARCELY_ABLE.sub("cant", canonical)
    return plain if plain != canonical else None


_ABLE_ASK: Final = re.compile(
    r"\b(?:should|can|could|shouldnt|am|is) (?P<who>i|he|she) (?:still )?(?:be )?(?:able to|still)"
    r" (?P<act>[a-z][a-z ]*?) [?.,]?"
    r" ?(?:because |cos |coz |as |but |well )?(?P=who) (?P<neg>cant|cannot|couldnt|dont|doesnt|am not|is not|isnt)"
    r"(?: any ?more| now)?(?: [.?])?$"
)
_NORMAL_ASK: Final = re.compile(
    r"\bis (?:it|that) (?:normal|ok|okay|usual|bad) (?:for (?:me|him|her|(?:someone|somebody|people|anyone)(?: [a-z ]*?)?) )?"
    r"(?:(?P<not>not )to |to (?P<split>not )?)(?P<act>[a-z][a-z ]*?) [?.,]?"
    r" ?(?:because |cos |coz |as |but |well )?(?P<who>i|he|she|(?:my|his|her) [a-z]+) (?P<aux>do|does|dont|doesnt|cant|have|has)"
    r"(?: any ?more| now| a lot| all the time| too)?(?: and [a-z ]*)?(?: [.?])?$"
)
"""A question about an ability or a habit answered at once about oneself ('… because i cant', '… because i do')."""


_LOST_ABILITY: Final = re.compile(
    r"(?:^|[.,?] |\b(?:and|but|so) )(?P<who>i|he|she|we|they|mum|dad|(?:my|his|her|their) [a-z]+) used to"
    r" (?:be able to )?(?P<act>[a-z][a-z ]*?)(?: fine| easily| okay| ok| no problem| on (?:my|his|her|their) own)? ?[.,]?"
    r" (?:but |and )?(?:not any ?more|no more|no longer|not now|(?:now )?(?:i|he|she|we|they) (?:cant|cannot|can not)"
    r"(?: any ?more| now)?)(?: though| at all)?(?: [.!])?$"
)
"""An ability told as lost: 'she used to walk to the shops. not any more', 'i used to be able to feel my feet, now i
cant'."""
_THIRD_PERSON: Final = frozenset({"he", "she", "mum", "dad"})


def _lost_ability(canonical: str) -> str | None:
    """'he used to get up the stairs fine, not any more' spelled out as 'he cant get up the stairs'; None when the
    input tells no lost ability."""
    lost = _LOST_ABILITY.search(canonical)
    if lost is None:
        return None
    who, act = lost.group("who"), lost.group("act")
    verb, _, rest = act.partition(" ")
    third = who in _THIRD_PERSON or who.startswith(("my ", "his ", "her "))
    if verb == "have":  # 'i used to have control of my bladder, not anymore': 'i have lost control of my bladder'
        return f"{who} {'has' if third else 'have'} lost {rest}"
    if verb == "know":  # 'he used to know when he needed the loo, not any more'
        return f"{who} {'doesnt' if third else 'dont'} {act}"
    return f"{who} cant {act}"


def _elided_report(canonical: str, denied: bool = False) -> str | None:
    """The report a question answered about oneself, or an ability told as lost, leaves unsaid, spelled out; None when
    there is none. denied: the words took a symptom back ('i used to get numb feet. not any more'), no lost ability."""
    lost = None if denied else _lost_ability(canonical)
    if lost is not None:
        return lost
    able = _ABLE_ASK.search(canonical)
    if able is not None:
        return f"{able.group('who')} {able.group('neg')} {able.group('act')}"
    normal = _NORMAL_ASK.search(canonical)
    if normal is None:
        return None
    negative = normal.group("aux") in ("dont", "doesnt", "cant")
    said_not = bool(normal.group("not") or normal.group("split"))
    if not said_not and not negative:  # 'is it normal to wake up every night ? because i do'
        return f"{normal.group('who')} {normal.group('act')}"
    if said_not and negative:  # 'is it normal not to feel when … ? i dont anymore'
        return f"{normal.group('who')} {normal.group('aux')} {normal.group('act')}"
    return None


def _next_word(tokens: tuple[str, ...], index: int) -> str:
    """The first word after tokens[index], past commas."""
    for token in tokens[index + 1 :]:
        if token not in MARKS:
            return token
    return ""


class RedFlagDetector:
    """Checks inputs against the red-flag rules of one Content."""

    def __init__(self, content: Content, normaliser: Normaliser, real_words: frozenset[str] = frozenset()) -> None:
        """real_words: everyday English words, never read as a misspelt symptom word (see PhraseIndex)."""
        self._rules = content.rules
        self.normaliser = normaliser
        """The normaliser whose canonical text check() reads."""
        vocabulary = content.vocabulary

        def compiled(items: tuple[str, ...]) -> tuple[Phrase, ...]:
            return tuple(compile_phrase(normaliser.normalise_pattern(item)) for item in items)

        rule_phrases: dict[str, tuple[Phrase, ...]] = {}
        rule_combos: dict[str, tuple[tuple[tuple[Phrase, ...], ...], ...]] = {}
        rule_exceptions: dict[str, tuple[Phrase, ...]] = {}
        rule_suspects = {rule.id: compiled(rule.suspects) for rule in self._rules}
        everything: list[Phrase] = []
        owners: dict[Phrase, set[str]] = {}
        for rule in self._rules:
            rule_phrases[rule.id] = compiled(rule.phrases)
            rule_combos[rule.id] = tuple(tuple(compiled(group) for group in combo) for combo in rule.combinations)
            rule_exceptions[rule.id] = compiled(rule.exceptions)
            everything.extend(rule_phrases[rule.id])
            everything.extend(rule_exceptions[rule.id])
            everything.extend(rule_suspects[rule.id])
            for phrase in rule_phrases[rule.id]:
                owners.setdefault(phrase, set()).add(rule.id)
            for combo in rule_combos[rule.id]:
                for group in combo:
                    everything.extend(group)
                    for phrase in group:
                        owners.setdefault(phrase, set()).add(rule.id)
        self._negations = compiled(vocabulary.negations)
        self._post_negations = compiled(vocabulary.post_negations)
        self._pseudo = compiled(vocabulary.pseudo_negations)
        self._pain = compiled(vocabulary.pain_words)
        self._resolutions = compiled(vocabulary.resolutions)
        self._hypotheticals = compiled(vocabulary.hypotheticals)
        self._claims = compiled(vocabulary.claims)
        self._resolution_set = frozenset(self._resolutions)
        self._pain_set = frozenset(self._pain)
        self._pain_words = frozenset(w for item in vocabulary.pain_words for w in normaliser.normalise(item).split())
        self._whole_phrases = frozenset(p for phrases in rule_phrases.values() for p in phrases)
        # Where each rule's phrases stand in its lists: the rules read an input's few phrases through these (_found)
        self._phrase_places = {rule_id: _places(phrases) for rule_id, phrases in rule_phrases.items()}
        self._combo_places = {
            rule_id: tuple(tuple(_places(group) for group in combo) for combo in combos)
            for rule_id, combos in rule_combos.items()
        }
        self._exception_places = {rule_id: _places(phrases) for rule_id, phrases in rule_exceptions.items()}
        self._suspect_places = {rule_id: _places(phrases) for rule_id, phrases in rule_suspects.items()}
        for phrase in self._pseudo:
            owners.setdefault(phrase, set()).add("")
        # Which rules a phrase speaks for ('' for a pseudo-negation), to tell whose words a word is part of.
        self._owners = {phrase: frozenset(ids) for phrase, ids in owners.items()}
        self._others = frozenset(normaliser.normalise(word) for word in vocabulary.others)
        everything.extend(self._negations + self._post_negations + self._pseudo + self._pain + self._resolutions + self._hypotheticals + self._claims)
        self._index = PhraseIndex(everything, real_words)
        self._normaliser = normaliser

    def check(self, canonical: str, assume_pain: bool = False) -> RedFlagResult:
        """Check canonical (normalised) text against every rule.

        assume_pain: take back pain as said, for the rules that need it ('i have been really nauseous' where a
        recogniser may have lost 'my back hurts and' before it)."""
        result = self._check(canonical, assume_pain)
        if result.level is not RedFlagLevel.NONE:
            return result
        # Where nothing fired, the same words read once more, spelled out (their spans are not the text's): the report
        # a question leaves unsaid ('should i be able to feel it when i go ? because i cant': '… i cant feel it when i
        # go'), then an ability all but lost, unless the words took a symptom back ('mum can hardly catch her breath':
        # 'mum cant catch her breath').
        said = _elided_report(canonical, result.denied)
        readings = [] if said is None else [f"{canonical} . {said}"]
        plain = None if result.denied else _scarcely_able(canonical)
        if plain is not None:
            readings.append(plain)
        for reading in readings:
            again = self._check(reading, assume_pain)
            if again.level is not RedFlagLevel.NONE:
                return replace(again, spans=())
        return result

    def _said(self, text: TokenText) -> list[Occurrence]:
        """Every phrase found in text that the rules read (check() and mentions_pain()): all, less 'back' after a verb of
        coming or going ('her cancer coming back'), which is a return, no body, so no place of pain for any rule."""
        return [o for o in self._index.find(text) if not _back_returned(o, text.tokens)]

    def _check(self, canonical: str, assume_pain: bool) -> RedFlagResult:
        text = TokenText.from_canonical(canonical)
        if not text.tokens:
            return RedFlagResult.none()
        every = self._said(text)
        occurrences = self._without_inner(every)
        result, seen = self._evaluate(text, every, occurrences, assume_pain)
        if result.level is RedFlagLevel.EMERGENCY or len(occurrences) == len(every):
            return result
        # A phrase that swallowed a shorter one of another rule ('holding his back' the 'back' of 'wakes up every night
        # … holding his back') hides it only where its own rule is said (told, asked about or denied: 'electric shock'
        # keeps its 'shock'): where its rule's words are not all there, the shorter one counts again.
        kept = set(occurrences)
        restored = [  # (a pseudo-negation's words, 'my back is no bother', stay swallowed, and so does a word found only
            # by its stem, the 'shocking' of 'electric shock')
            o for o in every if o not in kept and _as_said(o, text.tokens, ("", "s")) and not any(
                _inside(o, outer) and (seen | {""}) & self._owners.get(outer.phrase, frozenset()) for outer in occurrences
            )
        ]
        if not restored:
            return result
        again, _ = self._evaluate(text, every, [o for o in every if o in kept or o in restored], assume_pain)
        return again if again.level.rank > result.level.rank else result

    def _evaluate(
        self, text: TokenText, every: list[Occurrence], occurrences: list[Occurrence], assume_pain: bool
    ) -> tuple[RedFlagResult, frozenset[str]]:
        """The red-flag result of text from the occurrences of phrases that count (every: all that were found), and
        the rules whose words were said (fired, asked about or denied)."""
        by_phrase = _by_phrase(occurrences)
        sentences = self._sentences(text)
        sentence_of = _sentence_numbers(len(text.tokens), [(s.start, s.end) for s in sentences])
        asking = {
            p for s in sentences
            if s.is_question and not _asks_why_of_own(text.tokens[s.start : s.end]) and not _told_with_a_question_mark(s, text.tokens)
            for p in range(s.start, s.end)
        }
        run_on_at: dict[int, int] = {}  # sentence number → where a question run on in it starts
        # a question run on after a report asks from its first word on ('… next month is back pain …')
        for number, s in enumerate(sentences):
            run_on = next((i for i in range(max(s.start, 3), s.end - 1) if run_on_ask(text.tokens, i)), None)
            if run_on is not None:
                asking.update(range(run_on, s.end))
                run_on_at[number] = run_on
            supposed_at = _supposed_from(text.tokens[s.start : s.end], s.asked_next or s.is_question)
            if supposed_at is not None:  # 'i had cancer years ago, if my back ever starts hurting should i …'
                asking.update(range(s.start + supposed_at, s.end))
        symptom_positions, triggers, post_negators = self._negation_scope(text, occurrences, by_phrase)
        said_resolutions = [o for p in self._resolutions for o in by_phrase.get(p, ())]
        resolutions = valid_resolutions(text, said_resolutions)
        supposed = [o for p in self._hypotheticals for o in by_phrase.get(p, ())]
        # a claim that is also a resolution's words ('mine are' in 'mine are fine') says the speaker has nothing
        resolved = {i for o in said_resolutions for i in o.positions}
        claimed = [
            o.start for p in self._claims for o in by_phrase.get(p, ())
            if not resolved.intersection(o.positions) and not _claim_undone(text.tokens, o.end)
        ]
        mentions_pain = self._undenied_pain(text, every, triggers, post_negators, sentence_of)
        # Someone is named ('i', 'my', 'he', 'my mum') or said to have had it ('had a net before'), or nothing is
        # asked ('history of cancer, new back pain').
        asks_anything = bool(asking) or any(run_on_ask(text.tokens, i) for i in range(3, len(text.tokens) - 1))
        personal_or_told = (not asks_anything or any(s.is_personal for s in sentences)
                            or any(token in _HAD_IT for token in text.tokens))

        fired: list[tuple[RedFlagRule, bool]] = []
        fired_spans: list[tuple[int, int]] = []
        said: set[str] = set()
        asked = RedFlagLevel.NONE
        denied = False
        for rule in self._rules:
            if rule.needs_pain and not (mentions_pain or assume_pain):
                continue
            if rule.needs_person and not personal_or_told:
                continue  # 'the cancer spreading to the spine, can you explain that': the subject, asked about
            candidates, seen = self._candidates(rule, by_phrase, text, sentence_of, triggers, post_negators, asking)
            if seen:
                said.add(rule.id)
            denied = denied or (seen and not candidates)
            exceptions = self._exceptions_said(rule.id, by_phrase, text.tokens)
            best: tuple[RedFlagRule, bool] | None = None
            for span in candidates:
                number = sentence_of[span[0]]
                if _excepted(span, exceptions, sentence_of, text.tokens):
                    continue
                if self._negates_a_symptom(span, occurrences, text.tokens):
                    denied = True  # 'i dont feel any tingling in my feet': the negative words deny the symptom after them
                    continue
                if any(resolves(resolution, span, text, sentence_of, symptom_positions) for resolution in resolutions):
                    denied = True  # 'i had tingling in my feet from the chemo but it has completely gone now'
                    continue
                if rule.id in _PASSING_RULES and any(passed_quickly(r, span, text, sentence_of) for r in resolutions):
                    denied = True  # 'my foot went to sleep for a minute after sitting cross-legged, then it was fine'
                    continue
                sentence = sentences[number]
                if _mistaken(text.tokens, span, sentence):
                    denied = True  # 'i thought my foot had gone numb but it was just my sock too tight'
                    continue
                claimed_after = any(
                    c >= span[1] and sentence_of[c] - number in (0, 1) and _claims_the_symptom(text.tokens, span[1], c)
                    for c in claimed
                )
                in_story = in_scene(text.tokens, sentence.start, span, self._others)
                if (in_story or any(governs(h, span, text.tokens) for h in supposed)) and not claimed_after:
                    if rule.level.rank > asked.rank:  # 'i am scared i will end up not able to walk'
                        asked = rule.level
                    continue
                following = sentences[number + 1] if number + 1 < len(sentences) else None
                if _answered_no(text.tokens, sentence, following):
                    denied = True  # 'are my legs weak? no, not in the slightest'
                    continue
                if not claimed_after and (
                    self._is_question_about(sentence, text, span[0], span[1] - 1)
                    or _claim_asked_true(text.tokens, sentence, following, span[0])
                    or self._asked_in_a_run_on(text.tokens, run_on_at.get(number), span)
                ):
                    if rule.level.rank > asked.rank:
                        asked = rule.level
                    continue
                other = sentence.about_other and not _speakers_own(text.tokens, sentence.start, span, self._others)
                best = (rule, other or (best is not None and best[1]))
                fired_spans.append(span)
            if best is not None:
                fired.append(best)
        if not fired:
            suspected = self._suspected(by_phrase, text, sentences, sentence_of, triggers, post_negators)
            return RedFlagResult(RedFlagLevel.NONE, (), False, asked, denied and asked is RedFlagLevel.NONE, (), suspected), frozenset(said)
        fired.sort(key=lambda item: -item[0].level.rank)
        level = fired[0][0].level
        about_other = all(other for rule, other in fired if rule.level == level)
        result = RedFlagResult(level, tuple(rule.id for rule, _ in fired), about_other, asked, False, tuple(sorted(set(fired_spans))))
        return result, frozenset(said)

    def _negation_scope(
        self, text: TokenText, occurrences: list[Occurrence], by_phrase: dict[Phrase, list[Occurrence]]
    ) -> tuple[frozenset[int], set[int], list[Occurrence]]:
        """The positions of symptom words, the negation words that deny (NegEx triggers) and the denials after a
        symptom ('is fine') of one text."""
        negators = self._negation_positions(by_phrase, text.tokens)
        symptoms = [o for o in occurrences if self._is_rule_word(o.phrase)]
        symptom_positions = frozenset(p for o in occurrences if self._is_symptom_word(o.phrase) for p in o.positions)
        # A pseudo-negation ('no change') that a symptom starts inside ('no change in the shape') denies that symptom;
        # one that holds the symptom in its gap does not ('cant laugh without it hurting').
        pseudo = {
            position for o in self._pseudo_negations_said(by_phrase, text.tokens)
            if not any(o.start < s.start < o.end and s.start in o.positions for s in symptoms) for position in o.positions
        }
        # ... nor does a word of a comparison deny what it follows ('a different place to normal')
        # ... nor an adverb that opens the usual state told next ('havent had a wee since yesterday and normally i am going
        # every few hours': how it usually is, not how this is)
        post_negators = [
            o for p in self._post_negations for o in by_phrase.get(p, ())
            if not pseudo.intersection(o.positions) and not _opens_usual_state(o, text.tokens)
        ]
        # 'no' straight before a subject answers, it does not deny: 'no, i cant walk properly anymore'.
        # So does 'nope', and 'no more' or 'not really' heard so ('but no more my feet are tingling' for 'but now both').
        answers = {i for i, t in enumerate(text.tokens[:-1]) if t in _ANSWERS_NO and _next_word(text.tokens, i) in _ANSWER_SUBJECTS}
        answers |= {
            p for i, t in enumerate(text.tokens[:-2]) if (t, text.tokens[i + 1]) in _ANSWER_PAIRS
            and _next_word(text.tokens, i + 1) in _ANSWER_SUBJECTS for p in (i, i + 1)
        }
        # The negative that a symptom is made of denies nothing after it ('he doesnt know when he has wet himself'),
        # save a feeling verb's, which denies the felt symptom it opens ('i dont feel any tingling').
        shaped = {
            p for o in symptoms if not _FEELING.intersection(o.phrase.words)
            for p in o.positions if p in negators and p != o.end - 1 and text.tokens[p] not in _NO_WORDS
        }
        # 'there was no pain in my chest before today, but now …', 'never had numbness until this week': not until now
        not_until = {p for p in negators if _not_until(text.tokens, p)}
        triggers = negators - pseudo - answers - shaped - not_until
        return symptom_positions, triggers, post_negators

    def _exceptions_said(
        self, rule_id: str, by_phrase: dict[Phrase, list[Occurrence]], tokens: tuple[str, ...]
    ) -> list[Occurrence]:
        """The rule's exceptions that the input says ('the shelf collapsed'), less those that are only a likeness
        ('leaking urine constantly like a tap dripping') or lie inside a longer phrase of the rule ('trying to lose
        weight' in 'havent been trying to lose weight'). _excepted() says which of the rule's phrases they silence."""
        exceptions = [
            o for o in _found(by_phrase, self._exception_places[rule_id])
            if not _a_likeness(o, tokens) and not _denied_explanation(o, tokens)
        ]
        if not exceptions:
            return []  # most inputs say no exception: the rule's own phrases need not be looked up again
        said = _found(by_phrase, self._phrase_places[rule_id])
        return [o for o in exceptions if not any(_inside(o, phrase) for phrase in said)]

    def _suspected(
        self,
        by_phrase: dict[Phrase, list[Occurrence]],
        text: TokenText,
        sentences: list[_Sentence],
        sentence_of: list[int],
        triggers: set[int],
        post_negators: list[Occurrence],
    ) -> tuple[str, ...]:
        """Rules with a suspect phrase that nothing denies, no question holds and no exception of the rule sits beside
        ('the roof is leaking again')."""
        found: list[str] = []
        for rule in self._rules:
            exceptions = self._exceptions_said(rule.id, by_phrase, text.tokens)
            for occurrence in _found(by_phrase, self._suspect_places[rule.id]):
                sentence = sentences[sentence_of[occurrence.start]]
                span = (occurrence.start, occurrence.end)
                if (sentence.is_question and not sentence.is_personal) or _excepted(span, exceptions, sentence_of, text.tokens):
                    continue
                if not self._is_denied(occurrence, set(occurrence.positions), text, triggers, post_negators, sentence_of):
                    found.append(rule.id)
        return tuple(dict.fromkeys(found))

    def _negates_a_symptom(self, span: tuple[int, int], occurrences: list[Occurrence], tokens: tuple[str, ...]) -> bool:
        """True when a symptom that is itself a negative ('dont feel', 'cant feel') opens a symptom word that is not
        ('dont feel numb', 'dont feel any tingling') or names with 'any' what is not felt ('cant feel any shooting
        pains'): then the negative denies the symptom, it does not report one."""
        negatives = [
            o for o in occurrences
            if span[0] <= o.start < span[1] and self._is_rule_word(o.phrase)
            and set(o.phrase.words) & (_NEGATIVE_TOKENS | _CANT_TOKENS) and "feel" in o.phrase.words
        ]
        return any(
            n.end <= o.start <= n.end + _NEGATED_SYMPTOM_GAP and o.phrase.text in _FELT_SYMPTOMS
            and set(n.phrase.words) & _NEGATIVE_TOKENS
            for n in negatives for o in occurrences
        ) or any(  # 'i cant feel any electric shocks in my legs': a symptom after 'any' is what is not felt
            n.phrase.words[-1] == "feel" and _any_not_felt(tokens, n.end, bool(set(n.phrase.words) & _NEGATIVE_TOKENS))
            for n in negatives
        ) or (  # 'i cant feel any tingling' ('cant' is no negation word: 'cant walk' is the symptom)
            span[0] >= 3 and tokens[span[0] - 2] == "feel" and tokens[span[0] - 3] in _NEGATIVE_TOKENS | _CANT_TOKENS
            and _any_not_felt(tokens, span[0] - 1, tokens[span[0] - 3] in _NEGATIVE_TOKENS)
        )

    def _without_inner(self, occurrences: list[Occurrence]) -> list[Occurrence]:
        """Occurrences less those inside a longer phrase of other rules ('night' in 'night sweats', 'dont feel' in 'dont feel right');
        a word in a phrase's gap is not inside it ('laugh' in 'cant * without')."""
        symptom = [o for o in occurrences if o.phrase in self._owners]
        kept: list[Occurrence] = []
        for occurrence in occurrences:
            mine = self._owners.get(occurrence.phrase)
            inner = mine is not None and any(
                other.start <= occurrence.start and occurrence.end <= other.end  # cheap first: most pairs end here
                and set(occurrence.positions) <= set(other.positions)  # words in a phrase's gap are no part of it
                and len(other.positions) > len(occurrence.positions)
                and not mine <= self._owners[other.phrase]
                for other in symptom
            )
            if not inner:
                kept.append(occurrence)
        return kept

    def mentions_pain(self, canonical: str) -> bool:
        """Whether canonical text mentions pain or the back, not denied (rules with needs_pain ask for it)."""
        text = TokenText.from_canonical(canonical)
        every = self._said(text)
        occurrences = self._without_inner(every)
        by_phrase = _by_phrase(occurrences)
        sentence_of = _sentence_numbers(len(text.tokens), [(s.start, s.end) for s in self._sentences(text)])
        _, triggers, post_negators = self._negation_scope(text, occurrences, by_phrase)
        return self._undenied_pain(text, every, triggers, post_negators, sentence_of)

    def _undenied_pain(
        self, text: TokenText, every: list[Occurrence], triggers: set[int], post_negators: list[Occurrence], sentence_of: list[int]
    ) -> bool:
        """Whether pain or the back is mentioned, also inside a longer phrase ('something went in my back'), and not
        said to be fine ('i felt queasy on the ferry but my back has been fine'): a denied pain is no pain beside
        nausea or tiredness."""
        tokens = text.tokens

        def denied(o: Occurrence) -> bool:
            # a negation straight before it ('no back pain', 'not my back') or a denial after it ('my back has been fine');
            # not one further back over a list ('no hungry no eat and back pain'), nor a comparison ('never had pain
            # like it', 'nothing like my usual ache')
            near = {
                t for t in triggers if o.start - _PAIN_NEGATION_REACH <= t < o.start
                and not _PAIN_LIST_BREAKS.intersection(tokens[t + 1 : o.start])
                and not _COMPARISONS.intersection(zip(tokens[t + 1 : o.end + 3], tokens[t + 2 : o.end + 4]))
            }
            return self._is_denied(o, set(o.positions), text, near, post_negators, sentence_of)

        return self._mentions_pain([o for o in every if not (o.phrase in self._pain_set and denied(o))], tokens)

    def _mentions_pain(self, occurrences: list[Occurrence], tokens: tuple[str, ...]) -> bool:
        """True when a pain word or the back is among occurrences, not 'back' as an adverb ('i went back to bed')."""
        return any(
            o.phrase in self._pain_set and not _back_as_adverb(o, tokens) and not _sited_elsewhere(o, tokens)
            for o in occurrences
        )

    def explains(self, canonical: str, rule_id: str) -> bool:
        """True when canonical says one of the rule's everyday explanations and does not deny it ('lost half a stone
        but i have been doing slimming world'; not 'and i am not on a diet')."""
        text = TokenText.from_canonical(canonical)
        return bool(text.tokens) and bool(self._exceptions_said(rule_id, _by_phrase(self._index.find(text)), text.tokens))

    def inspect_clause(self, canonical: str) -> ClauseFacts:
        """What the safety net needs to know of one clause: a denial in it, a question, about someone else, the
        exceptions it says."""
        text = TokenText.from_canonical(canonical)
        if not text.tokens:
            return ClauseFacts(False, False, False, False, False)
        by_phrase = _by_phrase(self._index.find(text))
        pseudo = {position for o in self._pseudo_negations_said(by_phrase, text.tokens) for position in o.positions}
        triggers = self._negation_positions(by_phrase, text.tokens) - pseudo
        negative = bool(triggers) or any(token in _NEGATIVE_WORDS for token in text.tokens)
        occurrences = [o for found in by_phrase.values() for o in found]
        denied = any(
            o.start >= _opening_words(text.tokens) for p in self._post_negations for o in by_phrase.get(p, ())
        ) or self._negates_a_symptom((0, len(text.tokens)), occurrences, text.tokens)  # an opening 'okay so …' denies nothing
        sentences = self._sentences(text)
        asks = any(
            s.is_question or any(conditional_at(text.tokens, i) for i in range(s.start, s.end)) for s in sentences
        ) or reported_ask_before(text.tokens, 0, len(text.tokens))  # 'told me to watch out for weak legs'
        asks = asks or any(by_phrase.get(p) for p in self._hypotheticals)  # 'i am scared i will end up not walking'
        asks = asks or any(
            is_supposition([t for t in text.tokens[s.start : s.end] if t not in (".", "?")], s.asked_next) for s in sentences
        )
        excepted = frozenset(rule for rule, places in self._exception_places.items() if not places.keys().isdisjoint(by_phrase))
        return ClauseFacts(
            negative, denied, asks, any(s.about_other for s in sentences),
            "i" in text.tokens or any(s.is_personal for s in sentences), excepted,
        )

    def _is_rule_word(self, phrase: Phrase) -> bool:
        """True for words of a red-flag rule (a phrase or a combination's word), not a pseudo-negation or other list."""
        return self._owners.get(phrase, frozenset({""})) != frozenset({""})

    def _is_symptom_word(self, phrase: Phrase) -> bool:
        """True for a rule's whole phrase, a felt symptom or a pain word ('legs giving way', 'tingling', 'ache'),
        not for the words of a combination ('had', 'legs')."""
        return phrase in self._whole_phrases or phrase in self._pain_set or phrase.text in _FELT_SYMPTOMS

    def takes_back(self, canonical: str, later: str = "") -> bool:
        """True when later words take back the clause canonical ('i had tingling last year' + 'but its all gone now'),
        or, without later, when the clause takes back what it says itself ('the numbness i had last year has gone')."""
        text = TokenText.from_canonical(f"{canonical} , {later}" if later else canonical)
        first = len(canonical.split()) if later else 0
        if later and _THOUGHT.intersection(canonical.split()) and _mistake_follows(tuple(later.split())):
            return True  # 'i thought my foot had gone numb' + 'it was just my sock too tight'
        every = self._index.find(text)
        sentence_of = _sentence_numbers(len(text.tokens), split_sentences(text))
        symptoms = [o for o in every if self._is_symptom_word(o.phrase)]
        resolutions = valid_resolutions(text, [o for o in every if o.phrase in self._resolution_set and o.start >= first])
        spans = [(0, first)] if later else [(o.start, o.end) for o in symptoms]
        for span in spans:
            others = frozenset(p for o in symptoms if o.start >= span[1] for p in o.positions)
            if any(resolves(r, span, text, sentence_of, others) for r in resolutions):
                return True
        return False

    def _pseudo_negations_said(self, by_phrase: dict[Phrase, list[Occurrence]], tokens: tuple[str, ...]) -> list[Occurrence]:
        """The pseudo-negations said ('no difference', 'not sure'), less a stray 'not says' found only by its stem."""
        return [o for phrase in self._pseudo for o in by_phrase.get(phrase, ()) if _pseudo_said(o, tokens)]

    def _negation_positions(self, by_phrase: dict[Phrase, list[Occurrence]], tokens: tuple[str, ...]) -> set[int]:
        """The words of the negations said; a one-word negation only as said, not by its stem ('noted numbness in
        both legs', 'carer note': 'note' shares the stem of 'not')."""
        return {
            position for phrase in self._negations for o in by_phrase.get(phrase, ())
            if _as_said(o, tokens, ("", "s"))  # 'nothings gone numb'
            for position in o.positions
        }

    def _sentences(self, text: TokenText) -> list[_Sentence]:
        out: list[_Sentence] = []
        for start, end in split_sentences(text):
            words = [t for t in text.tokens[start:end] if t not in MARKS]
            is_question = is_question_sentence(words, text.tokens[end - 1] == "?")
            is_personal = any(
                (word in _PERSONAL and not _addressed(words, n)) or word in self._others
                for n, word in enumerate(words) if word not in ("they", "them", "their")
            )
            # "they/them/their" are someone else only when the speaker does not speak of themselves:
            # in "my legs have gone numb and I can't feel them", "them" is the legs.
            named = any(word in self._others for word in words if word not in _PLURAL_PRONOUNS)
            first_person = any(word in _FIRST_PERSON for word in words)
            about_other = named or (not first_person and any(word in _PLURAL_PRONOUNS for word in words))
            out.append(_Sentence(start, end, is_question, is_personal, about_other))
        return [replace(s, asked_next=n + 1 < len(out) and out[n + 1].is_question) for n, s in enumerate(out)]

    def _asked_in_a_run_on(self, tokens: tuple[str, ...], run_on: int | None, span: tuple[int, int]) -> bool:
        """True when the symptom at span lies inside a question run on after what was told, and the question names
        nobody's own body ('no numbness no weakness can the tumour pressing on things cause back pain'): asked, not
        told. Not '… can you help my back is tender when i press it', where someone's own back is told, nor a run-on
        that asks of what was told ('… is that bad nothing shifts it'): only a modal or 'do' opens such a question."""
        return (
            run_on is not None and span[0] > run_on + 1 and tokens[run_on] in _ASKING_MODALS
            and tokens[run_on + 1] not in _POINTERS
            and not any(t in _PERSONAL or t in self._others for t in tokens[run_on : span[1]])
        )

    @staticmethod
    def _is_question_about(sentence: _Sentence, text: TokenText, position: int, last: int | None = None) -> bool:
        """True when the symptom at position is asked about, not told (last: its last word; a reported question
        answered before it, 'you asked about my bladder, yes, i have had two accidents', tells)."""
        end = position if last is None else max(position, last)
        if not sentence.is_personal and end + 1 < sentence.end and text.tokens[end + 1] in _RISK_WORDS:
            return True  # 'compression paralysis risk', 'incontinence risk after surgery': a risk asked about
        if _asked_and_answered_no(text.tokens, sentence, position, end):
            return True  # 'the doctor asked mum about numbness and she said no': asked about, and no is the answer
        if reported_ask_before(text.tokens, sentence.start, end):
            if _own_ask_of_its_cause(text.tokens, sentence, position, end):
                return False  # 'my husband wants to know if the numbness in his feet is the cancer': he has it
            if tuple(text.tokens[max(sentence.start, position - 2) : position]) in _ABOUT_OWN:
                return False  # 'i asked the gp about my numb feet': what is asked about is the speaker's own
            # '… asked if i have night sweats, well yes i do': an answer after the asked symptom tells it
            return not any(t in _YES_WORDS for t in text.tokens[end + 1 : sentence.end])
        if _asks_of_what_has_happened(text.tokens[sentence.start : sentence.end]):
            return False  # 'is it anything to worry about that i wet the bed last night': it has happened
        if is_supposition(
            [t for t in text.tokens[sentence.start : sentence.end] if t not in (".", "?")], sentence.asked_next
        ) and not told_apart(text.tokens, sentence.start, position):
            return True  # 'if the lump gets bigger will my back hurt more', 'if my legs go numb, should i call'

        if not sentence.is_question:
            return False
        if not sentence.is_personal and _told_before_its_question(text.tokens, sentence, position, end):
            return False  # 'numb round bottom and inner thighs, need mri?': a fragment told, then a question of its own
        told = _told_with_a_question_mark(sentence, text.tokens)
        if told and not _asked_in_a_clause_of_its_own(text.tokens, sentence, position):
            return False  # ('… no accidents, but is bladder trouble one of the symptoms?' asks in its last clause)
        if _asks_why_of_own(text.tokens[sentence.start : sentence.end]) and not has_sequence(
            text.tokens[sentence.start : sentence.end], (("why", "do", "i", "get"),)
        ):  # ('why do i get pins and needles from the chemo' asks what a treatment does)
            return False  # 'why am i so tired all the time', 'why do my wifes legs get cramps after a short walk'
        dated = _dated(text.tokens[end + 1 : sentence.end])
        if dated and sentence.is_personal:
            return False  # 'what does it mean if the pain in my spine is ten out of ten and nothing shifts it since friday'
        if any(conditional_at(text.tokens, i) and condition_reaches(text.tokens, i, position) for i in range(sentence.start, position)):
            return True
        if _asks_what_may_come(text.tokens[sentence.start :], position - sentence.start):  # ('…, it happened twice')
            return True  # 'will i lose control of my bladder one day', 'could the cancer make my legs go weak'
        tokens = text.tokens
        if tokens[position] in _CANNOT and (
            (position > sentence.start and tokens[position - 1] in _SPEAKERS)
            or (position + 1 < sentence.end and tokens[position + 1] in _SPEAKERS)
        ):
            return False  # 'why cant i pee', 'is it normal that i cant pee since this morning': said of someone, a report
        if _asks_if_own_is_normal(tokens[sentence.start : sentence.end], position - sentence.start):
            return False  # 'is it normal to not feel the loo roll when i wipe': the speaker's own experience
        if _asks_of_a_symptom_there(tokens[sentence.start : sentence.end], position - sentence.start):
            return False  # 'is this tingling in my legs normal': the speaker has it
        if dated:
            return False  # 'is stretching ok even with the tingling in both arms thats been there since friday'
        return not sentence.is_personal or _asked_in_a_clause_of_its_own(tokens, sentence, position)

    def _candidates(
        self,
        rule: RedFlagRule,
        by_phrase: dict[Phrase, list[Occurrence]],
        text: TokenText,
        sentence_of: list[int],
        triggers: set[int],
        post_negators: list[Occurrence],
        asking: set[int],
    ) -> tuple[list[tuple[int, int]], bool]:
        """Spans where the rule matches and nothing denies it; and whether its words were there at all.

        asking: positions inside questions. A rule whose words may come from several sentences ('i had a
        carcinoid. my back hurts now') needs all but its first word list said, not asked ('i had cancer
        years ago, when should i get back pain checked'); so does one whose later words may stand in the next
        sentence ('it hurts on my feet. lying down it goes', not '… does lying down help').
        """
        spans: list[tuple[int, int]] = []
        seen = False
        for occurrence in _found(by_phrase, self._phrase_places[rule.id]):
            seen = True
            if not self._is_denied(occurrence, set(occurrence.positions), text, triggers, post_negators, sentence_of):
                spans.append((occurrence.start, occurrence.end))
        for combo in self._combo_places[rule.id]:
            groups = [_found(by_phrase, group) for group in combo]
            if rule.across_sentences:
                groups = groups[:1] + [[o for o in group if o.start not in asking] for group in groups[1:]]
            if not all(groups):
                continue
            numbers = sorted({sentence_of[o.start] for o in groups[0]})
            for sentence_number in [-1] if rule.across_sentences else numbers:
                in_sentence = [
                    [o for o in group if rule.across_sentences or sentence_of[o.start] == sentence_number
                     or (later and rule.next_sentence and sentence_of[o.start] == sentence_number + 1 and o.start not in asking)]
                    for later, group in enumerate(groups)
                ]
                if not all(in_sentence):
                    continue
                held = [{p for o in group for p in o.positions} for group in in_sentence]
                in_sentence = [  # 'my back is stiff and the weather is awful': the weather's word is no severity
                    [o for o in group if not _said_of_another(
                        o, text.tokens, set().union(*held[:number], *held[number + 1 :]), self._pain_words
                    ) and not _said_of_a_load(o, text.tokens) and not (  # 'a sore knee … all the time': an urgent rule's pain is the back's
                        rule.level is RedFlagLevel.URGENT and self._pain_words.intersection(o.phrase.words)
                        and _sited_elsewhere(o, text.tokens)
                    )]
                    for number, group in enumerate(in_sentence)
                ]
                if not all(in_sentence):
                    continue
                seen = True
                own = {position for group in in_sentence for o in group for position in o.positions}
                alive = [_alive_in_list(group, text.tokens, [
                    self._is_denied(o, own, text, triggers, post_negators, sentence_of) for o in group
                ]) for group in in_sentence]
                if any(alive) and not all(alive):  # 'no pain in my legs, but they feel weak': the legs were a place
                    alive = [
                        live or [o for o in group if _only_where_pain_is_denied(o, text.tokens)]
                        for live, group in zip(alive, in_sentence)
                    ]
                chosen = _disjoint_choice(alive)
                if chosen is not None:
                    spans.append((min(o.start for o in chosen), max(o.end for o in chosen)))
        return spans, seen

    @staticmethod
    def _is_denied(
        occurrence: Occurrence,
        own: set[int],
        text: TokenText,
        triggers: set[int],
        post_negators: list[Occurrence],
        sentence_of: list[int] | None = None,
    ) -> bool:
        """NegEx: a negation word shortly before (same clause), or a denial right after ('is fine') in the same
        sentence (sentence_of: each token's sentence; 'my legs are numb is that normal' asks, it does not deny)."""
        tokens = text.tokens
        if any(occurrence.start < p < occurrence.end and p not in own for p in triggers):
            return True  # a negation inside the phrase's gap: 'the ache isnt spreading'
        position = occurrence.start - 1
        steps = 0
        reach = _SCOPE_TOKENS
        while position >= 0 and steps < max(_SUBJECT_SCOPE_TOKENS, reach):
            token = tokens[position]
            if steps >= reach and token not in _SUBJECT_NEGATIONS and not _denies_a_phrase(tokens, position):
                if token in (".", "?") or token in _CLAUSE_BREAKS or token in _CLAUSE_JOINERS or token in _NEW_SUBJECTS:
                    break
                steps += token not in MARKS
                position -= 1
                continue  # beyond a negation word's reach only a negated subject denies ('nobody in the house has had …')
            if token in (".", "?") or token in _CLAUSE_BREAKS:
                break
            if (
                token in _CLAUSE_END_WORDS and position not in own and position not in triggers
                and position + 1 <= occurrence.start and tokens[position + 1] in _OWNERS
            ):
                break  # 'no fever his legs just gave way': the owner starts the report's own clause
            if token in _CORRECTIONS or (token in ("like", "that") and position > 0 and tokens[position - 1] == "more"):
                break  # 'not weak exactly, more like my legs dont do what i tell them', '… no, its more that i cant tell
                # where my feet are': the negation was of the word
            if _what_it_is_instead(tokens, position, own):
                break  # 'its not my back its my legs they are like jelly': the negation was of the other thing
            if _told_after_an_item(tokens, position):
                break  # 'no appetite no energy back aching all day': 'no energy' is an item, the back is told
            if token in _PERMISSION_VERBS and position not in own:
                break  # 'mum wont let us make her laugh because it hurts': the negation is of the letting
            if token in _PEOPLE_SUBJECTS and position not in own and position + 1 < len(tokens) and tokens[position + 1] in _PEOPLE_VERBS:
                break  # 'not safe, mum is walking like she is drunk': a person named with a verb starts another clause
            if token in _CLAUSE_JOINERS and position + 1 < len(tokens) and tokens[position + 1] in _SUBJECTS and not (
                token in _OR_JOINERS and tokens[position + 1] not in _PRONOUN_SUBJECTS
                and not _LIST_BREAKING_VERBS.intersection(_to_mark(tokens, position + 1))
            ):
                break  # 'no numbness and my legs are weak'; but 'no pain round my ribs or my tummy' lists on
            if token in _AND_JOINERS and position + 1 < len(tokens) and tokens[position + 1] in _JOINED_PREDICATES and (
                position + 1 not in own
            ):
                break  # 'he isnt walking well and is wetting himself': a verb of its own, the same subject, told
            if token in _OR_JOINERS:
                reach = _LIST_SCOPE_TOKENS  # 'i havent had any numbness in my legs or any problems weeing'
            if position in triggers and position not in own and _item_before_a_clause(tokens, position, occurrence.start):
                break  # 'no numbness hasnt passed any urine': the 'no' denied its item, the report after it is told
            if position in triggers and position not in own and _double_negative_object(tokens, position, own):
                pass  # 'i couldnt feel nothing down there': the object of a negative symptom, no denial of it
            elif position in triggers and position not in own:
                if (
                    token in _OBJECT_NEGATIONS and position > 0 and tokens[position - 1] in _OBJECT_OF
                    and tokens[position + 1] in _OWNERS
                ):
                    break  # 'im not making a fuss over nothing my left leg keeps dragging': the nothing is an object
                if token in _AUXILIARY_NEGATIONS and position + 1 < len(tokens) and tokens[position + 1] in _DETERMINERS_AFTER:
                    break  # 'it used to help, now it doesnt, the pain is constant' heard without the comma
                return True
            if (
                token in _NEW_SUBJECTS and position not in own and position > 0
                and tokens[position - 1] not in _SUBJECT_AFTER_VERB and (position - 1) not in triggers
                and tokens[position - 1] not in MARKS
                and not _inverted_after_negation(tokens, position, triggers)
            ):
                break
            if token not in MARKS and not _is_hedge_frame(tokens, position) and not _likening(tokens, position):
                steps += 1
            position -= 1
        if _answered_no_after(tokens, occurrence.start, occurrence.end):
            return True  # 'numbness no, weakness no': a checklist's item answered no
        for denial in post_negators:
            if own.intersection(denial.positions):
                continue  # the symptom's own words ('cramp on our normal walks', 'fine when she is lying down')
            if sentence_of is not None and sentence_of[denial.start] != sentence_of[occurrence.end - 1]:
                continue
            if not _as_said(denial, tokens):
                continue  # one denial word is taken as said, not by its stem: 'normally', 'fins' are no 'normal', 'fine'
            if denial.start > 0 and tokens[denial.start - 1] in _NEGATED_DENIAL:
                continue  # 'my legs are weak and not okay': a denial denied
            if denial.start > 0 and tokens[denial.start - 1] == "than":
                continue  # 'my legs feel heavier than normal': a comparison, no denial
            if _asked_whether(tokens, occurrence.start, denial):
                continue  # 'is this tingling in my legs normal?': asked, not answered
            said = " ".join(denial.phrase.words)
            if _denies_what_follows(denial, said, tokens):
                continue  # 'my arms have gone numb no problems with my legs': the legs are denied, not the numbness
            if _denial_of_its_own_subject(denial, tokens, own, occurrence.end):
                continue  # 'a spot on my spine hurts when pressed my legs are fine': the legs are fine, not the spine
            looking_back = said in _LOOKING_BACK
            if looking_back and not _ends_sentence(tokens, denial.end):
                continue  # 'my legs went numb, nothing like that has ever happened': it is new, not denied
            if not is_over(text, denial.end, easing=bool(set(denial.phrase.words) & _EASED)):
                continue  # 'my legs were fine until today', 'the numbness went away but came back'
            if occurrence.end <= denial.start <= occurrence.end + _POST_SCOPE_TOKENS:
                between = tokens[occurrence.end : denial.start]
                if any(run_on_ask(tokens, i) for i in range(occurrence.end, denial.start) if 3 <= i < len(tokens) - 1):
                    continue  # 'a tender spot on my spine is massage okay': the denial word is in a question run on
                # 'she collapsed in the garden she is gone all pale': a new subject starts another clause
                # 'legs weak yes bladder fine': the answer closes its item
                # 'her legs went numb for a while theyre okay now': 'they' starts the clause that takes it back, which the
                # resolutions weigh (a recent symptom counts, over or not)
                if not any(t in (".", "?", ",", "yes", "they", "theyre") or t in _CLAUSE_BREAKS or t in _NEW_SUBJECTS for t in between):
                    return True
            if looking_back and occurrence.end <= denial.start <= occurrence.end + _LIST_SCOPE_TOKENS:
                between = tokens[occurrence.end : denial.start]
                if not any(t in (".", "?") or t in _CLAUSE_BREAKS or t in _NEW_SUBJECTS for t in between):
                    # a closing denial looks back past commas, over the list it closes: 'fainted or collapsed, nothing
                    # like that', 'the numbness and the waterworks and the bowels and that , and no , none of that'
                    return True
        return False
