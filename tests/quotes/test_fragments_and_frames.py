"""Quoted fragments, names in quotation marks, frames of reported clauses, sentence units.

Docs come from ``spacy.blank("de")``; where a rule reads tags or lemmas, the Doc is built by hand
with exactly that annotation.  Every sentence is written for these tests.
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from lagebild.quotes import find_quotes
from lagebild.quotes.direct import locate, quoted_tokens
from lagebild.quotes.indirect import split_at_quote_colon
from lagebild.quotes.quote import Quote
from lagebild.quotes.speakers import animate
from lagebild.quotes.units import CACHE_KEY, units

SPEECH = ("direct", "indirect", "mixed", "partial")


def speech(found: list[dict]) -> list[dict]:
    return [q for q in found if q["kind"] in SPEECH]


def kinds(found: list[dict]) -> dict[str, str]:
    return {q["text"]: q["kind"] for q in found}


def tagged(words: list[str], tags: list[str], pos: list[str], lemmas: list[str] | None = None) -> Doc:
    """A Doc with tags (and lemmas); no space after an opening mark or before a closing one."""
    spaces = [
        word != "„" and (k + 1 < len(words) and words[k + 1] not in ("“", ",", "."))
        for k, word in enumerate(words)
    ]
    return Doc(spacy.blank("de").vocab, words=words, spaces=spaces, tags=tags, pos=pos, lemmas=lemmas)


# --- names and titles in quotation marks ---------------------------------------------------------


def test_article_after_a_title_noun_opens_a_new_phrase(quotes) -> None:
    # ``Bericht`` names works, but ``eine`` opens the object of ``nannte``: the minister's word
    found = speech(quotes("Der Minister nannte den Bericht eine „Zeitungsente“."))
    assert [q["kind"] for q in found] == ["direct"]
    assert found[0]["speaker_text"] == "Der Minister"


def test_plural_of_a_title_noun_marks_names(quotes) -> None:
    found = quotes("Als Beispiele nennt die Firma die Modelle „Sturmvogel“ und „Falke“.")
    assert not speech(found)


def test_lower_case_phrase_after_a_title_noun_is_someones_word(quotes) -> None:
    found = speech(quotes("Sie nannte den Plan „gut“."))
    assert [q["text"] for q in found] == ["„gut“"]


def test_hiess_es_frames_speech_but_a_subject_of_heissen_is_named(quotes) -> None:
    framed = speech(quotes("„Die Lage ist unter Kontrolle“, hieß es aus dem Ministerium."))
    assert [q["cue"] for q in framed] == ["hieß"]
    named = quotes("Damals hieß das Gasthaus noch „Zum Goldenen Hirsch“.")
    assert [q["kind"] for q in named] == ["title"]


def test_reflexive_naming_verb(quotes) -> None:
    found = quotes("Seit dem Umbau nennt sich der Verein „Blau-Weiß Nord“.")
    assert [q["kind"] for q in found] == ["title"] and found[0]["speaker"] is None


def test_naming_verb_after_sich_selbst(quotes) -> None:
    found = quotes("Die Gruppe, die sich selbst „Rettet den Stadtwald“ nennt, zog vor das Rathaus.")
    assert [q["kind"] for q in found if q["text"].startswith("„")] == ["title"]
    # without ``sich`` the verb after the quotation names nothing
    assert speech(quotes("„Wir kommen wieder“, nennt er als Antwort."))


def test_code_in_quotation_marks_is_a_name(quotes) -> None:
    found = quotes("Die Agentur bewertet die Anleihen nun mit „Aa2“, wie sie am Montag mitteilte.")
    assert [q["kind"] for q in found if q["text"] == "„Aa2“"] == ["title"]


def test_motto_or_party_name_makes_even_a_sentence_a_title(quotes) -> None:
    motto = quotes("Die Gruppen zogen unter dem Motto „Der Wald bleibt!“ durch die Innenstadt.")
    assert [q["kind"] for q in motto] == ["title"] and motto[0]["speaker"] is None
    party = quotes("Zu den Klägern gehörte ein Mitglied der Partei „Neue Mitte.“ aus Bremen.")
    assert [q["kind"] for q in party] == ["title"]
    # a speech verb before the noun keeps the sentence as speech
    spoken = speech(quotes("Die Sprecherin sagte zum Motto „Der Wald bleibt!“ nichts weiter."))
    assert spoken


def test_quotation_as_first_part_of_a_compound_is_a_name(quotes) -> None:
    assert not speech(quotes("Eine „Morgenpost“-Reporterin berichtete von großen Schäden."))


def test_quotations_joined_as_list_items_share_the_title_kind(quotes) -> None:
    text = "Sie spielte in „Die stille Stadt“ oder „Wir gehen morgen alle zusammen fort“ mit."
    assert set(kinds(quotes(text)).values()) == {"title"}
    # the same sentence-like quotation on its own reads as speech
    alone = quotes("„Wir gehen morgen alle zusammen fort“. Dann stand sie auf.")
    assert [q["kind"] for q in alone] == ["direct"]


def test_fragment_speaker_before_an_apposition(quotes) -> None:
    text = "Lisa Brandt, Sprecherin der Stadt, sprach von einer „schweren Zeit für alle“."
    found = [q for q in quotes(text) if q["text"].startswith("„")]
    assert found[0]["kind"] == "direct"
    assert "Lisa Brandt" in found[0]["speaker_text"]


def test_halten_takes_a_quoted_phrase_only_with_fuer() -> None:
    words = ["Der", "Richter", "hält", "den", "Mann", "„", "unter", "Umständen", "“", "für", "„", "sehr"]
    words += ["gefährlich", "“", "."]
    tags = ["ART", "NN", "VVFIN", "ART", "NN", "$(", "APPR", "NN", "$(", "APPR", "$(", "ADV", "ADJD"]
    tags += ["$(", "$."]
    pos = ["DET", "NOUN", "VERB", "DET", "NOUN", "PUNCT", "ADP", "NOUN", "PUNCT", "ADP", "PUNCT", "ADV"]
    pos += ["ADJ", "PUNCT", "PUNCT"]
    lemmas = [w.lower() for w in words]
    lemmas[2] = "halten"
    found = find_quotes(tagged(words, tags, pos, lemmas))
    assert [q["kind"] for q in found] == ["direct", "direct"]
    assert {q["speaker_text"] for q in found} == {"Der Richter"}

    words = ["Der", "Fahrer", "hält", "mit", "seinem", "„", "Pfeil", "“", "den", "Rekord", "."]
    tags = ["ART", "NN", "VVFIN", "APPR", "PPOSAT", "$(", "NN", "$(", "ART", "NN", "$."]
    pos = ["DET", "NOUN", "VERB", "ADP", "DET", "PUNCT", "NOUN", "PUNCT", "DET", "NOUN", "PUNCT"]
    lemmas = [w.lower() for w in words]
    lemmas[2] = "halten"
    assert not speech(find_quotes(tagged(words, tags, pos, lemmas)))


def test_quoted_phrase_headed_by_a_law_noun_names_the_law() -> None:
    words = ["Teile", "des", "„", "Gesetzes", "über", "den", "Katastrophenschutz", "im", "Land", "“"]
    words += ["erklärte", "das", "Gericht", "für", "nichtig", "."]
    tags = ["NN", "ART", "$(", "NN", "APPR", "ART", "NN", "APPRART", "NN", "$(", "VVFIN", "ART", "NN"]
    tags += ["APPR", "ADJD", "$."]
    pos = ["NOUN", "DET", "PUNCT", "NOUN", "ADP", "DET", "NOUN", "ADP", "NOUN", "PUNCT", "VERB", "DET"]
    pos += ["NOUN", "ADP", "ADJ", "PUNCT"]
    lemmas = [w.lower() for w in words]
    lemmas[10] = "erklären"
    found = find_quotes(tagged(words, tags, pos, lemmas))
    assert [q["kind"] for q in found] == ["title"]
    # the same words with a finite verb inside read as a sentence, not as a name
    words[7:9] = ["ist", "nichtig"]
    tags[7:9] = ["VAFIN", "ADJD"]
    pos[7:9] = ["AUX", "ADJ"]
    lemmas[7:9] = ["sein", "nichtig"]
    assert [q["kind"] for q in find_quotes(tagged(words, tags, pos, lemmas))] != ["title"]


def test_quotation_after_a_noun_with_article_names_it() -> None:
    # ``Die Yacht „Seestern“, berichtete …``: the cue right after the comma would frame speech
    words = ["Die", "Yacht", "„", "Seestern", "“", ",", "berichtete", "die", "Wache", ",", "lag", "im"]
    words += ["Hafen", "."]
    tags = ["ART", "NN", "$(", "NE", "$(", "$,", "VVFIN", "ART", "NN", "$,", "VVFIN", "APPRART", "NN", "$."]
    pos = ["DET", "NOUN", "PUNCT", "PROPN", "PUNCT", "PUNCT", "VERB", "DET", "NOUN", "PUNCT", "VERB", "ADP"]
    pos += ["NOUN", "PUNCT"]
    found = find_quotes(tagged(words, tags, pos))
    assert [q["kind"] for q in found if q["text"] == "„Seestern“"] == ["title"]

    # the same quotation after the verb's object slot, not after a noun, stays speech
    words = ["„", "Seestern", "“", ",", "berichtete", "die", "Wache", "."]
    tags = ["$(", "NE", "$(", "$,", "VVFIN", "ART", "NN", "$."]
    pos = ["PUNCT", "PROPN", "PUNCT", "PUNCT", "VERB", "DET", "NOUN", "PUNCT"]
    assert [q["kind"] for q in find_quotes(tagged(words, tags, pos))] == ["direct"]


# --- reported clauses ----------------------------------------------------------------------------


def test_passive_cue_frames_a_dass_clause(quotes) -> None:
    found = speech(quotes("Am Abend wurde berichtet, dass die Brücke gesperrt bleibt."))
    assert [q["text"] for q in found] == ["dass die Brücke gesperrt bleibt"]
    assert found[0]["kind"] == "indirect" and found[0]["cue"] == "berichtet"


def test_colon_before_a_quotation_ends_the_reported_clause() -> None:
    doc = spacy.blank("de")("Laut dem Arzt ist die Lage ernst: „Wir brauchen jetzt Hilfe.“ Dann ging er.")
    mask = quoted_tokens(locate(doc))
    first = units(doc)[0]
    parts = split_at_quote_colon(doc, first, mask)
    assert [doc[s:e].text for s, e in parts] == [
        "Laut dem Arzt ist die Lage ernst:",
        "„Wir brauchen jetzt Hilfe.“",
    ]
    reported = [q for q in find_quotes(doc) if q["kind"] == "indirect"]
    assert reported and all("„" not in q["text"] for q in reported)


def test_text_with_quotation_marks_keeps_unmarked_speech_indirect(quotes) -> None:
    stripped = "Wie die Agentur mitteilte, wollen wir das Projekt fortsetzen."
    assert [q["kind"] for q in speech(quotes(stripped))] == ["direct"]  # stripped corpora
    marked = stripped + " Ihr Chef nannte den Plan „gut“."
    found = {q["text"]: q["kind"] for q in speech(quotes(marked))}
    assert found["wollen wir das Projekt fortsetzen"] == "indirect"


def test_infinitive_clause_after_a_request_noun() -> None:
    words = ["Der", "Rat", "fasste", "den", "Beschluss", ",", "die", "Straße", "zu", "sperren", "."]
    tags = ["ART", "NN", "VVFIN", "ART", "NN", "$,", "ART", "NN", "PTKZU", "VVINF", "$."]
    pos = ["DET", "NOUN", "VERB", "DET", "NOUN", "PUNCT", "DET", "NOUN", "PART", "VERB", "PUNCT"]
    found = speech(find_quotes(tagged(words, tags, pos)))
    assert [q["text"] for q in found] == ["die Straße zu sperren"]
    assert found[0]["speaker_text"] == "Der Rat"

    words = ["Er", "versuchte", ",", "die", "Straße", "zu", "sperren", "."]
    tags = ["PPER", "VVFIN", "$,", "ART", "NN", "PTKZU", "VVINF", "$."]
    pos = ["PRON", "VERB", "PUNCT", "DET", "NOUN", "PART", "VERB", "PUNCT"]
    assert not speech(find_quotes(tagged(words, tags, pos)))


# --- sentence units and the per-run cache --------------------------------------------------------


def test_year_with_its_period_ends_a_unit() -> None:
    doc = spacy.blank("de")("Der Börsengang kommt nach 2027. Die Firma rechnet mit Gewinn.")
    assert [doc[s:e].text for s, e in units(doc)][-1] == "Die Firma rechnet mit Gewinn."
    ordinal = spacy.blank("de")("Am 3. Oktober kam er.")
    assert len(units(ordinal)) == 1


def test_find_quotes_leaves_no_cache_and_units_agree() -> None:
    doc = spacy.blank("de")("„Wir kommen“, sagte sie. Er sei krank.\n\nNeuer Absatz!")
    before = units(doc)
    found = find_quotes(doc)
    assert CACHE_KEY not in doc.user_data
    assert units(doc) == before and found


def test_to_dict_with_the_text_given_equals_without() -> None:
    doc = spacy.blank("de")("„Wir kommen“, sagte sie.")
    quote = Quote("direct", [(0, 12)], 0.9, speaker=doc[5:6])
    assert quote.to_dict(doc, "q1") == quote.to_dict(doc, "q1", text=doc.text)


# --- attribution words and speakers of continuations --------------------------------------------


def test_demnach_opening_a_sentence_stands_for_speaker_and_cue(quotes) -> None:
    found = speech(quotes("Die Zeitung veröffentlichte den Plan. Demnach soll die Brücke im Mai schließen."))
    assert [q["text"] for q in found] == ["soll die Brücke im Mai schließen"]
    assert found[0]["speaker_text"] == "Demnach"


def test_danach_opening_a_sentence_is_time_without_konjunktiv(quotes) -> None:
    assert not speech(quotes("Die Feier endete um zehn. Danach gingen alle nach Hause."))
    found = speech(quotes("Die Feier endete um zehn. Danach seien alle nach Hause gegangen."))
    assert [q["cue"] for q in found] == ["Danach"]


def test_attributed_clause_starts_at_its_subordinator(quotes) -> None:
    found = speech(quotes("Die Lieferung kam zu spät, da nach Angaben der Firma die Papiere fehlten."))
    assert len(found) == 1 and found[0]["text"].startswith("da nach Angaben")
    assert found[0]["speaker_text"] == "der Firma"


def test_animate_speaker_phrases() -> None:
    nlp = spacy.blank("de")
    speaking = ["Die Polizei", "Die Ministerin", "Die Landespolizei", "Alle Demonstranten", "er"]
    silent = ["Der Verkauf", "Die Preise", "Der Verkauf der Anteile"]
    assert all(animate(nlp(text)[:]) for text in speaking)
    assert not any(animate(nlp(text)[:]) for text in silent)


def test_continuation_skips_a_subject_that_cannot_speak(quotes) -> None:
    text = "„Wir erhöhen die Preise“, sagte Eva Roth. Der Verkauf wurde gestern gemeldet. Die Kunden seien verärgert."
    continued = [q for q in quotes(text) if q["kind"] == "indirect"]
    assert [q["speaker_text"] for q in continued] == ["Eva Roth"]
    text = "„Wir erhöhen die Preise“, sagte Eva Roth. Die Polizei hat den Streit gemeldet. Die Kunden seien verärgert."
    continued = [q for q in quotes(text) if q["kind"] == "indirect"]
    assert [q["speaker_text"] for q in continued] == ["Die Polizei"]


def test_next_sentence_with_das_frames_the_quotation(quotes) -> None:
    found = speech(quotes("„Wir bleiben hier.“ Das sagte die Ministerin Eva Roth am Montag."))
    assert [q["kind"] for q in found] == ["direct"]
    assert "Eva Roth" in found[0]["speaker_text"] and found[0]["cue"] == "sagte"
    # a sentence that does not open with ``Das``/``Dies`` frames nothing
    alone = speech(quotes("„Wir bleiben hier.“ Die Ministerin Eva Roth kam am Montag."))
    assert [q["cue"] for q in alone] == [None]


def test_passive_frame_takes_its_source_from_a_prepositional_phrase(quotes) -> None:
    text = "In einem Bericht der Landeszeitung wurde vermutet, dass die Brücke bald schließt."
    found = speech(quotes(text))
    assert [q["speaker_text"] for q in found] == ["einem Bericht der Landeszeitung"]
    # an active frame keeps its subject
    found = speech(quotes("In einem Bericht vermutete die Landeszeitung, dass die Brücke bald schließt."))
    assert [q["speaker_text"] for q in found] == ["die Landeszeitung"]
