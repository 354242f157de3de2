"""Reading and validating the TOML files of prompts/ into Content, reporting every problem at once."""

from __future__ import annotations

import importlib.resources
import tomllib
from pathlib import Path
from typing import Any, Final

from voice_assistant.core.content import (
    COMMAND_IDS,
    SYSTEM_PROMPT_KEYS,
    TOPIC_IDS,
    Command,
    Content,
    Keyword,
    RedFlagLevel,
    RedFlagRule,
    SystemPrompts,
    Topic,
    Vocabulary,
)
from voice_assistant.errors import ContentError

__all__ = ["read_content", "load_content", "default_prompts_dir"]


class _Problems:
    """Collects every problem found while loading, so all are reported at once."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self._unread: set[str] = set()

    def add(self, where: str, what: str) -> None:
        if where.split(":", 1)[0] in self._unread:
            return  # a file that could not be read has no fields to report on: its one problem says it all
        self.items.append(f"{where}: {what}")

    def unread(self, name: str, what: str) -> None:
        """A file that could not be read: this problem, and none of the missing fields that follow from it."""
        self.add(name, what)
        self._unread.add(name)

    def raise_if_any(self) -> None:
        if self.items:
            extra = f" ({len(self.items)} problems)" if len(self.items) > 1 else ""
            raise ContentError("; ".join(self.items) + extra)


def _read_toml(path: Path, problems: _Problems) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        problems.unread(_name(path), "file is missing (restore it from the project's prompts/ folder)")
    except tomllib.TOMLDecodeError as err:
        problems.unread(_name(path), f"not valid TOML: {err}")
    except OSError as err:
        problems.unread(_name(path), f"cannot be read: {err.strerror}")
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
            if key not in ("id", "level", "phrases", "when", "except", "needs_pain", "needs_person", "across_sentences",
                           "next_sentence", "reason", "examples", "suspect"):
                problems.add(
                    where, f"unknown field '{key}' (use level, phrases, when, except, needs_pain, needs_person, "
                    "across_sentences, next_sentence, reason, examples, suspect)"
                )
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
        next_sentence = entry.get("next_sentence", False)
        if not isinstance(next_sentence, bool):
            problems.add(where, f"field 'next_sentence' is {next_sentence!r} (use true or false)")
            next_sentence = False
        needs_person = entry.get("needs_person", False)
        if not isinstance(needs_person, bool):
            problems.add(where, f"field 'needs_person' is {needs_person!r} (use true or false)")
            needs_person = False
        reason = _text(entry, "reason", where, problems)
        rules.append(
            RedFlagRule(
                rule_id, level, phrases, tuple(combos), exceptions, needs_pain, across, reason,
                _texts(entry, "examples", where, problems, required=False),
                _texts(entry, "suspect", where, problems, required=False),
                needs_person,
                next_sentence,
            )
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
        calm_examples=_texts(data, "calm_examples", f"{file}: list 'calm_examples'", problems, required=False),
        out_of_scope_examples=_texts(data, "out_of_scope_examples", f"{file}: list 'out_of_scope_examples'", problems, required=False),
        resolutions=_texts(data, "resolutions", f"{file}: list 'resolutions'", problems, required=False),
        hypotheticals=_texts(data, "hypotheticals", f"{file}: list 'hypotheticals'", problems, required=False),
        claims=_texts(data, "claims", f"{file}: list 'claims'", problems, required=False),
        talk_words=_texts(data, "talk_words", f"{file}: list 'talk_words'", problems, required=False),
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
    for key in SYSTEM_PROMPT_KEYS:
        texts.append((key, _text(prompts, key, f"{file}: prompt '{key}'", problems)))
    for key in prompts:
        if key not in SYSTEM_PROMPT_KEYS:
            problems.add(f"{file}: prompt '{key}'", f"unknown prompt (known: {', '.join(SYSTEM_PROMPT_KEYS)})")
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


def read_content(root: Path) -> Content:
    """Read and validate every file in the folder root; raise ContentError listing every problem found."""
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


def default_prompts_dir() -> Path:
    """The prompts/ shipped inside the package (in a source checkout, a link to the repository's prompts/)."""
    packaged = importlib.resources.files("voice_assistant") / "prompts"
    if not isinstance(packaged, Path):
        raise ContentError(f"prompts folder '{packaged}' is inside an archive (pass --prompts-dir, or install unzipped)")
    return packaged


def load_content(prompts_dir: Path | None = None) -> Content:
    """Read and validate every file in prompts/; raise ContentError listing every problem found."""
    return read_content(prompts_dir if prompts_dir is not None else default_prompts_dir())
