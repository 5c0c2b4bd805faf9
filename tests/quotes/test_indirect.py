from __future__ import annotations

import spacy
from spacy.tokens import Doc

from lagebild.quotes import find_quotes
from lagebild.quotes.indirect import _infinitive_end, is_subjunctive


def kinds(found: list[dict]) -> list[str]:
    return [q["kind"] for q in found]


def test_indirect_with_comma_frame(quotes) -> None:
    text = "Ein Sprecher der Stadtwerke sagte, es seien keine Entscheidungen getroffen worden."
    found = quotes(text)
    assert kinds(found) == ["indirect"]
    quote = found[0]
    assert quote["text"] == "es seien keine Entscheidungen getroffen worden"
    assert quote["speaker_text"] == "Ein Sprecher der Stadtwerke"
    assert quote["cue"] == "sagte"


def test_dass_clause_and_particle_verb(quotes) -> None:
    text = "Die Ministerin kündigte am Abend an, dass die Schulen geöffnet blieben."
    quote = quotes(text)[0]
    assert quote["cue"] == "kündigte an"
    assert quote["text"].startswith("dass die Schulen")


def test_denial_flag(quotes) -> None:
    quote = quotes("Der Konzern wies die Vorwürfe zurück, man habe korrekt gehandelt.")[0]
    assert quote["cue"] == "wies zurück" and quote["denial"] is True


def test_frame_after_content(quotes) -> None:
    text = "Die Lage sei unter Kontrolle, erklärte Polizeisprecher Max Kurz."
    quote = quotes(text)[0]
    assert quote["kind"] == "indirect"
    assert quote["text"] == "Die Lage sei unter Kontrolle"
    assert "Max Kurz" in quote["speaker_text"]


def test_stripped_quote_marks_first_person(quotes) -> None:
    quote = quotes("Ich bin nicht müde, sagt Lena Vogt.")[0]
    assert quote["kind"] == "direct"
    assert quote["text"] == "Ich bin nicht müde"
    assert quote["speaker"] == "local:lena-vogt"


def test_laut_attribution(quotes) -> None:
    quote = quotes("Laut Nachrichtenagentur Nordpress ist die Brücke gesperrt.")[0]
    assert quote["cue"] == "Laut"
    assert quote["text"] == "ist die Brücke gesperrt"
    assert quote["via_text"] == ["Nachrichtenagentur Nordpress"]
    assert quote["via"] == ["local:nachrichtenagentur-nordpress"]


def test_zufolge_attribution(quotes) -> None:
    quote = quotes("Dem Wetterdienst zufolge wird es am Wochenende regnen.")[0]
    assert quote["cue"] == "zufolge"
    assert quote["speaker_text"] == "Dem Wetterdienst"
    assert quote["text"] == "wird es am Wochenende regnen"


def test_nach_angaben_attribution(quotes) -> None:
    quote = quotes("Nach Angaben der Feuerwehr wurden zwei Menschen verletzt.")[0]
    assert quote["cue"] == "Nach Angaben"
    assert quote["speaker_text"] == "der Feuerwehr"


def test_partial_quote_inside_indirect(quotes) -> None:
    text = "Mit dem Nachbarland gebe es „keine Probleme“, sagte der Botschafter."
    found = quotes(text)
    assert sorted(kinds(found)) == ["indirect", "partial"]
    partial = next(q for q in found if q["kind"] == "partial")
    container = next(q for q in found if q["kind"] == "indirect")
    assert partial["in"] == container["id"]
    assert partial["speaker"] == container["speaker"] is not None


def test_mostly_quoted_reported_speech_is_mixed(quotes) -> None:
    text = (
        "Die Stadt sei „fest entschlossen, die neue Brücke bis zum Herbst zu bauen“, sagte die Bauleiterin."
    )
    found = quotes(text)
    assert sorted(kinds(found)) == ["mixed", "partial"]
    mixed = next(q for q in found if q["kind"] == "mixed")
    assert mixed["speaker_text"] == "die Bauleiterin"


def test_relative_clause_is_not_content(quotes) -> None:
    found = quotes("Er bestätigte den Bericht, der am Montag erschien und viel Aufsehen erregte.")
    assert not [q for q in found if q["kind"] == "indirect"]


