"""Symptoms taken back by later words: over ('it's completely gone now') or never had ('nothing like that')."""

from __future__ import annotations

from typing import Final

from voice_assistant.core.phrases import MARKS, Occurrence, TokenText
from voice_assistant.core.sentences import SUBJECT_PRONOUNS, has_sequence, opening_length

__all__ = [
    "condition_reaches", "governs", "in_scene", "is_over", "is_supposition", "told_apart", "valid_resolutions", "resolves",
]

_TIME_BEFORE: Final = frozenset({"before", "until", "till", "then", "yet", "up"})
"""After a resolution or a denial these make it a time before the symptom ('it had been fine until today')."""
_EASING: Final = frozenset({"to", "when", "whenever", "if", "once", "with", "as", "lying", "sitting"})
"""After a resolution these make it what eases a symptom ('the cramp went away when i stopped', a red flag of its own)."""
_NOT_OVER_REACH: Final = 4
_RETURNS: Final = (
    ("came", "back"), ("come", "back"), ("comes", "back"), ("coming", "back"), ("it", "is", "back"), ("back", "again"),
    ("again",), ("still",), ("returned",), ("worse",), ("now", "i"), ("now", "my"), ("now", "he"), ("now", "she"),
    ("now", "his"), ("now", "her"), ("today",), ("this", "morning"), ("tonight",), ("last", "night"),
)
"""Words after a resolution that bring the symptom back ('it went away but came back', 'now my legs are weak')."""
_OPEN_ENDS: Final = frozenset({"any", "that", "it", "have", "got", "had", "gone"})
"""A resolution ending in one of these takes back only when nothing it could govern follows ('havent had any.')."""
_CLOSERS: Final = frozenset(
    {"since", "now", "at", "luckily", "thankfully", "though", "touch", "so", "either", "really", "honestly", "but", "and",
     "anymore", "mate", "love", "dear", "doctor", "thank", "thanks", "completely", "altogether"}
)
_RECENT: Final = (
    ("today",), ("this", "morning"), ("this", "afternoon"), ("this", "evening"), ("tonight",), ("last", "night"),
    ("yesterday",), ("earlier",), ("just", "now"), ("hour", "ago"), ("hours", "ago"), ("minutes", "ago"), ("this", "week"),
    ("overnight",), ("in", "the", "night"), ("last", "week"), ("days", "ago"), ("few", "days"), ("couple", "of", "days"),
    ("the", "other", "day"), ("weekend",),
)
"""Times that make a symptom recent: then it counts even when said to be over (contract: past events count)."""
_LONG_AGO: Final = (
    ("years",), ("year", "ago"), ("last", "year"), ("months", "ago"), ("used", "to"), ("when", "i", "was"), ("ages", "ago"),
    ("long", "time", "ago"), ("while", "back"), ("last", "spring"), ("last", "summer"), ("last", "autumn"),
    ("last", "winter"), ("thousand",), ("before", "my", "operation"), ("before", "the", "operation"), ("before", "my", "op"),
    ("before", "my", "surgery"), ("before", "the", "surgery"), ("in", "the", "past"), ("after", "my", "op"),
    ("after", "the", "op"), ("after", "my", "operation"), ("after", "the", "operation"), ("after", "my", "surgery"),
    ("after", "the", "surgery"), ("after", "surgery"), ("after", "an", "operation"), ("after", "an", "op"), ("none", "since"),
    ("not", "since"), ("never", "since"), ("since", "then"), ("ever", "since"), ("since", "physio"), ("since", "the", "physio"),
)
"""Times that place a symptom long ago: then words that end it take it back ('the numbness i had last year has gone')."""
_TALK: Final = frozenset(
    {"read", "reading", "heard", "hear", "leaflet", "leaflets", "poster", "radio", "telly", "tv", "television", "programme",
     "program", "documentary", "article", "website", "internet", "google", "googled", "word", "mentioned", "asked",
     "checking", "checked", "check", "worried", "worry", "worrying", "scared", "afraid", "feared", "fear", "thought", "told",
     "warned", "talking", "talked", "thing", "tested", "test", "tests", "examined", "assessed"}
)
"""Words that make a symptom named after them talked about, not reported ('i read that losing control of your
bladder is a red flag'): words that say it never happened then take it back."""
_OPINION: Final = frozenset(
    {"said", "says", "say", "told", "thinks", "reckons", "hope", "hopefully", "hoping", "fingers", "crossed", "otherwise",
     "apart", "other", "itself", "herself", "himself", "soon"}
)
"""In a resolution's clause, these make it someone's opinion, a hope or about something else ('the doctor said its
all normal', 'fingers crossed its fine soon', 'otherwise its all fine')."""
_NEVER: Final = frozenset({"never", "not", "hasnt", "havent", "hadnt", "didnt", "no"})
"""Before a return, these deny it: 'it has never come back'."""
_BREAKS: Final = frozenset({"but", "and", "so", "though", "although", "however", "since", "because", "then", "now"})
_SUBJECTS: Final = frozenset(
    {"i", "it", "its", "that", "thats", "they", "theyve", "theyre", "mine", "this", "those", "these", "he", "hes", "she", "shes",
     "we", "weve", "ive", "everything"}
)
_ANAPHORIC: Final = frozenset(
    {"i", "it", "its", "is", "am", "was", "has", "have", "had", "been", "are", "were", "that", "thats", "they", "those", "this",
     "these", "them", "mine", "everything", "all", "the", "thing", "things", "completely", "totally", "fully", "pretty",
     "much", "well", "oh", "no", "yes", "yeah", "though", "luckily", "thankfully", "touch", "wood", "now", "since",
     "all", "just", "really", "quite", "must", "of", "itself", "themselves", "by", "on", "own", "its", "a", "few",
     "minutes", "seconds", "while", "after", "in", "do", "dont", "think", "so", "far", "as", "know", "ive", "weve",
     "he", "she", "we", "you", "honestly", "actually", "basically", "one", "bit", "any", "some", "last", "year", "years",
     "month", "months", "week", "weeks", "ago", "spring", "summer", "autumn", "winter", "christmas", "back", "then",
     "chemo", "chemotherapy", "radiotherapy", "radiation", "op", "operation", "surgery", "treatment", "got", "get", "used",
     "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "couple", "several", "my", "from", "before",
     "theyve", "theyre", "ive", "hes", "shes", "thats", "weve", "youve", "and", "eleven", "twelve", "thirteen", "fourteen",
     "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thousand", "hundred"}
)
"""Words a resolution's clause may hold before it and still speak of what was said before ('but it has all gone')."""


