"""Memoised lookups of the event coder give the answers of a fresh computation."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from lagebild.events.casualties import KINDS, Words, _verb_at, sentence_figures
from lagebild.events.detect import _verb_tokens, is_verb
from lagebild.events.lexicon import Lexicon, load_lexicon
from lagebild.events.syntax import Grammar, TokenTable


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


# ---------------------------------------------------------------------- per-Doc tables and memos
_ROWS = """
Die der DET nk 1 _ ART
Regierung Regierung NOUN sb 2 _ NN
setzte setzen VERB ROOT 2 VerbForm=Fin VVFIN
die der DET nk 5 _ ART
verhängten verhängen VERB nk 5 VerbForm=Part ADJA
Sanktionen Sanktion NOUN oa 2 _ NN
gegen gegen ADP mo 2 _ APPR
Kiew Kiew PROPN nk 6 _ NE
aus aus ADP svp 2 _ PTKVZ
, , PUNCT punct 2 _ $,
weil weil SCONJ cp 12 _ KOUS
sie sie PRON sb 12 _ PPER
drohte drohen VERB mo 2 VerbForm=Fin VVFIN
. . PUNCT punct 2 _ $.
"""


def _tagged(rows: str) -> Doc:
    nlp = spacy.blank("de")
    parts = [line.split() for line in rows.strip().splitlines()]
    return Doc(
        nlp.vocab,
        words=[p[0] for p in parts],
        lemmas=[p[1] for p in parts],
        pos=[p[2] for p in parts],
        deps=[p[3] for p in parts],
        heads=[int(p[4]) for p in parts],
        morphs=["" if p[5] == "_" else p[5] for p in parts],
        tags=[p[6] for p in parts],
        sent_starts=[i == 0 for i in range(len(parts))],
    )


def test_token_table_reads_what_the_tokens_say() -> None:
    for doc in (_tagged(_ROWS), spacy.blank("de")("Ein Satz ohne Analyse, mit Zahlen wie 3,5.")):
        table = TokenTable(doc)
        assert table.pos == [t.pos_ for t in doc]
        assert table.tag == [t.tag_ for t in doc]
        assert table.lower == [t.lower_ for t in doc]
        assert table.text == [t.text for t in doc]
    empty = TokenTable(spacy.blank("de")(""))
    assert empty.pos == empty.tag == empty.lower == empty.text == []


def test_verb_tokens_are_the_tokens_is_verb_accepts() -> None:
    lexicon = load_lexicon()
    doc = _tagged(_ROWS)
    grammar = Grammar.for_doc(doc, lexicon.labels)
    sent = doc[:]
    expected = [t.i for t in sent if is_verb(t, lexicon)]
    assert [t.i for t in _verb_tokens(sent, lexicon, grammar)] == expected
    assert 4 not in expected and {2, 12} <= set(expected)  # "verhängten" is attributive


def test_grammar_memo_hands_out_fresh_slots_and_forgets_other_docs() -> None:
    lexicon = load_lexicon()
    doc = _tagged(_ROWS)
    grammar = Grammar.for_doc(doc, lexicon.labels)
    verb = doc[2]
    first = grammar.slots(verb)
    assert [t.i for t in first["sb"]] == [1] and [t.i for t in first["oa"]] == [5]
    first["sb"].append(doc[7])
    first["extra"] = []
    again = grammar.slots(verb)
    assert [t.i for t in again["sb"]] == [1] and "extra" not in again
    assert grammar.particle(verb) == "aus" and grammar.chain(verb) == [verb]
    other = _tagged(_ROWS.replace("svp", "mo"))  # the same words, the particle not attached
    assert grammar.particle(other[2]) is None
    assert grammar.particle(verb) == "aus"


def test_noun_memo_is_dropped_when_the_nouns_are_replaced() -> None:
    lexicon = load_lexicon()
    fresh = Lexicon(nouns=dict(lexicon.nouns), compound_exceptions=lexicon.compound_exceptions)
    for word in ("Sanktionen", "Luftangriffe", "Anschläge", "Regierung", "Wirtschaftssanktion"):
        assert fresh.word_noun(word, word) == fresh.word_noun(word, word)
        assert fresh.word_noun(word, word) == lexicon.word_noun(word, word)
    assert fresh.noun("Sanktion") is not None
    fresh.nouns = {}
    assert fresh.noun("Sanktion") is None and fresh.word_noun("Sanktionen", "Sanktion") is None


def test_sentence_figures_from_the_doc_words_equal_a_fresh_reading() -> None:
    words = Words.from_data(load_lexicon().casualties)
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    doc = nlp(
        "Bei dem Brand starben drei Menschen, zwölf wurden verletzt. Es gab keine Toten. "
        "Mindestens 40 Verletzte meldete das Spital am Abend."
    )
    lowers = [t.lower_ for t in doc]
    found = 0
    for sent in doc.sents:
        plain = sentence_figures(sent, words)
        given = sentence_figures(sent, words, lowers=lowers)
        assert (plain and plain.to_dict([])) == (given and given.to_dict([]))
        found += plain is not None
    assert found == 3


def test_phrase_search_finds_what_the_plain_search_finds() -> None:
    from lagebild.events.status import _contains

    def plain(words: list[str], phrase: list[str]) -> bool:
        size = len(phrase)
        return any(words[i : i + size] == phrase for i in range(len(words) - size + 1))

    words = [
        "berichten",
        "zufolge",
        "soll",
        "es",
        "laut",
        "berichten",
        "zufolge",
        "keine",
        "berichten",
        "geben",
    ]
    for size in range(4):
        for start in range(len(words) - size + 1):
            phrase = words[start : start + size]
            assert _contains(words, phrase) is True
            assert _contains(words, [*phrase, "nie"]) == plain(words, [*phrase, "nie"])
    assert _contains(words, ["zufolge", "berichten"]) is False
    assert _contains([], []) is True and _contains([], ["x"]) is False