def _hand_doc() -> Doc:
    nlp = spacy.blank("de")
    words = ["Anna", "Meier", "sagte", ",", "sie", "habe", "keine", "Zeit", ".", "Sie", "sei", "krank", "."]
    return Doc(
        nlp.vocab,
        words=words,
        spaces=[True, False, False, True, True, True, True, False, True, True, True, False, False],
        pos=[
            "PROPN",
            "PROPN",
            "VERB",
            "PUNCT",
            "PRON",
            "AUX",
            "DET",
            "NOUN",
            "PUNCT",
            "PRON",
            "AUX",
            "ADJ",
            "PUNCT",
        ],
        heads=[1, 2, 2, 2, 5, 2, 7, 5, 2, 10, 10, 10, 10],
        deps=["pnc", "sb", "ROOT", "punct", "sb", "oc", "nk", "oa", "punct", "sb", "ROOT", "pd", "punct"],
        morphs=[
            "",
            "",
            "Mood=Ind|VerbForm=Fin",
            "",
            "Case=Nom|Gender=Fem|Number=Sing",
            "Mood=Sub|Number=Sing|Person=3|VerbForm=Fin",
            "",
            "",
            "",
            "Case=Nom|Gender=Fem|Number=Sing",
            "Mood=Sub|Number=Sing|Person=3|VerbForm=Fin",
            "",
            "",
        ],
    )


def test_subjunctive_from_morphology() -> None:
    doc = _hand_doc()
    assert is_subjunctive(doc[5]) and not is_subjunctive(doc[2])


def test_parse_subject_and_continuation() -> None:
    doc = _hand_doc()
    found = find_quotes(doc)
    assert kinds(found) == ["indirect", "indirect"]
    first, second = found
    assert first["speaker_text"] == "Anna Meier"
    assert second["continues"] == first["id"]
    assert second["speaker"] == first["speaker"] == "local:anna-meier"
    assert second["text"] == "Sie sei krank."


def test_indicative_sentence_does_not_continue() -> None:
    doc = _hand_doc()
    doc[10].set_morph("Mood=Ind|Number=Sing|Person=3|VerbForm=Fin")
    assert kinds(find_quotes(doc)) == ["indirect"]


def test_postposed_cue_noun(quotes) -> None:
    quote = quotes("Seiner Meinung nach sei das Verfahren zu teuer gewesen.")[0]
    assert quote["cue"] == "nach"
    assert quote["text"].startswith("sei das Verfahren")


def test_wonach_takes_source_before_comma(quotes) -> None:
    text = "Es gibt einen Bericht der Hafenbehörde, wonach das Schiff gesunken sei."
    quote = next(q for q in quotes(text) if q["cue"] == "wonach")
    assert quote["text"] == "das Schiff gesunken sei"
    assert "Hafenbehörde" in quote["speaker_text"]


def test_laut_with_quoted_title(quotes) -> None:
    found = quotes("Laut „Morgenblatt“ soll der Hafen im Mai öffnen.")
    assert [q["kind"] for q in found] == ["title", "indirect"]
    quote = found[1]
    assert quote["speaker_text"] == "„Morgenblatt“"
    assert quote["text"] == "soll der Hafen im Mai öffnen"


def test_inverted_subject_after_finite_verb(quotes) -> None:
    quote = quotes("Am Montag geht die Regierung davon aus, dass der Zug pünktlich fährt.")[0]
    assert quote["cue"] == "geht aus"
    assert quote["speaker_text"] == "die Regierung"


def test_so_dass_is_not_a_frame(quotes) -> None:
    assert quotes("Der Regen hielt an, so dass die Straße gesperrt wurde.") == []


def test_cue_in_adverbial_clause_is_no_frame(quotes) -> None:
    assert quotes("Wenn der Vertrag bestätigt wird, beginnt der Bau im Juni.") == []


def test_konjunktiv_continuation_with_a_quoted_fragment(quotes) -> None:
    text = (
        'Die Ministerin sagte am Montag in Wien: "Wir sind mit dem Ergebnis sehr zufrieden." '
        'Mit den Nachbarn gebe es "keine Probleme". Die Gespräche gehen weiter.'
    )
    found = quotes(text)
    assert kinds(found) == ["direct", "indirect", "partial"]
    direct, indirect, partial = found
    assert indirect["text"].startswith("Mit den Nachbarn gebe es")
    assert partial["text"] == '"keine Probleme"'
    assert indirect["speaker_text"] == partial["speaker_text"] == direct["speaker_text"]
    assert direct["speaker_text"] is not None


