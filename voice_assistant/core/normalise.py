"""Turn raw text (a speech transcript or typed input) into canonical text for understanding.

Canonical text is lower-case words and the punctuation tokens ',' '.' '?' separated by single spaces:
contractions are folded ("can't" → "cant", "I'm" → "i am"), numbers are written as words, fillers
are dropped, and spelling variants and typical mishearings are mapped to one form. Normalising
canonical text again changes nothing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Final, Iterable, Mapping

from voice_assistant.core.content import Vocabulary
from voice_assistant.core.memo import Memo

__all__ = ["Normaliser", "Normalised", "Replacements", "number_to_words", "stem", "opens_with_a_word_taken_back"]

_APOSTROPHES: Final = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'", "\u02bc": "'"})

# Pronoun contractions expand to words; negative contractions fold to one token ("can't" → "cant"),
# so that negation triggers and symptom phrases ("cant feel") are single, stable tokens.
_PRONOUN_CONTRACTIONS: Final = (
    (r"\bi'm\b", "i am"),
    (r"\bi've\b", "i have"),
    (r"\bi'll\b", "i will"),
    (r"\bi'd\b", "i would"),
    (r"\b(you|we|they)'re\b", r"\1 are"),
    (r"\b(you|we|they)'ve\b", r"\1 have"),
    (r"\b(you|we|they|he|she|it)'ll\b", r"\1 will"),
    (r"\b(you|we|they|he|she)'d\b", r"\1 would"),
    # 'she's been', 'he's not passed water': 'has' before a past participle, 'is' elsewhere
    (r"\b(he|she|it|that|there)'s( not| never)? (been|got|had|gone|passed|managed|lost|fallen|wet|done|taken|started|"
     r"stopped|become|eaten|slept|collapsed|noticed|felt|tried)\b", r"\1 has\2 \3"),
    (r"\b(he|she|it|that|there|what|who|where|how|here)'s\b", r"\1 is"),
    (r"\blet's\b", "let us"),
    (r"\by'all\b", "you all"),
)
_NEGATIVE_CONTRACTIONS: Final = (
    (r"\bwon't\b", "wont"),
    (r"\bcan't\b", "cant"),
    (r"\bshan't\b", "shant"),
    (r"\b(\w+)n't\b", r"\1nt"),
)
# Spoken or typed in full, the negation becomes the same token as the contraction.
_NEGATIVE_PHRASES: Final = (
    (r"\bcannot\b", "cant"),
    (r"\bcan not\b", "cant"),
    (r"\bwill not\b", "wont"),
    (r"\b(do|does|did|is|are|was|were|have|has|had|could|would|should|must|need)\s+not\b", r"\1nt"),
)
_CONTRACTIONS: Final = tuple((re.compile(p), r) for p, r in _PRONOUN_CONTRACTIONS + _NEGATIVE_CONTRACTIONS)
_NEGATIVE_PHRASES_COMPILED: Final = tuple((re.compile(p), r) for p, r in _NEGATIVE_PHRASES)
_STRETCHED: Final = re.compile(r"([a-z])\1{2,}")
DASH_BREAK: Final = r"\s*[\u2013\u2014\u2015]\s*|\s+-{1,2}\s+"
"""A dash between words ('legs like jelly — can radiation cause it', 'legs like jelly - can …') breaks the clause as a comma
does; a hyphen inside a word ('pins-and-needles') only joins. A regular expression, for core/semantic.py's splits too."""
_DASH: Final = re.compile(DASH_BREAK + r"|(?<=\w)--(?=\w)")
_TRAILING_OFF: Final = re.compile(r"(?<=\w)\s*\.{2,}\s*(?=(\w+))")
_NEW_SENTENCE_WORDS: Final = frozenset({
    "i", "im", "my", "he", "hes", "his", "she", "shes", "her", "we", "it", "its", "no", "yes", "not", "never",
    "nope", "nothing", "none", "but", "the", "this", "that", "there", "is", "are", "can", "could", "what", "how", "why",
})
"""Words that start something new after a trailing-off ('no... my legs are weak', 'i dont know... is it the cancer')."""


def _joined_trailing_off(match: re.Match[str]) -> str:
    """'Can't... breathe...': a speaker out of breath trails off inside one thought, so the dots join the words on
    either side (phrases do not cross a mark) unless what follows starts something new."""
    return " . " if match.group(1) in _NEW_SENTENCE_WORDS else " "


_STRETCHED_ANSWERS: Final = re.compile(r"\bnoo\b|\byee?ss?\b(?<!\byes)")
"""A stretched letter is cut to two ('sloooower' is then one slip from 'slower'); a stretched 'no' or 'yes' is the word."""
_POSSESSIVE: Final = re.compile(r"(\w)'s\b")
_DROPPED_G: Final = re.compile(r"\b([a-z]{2,})in'(?![a-z])")
"""A word's '-ing' written as it is said, 'in'' ('restin' don't neither', 'doin'', 'nothin' helps')."""
_WORDS_IN_IN: Final = frozenset(
    "again begin within cabin basin robin latin violin raisin margin toxin insulin aspirin vitamin pain rain main gain "
    "vein coin join skin spin twin grin chin shin thin akin ruin brain drain plain train strain stain grain chain sprain "
    "cousin muffin penguin origin napkin pumpkin bargain captain certain curtain fountain mountain villain".split()
)
"""Words that end in 'in' themselves, left alone before a closing quote ('… said 'again'')."""


def _with_g(found: re.Match[str]) -> str:
    """'restin'' → 'resting'; a word that ends in 'in' itself stays as written."""
    word = found.group(1) + "in"
    return found.group(0) if word in _WORDS_IN_IN else found.group(1) + "ing"


_WORD_OR_MARK: Final = re.compile(r"[a-z0-9]+|[.?!;:,]")
_AND_SIGN: Final = re.compile(r"(?<=[\w\s])[&+]+(?=[\w\s])")
"""'&' or '+' between words, typed for 'and'."""
_SENTENCE_MARKS: Final = {"!": ".", ";": ".", ".": ".", "?": "?", ",": ",", ":": ","}
"""A colon opens what it introduces as a comma would ('her list: numbness no, weakness no')."""
_CLOCK_COLON: Final = re.compile(r"(?<=\d):(?=\d)")
_ORDINAL: Final = re.compile(r"\b(\d+)(st|nd|rd|th)\b")
_DECIMAL: Final = re.compile(r"\b(\d+)[.,](\d+)\b")
_NUMBER: Final = re.compile(r"\d+")
_OUT_OF_TEN: Final = re.compile(r"\b(\d{1,2}) ?/ ?10\b(?! ?/)")
"""A pain score typed '9/10' is 'nine out of ten' (not a date: '3/10/2026' keeps its slashes)."""

_ONES: Final = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen"
).split()
_TENS: Final = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_ORDINALS: Final = {
    "one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
    "nine": "ninth", "twelve": "twelfth",
}


