"""Loading prompts/: the real content is complete, and every kind of mistake is named with file and entry."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from voice_assistant.core.content import COMMAND_IDS, TOPIC_IDS, Content
from voice_assistant.core.loader import load_content
from voice_assistant.errors import ContentError

from conftest import ROOT

PROMPTS = ROOT / "prompts"


def test_real_content_has_every_contract_id(content: Content) -> None:
    assert [t.id for t in content.topics] == list(TOPIC_IDS)
    assert sorted(c.id for c in content.commands) == sorted(COMMAND_IDS)
    assert all(topic.answer and topic.more and topic.phrasings and topic.keywords for topic in content.topics)


def test_every_rule_names_a_level_and_reason(content: Content) -> None:
    assert {rule.level.value for rule in content.rules} == {"emergency", "urgent"}
    assert all(rule.reason for rule in content.rules)


@pytest.fixture
def prompts_copy(tmp_path: Path) -> Path:
    target = tmp_path / "prompts"
    shutil.copytree(PROMPTS, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        ("topics.toml", 'id = "overview"', 'id = "overveiw"', ["prompts/topics.toml", "unknown topic id 'overveiw'", "topic 'overview' is missing"]),
        ("topics.toml", 'id = "summary"', 'id = "sources"', ["prompts/topics.toml", "topic 'sources' is defined twice"]),
        ("topics.toml", 'title = "massage therapy"', 'title = ""', ["topics.toml: topic 'treatment.massage'", "field 'title' is missing or empty"]),
        ("red_flags.toml", 'level = "emergency"', 'level = "severe"', ["prompts/red_flags.toml: rule 'limb_weakness'", "unknown level 'severe' (use emergency or urgent)"]),
        ("red_flags.toml", 'when = [["limb", "weakness"]]', 'when = [["limb", "weaknes"]]', ["rule 'limb_weakness'", "unknown term list 'weaknes'"]),
        ("red_flags.toml", 'id = "bowel"', 'id = "bladder"', ["rule 'bladder'", "defined twice"]),
        ("red_flags.toml", "\nnext_sentence = true", '\nnext_sentence = "yes"', ["rule 'night_pain'", "field 'next_sentence' is 'yes' (use true or false)"]),
        ("commands.toml", 'id = "cmd.stop"', 'id = "cmd.halt"', ["prompts/commands.toml", "unknown command id 'cmd.halt'"]),
        ("phrasings.toml", '"acupuncture" = 4', '"acupuncture" = 9', ["phrasings.toml: topic 'treatment.acupuncture'", "weight 9"]),
        ("system.toml", 'US = "911"', 'US = "nine"', ["emergency_numbers 'US'", "is not a number"]),
        ("system.toml", 'emergency_self = "Call {number} now', 'emergency_self = "Call now', ["red_flag 'emergency_self'", "must contain {number}"]),
        ("vocabulary.toml", "[synonyms]", "[synonyms\n", ["prompts/vocabulary.toml", "not valid TOML"]),
    ],
)
def test_a_broken_file_names_the_file_and_entry(prompts_copy: Path, file: str, old: str, new: str, expected: list[str]) -> None:
    if file == "topics.toml" and "massage" in old:
        old = 'title = "' + load_content(PROMPTS).topic("treatment.massage").title + '"'
    edit(prompts_copy / file, old, new)
    with pytest.raises(ContentError) as caught:
        load_content(prompts_copy)
    message = str(caught.value)
    assert "\n" not in message
    for part in expected:
        assert part in message


def test_a_file_that_cannot_be_read_is_one_problem_not_every_field(prompts_copy: Path) -> None:
    edit(prompts_copy / "vocabulary.toml", "[synonyms]\n", '[synonyms]\n"rads" = "radiation"\n')  # a key given twice
    with pytest.raises(ContentError) as caught:
        load_content(prompts_copy)
    message = str(caught.value)
    assert message.startswith("prompts/vocabulary.toml: not valid TOML") and "problems)" not in message, message


def test_every_problem_is_reported_not_just_the_first(prompts_copy: Path) -> None:
    edit(prompts_copy / "red_flags.toml", 'level = "emergency"', 'level = "bad1"')
    edit(prompts_copy / "commands.toml", 'id = "cmd.stop"', 'id = "cmd.halt"')
    with pytest.raises(ContentError) as caught:
        load_content(prompts_copy)
    assert "bad1" in str(caught.value) and "cmd.halt" in str(caught.value)


def test_no_red_flag_rules_means_no_start(prompts_copy: Path) -> None:
    text = (prompts_copy / "red_flags.toml").read_text(encoding="utf-8")
    (prompts_copy / "red_flags.toml").write_text(text.split("[[rule]]")[0].split("[terms]")[0], encoding="utf-8")
    with pytest.raises(ContentError, match="no \\[\\[rule\\]\\] entries"):
        load_content(prompts_copy)


def test_a_missing_file_is_named(prompts_copy: Path) -> None:
    (prompts_copy / "system.toml").unlink()
    with pytest.raises(ContentError, match="prompts/system.toml: file is missing"):
        load_content(prompts_copy)


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="does not exist"):
        load_content(tmp_path / "nowhere")


def test_spoken_text_holds_no_symbols_that_read_badly(content: Content) -> None:
    for topic in content.topics:
        for text in (topic.title, topic.answer, *topic.more):
            assert not set(text) & set("&/%()[]{}<>*#@"), (topic.id, text)


def test_no_red_flag_pattern_of_several_words_shrinks_to_an_everyday_word(content: Content) -> None:
    """A pattern normalised as the text is: a filler or variant can eat its words ('like spaghetti' had become
    'spaghetti', an emergency on dinner). Several words may become one only where that word is the symptom's own."""
    from voice_assistant.core.normalise import Normaliser

    normaliser = Normaliser(content.vocabulary)
    shrunk = set()
    for rule in content.rules:
        items = [*rule.phrases, *rule.exceptions, *rule.suspects, *(t for combo in rule.combinations for g in combo for t in g)]
        for item in items:
            words = normaliser.normalise_pattern(item).split()
            if len(item.split()) >= 2 and len(words) == 1:
                shrunk.add(words[0])
    assert shrunk <= {"bowels", "nausea", "crumpled", "pee"}


def test_no_exception_of_a_rule_is_one_of_its_own_phrases_once_normalised(content: Content) -> None:
    """'cant walk the dog' as an exception normalised to 'cant walk' (the vocabulary makes 'walk the dog' 'walk') and
    would have cancelled every 'cant walk'."""
    from voice_assistant.core.normalise import Normaliser

    normaliser = Normaliser(content.vocabulary)
    for rule in content.rules:
        phrases = {normaliser.normalise_pattern(p) for p in rule.phrases}
        assert not [e for e in rule.exceptions if normaliser.normalise_pattern(e) in phrases], rule.id
