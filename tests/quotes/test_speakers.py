from __future__ import annotations

import spacy
from spacy.tokens import Doc

from lagebild.quotes import find_quotes
from lagebild.quotes.speakers import agrees, gender, parse_subject, slugify, speaker_score


def test_slugify_transliterates() -> None:
    assert slugify("Jürgen Groß-Öhler") == "juergen-gross-oehler"


def test_pronoun_resolves_to_last_fitting_speaker(quotes) -> None:
    text = (
        "„Wir öffnen im Mai“, sagte Bürgermeister Karl Hahn. "
        "„Die Bürger sollen mitreden“, ergänzte Stadträtin Ida Brück. "
        "„Der Plan steht“, betonte er."
    )
    found = [q for q in quotes(text) if q["kind"] == "direct"]
    assert len(found) == 3
    assert found[2]["speaker_text"] == "er"
    assert found[2]["speaker"] == found[0]["speaker"]
    assert "Karl Hahn" in found[2]["speaker_resolved"]


def test_pronoun_gender_from_morphology() -> None:
    nlp = spacy.blank("de")
    doc = Doc(
        nlp.vocab,
        words=["Die", "Ministerin", "und", "sie"],
        morphs=["", "Gender=Fem|Number=Sing", "", "Case=Nom|Gender=Fem|Number=Sing"],
    )
    assert gender(doc[0:2]) == "Fem"
    assert gender(doc[3:4]) == "Fem"


def test_feminine_pronoun_skips_masculine_speaker() -> None:
    nlp = spacy.blank("de")
    doc = nlp.make_doc("„Ja“, sagte Eva Roth. „Nein“, sagte Max Berg. „Vielleicht“, sagte sie.")
    for token in doc:
        if token.text in ("Eva", "Roth"):
            token.set_morph("Gender=Fem|Number=Sing")
        elif token.text in ("Max", "Berg"):
            token.set_morph("Gender=Masc|Number=Sing")
        elif token.text == "sie":
            token.set_morph("Case=Nom|Gender=Fem|Number=Sing")
    found = [q for q in find_quotes(doc) if q["kind"] == "direct"]
    assert len(found) == 3
    assert found[-1]["speaker_text"] == "sie"
    assert found[-1]["speaker"] == "local:eva-roth"


def test_unknown_speaker_is_null(quotes) -> None:
    found = [q for q in quotes("„Niemand wusste davon.“") if q["kind"] == "direct"]
    assert found and found[0]["speaker"] is None and found[0]["speaker_text"] is None


def test_actor_ids_from_actors_component(nlp) -> None:
    from spacy.tokens import Span

    from lagebild.extensions import register_extensions

    register_extensions()
    doc = nlp.make_doc("„Wir prüfen das“, sagte Kanzler Olaf Brenner.")
    mention = Span(doc, 7, 9)
    mention._.actor_id = "person:olaf-brenner"
    if not Doc.has_extension("actor_mentions"):
        Doc.set_extension("actor_mentions", default=None)
    doc._.actor_mentions = [mention]
    quote = next(q for q in nlp.get_pipe("lagebild_quotes_v1")(doc)._.quotes if q["kind"] == "direct")
    assert quote["speaker"] == "person:olaf-brenner"


def _parsed(
    words: list[str],
    pos: list[str],
    deps: list[str],
    heads: list[int],
    tags: list[str],
    morphs: list[str] | None = None,
) -> Doc:
    return Doc(
        spacy.blank("de").vocab, words=words, pos=pos, deps=deps, heads=heads, tags=tags, morphs=morphs
    )


def test_subject_agrees_in_number_with_the_finite_verb() -> None:
    # both phrases labelled subject; only the singular one can be the subject of ``nannte``
    words = ["Die", "Pläne", "nannte", "der", "Minister", "absurd", "."]
    parse = {
        "pos": ["DET", "NOUN", "VERB", "DET", "NOUN", "ADJ", "PUNCT"],
        "deps": ["det", "nsubj", "ROOT", "det", "nsubj", "xcomp", "punct"],
        "heads": [1, 2, 2, 4, 2, 2, 2],
        "tags": ["ART", "NN", "VVFIN", "ART", "NN", "ADJD", "$."],
    }
    morphs = ["Number=Plur", "Number=Plur", "Number=Sing", "Number=Sing", "Number=Sing", "", ""]
    doc = _parsed(words, **parse, morphs=morphs)
    assert str(parse_subject(doc, doc[2], start=0, end=6)) == "der Minister"
    # without number the fronted phrase wins, as before
    assert str(parse_subject(_parsed(words, **parse), doc[2], start=0, end=6)) == "Die Pläne"


