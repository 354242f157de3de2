"""What a speaker sets aside before asking: 'not the scan, I mean what they do about it', 'forget inflammation, does
the hormone side …', 'I'm not asking about surgery', 'I know what causes it, I want to know when it gets better'.

The words set aside name a topic the speaker does not want; read with the rest they pull the answer towards it. The
topic is judged on the rest. Red flags are never judged on this: they are checked on every word said.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["without_asides"]

_CLAUSE_END: Final = re.compile(r"(?<=[.!?;,])\s+|\s+(?:-|–|—)\s+|(?<=\w)(?:–|—)\s+")
"""Where a raw input's clauses end: after a sentence mark or a comma, at a dash between words, or at a long dash
that cuts a word off ('infl— the kids are screaming')."""
_LEAD: Final = r"^(?:(?:no|nah|nope|sorry|oh|ok|okay|and|but|so|well|wait|actually|just|er|um)\b[\s,.]*)*"
_NOT_A_REPORT: Final = (
    r"being|able|eating|sleeping|getting|feeling|walking|moving|passing|going|coming|doing|having|had|been|working"
    r"|much|many|enough|really|very|so|too|sure|quite|well|good|great|bad|yet|even|always|often|once|now|anymore|long|far"
    r"|any|anything|at|in|to|since|for long|today|tonight|tomorrow|again|me|you|us|him|her|them"
)
"""Words after an opening 'not' that make the clause a report or a reply ('not sleeping because of it', 'not able to
walk far', 'not too bad'), which is no topic set aside."""
_ASIDE: Final = re.compile(
    _LEAD + r"(?:"
    r"not\b(?! (?:" + _NOT_A_REPORT + r")\b)"
    r"|forget(?: about)?\b|never ?mind(?: about)?\b|skip\b|(?:leave|leaving|set|setting|put|putting) aside\b"
    r"|(?:i am|i'm|im) not (?:asking|on about|talking|looking|interested|after|bothered about|worried about)\b"
    r"|(?:i|we) (?:don't|dont|do not) (?:mean|want (?:detail|details|to know about|to hear about))\b"
    r"|i (?:already )?know (?:about|all about|what|how|why)\b"
    r"|(?:please )?(?:don't|dont|do not) (?:just )?(?:say|tell me|give me|mention|read me)\b"
    r")"
    r"|^\w+(?: \w+)? aside[.!?,]*$",
    re.IGNORECASE,
)
"""A clause that sets a topic aside: 'not the diet part', 'forget hormones', 'skip the fractures', 'nan aside'."""
_EXCEPTED: Final = re.compile(
    r"\s+(?:apart from|other than|besides|aside from|except for|except)\s+(?:the\s+|my\s+)?[\w'-]+(?:\s+[\w'-]+)?"
    r"[.!?]*$",
    re.IGNORECASE,
)
"""A thing excepted at the end of a question ('any other treatments apart from tablets', 'what helps besides
physio'): it names a topic the speaker does not want, like a clause set aside."""
_TO_OTHERS: Final = re.compile(
    _LEAD + r"(?:(?:hang|hold) on(?: a (?:sec|second|minute|mo))?(?: (?:love|darling|dear|pet|hun|mate|sweetheart))?"
    r"|(?:just )?(?:a|one) (?:sec|second|minute|mo|moment)|(?:yes |yeah )?in a (?:sec|second|minute|mo|moment)"
    r"|be (?:right )?with you|be quiet|shush|sh+|get down|put that down|leave (?:it|him|her|that)"
    r"|the (?:kids|children|baby|dog|dogs|kettle|doorbell|phone|telly|tv)(?:'s|s'| (?:is|are|has|have|was|were|keeps?))\b[\w' ]*"
    r"|(?:sorry,? )?(?:i was|i'm|im|i am) (?:talking|speaking|shouting|nodding|waving|pointing) (?:to|at) (?:my|the|him|her|you)\b[\w' ]*"
    r")[.!?,]*$",
    re.IGNORECASE,
)
"""A clause said to someone else in the room, not to the assistant: 'hang on love', 'the kids are screaming', 'one
sec', 'sorry, I was talking to my husband'."""
_CORRECTED: Final = re.compile(
    r"^(?:(?:no|sorry|oh)[\s,]+)*(?:i mean,? )?(?:the|my|his|her|their|your|a|an) [\w' ]+?(?:,? i mean)?[.!?,]*$", re.IGNORECASE
)
"""A clause that names the thing meant in place of the one before it: 'the radiation I mean', 'no, the right leg I
mean', 'I mean the heat pad' ('can the radio — the radiation I mean — can radiotherapy …'; not 'I mean safe', which
says more of the question before it)."""
_MEANT: Final = re.compile(r"\bi mean\b", re.IGNORECASE)
_SLIP: Final = re.compile(r"^(?!(?:what|how|why|when|where|who|which)\b)\S+(?: \S+){0,3}$", re.IGNORECASE)
"""A false start that a correction replaces: a few words, not a question of its own ('what do you mean, I mean …')."""
_WORD: Final = re.compile(r"[A-Za-z]")
_LEAD_ONLY: Final = re.compile(_LEAD + r"$", re.IGNORECASE)
_LEADING: Final = re.compile(_LEAD, re.IGNORECASE)


def without_asides(text: str) -> str | None:
    """text less the clauses that set a topic aside, or None when it sets none aside or nothing else is left."""
    clauses: list[str] = []
    lead = ""
    for clause in (part.strip(" -–—") for part in _CLAUSE_END.split(text.strip())):
        if clause and _LEAD_ONLY.match(clause):
            lead += clause + " "  # 'no,' in 'no, not stop': it goes with the clause it opens
        elif clause:
            clauses.append(lead + clause)
            lead = ""
    if lead:
        clauses.append(lead.strip())
    corrected = {
        number - 1 for number, clause in enumerate(clauses)
        if number and _MEANT.search(clause) and _CORRECTED.match(clause.strip()) and _SLIP.match(clauses[number - 1].strip())
    }
    kept = [
        _LEADING.sub("", clause) if number - 1 in corrected else clause  # 'no, the heat pad I mean': no 'no' is said
        for number, clause in enumerate(clauses)
        if not _ASIDE.search(clause.strip()) and not _TO_OTHERS.match(clause.strip()) and number not in corrected
    ]
    excepted = [_EXCEPTED.sub("", clause) for clause in kept]
    if any(len(cut.split()) < 3 for cut, clause in zip(excepted, kept) if cut != clause):
        excepted = kept  # 'what helps besides physio': too little left to ask with
    if excepted == clauses or not any(_WORD.search(clause) for clause in excepted):
        return None  # nothing set aside or excepted, or nothing else left
    return " ".join(excepted)
