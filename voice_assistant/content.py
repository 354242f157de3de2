"""Load and validate the assistant's editable content in prompts/ into typed, immutable objects.

Files (all TOML, read with the standard library):
- topics.toml     what the assistant says about each topic: title, short answer, further chunks
- phrasings.toml  how people ask about each topic: example phrasings and weighted key terms
- commands.toml   the spoken commands and their phrasings
- red_flags.toml  the red-flag rules: level, trigger terms, the reason spoken after the action
- vocabulary.toml spelling variants, mishearings, synonyms, fillers, out-of-scope terms
- system.toml     greeting, help, menu and the other system prompts; emergency numbers
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, Final

from voice_assistant.errors import ContentError

__all__ = [
    "TOPIC_IDS",
    "COMMAND_IDS",
    "OUT_OF_SCOPE",
    "UNCLEAR",
    "RedFlagLevel",
    "Keyword",
    "Topic",
    "Command",
    "RedFlagRule",
    "Vocabulary",
    "SystemPrompts",
    "Content",
    "load_content",
    "default_prompts_dir",
]

TOPIC_IDS: Final[tuple[str, ...]] = (
    "overview",
    "causes",
    "cause.tumor_growth",
    "cause.metastasis",
    "cause.nerve_involvement",
    "cause.bone_fractures",
    "cause.inflammation",
    "cause.post_surgical_pain",
    "cause.radiation_therapy",
    "cause.hormonal_changes",
    "cause.spinal_cord_compression",
    "cause.psychological_factors",
    "symptoms",
    "diagnosis",
    "when_to_see_doctor",
    "treatment",
    "treatment.medications",
    "treatment.radiation",
    "treatment.surgery",
    "treatment.acupuncture",
    "treatment.chiropractic",
    "treatment.massage",
    "treatment.physical_therapy",
    "treatment.heat_cold",
    "treatment.exercise",
    "treatment.mind_body",
    "treatment.otc_pain_relievers",
    "recovery",
    "recovery.nutrition",
    "recovery.mental_health",
    "summary",
    "sources",
)
"""Every topic id of the contract, section 1, in the article's order."""

COMMAND_IDS: Final[tuple[str, ...]] = (
    "cmd.repeat",
    "cmd.more",
    "cmd.slower",
    "cmd.faster",
    "cmd.louder",
    "cmd.quieter",
    "cmd.stop",
    "cmd.help",
    "cmd.menu",
    "cmd.goodbye",
    "cmd.yes",
    "cmd.no",
)
"""Every spoken command id of the contract, section 1."""

OUT_OF_SCOPE: Final = "out_of_scope"
UNCLEAR: Final = "unclear"

_SYSTEM_PROMPT_KEYS: Final[tuple[str, ...]] = (
    "greeting",
    "notice",
    "help",
    "menu",
    "did_not_catch",
    "out_of_scope",
    "goodbye",
    "about",
    "more_offer",
    "no_more",
    "confirm",
    "confirm_declined",
    "misunderstood_twice",
    "nothing_to_repeat",
    "nothing_more",
    "stopped",
    "yes_alone",
    "no_alone",
    "more_declined",
    "denied_flags",
    "report_more_offer",
    "slower",
    "slowest",
    "faster",
    "fastest",
    "louder",
    "loudest",
    "quieter",
    "quietest",
    "idle_hint",
    "error_apology",
    "microphone_lost",
    "microphone_back",
    "no_microphone",
    "kiosk_welcome",
    "kiosk_idle_warning",
    "kiosk_continue",
    "kiosk_listening",
    "kiosk_not_heard",
    "kiosk_microphone_problem",
    "kiosk_speaker_problem",
    "kiosk_starting",
    "kiosk_emergency_banner",
    "kiosk_urgent_banner",
)


class RedFlagLevel(str, Enum):
    """How urgently a report needs action; values are the contract's strings."""

    NONE = "none"
    URGENT = "urgent"
    EMERGENCY = "emergency"

    @property
    def rank(self) -> int:
        """0 for none, 1 for urgent, 2 for emergency: the highest level wins."""
        return _LEVEL_RANK[self]


