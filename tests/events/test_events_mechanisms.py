"""Participants and status across clause boundaries, on hand-built UD parses (lagebild's own sentences)."""

from __future__ import annotations

from spacy.tokens import Span


def _events(doc, coder):
    return [(e["type"], e["source"], e["target"], e["status"]) for e in coder(doc)._.events]


def test_relative_pronoun_stands_for_its_antecedent(parse, coder):
    doc = parse("""
Die der DET det 1
Senatoren Senator NOUN nsubj 8
, , PUNCT punct 6
die der PRON nsubj 6
den der DET det 5
Minister Minister NOUN obj 6
kritisierten kritisieren VERB acl:relcl 1 VerbForm=Fin
, , PUNCT punct 6
schwiegen schweigen VERB ROOT 8 VerbForm=Fin
. . PUNCT punct 8
""")
    assert _events(doc, coder) == [("ACCUSE", "local:senatoren", "local:minister", "asserted")]


def test_subjectless_relative_clause_takes_its_antecedent(parse, coder):
    # a parse that hung the verb below its own subject, as if it were a relative clause
    doc = parse("""
Die der DET det 1
Ministerin Ministerin NOUN ROOT 1
hatte haben AUX aux 4 VerbForm=Fin
Kiew Kiew PROPN obj 4
kritisiert kritisieren VERB acl:relcl 1 VerbForm=Part
. . PUNCT punct 1
""")
    assert _events(doc, coder) == [("ACCUSE", "local:ministerin", "local:kiew", "asserted")]


def test_meeting_as_occasion_takes_the_host_subject(parse, coder):
    doc = parse("""
Bei bei ADP case 2
einem ein DET det 2
Treffen Treffen NOUN obl 6
mit mit ADP case 5
der der DET det 5
Kanzlerin Kanzlerin NOUN nmod 2
forderte fordern VERB ROOT 6 VerbForm=Fin
der der DET det 8
Präsident Präsident NOUN nsubj 6
Hilfe Hilfe NOUN obj 6
. . PUNCT punct 6
""")
    events = _events(doc, coder)
    assert ("CONSULT", "local:praesident", "local:kanzlerin", "asserted") in events
    assert [e[0] for e in events] == ["CONSULT", "REQUEST"]


def test_meeting_takes_a_nearby_pair_and_keeps_its_own_clause_status(parse, coder):
    doc = parse("""
Die der DET det 1
Stimmung Stimmung NOUN nsubj 10
zwischen zwischen ADP case 3
Paris Paris PROPN nmod 1
und und CCONJ cc 5
Rom Rom PROPN conj 3
war sein AUX cop 10 VerbForm=Fin
bei bei ADP case 9
dem der DET det 9
Treffen Treffen NOUN obl 10
frostig frostig ADJ ROOT 10
und und CCONJ cc 14
der der DET det 13
Gast Gast NOUN nsubj 14
schwieg schweigen VERB conj 10 VerbForm=Fin
wohl wohl ADV advmod 14
. . PUNCT punct 10
""")
    # "wohl" belongs to the second clause ("und der Gast schwieg wohl"), not to the meeting
    assert _events(doc, coder) == [("CONSULT", "local:paris", "local:rom", "asserted")]


def test_meeting_between_a_pair_codes_both(parse, coder):
    doc = parse("""
Das der DET det 1
Treffen Treffen NOUN nsubj 6
zwischen zwischen ADP case 3
Paris Paris PROPN nmod 1
und und CCONJ cc 5
Rom Rom PROPN conj 3
dauerte dauern VERB ROOT 6 VerbForm=Fin
lange lange ADV advmod 6
. . PUNCT punct 6
""")
    assert _events(doc, coder) == [("CONSULT", "local:paris", "local:rom", "asserted")]


def test_rejected_visit_takes_the_visited_as_target(parse, coder):
    doc = parse("""
Die der DET det 1
Kanzlerin Kanzlerin NOUN nsubj 2
lehnte lehnen VERB ROOT 2 VerbForm=Fin
einen ein DET det 4
Besuch Besuch NOUN obj 2
bei bei ADP case 7
dem der DET det 7
Präsidenten Präsident NOUN nmod 4
ab ab ADP compound:prt 2
. . PUNCT punct 2
""")
    assert _events(doc, coder) == [("REJECT", "local:kanzlerin", "local:praesidenten", "asserted")]


