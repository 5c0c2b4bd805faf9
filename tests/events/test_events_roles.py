"""Predicates and their participants on hand-built TIGER parses."""

from __future__ import annotations

from spacy.tokens import Span


def _only(doc, coder, etype):
    events = [e for e in coder(doc)._.events if e["type"] == etype]
    assert len(events) == 1, coder(doc)._.events
    return events[0]


def test_active_verb_source_and_target(parse, coder):
    doc = parse("""
Kampfjets Kampfjet NOUN sb 1
bombardierten bombardieren VERB ROOT 1 VerbForm=Fin
die der DET nk 3
Rebellen Rebell NOUN oa 1
. . PUNCT punct 1
""")
    event = _only(doc, coder, "ASSAULT")
    assert event["mode"] == "aerial"
    assert event["source"] == "local:kampfjets"
    assert event["target"] == "local:rebellen"
    assert event["status"] == "asserted"
    assert event["cameo"] == "195" and event["goldstein"] < 0
    assert doc.text[slice(*event["trigger_span"])] == "bombardierten"


def test_passive_with_von_agent(parse, coder):
    doc = parse("""
Der der DET nk 1
Journalist Journalist NOUN sb 2
wurde werden AUX ROOT 2 VerbForm=Fin
von von ADP sbp 6
der der DET nk 5
Polizei Polizei NOUN nk 3
festgenommen festnehmen VERB oc 2 VerbForm=Part
. . PUNCT punct 2
""")
    event = _only(doc, coder, "COERCE")
    assert event["mode"] == "arrest"
    assert event["source"] == "local:polizei"
    assert event["target"] == "local:journalist"


def test_separable_verb_with_particle(parse, coder):
    doc = parse("""
Moskau Moskau PROPN sb 1
setzte setzen VERB ROOT 1 VerbForm=Fin
die der DET nk 3
Gaslieferungen Gaslieferung NOUN oa 1
nach nach ADP mo 1
Polen Polen PROPN nk 4
aus aus ADP svp 1
. . PUNCT punct 1
""")
    events = coder(doc)._.events
    assert len(events) == 1  # the object "Gaslieferungen" is part of the event, not another one
    event = events[0]
    assert event["lemma"] == "aussetzen"
    assert event["trigger"] == "setzte aus"
    assert (event["type"], event["domain"], event["commodity"]) == ("SANCTION", "supply_disruption", "gas")
    assert event["source"] == "local:moskau"
    assert event["target"] == "local:polen"


def test_nominalisation_with_genitive_target(parse, coder):
    doc = parse("""
Die der DET nk 1
Festnahme Festnahme NOUN sb 4
des der DET nk 3
Aktivisten Aktivist NOUN ag 1
löste lösen VERB ROOT 4 VerbForm=Fin
Proteste Protest NOUN oa 4
aus aus ADP svp 4
. . PUNCT punct 4
""")
    events = coder(doc)._.events
    assert [e["type"] for e in events] == ["COERCE", "PROTEST"]
    assert events[0]["target"] == "local:aktivisten"
    assert events[0]["source"] is None


def test_noun_event_takes_source_from_support_verb(parse, coder):
    doc = parse("""
Die der DET nk 1
EU EU PROPN sb 2
verhängte verhängen VERB ROOT 2 VerbForm=Fin
Sanktionen Sanktion NOUN oa 2
gegen gegen ADP mo 2
Russland Russland PROPN nk 4
. . PUNCT punct 2
""")
    events = coder(doc)._.events
    assert len(events) == 1
    assert events[0]["type"] == "SANCTION" and events[0]["trigger"] == "Sanktionen"
    assert events[0]["source"] == "local:eu"
    assert events[0]["target"] == "local:russland"