_LEVEL_RANK: Final = {RedFlagLevel.NONE: 0, RedFlagLevel.URGENT: 1, RedFlagLevel.EMERGENCY: 2}


@dataclass(frozen=True)
class Keyword:
    """A key term that singles out a topic or command."""

    text: str
    """The term as written in prompts/ (one or more words)."""
    weight: float
    """How strongly the term points to its topic: 1 ordinary, 2 strong, 3 decisive (0.1..5)."""


@dataclass(frozen=True)
class Topic:
    """One piece of guidance from the article, as spoken, with the ways people ask for it."""

    id: str
    """The contract's topic id, e.g. 'cause.metastasis'."""
    title: str
    """A short noun phrase spoken before the answer: 'About <title>: …'."""
    answer: str
    """The short spoken answer, one or two sentences."""
    more: tuple[str, ...]
    """Further chunks of the article's section, read in order by 'more'."""
    phrasings: tuple[str, ...]
    """Example questions people ask about this topic (used for matching)."""
    keywords: tuple[Keyword, ...]
    """Weighted key terms (used for matching)."""


@dataclass(frozen=True)
class Command:
    """A spoken command, such as 'repeat that'."""

    id: str
    """The contract's command id, e.g. 'cmd.repeat'."""
    phrasings: tuple[str, ...]
    """Whole utterances that mean this command."""
    keywords: tuple[str, ...]
    """Words or phrases that carry the command inside a longer utterance."""


@dataclass(frozen=True)
class RedFlagRule:
    """A red-flag rule: which words in a report trigger it and what it means."""

    id: str
    """Stable rule id, reported in the `rules` list of the JSON output."""
    level: RedFlagLevel
    """emergency or urgent."""
    phrases: tuple[str, ...]
    """Phrases that fire the rule on their own."""
    combinations: tuple[tuple[tuple[str, ...], ...], ...]
    """Each combination is a list of term groups that must all occur in one sentence."""
    exceptions: tuple[str, ...]
    """Phrases that, where they overlap a match, cancel it ('can't stand the noise')."""
    needs_pain: bool
    """True when the rule fires only if the input also mentions back pain (e.g. tiredness)."""
    across_sentences: bool
    """True when the words of a 'when' combination may stand in different sentences of one input."""
    reason: str
    """What the finding may mean, spoken after the action ('Weakness in the legs can be …')."""


@dataclass(frozen=True)
class Vocabulary:
    """Word lists that normalisation and matching use."""

    variants: tuple[tuple[str, str], ...]
    """(heard or spelled form, canonical form): spelling variants and typical mishearings."""
    synonyms: tuple[tuple[str, str], ...]
    """(lay term, the term the topics use): 'needles' → 'acupuncture'."""
    fillers: tuple[str, ...]
    """Filler words and phrases removed before understanding ('um', 'you know')."""
    stopwords: tuple[str, ...]
    """Words that carry no topic on their own ('what', 'the', 'please')."""
    domain_words: tuple[str, ...]
    """Words of this domain that point to no single topic ('pain', 'back', 'cancer')."""
    out_of_scope_terms: tuple[str, ...]
    """Terms that mark a question as outside the article ('weather', 'headache', 'my cat')."""
    pain_words: tuple[str, ...]
    """Words that count as mentioning back pain, for rules that need it."""
    negations: tuple[str, ...]
    """Words and phrases that deny what follows ('no', 'don't have')."""
    post_negations: tuple[str, ...]
    """Words and phrases that deny what comes before ('is fine', 'are normal')."""
    pseudo_negations: tuple[str, ...]
    """Phrases that contain a negation word but deny nothing ('no difference', 'not only')."""
    others: tuple[str, ...]
    """Words that show a report is about someone else ('husband', 'he', 'my mum')."""
    recogniser_hint: str
    """A short text of this domain's words that primes a recogniser (Whisper's initial prompt)."""