def test_demanded_release_lends_no_target(parse, coder):
    doc = parse("""
Die der DET det 1
Opposition Opposition NOUN nsubj 2
forderte fordern VERB ROOT 2 VerbForm=Fin
die der DET det 4
Freilassung Freilassung NOUN obj 2
der der DET det 6
Journalisten Journalist NOUN nmod 4
. . PUNCT punct 2
""")
    assert _events(doc, coder) == [("REQUEST", "local:opposition", None, "asserted")]


def test_refusal_gives_way_to_the_event_it_refuses(parse, coder):
    doc = parse("""
Die der DET det 1
Regierung Regierung NOUN nsubj 2
weigerte weigern VERB ROOT 2 VerbForm=Fin
sich sich PRON obj 2
, , PUNCT punct 7
das der DET det 6
Urteil Urteil NOUN obj 7
anzuerkennen anerkennen VERB xcomp 2 VerbForm=Inf
. . PUNCT punct 2
""")
    events = coder(doc)._.events
    assert [(e["type"], e["status"]) for e in events] == [("SUPPORT", "negated")]
    doc = parse("""
Die der DET det 1
Regierung Regierung NOUN nsubj 2
weigerte weigern VERB ROOT 2 VerbForm=Fin
sich sich PRON obj 2
, , PUNCT punct 8
die der DET det 6
Gebühren Gebühr NOUN obj 8
zu zu PART mark 8
senken senken VERB xcomp 2 VerbForm=Inf
. . PUNCT punct 2
""")
    assert _events(doc, coder) == [("REJECT", "local:regierung", None, "asserted")]


def test_first_person_in_a_quotation_is_its_speaker(parse, coder):
    doc = parse("""
Wir wir PRON nsubj 1
unterstützen unterstützen VERB ROOT 1 VerbForm=Fin
die der DET det 3
Bauern Bauer NOUN obj 1
. . PUNCT punct 1
""")
    doc._.quotes = [
        {"id": "q1", "kind": "direct", "span": [0, len(doc.text)], "speaker": "person:x", "via": []}
    ]
    event = coder(doc)._.events[0]
    assert (event["type"], event["source"], event["target"]) == ("SUPPORT", "person:x", "local:bauern")
    assert event["via"] == ["person:x"]
    doc._.quotes = []
    assert coder(doc)._.events[0]["source"] != "person:x"


def test_his_country_in_reported_speech_is_the_speakers_country(parse, coder):
    doc = parse("""
Sein sein DET det:poss 1
Land Land NOUN nsubj 2
unterstütze unterstützen VERB ROOT 2 VerbForm=Fin
die der DET det 4
Bauern Bauer NOUN obj 2
. . PUNCT punct 2
""")
    doc._.quotes = [
        {"id": "q1", "kind": "indirect", "span": [0, len(doc.text)], "speaker": "person:y", "via": []}
    ]
    doc._.actors = [{"id": "person:y", "type": "person", "country": "AUT"}]
    event = coder(doc)._.events[0]
    assert (event["source"], event["target"]) == ("AUT", "local:bauern")
    doc._.actors = [{"id": "person:y", "type": "person", "country": None}]
    assert coder(doc)._.events[0]["source"] == "local:land"


def test_dative_object_by_case_when_the_parse_misplaced_it(parse, coder):
    # "Gestern hatte die Ministerin dem Bürgermeister Hilfe angeboten": the dative hangs on the subject
    doc = parse("""
Gestern gestern ADV advmod 8
hatte haben AUX aux 8 VerbForm=Fin
die der DET det 3
Ministerin Ministerin NOUN nsubj 8 Case=Nom
dem der DET det 5 Case=Dat
Bürgermeister Bürgermeister NOUN nmod 3 Case=Dat
am an ADP case 7
Montag Montag NOUN obl 8 Case=Dat
angeboten anbieten VERB ROOT 8 VerbForm=Part
. . PUNCT punct 8
""")
    events = _events(doc, coder)
    assert events == [("AGREE", "local:ministerin", "local:buergermeister", "asserted")]


