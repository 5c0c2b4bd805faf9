from __future__ import annotations

import spacy
from spacy.tokens import Doc

from lagebild.quotes import find_quotes
from lagebild.quotes.speakers import gender, slugify


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
