"""lagebild.time.normalize: detection and values against fixed article dates (own sentences)."""

from __future__ import annotations

import pytest

from lagebild.document import DocDate
from lagebild.time import normalize

DAY = DocDate.parse("2022-07-06")  # a Wednesday
MONTH = DocDate.parse("2022-07")


def first(text: str, anchor: DocDate | None = DAY) -> dict:
    found = normalize(text, anchor)
    assert found, f"nothing found in {text!r}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "expected_text", "value"),
    [
        ("Sie trafen sich am 4. Juli in Genf.", "4. Juli", "2022-07-04"),
        ("Das Treffen war am 4.7.2022.", "4.7.2022", "2022-07-04"),
        ("Das Treffen war am 04.07.22.", "04.07.22", "2022-07-04"),
        ("Die Gespräche enden Anfang Juli.", "Anfang Juli", "2022-07"),
        ("Im Jänner wurde gewählt.", "Jänner", "2022-01"),
        ("Am 3. Jan. 2021 begann es.", "3. Jan. 2021", "2021-01-03"),
        ("Das war im Jahr 2021 so.", "Jahr 2021", "2021"),
        ("Im ersten Quartal stieg der Umsatz.", "ersten Quartal", "2022-Q1"),
        ("Im Sommer wird verhandelt.", "Sommer", "2022-SU"),
        ("Am Montag, dem 4. Juli, kam er an.", "Montag, dem 4. Juli", "2022-07-04"),
        ("In den neunziger Jahren lebte sie dort.", "den neunziger Jahren", "199"),
        ("Im 20. Jahrhundert war das anders.", "20. Jahrhundert", "19"),
    ],
)
def test_absolute_expressions(text: str, expected_text: str, value: str) -> None:
    timex = first(text)
    assert timex["text"] == expected_text
    assert timex["value"] == value
    assert text[timex["span"][0] : timex["span"][1]] == expected_text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Er reiste am vergangenen Montag ab.", "2022-07-04"),
        ("Letzten Freitag sprach sie vor dem Rat.", "2022-07-01"),
        ("Gestern wurde abgestimmt.", "2022-07-05"),
        ("Vorgestern wurde abgestimmt.", "2022-07-04"),
        ("Die Sitzung ist heute.", "2022-07-06"),
        ("Die Sitzung ist morgen.", "2022-07-07"),
        ("Er kam vor zwei Wochen an.", "2022-W25"),
        ("Sie zog vor drei Jahren weg.", "2019"),
        ("Die Wahl ist in zwei Tagen.", "2022-07-08"),
        ("Nächste Woche beginnt der Gipfel.", "2022-W28"),
        ("Vergangenes Jahr stiegen die Preise.", "2021"),
        ("Diesen Monat wird entschieden.", "2022-07"),
        ("Kürzlich wurde das Gesetz geändert.", "PAST_REF"),
        ("Bald wird das Gesetz geändert.", "FUTURE_REF"),
        ("Derzeit wird verhandelt.", "PRESENT_REF"),
        ("Seit Februar wird verhandelt.", "2022-02"),
    ],
)
def test_relative_expressions_day_anchor(text: str, value: str) -> None:
    assert first(text)["value"] == value


def test_relative_date_interval_is_a_single_day_for_a_day_anchor() -> None:
    timex = first("Gestern wurde abgestimmt.")
    assert (timex["start"], timex["end"], timex["precision"]) == ("2022-07-05", "2022-07-05", "day")


def test_month_anchor_gives_honest_interval_for_weekday() -> None:
    timex = first("Er reiste am vergangenen Montag ab.", MONTH)
    assert timex["precision"] == "day"
    assert timex["start"] == "2022-06-27"
    assert timex["end"] == "2022-07-25"
    assert timex["value"] != "2022-07-04"  # no made-up single day


def test_month_anchor_gives_honest_interval_for_gestern() -> None:
    timex = first("Gestern wurde abgestimmt.", MONTH)
    assert (timex["start"], timex["end"], timex["precision"]) == ("2022-06-30", "2022-07-30", "day")
    assert "X" in timex["value"]