_POSSESSIVES: Final = frozenset({"my", "his", "her", "their"})
_SCENES: Final = frozenset(
    {"dream", "dreams", "dreamt", "dreamed", "nightmare", "film", "movie", "telly", "tv", "television", "programme",
     "program", "documentary", "drama", "book", "show"}
)
"""Words of a scene that is not life ('in a dream', 'on the telly'): named right after a symptom, it holds it."""
_SCENE_REACH: Final = 2
"""At most this many words between a symptom and a scene named after it ('gave out once in a dream')."""
_OBJECT_LEADS: Final = frozenset(
    {"feel", "felt", "move", "moved", "use", "used", "lift", "lifted", "control", "in", "of", "on", "with", "to", "from",
     "down", "into", "round", "around", "through", "below", "under", "wet", "soiled", "makes", "make", "made", "making",
     "leaves", "leave", "affect", "affects", "affected", "damage", "damages", "weaken", "weakens"}
)
"""Before a possessive these make it an object ('feel his legs', 'in her back', 'makes my legs numb'), not a new
clause's subject."""


def _is_object(tokens: tuple[str, ...], index: int) -> bool:
    """True for a possessive after an object lead ('feel his legs', 'in my fingers'): no new clause's subject."""
    return tokens[index] in _POSSESSIVES and tokens[index - 1] in _OBJECT_LEADS


