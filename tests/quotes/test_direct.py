from __future__ import annotations

import pytest


def speech(quotes: list[dict]) -> list[dict]:
    return [q for q in quotes if q["kind"] in ("direct", "indirect", "mixed", "partial")]


@pytest.mark.parametrize("open_mark,close_mark", [("„", "“"), ("»", "«"), ("«", "»"), ('"', '"'), ("“", "”")])
def test_direct_with_frame_after(quotes, open_mark: str, close_mark: str) -> None:
    text = f"{open_mark}Wir bauen die Brücke neu{close_mark}, sagte Bürgermeisterin Petra Lang am Montag."
    found = speech(quotes(text))
    assert len(found) == 1
    quote = found[0]
    assert quote["kind"] == "direct"
    assert quote["text"] == f"{open_mark}Wir bauen die Brücke neu{close_mark}"
    assert quote["cue"] == "sagte"
    assert "Petra Lang" in quote["speaker_text"]
    assert text[slice(*quote["speaker_span"])] == quote["speaker_text"]


def test_colon_quote_with_cue(quotes) -> None:
    text = "Der Trainer erklärte nach dem Spiel: „Wir haben verdient gewonnen.“"
    quote = speech(quotes(text))[0]
    assert quote["kind"] == "direct" and quote["cue"] == "erklärte"
    assert quote["speaker_text"] == "Der Trainer"
    assert quote["span"][0] == text.index("„")


def test_colon_quote_without_cue(quotes) -> None:
    text = "Ministerin Klara Berg: „Das Gesetz kommt im Herbst.“"
    quote = speech(quotes(text))[0]
    assert quote["speaker_text"] == "Ministerin Klara Berg"
    assert quote["cue"] is None


def test_split_quote_is_one_quote_with_parts(quotes) -> None:
    text = "„Wir warten noch“, sagte Jonas Weber, „aber nicht mehr lange.“"
    found = speech(quotes(text))
    assert len(found) == 1
    quote = found[0]
    assert len(quote["parts"]) == 2
    assert quote["span"] == [0, len(text)]
    first, second = quote["parts"]
    assert text[first[0] : first[1]] == "„Wir warten noch“"
    assert text[second[0] : second[1]] == "„aber nicht mehr lange.“"


def test_multi_paragraph_quote(quotes) -> None:
    text = "Die Ärztin sagte: „Die Lage ist ernst.\n\n„Wir brauchen mehr Personal.“"
    found = speech(quotes(text))
    assert len(found) == 1
    assert found[0]["text"].endswith("Personal.“") and len(found[0]["parts"]) == 2


def test_scare_quote_has_no_speaker(quotes) -> None:
    found = quotes("Die angeblichen „Freunde“ kamen nie zum Fest.")
    assert [q["kind"] for q in found] == ["scare"]
    assert found[0]["speaker"] is None and found[0]["speaker_text"] is None


def test_media_title_in_quotes(quotes) -> None:
    found = quotes("Das sagte der Minister der Zeitung „Nordkurier“ am Dienstag.")
    titles = [q for q in found if q["kind"] == "title"]
    assert [q["text"] for q in titles] == ["„Nordkurier“"]
    assert titles[0]["speaker"] is None


def test_proper_name_in_quotes_is_title(quotes) -> None:
    found = quotes("Das Bündnis trat der sogenannten Gruppe „Grüne Mitte Nord“ bei.")
    assert found and all(q["kind"] in ("title", "scare") for q in found)


def test_unframed_sentence_quote_inherits_previous_speaker(quotes) -> None:
    text = "„Wir sind bereit“, sagte Tom Fischer. „Das Team hat hart gearbeitet.“"
    found = speech(quotes(text))
    assert len(found) == 2
    assert found[1]["speaker"] == found[0]["speaker"] == "local:tom-fischer"


def test_heading_duplicate_is_linked(quotes) -> None:
    text = "„Wir bleiben hier“\nDie Bewohner protestierten. „Wir bleiben hier“, sagte Eva Roth."
    found = speech(quotes(text))
    heading = next(q for q in found if q["span"][0] == 0)
    body = next(q for q in found if q["span"][0] > 0)
    assert heading["duplicate_of"] == body["id"]
    assert heading["speaker"] == body["speaker"]


def test_offsets_point_into_text(quotes) -> None:
    text = "Vorher. „Eins, zwei, drei.“, zählte Ole Brandt laut."
    for quote in quotes(text):
        assert text[quote["span"][0] : quote["span"][1]] == quote["text"]


def test_quote_running_on_over_paragraphs_without_marks_is_one_quote(quotes) -> None:
    text = (
        "Die Richterin wandte sich an die Presse.\n\n„Wir haben sorgfältig abgewogen.\n"
        "Schreiben Sie mit Bedacht über diesen Fall.\n\nMehr können wir nicht tun.“\n\nDann ging sie."
    )
    found = speech(quotes(text))
    assert len(found) == 1
    assert len(found[0]["parts"]) == 3
    assert found[0]["text"].startswith("„Wir haben") and found[0]["text"].endswith("nicht tun.“")