def test_dative_by_case_skips_prepositional_phrases(parse, coder):
    doc = parse("""
Die der DET det 1
Ministerin Ministerin NOUN nsubj 2 Case=Nom
bot bieten VERB ROOT 2 VerbForm=Fin
nach nach ADP case 5
dem der DET det 5 Case=Dat
Treffen Treffen NOUN obl 2 Case=Dat
Hilfe Hilfe NOUN obj 2 Case=Acc
an an ADP compound:prt 2
. . PUNCT punct 2
""")
    offers = [e for e in _events(doc, coder) if e[0] == "AGREE"]
    assert offers == [("AGREE", "local:ministerin", None, "asserted")]


def test_genitive_name_read_as_apposition_is_the_visitor(parse, coder):
    doc = parse("""
Der der DET det 1
Besuch Besuch NOUN nsubj 3
Macrons Macron PROPN appos 1
endete enden VERB ROOT 3 VerbForm=Fin
. . PUNCT punct 3
""")
    assert _events(doc, coder) == [("CONSULT", "local:macrons", None, "asserted")]


def test_quotation_without_speaker_takes_the_subject_of_its_cue(parse, coder):
    # Die Ministerin sagte : " Unsere Hilfe kommt . "
    doc = parse("""
Die der DET det 1
Ministerin Ministerin NOUN nsubj 2
sagte sagen VERB ROOT 2 VerbForm=Fin
: : PUNCT punct 2
" " PUNCT punct 7
Unsere unser DET det:poss 6
Hilfe Hilfe NOUN nsubj 7
kommt kommen VERB parataxis 2 VerbForm=Fin
. . PUNCT punct 7
" " PUNCT punct 7
""")
    start = doc[4].idx
    cue = (doc[2].idx, doc[2].idx + len(doc[2]))
    doc._.quotes = [
        {"id": "q1", "kind": "direct", "span": [start, len(doc.text)], "speaker": None, "cue_span": list(cue)}
    ]
    event = coder(doc)._.events[0]
    assert (event["type"], event["source"], event["via"]) == ("AID", "local:ministerin", ["local:ministerin"])


def test_sanctions_imposed_before_stay_asserted_in_a_hypothetical_clause(parse, coder):
    # "Die Firmen könnten die verhängten Sanktionen umgehen."
    rows = """
Die der DET det 1
Firmen Firma NOUN nsubj 6
könnten können AUX aux 6 VerbForm=Fin
die der DET det 5
{attribute}
Sanktionen Sanktion NOUN obj 6
umgehen umgehen VERB ROOT 6 VerbForm=Inf
. . PUNCT punct 6
"""
    imposed = parse(rows.format(attribute="verhängten verhängt ADJ amod 5"))
    assert [(e["type"], e["status"]) for e in coder(imposed)._.events] == [("SANCTION", "asserted")]
    harsh = parse(rows.format(attribute="harten hart ADJ amod 5"))
    assert [(e["type"], e["status"]) for e in coder(harsh)._.events] == [("SANCTION", "hypothetical")]


def test_halted_supply_targets_the_country_it_serves(parse, coder):
    # "Der Betreiber stoppte die Leitung, durch die polnisches Öl fließt."
    rows = """
Der der DET det 1
Betreiber Betreiber NOUN nsubj 2
stoppte stoppen VERB ROOT 2 VerbForm=Fin
die der DET det 4
Leitung Leitung NOUN obj 2
, , PUNCT punct 10
durch durch ADP case 7
die der PRON obl 10
{adjective}
Öl Öl NOUN nsubj 10
fließt fließen VERB acl:relcl 4 VerbForm=Fin
. . PUNCT punct 2
"""
    polish = parse(rows.format(adjective="polnisches polnisch ADJ amod 9"))
    assert _events(polish, coder) == [("SANCTION", "local:betreiber", "POL", "asserted")]
    plain = parse(rows.format(adjective="teures teuer ADJ amod 9"))
    assert _events(plain, coder) == [("SANCTION", "local:betreiber", None, "asserted")]


def test_halted_transit_does_not_target_the_transit_country(parse, coder):
    # "Moskau stoppte den Transit durch Polen."
    doc = parse("""
Moskau Moskau PROPN nsubj 1
stoppte stoppen VERB ROOT 1 VerbForm=Fin
den der DET det 3
Transit Transit NOUN obj 1
durch durch ADP case 5
Polen Polen PROPN nmod 3
. . PUNCT punct 1
""")
    doc.ents = [Span(doc, 5, 6, label="LOC")]
    doc.ents[0]._.actor_id = "POL"
    assert _events(doc, coder) == [("SANCTION", "local:moskau", None, "asserted")]