def is_over(text: TokenText, end: int, easing: bool = True) -> bool:
    """False when the words from end on make what ended there no end: a time before ('fine until today'),
    its return ('went away but came back') or, with easing, what eases a symptom ('goes away when i lie down')."""
    tokens = text.tokens
    after = [t for t in tokens[end : end + _NOT_OVER_REACH] if t not in MARKS]
    if any(word in _TIME_BEFORE or (easing and word in _EASING) for word in after):
        return False
    rest = tokens[end:]
    return not any(
        tuple(rest[i : i + len(words)]) == words and not (i > 0 and rest[i - 1] in _NEVER)
        for words in _RETURNS for i in range(len(rest) - len(words) + 1)
    )


def valid_resolutions(text: TokenText, found: list[Occurrence]) -> list[Occurrence]:
    """The resolutions that say something is over: not a time before a symptom, not followed by its return."""
    tokens = text.tokens
    out: list[Occurrence] = []
    for occurrence in found:
        following = tokens[occurrence.end] if occurrence.end < len(tokens) else "."
        if occurrence.phrase.words[-1] in _OPEN_ENDS and following not in MARKS and following not in _CLOSERS:
            continue  # 'i dont have any feeling in my legs' is no 'i dont have any'
        if is_over(text, occurrence.end):
            out.append(occurrence)
    return out


_MOMENTARY: Final = (
    ("for", "a", "minute"), ("for", "a", "second"), ("for", "a", "few", "seconds"), ("for", "a", "moment"), ("for", "seconds"),
    ("for", "a", "couple", "of", "seconds"), ("for", "a", "sec"), ("for", "a", "few", "minutes"), ("for", "a", "couple", "of", "minutes"),
    ("for", "a", "minute", "or", "two"),
)
"""Durations that make a feeling a passing one ('my foot went to sleep for a minute, then it was fine')."""
_BOTH_SIDES: Final = frozenset({"legs", "feet", "arms", "hands", "both", "thighs", "bottom", "groin"})
"""Words of a feeling on both sides or in the saddle, which never passes as nothing."""


def passed_quickly(resolution: Occurrence, span: tuple[int, int], text: TokenText, sentence_of: list[int]) -> bool:
    """True when resolution, said after span in its sentence or the next, ends a feeling that lasted moments
    ('my hand tingled for a few seconds, then it wore off'): a passing feeling, not a symptom that stays."""
    if resolution.start < span[1] or not 0 <= sentence_of[resolution.start] - sentence_of[span[0]] <= 1:
        return False
    if _BOTH_SIDES.intersection(text.tokens[span[0] : span[1]]):
        return False  # 'my legs went numb for a minute': both sides, the way pressure on the cord shows, counts
    start = span[0]
    while start > 0 and sentence_of[start - 1] == sentence_of[span[0]]:
        start -= 1
    return has_sequence(text.tokens[start : resolution.end], _MOMENTARY)


_EMPHATIC_ENDS: Final = frozenset({("not", "any", "more"), ("not", "anymore"), ("no", "more")})
"""Endings that take back a symptom placed long ago ('i used to get numb feet. not any more') but only say again the
loss of an ability ('i cant walk, not any more')."""
_NEGATIVE_SYMPTOM_WORDS: Final = frozenset(
    {"cant", "cannot", "couldnt", "no", "not", "dont", "doesnt", "didnt", "wont", "unable", "never", "nothing", "lost", "loss"}
)