def number_to_words(value: int) -> str:
    """0 → 'zero', 42 → 'forty two', 1999 → 'one thousand nine hundred ninety nine'; digits above that."""
    if value < 20:
        return _ONES[value]
    if value < 100:
        tens, ones = divmod(value, 10)
        return _TENS[tens] + ("" if ones == 0 else " " + _ONES[ones])
    if value < 1000:
        hundreds, rest = divmod(value, 100)
        return _ONES[hundreds] + " hundred" + ("" if rest == 0 else " " + number_to_words(rest))
    if value < 1_000_000:
        thousands, rest = divmod(value, 1000)
        return number_to_words(thousands) + " thousand" + ("" if rest == 0 else " " + number_to_words(rest))
    return " ".join(_ONES[int(digit)] for digit in str(value))


def _ordinal_words(value: int) -> str:
    words = number_to_words(value).split()
    last = words[-1]
    if last in _ORDINALS:
        words[-1] = _ORDINALS[last]
    elif last.endswith("y"):
        words[-1] = last[:-1] + "ieth"
    else:
        words[-1] = last + "th"
    return " ".join(words)


def _digits_to_words(text: str) -> str:
    text = _OUT_OF_TEN.sub(r"\1 out of 10", text)
    text = _ORDINAL.sub(lambda m: " " + _ordinal_words(int(m.group(1)[:7])) + " ", text)
    text = _DECIMAL.sub(lambda m: f" {m.group(1)} point {' '.join(m.group(2))} ", text)
    return _NUMBER.sub(lambda m: " " + number_to_words(int(m.group(0)[:7])) + " " if len(m.group(0)) <= 7
                       else " " + " ".join(_ONES[int(d)] for d in m.group(0)) + " ", text)


_WEIGHT_UNITS: Final = frozenset({"kilo", "kilos", "kg", "kgs", "kilogram", "kilograms", "kilogrammes", "stone", "stones",
                                   "st", "pound", "pounds", "lb", "lbs"})
_MONEY_UNITS: Final = frozenset({"pound", "pounds"})
"""Pounds are money too: a fall in pounds is a weight only where the sentence speaks of weight."""
_WEIGHT_WORDS: Final = frozenset({"weigh", "weighed", "weighs", "weight", "scales", "lost", "dropped", "belt",
                                  "trousers", "clothes", "thinner", "skinny"})
_WEIGHT_LINKS: Final = frozenset({"to", "now", "down"})
_GAIN_WORDS: Final = frozenset({"gained", "gain", "put", "heavier", "up", "more", "fatter", "bigger"})
_NUMBER_WORDS: Final = {number_to_words(n): n for n in range(1, 400)}
_WEIGHT_REACH: Final = 9
"""Tokens from the end of the first figure to the second ('i was eighty two kilo in march , now seventy four')."""


def _figure_at(tokens: list[str], i: int) -> tuple[float, int] | None:
    """The number said at tokens[i] ('sixty two', 'nine and a half') and where it ends, or None."""
    for width in (3, 2, 1):
        words = " ".join(tokens[i : i + width])
        if len(tokens[i : i + width]) == width and words in _NUMBER_WORDS:
            value, end = float(_NUMBER_WORDS[words]), i + width
            break
    else:
        return None
    if tokens[end : end + 3] == ["and", "a", "half"]:
        return value + 0.5, end + 3
    if len(tokens) > end + 1 and tokens[end] == "point" and tokens[end + 1] in _NUMBER_WORDS:
        return value + _NUMBER_WORDS[tokens[end + 1]] / 10, end + 2
    return value, end


def _weight_dropped(tokens: list[str]) -> list[str]:
    """'lost weight' said after a weight given as two figures, the later one lower ('he has dropped from seventy to
    sixty two kilos', 'i was eighty two kilo in march , now seventy four', 'down from eleven stone to nine and a half'):
    the red-flag rules read words, not arithmetic. A gain ('put on … from sixty to seventy') or pounds that are money
    say nothing."""
    if not _WEIGHT_UNITS.intersection(tokens):
        return tokens  # most inputs: no weight is given, and no figure need be read
    figures: list[tuple[float, int, int]] = []
    i = 0
    while i < len(tokens):
        found = _figure_at(tokens, i)
        if found is None:
            i += 1
            continue
        figures.append((found[0], i, found[1]))
        i = found[1]
    inserts: list[int] = []
    for (first, _, first_end), (second, second_start, second_end) in zip(figures, figures[1:]):
        between = tokens[first_end:second_start]
        if second >= first or len(between) > _WEIGHT_REACH or "." in between or "?" in between:
            continue
        if not _WEIGHT_LINKS.intersection(between):
            continue
        units = {t for t in (*between[:2], *tokens[second_end : second_end + 2]) if t in _WEIGHT_UNITS}
        if not units:
            continue
        start = max(0, first_end - _WEIGHT_REACH - 3)
        sentence = tokens[start : second_end + _WEIGHT_REACH]
        if _GAIN_WORDS.intersection(sentence):
            continue
        if units <= _MONEY_UNITS and not _WEIGHT_WORDS.intersection(sentence):
            continue
        end = second_end + (1 if second_end < len(tokens) and tokens[second_end] in _WEIGHT_UNITS else 0)
        inserts.append(end)
    if not inserts:
        return tokens
    out = list(tokens)
    for end in reversed(inserts):
        closed = end == len(out) or out[end] in _MARK_TOKENS
        out[end:end] = [",", "lost", "weight"] + ([] if closed else [","])
    return out


_OWN_STEMS: Final = {"scare": "scare", "scared": "scare", "scares": "scare", "scaring": "scare"}
"""Words whose stripped stem would be another word's: 'scared' is no 'scar' ('i am scared, what helps the pain' read as
pain after surgery, through the synonym scar → scarring)."""


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix-stripping stem so that 'hurts', 'hurting' and 'hurt' meet ('numbness' → 'numb')."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word in _OWN_STEMS:
        return _OWN_STEMS[word]
    for suffix, replacement, minimum in (
        ("nesses", "", 6), ("ness", "", 6), ("ments", "", 7), ("ment", "", 7), ("ies", "y", 5),
        ("ied", "y", 5), ("sses", "ss", 5), ("ings", "", 6), ("ing", "", 6), ("edly", "", 6),
        ("ed", "", 5), ("ly", "", 5), ("es", "", 5), ("s", "", 4),
    ):
        if word.endswith(suffix) and len(word) >= minimum:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                break
            if suffix == "es" and not word.endswith(("ches", "shes", "sses", "xes", "zes", "oes")):
                word = word[:-1]
                break
            word = word[: len(word) - len(suffix)] + replacement
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


