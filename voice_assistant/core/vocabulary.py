"""The words a restricted-vocabulary recogniser must be able to hear, built from the content in prompts/."""

from __future__ import annotations

from typing import Final

from voice_assistant.core.content import Content

__all__ = ["recognition_vocabulary"]

_SPOKEN_NEGATIVES: Final = {
    "cant": "can't", "dont": "don't", "doesnt": "doesn't", "didnt": "didn't", "isnt": "isn't", "arent": "aren't",
    "wasnt": "wasn't", "werent": "weren't", "havent": "haven't", "hasnt": "hasn't", "hadnt": "hadn't",
    "couldnt": "couldn't", "wouldnt": "wouldn't", "shouldnt": "shouldn't", "wont": "won't", "aint": "ain't",
}


def _spoken(phrase: str) -> str:
    """A phrase from prompts/ as a recogniser spells it: 'cant * pee' → "can't pee"."""
    words = phrase.replace("*", " ").split()
    return " ".join(_SPOKEN_NEGATIVES.get(word, word) for word in words)


def recognition_vocabulary(content: Content) -> list[str]:
    """Everything a restricted-vocabulary recogniser must be able to hear: topic phrasings and key terms,
    commands, red-flag terms, negations, people, domain and out-of-scope words, in their spoken spelling."""
    vocabulary = content.vocabulary
    phrases: list[str] = []
    for topic in content.topics:
        phrases.extend(topic.phrasings)
        phrases.extend(k.text for k in topic.keywords)
        phrases.append(topic.title)
    for command in content.commands:
        phrases.extend(command.phrasings)
        phrases.extend(command.keywords)
    for rule in content.rules:
        phrases.extend(rule.phrases)
        for combo in rule.combinations:
            for group in combo:
                phrases.extend(group)
    for words in (vocabulary.negations, vocabulary.others, vocabulary.domain_words, vocabulary.pain_words,
                  vocabulary.out_of_scope_terms, vocabulary.stopwords, vocabulary.pseudo_negations):
        phrases.extend(words)
    phrases.extend(source for source, _ in vocabulary.synonyms)
    seen: set[str] = set()
    out = []
    for phrase in phrases:
        plain = _spoken(" ".join(phrase.split()).lower())
        if plain and plain not in seen:
            seen.add(plain)
            out.append(plain)
    return out
