"""lagebild_actors_v1 on hand-made sentences (blank German pipeline, fixture persons)."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from lagebild.actors import actor_at, mentions_in
from lagebild.actors.component import FACTORY, ActorLinker, default_settings
from lagebild.actors.kb import KnowledgeBase


def linked(doc: Doc) -> dict[str, str]:
    return {span.text: span._.actor_id for span in doc._.actor_mentions}


def actor(doc: Doc, actor_id: str) -> dict:
    return next(record for record in doc._.actors if record["id"] == actor_id)


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("2022-07-05", "person:vladimir-putin"),
        ("2009-06-10", "person:dmitry-medvedev"),
        ("2005", "person:vladimir-putin"),
    ],
)
def test_role_phrase_resolved_by_article_date(analyse, date: str, expected: str) -> None:
    doc = analyse("Am Abend sprach der russische Präsident im Fernsehen.", date)
    assert linked(doc) == {"russische Präsident": expected}


@pytest.mark.parametrize(
    ("date", "expected"),
    [("2021-05-04", "person:kassym-jomart-tokayev"), ("2015-05-04", "person:nursultan-nazarbayev")],
)
def test_kazakh_president_changes_in_2019(analyse, date: str, expected: str) -> None:
    doc = analyse("Der kasachische Präsident eröffnete die Sitzung.", date)
    assert list(linked(doc).values()) == [expected]


def test_ambiguous_year_gives_no_link(analyse) -> None:
    doc = analyse("Der kasachische Präsident eröffnete die Sitzung.", "2019")
    assert linked(doc) == {}


@pytest.mark.parametrize(
    "text",
    [
        "Kreml-Sprecher betonte das.",
        "Das sagte der Sprecher des Kremls am Montag.",
        "Kremlsprecher wies das zurück.",
    ],
)
def test_kremlin_spokesman(analyse, text: str) -> None:
    assert list(linked(analyse(text)).values()) == ["person:dmitry-peskov"]


def test_genitive_country_before_the_noun(analyse) -> None:
    assert list(linked(analyse("Russlands Präsident sprach lange.")).values()) == ["person:vladimir-putin"]


def test_genitive_country_after_the_noun(analyse) -> None:
    doc = analyse("Dazu schwieg der Präsident Kasachstans.")
    assert linked(doc) == {"Präsident Kasachstans": "person:kassym-jomart-tokayev"}


def test_combined_role_and_name_is_one_mention(analyse) -> None:
    doc = analyse("Der kasachische Präsident Qassym-Schomart Tokajew empfing den Gast.")
    assert linked(doc) == {"kasachische Präsident Qassym-Schomart Tokajew": "person:kassym-jomart-tokayev"}
    record = actor(doc, "person:kassym-jomart-tokayev")
    assert (
        record["role"] == "president"
        and record["confidence"] == 1.0
        and record["name"] == "Kassym-Jomart Tokayev"
    )


def test_surname_after_full_name_is_the_same_actor(analyse) -> None:
    doc = analyse("Kreml-Sprecher Dmitri Peskow wurde gefragt. Peskow antwortete ausweichend.")
    assert [span._.actor_id for span in doc._.actor_mentions] == ["person:dmitry-peskov"] * 2
    assert len(actor(doc, "person:dmitry-peskov")["mentions"]) == 2


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Dmitry Peskov äußerte sich.", "Dmitry Peskov"),
        ("Laut Peskoff gibt es keine Pläne.", "Peskoff"),
        ("Im Original stand Песков.", "Песков"),
        ("Kassym-Jomart Tokayev will Reformen.", "Kassym-Jomart Tokayev"),
    ],
)
def test_transliteration_variants(analyse, text: str, mention: str) -> None:
    assert mention in linked(analyse(text))


def test_typo_is_linked_below_full_confidence(analyse) -> None:
    doc = analyse("Der Clan um Nasabarjew verlor an Einfluss.")
    assert linked(doc) == {"Nasabarjew": "person:nursultan-nazarbayev"}
    assert 0.8 <= actor(doc, "person:nursultan-nazarbayev")["confidence"] < 1.0


def test_threshold_drops_uncertain_links(nlp: Language, kb: KnowledgeBase, analyse) -> None:
    strict = ActorLinker(nlp, settings=default_settings(threshold=0.95), kb=kb)
    doc = analyse("Der Clan um Nasabarjew verlor an Einfluss.", component=strict)
    assert linked(doc) == {}


def test_unknown_person_is_a_local_actor(analyse) -> None:
    doc = analyse("Die litauische Expertin Karla Beispielowa sagte das. Beispielowa ist skeptisch.")
    ids = [span._.actor_id for span in doc._.actor_mentions]
    assert ids == ["local:karla-beispielowa"] * 2
    record = actor(doc, "local:karla-beispielowa")
    assert record["country"] == "LTU" and record["role"] == "expert" and record["type"] == "person"


def test_first_name_mismatch_is_not_the_kb_person(analyse) -> None:
    doc = analyse("Wladimir Klitschko besuchte Soldaten.")
    assert linked(doc) == {"Wladimir Klitschko": "local:wladimir-klitschko"}


def test_sector_actors(analyse) -> None:
    doc = analyse("Ein russisches Gericht stoppte die Pipeline. Ukrainische Medien sprachen von Rache.")
    assert linked(doc) == {"russisches Gericht": "RUS:court", "Ukrainische Medien": "UKR:media"}
    assert actor(doc, "RUS:court")["country"] == "RUS" and actor(doc, "RUS:court")["cameo"] == "RUSJUD"
    assert actor(doc, "UKR:media")["type"] == "group"


def test_government_is_the_country(analyse) -> None:
    doc = analyse("Die kasachische Regierung beriet über die Folgen.")
    assert linked(doc) == {"kasachische Regierung": "KAZ"}
    assert actor(doc, "KAZ")["cameo"] == "KAZGOV"


def test_adjective_alone_is_not_an_actor(analyse) -> None:
    assert linked(analyse("Das kasachische Öl fließt über russisches Gebiet.")) == {}


def test_metonymy_but_not_as_a_place(analyse) -> None:
    doc = analyse("Moskau drohte mit Gegenmaßnahmen. In Moskau regnete es.")
    assert [(span.text, span._.actor_id) for span in doc._.actor_mentions] == [("Moskau", "RUS")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wie der „Spiegel“ berichtet, gab es Warnungen.", {"Spiegel": "media:spiegel"}),
        ("Laut Bild soll er zurücktreten.", {"Bild": "media:bild"}),
        ("Er betrachtete sich lange im Spiegel.", {}),
        ("Das Bild zeigt zerstörte Häuser.", {}),
        ("Laut Interfax gab es zwei Tote.", {"Interfax": "media:interfax"}),
    ],
)
def test_media_names_that_are_common_words_need_a_cue(analyse, text: str, expected: dict) -> None:
    assert linked(analyse(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Die Nato verstärkte die Ostflanke.", "org:nato"),
        ("Der Europäische Rat beriet.", "org:european-council"),
        ("Das Kaspische Pipeline-Konsortium stoppte die Verladung.", "org:cpc"),
        ("Die Duma stimmte zu.", "org:duma"),
    ],
)
def test_organisations(analyse, text: str, expected: str) -> None:
    assert list(linked(analyse(text)).values()) == [expected]


def test_acronyms_match_case_sensitively(analyse) -> None:
    assert linked(analyse("Das ist ein Test, ob eu oder us als Wort stört.")) == {}


def test_central_bank_governor_via_the_bank(analyse) -> None:
    doc = analyse("Nach Angaben der russischen Zentralbankchefin sinkt die Inflation.", "2023-02-10")
    assert list(linked(doc).values()) == ["person:elvira-nabiullina"]


def test_no_date_means_today(analyse) -> None:
    doc = analyse("Der russische Präsident sprach.", None)
    assert list(linked(doc).values()) == ["person:vladimir-putin"]


def test_ner_person_not_in_kb_becomes_local(nlp: Language, linker: ActorLinker) -> None:
    words = ["Gestern", "sprach", "Erika", "Musterfrau", "in", "Almaty", "."]
    doc = Doc(nlp.vocab, words=words, ents=["O", "O", "B-PER", "I-PER", "O", "B-LOC", "O"])
    doc = linker(doc)
    assert linked(doc) == {"Erika Musterfrau": "local:erika-musterfrau"}


def test_helpers_actor_at_and_mentions_in(analyse) -> None:
    doc = analyse("Kreml-Sprecher Dmitri Peskow sagte laut Interfax etwas.")
    assert actor_at(doc, 2) == "person:dmitry-peskov"
    assert actor_at(doc, 4) is None
    assert [span._.actor_id for span in mentions_in(doc[3:7])] == ["media:interfax"]


def test_output_offsets_point_into_the_text(analyse) -> None:
    doc = analyse("Kreml-Sprecher Dmitri Peskow nannte Kasachstan einen Freund.")
    for record in doc._.actors:
        for start, end in record["mentions"]:
            assert doc.text[start:end] in record["aliases"]
        assert set(record) >= {
            "id",
            "name",
            "type",
            "country",
            "role",
            "aliases",
            "mentions",
            "cameo",
            "confidence",
        }


def test_factory_is_registered_and_works_in_a_pipeline(nlp: Language) -> None:
    import spacy

    pipeline = spacy.blank("de")
    pipeline.add_pipe(FACTORY, config={"threshold": 0.9})
    doc = pipeline("Russland und Kasachstan verhandeln.")
    assert {record["id"] for record in doc._.actors} == {"RUS", "KAZ"}
    assert pipeline.get_pipe(FACTORY).settings.threshold == 0.9


def test_actor_records_match_the_output_schema(analyse) -> None:
    import json

    import jsonschema

    from lagebild.paths import SCHEMA_DIR

    schema = json.loads((SCHEMA_DIR / "analysis-1.schema.json").read_text(encoding="utf-8"))
    actor_schema = {"$defs": schema["$defs"], **schema["$defs"]["actor"]}
    doc = analyse(
        "Kreml-Sprecher Dmitri Peskow sagte laut TASS, ein russisches Gericht habe entschieden. "
        "Die Expertin Karla Beispielowa widersprach, Moskau schwieg."
    )
    assert len(doc._.actors) == 5
    for record in doc._.actors:
        jsonschema.validate(record, actor_schema)


@pytest.mark.parametrize(
    "text",
    [
        "Ein Sprecher des Kremls wollte nichts sagen.",
        "Er möchte als russischer Präsident in die Geschichte eingehen.",
        "Der designierte russische Präsident schwieg.",
        "Der russische Botschafter wurde einbestellt.",
        "Der Vizekanzler sprach zuerst.",
    ],
)
def test_role_phrases_that_name_no_office_holder(analyse, text: str) -> None:
    assert not [span for span in analyse(text)._.actor_mentions if span._.actor_id.startswith("person:")]


def test_dateline_is_a_place(analyse) -> None:
    assert linked(analyse("Moskau – Die Regierung kündigte Hilfen an.")) == {}


def test_demonym_inside_a_name_is_not_a_country(analyse) -> None:
    assert linked(analyse("Die Deutsche Bank meldete Gewinne.")) == {}


def test_named_prosecutor_is_a_person_not_the_judiciary(analyse) -> None:
    doc = analyse("Der russische Staatsanwalt Pawel Beispielow beantragte Haft.")
    assert linked(doc) == {"russische Staatsanwalt Pawel Beispielow": "local:pawel-beispielow"}
    assert actor(doc, "local:pawel-beispielow")["role"] == "prosecutor"


def test_fuzzy_needs_a_typo_sized_difference(analyse) -> None:
    assert linked(analyse("Der Abgeordnete Beispiel sprach mit Nasarbajewski.")) == {}


def test_role_compounds_prefer_role_nouns_then_sectors_then_descriptors() -> None:
    from lagebild.actors.kb import load_kb
    from lagebild.actors.roles import split_compound

    kb = load_kb()
    lexicon = kb.lexicon
    tables = (
        ("role", lexicon.role_nouns),
        ("sector", lexicon.sector_nouns),
        ("descriptor", lexicon.descriptors),
    )
    for kind, table in tables:
        for noun in list(table)[:30]:
            found = split_compound("kreml" + noun, kb)
            assert found is not None and found[2] == "kreml"
            first = next(k for k, t in tables if noun in t)  # the first table that has it wins
            assert found[0] == first
            assert found[0] != kind or found[1] == table[noun]