def test_light_verb_construction(parse, coder):
    doc = parse("""
Scholz Scholz PROPN sb 1
führte führen VERB ROOT 1 VerbForm=Fin
Gespräche Gespräch NOUN oa 1
mit mit ADP mo 1
Macron Macron PROPN nk 3
. . PUNCT punct 1
""")
    events = coder(doc)._.events
    assert len(events) == 1
    event = events[0]
    assert event["type"] == "CONSULT" and event["trigger"] == "führte Gespräche"
    assert (event["source"], event["target"]) == ("local:scholz", "local:macron")


def test_content_clause_is_part_of_the_threat(parse, coder):
    doc = parse("""
Moskau Moskau PROPN sb 1
drohte drohen VERB ROOT 1 VerbForm=Fin
, , PUNCT punct 1
die der DET nk 4
Lieferungen Lieferung NOUN oa 6
zu zu PART pm 6
stoppen stoppen VERB oc 1 VerbForm=Inf
. . PUNCT punct 1
""")
    assert [e["type"] for e in coder(doc)._.events] == ["THREATEN"]


def test_actor_ids_from_mentions_and_country(parse, coder):
    doc = parse("""
Der der DET nk 1
Sprecher Sprecher NOUN sb 3
Moskaus Moskau PROPN ag 1
kritisierte kritisieren VERB ROOT 3 VerbForm=Fin
Berlin Berlin PROPN oa 3
. . PUNCT punct 3
""")
    doc.ents = [Span(doc, 2, 3, label="LOC"), Span(doc, 4, 5, label="LOC")]
    doc.ents[0]._.actor_id = "RUS"
    doc.ents[1]._.actor_id = "DEU"
    doc._.actors = [{"id": "RUS", "country": "RUS", "type": "country"}]
    event = _only(doc, coder, "ACCUSE")
    assert event["source"] == "RUS" and event["source_country"] == "RUS"
    assert event["target"] == "DEU" and event["target_country"] == "DEU"
    assert event["source_text"] == "Sprecher Moskaus"


def test_event_keys_and_date_fallback(parse, coder):
    doc = parse("""
Tausende Tausend NOUN sb 1
protestierten protestieren VERB ROOT 1 VerbForm=Fin
. . PUNCT punct 1
""")
    event = _only(doc, coder, "PROTEST")
    for key in (
        "id",
        "type",
        "mode",
        "cameo",
        "goldstein",
        "source",
        "target",
        "date",
        "place",
        "status",
        "via",
        "trigger",
        "trigger_span",
        "span",
        "domain",
        "commodity",
        "source_text",
        "target_text",
        "confidence",
    ):
        assert key in event
    assert event["date"]["end"] == "2024-03-12"  # the article date bounds an undated event
    assert 0.0 <= event["confidence"] <= 1.0
    assert event["span"] == [0, len(doc.text.rstrip())]


def test_things_and_places_are_no_targets(parse, coder):
    doc = parse("""
Kampfjets Kampfjet NOUN sb 1
bombardierten bombardieren VERB ROOT 1 VerbForm=Fin
ein ein DET nk 3
Munitionsdepot Munitionsdepot NOUN oa 1
. . PUNCT punct 1
""")
    event = _only(doc, coder, "ASSAULT")
    assert event["source"] == "local:kampfjets" and event["target"] is None


def test_state_body_in_a_capital_acts_for_its_country(parse, coder):
    from lagebild.places.gazetteer import lookup

    rows = """
Die der DET det 1
Regierung Regierung NOUN nsubj 4
in in ADP case 3
{city} {city} PROPN nmod 1
verbot verbieten VERB ROOT 4 VerbForm=Fin
die der DET det 6
Partei Partei NOUN obj 4
. . PUNCT punct 4
"""
    found = {}
    for city in ("Duschanbe", "Lyon"):  # a capital, and a city that is none
        doc = parse(rows.format(city=city))
        place = lookup(city)[0]
        doc._.places = [{"id": place["id"], "country": place["country"], "tokens": [3, 4]}]
        found[city] = _only(doc, coder, "COERCE")["source"]
    assert found == {"Duschanbe": "TJK", "Lyon": "local:regierung"}
