"""Memoised lookups of the event coder give the answers of a fresh computation."""

from __future__ import annotations

import spacy

from lagebild.events.casualties import KINDS, Words, _verb_at
from lagebild.events.lexicon import Lexicon, load_lexicon


def _fresh_words(status: dict, *path: str) -> frozenset[str]:
    return Lexicon(status=status).words(*path)


def test_words_are_lowercased_without_particle_bars_and_memoised() -> None:
    lexicon = Lexicon(status={"negated": {"particles": ["nicht", "Nie|mals", ["ein", "Paar"]]}})
    found = lexicon.words("negated", "particles")
    assert found == {"nicht", "niemals"}
    assert lexicon.words("negated", "particles") is found
    assert lexicon.words("negated", "missing") == frozenset()
    assert lexicon.words("nothing", "here") == frozenset()


def test_replacing_status_drops_the_memo() -> None:
    lexicon = Lexicon(status={"denied": {"verbs": ["bestreiten"]}})
    assert lexicon.words("denied", "verbs") == {"bestreiten"}
    assert lexicon.status_verbs == {"bestreiten"}
    lexicon.status = {"denied": {"verbs": ["dementieren"]}, "alleged": {"verbs": ["sollen"]}}
    assert lexicon.words("denied", "verbs") == {"dementieren"}
    assert lexicon.status_verbs == {"dementieren", "sollen"}
    assert lexicon.known_verb("sollen") and not lexicon.known_verb("bestreiten")


def test_shipped_status_words_match_a_fresh_lexicon() -> None:
    lexicon = load_lexicon()
    paths = [
        (group, key) for group, table in lexicon.status.items() if isinstance(table, dict) for key in table
    ]
    assert len(paths) >= 10
    for _ in range(2):  # second round: from the memo
        for path in paths:
            assert lexicon.words(*path) == _fresh_words(lexicon.status, *path), path
    groups = ("denied", "negated", "intended", "hypothetical", "alleged")
    assert lexicon.status_verbs == frozenset().union(
        *(_fresh_words(lexicon.status, g, "verbs") for g in groups)
    )


def _reference_verb_at(i: int, sent, words: Words) -> tuple[str, int] | None:
    """The plain search: every phrase of every kind, compared token by token."""
    doc = sent.doc
    token = doc[i]
    if not (token.text[:1].islower() or i == sent.start):
        return None
    for kind in KINDS:
        for phrase in words.verbs.get(kind, ()):
            end = i + len(phrase)
            if end <= sent.end and [t.lower_ for t in doc[i:end]] == phrase:
                return kind, len(phrase)
    return None


def test_casualty_verbs_by_first_word_find_what_the_plain_search_finds() -> None:
    words = Words.from_data(
        {
            "verbs": {
                "killed": ["starben", "kamen ums Leben", "kamen", "getötet wurden"],
                "injured": ["wurden verletzt", "verletzt", "kamen verletzt davon", "wurden"],
            }
        }
    )
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    text = (
        "Bei dem Unfall kamen zwei Menschen ums Leben, vier wurden verletzt. "
        "kamen ums Leben sagt man, verletzt wurden sie nicht. Starben viele? Drei kamen verletzt davon. "
        "Kamen ums"
    )
    doc = nlp(text)
    found = 0
    for sent in doc.sents:
        for i in range(sent.start, sent.end):
            expected = _reference_verb_at(i, sent, words)
            assert _verb_at(i, sent, words) == expected, doc[i].text
            found += expected is not None
    assert found >= 6