def resolves(
    resolution: Occurrence, span: tuple[int, int], text: TokenText, sentence_of: list[int], symptoms: frozenset[int] = frozenset()
) -> bool:
    """True when resolution, said after span in its sentence or the next, takes it back.

    Only a symptom placed long ago ('the tingling i had after the chemo last year has gone') or talked about
    rather than reported ('i read about bladder trouble but havent had anything like that') is taken back: a
    symptom over without a time ('my legs went numb on friday, its fine now') still counts (contract: past
    events count). The resolution's own clause must speak of what came before ('but it's gone now'), not of
    something else ('the pain has gone away', 'otherwise its all fine') nor give someone's opinion or a hope
    ('the doctor said its all normal', 'hopefully its fine soon'), unless it is the symptom's own verb ('the
    numbness in my toes from the chemo went away last spring'). symptoms: positions of any symptom or pain word.
    """
    if resolution.start < span[1]:
        return False
    tokens = text.tokens
    if resolution.phrase.words in _EMPHATIC_ENDS and (
        _NEGATIVE_SYMPTOM_WORDS.intersection(tokens[span[0] : span[1]]) or tokens[resolution.end : resolution.end + 1] == ("than",)
    ):
        return False  # 'i used to walk miles, now i cant walk, not any more': the end of an ability, said again; 'no more than usual'
    distance = sentence_of[resolution.start] - sentence_of[span[0]]
    if not 0 <= distance <= 1:
        return False
    start = span[0]
    while start > 0 and sentence_of[start - 1] == sentence_of[span[0]]:
        start -= 1
    told = tokens[start : resolution.end]
    if has_sequence(told, _RECENT):
        return False  # 'my legs gave way this morning, theyre fine now': a recent event counts, over or not
    end = resolution.end
    while end < len(tokens) and sentence_of[end] == sentence_of[resolution.start]:
        end += 1
    if not (has_sequence(tokens[start:end], _LONG_AGO) or any(token in _TALK for token in tokens[start : span[1] + 1])):
        return False  # over, but not said to be long ago ('it went away on friday'): past events count
    own = set(text.stems[span[0] : span[1]])
    position = resolution.start - 1
    foreign = False
    while position >= span[1]:
        token = tokens[position]
        if (token in _OPINION and (token != "fingers" or tokens[position + 1] == "crossed")) or position in symptoms:
            return False  # someone's opinion, or another symptom's end ('numb feet, the tingling went away')
        if _is_object(tokens, position):
            position -= 1
            continue  # 'the tingling in my fingers went away': an object, no new clause's subject
        if token in MARKS or token in _BREAKS or token in _SUBJECTS:
            return not foreign
        foreign = foreign or (text.stems[position] not in own and token not in _ANAPHORIC)
        position -= 1
    return True  # the symptom's own clause: the resolution is its verb


_IF_LEADS: Final = frozenset({"so", "and", "but", "well", "ok", "okay", "right", "then", "now", "what"})
_SUPPOSING: Final = frozenset({"hypothetically", "supposing", "suppose", "imagine", "theoretically"})
_IF_AUX: Final = frozenset({"will", "would", "could", "can", "should", "might", "must", "shall"})
_IF_SUBJECTS: Final = frozenset(
    {"i", "it", "he", "she", "we", "they", "my", "his", "her", "there", "you", "your", "im", "the", "a", "nothing", "everything", "this", "that"}
)
_WH: Final = frozenset({"who", "what", "where", "when", "how", "which", "why", "whats"})
_PREPOSITIONS: Final = frozenset(
    {"to", "in", "into", "on", "at", "from", "of", "with", "round", "around", "near", "through", "for", "over", "about"}
)
_OBJECT_VERBS: Final = frozenset(
    {"help", "helps", "ease", "eases", "touch", "touches", "fix", "fixes", "shift", "shifts", "affect", "affects", "feel", "move", "lift"}
)
"""Before 'my', 'his' or 'her' these make it an object, no second subject ('if painkillers dont help my back pain')."""
_ASKING_AFTER_COMMA: Final = frozenset({"is", "are", "does", "do"})
"""After a condition and a comma, these ask about it ('if ..., is that a reason to see a doctor')."""
_ASKED_OF: Final = frozenset({"that", "it", "this", "there", "the", "i", "he", "she"})


_CONDITION_JOINERS: Final = frozenset({"and", "or"})
_WOULD: Final = frozenset({"would", "wouldnt", "might", "should", "shall"})
_WHETHER_NEXT: Final = frozenset({"the", "from", "part", "normal", "caused", "due", "related", "because", "linked", "connected"})
_OWNED_SUBJECT: Final = frozenset({"the", "my", "his", "her", "their", "our"})


