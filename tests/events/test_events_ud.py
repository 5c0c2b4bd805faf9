"""The same predicates on Universal Dependencies parses (pipelines trained on UD German)."""

from __future__ import annotations


def test_ud_separable_verb_and_pp_target(parse, coder):
    doc = parse("""
Moskau Moskau PROPN nsubj 1
setzte setzen VERB ROOT 1 VerbForm=Fin
die der DET det 3
Gaslieferungen Gaslieferung NOUN obj 1
nach nach ADP case 5
Polen Polen PROPN obl 1
aus aus ADP compound:prt 1
. . PUNCT punct 1
""")
    events = coder(doc)._.events
    assert [(e["lemma"], e["source"], e["target"]) for e in events] == [
        ("aussetzen", "local:moskau", "local:polen")
    ]


def test_ud_passive_agent(parse, coder):
    doc = parse("""
Der der DET det 1
Journalist Journalist NOUN nsubj:pass 6
wurde werden AUX aux:pass 6
von von ADP case 5
der der DET det 5
Polizei Polizei NOUN obl:agent 6
festgenommen festnehmen VERB ROOT 6 VerbForm=Part
. . PUNCT punct 6
""")
    event = coder(doc)._.events[0]
    assert (event["type"], event["source"], event["target"]) == (
        "COERCE",
        "local:polizei",
        "local:journalist",
    )


def test_ud_modal_and_negation(parse, coder):
    doc = parse("""
Die der DET det 1
Regierung Regierung NOUN nsubj 5
will wollen AUX aux 5
die der DET det 4
Wahl Wahl NOUN obj 5
anerkennen anerkennen VERB ROOT 5 VerbForm=Inf
. . PUNCT punct 5
""")
    event = coder(doc)._.events[0]
    assert (event["type"], event["status"], event["source"]) == ("SUPPORT", "intended", "local:regierung")
    doc = parse("""
Kiew Kiew PROPN nsubj 1
erkannte erkennen VERB ROOT 1 VerbForm=Fin
die der DET det 3
Wahl Wahl NOUN obj 1
nicht nicht PART advmod 1
an an ADP compound:prt 1
. . PUNCT punct 1
""")
    assert coder(doc)._.events[0]["status"] == "negated"


def test_ud_noun_event_with_host_verb(parse, coder):
    doc = parse("""
Die der DET det 1
EU EU PROPN nsubj 2
verhängte verhängen VERB ROOT 2 VerbForm=Fin
Sanktionen Sanktion NOUN obj 2
gegen gegen ADP case 5
Russland Russland PROPN obl 2
. . PUNCT punct 2
""")
    events = coder(doc)._.events
    assert [(e["type"], e["source"], e["target"]) for e in events] == [
        ("SANCTION", "local:eu", "local:russland")
    ]


def test_ud_denial_of_infinitive_clause(parse, coder):
    doc = parse("""
Der der DET det 1
Kreml Kreml PROPN nsubj 2
bestritt bestreiten VERB ROOT 2 VerbForm=Fin
, , PUNCT punct 6
die der DET det 5
Lieferungen Lieferung NOUN obj 6
gestoppt stoppen VERB xcomp 2 VerbForm=Part
zu zu PART mark 8
haben haben AUX aux 6 VerbForm=Inf
. . PUNCT punct 2
""")
    event = coder(doc)._.events[0]
    assert (event["status"], event["source"]) == ("denied", "local:kreml")


def test_ud_own_subject_beats_vorfeld_before_colon(parse, coder):
    # two main clauses joined by a colon; the verb after it has its own subject (parsed as two
    # nsubj: title and name), and the first clause's subject must not take its place
    doc = parse("""
Die der DET det 1
Opposition Opposition NOUN nsubj 2 Case=Nom
hat haben VERB ROOT 2 VerbForm=Fin
ein ein DET det 4
Thema Thema NOUN obj 2 Case=Acc
: : PUNCT punct 14
Kaum kaum ADV advmod 14
hatte haben AUX aux 14 VerbForm=Fin
der der DET det 9
Präsident Präsident NOUN nsubj 14 Case=Nom
Miller Miller PROPN nsubj 14 Case=Nom
dem der DET det 12
Kanzler Kanzler NOUN iobj 14 Case=Dat
Kredite Kredit NOUN obj 14 Case=Acc
angeboten anbieten VERB parataxis 2 VerbForm=Part
. . PUNCT punct 2
""")
    events = [e for e in coder(doc)._.events if e["trigger"] == "angeboten"]
    assert [(e["type"], e["source"], e["target"]) for e in events] == [
        ("AGREE", "local:miller", "local:kanzler")
    ]


