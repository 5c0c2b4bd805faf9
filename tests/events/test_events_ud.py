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
