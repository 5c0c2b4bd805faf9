"""Aggregations on hand-made events: dyad timeline numbers, network edges, quote counts."""

from __future__ import annotations

import pytest

from lagebild.analysis.dyad import dyad_periods, dyad_timeline
from lagebild.analysis.network import actor_network, edge_rows, rank_actors
from lagebild.analysis.periods import bucket
from lagebild.analysis.quoted import quoted
from lagebild.analysis.scale import load_scale
from lagebild.errors import LagebildError


def test_scale_defaults_and_own_values():
    scale = load_scale()
    assert scale.score("SANCTION") < 0 < scale.score("AID")
    assert scale.score("SANCTION", 1.5) == 1.5
    assert scale.quad_class("ASSAULT") == 4 and scale.quad_class("CONSULT") == 1
    assert scale.quad_class("ACCUSE", "163") == 4  # a CAMEO code decides over the type
    assert scale.score("NO_SUCH_TYPE") is None


@pytest.mark.parametrize(
    ("by", "label"),
    [
        ("day", "2022-07-14"),
        ("week", "2022-W28"),
        ("month", "2022-07"),
        ("quarter", "2022-Q3"),
        ("year", "2022"),
    ],
)
def test_buckets(by, label):
    assert bucket("2022-07-14", by) == label
    assert bucket(None, by) == "unknown"


def test_unknown_bucket_is_an_error():
    with pytest.raises(LagebildError) as info:
        bucket("2022-07-14", "fortnight")
    assert info.value.code == "E906"


def test_dyad_timeline_numbers(filled):
    scale = load_scale()
    rows = dyad_timeline(filled, "RUS", "KAZ", by="month")
    table = {(r["period"], r["direction"], r["type"]): r for r in rows}
    # July: the sanction (its near-copy is not counted) and Petrow's accusation (a Russian person)
    assert table[("2022-07", "a->b", "SANCTION")]["events"] == 1
    assert table[("2022-07", "a->b", "ACCUSE")]["events"] == 1
    # August: CONSULT with its own score 2.0, AGREE (alleged) counted, ASSAULT (negated) not
    assert table[("2022-08", "b->a", "CONSULT")]["score_mean"] == 2.0
    assert table[("2022-08", "a->b", "AGREE")]["score_mean"] == scale.score("AGREE")
    assert ("2022-08", "a->b", "ASSAULT") not in table
    periods = {p["period"]: p for p in dyad_periods(rows)}
    assert periods["2022-07"]["events"] == 2 and periods["2022-07"]["conflict"] == 2
    assert periods["2022-08"]["a->b"] == 1 and periods["2022-08"]["b->a"] == 1
    expected = (2.0 + scale.score("AGREE")) / 2
    assert periods["2022-08"]["score_mean"] == pytest.approx(expected)
    with_copies = dyad_timeline(filled, "RUS", "KAZ", include_duplicates=True)
    assert sum(r["events"] for r in with_copies) == sum(r["events"] for r in rows) + 1


def test_dyad_all_statuses(filled):
    rows = dyad_timeline(filled, "RUS", "KAZ", statuses=None)
    assert any(r["type"] == "ASSAULT" for r in rows)


def test_network_edges_and_ranking(filled):
    graph = actor_network(filled)
    assert graph.edges["RUS", "KAZ"]["events"] == 3  # sanction, agree, negated assault
    assert graph.edges["KAZ", "RUS"]["events"] == 1
    # Petrow accuses KAZ (event) and talks about KAZ in his quotation
    edge = graph.edges["person:ivan-petrow", "KAZ"]
    assert edge["events"] == 1 and edge["quotes"] == 1 and edge["weight"] == 2
    assert graph.nodes["person:ivan-petrow"]["name"] == "Ivan Petrov"
    ranked = rank_actors(graph)
    assert ranked[0]["id"] == "KAZ"
    assert {r["community"] for r in ranked} <= set(range(len(ranked)))
    assert edge_rows(graph)[0]["weight"] >= edge_rows(graph)[-1]["weight"]
    only_sanctions = actor_network(filled, types=["SANCTION"])
    assert list(only_sanctions.edges) == [("RUS", "KAZ")]


def test_quoted_by_speaker_channel_about(filled):
    by_speaker = quoted(filled, by="speaker")
    assert by_speaker[0]["key"] == "person:ivan-petrow" and by_speaker[0]["quotes"] == 1
    assert by_speaker[0]["name"] == "Ivan Petrov"
    assert [r["key"] for r in quoted(filled, by="channel")] == ["media:tass"]
    assert [r["key"] for r in quoted(filled, by="about", speaker="Petrow")] == ["KAZ"]
    assert quoted(filled, by="cue")[0]["key"] == "sagen"
    assert quoted(filled, by="speaker", date_from="2023") == []