def test_ud_vorfeld_after_colon_is_the_subject(parse, coder):
    # the parse hangs the subject elsewhere: the noun opening the part after the colon is the
    # Vorfeld of its verb, not the noun opening the sentence
    doc = parse("""
Neu Neu ADJ ROOT 0
ist sein AUX cop 0 VerbForm=Fin
nur nur ADV advmod 0
eines eines PRON nsubj 0
: : PUNCT punct 7
Die der DET det 6
Rebellen Rebell NOUN dep 0 Case=Nom
überfielen überfallen VERB parataxis 0 VerbForm=Fin
einen ein DET det 9
Konvoi Konvoi NOUN obj 7 Case=Acc
. . PUNCT punct 0
""")
    events = [e for e in coder(doc)._.events if e["trigger"] == "überfielen"]
    assert [(e["type"], e["source"]) for e in events] == [("ASSAULT", "local:rebellen")]


def test_ud_title_and_name_objects_are_one_target(parse, coder):
    doc = parse("""
Die der DET det 1
Polizei Polizei NOUN nsubj 2 Case=Nom
nahm nehmen VERB ROOT 2 VerbForm=Fin
den der DET det 4
Sprecher Sprecher NOUN obj 2 Case=Acc
Weber Weber PROPN obj 2 Case=Acc
fest fest ADP compound:prt 2
. . PUNCT punct 2
""")
    events = coder(doc)._.events
    assert [(e["type"], e["source"], e["target"]) for e in events] == [
        ("COERCE", "local:polizei", "local:weber")
    ]


def test_ud_second_subject_without_object_is_the_object(parse, coder):
    # the parse gives a perfect-tense clause two subjects and no object: the first is the subject
    doc = parse("""
Rebellen Rebell NOUN nsubj 4 Case=Nom
haben haben AUX aux 4 VerbForm=Fin
die der DET det 3
Soldaten Soldat NOUN nsubj 4 Case=Nom
angegriffen angreifen VERB ROOT 4 VerbForm=Part
. . PUNCT punct 4
""")
    events = coder(doc)._.events
    assert [(e["type"], e["source"], e["target"]) for e in events] == [
        ("ASSAULT", "local:rebellen", "local:soldaten")
    ]


def test_ud_second_subject_beside_object_is_the_dative(parse, coder):
    doc = parse("""
Norwegen Norwegen PROPN nsubj 5 Case=Nom
wird werden AUX aux 5 VerbForm=Fin
den der DET det 3
Rebellen Rebell NOUN nsubj 5 Case=Dat
Waffen Waffe NOUN obj 5 Case=Acc
liefern liefern VERB ROOT 5 VerbForm=Inf
. . PUNCT punct 5
""")
    events = coder(doc)._.events
    assert [(e["type"], e["source"], e["target"]) for e in events] == [
        ("AID", "local:norwegen", "local:rebellen")
    ]


def test_ud_sentence_to_prison_targets_the_object(parse, coder):
    doc = parse("""
Ein ein DET det 1
Gericht Gericht NOUN nsubj 2 Case=Nom
verurteilte verurteilen VERB ROOT 2 VerbForm=Fin
den der DET det 4
Blogger Blogger NOUN obj 2 Case=Acc
zu zu ADP case 7
drei drei NUM nummod 7
Jahren Jahr NOUN obl 2 Case=Dat
Haft Haft NOUN obj 2 Case=Acc
. . PUNCT punct 2
""")
    events = coder(doc)._.events
    assert [(e["type"], e["source"], e["target"]) for e in events] == [
        ("COERCE", "local:gericht", "local:blogger")
    ]