@dataclass(frozen=True)
class Normalised:
    """Canonical text and what normalising it showed."""

    text: str
    joins_words: bool
    """The variants joined words a recogniser split ('sin toms' → 'symptoms'): the text as said is then a poorer
    guide to its meaning than the canonical text."""
    asks_in_fillers: bool
    """A request dropped as a filler ('can you tell me', 'i was wondering') asked something."""
    mends_words: bool = False
    """The variants replaced a word by another ('your sauces' → 'your sources'), not only its spelling ('tumour'):
    the text as said is then a poorer guide to its meaning than the canonical text, as with joins_words."""


_BRITISH: Final = (("our", "or"), ("yse", "yze"), ("ise", "ize"), ("isation", "ization"), ("ae", "e"), ("oe", "e"))


def _spelling_only(said: str, meant: str) -> bool:
    """True when meant is only the American spelling of said ('tumour' → 'tumor'): no word was misheard."""
    for british, american in _BRITISH:
        said = said.replace(british, american)
    return said == meant


_REQUEST_FILLERS: Final = (
    ("can", "you", "tell", "me"), ("could", "you", "tell", "me"), ("i", "want", "to", "know"), ("i", "would", "like", "to", "know"),
    ("i", "wanted", "to", "ask"), ("i", "just", "want", "to", "know"), ("i", "just", "wanted", "to", "know"),
    ("i", "wanted", "to", "know"), ("i", "just", "wanted", "to", "ask"), ("i", "was", "wondering"),
    ("i", "was", "just", "wondering"), ("just", "wondering"), ("i", "wonder"),
)
"""Fillers that ask: dropped before matching, they still make the input a question ('no tingling, can you tell me about acupuncture')."""


class Replacements:
    """Word sequences replaced by others, longest first, compared through a key (the word itself, or its stem)."""

    def __init__(
        self, pairs: Iterable[tuple[tuple[str, ...], tuple[str, ...]]], key: Callable[[str], str] = str
    ) -> None:
        self._key = key
        self._by_first: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
        for source, target in sorted(pairs, key=lambda pair: len(pair[0]), reverse=True):
            if source:
                keys = tuple(key(word) for word in source)
                self._by_first.setdefault(keys[0], []).append((keys, target))

    def resolve_chains(self, rounds: int = 4) -> None:
        """Let a replacement lead on to another ("physio" → "physiotherapy" → "physical therapy")."""
        for bucket in self._by_first.values():
            for index, (source, target) in enumerate(bucket):
                for _ in range(rounds):
                    resolved = tuple(self.apply(list(target)))
                    if resolved == target:
                        break
                    target = resolved
                bucket[index] = (source, target)

    def apply(self, tokens: list[str]) -> list[str]:
        """The tokens with every listed sequence replaced, scanning left to right."""
        keys = [self._key(token) for token in tokens]
        out: list[str] = []
        i = 0
        while i < len(tokens):
            for source, target in self._by_first.get(keys[i], ()):
                if tuple(keys[i : i + len(source)]) == source:
                    out.extend(target)
                    i += len(source)
                    break
            else:
                out.append(tokens[i])
                i += 1
        return out


_MARK_TOKENS: Final = frozenset({",", ".", "?"})
_KEPT_AFTER: Final[dict[tuple[str, ...], frozenset[str]]] = {
    ("love",): frozenset({"make", "makes", "making", "made", "in", "fell", "falling"}),
    ("hang", "on"): frozenset({"shirts", "shirt", "clothes", "trousers", "jumper", "jumpers", "dress", "dresses", "coat",
                               "skirt", "jeans", "things", "it", "they", "them"}),
}
"""Fillers that are words after these: 'love' is a filler in 'thanks love' but not in 'making love' (the sexual
function rule's words) or 'in love'; 'hang on' is no wait in 'his shirts hang on him'."""
_ANSWER_WORDS: Final = frozenset({"no", "yes", "nope", "nah", "yeah", "yep", "okay", "well", "so", "and", "but"})
"""A comma after these stays when a filler follows ('no, um, my legs are fine' keeps 'no' apart)."""
_HESITATIONS: Final = frozenset(
    {"um", "umm", "uh", "uhh", "uhm", "er", "erm", "ehm", "hmm", "hm", "mm", "mmm", "ah", "ahh", "eh", "oh", "well", "so", "like"}
)
_AFFIRMATIONS: Final = (("uh", "huh"), ("mm", "hmm"), ("mhm",), ("mmhm",), ("uhhuh",), ("uh", "hu"), ("mm", "hm"))
"""Sounds that say yes ('uh huh'), though their parts are hesitations."""


_AFFIRMED: Final = Replacements((sound, ("yes",)) for sound in _AFFIRMATIONS)


_NEGATIVE_WORDS: Final = frozenset(
    {"cant", "cannot", "couldnt", "dont", "doesnt", "didnt", "wont", "wouldnt", "isnt", "arent", "not", "never", "nowt"}
)
_NO_MORE_REACH: Final = 7


_FEEL_WORDS: Final = frozenset({"feel", "feels", "felt", "feeling"})
_DEGREES: Final = tuple(
    tuple(d.split()) for d in (
        "a little bit", "a little", "a bit", "ever so", "really", "very", "terribly", "awfully", "pretty", "rather",
        "extremely", "incredibly", "horribly", "dreadfully",
    )
)
"""Degree words after 'feel', which leave what is felt as it is ('feels really sick', 'felt a bit faint')."""


_BE_WORDS: Final = frozenset({"is", "are", "was", "were", "am"})


