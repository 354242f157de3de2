"""Lexical and semantic opinions combined: the topic by a small calibrated model, red flags by a safety net.

Topic: every label (topic, command, out_of_scope) gets a score from the same weighted features: the
semantic score (nearest example, and the mean of the two nearest, which one stray example moves less),
its margin over the other labels, the learned classifier's probability (logistic regression on the same sentence
vectors and, beside it, on the input's letter pieces, words and word pairs (core/grams.py), the two as a geometric
mean, fitted by benchmarks/fit_classifier.py on some 6,000 development lines of three dozen blind writers and the
phrasings: it knows how many different people ask for each topic), the word matcher's score and decision, and word facts of the input
(core/scope.py: subject words the article never uses weigh for out_of_scope; asking for a cause or a
remedy weighs for cause.* or treatment.*; words besides the subject's names weigh against the overview
and the whole lists of causes and treatments, since a question that names something asks about it). A softmax over the
labels gives each one's probability and the most probable wins. The weights are fitted as one
multinomial (conditional) logit, each kind of input (question, command, out of scope) weighted alike,
with cross-validation, by benchmarks/fit_understanding.py.

Red flags: every clause is compared with each rule's everyday descriptions (prompts/red_flags.toml
`examples`). A close match fires the rule even where the word rules missed it, unless the clause
denies it: the lexical rules' negation scope decides, and a negative clause counts as a report only
when the description it matches is itself a negative ("he hasnt been for a wee all day"). Beside them, a learned
red-flag opinion (logistic regression on the whole input's sentence vector and on its spelling, fitted by
benchmarks/fit_red_flag_opinion.py on how some 140 development sets' writers told red flags, denied them and talked
about everyday back pain) raises a flag that both missed, above a high bar ("my legs have turned to wet cardboard").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Final, Iterable, Mapping

import numpy as np
import numpy.typing as npt

from voice_assistant.core.content import OUT_OF_SCOPE, UNCLEAR, Content, RedFlagLevel
from voice_assistant.core.grams import GramClassifier, geometric_mean
from voice_assistant.core.matching import ANSWER_THRESHOLD, CONFIRM_THRESHOLD, Matcher, MatchBand, TopicMatch
from voice_assistant.core.normalise import Normaliser, opens_with_a_word_taken_back
from voice_assistant.core.phrases import MARKS
from voice_assistant.core.redflags import ClauseFacts, RedFlagDetector, RedFlagResult
from voice_assistant.core.scope import InputFacts, ScopeVocabulary, everyday_words
from voice_assistant.core.semantic import Encoder, SaidVectors, SemanticIndex, SemanticScores, is_focused, question_part, split_clauses
from voice_assistant.core.sentences import HEDGE_OPENINGS, after_claim, claim_checked

__all__ = [
    "FEATURES", "LEARNED_CALM_OVERRULES", "LEARNED_FLAG_ASK", "LEARNED_FLAG_BAR", "LEARNED_FLAG_LABELS", "WEIGHTS", "LearnedClassifier", "SemanticUnderstanding", "label_features", "label_rows", "learned_probabilities", "now_parts",
    "run_on_parts",
]

FEATURES: Final = (
    "sem", "sem_margin", "sem_top", "lex_pick", "lex_conf", "lex_share", "is_command", "is_oos", "lex_oos", "lex_command",
    "sem_margin_when_unsure", "sem_second", "oos_rare_words", "oos_slips", "oos_common_share",
    "cause_asked", "remedy_asked", "remedy_asked_of_cause", "cause_asked_of_remedy", "sem_pair", "sem_pair_margin",
    "overview_beyond_subject", "general_beyond_subject", "learned", "learned_top",
)
"""The features of one (input, label) pair, in WEIGHTS order."""
WEIGHTS: Final = (0.875, 0.825, 0.010, 0.972, 2.372, 1.635, 0.209, 1.390, 0.666, 1.825, 0.458, 0.512, 1.633, 0.231, 0.449, 0.214, -0.279, -0.232, -0.393, 0.860, 0.724, 0.032, -0.776, 3.003, 1.370)
"""Weights for FEATURES (multinomial logit, fitted by benchmarks/fit_understanding.py on every development set, the
learned opinion of each line from classifiers (sentence vectors and grams) fitted without that line's set)."""
LEARNED_SCALE: Final = 4.0
"""Sentence vectors are scaled by this before the learned classifier's weights (as when it was fitted)."""
NET_THRESHOLD: Final = {RedFlagLevel.EMERGENCY: 0.62, RedFlagLevel.URGENT: 0.70}
"""A clause this close (cosine) to a rule's description fires the rule."""
IMPERSONAL_MARGIN: Final = 0.12
"""A clause that names nobody ('causes of back pain') must come this much closer: reports name someone."""
DENIED_BAR: Final = 0.85
"""Where the word rules read a denial, only a negative description this close still counts ('nothing touches the pain')."""
COMMAND_MARGIN: Final = 0.12
"""Over a spoken command, a clause must come this much closer still."""
SURE_COMMAND: Final = 1.0
"""A word-matcher command this sure (its words, with polite words, are the whole input) stands without the combiner."""
NEGATIVE_MARGIN: Final = 0.06
"""A negative clause must come this much closer to a negative description: denials sound alike too."""

_GENERAL: Final = frozenset({"causes", "treatment"})
"""Topics that answer for a whole list: a question that names one item of it asks for that item."""
_ANSWERS: Final = frozenset({"cmd.yes", "cmd.no"})
_UNSURE_ANSWER: Final = 0.5
"""Below this the combiner's yes or no does not overrule a word matcher that reads a topic."""


def _a_topic(label: str) -> bool:
    return not label.startswith("cmd.") and label not in (OUT_OF_SCOPE, UNCLEAR)


_DENIAL_LEADS: Final = frozenset({"no", "never", "nope", "nah"})
_DENIAL_PHRASES: Final = re.compile(
    r"\b(?:nothing wrong|no (?:problems?|trouble|issues?|difficulty) (?:with|bearing|walking|standing|passing|peeing|going)"
    r"|all fine|all good|nothing new|^nothing (?:with|up with|the matter with|going on with) (?:my|his|her|the) \w+$"
    r"|(?:not|never|havent|hasnt|hadnt|dont|doesnt|didnt|arent|isnt)(?: \w+){0,2} any (?:problems?|trouble|issues?|difficulty|bother)"
    r"|sleep (?:right )?through|sleeping (?:well|fine)|sleep (?:well|fine)|same as (?:it|always)"
    r"|(?<!not )(?<!isnt )(?<!arent )(?<!wasnt )(?<!werent )\bbreathin(?:g|')? (?:easy|easily|fine|okay|normally|all right|alright)\b"
    r"|(?:nothing|not) like that|nothing of the sort|none of that"
    r"|(?:not|never|havent|hasnt|hadnt|no)(?: had| been having| having)?(?: any)? (?:falls|fallen|a fall|tumbles|funny turns"
    r"|blackouts|dizzy spells)\b"
    r"|(?:not|isnt|its not|it is not) (?:like|that|as if) (?:i|he|she) (?:cant|cannot|couldnt)"
    r"|(?:\bnothing|(?:not|never|havent|hasnt|hadnt|dont|doesnt|didnt)(?: \w+){0,2} anything) (?:odd|unusual|strange|different"
    r"|funny|weird|out of the ordinary)\b"
    r"|(?:pain|ache|aches|aching|soreness)(?: \w+){0,4} (?:has|have|is) (?:\w+ )?(?:gone|eased|settled)"
    r"(?! (?:numb|dead|weak|heavy|funny|strange|weird|wobbly))"
    r")"
)
LEARNED_FLAG_LABELS: Final = ("calm", "denial", "urgent", "emergency")
"""The learned red-flag opinion's labels: a denial has its own, so the fit must tell 'no numbness' from 'numbness'."""
LEARNED_FLAG_BAR: Final = {RedFlagLevel.EMERGENCY: 0.85, RedFlagLevel.URGENT: 0.9}
"""The learned red-flag opinion raises a flag at this probability of emergency, or of urgent and emergency together.
Chosen with an opinion fitted without the eight newest red-flag development halves, the whole assistant answering
them, and the typed cases of the tests: at 0.7 and 0.8 it raised 5 emergency and 7 urgent lines that everything else
missed on the four halves no phrase had been tuned on (redflags166 to 169), but also 4 lines without a red flag on the
eight, and typed everyday cases ('i dropped my phone and it hit the floor', 'my stomach is rumbling'). At these bars
it raises 1 emergency and 4 urgent lines there and nothing without a red flag: it cannot say why it heard a flag, so
it speaks only when it is sure."""
LEARNED_FLAG_ASK: Final = 0.7
"""Below LEARNED_FLAG_BAR's emergency bar and at this probability or above, the learned opinion suspects an emergency:
where nothing else found a red flag, the assistant asks its yes/no safety question about it (the contract's `pending`)
instead of staying silent, and a yes or no answer says the red flag. Chosen on out-of-fold opinions of every
development line (five folds by writer; the whole assistant answered each fold's 5,400 to 6,900 lines with the opinion
fitted on the other four): it reached 7 of the 30 emergency lines everything else missed, and asked about 7 of 20,812 lines without a red
flag (2 of them denials: 'bladder's behaving, bowels are behaving'). An urgent band (0.8) would have reached 4 urgent
lines more and asked about 12 more lines, most of them a pain said to be better ('my back is loads better'), so urgent
is raised only when the opinion is sure."""
LEARNED_CALM_OVERRULES: Final = 0.8
"""Where only the safety net raised a flag (the word rules found none) and the learned opinion is this sure the input
tells none (calm and denial together), the net's emergency is asked about (the yes/no safety question) and its urgent
flag is dropped. The net compares each clause with written descriptions alone, so everyday words near a symptom's fool it
('My tummy scar itches a bit as it heals.' read as numbness, 'nah mate, nothing like that, legs work, waterworks work'
as bladder, 'I mean the back ache people get after having the tumour taken out' as a history of cancer). Chosen on
out-of-fold opinions of every development line (five folds by writer): of 31,108 lines the net alone raised 65, 57 of
them with a red flag; at 0.8 it overrules 6 of the 8 without one and none of the 57 (the surest of those reached 0.78)."""
ESCALATE_MARGIN: Final = 0.08
"""Raising an urgent flag the word rules found to emergency needs a closer match ('exhausted all the time')."""
RIVAL_MARGIN: Final = 0.1
"""A rule fires from the safety net only if no other rule's description is this much closer to the clause."""
_EXPLAINED_ANYWHERE: Final = frozenset({"weight_loss"})
"""Rules whose everyday explanation, said anywhere in the input and not denied, explains the symptom of every clause
for the safety net (a diet or a plan to slim is the whole story's, not one clause's)."""
_STRONG: Final = re.compile(
    r"\b(?:as strong as|strong as ever|as good as ever|normal|fine|strong|steady|sturdy|solid as|stayed on (?:my|his|her) feet"
    r"|(?:feel|feels|are|is|seem|seems) (?:great|good|okay|ok|all right|perfect|grand|champion)"
    r"|(?:feel|feels) (?:nice|lovely|better)|(?:feel|feels|feeling) (?:trimmer|fitter|healthier|slimmer)"
    r"|(?<!nt )(?<!not )(?<!never )(?:feel|feels|felt) (?:light and springy|springy|like (?:my|his|her|their) own)"
    r"|full (?:feeling|strength|sensation|use|control|power)"
    r"|still (?:have|has|got|had) (?:all (?:the |my |his |her |their )?|the |normal |full )?(?:feeling|sensation)\b"
    r"|can (?:still )?(?:feel (?:my|his|her|their|both) (?:feet|legs|toes|foot|bottom)|wiggle|walk)"
    r"|can (?:still )?feel (?:everything|it all|all of it|normally)|can (?:still )?(?:climb|manage) the stairs"
    r"|(?:walked|walks|climbed|climbs|managed|manages) (?:up )?the stairs (?:on (?:my|his|her) own|fine|alone)"
    r"|(?:is|am|are) still (?:doing|managing|climbing) (?:my|his|her|their) own (?:stairs|shopping|washing|garden)"
    r"|(?:same|just) as (?:always|usual|ever|before)|as (?:always|usual|normal)"
    r"|all the feeling|feeling (?:is |was |s )?all there|(?:felt|feels|feel|told me|knew) every (?:spot|place|touch|toe|bit)"
    r"|(?:are|is) (?:still )?working|work(?:ing)? (?:fine|ok|okay|normally|properly)|walk(?:s|ing)? (?:perfectly |really |very |quite )?(?:well|normally|properly)"
    r"|as (?:hard|firmly|strongly|well) as (?:i|he|she|they|we) (?:ever|always)|as (?:hard|firmly|strongly) as ever"
    r"|breath(?:e|es|ing) (?:is |was |has been )?(?:fine|ok|okay|all right|alright|normally|normal|well|easily|easy|properly"
    r"|good|settled|calm|steady|comfortable))\b"
)
"""Words of a clause that says all is well ('he can feel his feet, he wiggled his toes'): the net leaves it."""
_FELT_TOUCH: Final = re.compile(r"\bcan (?:still )?feel (?:me|you|us|him|her|them|it) (?:touch|tickl|pinch|prod|stroke)\w*")
_FELT_BUT: Final = re.compile(_FELT_TOUCH.pattern + r"(?: \w+){0,4} ,? ?but\b")
"""A touch felt ('she can feel me touch her feet'): no numbness, unless a 'but' follows ('… but its all muffled')."""
_FELT_PLAIN: Final = re.compile(r"^(?:\w+ ){0,2}can (?:still )?feel (?:the|his|her|my|their|your|everything|it)\b")
"""A sensation said to be there ('he can feel the bath water', 'dad can feel his legs'): no red flag of its own unless
it names a pain ('i can feel the pain in my chest')."""
_FEET_FEEL: Final = re.compile(
    r"\b(?:feet|foot|toes|soles) (?:can )?(?:still )?(?:feel|feels|felt) (?:the|every) (?:carpet|floor|ground|grass|sand|pavement"
    r"|rug|tiles|water|bath|sheets)\b(?!(?: \w+){0,3} ,? ?(?:like (?!always|normal|usual|before|ever)|as if|as though|but"
    r"|through|funny|strange|odd|different|far|muffled|weird|numb|dull|less|barely|hardly|only)\b)"
)
"""The feet feeling what they stand on ('my feet feel the carpet just like always'), read in the whole text so that what
follows the clause counts: not 'my feet feel the floor like it is far away', 'my feet feel the ground, but only just'."""
_FELT_ALL: Final = re.compile(r"\b(?:felt|feel|feels|feeling) (?:it all|everything|all of it|every bit|every touch|each touch)\b")
"""Every touch felt ('ive prodded both legs and felt it all'): the feeling is there, unless the clause has a negative."""
_SETTLING: Final = re.compile(
    r"\b(?:getting better|same as (?:always|usual|ever)|as (?:always|usual)|nothing unusual|improving|easing off|settling down"
    r"|settled down|much better|a lot better|on the mend|(?:one|two|three|1|2|3) out of (?:ten|10)|nothing(?:s| has)? changed"
    r"|(?<!like )(?<!than )(?<!from )(?<!to )(?<!not )(?<!isnt )(?<!unlike )"
    r"(?:my|his|her|their|the|our) (?:usual|normal|same old) (?:back ?ache|back pain|aches?|pains?|bad back|back)"
    r"|(?<!not )(?<!isnt )(?<!no longer )(?<!barely )(?:manageable|tolerable|bearable))\b"
)
"""Words anywhere in an input that say the back is as usual, mending or mild: the net then raises no urgent rule ('sore but
getting better', 'two out of ten today', 'her usual back ache'); the word rules still do, and the net still raises an emergency."""
_REASSURING: Final = re.compile(
    r"^(?:and |but )?(?:no (?:bother|problems?|trouble|bother whatsoever|sweat|issues?)|not a problem|no problem whatsoever"
    r"|(?:all )?fine|easy|easily|no bother to me)(?: at all)?(?: \.)?$"
)
"""A clause that says the one before went without trouble ('walked up the stairs , no bother at all')."""
_USED_TO: Final = re.compile(r"\b(?:used to|use to)\b")
"""A clause that tells how things used to be ('i used to get up out the armchair no bother', 'mum used to tell me when she
needed the commode'): the time before a change, which the learned opinion reads with the rest, not a denial of it."""
_LOW_MOOD: Final = re.compile(
    r"(?:\b(?:i|he|she|we|they|mum|dad|mom|wife|husband|partner)"
    r"(?: (?:am|is|are|was|were|have|has|had|been|just|really|still|do|does|did|always|sometimes|often|kind|sort|of|a|bit"
    r"|also|too|keep|keeps|kept|getting|get|gets))* |(?:^|[.,;!?] ))"
    r"(?:feel|feels|feeling|felt) (?:(?:really|so|a|bit|very|pretty|quite|totally|completely|just|little|like|right|proper"
    r"|that|too) )*"
    r"(?:(?:down|low)(?! (?:there|below|here|the|my|his|her|in|into|on|round|around|to|through|both|one|each|either|under"
    r"|inside|at|from|by|past|beneath|underneath|back|legs?|feet|bottom)\b)"
    r"|useless|hopeless|worthless|sad|depressed|fed up|miserable|lonely|anxious|worried|scared|frightened|burden|guilty"
    r"|tearful|weepy|overwhelmed|pathetic|failure)\b"
)
"""A person said to feel low, useless or afraid ('i feel useless just sitting here', 'he feels a burden'; at the start
of a sentence the person may go unsaid, 'feeling a bit down since my daughter moved away'), not 'no feeling down
below': the learned opinion, fitted on red flags told in many ways, reads some moods as an emergency (0.86 for the
first, 0.79 for the second), and the article answers them under mental health. It does not speak where one is said;
the word rules and the net still do. Of the 49 development lines that said one (person named), none had a red flag
that only the opinion heard; the 18 more with the person unsaid (5 Dec) tell none at all."""
_ASKED_FOR_SOMEONE: Final = re.compile(r"\b(?:wants?|wanted|would like|asked me) to know\b|\bwants? me to ask\b")
"""Someone's question passed on: the net leaves the clause to the word rules ('my wife wants to know if …')."""
_HARDLY_NOTICED: Final = re.compile(
    r"^(?:and |but |so )?(?:i|he|she|we|you) (?:barely|hardly|scarcely) (?:notice|noticed|noticing|notices)(?: it| that)?(?: \.)?$"
)
"""A clause that plays down the one before ('back is a two today, i barely noticed it'): no symptom of its own. Not
'didnt even feel it' or 'never even noticed', which tell of feeling lost ('burned my leg and didnt even feel it')."""
_NOT_THE_BODY: Final = re.compile(
    r"\b(?:weak|rubbish|hopeless|useless|terrible) (?:at|in|with) (?!(?:the|my|his|her|your|their|both|each|one|legs?|arms?"
    r"|knees?|feet|foot|hands?)\b)\w+"
    r"|\b(?:get|got|getting|wrap|wrapping) (?:my|his|her|our|your|their) heads? (?:round|around)\b"
    r"|\b(?:can|could|cant|cannot|couldnt)(?: not)? (?:barely |hardly |scarcely |even )?(?:say|pronounce|spell|read|remember)"
    r" (?:it|that|them|the name|the word|the names|the words|its name|their names?)\b"
)
"""Weak at something that is no part of the body ('weak at maths', 'hopeless at spelling'): no limb weakness; nor is a
head got round something ('i want to get my head round every cause of the back pain') a band round the body, nor a
word hard to say a body that fails ('somatostatin analogues, i can barely say it')."""
_BARE_PARTS: Final = frozenset({
    "my", "his", "her", "their", "your", "our", "the", "both", "and", "or", "legs", "leg", "feet", "foot", "arms", "arm",
    "hands", "hand", "toes", "knees", "bottom", "back", "neck", "chest", "bladder", "bowels", "tummy", "stomach",
})
"""Words of a clause that only names a part of the body ('her feet' in 'she can feel her legs, her feet, her bottom')."""
_ACTION_ON_PART: Final = re.compile(
    r"(?:(?:so|and|then|first) )?(?:i|we|the nurse|the carer) (?:just )?(?:touched|touch|rubbed|rub|stroked|stroke|held|hold|washed"
    r"|wash|dried|dry|checked|check|looked at|look at|pressed on|pressed|massaged|massage|creamed|tickled|tickle|pinched|pinch"
    r"|prodded|prod|poked|squeezed|felt) (?:his|her|their|my|mums|dads|both of (?:his|her)) (?:feet|foot|legs|leg|toes|toe"
    r"|hands|hand|knees|shins|calves|ankles|thighs|back|bottom)(?: and (?:his|her|their|my)? ?(?:feet|legs|toes|ankles|shins))?"
    r"(?: (?:to check|to see|for him|for her|again|first|earlier|this morning|tonight|last night))? ?[.,]?"
)
"""A clause that only tells what a carer did to a part of the body ('i touched her feet', 'i rubbed his legs to check'):
the result, if any, is told in a clause of its own."""
_BARE_PEOPLE: Final = frozenset({
    "my", "his", "her", "their", "your", "our", "the", "and", "or", "bless", "him", "mum", "mother", "mam", "mom", "dad",
    "father", "husband", "wife", "partner", "son", "daughter", "brother", "sister", "nan", "nana", "gran", "granny",
    "grandma", "grandad", "grandpa", "grandmother", "grandfather", "uncle", "aunt", "auntie", "friend", "neighbour",
    "neighbor", "hubby", "missus", "fella", "lad", "boy", "girl", "baby", "love", "old", "man", "woman", "lady", "poor",
})
"""Words of a clause that only names a person ('my mum' in "she's not numb anywhere, my mum"): nothing said of them."""
_HAS_IT: Final = frozenset({
    "i", "he", "she", "they", "we", "has", "have", "had", "got", "gets", "get", "it", "that", "this", "too", "as", "well",
    "also", "same", "one", "does", "did", "do", "so",
})
"""Words that with a person's only say they have 'it' ('my mum has it', 'so does my dad'): what 'it' is, the words
before told (the word rules read 'is leg numbness serious? my mum has it' as her numbness); alone it tells nothing."""
_PLACE_WORDS: Final = frozenset({"in", "on", "at", "round", "around", "down", "up", "either", "neither", "nor", "or", "anywhere"})


_RUN_ON_SUBJECTS: Final = frozenset({"i", "im", "ive", "he", "hes", "she", "shes", "we", "they", "theyre"})
_NO_BREAK_BEFORE: Final = frozenset(
    "that if when whenever because cos coz think thought thinks know knew knows say says said tell tells told feel feels "
    "felt hope guess reckon suppose and or but so what where how why than as like whether until till while before after "
    "since once unless realise realised realize realized find found notice noticed see saw make made makes let help "
    "wish mean means sure afraid scared worried worry not no nothing never dont didnt doesnt cant wont isnt arent wasnt "
    "werent havent hasnt couldnt wouldnt shouldnt am is are was were be been being to for with of in on at by from about "
    "into onto the a an have has had do does did would could should will can might must may shall who which whom "
    "told asked ask asks asking wonder wondering wondered".split()
)
"""Words after which a subject does not start a clause of its own ('i think i …', 'not once have i …', 'on my legs')."""
_RUN_ON_MIN_WORDS: Final = 8
_RUN_ON_PART: Final = 4
"""Each part has at least this many words: a short one out of its clause says too little ('i cant sleep' of snoring)."""


def run_on_parts(clause: str) -> list[str]:
    """A clause without punctuation cut where a subject starts a clause of its own ('there is no urge anymore i only
    find out i am wet afterwards' → two): the safety net reads it as it reads the same words with commas."""
    if re.search(r"[.,!?;:]", clause):
        return [clause]
    words = clause.split()
    if len(words) < _RUN_ON_MIN_WORDS:
        return [clause]
    plain = [re.sub(r"[^\w]", "", word.lower()) for word in words]
    parts: list[str] = []
    start = 0
    for index in range(_RUN_ON_PART, len(words) - _RUN_ON_PART + 1):
        if plain[index] in _RUN_ON_SUBJECTS and plain[index - 1] not in _NO_BREAK_BEFORE and index - start >= _RUN_ON_PART:
            parts.append(" ".join(words[start:index]))
            start = index
    parts.append(" ".join(words[start:]))
    return parts


_FRAMES: Final = frozenset(
    "worried worry worrying scared afraid frightened terrified fear dream dreamt dreamed nightmare imagine hope wish "
    "if when what whether how why where which who".split()
)
"""Words that make what follows them a fear, a dream or a question: a part cut off after them would lose that."""
_PART_NEGATIONS: Final = re.compile(
    r"\b(?:not|no|never|nothing|none|nobody|nor|neither|cannot|dont|didnt|doesnt|cant|wont|isnt|arent|wasnt|werent"
    r"|havent|hasnt|hadnt|couldnt|wouldnt|shouldnt|aint)\b"
)


_DAYS: Final = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_NOW_PIVOT: Final = re.compile(
    r"(?:^|\s)(?:(?:and|but|so|then|well|yet|whereas)\s+)*"
    r"(?:now|nowadays|these days|today|tonight|this (?:morning|afternoon|evening|week)|all of a sudden|overnight"
    r"|by (?:lunchtime|lunch|teatime|tea time|dinnertime|bedtime|tonight|the (?:evening|afternoon|weekend|end of the (?:day|week))"
    r"|" + _DAYS + r"|the " + _DAYS + r"|" + _DAYS + r" night)"
    r"|within (?:a|an|two|three|four|a couple of|a few) (?:hours?|days?|weeks?)"
    r"|(?:over|in) the (?:last|past) (?:few |couple of |two |three )?(?:hours?|days?|weeks?|fortnight)"
    r"|since (?:yesterday|last night|the weekend|" + _DAYS + r"))"
    r"(?:\s*,)?\s+(?=\S)",
    re.IGNORECASE,
)
"""A word of time that turns from before to now ('a month ago he walked to the shop, now he …', 'this morning he could
walk, by lunchtime his legs had gone'): what follows it is the state now."""
_PIVOT_MIN_WORDS: Final = 3
_PIVOT_FRAMES: Final = (_FRAMES - frozenset("when what how why where which who".split())) | {"unless", "suppose", "supposing"}
"""Words before a turn to now that make the rest a fear, a wish or a supposition, no report: the run-on parts' frames
less the question words ('when i saw her on sunday she was fine, today she cant stand' tells a change)."""


def now_parts(clause: str) -> list[str]:
    """The parts of a clause that follow a word of time turning to now, read on their own ('by lunchtime his legs had
    gone' → 'his legs had gone'; 'my husband was driving on monday and by friday he couldnt work the pedals' → 'he
    couldnt work the pedals'): the time said before a symptom makes its sentence read less like the rules' examples."""
    parts = []
    for pivot in _NOW_PIVOT.finditer(clause):
        before = {re.sub(r"[^\w]", "", w.lower()) for w in clause[: pivot.start()].split()}
        if before & _PIVOT_FRAMES:
            break  # 'i am scared that by friday he wont be able to walk': the rest stands in its frame
        rest = clause[pivot.end():].strip()
        if len(rest.split()) >= _PIVOT_MIN_WORDS:
            parts.append(rest)
    return parts


def _with_run_on_parts(clause: str) -> list[str]:
    """The clause, and after it its run-on parts that can stand alone: none after a fear, a dream or a question
    ('i am worried one day i wont be able to control my bladder'), none that denies ('its not my legs theyre grand'),
    where a part out of its clause would read as a report."""
    parts = run_on_parts(clause)
    if len(parts) < 2:
        return [clause]
    kept: list[str] = []
    for part in parts:
        words = [re.sub(r"[^\w]", "", w.lower()) for w in part.split()]
        if _FRAMES.intersection(words):
            break  # this part and the rest stand in its frame
        if not _PART_NEGATIONS.search(" ".join(words)):
            kept.append(part)
    return [clause] + kept


def _first_word(words: list[str]) -> str:
    """The clause's first word after a hedge that opens it ('i think no tight feeling round my chest' → 'no')."""
    if len(words) > 2 and tuple(words[:2]) in HEDGE_OPENINGS:
        return words[2]
    return words[0]


def _denial_goes_on(words: list[str]) -> bool:
    """True for a clause that only names places after a 'not' ('not in my feet', 'nor in his hands either')."""
    rest = [w for w in words if w not in MARKS]
    return len(rest) > 1 and rest[0] in ("not", "nor", "neither") and all(w in _BARE_PARTS or w in _PLACE_WORDS for w in rest[1:])


_BARE_DENIALS: Final = frozenset(
    {"no", "never", "nope", "no .", "never .", "not at all", "not really", "none", "no no", "all good", "all good .", "all fine",
     "all fine ."}
)


def learned_probabilities(weights: npt.NDArray[np.floating], vectors: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Each unit vector's probability per label from the learned classifier's weights (dimensions + 1 bias row, labels):
    the one place both the assistant and benchmarks/fit_classifier.py turn vectors into its opinion."""
    z = np.hstack([vectors * LEARNED_SCALE, np.ones((len(vectors), 1))]) @ weights
    z -= z.max(axis=1, keepdims=True)
    p = np.exp(z)
    return np.asarray(p / p.sum(axis=1, keepdims=True), dtype=np.float64)


@dataclass(frozen=True)
class LearnedClassifier:
    """The learned topic opinion: logistic regression on sentence vectors and, beside it, on the input's spelling."""

    labels: tuple[str, ...]
    weights: npt.NDArray[np.float32]
    """The sentence vectors' classifier: dimensions + 1 bias row, one column per label."""
    grams: GramClassifier | None = None
    """The classifier over the input's letter pieces, words and word pairs (None: the sentence vectors' alone)."""

    def probabilities(self, vector: npt.NDArray[np.float32], text: str | None = None) -> npt.NDArray[np.float64]:
        """Each label's probability for one input: the two classifiers' geometric mean when both can speak."""
        p: npt.NDArray[np.float64] = learned_probabilities(self.weights, vector[np.newaxis].astype(np.float64))[0]
        if self.grams is None or text is None:
            return p
        return geometric_mean(p, self.grams.probabilities(text))


def label_features(
    label: str, semantic: dict[str, float], lexical: dict[str, float], match: TopicMatch, facts: InputFacts = InputFacts(),
    pair: dict[str, float] | None = None, learned: dict[str, float] | None = None,
) -> list[float]:
    """The FEATURES of one label for one input; pair: each label's mean cosine of its two nearest examples;
    learned: each label's probability from the classifier fitted on the development lines."""
    return label_rows((label,), semantic, lexical, match, facts, pair, learned)[0]


def _best_two(values: dict[str, float]) -> tuple[str | None, float, float]:
    """The key of the (first) highest value, that value, and the highest of the others (-1.0 when there are none)."""
    top_key: str | None = None
    top = -1.0
    second: float | None = None
    for key, value in values.items():
        if top_key is None:
            top_key, top = key, value
        elif value > top:
            second = top if second is None else max(second, top)
            top_key, top = key, value
        else:
            second = value if second is None else max(second, value)
    return top_key, top, -1.0 if second is None else second


def label_rows(
    labels: Iterable[str], semantic: dict[str, float], lexical: dict[str, float], match: TopicMatch,
    facts: InputFacts = InputFacts(), pair: dict[str, float] | None = None, learned: dict[str, float] | None = None,
) -> list[list[float]]:
    """label_features of each label, with what the labels share (the best scores) worked out once, not per label."""
    learned = learned or {}
    learned_best = max(learned.values(), default=0.0)
    pair = pair if pair is not None else semantic
    pair_key, pair_top, pair_second = _best_two(pair)
    sem_key, sem_top, sem_second = _best_two(semantic)
    top_lex = max(lexical.values(), default=0.0)
    sure = match.confidence if match.band is MatchBand.ANSWER else 0.0
    rows: list[list[float]] = []
    for label in labels:
        pair_others = pair_second if label == pair_key else pair_top
        sem = semantic.get(label, -1.0)
        others = sem_second if label == sem_key else sem_top
        picked = match.topic == label
        is_cause = label == "causes" or label.startswith("cause.")
        is_remedy = label.startswith("treatment")
        rows.append([
            sem,
            sem - others,
            float(sem >= others),
            float(picked),
            match.confidence if picked else 0.0,
            lexical.get(label, 0.0) / top_lex if top_lex > 0 else 0.0,
            float(label.startswith("cmd.")),
            float(label == OUT_OF_SCOPE),
            float(picked and label == OUT_OF_SCOPE),
            float(picked and label.startswith("cmd.")),
            (sem - others) * (1.0 - sure),
            float(sem >= sem_second),  # the second-best score of all
            *(float(v) * float(label == OUT_OF_SCOPE) for v in (facts.rare, facts.slips, facts.common_share)),
            float(facts.asks_cause and is_cause),
            float(facts.asks_remedy and is_remedy),
            float(facts.asks_remedy and not facts.asks_cause and is_cause),
            float(facts.asks_cause and not facts.asks_remedy and is_remedy),
            pair.get(label, -1.0),
            pair.get(label, -1.0) - pair_others,
            float(facts.beyond_subject) * float(label == "overview"),
            float(facts.beyond_subject) * float(label in _GENERAL),
            learned.get(label, 0.0),
            float(bool(learned) and learned.get(label, 0.0) >= learned_best),
        ])
    return rows


@dataclass(frozen=True)
class _RuleExamples:
    rule_id: str
    level: RedFlagLevel
    vectors: npt.NDArray[np.float32]
    negative: tuple[bool, ...]


def _denied_later(detector: RedFlagDetector, clauses: list[str]) -> bool:
    """True when the word rules, reading a clause with the ones after it, hear a denial and no red flag."""
    said = detector.check(" , ".join(clauses))
    return said.denied and said.level is RedFlagLevel.NONE


@dataclass(frozen=True)
class _Reading:
    """An input's clauses as the safety net and the learned opinion read them: each clause of two words or more with
    its normalised words and the word rules' facts of them, and what holds for the whole input."""

    clauses: list[str]
    """Every clause, those of fewer than two words too."""
    whole_text: str
    """The whole input's normalised words."""
    inspected: list[tuple[str, str, ClauseFacts]]
    """(clause, its normalised words, their facts) in order."""
    canonicals: list[str]
    asks: bool
    """A clause asks something."""
    hearsay: bool
    """The input checks a claim ('someone told me … is that correct?')."""

    def left_out(self, number: int, canonical: str, facts: ClauseFacts, flag: RedFlagResult, detector: RedFlagDetector) -> bool:
        """True when the clause canonical (at number in canonicals, with its facts) tells no symptom whatever it sounds
        like: a part of the body named alone, a denial, all said to be well, something taken back, a question's subject,
        a claim checked or a question passed on. Both the safety net and the learned opinion leave such a clause."""
        words = canonical.split()
        if all(word in _BARE_PARTS or word in MARKS for word in words):
            return True  # 'her feet', 'his legs and feet': a part of the body named, nothing said of it
        if _ACTION_ON_PART.fullmatch(canonical):
            return True  # 'i touched her feet': what the carer did; 'and she didnt feel it' is read apart
        if all(word in _BARE_PEOPLE or word in _HAS_IT or word in MARKS for word in words):
            # 'my mum', 'bless him': a person named, nothing said of them; 'my mum has it', 'so does my dad': what they
            # have is in the words before, not in these
            return True
        if opens_with_a_word_taken_back(words + " ".join(self.canonicals[number + 1 : number + 2]).split()):
            return True  # 'i said chest' + 'but i meant the chest of drawers': the word was taken back
        if number and flag.denied and _denial_goes_on(words):
            return True  # 'not had any prickling, not in my hands, not in my feet': the word rules' denial goes on
        later = " , ".join(self.canonicals[number + 1 :])
        if detector.takes_back(canonical) or (later and detector.takes_back(canonical, later)):
            return True  # 'i had tingling in my feet after the chemo last year, but it has all gone now'
        if facts.is_question or facts.has_denial or _first_word(words) in _DENIAL_LEADS or _DENIAL_PHRASES.search(canonical):
            return True
        if not facts.has_negation and _STRONG.search(canonical):
            return True  # 'my legs are as strong as they were'
        if _FELT_TOUCH.search(canonical) and not _FELT_BUT.search(self.whole_text):
            return True  # 'she can feel me touch her feet': the feeling is there
        if _FELT_PLAIN.search(canonical) and not facts.has_negation and not detector.mentions_pain(canonical):
            return True  # 'he can feel the floor, he can feel the bath water'
        if _FEET_FEEL.search(canonical) and _FEET_FEEL.search(self.whole_text) and not facts.has_negation:
            return True  # 'my feet feel the carpet just like always'
        if _FELT_ALL.search(canonical) and not facts.has_negation:
            return True  # 'i have prodded every bit of both legs and felt it all'
        if number + 1 < len(self.canonicals) and _REASSURING.match(self.canonicals[number + 1]):
            return True  # 'walked up the stairs , no bother at all'
        if _HARDLY_NOTICED.match(canonical):
            return True  # 'i barely noticed it': how little the pain before it mattered
        if _NOT_THE_BODY.search(canonical):
            return True  # 'i am weak at maths'
        if self.asks and not facts.is_personal:
            return True  # 'post operative back pain, what causes it': a subject named for a question
        if self.hearsay and not detector.inspect_clause(" ".join(after_claim(words))).is_personal:
            return True  # 'someone told me a growing tumour only gives sharp pain. is that correct?': a claim checked
        if _ASKED_FOR_SOMEONE.search(canonical):
            return True  # 'mum wants to know every reason for back pain with her cancer': her question, no report
        return False


def _read(text: str, normaliser: Normaliser, detector: RedFlagDetector) -> _Reading | None:
    """text's clauses (without those of fillers alone; a long clause also in the parts where a subject starts a clause
    of its own: speech has no commas), or None when one of them is a bare denial ('no, i can feel my feet': the denial
    stands apart from the words it denies)."""
    clauses = split_clauses(text)
    clauses = [clause for clause in clauses if not normaliser.only_fillers(clause)] or clauses  # '…, to be honest.'
    clauses = [part for clause in clauses for part in _with_run_on_parts(clause)]
    if any(normaliser.normalise(clause) in _BARE_DENIALS for clause in clauses):
        return None
    whole_text = normaliser.normalise(text)
    inspected = [(clause, canonical, detector.inspect_clause(canonical))
                 for clause in clauses if len((canonical := normaliser.normalise(clause)).split()) >= 2]
    return _Reading(
        clauses, whole_text, inspected, [canonical for _, canonical, _ in inspected], any(facts.is_question for _, _, facts in inspected),
        claim_checked(tuple(whole_text.split())),
    )


class SemanticUnderstanding:
    """The semantic model's index and safety net for one Content."""

    def __init__(
        self, encoder: Encoder, content: Content, weights: tuple[float, ...] = WEIGHTS,
        word_frequency: Mapping[str, float] | None = None,
        classifier: LearnedClassifier | None = None,
        red_flags: LearnedClassifier | None = None,
        normaliser: Normaliser | None = None,
    ) -> None:
        """word_frequency: English word → Zipf frequency, for the out-of-scope word facts (None: no word facts);
        classifier: the classifiers fitted on the development lines (None: no learned opinion); red_flags: the learned
        red-flag opinion, labels LEARNED_FLAG_LABELS (None, or other labels: the word rules and the net alone);
        normaliser: one for content's vocabulary to use (None: a new one)."""
        encoder = SaidVectors(encoder)  # each text of one input encoded once (emptied with the other memos)
        self.index = SemanticIndex(encoder, content)
        self._classifier = classifier
        self._red_flags = red_flags if red_flags is not None and red_flags.labels == LEARNED_FLAG_LABELS else None
        self._weights = np.array(weights, dtype=np.float64)
        self._encoder = encoder
        self._content = content
        self._rules: list[_RuleExamples] = []
        self._facts_normaliser = normaliser if normaliser is not None else Normaliser(content.vocabulary)
        self.scope = ScopeVocabulary(content, self._facts_normaliser, word_frequency) if word_frequency else None
        self._detector_words = everyday_words(word_frequency or {})
        detector = RedFlagDetector(content, self._facts_normaliser, self._detector_words)
        self._detector = detector
        with_examples = [rule for rule in content.rules if rule.examples]
        calm = list(content.vocabulary.calm_examples)
        vectors = encoder.encode_many([example for rule in with_examples for example in rule.examples] + calm)
        self._calm = vectors[len(vectors) - len(calm) :]
        start = 0
        for rule in with_examples:
            negative = tuple(detector.inspect_clause(self._facts_normaliser.normalise(e)).has_negation for e in rule.examples)
            end = start + len(rule.examples)
            self._rules.append(_RuleExamples(rule.id, rule.level, vectors[start:end], negative))
            start = end

    def detector_for(self, content: Content, words: frozenset[str]) -> RedFlagDetector | None:
        """This index's red-flag detector (and through it its normaliser) when it is the one that content and
        words would build, else None: an assistant built beside this index shares them rather than building both
        again at start-up."""
        return self._detector if content is self._content and words == self._detector_words else None

    def scores(
        self, text: str, leave_out: str | None = None, *, question: str | None = None, question_known: bool = False,
        alone: bool = False,
    ) -> SemanticScores:
        """The semantic scores of one raw input, with its word facts; leave_out: an example to leave out (fitting);
        question: question_part(text) when the caller has it already (question_known True), else it is worked out;
        alone: the question is read alone, as every opinion of the topic (what is said beside it is a denial, whose
        words name no topic: 'no weight loss. how do they diagnose').

        When the input also says something besides its question ('no numbness at all, so is swimming ok'),
        each label's score is the mean of the whole input's and the question's alone, and the word facts
        are the question's ('thankfully' in 'no numbness, thankfully. does yoga help?' is not its subject).
        """
        whole = self.index.scores_of(self.index.encode(text), leave_out)
        part = question if question_known else question_part(text)
        if part is None:
            return replace(whole, facts=self.facts(text), learned=self.learned(whole.vector, text))
        asked = self.index.scores_of(self.index.encode(part), leave_out)
        if alone or is_focused(part):
            # '… but what i really want to know is whether exercise will help': the question alone (the whole
            # input's vector stays, for the safety net)
            scores = replace(whole, by_label=asked.by_label, pair=asked.pair, asked_vector=asked.vector)
        else:
            scores = replace(
                whole, by_label={k: (v + asked.by_label[k]) / 2 for k, v in whole.by_label.items()},
                pair={k: (v + asked.pair[k]) / 2 for k, v in whole.pair.items()}, asked_vector=asked.vector,
            )
        learned = self.learned(asked.vector, part) if alone else self.learned(whole.vector, text)
        return replace(scores, facts=self.facts(part), learned=learned)

    def learned(self, vector: npt.NDArray[np.float32], text: str | None = None) -> dict[str, float]:
        """Each label's probability from the learned classifiers for one input's unit vector and raw text (empty
        without a classifier; the sentence vectors' opinion alone without the text or the gram classifier)."""
        if self._classifier is None:
            return {}
        p = self._classifier.probabilities(vector, text)
        return {label: float(value) for label, value in zip(self._classifier.labels, p)}

    def facts(self, text: str) -> InputFacts:
        """The word facts of one raw input (none without a word frequency list)."""
        return self.scope.facts_of(text) if self.scope is not None else InputFacts()

    def combine(self, scores: SemanticScores, lexical: dict[str, float], match: TopicMatch, asks: bool = False) -> TopicMatch:
        """The combined decision from both opinions; commands and 'unclear' of the word matcher stand when sure.

        asks: the input holds a question; then a yes or a no that the combiner is unsure of does not overrule the
        word matcher's topic ('is this not serious')."""
        if match.topic == UNCLEAR and match.confidence == 0.0:
            return match
        if match.named_outside:
            return match  # words for a subject the article does not cover ('tax return', 'become a physio')
        if match.is_command and match.confidence >= SURE_COMMAND:
            return match  # the whole input is a command's words ('ta ra', 'lauder please'): nothing to weigh
        labels = list(self.index.labels)
        rows = np.array(label_rows(labels, scores.by_label, lexical, match, scores.facts, scores.pair, scores.learned))
        logits = rows @ self._weights
        order = np.argsort(-logits)
        best, second = int(order[0]), int(order[1])
        probability = 1.0 / float(np.sum(np.exp(logits - logits[best])))
        if asks and labels[best] in _ANSWERS and probability < _UNSURE_ANSWER and _a_topic(match.topic):
            # 'is this not serious': the word matcher reads a question about a topic and the sentence model hears a
            # 'no' in its 'not' without being sure; a yes or a no said to the assistant is said plainly
            best, second = second, int(order[2])
            probability = 1.0 / float(np.sum(np.exp(logits - logits[best])))
        label = labels[best]
        runner = labels[second] if not labels[second].startswith("cmd.") else None
        if label == OUT_OF_SCOPE:
            return TopicMatch(OUT_OF_SCOPE, round(probability, 3), MatchBand.OUT_OF_SCOPE, match.runner_up)
        if label.startswith("cmd."):
            return TopicMatch(label, round(probability, 3), MatchBand.ANSWER, None)
        confidence = round(probability, 3)
        if confidence >= ANSWER_THRESHOLD:
            band = MatchBand.ANSWER
        elif confidence >= CONFIRM_THRESHOLD:
            band = MatchBand.CONFIRM
        else:
            return TopicMatch(OUT_OF_SCOPE, round(1.0 - confidence, 3), MatchBand.OUT_OF_SCOPE, label)
        return TopicMatch(label, confidence, band, runner)

    def closest_rules(
        self, text: str, vector: npt.NDArray[np.float32] | None = None
    ) -> list[tuple[str, float, bool, npt.NDArray[np.float32]]]:
        """(rule id, cosine, the matched description is a negative, the text's vector) for each rule with examples."""
        v = self._encoder.encode(text) if vector is None else vector
        out: list[tuple[str, float, bool, npt.NDArray[np.float32]]] = []
        for rule in self._rules:
            similarity = rule.vectors @ v
            index = int(np.argmax(similarity))
            out.append((rule.rule_id, float(similarity[index]), rule.negative[index], v))
        return out

    def _learned_level(
        self, text: str, vector: npt.NDArray[np.float32], flag: RedFlagResult, whole_text: str
    ) -> tuple[RedFlagLevel, bool]:
        """The level the learned red-flag opinion of text (raw, with its unit vector) puts above flag's, and whether it
        is sure of it: emergency at its bar; where flag has none, urgent at its bar unless the whole input says the pain
        is settling, else an emergency only suspected (LEARNED_FLAG_ASK); (NONE, True) for none of these."""
        assert self._red_flags is not None
        p = dict(zip(LEARNED_FLAG_LABELS, self._red_flags.probabilities(vector, text)))
        if p["emergency"] >= LEARNED_FLAG_BAR[RedFlagLevel.EMERGENCY]:
            return RedFlagLevel.EMERGENCY, True
        if flag.level is not RedFlagLevel.NONE:
            return RedFlagLevel.NONE, True  # a flag found already is said; a question about a higher one would hold it back
        if p["emergency"] + p["urgent"] >= LEARNED_FLAG_BAR[RedFlagLevel.URGENT] and not _SETTLING.search(whole_text):
            return RedFlagLevel.URGENT, True  # (not 'its easing off now with ibuprofen', like the net)
        if p["emergency"] >= LEARNED_FLAG_ASK:
            return RedFlagLevel.EMERGENCY, False
        return RedFlagLevel.NONE, True

    def net_overruled(
        self, text: str, words: RedFlagResult, flag: RedFlagResult, vector: npt.NDArray[np.float32]
    ) -> tuple[RedFlagResult, RedFlagResult | None]:
        """(flag, None), or where flag was raised by the safety net alone over the word rules' words (none found) and the
        learned opinion of text (raw, with its unit vector) is sure nothing is told (LEARNED_CALM_OVERRULES): for an
        emergency the word rules' result beside the net's flag as only suspected (asked about), for urgent the word
        rules' result alone."""
        if self._red_flags is None or words.level is not RedFlagLevel.NONE or flag.level is RedFlagLevel.NONE:
            return flag, None
        p = dict(zip(LEARNED_FLAG_LABELS, self._red_flags.probabilities(vector, text)))
        if p["calm"] + p["denial"] < LEARNED_CALM_OVERRULES:
            return flag, None
        return words, (replace(flag, spans=()) if flag.level is RedFlagLevel.EMERGENCY else None)

    def learned_flag(
        self, text: str, flag: RedFlagResult, vector: npt.NDArray[np.float32], detector: RedFlagDetector,
        normaliser: Normaliser,
    ) -> tuple[RedFlagResult, RedFlagResult | None]:
        """flag, raised where the learned red-flag opinion of the whole input (its raw text and unit vector) is sure of
        a higher level and every clause of it may tell a symptom (the safety net's reading: no denial, nothing said to
        be well, taken back or asked, no rule's exception); and beside it the flag the opinion only suspects there
        (LEARNED_FLAG_ASK), which the assistant asks about, or None. The rule named is the one of that level whose
        written description is closest to the normalised words: the reply (or the question) says why it matters."""
        if self._red_flags is None or flag.level is RedFlagLevel.EMERGENCY or flag.denied:
            return flag, None  # (a denial the word rules read: 'he has no pain that goes round his chest like a tight belt')
        whole_text = normaliser.normalise(text)
        if _LOW_MOOD.search(whole_text):
            return flag, None  # 'i feel useless just sitting here': a mood, which the opinion reads as more
        level, sure = self._learned_level(text, vector, flag, whole_text)
        if level is RedFlagLevel.NONE:
            return flag, None
        if flag.asked_about.rank >= level.rank:
            return flag, None  # 'what should i do if i cant feel my feet?': the word rules found it asked about, not told
        reading = _read(text, normaliser, detector)
        if reading is None:
            return flag, None
        told = [(clause, facts) for number, (clause, canonical, facts) in enumerate(reading.inspected)
                if not reading.left_out(number, canonical, facts, flag, detector)
                or _USED_TO.search(canonical) and not detector.takes_back(canonical)]
        if not told or len(told) < len(reading.inspected):
            # a clause that denies, says all is well, takes back or asks ('he can feel his feet, he just wiggled his
            # toes'; "i've got full feeling on my inner thighs"): the opinion of the whole hears the body named in it
            # and not what is said of it
            return flag, None
        if any(facts.excepted for _, facts in told):
            return flag, None  # 'foot went numb for 30 seconds after sitting cross legged': a rule's exception (the word rules')
        # named from the normalised words, which the descriptions are closer to than a dialect's or a recogniser's
        # spelling ("ma da's no been able tae pee aw day" is nearest the legs, "my dad not been able to pee all day"
        # the bladder): the question asked, or the reason said, is about the right symptom
        closest = [(similarity, rule_id) for rule_id, similarity, _, _ in self.closest_rules(whole_text)
                   if self._content.rule(rule_id).level is level]
        if not closest:
            return flag, None
        rule = max(closest)[1]
        if rule in _EXPLAINED_ANYWHERE and detector.explains(whole_text, rule):
            return flag, None  # as in the safety net: 'lost a stone, but i have been on a diet'
        rules = (rule, *(r for r in flag.rules if r != rule))
        raised = replace(flag, level=level, rules=rules, about_other=all(facts.about_other for _, facts in told), denied=False)
        return (raised, None) if sure else (flag, replace(raised, spans=()))

    def safety_net(
        self, text: str, flag: RedFlagResult, detector: RedFlagDetector, normaliser: Normaliser,
        whole: npt.NDArray[np.float32] | None = None, thresholds: dict[RedFlagLevel, float] | None = None,
        command: str | None = None,
    ) -> RedFlagResult:
        """flag, raised to a rule whose description a clause of text matches and does not deny.

        command: the command id the words were taken as ('i can barely hear you, turn it up'): then only a
        very close match counts, except after 'yes' and 'no', which reports often start with.
        """
        if flag.level is RedFlagLevel.EMERGENCY:
            return flag
        reading = _read(text, normaliser, detector)
        if reading is None:
            return flag  # "no, i can feel my feet": the denial stands apart from the words it denies
        found: list[tuple[str, RedFlagLevel, bool]] = []
        whole_text, inspected, canonicals = reading.whole_text, reading.inspected, reading.canonicals
        pain: bool | None = None  # whether the whole text mentions pain, worked out when a rule that needs it comes up

        def mentions_pain() -> bool:
            nonlocal pain
            if pain is None:
                pain = detector.mentions_pain(whole_text)
            return pain

        explained: dict[str, bool] = {}  # whether the whole text explains a rule's symptom, worked out once per rule

        def explains(rule_id: str) -> bool:
            if rule_id not in explained:
                explained[rule_id] = detector.explains(whole_text, rule_id)
            return explained[rule_id]

        settling = bool(_SETTLING.search(whole_text))
        if whole is not None and len(reading.clauses) == 1:
            vectors = [whole] * len(inspected)
        else:
            vectors = list(self._encoder.encode_batch([clause for clause, _, _ in inspected])) if inspected else []
        # the state now, read apart from the time before it ('a month ago he walked to the shop, now he …'), when the
        # word rules heard nothing: said of a person, in a clause that neither asks nor denies. It keeps its clause's
        # place, so the clauses after it are its context as they are the clause's
        turns = [] if flag.level is not RedFlagLevel.NONE else [
            (number, part, canonical, part_facts)
            for number, (clause, _, facts) in enumerate(inspected) if not (facts.is_question or facts.has_denial)
            for part in now_parts(clause) if (canonical := normaliser.normalise(part)) not in canonicals
            and (part_facts := detector.inspect_clause(canonical)).is_personal
        ]
        if turns:
            vectors += list(self._encoder.encode_batch([part for _, part, _, _ in turns]))
        entries = [(number, clause, canonical, facts) for number, (clause, canonical, facts) in enumerate(inspected)] + turns
        for (number, clause, canonical, facts), vector in zip(entries, vectors):
            if reading.left_out(number, canonical, facts, flag, detector):
                continue
            denied_by_words = facts.has_negation and detector.check(canonical).denied
            denied_later: bool | None = None  # the word rules' reading of this clause with the ones after it, once
            candidates = self.closest_rules(clause, vector)
            calm = float(np.max(self._calm @ candidates[0][3])) if len(self._calm) else -1.0
            nearest = max((similarity for _, similarity, _, _ in candidates), default=-1.0)
            for rule_id, similarity, negative, _ in candidates:
                if similarity <= calm:
                    continue  # closer to an everyday report without a red flag ('my back hurts')
                if similarity < nearest - RIVAL_MARGIN:
                    continue  # another rule describes it much better ('exhausted all the time' is no walking trouble)
                rule = self._content.rule(rule_id)
                if flag.asked_about.rank >= rule.level.rank:
                    continue  # the word rules heard a symptom of this level and found it asked ('what if ... my legs go weak')
                if settling and rule.level is RedFlagLevel.URGENT:
                    continue  # 'i pulled my back lifting the shopping, its sore but getting better'
                if (rule.needs_pain and not mentions_pain()) or rule_id in facts.excepted:  # the word rules' exceptions, this clause's
                    continue
                if rule_id in _EXPLAINED_ANYWHERE and explains(rule_id):
                    continue  # 'i have lost half a stone , but i have been doing slimming world': the loss is meant
                if rule.needs_person and not facts.is_personal:  # (is_personal counts 'i' too)
                    continue  # 'exercises for back pain with neuroendocrine cancer': the subject, not a report
                bar = (thresholds or NET_THRESHOLD)[rule.level] + (NEGATIVE_MARGIN if negative else 0.0)
                bar += COMMAND_MARGIN if command is not None and command not in _ANSWERS else 0.0
                bar += 0.0 if facts.is_personal else IMPERSONAL_MARGIN
                bar += ESCALATE_MARGIN if flag.level is RedFlagLevel.URGENT else 0.0
                if negative and denied_by_words:
                    bar = max(bar, DENIED_BAR)  # the word rules read a denial here ('my legs arent heavy')
                if similarity < bar or facts.has_negation != negative:
                    continue
                if not negative and number + 1 < len(canonicals):
                    if denied_later is None:
                        denied_later = _denied_later(detector, [canonical, *canonicals[number + 1 :]])
                    if denied_later:
                        # 'the pins and needles thing , havent had it , not once': the word rules read it denied (not
                        # for a symptom that is itself a negative, which they may read as a denial: 'my pee isnt coming')
                        continue
                found.append((rule_id, rule.level, facts.about_other))
        if not found:
            return flag
        found.sort(key=lambda item: -item[1].rank)
        level = found[0][1]
        if level.rank <= flag.level.rank:
            return flag
        rules = tuple(dict.fromkeys([rule for rule, lvl, _ in found if lvl == level] + list(flag.rules)))
        about_other = all(other for _, lvl, other in found if lvl == level)
        return replace(flag, level=level, rules=rules, about_other=about_other, denied=False)
