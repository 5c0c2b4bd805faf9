"""Gender of speaker mentions (given names, role nouns, articles, surnames) and pronoun resolution."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

from lagebild.quotes import find_quotes
from lagebild.quotes.lexicon import given_names, role_genders
from lagebild.quotes.speakers import gender, surname_genders
from lagebild.quotes.units import CACHE_KEY


def _doc(text: str) -> Doc:
    return spacy.blank("de").make_doc(text)


def test_name_and_role_lexicons_load() -> None:
    names, roles = given_names(), role_genders()
    assert len(names) > 400 and set(names.values()) == {"Masc", "Fem"}
    assert roles["sprecherin"] == "Fem" and roles["sprecher"] == "Masc"


def test_given_name_decides_without_morphology() -> None:
    doc = _doc("Greta Holm und Jonas Weber")
    assert gender(doc[0:2]) == "Fem"
    assert gender(doc[3:5]) == "Masc"


def test_role_noun_heads_the_phrase_not_the_genitive() -> None:
    doc = _doc("der Sprecher der Polizei und die Bildungsministerin")
    assert gender(doc[0:4]) == "Masc"  # not feminine because of ``Polizei``
    assert gender(doc[5:7]) == "Fem"  # compound: ``…ministerin``
    bare = _doc("Polizeisprecher Landesministers")
    assert gender(bare[0:1]) == "Masc"  # no article, no morphology: the role noun decides
    assert gender(bare[1:2]) == "Masc"  # inflected (genitive ``-s``)


def test_name_beats_a_role_noun_of_the_other_gender() -> None:
    # ``Bürgermeister`` used for a woman still yields to her given name
    doc = _doc("Bürgermeister Carla Lenz")
    assert gender(doc[0:3]) == "Fem"


def test_surname_takes_the_gender_of_the_full_name_before() -> None:
    doc = _doc("Greta Holm kam spät . Holm sagte nichts .")
    doc.ents = [Span(doc, 0, 2, label="PER")]
    doc.user_data[CACHE_KEY] = {}
    assert surname_genders(doc) == {"holm": "Fem"}
    assert gender(doc[5:6]) == "Fem"


def test_masculine_pronoun_skips_a_woman_named_in_between(quotes) -> None:
    text = "„Wir bauen“, sagte Jonas Weber. „Es dauert“, sagte Greta Holm. „Bald fertig“, sagte er."
    found = [q for q in quotes(text) if q["kind"] == "direct"]
    assert [q["speaker"] for q in found] == ["local:jonas-weber", "local:greta-holm", "local:jonas-weber"]


def test_pronoun_follows_the_role_noun_of_its_gender(quotes) -> None:
    text = "„Ja“, sagte der Minister. „Nein“, sagte die Ministerin. „Vielleicht“, sagte er."
    found = [q for q in quotes(text) if q["kind"] == "direct"]
    assert found[-1]["speaker_text"] == "er"
    assert found[-1]["speaker"] == found[0]["speaker"] != found[1]["speaker"]


def test_feminine_pronoun_follows_a_female_role_over_a_later_male_one(quotes) -> None:
    text = "„Gut“, sagte die Sprecherin. „Schlecht“, sagte der Sprecher. „Mal sehen“, sagte sie."
    found = [q for q in quotes(text) if q["kind"] == "direct"]
    assert found[-1]["speaker"] == found[0]["speaker"]


def test_demnach_points_back_to_the_last_speaker(quotes) -> None:
    found = quotes("„Wir prüfen das“, sagte Anna Berg. Demnach sei der Plan noch offen.")
    reported = [q for q in found if q["kind"] == "indirect"]
    assert reported and reported[0]["speaker_text"] == "Demnach"
    assert reported[0]["speaker"] == "local:anna-berg"


def test_find_quotes_leaves_no_cache_behind() -> None:
    doc = _doc("„Ja“, sagte Greta Holm.")
    find_quotes(doc)
    assert CACHE_KEY not in doc.user_data


def test_head_noun_morphology_beats_an_oblique_article() -> None:
    # ``laut der Zeitung``: ``der`` is dative here; the noun itself is feminine
    doc = Doc(
        spacy.blank("de").vocab,
        words=["der", "Zeitung", "der", "Verlag"],
        pos=["DET", "NOUN", "DET", "NOUN"],
        morphs=["Case=Dat", "Case=Dat|Gender=Fem|Number=Sing", "", ""],
    )
    assert gender(doc[0:2]) == "Fem"
    assert gender(doc[2:4]) == "Masc"  # no morphology: the article decides