def is_supposition(words: list[str], asked_next: bool = False) -> bool:  # words: tokens with commas, no other marks
    """True for a sentence that supposes and then asks: 'if the lump gets bigger will my back hurt more', or,
    with asked_next (a question follows it), one that only supposes: 'if my legs go numb | should i call'.

    Not for a condition followed by a statement of how things are ('if i sneeze it really hurts my back,
    will it get better'): a second subject before the modal makes the condition part of a report.
    """
    lead = 0
    while lead < len(words):  # past 'so', 'well' and an opening clause ('sorry to bother you,', 'i think')
        step = 1 if words[lead] in _IF_LEADS else opening_length(words[lead:])
        if not step:
            break
        lead += step
    if lead < len(words) and words[lead] in _SUPPOSING:
        return True  # 'hypothetically, if the pain shot down my legs, would i need the hospital'
    if lead >= len(words) or words[lead] != "if":
        return False
    first = lead + 1
    for index in range(first, len(words)):
        word = words[index]
        if word in _IF_AUX and index - lead >= 3:
            return True
        if (
            word in ("is", "are") and index + 1 < len(words) and words[index + 1] in _WHETHER_NEXT
            and words[first] in _OWNED_SUBJECT
        ):
            return False  # '(i was wondering) if the numbness in my feet is the cancer': whether, of what is there
        if (
            word in _ASKING_AFTER_COMMA and index - lead >= 3 and index + 1 < len(words)
            and words[index + 1] in ("that", "this", "it", "the") and words[index - 1] not in _IF_SUBJECTS
        ):
            return True  # 'if the growth gets larger does the pain get worse', 'if you cant feel your bottom is that an emergency'
        if word in _IF_SUBJECTS and index != first and words[index - 1] not in _PREPOSITIONS | _OBJECT_VERBS | _CONDITION_JOINERS:
            # ('if i have had cancer before and my back starts hurting, should i …': 'and' joins a second condition)
            # 'if i sneeze it really hurts': the condition tells how it is; 'if my bladder stopped working i would ring
            # the team': what would be done, a supposition
            return index + 1 < len(words) and words[index + 1] in _WOULD
        if word == "," and index + 2 < len(words) and words[index + 1] in _ASKING_AFTER_COMMA and words[index + 2] in _ASKED_OF:
            return True  # 'if painkillers dont help someones back pain, is that a reason to see a doctor'
        if word == "," and index + 1 < len(words) and words[index + 1] not in _IF_AUX | _WH:
            return False  # 'if i cough, the pain shoots down my leg': the condition's main clause tells how it is
    return asked_next


_PERFECT: Final = frozenset({"have", "has", "had"})


def told_apart(tokens: tuple[str, ...] | list[str], start: int, position: int) -> bool:
    """True when a clause of its own, joined by 'and' beside a comma and told in the perfect, starts between start and
    position: what it says has happened and is no part of the supposition before it ('i wanted to know if my daughter
    can come to the scan , and , i have had pins and needles since i woke up'; not 'if my legs go numb and i cant walk')."""
    for index in range(start + 1, position - 2):
        if tokens[index] != "and" or "," not in (tokens[index - 1], tokens[index + 1]):
            continue
        after = index + 1 + (tokens[index + 1] == ",")
        if after + 1 < position and tokens[after] in SUBJECT_PRONOUNS and tokens[after + 1] in _PERFECT:
            return True
    return False


_HYPOTHESIS_BREAKS: Final = frozenset({"because", "cos", "coz", "and", "but", "so", "since", "as", "then", "now", "still"})
_COME_TRUE: Final = (("come", "true"), ("came", "true"), ("comes", "true"), ("happened",), ("has", "happened"))
"""After a fear, these make it real ('my worst fear has come true, i cant walk')."""
_CLAUSE_SUBJECTS: Final = frozenset({"i", "he", "she", "we", "my", "his", "her", "their"})


