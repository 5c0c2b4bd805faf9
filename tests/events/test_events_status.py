"""Epistemic status and quotation chains on hand-built TIGER parses."""

from __future__ import annotations

import pytest


def _types_status(doc, coder):
    return [(e["type"], e["status"]) for e in coder(doc)._.events]


SOLL_HABEN = """
Russland Russland PROPN sb 1
soll sollen AUX ROOT 1 VerbForm=Fin
die der DET nk 3
Leitung Leitung NOUN oa 4
gesprengt sprengen VERB oc 5 VerbForm=Part
haben haben AUX oc 1 VerbForm=Inf
. . PUNCT punct 1
"""

ANGEBLICH = """
Die der DET nk 1
Armee Armee NOUN sb 2
griff greifen VERB ROOT 2 VerbForm=Fin
angeblich angeblich ADV mo 2
ein ein DET nk 5
Dorf Dorf NOUN oa 2
an an ADP svp 2
. . PUNCT punct 2
"""

BESTRITT = """
Der der DET nk 1
Kreml Kreml PROPN sb 2
bestritt bestreiten VERB ROOT 2 VerbForm=Fin
, , PUNCT punct 2
die der DET nk 5
Lieferungen Lieferung NOUN oa 6
gestoppt stoppen VERB oc 8 VerbForm=Part
zu zu PART pm 8
haben haben AUX oc 2 VerbForm=Inf
. . PUNCT punct 2
"""

WILL = """
Die der DET nk 1
Regierung Regierung NOUN sb 2
will wollen AUX ROOT 2 VerbForm=Fin
die der DET nk 4
Exporte Export NOUN oa 5
stoppen stoppen VERB oc 2 VerbForm=Inf
. . PUNCT punct 2
"""

ANKUENDIGEN = """
Brüssel Brüssel PROPN sb 1
kündigte kündigen VERB ROOT 1 VerbForm=Fin
an an ADP svp 1
, , PUNCT punct 1
neue neu ADJ nk 5
Sanktionen Sanktion NOUN oa 7
zu zu PART pm 7
verhängen verhängen VERB oc 1 VerbForm=Inf
. . PUNCT punct 1
"""

NICHT = """
Die der DET nk 1
Regierung Regierung NOUN sb 2
erkannte erkennen VERB ROOT 2 VerbForm=Fin
die der DET nk 4
Wahl Wahl NOUN oa 2
nicht nicht PART ng 2
an an ADP svp 2
. . PUNCT punct 2
"""

KOENNTE = """
Russland Russland PROPN sb 1
könnte können AUX ROOT 1 VerbForm=Fin|Mood=Sub
die der DET nk 3
Lieferungen Lieferung NOUN oa 4
stoppen stoppen VERB oc 1 VerbForm=Inf
. . PUNCT punct 1
"""

FALLS = """
Falls falls SCONJ cp 3
Moskau Moskau PROPN sb 3
Truppen Truppe NOUN oa 3
verlegt verlegen VERB ROOT 3 VerbForm=Fin
. . PUNCT punct 3
"""

LEHNTE_AB = """
Kiew Kiew PROPN sb 1
lehnte lehnen VERB ROOT 1 VerbForm=Fin
Gespräche Gespräch NOUN oa 1
ab ab ADP svp 1
. . PUNCT punct 1
"""

WEIGERT = """
Die der DET nk 1
Junta Junta NOUN sb 2
weigerte weigern VERB ROOT 2 VerbForm=Fin
sich sich PRON oa 2
, , PUNCT punct 2
die der DET nk 6
Wahl Wahl NOUN oa 8
anzuerkennen anerkennen VERB oc 2 VerbForm=Inf
. . PUNCT punct 2
"""

KEIN = """
Beide beide PRON sb 1
führten führen VERB ROOT 1 VerbForm=Fin
keine kein DET nk 3
Gespräche Gespräch NOUN oa 1
. . PUNCT punct 1
"""


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (SOLL_HABEN, ("ASSAULT", "alleged")),
        (ANGEBLICH, ("ASSAULT", "alleged")),
        (BESTRITT, ("SANCTION", "denied")),
        (WILL, ("SANCTION", "intended")),
        (ANKUENDIGEN, ("SANCTION", "intended")),
        (NICHT, ("SUPPORT", "negated")),
        (KOENNTE, ("SANCTION", "hypothetical")),
        (FALLS, ("MOBILIZE", "hypothetical")),
        (LEHNTE_AB, ("REJECT", "asserted")),
        (WEIGERT, ("SUPPORT", "negated")),
        (KEIN, ("CONSULT", "negated")),
    ],
    ids=[
        "soll-haben",
        "angeblich",
        "bestritt",
        "will",
        "kuendigte-an",
        "nicht",
        "koennte",
        "falls",
        "lehnte-ab",
        "weigert-sich",
        "kein",
    ],
)
def test_status(parse, coder, rows, expected):
    assert _types_status(parse(rows), coder) == [expected]


def test_denied_and_intended_events_keep_the_governing_subject(parse, coder):
    assert coder(parse(BESTRITT))._.events[0]["source"] == "local:kreml"
    assert coder(parse(ANKUENDIGEN))._.events[0]["source"] == "local:bruessel"


def test_keep_negated_false_drops_negated_events(parse):
    from lagebild.events import EventCoder

    assert EventCoder(keep_negated=False)(parse(NICHT))._.events == []


INSIDE_QUOTE = """
Man man PRON sb 1
stoppte stoppen VERB ROOT 1 VerbForm=Fin
die der DET nk 3
Lieferungen Lieferung NOUN oa 1
nicht nicht PART ng 1
, , PUNCT punct 1
dementierte dementieren VERB ROOT 6 VerbForm=Fin
Gazprom Gazprom PROPN sb 6
. . PUNCT punct 6
"""


def test_via_from_quote_and_denial_cue(parse, coder):
    doc = parse(INSIDE_QUOTE)
    end = doc[4].idx + len(doc[4])
    doc._.quotes = [
        {
            "id": "q1",
            "kind": "indirect",
            "span": [0, end],
            "speaker": "org:gazprom",
            "via": ["media:tass"],
            "cue": "dementierte",
        }
    ]
    event = coder(doc)._.events[0]
    assert event["via"] == ["org:gazprom", "media:tass"]
    assert event["status"] == "denied"


def test_no_via_outside_quotes(parse, coder):
    doc = parse(WILL)
    doc._.quotes = [{"id": "q1", "kind": "direct", "span": [0, 3], "speaker": "RUS", "via": []}]
    assert coder(doc)._.events[0]["via"] == []


def test_scare_quote_makes_a_charge_alleged(parse, coder):
    doc = parse(LEHNTE_AB)
    doc._.quotes = [{"id": "q1", "kind": "scare", "span": [0, len(doc.text)], "speaker": None, "via": []}]
    assert coder(doc)._.events[0]["status"] == "alleged"