@dataclass(frozen=True)
class SystemPrompts:
    """What the assistant says that is not guidance from the article."""

    texts: tuple[tuple[str, str], ...]
    """(key, text) for every key in system.toml [prompts]."""
    level_actions: tuple[tuple[str, str], ...]
    """(key, text): what a red flag tells the person to do, e.g. 'emergency_self'."""
    emergency_numbers: tuple[tuple[str, str], ...]
    """(region code, number), e.g. ('US', '911'); region 'default' is the words to use otherwise."""

    def get(self, key: str) -> str:
        """The text for a prompt key; raises KeyError for an unknown key."""
        for name, text in self.texts:
            if name == key:
                return text
        raise KeyError(key)

    def action(self, key: str) -> str:
        """The red-flag action text for a key such as 'emergency_other'."""
        for name, text in self.level_actions:
            if name == key:
                return text
        raise KeyError(key)


@dataclass(frozen=True)
class Content:
    """Everything in prompts/, validated."""

    topics: tuple[Topic, ...]
    """Every contract topic, in the contract's order."""
    commands: tuple[Command, ...]
    """Every contract command."""
    rules: tuple[RedFlagRule, ...]
    """The red-flag rules."""
    vocabulary: Vocabulary
    """Word lists for normalisation and matching."""
    prompts: SystemPrompts
    """System prompts and emergency numbers."""

    def topic(self, topic_id: str) -> Topic:
        """The topic with this id; raises KeyError for an unknown id."""
        for topic in self.topics:
            if topic.id == topic_id:
                return topic
        raise KeyError(topic_id)

    def rule(self, rule_id: str) -> RedFlagRule:
        """The red-flag rule with this id; raises KeyError for an unknown id."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)


def default_prompts_dir() -> Path:
    """The prompts/ folder beside the package (a source checkout or an editable install)."""
    return Path(__file__).resolve().parent.parent / "prompts"


class _Problems:
    """Collects every problem found while loading, so all are reported at once."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, where: str, what: str) -> None:
        self.items.append(f"{where}: {what}")

    def raise_if_any(self) -> None:
        if self.items:
            extra = f" ({len(self.items)} problems)" if len(self.items) > 1 else ""
            raise ContentError("; ".join(self.items) + extra)


def _read_toml(path: Path, problems: _Problems) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        problems.add(_name(path), "file is missing (restore it from the project's prompts/ folder)")
    except tomllib.TOMLDecodeError as err:
        problems.add(_name(path), f"not valid TOML: {err}")
    except OSError as err:
        problems.add(_name(path), f"cannot be read: {err.strerror}")
    return {}


