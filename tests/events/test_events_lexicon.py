"""The event lexicons are complete and consistent."""

from __future__ import annotations

from pathlib import Path

import pytest

from lagebild.errors import DataError
from lagebild.events.lexicon import DOMAIN_TYPES, PLOVER_TYPES, load_lexicon, read_predicates


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


def _entries(lexicon):
    return [
        *lexicon.verbs.values(),
        *lexicon.nouns.values(),
        *(e for es in lexicon.lvcs.values() for e in es),
    ]


def test_every_plover_type_has_predicates(lexicon):
    types = {entry.type for entry in _entries(lexicon)}
    assert set(PLOVER_TYPES) <= types
    assert types <= set(PLOVER_TYPES) | set(DOMAIN_TYPES)
    assert len(_entries(lexicon)) >= 300


def test_entries_have_examples_and_known_cameo_codes(lexicon):
    for entry in _entries(lexicon):
        assert entry.example.strip(), entry.lemma
        if entry.type in PLOVER_TYPES:
            assert entry.cameo in lexicon.cameo, entry.lemma


def test_lvc_entries_name_their_noun(lexicon):
    for entries in lexicon.lvcs.values():
        for entry in entries:
            assert entry.with_noun, entry.lemma


def test_cameo_table_maps_to_plover_with_goldstein(lexicon):
    table = lexicon.cameo
    assert len(table) > 250
    assert {code.plover for code in table.values() if code.plover} == set(PLOVER_TYPES)
    assert all(-10.0 <= code.goldstein <= 10.0 for code in table.values())
    assert table["190"].plover == "ASSAULT" and table["190"].goldstein < table["040"].goldstein


def test_compound_nouns_find_their_head(lexicon):
    assert lexicon.noun("Raketenangriff").type == "ASSAULT"
    assert lexicon.noun("Ausgangssperre").mode == "curfew"  # longest match, not "Sperre"
    assert lexicon.noun("Pipeline-Explosion").type == "ACCIDENT"


def test_broken_entry_raises_coded_error(tmp_path: Path):
    path = tmp_path / "predicates.yaml"
    path.write_text("predicates:\n- {lemma: tanzen, type: DANCE}\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        read_predicates(path)
    assert info.value.code == "E802"


def test_factory_is_registered():
    import spacy

    nlp = spacy.blank("de")
    nlp.add_pipe("lagebild_events_v1")
    doc = nlp("Ohne Analyse.")
    assert doc._.events == []
