"""Word-order and form fallbacks for parses that go wrong, and the optional components."""

from __future__ import annotations

from lagebild.events import context as context_module


def test_strong_verb_form_with_clause_final_particle(parse, coder):
    # the lemmatizer left "griff" as is and the parser did not attach the particle "an"
    doc = parse("""
Die der DET det 1
Armee Armee NOUN nsubj 2
griff griff VERB ROOT 2
das der DET det 4
Dorf Dorf NOUN obj 2
an an ADP advmod 4
. . PUNCT punct 2
""")
    events = coder(doc)._.events
    assert [(e["lemma"], e["type"], e["source"]) for e in events] == [("angreifen", "ASSAULT", "local:armee")]


def test_word_order_subject_when_the_parse_has_none(parse, coder):
    doc = parse("""
Die der DET det 1
Gewerkschaft Gewerkschaft NOUN dep 2
streikte streiken VERB ROOT 2 VerbForm=Fin
. . PUNCT punct 2
""")
    assert coder(doc)._.events[0]["source"] == "local:gewerkschaft"


def test_positional_subject_can_be_switched_off(parse):
    from lagebild.events import EventCoder

    doc = parse("""
Die der DET det 1
Gewerkschaft Gewerkschaft NOUN dep 2
streikte streiken VERB ROOT 2 VerbForm=Fin
. . PUNCT punct 2
""")
    assert EventCoder(positional_subject=False)(doc)._.events[0]["source"] is None


def test_umlaut_plural_and_same_type_noun_is_merged(parse, coder):
    doc = parse("""
Washington Washington PROPN nsubj 1
verhängte verhängen VERB ROOT 1 VerbForm=Fin
Strafzölle Strafzölle NOUN obj 1
. . PUNCT punct 1
""")
    events = coder(doc)._.events
    assert [(e["type"], e["trigger"], e["source"]) for e in events] == [
        ("SANCTION", "Strafzölle", "local:washington")
    ]


def test_country_adjective_on_event_noun_is_its_source(parse, coder):
    doc = parse("""
Ein ein DET det 2
russischer russisch ADJ amod 2
Raketenangriff Raketenangriff NOUN nsubj 3
traf treffen VERB ROOT 3 VerbForm=Fin
ein ein DET det 5
Krankenhaus Krankenhaus NOUN obj 3
. . PUNCT punct 3
""")
    context_module_adjectives = {"russischer": "RUS"}
    from lagebild.events import roles

    roles._country_adjectives.cache_clear()
    original = roles._country_adjectives
    roles._country_adjectives = lambda: context_module_adjectives  # type: ignore[assignment]
    try:
        events = [e for e in coder(doc)._.events if e["type"] == "ASSAULT"]
    finally:
        roles._country_adjectives = original
    assert events and events[0]["source"] == "RUS"


def test_date_falls_back_to_article_date_without_time_component(parse, coder, monkeypatch):
    real = context_module._optional
    monkeypatch.setattr(
        context_module,
        "_optional",
        lambda module, name: None if module == "lagebild.time" else real(module, name),
    )
    doc = parse("""
Tausende Tausend NOUN nsubj 1
protestierten protestieren VERB ROOT 1 VerbForm=Fin
. . PUNCT punct 1
""")
    event = coder(doc)._.events[0]
    assert event["date"] == {"start": "2024-03-12", "end": "2024-03-12", "precision": "day"}


def test_future_date_makes_an_event_intended(parse, coder, monkeypatch):
    future = {"start": "2024-04-02", "end": "2024-04-02", "precision": "day", "source": "clause"}
    monkeypatch.setattr(
        context_module,
        "_optional",
        lambda module, name: (lambda doc, span: future) if module == "lagebild.time" else None,
    )
    doc = parse("""
Die der DET det 1
Ministerin Ministerin NOUN nsubj 2
besucht besuchen VERB ROOT 2 VerbForm=Fin
Kiew Kiew PROPN obj 2
. . PUNCT punct 2
""")
    event = coder(doc)._.events[0]
    assert (event["status"], event["date"]["start"]) == ("intended", "2024-04-02")
