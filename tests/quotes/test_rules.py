"""Rules added for accuracy on news text: frames, titles, fragments, Konjunktiv, speakers.

Docs are tokenized by ``spacy.blank("de")``; where a rule needs tags, morphology or a parse,
the Doc is built by hand with exactly the annotation the rule reads.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from lagebild.quotes import find_quotes
from lagebild.quotes.indirect import is_subordinator, main_clause_subjunctive, reported_subjunctive
from lagebild.quotes.units import units


def speech(found: list[dict]) -> list[dict]:
    return [q for q in found if q["kind"] in ("direct", "indirect", "mixed", "partial")]


def by_kind(found: list[dict], kind: str) -> list[dict]:
    return [q for q in found if q["kind"] == kind]


def annotated(
    words: list[str],
    *,
    pos: list[str],
    tags: list[str],
    deps: list[str] | None = None,
    heads: list[int] | None = None,
    morphs: list[str] | None = None,
    spaces: list[bool] | None = None,
) -> Doc:
    vocab = spacy.blank("de").vocab
    return Doc(
        vocab,
        words=words,
        spaces=spaces,
        pos=pos,
        tags=tags,
        deps=deps,
        heads=heads,
        morphs=morphs or [""] * len(words),
    )


# --- sentence units and frames that belong to a quotation -----------------------------------


def test_quote_mark_after_spaced_period_opens_a_new_unit() -> None:
    words = ["Wir", "treffen", "uns", "in", "Saal", "3.", '"', "Schön", "hier", '"', ",", "sagte", "sie", "."]
    spaces = [True, True, True, True, True, True, False, True, False, False, True, True, False, False]
    doc = Doc(spacy.blank("de").vocab, words=words, spaces=spaces)
    assert [doc[start].text for start, _ in units(doc)] == ["Wir", '"']


def test_frame_after_narration_and_colon_belongs_to_the_quote(quotes) -> None:
    text = "Das Ergebnis war bitter: „Wir haben heute alles verloren“, sagte Trainerin Ute Brandt."
    found = quotes(text)
    assert not by_kind(found, "mixed") and not by_kind(found, "indirect")
    quote = by_kind(found, "direct")[0]
    assert quote["text"] == "„Wir haben heute alles verloren“"
    assert "Ute Brandt" in quote["speaker_text"]


def test_scare_quote_before_a_colon_frame_is_not_merged(quotes) -> None:
    text = "Die Ministerin hatte schon vorher „zuckersüß“ gesagt: „Wir bleiben enge Partner.“"
    found = quotes(text)
    scare = by_kind(found, "scare")
    direct = by_kind(found, "direct")
    assert [q["text"] for q in scare] == ["„zuckersüß“"] and scare[0]["speaker"] is None
    assert direct[0]["text"] == "„Wir bleiben enge Partner.“"
    assert direct[0]["speaker_text"] == "Die Ministerin"


def test_frame_reaches_over_a_quoted_medium(quotes) -> None:
    text = "Später sagte Ministerin Eva Lind im Gespräch mit dem „Nordkurier“ über die Pläne: „Wir halten daran fest.“"
    found = quotes(text)
    medium = next(q for q in found if q["text"] == "„Nordkurier“")
    assert medium["kind"] == "title" and medium["speaker"] is None
    quote = by_kind(found, "direct")[0]
    assert "Eva Lind" in quote["speaker_text"]
    assert quote["via_text"] == ["Gespräch mit dem „Nordkurier“"]


def test_quote_on_its_own_line_links_to_the_body(quotes) -> None:
    text = (
        "Neue Brücke für Altdorf\n\n„Wir halten daran fest“\n\n"
        "Die Ministerin sagte: „Wir halten daran fest, auch wenn es teurer wird.“"
    )
    found = quotes(text)
    heading = next(q for q in found if q["text"] == "„Wir halten daran fest“")
    body = next(q for q in found if q["text"].startswith("„Wir halten daran fest, auch"))
    assert heading["kind"] == "direct" and heading["duplicate_of"] == body["id"]
    assert heading["speaker"] == body["speaker"] is not None


# --- titles, names and scare quotes ----------------------------------------------------------


def test_name_ending_in_abbreviation_is_not_a_sentence(quotes) -> None:
    found = quotes("Den Antrag stellte der „Freundeskreis Stadtpark Altdorf e.V.“ im Mai.")
    assert not speech(found)


def test_naming_word_makes_a_title(quotes) -> None:
    found = quotes("Das erste Modell namens „Blauer Blitz“ kam 2019 auf den Markt.")
    assert [q["kind"] for q in found] == ["title"]
    found = quotes("Die Stadt hat den Platz auch „Neue Mitte“ genannt.")
    assert [q["kind"] for q in found] == ["title"]


def test_compound_medium_noun_makes_a_title(quotes) -> None:
    found = quotes("Wie das Fachmagazin „Grüne Welt“ meldete, steigen die Preise.")
    assert next(q for q in found if "Grüne Welt" in q["text"])["kind"] == "title"


def test_known_medium_in_marks_is_a_title(quotes) -> None:
    found = quotes("Das sagte er in einem Interview mit „Reuters“ am Abend.")
    assert [q["kind"] for q in found if q["text"] == "„Reuters“"] == ["title"]


# --- quoted phrases someone used ------------------------------------------------------------


def test_fragment_with_naming_verb_is_the_subjects_words(quotes) -> None:
    text = "Die Ministerin bezeichnete den Plan am Dienstag als „unverantwortlich“ und ging."
    quote = by_kind(quotes(text), "direct")[0]
    assert quote["text"] == "„unverantwortlich“"
    assert quote["speaker_text"] == "Die Ministerin"


def test_fragment_without_such_verb_stays_scare(quotes) -> None:
    found = quotes("Die Stadt plant einen „modernen“ Bahnhof am Fluss.")
    assert [q["kind"] for q in found] == ["scare"]


def test_fragment_with_quoted_name_is_not_speech() -> None:
    words = ["Der", "Bericht", "nennt", "„", "Lumio", "“", "als", "Beispiel", "."]
    doc = annotated(
        words,
        pos=["DET", "NOUN", "VERB", "PUNCT", "PROPN", "PUNCT", "ADP", "NOUN", "PUNCT"],
        tags=["ART", "NN", "VVFIN", "$(", "NE", "$(", "APPR", "NN", "$."],
        spaces=[True, True, True, False, False, True, True, False, False],
    )
    assert not speech(find_quotes(doc))


# --- reported speech -----------------------------------------------------------------------


def test_subordinator_tagged_as_preposition_may_open_content() -> None:
    words = [
        "Bis",
        "Freitag",
        "seien",
        "alle",
        "Flüge",
        "gestrichen",
        ",",
        "teilte",
        "die",
        "Sprecherin",
        "mit",
        ".",
    ]
    doc = annotated(
        words,
        pos=["ADP", "PROPN", "AUX", "DET", "NOUN", "VERB", "PUNCT", "VERB", "DET", "NOUN", "ADP", "PUNCT"],
        tags=["APPR", "NE", "VAFIN", "PIAT", "NN", "VVPP", "$,", "VVFIN", "ART", "NN", "PTKVZ", "$."],
        morphs=["", "", "Mood=Sub", "", "", "", "", "Mood=Ind", "", "", "", ""],
        spaces=[True, True, True, True, True, False, True, True, True, True, False, False],
    )
    assert not is_subordinator(doc[0])
    quote = speech(find_quotes(doc))[0]
    assert quote["text"] == "Bis Freitag seien alle Flüge gestrichen"
    assert quote["speaker_text"] == "die Sprecherin"


def test_indicative_main_clause_after_a_frame_is_narration() -> None:
    words = [
        "Der",
        "Pilot",
        "meldete",
        "einen",
        "Defekt",
        ",",
        "später",
        "landete",
        "die",
        "Maschine",
        "sicher",
        ".",
    ]
    doc = annotated(
        words,
        pos=["DET", "NOUN", "VERB", "DET", "NOUN", "PUNCT", "ADV", "VERB", "DET", "NOUN", "ADV", "PUNCT"],
        tags=["ART", "NN", "VVFIN", "ART", "NN", "$,", "ADV", "VVFIN", "ART", "NN", "ADJD", "$."],
        morphs=["", "", "Mood=Ind", "", "", "", "", "Mood=Ind", "", "", "", ""],
        spaces=[True, True, True, True, False, True, True, True, True, True, False, False],
    )
    assert not speech(find_quotes(doc))


def test_wie_frame_reports_indicative_content() -> None:
    words = ["Wie", "die", "Polizei", "mitteilte", ",", "ist", "die", "Straße", "wieder", "frei", "."]
    doc = annotated(
        words,
        pos=["SCONJ", "DET", "NOUN", "VERB", "PUNCT", "AUX", "DET", "NOUN", "ADV", "ADJ", "PUNCT"],
        tags=["PWAV", "ART", "NN", "VVFIN", "$,", "VAFIN", "ART", "NN", "ADV", "ADJD", "$."],
        morphs=["", "", "", "Mood=Ind", "", "Mood=Ind", "", "", "", "", ""],
        spaces=[True, True, True, False, True, True, True, True, True, False, False],
    )
    quote = speech(find_quotes(doc))[0]
    assert quote["text"] == "ist die Straße wieder frei"
    assert quote["speaker_text"] == "die Polizei"


def test_konjunktiv_one_with_umlaut_reports_speech_konjunktiv_two_does_not() -> None:
    words = ["müsse", "könne", "gehöre", "müsste", "wäre", "hätten"]
    doc = annotated(words, pos=["AUX"] * 6, tags=["VMFIN"] * 6, morphs=["Mood=Sub"] * 6)
    assert [reported_subjunctive(t) for t in doc] == [True, True, True, False, False, True]


def test_unframed_konjunktiv_sentence_is_reported_speech(quotes) -> None:
    text = "Die Feuerwehr rückte am Morgen aus. Der Brand sei gegen Mittag gelöscht worden."
    found = speech(quotes(text))
    assert [q["text"] for q in found] == ["Der Brand sei gegen Mittag gelöscht worden."]
    assert found[0]["kind"] == "indirect"


def test_konjunktiv_in_subordinate_clause_only_is_not_main_clause() -> None:
    words = ["Er", "ging", ",", "weil", "es", "spät", "sei", "."]
    doc = annotated(
        words,
        pos=["PRON", "VERB", "PUNCT", "SCONJ", "PRON", "ADJ", "AUX", "PUNCT"],
        tags=["PPER", "VVFIN", "$,", "KOUS", "PPER", "ADJD", "VAFIN", "$."],
        deps=["nsubj", "ROOT", "punct", "mark", "nsubj", "advcl", "cop", "punct"],
        heads=[1, 1, 5, 5, 5, 1, 5, 1],
        morphs=["", "Mood=Ind", "", "", "", "", "Mood=Sub", ""],
    )
    assert not main_clause_subjunctive(doc, (0, len(doc)), set())


# --- speakers ------------------------------------------------------------------------------


def test_unframed_konjunktiv_takes_the_subject_of_the_sentence_before() -> None:
    words = ["Das", "Institut", "sieht", "keine", "Gefahr", ".", "Das", "Virus", "sei", "harmlos", "."]
    doc = annotated(
        words,
        pos=["DET", "NOUN", "VERB", "DET", "NOUN", "PUNCT", "DET", "NOUN", "AUX", "ADJ", "PUNCT"],
        tags=["ART", "NN", "VVFIN", "PIAT", "NN", "$.", "ART", "NN", "VAFIN", "ADJD", "$."],
        deps=["det", "nsubj", "ROOT", "det", "obj", "punct", "det", "nsubj", "cop", "ROOT", "punct"],
        heads=[1, 2, 2, 4, 2, 2, 7, 9, 9, 9, 9],
        morphs=["", "", "Mood=Ind", "", "", "", "", "", "Mood=Sub", "", ""],
        spaces=[True, True, True, True, False, True, True, True, True, False, False],
    )
    quote = speech(find_quotes(doc))[0]
    assert quote["text"] == "Das Virus sei harmlos."
    assert quote["speaker_text"] == "Das Institut"


def test_colon_after_a_clause_without_cue_names_its_subject() -> None:
    words = ["Der", "Trainer", "lehnte", "ab", ":", "„", "Das", "kommt", "nicht", "infrage", ".", "“"]
    doc = annotated(
        words,
        pos=["DET", "NOUN", "VERB", "ADP", "PUNCT", "PUNCT", "PRON", "VERB", "PART", "ADV", "PUNCT", "PUNCT"],
        tags=["ART", "NN", "VVFIN", "PTKVZ", "$.", "$(", "PDS", "VVFIN", "PTKNEG", "ADV", "$.", "$("],
        deps=[
            "det",
            "nsubj",
            "ROOT",
            "compound:prt",
            "punct",
            "punct",
            "nsubj",
            "parataxis",
            "advmod",
            "advmod",
            "punct",
            "punct",
        ],
        heads=[1, 2, 2, 2, 2, 7, 7, 2, 7, 7, 7, 7],
        spaces=[True, True, True, False, True, False, True, True, True, False, False, False],
    )
    quote = by_kind(find_quotes(doc), "direct")[0]
    assert quote["speaker_text"] == "Der Trainer"


def test_passive_frame_speaker_is_the_von_phrase() -> None:
    words = [
        "Der",
        "Plan",
        "wurde",
        "von",
        "der",
        "Ministerin",
        "als",
        "„",
        "verfehlt",
        "“",
        "bezeichnet",
        ".",
    ]
    doc = annotated(
        words,
        pos=["DET", "NOUN", "AUX", "ADP", "DET", "NOUN", "ADP", "PUNCT", "ADJ", "PUNCT", "VERB", "PUNCT"],
        tags=["ART", "NN", "VAFIN", "APPR", "ART", "NN", "KOKOM", "$(", "ADJD", "$(", "VVPP", "$."],
        spaces=[True, True, True, True, True, True, True, False, False, True, False, False],
    )
    quote = by_kind(find_quotes(doc), "direct")[0]
    assert quote["text"] == "„verfehlt“"
    assert quote["speaker_text"] == "der Ministerin"


def test_speaker_phrase_drops_attribution_and_adverb() -> None:
    words = ["„", "Ja", "“", ",", "sagte", "Sprecher", "Tim", "Roth", "laut", "Agentur", "ruhig", "."]
    doc = annotated(
        words,
        pos=[
            "PUNCT",
            "INTJ",
            "PUNCT",
            "PUNCT",
            "VERB",
            "NOUN",
            "PROPN",
            "PROPN",
            "ADP",
            "NOUN",
            "ADJ",
            "PUNCT",
        ],
        tags=["$(", "ITJ", "$(", "$,", "VVFIN", "NN", "NE", "NE", "APPR", "NN", "ADJD", "$."],
        deps=[
            "punct",
            "ROOT",
            "punct",
            "punct",
            "parataxis",
            "nsubj",
            "flat",
            "flat",
            "case",
            "nmod",
            "advmod",
            "punct",
        ],
        heads=[1, 1, 1, 4, 1, 4, 5, 5, 9, 5, 5, 1],
        spaces=[False, False, False, True, True, True, True, True, True, True, False, False],
    )
    quote = by_kind(find_quotes(doc), "direct")[0]
    assert quote["speaker_text"] == "Sprecher Tim Roth"


def test_possessive_opinion_aside_is_not_an_attribution(quotes) -> None:
    found = quotes("Der Plan ist seiner Meinung nach viel zu teuer für die kleine Stadt.")
    assert not speech(found)


def test_tagged_article_after_comma_may_open_a_main_clause() -> None:
    words = ["Die", "Zeitung", "schrieb", ",", "die", "Firma", "habe", "Schulden", "."]
    doc = annotated(
        words,
        pos=["DET", "NOUN", "VERB", "PUNCT", "PRON", "NOUN", "AUX", "NOUN", "PUNCT"],
        tags=["ART", "NN", "VVFIN", "$,", "PRELS", "NN", "VAFIN", "NN", "$."],
        morphs=["", "", "Mood=Ind", "", "", "", "Mood=Sub", "", ""],
        spaces=[True, True, False, True, True, True, True, False, False],
    )
    quote = speech(find_quotes(doc))[0]
    assert quote["text"] == "die Firma habe Schulden"
    assert quote["speaker_text"] == "Die Zeitung"


def test_relative_clause_tagged_as_such_is_not_content() -> None:
    words = ["Sie", "lobte", "den", "Plan", ",", "den", "der", "Rat", "beschlossen", "hat", "."]
    doc = annotated(
        words,
        pos=["PRON", "VERB", "DET", "NOUN", "PUNCT", "PRON", "DET", "NOUN", "VERB", "AUX", "PUNCT"],
        tags=["PPER", "VVFIN", "ART", "NN", "$,", "PRELS", "ART", "NN", "VVPP", "VAFIN", "$."],
        spaces=[True, True, True, False, True, True, True, True, True, False, False],
    )
    assert not speech(find_quotes(doc))


def test_konjunktiv_after_a_later_frame_takes_that_frames_speaker(quotes) -> None:
    text = (
        "„Wir prüfen das“, sagte der Bürgermeister. "
        "Die Kämmerin vertrat dagegen die Ansicht, das Geld sei zu knapp."
    )
    found = speech(quotes(text))
    reported = next(q for q in found if q["kind"] == "indirect")
    assert reported["text"] == "das Geld sei zu knapp"
    assert reported["speaker_text"] == "Die Kämmerin"


def test_anaphoric_frame_reports_the_sentence_before(quotes) -> None:
    text = "Die Brücke bleibt bis Mai gesperrt. Das teilte die Stadtverwaltung am Freitag mit."
    quote = speech(quotes(text))[0]
    assert quote["text"] == "Die Brücke bleibt bis Mai gesperrt"
    assert quote["speaker_text"] == "die Stadtverwaltung"


def _dass_doc(words: list[str], pos: list[str], tags: list[str], deps: list[str], heads: list[int]) -> Doc:
    spaces = [not (k + 1 < len(words) and words[k + 1] in (",", ".")) for k in range(len(words))]
    return annotated(words, pos=pos, tags=tags, deps=deps, heads=heads, spaces=spaces)


def test_dass_clause_after_a_main_clause_with_subject_is_reported() -> None:
    doc = _dass_doc(
        ["Die", "Ärztin", "zeigte", "sich", "sicher", ",", "dass", "alle", "genesen", "."],
        ["DET", "NOUN", "VERB", "PRON", "ADJ", "PUNCT", "SCONJ", "PRON", "VERB", "PUNCT"],
        ["ART", "NN", "VVFIN", "PRF", "ADJD", "$,", "KOUS", "PIS", "VVFIN", "$."],
        ["det", "nsubj", "ROOT", "obj", "xcomp", "punct", "mark", "nsubj", "ccomp", "punct"],
        [1, 2, 2, 2, 2, 8, 8, 8, 4, 2],
    )
    quote = speech(find_quotes(doc))[0]
    assert quote["text"] == "dass alle genesen"
    assert quote["speaker_text"] == "Die Ärztin"


def test_consecutive_dass_clause_is_not_reported() -> None:
    doc = _dass_doc(
        ["Der", "Sturm", "war", "so", "stark", ",", "dass", "Bäume", "fielen", "."],
        ["DET", "NOUN", "AUX", "ADV", "ADJ", "PUNCT", "SCONJ", "NOUN", "VERB", "PUNCT"],
        ["ART", "NN", "VAFIN", "ADV", "ADJD", "$,", "KOUS", "NN", "VVFIN", "$."],
        ["det", "nsubj", "cop", "advmod", "ROOT", "punct", "mark", "nsubj", "advcl", "punct"],
        [1, 4, 4, 4, 4, 8, 8, 8, 4, 4],
    )
    assert not speech(find_quotes(doc))


def test_misparsed_prepositional_phrase_before_a_colon_is_no_speaker() -> None:
    # "Und auf die Frage, ob sie bleibe, kam die Antwort: „Ja, sicher.“" with the question
    # phrase parsed as subject of "kam": the quote gets no speaker from that phrase
    words = ["Und", "auf", "die", "Frage", ",", "ob", "sie", "bleibe", ",", "kam", "die", "Antwort", ":"]
    words += ["„", "Ja", ",", "sicher", ".", "“"]
    pos = ["CCONJ", "ADP", "DET", "NOUN", "PUNCT", "SCONJ", "PRON", "VERB", "PUNCT", "VERB", "DET", "NOUN"]
    pos += ["PUNCT", "PUNCT", "PART", "PUNCT", "ADV", "PUNCT", "PUNCT"]
    tags = ["KON", "APPR", "ART", "NN", "$,", "KOUS", "PPER", "VVFIN", "$,", "VVFIN", "ART", "NN", "$."]
    tags += ["$(", "PTKANT", "$,", "ADV", "$.", "$("]
    deps = ["cc", "case", "det", "nsubj", "punct", "mark", "nsubj", "acl", "punct", "ROOT", "det", "obj"]
    deps += ["punct", "punct", "parataxis", "punct", "advmod", "punct", "punct"]
    heads = [3, 3, 3, 9, 9, 7, 7, 3, 9, 9, 11, 9, 9, 14, 9, 14, 14, 14, 14]
    spaces = [True, True, True, False, True, True, True, False, True, True, True, False, True]
    spaces += [False, False, True, False, False, False]
    doc = annotated(words, pos=pos, tags=tags, deps=deps, heads=heads, spaces=spaces)
    direct = by_kind(find_quotes(doc), "direct")
    assert [q["text"] for q in direct] == ["„Ja, sicher.“"]
    assert "Frage" not in (direct[0]["speaker_text"] or "")


def test_leading_conjunction_does_not_hide_a_preposition() -> None:
    from lagebild.quotes.speakers import speaker_score

    doc = annotated(
        ["Und", "auf", "die", "Frage", "Und", "die", "Sprecherin"],
        pos=["CCONJ", "ADP", "DET", "NOUN", "CCONJ", "DET", "NOUN"],
        tags=["KON", "APPR", "ART", "NN", "KON", "ART", "NN"],
    )
    assert speaker_score(doc[0:4]) < 0
    assert speaker_score(doc[4:7]) >= 0


def test_bare_answer_noun_before_a_colon_is_no_speaker() -> None:
    # "Dann kam die Antwort: „Ja.“": "die Antwort" is what was said, not who said it
    words = ["Dann", "kam", "die", "Antwort", ":", "„", "Ja", ".", "“"]
    pos = ["ADV", "VERB", "DET", "NOUN", "PUNCT", "PUNCT", "PART", "PUNCT", "PUNCT"]
    tags = ["ADV", "VVFIN", "ART", "NN", "$.", "$(", "PTKANT", "$.", "$("]
    deps = ["advmod", "ROOT", "det", "nsubj", "punct", "punct", "parataxis", "punct", "punct"]
    heads = [1, 1, 3, 1, 1, 6, 1, 6, 6]
    spaces = [True, True, True, False, True, False, False, False, False]
    doc = annotated(words, pos=pos, tags=tags, deps=deps, heads=heads, spaces=spaces)
    direct = by_kind(find_quotes(doc), "direct")
    assert [q["text"] for q in direct] == ["„Ja.“"]
    assert "Antwort" not in (direct[0]["speaker_text"] or "")


def test_content_noun_with_an_owner_still_speaks() -> None:
    from lagebild.quotes.direct import _bare_content_noun

    doc = annotated(
        ["die", "Antwort", "des", "Ministers", "die", "Antwort"],
        pos=["DET", "NOUN", "DET", "NOUN", "DET", "NOUN"],
        tags=["ART", "NN", "ART", "NN", "ART", "NN"],
    )
    assert not _bare_content_noun(doc[0:4])
    assert _bare_content_noun(doc[4:6])


def test_participle_in_a_comparison_is_no_cue() -> None:
    from lagebild.quotes.cues import verb_cue

    # "Die Kosten stiegen stärker als erwartet." / "Die Ministerin hat erwartet, …"
    doc = annotated(
        ["Die", "Kosten", "stiegen", "stärker", "als", "erwartet", ".", "Sie", "hat", "erwartet", ","],
        pos=["DET", "NOUN", "VERB", "ADJ", "CCONJ", "VERB", "PUNCT", "PRON", "AUX", "VERB", "PUNCT"],
        tags=["ART", "NN", "VVFIN", "ADJD", "KOKOM", "VVPP", "$.", "PPER", "VAFIN", "VVPP", "$,"],
    )
    if verb_cue(doc, 9) is None:
        pytest.skip("'erwarten' is no cue verb in the lexicon")
    assert verb_cue(doc, 5) is None


def test_relative_pronoun_is_the_subject_of_a_fragment_verb() -> None:
    # "Der Chef, der den Plan als „Unsinn“ bezeichnete, ging." with the quoted word misparsed as
    # the subject: the nominative relative pronoun names the one who used the word
    words = [
        "Der",
        "Chef",
        ",",
        "der",
        "den",
        "Plan",
        "als",
        "„",
        "Unsinn",
        "“",
        "bezeichnete",
        ",",
        "ging",
        ".",
    ]
    pos = ["DET", "NOUN", "PUNCT", "PRON", "DET", "NOUN", "CCONJ", "PUNCT", "NOUN", "PUNCT", "VERB", "PUNCT"]
    pos += ["VERB", "PUNCT"]
    tags = ["ART", "NN", "$,", "PRELS", "ART", "NN", "KOKOM", "$(", "NN", "$(", "VVFIN", "$,", "VVFIN", "$."]
    deps = ["det", "nsubj", "punct", "det", "det", "obj", "case", "punct", "nsubj", "punct", "acl", "punct"]
    deps += ["ROOT", "punct"]
    heads = [1, 12, 10, 5, 5, 10, 8, 8, 10, 8, 1, 10, 12, 12]
    morphs = [""] * 3 + ["Case=Nom|PronType=Rel"] + [""] * 10
    spaces = [True, False, True, True, True, True, True, False, False, True, False, True, False, False]
    doc = annotated(words, pos=pos, tags=tags, deps=deps, heads=heads, morphs=morphs, spaces=spaces)
    direct = by_kind(find_quotes(doc), "direct")
    assert [q["text"] for q in direct] == ["„Unsinn“"]
    assert direct[0]["speaker_text"] == "Der Chef"


def test_passive_agent_from_the_parse_when_the_participle_is_tagged_finite() -> None:
    # "Die Werke werden von Kennern als „Meilensteine“ bezeichnet." (bezeichnet tagged VVFIN)
    words = ["Die", "Werke", "werden", "von", "Kennern", "als", "„", "Meilensteine", "“", "bezeichnet", "."]
    pos = ["DET", "NOUN", "AUX", "ADP", "NOUN", "CCONJ", "PUNCT", "NOUN", "PUNCT", "VERB", "PUNCT"]
    tags = ["ART", "NN", "VAFIN", "APPR", "NN", "KOKOM", "$(", "NN", "$(", "VVFIN", "$."]
    deps = [
        "det",
        "nsubj:pass",
        "aux:pass",
        "case",
        "obl:agent",
        "mark",
        "punct",
        "obl",
        "punct",
        "ROOT",
        "punct",
    ]
    heads = [1, 9, 9, 4, 9, 7, 7, 9, 7, 9, 9]
    spaces = [True, True, True, True, True, True, False, False, True, False, False]
    doc = annotated(words, pos=pos, tags=tags, deps=deps, heads=heads, spaces=spaces)
    direct = by_kind(find_quotes(doc), "direct")
    assert [q["text"] for q in direct] == ["„Meilensteine“"]
    assert direct[0]["speaker_text"] == "Kennern"


def test_phrase_of_another_conjunct_is_no_source_of_a_passive_naming() -> None:
    # "Der Strom, der von der Sonne ausgeht und als „Sonnenwind“ bezeichnet wird, trifft uns."
    words = [
        "Der",
        "Strom",
        ",",
        "der",
        "von",
        "der",
        "Sonne",
        "ausgeht",
        "und",
        "als",
        "„",
        "Sonnenwind",
        "“",
    ]
    words += ["bezeichnet", "wird", ",", "trifft", "uns", "."]
    pos = ["DET", "NOUN", "PUNCT", "PRON", "ADP", "DET", "NOUN", "VERB", "CCONJ", "CCONJ", "PUNCT", "NOUN"]
    pos += ["PUNCT", "VERB", "AUX", "PUNCT", "VERB", "PRON", "PUNCT"]
    tags = ["ART", "NN", "$,", "PRELS", "APPR", "ART", "NN", "VVFIN", "KON", "KOKOM", "$(", "NN", "$("]
    tags += ["VVPP", "VAFIN", "$,", "VVFIN", "PPER", "$."]
    deps = [
        "det",
        "nsubj",
        "punct",
        "nsubj",
        "case",
        "det",
        "obl",
        "acl",
        "cc",
        "case",
        "punct",
        "obl",
        "punct",
    ]
    deps += ["conj", "aux:pass", "punct", "ROOT", "obj", "punct"]
    heads = [1, 16, 7, 7, 6, 6, 7, 1, 13, 11, 11, 13, 11, 7, 13, 7, 16, 16, 16]
    morphs = [""] * 3 + ["Case=Nom|PronType=Rel"] + [""] * 15
    spaces = [True, False, True, True, True, True, True, True, True, True, False, False, True]
    spaces += [True, False, True, True, False, False]
    doc = annotated(words, pos=pos, tags=tags, deps=deps, heads=heads, morphs=morphs, spaces=spaces)
    assert not by_kind(find_quotes(doc), "direct")


def test_fragment_verb_of_a_following_conjunct_does_not_frame_the_quote() -> None:
    # "Der Name bedeutet etwa „Güte“ und bezeichnet eine Lehre." (the object misparsed as subject)
    words = ["Der", "Name", "bedeutet", "etwa", "„", "Güte", "“", "und", "bezeichnet", "eine", "Lehre", "."]
    pos = ["DET", "NOUN", "VERB", "ADV", "PUNCT", "NOUN", "PUNCT", "CCONJ", "VERB", "DET", "NOUN", "PUNCT"]
    tags = ["ART", "NN", "VVFIN", "ADV", "$(", "NN", "$(", "KON", "VVFIN", "ART", "NN", "$."]
    deps = ["det", "nsubj", "ROOT", "advmod", "punct", "obj", "punct", "cc", "conj", "det", "nsubj", "punct"]
    heads = [1, 2, 2, 2, 5, 2, 5, 8, 2, 10, 8, 2]
    spaces = [True, True, True, True, False, False, True, True, True, True, False, False]
    doc = annotated(words, pos=pos, tags=tags, deps=deps, heads=heads, spaces=spaces)
    assert not by_kind(find_quotes(doc), "direct")


def test_wonach_after_a_verb_takes_the_report_noun_of_its_clause() -> None:
    # "Er konnte Berichte nicht bestätigen, wonach Zeugen geflohen seien."
    words = [
        "Er",
        "konnte",
        "Berichte",
        "nicht",
        "bestätigen",
        ",",
        "wonach",
        "Zeugen",
        "geflohen",
        "seien",
        ".",
    ]
    pos = ["PRON", "AUX", "NOUN", "PART", "VERB", "PUNCT", "ADV", "NOUN", "VERB", "AUX", "PUNCT"]
    tags = ["PPER", "VMFIN", "NN", "PTKNEG", "VVINF", "$,", "PWAV", "NN", "VVPP", "VAFIN", "$."]
    morphs = [""] * 9 + ["Mood=Sub|Number=Plur|Person=3|VerbForm=Fin", ""]
    spaces = [True, True, True, True, False, True, True, True, True, False, False]
    doc = annotated(words, pos=pos, tags=tags, morphs=morphs, spaces=spaces)
    reported = [q for q in find_quotes(doc) if q["kind"] == "indirect"]
    assert [q["speaker_text"] for q in reported] == ["Berichte"]


def test_own_statement_resolves_to_the_subject_of_its_clause() -> None:
    # "Die Feuerwehr habe nach eigenen Angaben die Halle abgesucht."
    words = ["Die", "Feuerwehr", "habe", "nach", "eigenen", "Angaben", "die", "Halle", "abgesucht", "."]
    pos = ["DET", "NOUN", "AUX", "ADP", "ADJ", "NOUN", "DET", "NOUN", "VERB", "PUNCT"]
    tags = ["ART", "NN", "VAFIN", "APPR", "ADJA", "NN", "ART", "NN", "VVPP", "$."]
    deps = ["det", "nsubj", "aux", "case", "amod", "obl", "det", "obj", "ROOT", "punct"]
    heads = [1, 8, 8, 5, 5, 8, 7, 8, 8, 8]
    morphs = ["", "", "Mood=Sub|Number=Sing|Person=3|VerbForm=Fin"] + [""] * 7
    spaces = [True, True, True, True, True, True, True, True, False, False]
    doc = annotated(words, pos=pos, tags=tags, deps=deps, heads=heads, morphs=morphs, spaces=spaces)
    reported = [q for q in find_quotes(doc) if q["kind"] == "indirect"]
    assert len(reported) == 1
    assert reported[0]["speaker_text"] == "eigenen Angaben"  # the mention, as written
    assert reported[0].get("speaker_resolved") == "Feuerwehr"  # the one who said it


def test_zitieren_quotes_its_object_through_its_subject() -> None:
    # "„Wir bleiben“, zitierte die Zeitung den Minister."
    words = ["„", "Wir", "bleiben", "“", ",", "zitierte", "die", "Zeitung", "den", "Minister", "."]
    pos = ["PUNCT", "PRON", "VERB", "PUNCT", "PUNCT", "VERB", "DET", "NOUN", "DET", "NOUN", "PUNCT"]
    tags = ["$(", "PPER", "VVFIN", "$(", "$,", "VVFIN", "ART", "NN", "ART", "NN", "$."]
    deps = ["punct", "nsubj", "ccomp", "punct", "punct", "ROOT", "det", "nsubj", "det", "obj", "punct"]
    heads = [2, 2, 5, 2, 5, 5, 7, 5, 9, 5, 5]
    spaces = [False, True, False, False, True, True, True, True, True, False, False]
    doc = annotated(words, pos=pos, tags=tags, deps=deps, heads=heads, spaces=spaces)
    direct = by_kind(find_quotes(doc), "direct")
    assert [q["speaker_text"] for q in direct] == ["den Minister"]
    assert any("Zeitung" in text for text in direct[0]["via_text"])


def test_separated_particle_is_not_a_cue_verb_of_its_own() -> None:
    from lagebild.quotes.cues import verb_cue

    # "Die Firma gab dazu bekannt:" — "bekannt" is the particle of "gab", not "bekennen"
    doc = annotated(
        ["Die", "Firma", "gab", "dazu", "bekannt", ":"],
        pos=["DET", "NOUN", "VERB", "ADV", "ADJ", "PUNCT"],
        tags=["ART", "NN", "VVFIN", "PAV", "ADJD", "$."],
    )
    if verb_cue(doc, 2) is None:
        pytest.skip("'bekannt geben' is no cue verb in the lexicon")
    assert verb_cue(doc, 4) is None
    assert [t.text for t in verb_cue(doc, 2).tokens] == ["gab", "bekannt"]


# --- "mit den Worten „…“": the words phrase makes its verb the frame -----------------------


def test_words_phrase_before_a_quote_names_the_subject_of_its_verb() -> None:
    words = [
        "Mit",
        "den",
        "Worten",
        "„",
        "Wir",
        "bleiben",
        "“",
        "eröffnete",
        "die",
        "Ministerin",
        "die",
        "Sitzung",
        ".",
    ]
    doc = annotated(
        words,
        pos=[
            "ADP",
            "DET",
            "NOUN",
            "PUNCT",
            "PRON",
            "VERB",
            "PUNCT",
            "VERB",
            "DET",
            "NOUN",
            "DET",
            "NOUN",
            "PUNCT",
        ],
        tags=["APPR", "ART", "NN", "$(", "PPER", "VVFIN", "$(", "VVFIN", "ART", "NN", "ART", "NN", "$."],
        deps=[
            "case",
            "det",
            "obl",
            "punct",
            "nsubj",
            "ccomp",
            "punct",
            "ROOT",
            "det",
            "nsubj",
            "det",
            "obj",
            "punct",
        ],
        heads=[2, 2, 7, 5, 5, 7, 5, 7, 9, 7, 11, 7, 7],
        spaces=[True, True, True, False, True, False, True, True, True, True, True, False, False],
    )
    quote = by_kind(find_quotes(doc), "direct")[0]
    assert quote["text"] == "„Wir bleiben“"  # two words: without the phrase, a scare quote
    assert quote["speaker_text"] == "die Ministerin"
    assert quote["cue"] == "Mit den Worten"


def test_words_phrase_after_the_quote_comma_without_a_parse_takes_the_next_verb() -> None:
    words = [
        "„",
        "Da",
        "bin",
        "ich",
        "“",
        ",",
        "mit",
        "diesen",
        "Worten",
        "kam",
        "der",
        "Trainer",
        "zurück",
        ".",
    ]
    doc = annotated(
        words,
        pos=[
            "PUNCT",
            "ADV",
            "AUX",
            "PRON",
            "PUNCT",
            "PUNCT",
            "ADP",
            "DET",
            "NOUN",
            "VERB",
            "DET",
            "NOUN",
            "ADP",
            "PUNCT",
        ],
        tags=[
            "$(",
            "ADV",
            "VAFIN",
            "PPER",
            "$(",
            "$,",
            "APPR",
            "PDAT",
            "NN",
            "VVFIN",
            "ART",
            "NN",
            "PTKVZ",
            "$.",
        ],
        spaces=[False, True, True, False, False, True, True, True, True, True, True, True, False, False],
    )
    quote = by_kind(find_quotes(doc), "direct")[0]
    assert quote["text"] == "„Da bin ich“"
    assert quote["cue"] == "mit diesen Worten"


def test_a_quote_without_a_words_phrase_keeps_its_scare_reading() -> None:
    words = ["Mit", "den", "„", "Freunden", "“", "kam", "die", "Ministerin", "."]
    doc = annotated(
        words,
        pos=["ADP", "DET", "PUNCT", "NOUN", "PUNCT", "VERB", "DET", "NOUN", "PUNCT"],
        tags=["APPR", "ART", "$(", "NN", "$(", "VVFIN", "ART", "NN", "$."],
        spaces=[True, True, False, False, True, True, True, False, False],
    )
    assert not speech(find_quotes(doc))


# --- relative clauses as frames ------------------------------------------------------------


def _zeuge_doc() -> Doc:
    words = ["Die", "Polizei", "befragte", "einen", "Zeugen", ",", "der", "erklärte", ","]
    words += ["er", "habe", "nichts", "gesehen", "."]
    return annotated(
        words,
        pos=[
            "DET",
            "NOUN",
            "VERB",
            "DET",
            "NOUN",
            "PUNCT",
            "PRON",
            "VERB",
            "PUNCT",
            "PRON",
            "AUX",
            "PRON",
            "VERB",
            "PUNCT",
        ],
        tags=[
            "ART",
            "NN",
            "VVFIN",
            "ART",
            "NN",
            "$,",
            "PRELS",
            "VVFIN",
            "$,",
            "PPER",
            "VAFIN",
            "PIS",
            "VVPP",
            "$.",
        ],
        deps=[
            "det",
            "nsubj",
            "ROOT",
            "det",
            "obj",
            "punct",
            "nsubj",
            "acl",
            "punct",
            "nsubj",
            "aux",
            "obj",
            "ccomp",
            "punct",
        ],
        heads=[1, 2, 2, 4, 2, 7, 7, 4, 12, 12, 12, 12, 7, 2],
        morphs=[""] * 10 + ["Mood=Sub"] + [""] * 3,
        spaces=[True, True, True, True, False, True, True, False, True, True, True, True, False, False],
    )


def test_a_relative_pronoun_subject_speaks_for_the_phrase_before_its_clause() -> None:
    quote = by_kind(find_quotes(_zeuge_doc()), "indirect")[0]
    assert quote["text"] == "er habe nichts gesehen"
    assert quote["speaker_text"] == "einen Zeugen"


def test_a_relative_clause_cue_does_not_frame_a_main_clause_for_its_quoted_phrase() -> None:
    words = [
        "In",
        "einem",
        "Bericht",
        ",",
        "der",
        "veröffentlicht",
        "wurde",
        ",",
        "lobte",
        "die",
        "Kommission",
    ]
    words += ["die", "Reform", "als", "„", "mutig", "“", "."]
    doc = annotated(
        words,
        pos=[
            "ADP",
            "DET",
            "NOUN",
            "PUNCT",
            "PRON",
            "VERB",
            "AUX",
            "PUNCT",
            "VERB",
            "DET",
            "NOUN",
            "DET",
            "NOUN",
            "ADP",
            "PUNCT",
            "ADJ",
            "PUNCT",
            "PUNCT",
        ],
        tags=[
            "APPR",
            "ART",
            "NN",
            "$,",
            "PRELS",
            "VVPP",
            "VAFIN",
            "$,",
            "VVFIN",
            "ART",
            "NN",
            "ART",
            "NN",
            "APPR",
            "$(",
            "ADJD",
            "$(",
            "$.",
        ],
        spaces=[
            True,
            True,
            False,
            True,
            True,
            True,
            False,
            True,
            True,
            True,
            True,
            True,
            True,
            True,
            False,
            False,
            False,
            False,
        ],
    )
    assert not by_kind(find_quotes(doc), "indirect")


@pytest.mark.parametrize("joint", [["so", "dass"], ["sodass"]])
def test_a_clause_of_consequence_is_not_reported_content(joint: list[str]) -> None:
    """``…, so dass …`` follows a frame but reports nothing, even with a quoted name in it."""
    words = [
        "Die",
        "Firma",
        "meldete",
        "Insolvenz",
        ",",
        *joint,
        "das",
        "Modell",
        "„",
        "Blitz",
        "“",
        "ruhte",
        ".",
    ]
    tags = ["ART", "NN", "VVFIN", "NN", "$,", *(["ADV", "KOUS"] if len(joint) == 2 else ["KOUS"])]
    tags += ["ART", "NN", "$(", "NE", "$(", "VVFIN", "$."]
    pos = ["DET", "NOUN", "VERB", "NOUN", "PUNCT", *(["ADV", "SCONJ"] if len(joint) == 2 else ["SCONJ"])]
    pos += ["DET", "NOUN", "PUNCT", "PROPN", "PUNCT", "VERB", "PUNCT"]
    spaces = [
        True,
        True,
        True,
        False,
        True,
        *[True] * len(joint),
        True,
        True,
        False,
        False,
        True,
        False,
        False,
    ]
    doc = annotated(words, pos=pos, tags=tags, spaces=spaces)
    assert not by_kind(find_quotes(doc), "indirect")


@pytest.mark.parametrize("noun", ["Gefahr", "Möglichkeit"])
def test_a_dass_clause_after_a_noun_of_likelihood_is_not_reported(noun: str) -> None:
    words = ["Die", "Behörde", "sah", "die", noun, ",", "dass", "der", "Damm", "bricht", "."]
    doc = annotated(
        words,
        pos=["DET", "NOUN", "VERB", "DET", "NOUN", "PUNCT", "SCONJ", "DET", "NOUN", "VERB", "PUNCT"],
        tags=["ART", "NN", "VVFIN", "ART", "NN", "$,", "KOUS", "ART", "NN", "VVFIN", "$."],
        deps=["det", "nsubj", "ROOT", "det", "obj", "punct", "mark", "det", "nsubj", "acl", "punct"],
        heads=[1, 2, 2, 4, 2, 9, 9, 8, 9, 4, 2],
        spaces=[True, True, True, True, False, True, True, True, True, False, False],
    )
    assert not by_kind(find_quotes(doc), "indirect")


def test_a_closed_compound_of_a_long_cue_noun_is_a_cue_noun() -> None:
    from lagebild.quotes.cues import noun_cue

    doc = Doc(
        spacy.blank("de").vocab, words=["Nach", "Bahnangaben", ",", "Verkaufszahlen", ",", "bahnangaben"]
    )
    assert (
        noun_cue(doc[1]) is not None
        and noun_cue(doc[1]).type == noun_cue(Doc(doc.vocab, words=["Angaben"])[0]).type
    )
    assert noun_cue(doc[3]) is None  # "zahlen" is too short to head a compound
    assert noun_cue(doc[5]) is None  # not capitalised: no noun


def test_a_possessive_opinion_with_konjunktiv_ii_is_reported() -> None:
    words = ["Seiner", "Meinung", "nach", "hätte", "die", "Aufsicht", "abraten", "müssen", "."]
    doc = annotated(
        words,
        pos=["DET", "NOUN", "ADP", "AUX", "DET", "NOUN", "VERB", "AUX", "PUNCT"],
        tags=["PPOSAT", "NN", "APPO", "VAFIN", "ART", "NN", "VVINF", "VMINF", "$."],
        morphs=["", "", "", "Mood=Sub", "", "", "", "", ""],
        spaces=[True, True, True, True, True, True, True, False, False],
    )
    quote = by_kind(find_quotes(doc), "indirect")[0]
    assert quote["text"].startswith("hätte die Aufsicht")
    assert quote["cue"] == "nach"


def _reason_doc(subject: list[str], subject_tags: list[str], verb_form: str) -> Doc:
    words = [*subject, "warnte", "vor", "Chaos", ",", "wenn", "die", "Hilfe", "ende", "."]
    words[len(subject) + 7] = verb_form
    n = len(subject)
    return annotated(
        words,
        pos=[
            *(["DET", "NOUN"] if n == 2 else ["PRON"]),
            "VERB",
            "ADP",
            "NOUN",
            "PUNCT",
            "SCONJ",
            "DET",
            "NOUN",
            "VERB",
            "PUNCT",
        ],
        tags=[*subject_tags, "VVFIN", "APPR", "NN", "$,", "KOUS", "ART", "NN", "VVFIN", "$."],
        morphs=[""] * (n + 7) + ["Mood=Sub" if verb_form == "ende" else "Mood=Ind", ""],
        spaces=[True] * (n + 2) + [False, True, True, True, True, False, False],
    )


def test_a_reason_in_konjunktiv_i_after_a_comma_reports_the_subject() -> None:
    quote = by_kind(find_quotes(_reason_doc(["Sie"], ["PPER"], "ende")), "indirect")[0]
    assert quote["text"] == "wenn die Hilfe ende"
    assert quote["speaker_text"] == "Sie" and quote["cue"] == "warnte"


def test_a_reason_in_the_indicative_or_of_no_speaker_is_not_reported() -> None:
    assert not by_kind(find_quotes(_reason_doc(["Sie"], ["PPER"], "endet")), "indirect")
    assert not by_kind(find_quotes(_reason_doc(["Der", "Zug"], ["ART", "NN"], "ende")), "indirect")


def test_cue_positions_hold_every_cue_verb_of_a_run() -> None:
    """the scan list for cue verbs misses no token where verb_cue finds one"""
    import spacy

    from lagebild.quotes.cues import cue_positions, verb_cue
    from lagebild.quotes.units import CACHE_KEY

    doc = spacy.blank("de")("Der Minister sagte, er habe nichts gewusst, und erklärte später, man prüfe das.")
    assert list(cue_positions(doc, 0, len(doc))) == list(range(len(doc)))  # outside a run: all
    doc.user_data[CACHE_KEY] = {}
    positions = list(cue_positions(doc, 0, len(doc)))
    cues = [i for i in range(len(doc)) if verb_cue(doc, i) is not None]
    assert cues and set(cues) <= set(positions)
    assert len(positions) < len(doc) / 2
    assert list(cue_positions(doc, 3, 8)) == [i for i in positions if 3 <= i < 8]