def test_ud_more_than_n_is_a_counted_object(parse, coder):
    # "mehr als 30 Bauern": the comparative "als" parsed as a preposition; the number is no name
    doc = parse("""
Die der DET det 1
Polizei Polizei NOUN nsubj 2 Case=Nom
nahm nehmen VERB ROOT 2 VerbForm=Fin
mehr mehr ADV advmod 6
als als CCONJ case 6
30 30 NUM nummod 6
Bauern Bauer NOUN obl 2 Case=Nom
fest fest ADV compound:prt 2
. . PUNCT punct 2
""")
    events = coder(doc)._.events
    assert [(e["type"], e["source"], e["target"]) for e in events] == [
        ("COERCE", "local:polizei", "local:bauern")
    ]


def test_ud_trip_to_a_state_visit_takes_the_visit_destination(parse, coder):
    # a month is no target; the visit the trip is for is part of the event and lends its "nach"
    doc = parse("""
Die der DET det 1
Ministerin Ministerin NOUN nsubj 2 Case=Nom
reist reisen VERB ROOT 2 VerbForm=Fin
im in ADP case 4
Juni Juni NOUN obl 2 Case=Dat
zu zu ADP case 7
einem ein DET det 7
Staatsbesuch Staatsbesuch NOUN obl 2 Case=Dat
nach nach ADP case 9
Ottawa Ottawa PROPN nmod 7 Case=Dat
. . PUNCT punct 2
""")
    events = coder(doc)._.events
    assert [(e["trigger"], e["type"], e["source"], e["target"]) for e in events] == [
        ("reist", "CONSULT", "local:ministerin", "local:ottawa")
    ]


def test_ud_visit_to_a_capital_targets_its_state(parse, coder):
    from lagebild.places.gazetteer import lookup

    doc = parse("""
Die der DET det 1
Ministerin Ministerin NOUN nsubj 2 Case=Nom
reist reisen VERB ROOT 2 VerbForm=Fin
nach nach ADP case 4
Ottawa Ottawa PROPN obl 2 Case=Dat
. . PUNCT punct 2
""")
    place = lookup("Ottawa")[0]
    doc._.places = [{"id": place["id"], "country": place["country"], "tokens": [4, 5]}]
    assert [e["target"] for e in coder(doc)._.events] == [place["country"]]


def test_ud_coordinated_subjects_of_a_mutual_verb(parse, coder):
    # "vereinbaren" is mutual: the first partner is the source, the second the target
    doc = parse("""
Chile Chile PROPN nsubj 3 Case=Nom
und und CCONJ cc 2
Peru Peru PROPN conj 0 Case=Nom
vereinbarten vereinbaren VERB ROOT 3 VerbForm=Fin
eine ein DET det 5
Waffenruhe Waffenruhe NOUN obj 3 Case=Acc
. . PUNCT punct 3
""")
    agree = [e for e in coder(doc)._.events if e["trigger"] == "vereinbarten"]
    assert [(e["type"], e["source"], e["target"]) for e in agree] == [("AGREE", "local:chile", "local:peru")]


def test_ud_two_objects_without_subject(parse, coder):
    # no subject in the parse, two objects: the first (by word order) is the subject
    doc = parse("""
Im in ADP case 1
Osten Osten NOUN obl 6 Case=Dat
haben haben AUX aux 6 VerbForm=Fin
Milizen Miliz NOUN obj 6 Case=Acc
mehrere mehrere DET det 5
Polizisten Polizist NOUN obj 6 Case=Nom
entführt entführen VERB ROOT 6 VerbForm=Part
. . PUNCT punct 6
""")
    events = coder(doc)._.events
    assert [(e["source"], e["target"]) for e in events] == [("local:milizen", "local:polizisten")]


def test_ud_genitive_parsed_as_second_subject_is_no_object(parse, coder):
    # "die Zollämter beider Staaten": the genitive right after its noun, parsed as a second
    # subject, is part of the subject, not a target; and it is no coordinated partner
    doc = parse("""
Die der DET det 1
Zollämter Zollamt NOUN nsubj 4 Case=Nom
beider beide DET det 3 Case=Gen
Staaten Staat NOUN nsubj 4 Case=Gen
kooperieren kooperieren VERB ROOT 4 VerbForm=Fin
eng eng ADV advmod 4
. . PUNCT punct 4
""")
    events = coder(doc)._.events
    assert [(e["type"], e["source"], e["target"]) for e in events] == [
        ("COOPERATE", "local:zollaemter", None)
    ]