def test_month_anchor_keeps_absolute_dates_exact() -> None:
    timex = first("Das Treffen war am 4. Juli 2022.", MONTH)
    assert (timex["value"], timex["start"], timex["end"]) == ("2022-07-04", "2022-07-04", "2022-07-04")


def test_unknown_anchor_keeps_absolute_dates_and_blanks_relative_ones() -> None:
    assert first("Am 4. Juli 2022 war Wahl.", None)["value"] == "2022-07-04"
    assert first("Gestern war Wahl.", None)["value"] == "XXXX-XX-XX"


def test_modifiers_narrow_the_interval() -> None:
    start = first("Anfang Juli wurde gewählt.")
    end = first("Ende Juli wurde gewählt.")
    assert start["mod"] == "START" and end["mod"] == "END"
    assert start["start"] == "2022-07-01" and start["end"] < end["start"]
    assert end["end"] == "2022-07-31"


def test_end_of_year() -> None:
    timex = first("Bis Ende des Jahres soll das Gesetz stehen.")
    assert timex["text"] == "Ende des Jahres"
    assert timex["value"] == "2022"
    assert timex["end"] == "2022-12-31" and timex["start"] > "2022-07-01"


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("Die Verhandlungen dauerten zwei Wochen.", "DURATION", "P2W"),
        ("Er blieb ein halbes Jahr.", "DURATION", "P0.5Y"),
        ("Das Treffen findet jährlich statt.", "SET", "P1Y"),
        ("Sie streikten jahrelang.", "DURATION", "PXY"),
        ("Der Rat tagt jeden Montag.", "SET", "XXXX-WXX-1"),
        ("Er kam um 20.30 Uhr an.", "TIME", "2022-07-06T20:30"),
    ],
)
def test_types(text: str, kind: str, value: str) -> None:
    timex = first(text)
    assert (timex["type"], timex["value"]) == (kind, value)


def test_durations_and_sets_have_no_interval() -> None:
    timex = first("Die Verhandlungen dauerten zwei Wochen.")
    assert timex["start"] is None and timex["end"] is None


def test_clock_time_takes_the_day_named_in_the_sentence() -> None:
    found = normalize("Am 9. Juli um 18 Uhr beginnt das Konzert.", DAY)
    assert [t["value"] for t in found] == ["2022-07-09", "2022-07-09T18:00"]


def test_holidays_fixed_and_computed() -> None:
    assert first("An Weihnachten ruht die Arbeit.")["value"] == "2022-12-25"
    assert first("Zu Ostern 2024 reist er.")["value"] == "2024-03-31"
    assert first("Silvester feiert sie in Wien.")["value"] == "2022-12-31"


def test_tense_moves_weekday_and_month_without_year() -> None:
    past = first("Am Samstag hatte die Partei gewählt.")
    future = first("Am Samstag wird die Partei wählen.")
    assert past["value"] == "2022-07-02" and future["value"] == "2022-07-09"
    assert first("Im Dezember hatte er gekündigt.")["value"] == "2021-12"


def test_ago_keeps_the_timeml_reading() -> None:
    timex = first("Sie zog vor drei Jahren weg.")
    assert timex["timeml"]["type"] == "DURATION" and timex["timeml"]["value"] == "P3Y"
    assert timex["text"] == "vor drei Jahren"


def test_morgen_as_noun_is_a_time_of_day() -> None:
    timex = first("Am Morgen gingen sie los.")
    assert timex["type"] == "TIME" and timex["value"].endswith("TMO")


def test_morgen_at_sentence_start_is_tomorrow() -> None:
    assert first("Morgen wird gewählt.")["value"] == "2022-07-07"


def test_quantities_are_not_years() -> None:
    found = normalize("Rund 1500 Soldaten und 2000 Euro wurden genannt.", DAY)
    assert found == []


def test_ages_are_not_durations() -> None:
    assert normalize("Der 22 Jahre alte Fahrer blieb unverletzt.", DAY) == []


def test_discourse_words_are_not_timexes() -> None:
    assert normalize("Er hat nun bisher nichts gesagt.", DAY) == []