def test_coordinated_subject_agrees_with_a_plural_verb() -> None:
    doc = _parsed(
        ["Ute", "und", "Jan", "nannten", "den", "Plan", "absurd"],
        pos=["PROPN", "CCONJ", "PROPN", "VERB", "DET", "NOUN", "ADJ"],
        deps=["nsubj", "cc", "conj", "ROOT", "det", "nsubj", "xcomp"],
        heads=[3, 2, 0, 3, 5, 3, 3],
        tags=["NE", "KON", "NE", "VVFIN", "ART", "NN", "ADJD"],
        morphs=["Number=Sing", "", "Number=Sing", "Number=Plur", "Number=Sing", "Number=Sing", ""],
    )
    assert agrees(doc[0:3], doc[3]) and not agrees(doc[4:6], doc[3])
    assert str(parse_subject(doc, doc[3], start=0, end=7)) == "Ute und Jan"


def test_pronoun_after_the_verb_beats_a_fronted_object_labelled_subject() -> None:
    # the parser marks both the fronted object and the pronoun as subject
    doc = _parsed(
        ["Den", "Plan", "lobte", "er", "sehr", "."],
        pos=["DET", "NOUN", "VERB", "PRON", "ADV", "PUNCT"],
        deps=["det", "nsubj", "ROOT", "nsubj", "advmod", "punct"],
        heads=[1, 2, 2, 2, 2, 2],
        tags=["ART", "NN", "VVFIN", "PPER", "ADV", "$."],
    )
    assert str(parse_subject(doc, doc[2], start=0, end=5)) == "er"


def test_fronted_adverbials_are_no_speakers() -> None:
    doc = _parsed(
        ["Am", "Abend", "meldete", "die", "Agentur", "Nordwind", ",", "Des", "Weiteren", "sagte", "Ute"],
        pos=["ADP", "NOUN", "VERB", "DET", "NOUN", "PROPN", "PUNCT", "DET", "NOUN", "VERB", "PROPN"],
        deps=["case", "nsubj", "ROOT", "det", "nsubj", "appos", "punct", "det", "nsubj", "conj", "nsubj"],
        heads=[1, 2, 2, 4, 2, 4, 2, 8, 9, 2, 9],
        tags=["APPRART", "NN", "VVFIN", "ART", "NN", "NE", "$,", "ART", "NN", "VVFIN", "NE"],
    )
    assert speaker_score(doc[0:2]) < 0 and speaker_score(doc[7:9]) < 0
    assert str(parse_subject(doc, doc[2], start=0, end=6)) == "die Agentur Nordwind"
    assert str(parse_subject(doc, doc[9], start=7, end=11)) == "Ute"


def test_person_outranks_a_bare_noun_when_both_are_labelled_subject() -> None:
    doc = _parsed(
        ["Zweifel", "äußerte", "Ministerin", "Eva", "Roth", "."],
        pos=["NOUN", "VERB", "NOUN", "PROPN", "PROPN", "PUNCT"],
        deps=["nsubj", "ROOT", "nsubj", "appos", "flat", "punct"],
        heads=[1, 1, 1, 2, 3, 1],
        tags=["NN", "VVFIN", "NN", "NE", "NE", "$."],
    )
    assert str(parse_subject(doc, doc[1], start=0, end=5)) == "Ministerin Eva Roth"


def test_impersonal_cue_takes_its_source_from_the_prepositional_phrase(quotes) -> None:
    before = quotes("In der Mitteilung der Kammer heißt es, die Preise seien zu hoch.")
    after = quotes("Die Preise seien zu hoch, hieß es aus der Kammer.")
    for found in (before, after):
        speech = [q for q in found if q["kind"] == "indirect"]
        assert speech and "Kammer" in speech[0]["speaker_text"]


def test_cue_noun_without_genitive_is_its_own_source(quotes) -> None:
    words = ["Dabei", "seien", "nach", "Medienberichten", "weitere", "Gäste", "abgereist", "."]
    doc = Doc(
        spacy.blank("de").vocab,
        words=words,
        pos=["ADV", "AUX", "ADP", "NOUN", "ADJ", "NOUN", "VERB", "PUNCT"],
        tags=["ADV", "VAFIN", "APPR", "NN", "ADJA", "NN", "VVPP", "$."],
        morphs=["", "Mood=Sub", "", "Case=Dat", "Case=Nom", "Case=Nom", "", ""],
    )
    found = [q for q in find_quotes(doc) if q["kind"] == "indirect"]
    assert found and found[0]["speaker_text"] == "Medienberichten"
    found = [
        q
        for q in quotes("Nach Angaben der Polizei seien weitere Gäste abgereist.")
        if q["kind"] == "indirect"
    ]
    assert found and found[0]["speaker_text"] == "der Polizei"


