"""What a speaker sets aside before asking: 'not the scan, I mean what they do about it', 'forget inflammation, does
the hormone side …', 'I'm not asking about surgery', 'I know what causes it, I want to know when it gets better'.

The words set aside name a topic the speaker does not want; read with the rest they pull the answer towards it. The
topic is judged on the rest. Red flags are never judged on this: they are checked on every word said.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["without_asides"]

_CLAUSE_END: Final = re.compile(r"(?<=[.!?;,])\s+|\s+(?:-|–|—)\s+")
"""Where a raw input's clauses end: after a sentence mark or a comma, or at a dash between words."""
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
    r")"
    r"|^\w+(?: \w+)? aside[.!?,]*$",
    re.IGNORECASE,
)
"""A clause that sets a topic aside: 'not the diet part', 'forget hormones', 'skip the fractures', 'nan aside'."""
_WORD: Final = re.compile(r"[A-Za-z]")
_LEAD_ONLY: Final = re.compile(_LEAD + r"$", re.IGNORECASE)


def without_asides(text: str) -> str | None:
    """text less the clauses that set a topic aside, or None when it sets none aside or nothing else is left."""
    clauses: list[str] = []
    lead = ""
    for clause in _CLAUSE_END.split(text.strip()):
        if clause and _LEAD_ONLY.match(clause):
            lead += clause + " "  # 'no,' in 'no, not stop': it goes with the clause it opens
        elif clause:
            clauses.append(lead + clause)
            lead = ""
    if lead:
        clauses.append(lead.strip())
    kept = [clause for clause in clauses if not _ASIDE.search(clause.strip())]
    if len(kept) == len(clauses) or not any(_WORD.search(clause) for clause in kept):
        return None
    return " ".join(kept)