def _name(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def _text(entry: dict[str, Any], key: str, where: str, problems: _Problems) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        problems.add(where, f"field '{key}' is missing or empty (give it some text)")
        return ""
    return " ".join(value.split())


def _texts(
    entry: dict[str, Any], key: str, where: str, problems: _Problems, required: bool = True
) -> tuple[str, ...]:
    value = entry.get(key, [] if not required else None)
    if not isinstance(value, list) or (required and not value):
        problems.add(where, f"field '{key}' must be a non-empty list of strings")
        return ()
    out: list[str] = []
    seen: set[str] = set()
    for item in value:
        if not isinstance(item, str) or not item.strip():
            problems.add(where, f"field '{key}' has an empty or non-text item {item!r}")
            continue
        folded = " ".join(item.split()).casefold()
        if folded in seen:
            problems.add(where, f"field '{key}' lists {item!r} twice")
            continue
        seen.add(folded)
        out.append(" ".join(item.split()))
    return tuple(out)


def _entries(data: dict[str, Any], key: str, file: str, problems: _Problems) -> list[dict[str, Any]]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        problems.add(file, f"expected a list of [[{key}]] tables")
        return []
    return value


def _check_ids(
    found: list[str], expected: tuple[str, ...], file: str, kind: str, problems: _Problems
) -> None:
    seen: set[str] = set()
    for entry_id in found:
        if entry_id in seen:
            problems.add(file, f"{kind} '{entry_id}' is defined twice (keep one)")
        seen.add(entry_id)
    for entry_id in found:
        if entry_id and entry_id not in expected:
            problems.add(file, f"unknown {kind} id '{entry_id}' (the contract's ids are: {', '.join(expected)})")
    for entry_id in expected:
        if entry_id not in seen:
            problems.add(file, f"{kind} '{entry_id}' is missing (every contract id needs an entry)")


def _keywords(entry: dict[str, Any], where: str, problems: _Problems) -> tuple[Keyword, ...]:
    raw = entry.get("keywords")
    if not isinstance(raw, dict) or not raw:
        problems.add(where, "field 'keywords' must be a table of term = weight")
        return ()
    out: list[Keyword] = []
    for term, weight in raw.items():
        if not term.strip():
            problems.add(where, "field 'keywords' has an empty term")
        elif isinstance(weight, bool) or not isinstance(weight, (int, float)) or not 0.1 <= weight <= 5:
            problems.add(where, f"keyword '{term}' has weight {weight!r} (use a number from 0.1 to 5)")
        else:
            out.append(Keyword(" ".join(term.split()), float(weight)))
    return tuple(out)


def _load_topics(root: Path, problems: _Problems) -> tuple[Topic, ...]:
    topics_file = root / "topics.toml"
    phrasings_file = root / "phrasings.toml"
    said = _entries(_read_toml(topics_file, problems), "topic", _name(topics_file), problems)
    asked = _entries(_read_toml(phrasings_file, problems), "topic", _name(phrasings_file), problems)
    _check_ids([str(e.get("id", "")) for e in said], TOPIC_IDS, _name(topics_file), "topic", problems)
    _check_ids([str(e.get("id", "")) for e in asked], TOPIC_IDS, _name(phrasings_file), "topic", problems)
    asked_by_id = {str(e.get("id", "")): e for e in asked}
    topics: list[Topic] = []
    for entry in said:
        topic_id = str(entry.get("id", ""))
        where = f"{_name(topics_file)}: topic '{topic_id}'"
        for key in entry:
            if key not in ("id", "title", "answer", "more"):
                problems.add(where, f"unknown field '{key}' (use title, answer, more)")
        title = _text(entry, "title", where, problems)
        answer = _text(entry, "answer", where, problems)
        more = _texts(entry, "more", where, problems)
        how = asked_by_id.get(topic_id, {})
        where_asked = f"{_name(phrasings_file)}: topic '{topic_id}'"
        phrasings = _texts(how, "phrasings", where_asked, problems) if how else ()
        keywords = _keywords(how, where_asked, problems) if how else ()
        if topic_id in TOPIC_IDS:
            topics.append(Topic(topic_id, title, answer, more, phrasings, keywords))
    order = {topic_id: index for index, topic_id in enumerate(TOPIC_IDS)}
    return tuple(sorted(topics, key=lambda topic: order[topic.id]))


def _load_commands(root: Path, problems: _Problems) -> tuple[Command, ...]:
    path = root / "commands.toml"
    entries = _entries(_read_toml(path, problems), "command", _name(path), problems)
    _check_ids([str(e.get("id", "")) for e in entries], COMMAND_IDS, _name(path), "command", problems)
    commands: list[Command] = []
    for entry in entries:
        command_id = str(entry.get("id", ""))
        where = f"{_name(path)}: command '{command_id}'"
        phrasings = _texts(entry, "phrasings", where, problems)
        keywords = _texts(entry, "keywords", where, problems)
        if command_id in COMMAND_IDS:
            commands.append(Command(command_id, phrasings, keywords))
    return tuple(commands)


def _load_rules(root: Path, problems: _Problems) -> tuple[RedFlagRule, ...]:
    path = root / "red_flags.toml"
    data = _read_toml(path, problems)
    file = _name(path)
    terms_raw = data.get("terms", {})
    terms: dict[str, tuple[str, ...]] = {}
    if not isinstance(terms_raw, dict):
        problems.add(file, "[terms] must be a table of name = [phrases]")
    else:
        for name, phrases in terms_raw.items():
            terms[name] = _texts(terms_raw, name, f"{file}: terms '{name}'", problems)
    rules: list[RedFlagRule] = []
    seen: set[str] = set()
    used_terms: set[str] = set()
    for entry in _entries(data, "rule", file, problems):
        rule_id = str(entry.get("id", "")).strip()
        where = f"{file}: rule '{rule_id}'"
        if not rule_id:
            problems.add(f"{file}: rule #{len(rules) + 1}", "field 'id' is missing or empty")
        elif rule_id in seen:
            problems.add(where, "is defined twice (keep one)")
        seen.add(rule_id)
        for key in entry:
            if key not in ("id", "level", "phrases", "when", "except", "needs_pain", "across_sentences", "reason"):
                problems.add(where, f"unknown field '{key}' (use level, phrases, when, except, needs_pain, across_sentences, reason)")
        level_text = entry.get("level")
        level = RedFlagLevel.NONE
        if level_text not in ("emergency", "urgent"):
            problems.add(where, f"unknown level {level_text!r} (use emergency or urgent)")
        else:
            level = RedFlagLevel(level_text)
        phrases = _texts(entry, "phrases", where, problems, required=False)
        combos: list[tuple[tuple[str, ...], ...]] = []
        when = entry.get("when", [])
        if not isinstance(when, list) or not all(isinstance(c, list) for c in when):
            problems.add(where, "field 'when' must be a list of lists of term names")
            when = []
        for combo in when:
            groups: list[tuple[str, ...]] = []
            for name in combo:
                if name not in terms:
                    problems.add(where, f"unknown term list '{name}' in 'when' (define it under [terms])")
                else:
                    used_terms.add(name)
                    groups.append(terms[name])
            if len(groups) < 2:
                problems.add(where, f"'when' entry {combo!r} needs two or more term lists")
            else:
                combos.append(tuple(groups))
        if not phrases and not combos:
            problems.add(where, "has neither 'phrases' nor 'when': it could never fire")
        exceptions = _texts(entry, "except", where, problems, required=False)
        needs_pain = entry.get("needs_pain", False)
        if not isinstance(needs_pain, bool):
            problems.add(where, f"field 'needs_pain' is {needs_pain!r} (use true or false)")
            needs_pain = False
        across = entry.get("across_sentences", False)
        if not isinstance(across, bool):
            problems.add(where, f"field 'across_sentences' is {across!r} (use true or false)")
            across = False
        reason = _text(entry, "reason", where, problems)
        rules.append(
            RedFlagRule(rule_id, level, phrases, tuple(combos), exceptions, needs_pain, across, reason)
        )
    for name in terms:
        if name not in used_terms:
            problems.add(f"{file}: terms '{name}'", "is not used by any rule (remove it or use it)")
    if not rules:
        problems.add(file, "has no [[rule]] entries: the assistant must not run without red-flag rules")
    return tuple(rules)


_VOCABULARY_LISTS: Final = (
    "fillers",
    "stopwords",
    "domain_words",
    "out_of_scope_terms",
    "pain_words",
    "negations",
    "post_negations",
    "pseudo_negations",
    "others",
)


def _pairs(data: dict[str, Any], key: str, file: str, problems: _Problems) -> tuple[tuple[str, str], ...]:
    table = data.get(key)
    if not isinstance(table, dict) or not table:
        problems.add(file, f"[{key}] must be a non-empty table of \"heard\" = \"meant\"")
        return ()
    out: list[tuple[str, str]] = []
    for source, target in table.items():
        if not isinstance(target, str) or not source.strip():
            problems.add(f"{file}: {key} '{source}'", f"must map to a text, not {target!r}")
        else:
            out.append((" ".join(source.casefold().split()), " ".join(target.casefold().split())))
    return tuple(out)


def _load_vocabulary(root: Path, problems: _Problems) -> Vocabulary:
    path = root / "vocabulary.toml"
    data = _read_toml(path, problems)
    file = _name(path)
    lists = {key: _texts(data, key, f"{file}: list '{key}'", problems) for key in _VOCABULARY_LISTS}
    return Vocabulary(
        variants=_pairs(data, "variants", file, problems),
        synonyms=_pairs(data, "synonyms", file, problems),
        fillers=lists["fillers"],
        stopwords=lists["stopwords"],
        domain_words=lists["domain_words"],
        out_of_scope_terms=lists["out_of_scope_terms"],
        pain_words=lists["pain_words"],
        negations=lists["negations"],
        post_negations=lists["post_negations"],
        pseudo_negations=lists["pseudo_negations"],
        others=lists["others"],
        recogniser_hint=_text(data, "recogniser_hint", f"{file}: recogniser_hint", problems),
    )


_ACTION_KEYS: Final = (
    "emergency_self",
    "emergency_other",
    "urgent_self",
    "urgent_other",
    "emergency_question",
    "urgent_question",
)


def _load_system(root: Path, problems: _Problems) -> SystemPrompts:
    path = root / "system.toml"
    data = _read_toml(path, problems)
    file = _name(path)
    texts: list[tuple[str, str]] = []
    prompts = data.get("prompts", {})
    if not isinstance(prompts, dict):
        problems.add(file, "[prompts] must be a table of name = text")
        prompts = {}
    for key in _SYSTEM_PROMPT_KEYS:
        texts.append((key, _text(prompts, key, f"{file}: prompt '{key}'", problems)))
    for key in prompts:
        if key not in _SYSTEM_PROMPT_KEYS:
            problems.add(f"{file}: prompt '{key}'", f"unknown prompt (known: {', '.join(_SYSTEM_PROMPT_KEYS)})")
    actions_raw = data.get("red_flag", {})
    if not isinstance(actions_raw, dict):
        problems.add(file, "[red_flag] must be a table of name = text")
        actions_raw = {}
    actions = [(key, _text(actions_raw, key, f"{file}: red_flag '{key}'", problems)) for key in _ACTION_KEYS]
    for key, text in actions:
        if key.startswith("emergency") and text and "{number}" not in text:
            problems.add(f"{file}: red_flag '{key}'", "must contain {number} (the emergency number)")
    numbers_raw = data.get("emergency_numbers", {})
    numbers: list[tuple[str, str]] = []
    if not isinstance(numbers_raw, dict) or "default" not in numbers_raw:
        problems.add(file, "[emergency_numbers] must be a table of REGION = \"number\" with a 'default' entry")
    else:
        for region, number in numbers_raw.items():
            if not isinstance(number, str) or not number.strip():
                problems.add(f"{file}: emergency_numbers '{region}'", "must be a non-empty text")
            elif region != "default" and not number.strip().isdigit():
                problems.add(f"{file}: emergency_numbers '{region}'", f"{number!r} is not a number (digits only)")
            else:
                numbers.append((region.upper() if region != "default" else region, number.strip()))
    return SystemPrompts(tuple(texts), tuple(actions), tuple(numbers))


def load_content(prompts_dir: Path | None = None) -> Content:
    """Read and validate every file in prompts/; raise ContentError listing every problem found."""
    root = prompts_dir if prompts_dir is not None else default_prompts_dir()
    problems = _Problems()
    if not root.is_dir():
        raise ContentError(f"prompts folder '{root}' does not exist (pass --prompts-dir or restore prompts/)")
    topics = _load_topics(root, problems)
    commands = _load_commands(root, problems)
    rules = _load_rules(root, problems)
    vocabulary = _load_vocabulary(root, problems)
    prompts = _load_system(root, problems)
    problems.raise_if_any()
    return Content(topics, commands, rules, vocabulary, prompts)