def test_offsets_point_into_the_text() -> None:
    text = "Am 4. Juli 2022 und gestern sowie nächste Woche."
    for timex in normalize(text, DAY):
        assert text[timex["span"][0] : timex["span"][1]] == timex["text"]


@pytest.mark.parametrize(
    "text",
    [
        "date 2022-13",
        "31.02.2022",
        "",
        "   ",
        "am 99. Juli",
        "Uhr Uhr 25 Uhr",
        "vor Jahren in",
        "\x00\n\t",
        "Jahr " * 200,
    ],
)
def test_odd_input_does_not_crash(text: str) -> None:
    found = normalize(text, DAY)
    assert isinstance(found, list)
    for timex in found:
        assert timex["type"] in {"DATE", "TIME", "DURATION", "SET"}


def test_invalid_dates_are_dropped() -> None:
    values = [t["value"] for t in normalize("Termine: 31.02.2022 und 2022-13-01.", DAY)]
    assert "2022-02-31" not in values
    assert not any(v.startswith("2022-13") for v in values)


def test_duration_anchored_to_a_date_becomes_a_date() -> None:
    timex = first("Ein halbes Jahr nach dem 4. Juli 2021 trat er zurück.")
    assert timex["type"] == "DATE" and timex["rule"] == "anchored"
    assert timex["value"] == "2022-01"
    assert [part["type"] for part in timex["timeml_parts"]] == ["DURATION", "DATE"]


def test_duration_anchored_to_an_event_stays_a_duration() -> None:
    timex = first("Ein halbes Jahr nach der Wahl trat er zurück.")
    assert (timex["type"], timex["value"], timex["start"]) == ("DURATION", "P0.5Y", None)


def test_later_is_relative_to_the_last_date_named() -> None:
    found = normalize("Im Jahr 2015 wurde sie gewählt. Zwei Jahre später trat sie zurück.", DAY)
    assert [t["value"] for t in found] == ["2015", "2017"]


def test_narrative_mode_resolves_against_the_last_date_named() -> None:
    text = (
        "Der Vertrag wurde 1921 unterzeichnet. Im Mai folgte die Ratifizierung, am 3. Juni trat er in Kraft."
    )
    news = [t["value"] for t in normalize(text, DAY)]
    story = [t["value"] for t in normalize(text, DAY, mode="narrative")]
    assert story == ["1921", "1921-05", "1921-06-03"]
    assert news[1] != "1921-05"


def test_unknown_mode_is_refused() -> None:
    with pytest.raises(ValueError):
        normalize("Gestern.", DAY, mode="poetry")


def test_output_matches_the_analysis_schema() -> None:
    import json

    import jsonschema

    from lagebild.record import schema

    timex_schema = {"$ref": "#/$defs/timex", "$defs": schema()["$defs"]}
    interval_schema = {"$ref": "#/$defs/interval", "$defs": schema()["$defs"]}
    text = "Gestern, am 4. Juli 2022, zwei Wochen lang, jährlich, um 20 Uhr, vor drei Jahren, im Sommer."
    found = normalize(text, MONTH)
    assert len(found) >= 6
    for timex in found:
        jsonschema.validate(timex, timex_schema)
        jsonschema.validate({k: timex[k] for k in ("start", "end", "precision")}, interval_schema)
        json.dumps(timex)


def test_four_letter_month_names_are_not_abbreviations() -> None:
    assert first("Die Wahl war am 15. März.")["value"] == "2022-03-15"
    assert normalize("Jan Müller kam.", DAY) == []


def test_clock_ranges_give_both_ends() -> None:
    found = normalize("Geöffnet von 14-18 Uhr.", DAY)
    assert [t["value"] for t in found] == ["2022-07-06T14:00", "2022-07-06T18:00"]


def test_years_before_christ() -> None:
    timex = first("Im Jahr 216 v. Chr. verlor Rom eine Schlacht.", None)
    assert (timex["value"], timex["start"], timex["precision"]) == ("BC0216", None, "year")


def test_same_day_refers_to_the_last_date_named() -> None:
    found = normalize("Am 3. Mai 2021 begann der Streik. Am selben Tag trat der Minister zurück.", DAY)
    assert [t["value"] for t in found] == ["2021-05-03", "2021-05-03"]
