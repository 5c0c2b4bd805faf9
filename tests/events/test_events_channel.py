"""Reporting channels, feared events and pledges on hand-built TIGER parses."""

from __future__ import annotations

from spacy.tokens import Span

# a parse that (wrongly) makes the medium a subject of the reported verb
WIE_AGENTUR = """
Wie wie SCONJ cp 2
Agentur Agentur PROPN sb 4
meldete melden VERB mo 4 VerbForm=Fin
, , PUNCT punct 4
trafen treffen VERB ROOT 4 VerbForm=Fin
sich sich PRON oa 4
die der DET nk 7
Minister Minister NOUN sb 4
. . PUNCT punct 4
"""


def _char(doc, i: int, j: int) -> list[int]:
    return [doc[i].idx, doc[j - 1].idx + len(doc[j - 1])]


def _with_medium(doc):
    doc.ents = [Span(doc, 1, 2, label="ORG")]
    doc.ents[0]._.actor_id = "media:agentur"
    return doc


def test_medium_is_the_channel_not_the_source(parse, coder):
    doc = _with_medium(parse(WIE_AGENTUR))
    doc._.quotes = [
        {
            "id": "q1",
            "kind": "indirect",
            "span": _char(doc, 4, 8),
            "speaker": "media:agentur",
            "speaker_span": _char(doc, 1, 2),
            "cue": "meldete",
            "cue_span": _char(doc, 2, 3),
            "via": ["media:agentur"],
        }
    ]
    events = coder(doc)._.events
    meetings = [e for e in events if e["type"] == "CONSULT"]
    assert meetings, events
    assert meetings[0]["source"] != "media:agentur"
    assert meetings[0]["source_text"] == "Minister"
    assert meetings[0]["via"] == ["media:agentur"]


def test_speaker_that_is_no_medium_stays_a_participant(parse, coder):
    doc = parse(WIE_AGENTUR)
    doc.ents = [Span(doc, 1, 2, label="LOC")]
    doc.ents[0]._.actor_id = "POL"
    doc._.quotes = [
        {
            "id": "q1",
            "kind": "indirect",
            "span": _char(doc, 4, 8),
            "speaker": "POL",
            "speaker_span": _char(doc, 1, 2),
            "cue": "meldete",
            "cue_span": _char(doc, 2, 3),
            "via": [],
        }
    ]
    events = coder(doc)._.events
    assert [(e["source"], e["via"]) for e in events if e["type"] == "CONSULT"] == [("POL", ["POL"])]


DROHTE = """
Polen Polen PROPN sb 1
drohte drohen VERB ROOT 1 VerbForm=Fin
laut laut ADP mo 1
Agentur Agentur PROPN nk 2
, , PUNCT punct 1
die der DET nk 6
Grenze Grenze NOUN oa 8
zu zu PART pm 8
schließen schließen VERB oc 1 VerbForm=Inf
. . PUNCT punct 1
"""


def test_cue_event_carries_the_channel_of_its_quotation(parse, coder):
    doc = parse(DROHTE)
    doc._.quotes = [
        {
            "id": "q1",
            "kind": "indirect",
            "span": _char(doc, 5, 9),
            "speaker": "POL",
            "speaker_span": _char(doc, 0, 1),
            "cue": "drohte",
            "cue_span": _char(doc, 1, 2),
            "via": ["media:agentur"],
        }
    ]
    events = coder(doc)._.events
    threats = [e for e in events if e["type"] == "THREATEN"]
    assert threats, events
    assert threats[0]["via"] == ["media:agentur"]


FUERCHTEN = """
Die der DET nk 1
Händler Händler NOUN sb 2
fürchten fürchten VERB ROOT 2 VerbForm=Fin
neue neu ADJ nk 4
Sanktionen Sanktion NOUN oa 2
. . PUNCT punct 2
"""

ERWAEGEN = """
Die der DET nk 1
Union Union NOUN sb 2
erwägt erwägen VERB ROOT 2 VerbForm=Fin
neue neu ADJ nk 4
Sanktionen Sanktion NOUN oa 2
. . PUNCT punct 2
"""


def test_feared_sanctions_are_hypothetical_and_not_the_fearers(parse, coder):
    events = coder(parse(FUERCHTEN))._.events
    assert [(e["type"], e["status"]) for e in events] == [("SANCTION", "hypothetical")]
    assert events[0]["source_text"] != "Händler"


def test_considered_sanctions_keep_their_source(parse, coder):
    events = coder(parse(ERWAEGEN))._.events
    assert [(e["type"], e["status"]) for e in events] == [("SANCTION", "hypothetical")]
    assert events[0]["source_text"] == "Union"


ZUSICHERN = """
Berlin Berlin PROPN sb 1
sicherte sichern VERB ROOT 1 VerbForm=Fin
Kiew Kiew PROPN da 1
Hilfe Hilfe NOUN oa 1
zu zu ADP svp 1
. . PUNCT punct 1
"""


def test_pledge_is_an_asserted_agreement(parse, coder):
    events = coder(parse(ZUSICHERN))._.events
    assert [(e["type"], e["status"], e["trigger"]) for e in events] == [("AGREE", "asserted", "sicherte zu")]