def test_run_table_answers_like_the_tokens() -> None:
    """Inside a find_quotes run the per-token questions are read from one table; they must
    give the Token's answers, Konjunktiv included (no morphology: the form lexicon decides)."""
    from lagebild.quotes.units import CACHE_KEY, RunTable, run_table, word_indices

    doc = _hand_doc()
    doc[6].lemma_ = "Kein"
    bare = Doc(spacy.blank("de").vocab, words=["Er", "habe", "gesagt"])  # no POS, no morphology
    for d in (doc, bare):
        before = [is_subjunctive(t) for t in d]
        assert run_table(d) is None  # outside a run: no table
        d.user_data[CACHE_KEY] = {}
        table = run_table(d)
        assert isinstance(table, RunTable) and run_table(d) is table  # built once per run
        assert [is_subjunctive(t) for t in d] == before
        assert table.lower == [t.lower_ for t in d] and table.pos == [t.pos_ for t in d]
        assert table.lemma == [t.lemma_.lower() for t in d]
        assert word_indices(d, 0, len(d)) == [t.i for t in d if not (t.is_punct or t.is_space)]
        if d is doc:
            assert table.mood[2] is False and table.mood[5] is True and table.mood[4] is None
        d.user_data.pop(CACHE_KEY)
    assert table.mood == [None, None, None]  # the bare Doc: no morphology at all
    assert [is_subjunctive(t) for t in bare] == [False, True, False]  # "habe": a Konjunktiv form
    assert is_subjunctive(doc[10]) and not is_subjunctive(doc[2])


def _tagged(rows: list[tuple[str, str, str, str]]) -> Doc:
    words, tags, pos, lemmas = (list(column) for column in zip(*rows, strict=True))
    spaces = [k + 1 < len(words) and words[k + 1] not in (",", ".") for k in range(len(words))]
    return Doc(spacy.blank("de").vocab, words=words, spaces=spaces, tags=tags, pos=pos, lemmas=lemmas)


def test_apposition_after_a_trailing_frame_belongs_to_the_speaker() -> None:
    rows = [
        ("Die", "ART", "DET", "die"), ("Lage", "NN", "NOUN", "lage"), ("sei", "VAFIN", "AUX", "sein"),
        ("ernst", "ADJD", "ADJ", "ernst"), (",", "$,", "PUNCT", ","), ("sagte", "VVFIN", "VERB", "sagen"),
        ("Huber", "NE", "PROPN", "Huber"), (",", "$,", "PUNCT", ","), ("der", "ART", "DET", "der"),
        ("Sprecher", "NN", "NOUN", "sprecher"), ("der", "ART", "DET", "der"),
        ("so", "ADV", "ADV", "so"), ("genannten", "ADJA", "VERB", "genannt"),
        ("Klinik", "NN", "NOUN", "klinik"), (".", "$.", "PUNCT", "."),
    ]  # fmt: skip
    found = [q for q in find_quotes(_tagged(rows)) if q["kind"] == "indirect"]
    assert [q["text"] for q in found] == ["Die Lage sei ernst"]
    assert found[0]["speaker_text"].startswith("Huber")


def test_coordinated_infinitives_are_one_content() -> None:
    rows = [
        ("Die", "ART", "DET", "die"), ("Kritiker", "NN", "NOUN", "kritiker"),
        ("warfen", "VVFIN", "VERB", "werfen"), ("der", "ART", "DET", "der"),
        ("Firma", "NN", "NOUN", "firma"), ("vor", "PTKVZ", "ADP", "vor"), (",", "$,", "PUNCT", ","),
        ("das", "ART", "DET", "das"), ("Werk", "NN", "NOUN", "werk"), ("zu", "PTKZU", "PART", "zu"),
        ("schließen", "VVINF", "VERB", "schließen"), ("und", "KON", "CCONJ", "und"),
        ("die", "ART", "DET", "die"), ("Anwohner", "NN", "NOUN", "anwohner"),
        ("zu", "PTKZU", "PART", "zu"), ("informieren", "VVINF", "VERB", "informieren"),
        (".", "$.", "PUNCT", "."),
    ]  # fmt: skip
    doc = _tagged(rows)
    found = [q for q in find_quotes(doc) if q["kind"] == "indirect"]
    assert [q["text"] for q in found] == ["das Werk zu schließen und die Anwohner zu informieren"]
    # the infinitive clause opening after the comma reaches over ``und`` to the second infinitive
    assert _infinitive_end(doc, 7, len(doc)) == 16
    # … but not over ``und`` to a finite verb
    rows[12:16] = [("wartete", "VVFIN", "VERB", "warten"), ("ab", "PTKVZ", "ADP", "ab")]
    assert _infinitive_end(_tagged(rows), 7, len(rows)) == 11