def test_quoted_channel_name_right_after_the_frame_is_kept(quotes) -> None:
    found = quotes("„Wir bleiben dabei“, so der Experte Jan Roth vom Portal „Nordlicht“.")
    direct = [q for q in found if q["kind"] == "direct"]
    assert direct and direct[0]["via_text"] == ["Portal „Nordlicht“"]
    assert any(q["kind"] == "title" and q["speaker"] is None for q in found)


def test_frameless_konjunktiv_prefers_the_last_speaker_over_a_bare_noun_subject() -> None:
    # „Wir prüfen das“, sagte Roth. Die Kosten stiegen. Das Geld sei knapp.
    rows = [
        ("„", False, "PUNCT", "$(", "punct", 2, ""),
        ("Wir", True, "PRON", "PPER", "nsubj", 2, ""),
        ("prüfen", True, "VERB", "VVFIN", "ccomp", 6, "Mood=Ind"),
        ("das", False, "PRON", "PDS", "obj", 2, ""),
        ("“", False, "PUNCT", "$(", "punct", 2, ""),
        (",", True, "PUNCT", "$,", "punct", 6, ""),
        ("sagte", True, "VERB", "VVFIN", "ROOT", 6, "Mood=Ind"),
        ("Roth", False, "PROPN", "NE", "nsubj", 6, ""),
        (".", True, "PUNCT", "$.", "punct", 6, ""),
        ("Die", True, "DET", "ART", "det", 10, ""),
        ("Kosten", True, "NOUN", "NN", "nsubj", 11, ""),
        ("stiegen", False, "VERB", "VVFIN", "ROOT", 11, "Mood=Ind"),
        (".", True, "PUNCT", "$.", "punct", 11, ""),
        ("Das", True, "DET", "ART", "det", 14, ""),
        ("Geld", True, "NOUN", "NN", "nsubj", 16, ""),
        ("sei", True, "AUX", "VAFIN", "cop", 16, "Mood=Sub"),
        ("knapp", False, "ADJ", "ADJD", "ROOT", 16, ""),
        (".", False, "PUNCT", "$.", "punct", 16, ""),
    ]
    words, spaces, pos, tags, deps, heads, morphs = (list(column) for column in zip(*rows, strict=True))
    doc = Doc(
        spacy.blank("de").vocab,
        words=words,
        spaces=spaces,
        pos=pos,
        tags=tags,
        deps=deps,
        heads=heads,
        morphs=morphs,
    )
    speech = [q for q in find_quotes(doc) if q["kind"] in ("direct", "indirect")]
    assert [q["text"] for q in speech] == ["„Wir prüfen das“", "Das Geld sei knapp."]
    assert speech[1]["speaker_text"] == "Roth"


def test_sentence_adverb_tagged_as_name_is_no_speaker():
    nlp = spacy.blank("de")
    doc = Doc(nlp.vocab, words=["Unterdessen", "sagte", "Kurt", "Blumenkohl", "etwas", "."])
    for token, (pos, tag) in zip(
        doc,
        [
            ("PROPN", "NE"),
            ("VERB", "VVFIN"),
            ("PROPN", "NE"),
            ("PROPN", "NE"),
            ("PRON", "PIS"),
            ("PUNCT", "$."),
        ],
        strict=True,
    ):
        token.pos_, token.tag_ = pos, tag
    assert speaker_score(doc[0:1]) < 0
    assert speaker_score(doc[2:4]) >= 0


def test_lower_case_agency_name_after_channel_noun_is_part_of_the_channel(quotes) -> None:
    found = quotes("„Die Sitzung fällt aus“, sagte ein Sprecher der Nachrichtenagentur dpa.")
    direct = [q for q in found if q["kind"] == "direct"]
    assert direct and direct[0]["via_text"] == ["Nachrichtenagentur dpa"]


def test_function_word_cut_off_from_its_head_is_not_part_of_the_speaker() -> None:
    # the parse hangs ``als „Knaller“`` under the subject; the frame ends before the quotation
    doc = _parsed(
        ["Das", "nannte", "der", "Minister", "als", "„", "Knaller", "“"],
        pos=["PRON", "VERB", "DET", "NOUN", "ADP", "PUNCT", "NOUN", "PUNCT"],
        deps=["obj", "ROOT", "det", "nsubj", "case", "punct", "conj", "punct"],
        heads=[1, 1, 3, 1, 6, 6, 3, 6],
        tags=["PDS", "VVFIN", "ART", "NN", "KOKOM", "$(", "NN", "$("],
    )
    assert str(parse_subject(doc, doc[1], start=0, end=5)) == "der Minister"