def _degree_after_feel(tokens: list[str]) -> list[str]:
    """Tokens without a degree word between 'feel' and what is felt: 'my husband feels really sick' is 'feels sick';
    likewise between 'is' and a likeness: 'my legs are really like lead' is 'are like lead'."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        out.append(tokens[i])
        after = i + 1
        while tokens[i] in _FEEL_WORDS | _BE_WORDS and (
            degree := next((d for d in _DEGREES if tuple(tokens[after : after + len(d)]) == d), None)
        ):
            after += len(degree)  # ('feels really very sick')
        if tokens[i] in _BE_WORDS and (after >= len(tokens) or tokens[after] != "like"):
            after = i + 1  # after 'is', only before a likeness ('my legs are really like jelly'; not 'is really bad')
        i = after if after < len(tokens) and tokens[after] not in _MARK_TOKENS else i + 1
    return out


_SUBJECTS: Final = frozenset({"i", "he", "she", "we", "they", "you"})


def _just_after_subject(tokens: list[str]) -> list[str]:
    """Tokens without a 'just' between a subject and a negative ('i just wouldnt say my legs are weak', 'i just cant
    feel my feet') or after 'when i' ('… worse when i just cough'), where it stood between the negation or the 'when'
    and its verb. Elsewhere it stays: 'he just dropped' is a collapse, 'i dropped my coffee' is not."""
    def dropped(i: int) -> bool:
        if tokens[i] != "just" or not i or tokens[i - 1] not in _SUBJECTS or i + 1 >= len(tokens):
            return False
        return tokens[i + 1] in _NEGATIVE_WORDS or (i >= 2 and tokens[i - 2] in ("when", "if", "whenever"))

    return [t for i, t in enumerate(tokens) if not dropped(i)]


def _closing_no_more(tokens: list[str], i: int) -> bool:
    """'no more' at i closes its clause: a mark or the end follows, or the subject of the next clause when nothing
    marks it ('she can walk no more she was fine on sunday'); not 'no more than two' nor 'no more pain'."""
    if tokens[i] != "no" or i + 1 >= len(tokens) or tokens[i + 1] != "more":
        return False
    return i + 2 >= len(tokens) or tokens[i + 2] in _MARK_TOKENS or tokens[i + 2] in _SUBJECTS


_UNTIL: Final = frozenset({"till", "until", "til", "before"})
_LATELY: Final = frozenset({
    "last", "this", "yesterday", "today", "tonight", "now", "recently", "lately", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday",
})
_NEVER_REACH: Final = 10


def _never_until_lately(tokens: list[str]) -> list[str]:
    """'never … till last night' tells that it happened last night: the 'never' goes ('i have never wet the bed in my
    life till last night', 'he never had numbness until this week'); 'never … until' a later time stays a denial."""
    out = list(tokens)
    for i, token in enumerate(tokens):
        if token != "never":
            continue
        for j in range(i + 2, min(len(tokens) - 1, i + _NEVER_REACH)):
            if tokens[j] in _MARK_TOKENS:
                break
            if tokens[j] in _UNTIL and tokens[j + 1] in _LATELY and not (tokens[j] == "before" and tokens[j + 1] == "now"):
                out[i] = ""
                break
    return [t for t in out if t]


def _self_repaired(tokens: list[str]) -> list[str]:
    """A word put right at once: 'W, i mean V' where V ends its clause reads as V in W's place ('my partner cant we,
    i mean pee, he has been trying' → 'cant pee', 'it was tuesday, i mean wednesday'). 'i mean' before more words
    ('it hurts, i mean really hurts') stays for the fillers to drop."""
    out = list(tokens)
    i = 1
    while i + 2 < len(out):
        if out[i : i + 2] != ["i", "mean"]:
            i += 1
            continue
        said = i - 2 if out[i - 1] == "," else i - 1
        meant = i + 2
        closes = meant + 1 == len(out) or out[meant + 1] in _MARK_TOKENS
        if said >= 0 and out[said] not in _MARK_TOKENS and out[meant] not in _MARK_TOKENS and closes:
            out[said : meant + 1] = [out[meant]]
            i = said + 1
        else:
            i += 1
    return out


_SAID_REACH: Final = 4
"""At most this many words are taken back by 'i said … but i meant' ('i said tingling but i meant tickling')."""


def _said_but_meant(tokens: list[str]) -> list[str]:
    """A word said and taken back at once: '(when) i said W, (but) i meant (to say) V' reads as V alone ('i said
    tingling but i meant tickling' → 'tickling', 'i said chest but i meant the chest of drawers'). Only when at most
    four words stand between, with no full stop or question among them, so that 'i said to the nurse i was fine but i
    meant …' keeps its words."""
    out = list(tokens)
    i = 0
    while i + 3 < len(out):
        cut = _taken_back(out, i) if out[i : i + 2] == ["i", "said"] else None
        if cut is None:
            i += 1
            continue
        start = i - 1 if i and out[i - 1] == "when" else i
        out[start:cut] = []
        i = start
    return out


def opens_with_a_word_taken_back(tokens: list[str]) -> bool:
    """True when tokens open with words that 'i said … but i meant' takes back, as the normaliser reads them ('i said
    chest but i meant the chest of drawers'): for text read in parts, where the normaliser saw each part alone."""
    return tokens[:2] == ["i", "said"] and _taken_back(tokens, 0) is not None


def _taken_back(tokens: list[str], i: int) -> int | None:
    """Where the words after 'i said' at i that 'i meant' takes back end, or None when nothing is taken back."""
    for j in range(i + 3, min(len(tokens) - 1, i + 2 + _SAID_REACH + 2)):
        if tokens[j] in (".", "?"):
            return None
        if tokens[j : j + 2] == ["i", "meant"]:
            said = [t for t in tokens[i + 2 : j] if t not in (",", "but")]
            if not 1 <= len(said) <= _SAID_REACH:
                return None
            end = j + 2
            if tokens[end : end + 2] == ["to", "say"]:
                end += 2
            while end < len(tokens) and tokens[end] == ",":
                end += 1
            return end if end < len(tokens) else None
    return None


_REPAIR_WORDS: Final = (("no",), ("sorry",), ("wait",), ("actually",), ("oops",), ("i", "mean"), ("hang", "on"), ("er",), ("um",), ("erm",))
"""Words between a one-word clause and the words that put it right ('louder, no, actually quieter')."""
_REPAIR_MARKERS: Final = frozenset({"sorry", "wait", "actually", "oops", "mean"})
"""… of which one must be said: 'yes, no' alone is two answers, not one put right."""
_REPAIR_MAX_WORDS: Final = 3
_YES_WORDS: Final = frozenset({"yes", "yeah", "yep", "yup", "aye"})
_ONE_WORD_ASKS: Final = _YES_WORDS | frozenset(
    {"no", "nope", "nah", "louder", "quieter", "slower", "faster", "stop", "repeat", "again", "more", "help", "menu"}
)
"""Words that are a whole answer or request alone, so may be put right without a comma ('yes actually no')."""


def _repair_lead(tokens: list[str], start: int) -> int:
    """Where the words that put a clause right begin, after the marks and repair words from start."""
    j = start
    while j < len(tokens):
        if tokens[j] in _MARK_TOKENS:
            j += 1
            continue
        for words in _REPAIR_WORDS:
            if tuple(tokens[j : j + len(words)]) == words:
                j += len(words)
                break
        else:
            return j
    return j


_DOSE_ASKED_BEFORE: Final = frozenset({"what", "how", "why", "where", "when", "which", "who", "and", "but", "so", "or", "also", "then"})
"""After these (or at a sentence's start) a typed 'dose' may be 'does' ('how dose deep breathing help')."""
_DOSE_NOUN_LATER: Final = frozenset(
    {"should", "would", "could", "can", "will", "shall", "might", "must", "to", "is", "are", "was", "were", "am"}
)
"""A modal or copula in the few words after 'dose' makes it the noun ('what dose my mum should have')."""
_DOSE_REACH: Final = 5
_DOSE_NOUN_AFTER: Final = _DOSE_NOUN_LATER | {
    "of", "do", "does", "did", "for", "per", "and", "or", "too", "at", "on", "in", "be", "has", "have", "had", "he", "she",
    "they", "we", "i", "you", "if", "that", "as",
}
"""Straight after these too 'dose' is the noun ('dose of morphine', 'what dose do you give'): a question with the verb
'does' puts its subject next, and a subject is no word of this list but 'it', a name or a noun phrase ('how dose it
work', 'dose acupuncture help', 'why dose the immune system …')."""
_DOSE_TIMES: Final = frozenset({"day", "week", "month", "night", "time", "fortnight", "year"})


def _dose_as_does(tokens: list[str]) -> list[str]:
    """A typed 'dose' that asks is 'does' ('dose acupunksher actualy help', 'what dose a physio do'): at a sentence's
    start or after a question word, with a subject and more after it. 'dose' after anything else, before a word that
    only the noun takes ('what dose should i take', 'the dose of octreotide', 'a dose too high') or with one word after
    it ('dose morphine?'), stays."""
    if "dose" not in tokens:
        return tokens
    out = list(tokens)
    for i, token in enumerate(out):
        if token != "dose" or i + 2 >= len(out) or out[i + 2] in _MARK_TOKENS:
            continue  # 'dose morphine?': a subject with no verb after it asks for the noun
        before = out[i - 1] if i else "."
        following = out[i + 1]
        if following in ("a", "an") and out[i + 2] in _DOSE_TIMES:
            continue  # 'what dose a day is safe'
        if before not in _MARK_TOKENS and before not in _DOSE_ASKED_BEFORE or following in _DOSE_NOUN_AFTER | _MARK_TOKENS:
            continue
        rest = []
        for word in out[i + 1 : i + 1 + _DOSE_REACH]:
            if word in _MARK_TOKENS:
                break
            rest.append(word)
        if not _DOSE_NOUN_LATER.intersection(rest):
            out[i] = "does"
    return out


def _one_word_put_right(tokens: list[str]) -> list[str]:
    """A one-word clause put right at once by a short clause of its own: 'louder, no, actually quieter' → 'quieter',
    'er, no… actually, yes. yes.' → 'er, yes. yes.', 'stop, sorry, i mean say that again' → 'say that again'. Only
    when the word stands alone in its clause, a word of repair is said ('yes, no' is two answers) and what puts it
    right is at most three words closing its clause, so that 'no, actually my legs have gone numb since this morning'
    keeps its 'no' for the report's own reading."""
    out = list(tokens)
    i = 0
    while i < len(out):
        starts = i == 0 or out[i - 1] in _MARK_TOKENS or out[i - 1] in _HESITATIONS
        j = _repair_lead(out, i + 1)
        lead = out[i + 1 : j]
        if not starts or out[i] in _MARK_TOKENS or out[i] in _HESITATIONS or not _REPAIR_MARKERS.intersection(lead):
            i += 1
            continue
        if lead[0] not in _MARK_TOKENS and (lead[0] not in _REPAIR_MARKERS or out[i] not in _ONE_WORD_ASKS):
            i += 1
            continue  # 'stop no wait': 'no' straight after the word may belong to it; 'what actually is it' asks
        end = j
        while end < len(out) and out[end] not in _MARK_TOKENS:
            end += 1
        if end == j and out[i] in _YES_WORDS and out[j - 1] == "no" and _REPAIR_MARKERS.intersection(out[i + 1 : j - 1]):
            j -= 1  # 'yes, actually no': the 'no' puts the 'yes' right ('numb, wait, no' keeps what it said)
        if not 1 <= end - j <= _REPAIR_MAX_WORDS:
            i += 1
            continue
        del out[i:j]
        i += end - j
    return out


def _no_more_as_anymore(tokens: list[str]) -> list[str]:
    """'no more' closing a clause after a negative is 'anymore' ('cant lift the kettle no more', dialect): it does not
    deny what the clause says ('my back hurts no more' has no negative before it and stays)."""
    out = list(tokens)
    for i in range(len(out) - 1):
        if not _closing_no_more(out, i):
            continue
        start = i
        while start > 0 and i - start < _NO_MORE_REACH and out[start - 1] not in _MARK_TOKENS:
            start -= 1
        if _NEGATIVE_WORDS.intersection(out[start:i]):
            out[i : i + 2] = ["anymore", ""]
    return [t for t in out if t]


_CLAUSE_OPENERS: Final = frozenset({"and", "but", "so", "um", "uh", "well", "then", "now", "also"})
_NEGATIVE_POLARITY: Final = (("anymore",), ("any", "more"), ("at", "all"))
"""Words that ask for a negative before them: 'i can walk to the toilet anymore' is a recogniser's 'cant'."""
_CAN_REACH: Final = 7
_LICENSING: Final = frozenset(
    {"anything", "anyone", "anybody", "if", "whether", "how", "what", "where", "when", "why", "which", "who", "only", "ever"}
)
_INVERTED_SUBJECTS: Final = frozenset({"i", "you", "he", "she", "we", "they", "it", "my", "his", "her", "the", "there"})
_AT_ALL_NOUNS: Final = frozenset({"times", "costs", "hours", "levels", "ages", "stages"})


def _can_before_anymore(tokens: list[str]) -> list[str]:
    """'can' or 'could' heard for 'cant' or 'couldnt': a statement ('dad can sleep at all because of his back') whose
    clause ends on 'anymore' or 'at all' with no negative in it. Not a question ('can he walk at all'): then 'can'
    opens the clause or stands before its subject."""
    out = list(tokens)
    for i, token in enumerate(out):
        if token not in ("can", "could") or i == 0 or out[i - 1] in _MARK_TOKENS or out[i - 1] in _CLAUSE_OPENERS:
            continue
        end = i + 1
        while end < len(out) and end - i <= _CAN_REACH and out[end] not in _MARK_TOKENS:
            end += 1
        rest = out[i + 1 : end]
        before = out[max(0, i - 5) : i]
        if _NEGATIVE_WORDS.intersection(rest) or _NEGATIVE_WORDS.intersection(before[-3:]) or _LICENSING.intersection(before):
            continue  # a negative already, or a question or condition that allows 'at all' ('is there anything i can do at all')
        if rest and rest[0] in _INVERTED_SUBJECTS:
            continue  # 'how long can i keep going at all': a question
        closing = any(_closing_no_more(out, j) for j in range(i + 2, end))  # 'she can walk no more'
        for polarity in _NEGATIVE_POLARITY:
            hits = [j for j in range(len(rest) - len(polarity) + 1) if tuple(rest[j : j + len(polarity)]) == polarity]
            if closing or (hits and not (polarity == ("at", "all") and hits[0] + 2 < len(rest) and rest[hits[0] + 2] in _AT_ALL_NOUNS)):
                out[i] = "cant" if token == "can" else "couldnt"
                break
    return out


_DOUBLED_ANSWERS: Final = (
    (("no", "none", "at", "all"), ("no",)), (("no", "not", "at", "all"), ("no",)), (("no", "none", "whatsoever"), ("no",)),
    (("no", "none"), ("no",)), (("none", "at", "all"), ("none",)), (("none", "whatsoever"), ("none",)),
)
"""An answer said twice or with 'at all' closing an item ('chest pain no none at all'), said once: 'chest pain no'."""


def _collapsed_answers(tokens: list[str]) -> list[str]:
    """Tokens with a doubled answer at the end of a clause said once, so that the item before it reads as answered."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for said, meant in _DOUBLED_ANSWERS:
            end = i + len(said)
            if tuple(tokens[i:end]) == said and (end == len(tokens) or tokens[end] in _MARK_TOKENS) and i > 0:
                out += meant
                i = end
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


def _without_repeats(tokens: list[str]) -> list[str]:
    """Tokens with a word said twice in a row said once ('the the tumour', 'theres nothing nothing comes out'): a
    speaker's restart, which would otherwise read as a second word ('nothing' denying what follows)."""
    return [
        t for i, t in enumerate(tokens)
        if i == 0 or t != tokens[i - 1] or t in _MARK_TOKENS or (len(t) == 1 and t not in ("i", "a"))  # 'm s c c'
    ]


_CHECK_ANSWERS: Final = {"yes": True, "yep": True, "yeah": True, "no": False, "nope": False}
_CHECK_ITEM_WORDS: Final = 3


def _checklist(tokens: list[str], stopwords: frozenset[str]) -> list[str]:
    """A list read out with an answer after each item ('numbness no weakness no bladder no', 'legs yes bladder no'),
    said as the assistant reads answers: the answer first ('no numbness , no weakness , no bladder', 'legs , no
    bladder'). Only a sentence that ends in such a list of two items or more, each item one to three words that end
    in a word of substance ('i said no and he said no' is no list)."""
    out: list[str] = []
    start = 0
    for end in [i for i, t in enumerate(tokens) if t in (".", "?")] + [len(tokens)]:
        sentence = tokens[start:end]
        pairs: list[tuple[list[str], bool]] = []
        position = len(sentence)
        while position > 0 and sentence[position - 1] in _CHECK_ANSWERS:
            answer = _CHECK_ANSWERS[sentence[position - 1]]
            last = position - 1
            while last > 0 and sentence[last - 1] == ",":
                last -= 1  # 'numbness - no , weakness - no': a dash between the item and its answer
            first = last
            while first > 0 and last - first < _CHECK_ITEM_WORDS and sentence[first - 1] not in _CHECK_ANSWERS and sentence[first - 1] != ",":
                first -= 1
            item = sentence[first:last]
            if not item or item[-1] in stopwords or item[-1] in _MARK_TOKENS:
                break
            pairs.insert(0, (item, answer))
            position = first
            while position > 0 and sentence[position - 1] == ",":
                position -= 1
        if len(pairs) >= 2 and not all(answer for _, answer in pairs):
            said: list[str] = list(sentence[:position])
            for item, answer in pairs:
                said += ([] if answer else ["no"]) + item + ["."]
            sentence = said[:-1]
        out += sentence + tokens[end : end + 1]
        start = end + 1
    return out


_ITEM_ANSWERS: Final = {**_CHECK_ANSWERS, "none": False, "nil": False, "never": False, "nah": False, "negative": False}
_PLAIN_ANSWERS: Final = frozenset({"none", "nil", "negative"})
"""Answers that close an item with no mark before them ('pins and needles in my feet none', said 'feet: none')."""
_ITEM_WORDS: Final = 6
_NOT_AN_ITEM: Final = frozenset({
    "i", "you", "he", "she", "we", "they", "it", "me", "him", "them", "there", "this", "that", "is", "are", "was", "were",
    "am", "be", "been", "do", "does", "did", "can", "could", "will", "would", "should", "shall", "might", "must", "have",
    "has", "had", "cant", "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "wont", "what", "how", "why", "when",
    "where", "who", "which", "if", "said", "say", "says", "asked", "think", "thanks", "thank", "please", "yes", "no",
})
"""Words that make the words before an answer a clause or a question, not an item on a list ('is it normal? no',
'he said no', 'does it spread? yes')."""


_DEGREE_ANSWERS: Final = (("a", "little"), ("a", "bit"), ("a", "touch"), ("slightly",), ("some",), ("sometimes",), ("a", "lot"))
"""Answers to an item asked on a list ('numbness? a little') that say it is there."""


def _item_start(out: list[str], end: int) -> int:
    """Where the item ending at end starts: after the last mark before it."""
    start = end
    while start > 0 and out[start - 1] not in _MARK_TOKENS:
        start -= 1
    return start


def _is_item(item: list[str], limit: int, stopwords: frozenset[str]) -> bool:
    """True for one to limit words that can stand on a list: not ending on a stopword, not a clause or a question."""
    return 0 < len(item) <= limit and item[-1] not in stopwords and not _NOT_AN_ITEM.intersection(item)


def _answered_by_degree(out: list[str], tokens: list[str], position: int, stopwords: frozenset[str]) -> bool:
    """True when the '?' at position closes an item of one to six words on a list (not a clause or a question) and
    a degree answers it: 'cramps? no. numbness? a little, in the left foot'."""
    if not any(tuple(tokens[position + 1 : position + 1 + len(a)]) == a for a in _DEGREE_ANSWERS):
        return False
    return _is_item(out[_item_start(out, len(out)) :], _ITEM_WORDS, stopwords)


def _answered_items(tokens: list[str], stopwords: frozenset[str]) -> list[str]:
    """One item with its answer, as a nurse's list is answered: 'numbness? no.', 'pins and needles in my feet , none',
    'weight loss no' read as 'no numbness', 'no pins and needles in my feet', 'no weight loss'; 'weak legs? yes.' as
    'weak legs'. The item is all the words since the last mark: one to six words of substance after a mark ('legs,
    no'), three at most when nothing marks it off; never a clause or a question ('he said no', 'is it normal? no')."""
    out: list[str] = []
    for position, token in enumerate(tokens):
        if token == "?" and _answered_by_degree(out, tokens, position, stopwords):
            out.append(",")  # 'numbness? a little, in the left foot': the item is there, in some degree
            continue
        answer = _ITEM_ANSWERS.get(token)
        after = tokens[position + 1] if position + 1 < len(tokens) else "."
        if answer is None or after not in (".", ","):
            out.append(token)
            continue
        item_end = len(out)
        while item_end > 0 and out[item_end - 1] in (",", "?"):
            item_end -= 1
        marked = item_end < len(out)
        item_start = _item_start(out, item_end)
        item = out[item_start:item_end]
        limit = _ITEM_WORDS if marked or token in _PLAIN_ANSWERS else _CHECK_ITEM_WORDS
        if not _is_item(item, limit, stopwords):
            out.append(token)
            continue
        out[item_start:] = ([] if answer else ["no"]) + item
    return out


_ECHO_AUXILIARIES: Final = frozenset({"have", "has", "had", "did", "do", "does", "am", "is", "was", "are", "were"})
_ECHO_SUBJECTS: Final = frozenset({"i", "he", "she", "we", "they"})
_ECHO_NO: Final = frozenset({"no", "nope", "nah"})
_ECHO_YES: Final = frozenset({"yes", "yeah", "yep"})
_ECHO_CLOSERS: Final = frozenset({".", ",", "?", "never", "not", "none", "no", "nope", "nah"})
"""What may follow the 'no' that answers a question said back ('… no', '… no never', '… no, not at all')."""
_ECHO_WORDS: Final = 12
_ECHO_NEGATIVES: Final = {
    "have": ["havent"], "has": ["hasnt"], "had": ["hadnt"], "did": ["didnt"], "do": ["dont"], "does": ["doesnt"],
    "am": ["am", "not"], "is": ["isnt"], "was": ["wasnt"], "are": ["arent"], "were": ["werent"],
}
"""The auxiliary denied as canonical text writes it ('do not' → 'dont'), so the word rules read it as they read it said."""


def _echoed_questions(tokens: list[str]) -> list[str]:
    """A checklist question the speaker says back and answers ('have i had any accidents with my bowels no never',
    'does he get pins and needles? yes'), read as the statement it answers ('i havent had any accidents with my
    bowels', 'he does get pins and needles'): a transcript has no question mark to end the question, and the 'no'
    at its end denies nothing on its own. A symptom that is itself a negative stays one ('do i have any feeling in
    my legs? no' → 'i dont have any feeling in my legs')."""
    out: list[str] = []
    position = 0
    while position < len(tokens):
        token = tokens[position]
        opens = position == 0 or tokens[position - 1] in _MARK_TOKENS
        if not (opens and token in _ECHO_AUXILIARIES and position + 1 < len(tokens) and tokens[position + 1] in _ECHO_SUBJECTS):
            out.append(token)
            position += 1
            continue
        answer = None
        for index in range(position + 3, min(len(tokens), position + 2 + _ECHO_WORDS + 2)):
            word = tokens[index]
            after = tokens[index + 1] if index + 1 < len(tokens) else "."
            if word in _ECHO_YES and after == "or":
                break  # 'is it serious yes or no': the question's own words
            if (word in _ECHO_NO and after in _ECHO_CLOSERS) or word in _ECHO_YES:
                answer = index
                break
            if word in (",", "?") and after in _ECHO_NO | _ECHO_YES:
                continue  # 'do i have trouble peeing? no'
            if word in _MARK_TOKENS:
                break  # the question ended unanswered
        if answer is None:
            out.append(token)
            position += 1
            continue
        body = [t for t in tokens[position + 2 : answer] if t not in _MARK_TOKENS]
        subject = tokens[position + 1]
        if tokens[answer] in _ECHO_YES:
            out += [subject, token] + body + [","]
        else:
            out += [subject, *_ECHO_NEGATIVES[token]] + body + ["."]
        position = answer + 1
    return out


_TIME_OF_DAY: Final = re.compile(r"\b([ap])\.\s?m\b\.?")
"""'a.m.', 'p.m.': written as 'am', 'pm', so their full stops end no sentence."""


_NAMED_PARTS: Final = frozenset({
    "leg", "legs", "foot", "feet", "arm", "arms", "hand", "hands", "toes", "fingers", "back", "bladder", "bowels", "bum",
    "bottom", "chest", "knees", "thighs",
})
_NAMED_PART_WORDS: Final = 3


def _named_then_told(tokens: list[str]) -> list[str]:
    """A part of the body named as a sentence of its own and then described ('my legs. they feel like jelly', 'his
    feet. cant feel them'): one sentence, as if said with a comma, so that the rules see the part with its symptom."""
    out = list(tokens)
    start = 0
    for index, token in enumerate(tokens):
        if token not in _MARK_TOKENS:
            continue
        words = tokens[start:index]
        if token == "." and 0 < len(words) <= _NAMED_PART_WORDS and words[-1] in _NAMED_PARTS and index + 1 < len(tokens):
            out[index] = ","
        start = index + 1
    return out


class Normaliser:
    """Normalisation with one vocabulary's fillers and variants, prepared once."""

    def __init__(self, vocabulary: Vocabulary, readings: Mapping[str, Normalised] | None = None) -> None:
        """readings: texts already analysed with this vocabulary and this code (app.startup keeps start-up's between
        runs), kept as if analysed here."""
        self.vocabulary = vocabulary
        fillers = sorted((f.split() for f in self._canonical_list(vocabulary.fillers)), key=len, reverse=True)
        pairs = [(tuple(self._plain(source).split()), tuple(self._plain(target).split())) for source, target in vocabulary.variants]
        filler_words = {filler[0] for filler in fillers if len(filler) == 1}
        # a mishearing that holds a filler word ('fizzy oh' for 'physio') is mended before fillers are dropped
        self._early_variants = Replacements(pair for pair in pairs if len(pair[0]) > 1 and filler_words & set(pair[0]))
        self._variants = Replacements(pairs)
        self._stopwords = frozenset(self._plain(word) for word in vocabulary.stopwords)
        self._variants.resolve_chains()  # 'stair oids' → 'steroids' → 'corticosteroids'
        self._fillers: tuple[tuple[str, ...], ...] = tuple(tuple(f) for f in fillers if f)
        self._fillers_by_first: dict[str, tuple[tuple[str, ...], ...]] = {}
        """The fillers by their first word, longest first: most words start none, so most tokens try none."""
        for filler in self._fillers:
            self._fillers_by_first[filler[0]] = self._fillers_by_first.get(filler[0], ()) + (filler,)
        self._patterns: dict[str, str] = {}
        """Patterns from prompts/ already normalised: several parts of the assistant compile the same ones."""
        self._analysed: Memo[str, Normalised] = Memo()
        """Texts already analysed: start-up reads the same phrase from several places, and the parts of the
        assistant normalise the same clause of one input several times."""
        if readings:
            self._analysed.seed(readings)

    def readings(self) -> dict[str, Normalised]:
        """Every text analysed and still kept: straight after start-up, the phrases of prompts/ and no one's words."""
        return self._analysed.results()

    def _canonical_list(self, items: tuple[str, ...]) -> list[str]:
        return [self._plain(item) for item in items]

    @staticmethod
    def _plain(text: str) -> str:
        """Case, apostrophes, contractions, numbers and punctuation only (no vocabulary)."""
        text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).casefold()
        text = "".join(ch if ch.isprintable() else " " for ch in text)
        if "'" in text:  # every contraction holds one; most inputs hold none
            text = _DROPPED_G.sub(_with_g, text)  # 'restin'', 'nothin'' as written down by someone who says it so
            for compiled, replacement in _CONTRACTIONS:
                text = compiled.sub(replacement, text)
            text = _POSSESSIVE.sub(r"\1", text)
        if "." in text:
            text = _TIME_OF_DAY.sub(r"\1m", text)  # 'two a.m.' is no end of a sentence
            text = _TRAILING_OFF.sub(_joined_trailing_off, text)
        if "&" in text or "+" in text:
            text = _AND_SIGN.sub(" and ", text)  # 'no appetite + back pain', 'night sweats & back ache'
        if ":" in text:
            text = _CLOCK_COLON.sub(" ", text)  # '10:30' is a time, no colon that opens a list
        text = _digits_to_words(text)
        text = _DASH.sub(" , ", text).replace("-", " ").replace("'", "")
        if "not" in text:
            for compiled, replacement in _NEGATIVE_PHRASES_COMPILED:
                text = compiled.sub(replacement, text)
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
        text = _STRETCHED.sub(r"\1\1", text)  # 'sloooower', 'pleeease': no English word holds a letter three times
        text = _STRETCHED_ANSWERS.sub(lambda m: "no" if m.group(0).startswith("n") else "yes", text)  # 'nooo', 'yesss'
        out: list[str] = []
        for token in _WORD_OR_MARK.findall(text):
            mark = _SENTENCE_MARKS.get(token)
            if mark is None:
                out.append(token)
            elif out and out[-1] not in (".", "?", ","):
                out.append(mark)
            elif out and mark in (".", "?") and out[-1] == ",":
                out[-1] = mark
        while out and out[-1] == ",":
            out.pop()
        return " ".join(out)

    def normalise(self, text: str) -> str:
        """Canonical text for a raw transcript or typed input; '' when nothing is left.

        When the input is nothing but filler words it keeps them, less the hesitations ('hang on' is
        itself a request to wait; 'um' is nothing); 'uh huh' and 'mm hmm' are a yes.
        """
        return self.analyse(text).text

    def only_fillers(self, text: str) -> bool:
        """True when text has words and all of them are fillers ('to be honest.', 'you know'): a clause that says
        nothing of its own."""
        _, plain = self._heard(text)
        return any(t not in _MARK_TOKENS for t in plain) and all(t in _MARK_TOKENS for t in self._drop_fillers(plain))

    def _heard(self, text: str) -> tuple[list[str], list[str]]:
        """The words as said (yes-words read), and after the mendings that come before fillers are dropped."""
        said = _AFFIRMED.apply(self._plain(text).split())
        return said, self._early_variants.apply(said)

    def analyse(self, text: str) -> Normalised:
        """The canonical text with what normalising it showed: words joined, a request among the fillers."""
        done = self._analysed.get(text)
        return done if done is not None else self._analysed.put(text, self._analyse(text))

    def _analyse(self, text: str) -> Normalised:
        said, plain = self._heard(text)
        asks = any(tuple(said[i : i + len(r)]) == r for r in _REQUEST_FILLERS for i in range(len(said) - len(r) + 1))
        put_right = _said_but_meant(_one_word_put_right(_dose_as_does(plain)))
        tokens = self._drop_fillers(_never_until_lately(_self_repaired(put_right)))
        if not any(token not in _MARK_TOKENS for token in tokens):
            tokens = [token for token in plain if token not in _HESITATIONS]
            if all(token in _MARK_TOKENS for token in tokens):
                tokens = []
        read = _echoed_questions(_named_then_told(tokens))
        varied = self._apply_variants(_degree_after_feel(_just_after_subject(read)))
        read_out = _collapsed_answers(_without_repeats(_no_more_as_anymore(_can_before_anymore(varied))))
        joined = _answered_items(_checklist(_weight_dropped(read_out), self._stopwords), self._stopwords)
        joins = len(joined) < len(tokens) and not set(joined) <= set(tokens)  # 'pet scan' → 'scan' joins nothing
        while joined and joined[0] in (",", ".", "?"):
            joined.pop(0)
        mends = len(joined) != len(tokens) or any(a != b and not _spelling_only(a, b) for a, b in zip(tokens, joined))
        return Normalised(" ".join(joined), joins, asks, mends)

    def normalise_pattern(self, pattern: str) -> str:
        """Like normalise, for a phrase from prompts/ that may hold '*' (some words) between its parts."""
        done = self._patterns.get(pattern)
        if done is None:
            done = " * ".join(part for part in (self._normalise_part(part) for part in pattern.split("*")) if part)
            self._patterns[pattern] = done
        return done

    def _normalise_part(self, part: str) -> str:
        """One part of a pattern; a 'like' it opens with is kept: there it compares ('like spaghetti', 'like * drunk'),
        and dropping it as a filler would leave a pattern that fires on 'spaghetti for dinner'."""
        words = part.split()
        if words and words[0].lower() == "like":
            return " ".join(self.normalise("feel " + part).split()[1:])
        return self.normalise(part)

    def _drop_fillers(self, tokens: list[str]) -> list[str]:
        out: list[str] = []
        i = 0
        by_first = self._fillers_by_first
        while i < len(tokens):
            token = tokens[i]
            if token == "like" and self._is_filler_like(out, tokens, i):
                i += 1
                if i < len(tokens) and tokens[i] == ",":
                    i += 1
                continue
            for filler in by_first.get(token, ()):
                if tuple(tokens[i : i + len(filler)]) == filler and not (out and out[-1] in _KEPT_AFTER.get(filler, ())):
                    i += len(filler)
                    if i < len(tokens) and tokens[i] == "," and (not out or out[-1] in (",", ".", "?")):
                        i += 1
                        if out and out[-1] == "," and len(out) > 1 and out[-2] not in _ANSWER_WORDS:
                            out.pop()  # 'i have been, you know, dribbling': the commas only bracketed the filler
                    break
            else:
                out.append(token)
                i += 1
        collapsed: list[str] = []
        for token in out:
            if token in (",", ".", "?") and (not collapsed or collapsed[-1] in (",", ".", "?")):
                if collapsed and token != "," and collapsed[-1] == ",":
                    collapsed[-1] = token
                continue
            collapsed.append(token)
        while collapsed and collapsed[-1] == ",":
            collapsed.pop()
        return collapsed

    @staticmethod
    def _is_filler_like(out: list[str], tokens: list[str], i: int) -> bool:
        # "like" is a filler at the start, after "so"/"and"/"but" or a comma, or before a comma;
        # elsewhere it carries meaning ("feels like jelly", "pain like a band").
        previous = out[-1] if out else ""
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        if following == ",":
            return True
        if previous == "really" and len(out) > 1 and out[-2] in _BE_WORDS | _FEEL_WORDS:
            return False  # 'my legs are really like lead': a likeness after a degree word
        return previous in ("", ",", ".", "?", "so", "and", "but", "um", "just", "really") and following not in (
            "a", "an", "that", "this", "it", "to", "when", "if", "electric", "jelly", "rubber", "pins"
        )

    def _apply_variants(self, tokens: list[str]) -> list[str]:
        return self._variants.apply(tokens)