def _opens_clause(tokens: tuple[str, ...], index: int, origin: int, reach: int, joined: tuple[str, ...]) -> bool:
    """True when tokens[index] is the subject of a new clause: a subject word at least reach words after origin, not
    an object ('feel his legs') and not after one of joined ('i dreamt that i couldnt walk' is still the dream)."""
    return (
        tokens[index] in _CLAUSE_SUBJECTS and index - origin >= reach and tokens[index - 1] not in joined
        and not _is_object(tokens, index)
    )


def governs(hypothetical: Occurrence, span: tuple[int, int], tokens: tuple[str, ...]) -> bool:
    """True when a fear, dream or word for a symptom ('scared i will', 'the word') reaches the symptom at span: in its
    clause, before a break ('because', 'and', a comma) or a new subject ('… a wheelchair my legs are already weak')."""
    if hypothetical.start < span[0] < hypothetical.end:
        # the symptom sits in the phrase's gap: 'if my legs ever' ('if * ever'), or starts on its last words: 'scared
        # of losing' holds 'losing control of my bladder'
        return True
    if hypothetical.start >= span[1]:
        # 'my legs gave out once in a dream': a scene named straight after the symptom holds it too
        between = tokens[span[1] : hypothetical.start]
        return (
            len(between) <= _SCENE_REACH and not any(t in MARKS or t in _HYPOTHESIS_BREAKS for t in between)
            and any(t in _SCENES for t in tokens[hypothetical.start : hypothetical.end])
        )
    if not hypothetical.end <= span[0] or has_sequence(tokens[hypothetical.end : span[0] + 1], _COME_TRUE):
        return False
    return not any(
        tokens[position] in MARKS or tokens[position] in _HYPOTHESIS_BREAKS
        or _opens_clause(tokens, position, hypothetical.end, 2, ("that",))  # ('on the telly a man couldnt feel his legs')
        for position in range(hypothetical.end, span[0])
    )


_MEDIA: Final = frozenset(
    {"film", "films", "movie", "movies", "telly", "tv", "television", "programme", "program", "documentary", "drama",
     "novel", "leaflet", "leaflets", "article", "news", "website", "soap", "episode", "series", "poster", "cinema", "youtube",
     "forum", "panto", "pantomime", "theatre", "theater", "concert", "audience", "thriller", "reading", "podcast",
     "podcasts", "book", "books", "radio", "magazine", "video", "videos", "sitcom", "musical"}
)
"""Words of a story, a show or something read: what happens in it is not a report."""
_STRANGERS: Final = frozenset(
    {"man", "woman", "men", "women", "people", "someone", "somebody", "soldier", "character", "characters", "actor",
     "actress", "lady", "guy", "bloke", "chap", "presenter", "boy", "girl", "player", "hero", "heroine", "patients",
     "person", "folk", "folks", "victim", "victims", "doctor", "nurse", "fella", "detective", "stranger"}
)
"""Somebody nobody speaks for: in a scene, the symptom is theirs ('on the telly a man lost the use of his legs')."""
_ANIMALS: Final = frozenset(
    {"dog", "dogs", "cat", "cats", "horse", "labrador", "puppy", "pony", "rabbit", "budgie", "hamster", "spaniel", "terrier",
     "tortoise", "tortoises", "kitten", "puppies", "ferret", "parrot", "goat", "donkey", "collie", "greyhound", "poodle",
     "retriever", "alsatian", "dachshund", "whippet", "lurcher", "guinea"}
)
"""An animal's symptom is nobody's report, whoever owns it: 'my neighbours dog cant use his back legs'."""
_SAYING: Final = frozenset(
    {"says", "said", "say", "mentions", "mentioned", "lists", "listed", "about", "describes", "described", "shows",
     "showed", "talks", "talked", "warns", "explains", "explained"}
)
"""In a scene, these make what follows something told ('in the leaflet it says numbness is a warning sign')."""
_SPEAKER_WORDS: Final = frozenset({"i", "im", "ive", "id", "me", "my", "mine", "myself", "we", "us", "our", "ours"})
_THIRD_PERSONS: Final = frozenset({"he", "she", "hes", "shes"})
_ANIMAL_BREAKS: Final = frozenset({"he", "she", "they", "i", "we", "who", "when", "while"})
"""Between an animal and a symptom, these give the symptom another subject ('walking the dog when he collapsed')."""
_OBJECT_SPEAKERS: Final = frozenset({"me", "us"})
"""After an animal, these are only where the speaker stood ('the dog jumped up at me')."""
_PRONOUNS: Final = frozenset({"he", "she", "him", "his", "her", "hers", "they", "them", "their", "theirs"})
"""In a scene, these may be anybody's ('the soldier couldnt feel his legs'): only a named person is someone spoken for."""


_SCENE_BREAKS: Final = frozenset({"and", "then", "when", "but", "so", ",", "."})


def _life_goes_on(tokens: tuple[str, ...], media: int, symptom: int) -> bool:
    """True when a new clause with its own 'he' or 'she' opens between the media word and the symptom, and no stranger
    of the scene stands before it: 'we were watching telly and he said he had a pain across his chest' (he was on
    the sofa), not 'a film about a soldier and he couldnt walk'."""
    for index in range(media + 1, symptom - 1):
        if tokens[index] in _STRANGERS:
            return False
        following = tokens[index + 2] if tokens[index + 1] == "then" and index + 2 < symptom else tokens[index + 1]
        if tokens[index] in _SCENE_BREAKS and following in _THIRD_PERSONS:
            return True
    return False


def in_scene(tokens: tuple[str, ...], sentence_start: int, span: tuple[int, int], kin: frozenset[str]) -> bool:
    """True when the symptom at span happens to somebody nobody speaks for: in a film, a show or something read (a
    media word before it in its sentence, no speaker and none of their people from there to the symptom, and a stranger
    or a word of telling in its sentence: 'watched a documentary about spinal injuries, people who cant walk',
    'someone in the audience fainted at the panto'), or to an animal named before it with nobody of the speaker's
    between ('our old labrador is incontinent'). Strangers alone hold nothing: 'the lady next door rang me, she has
    collapsed' is someone the speaker speaks for."""
    def named_kin(window: tuple[str, ...]) -> bool:
        return any(t in kin and t not in _PRONOUNS for t in window)

    for index in range(sentence_start, span[0]):
        window = tokens[index : span[1]]
        if tokens[index] in _MEDIA:
            # 'we watched a film and then i couldnt feel my legs', 'on tv last night my husband collapsed'
            if any(t in _SPEAKER_WORDS for t in window) or named_kin(window) or _life_goes_on(tokens, index, span[0]):
                return False
            if any(t in _THIRD_PERSONS for t in tokens[sentence_start:index]) and not any(t in _STRANGERS for t in window):
                return False  # 'she laughed at something on the radio and then yelped, its her back': she was listening
            if named_kin(tokens[sentence_start:index]) and any(t in _THIRD_PERSONS for t in window) and not any(
                t in _STRANGERS for t in window
            ):
                return False  # 'my wife sat down with her book about an hour later she said shes got a pain like a band
            return any(t in _STRANGERS or t in _SAYING for t in tokens[sentence_start : span[1]])
        if tokens[index] in _ANIMALS:
            between = tokens[index + 1 : span[0]]
            if any(t in MARKS or t in _HYPOTHESIS_BREAKS or t in _ANIMAL_BREAKS for t in between):
                continue  # 'he used to walk the dog every day but now he cant even get to the gate'
            return not any(t in _SPEAKER_WORDS and t not in _OBJECT_SPEAKERS for t in window) and not named_kin(window)
    return False


def condition_reaches(tokens: tuple[str, ...], condition: int, position: int) -> bool:
    """True when the condition opened at condition ('if', 'when') still holds the symptom at position: no new
    clause with its own subject starts between ('what if its the cancer my legs have gone numb' reports)."""
    # ('if i lose control of my bladder', 'if it spreads to my spine and my legs go weak' are still the condition)
    return not any(_opens_clause(tokens, index, condition, 3, ("that", "and", "or")) for index in range(condition + 1, position))
