"""Run-on sentences are split so that later components stay linear in the document length."""

import spacy

from lagebild.nlp.segment import LineSegmenter


def _segmenter(limit):
    return LineSegmenter(
        "seg", max_continuation_breaks=1, punct_split=True, decide_all=True, max_sentence_tokens=limit
    )


def test_long_sentence_is_cut_at_soft_breaks_within_the_limit():
    nlp = spacy.blank("de")
    words = (["Wort"] * 7 + [","]) * 30
    doc = _segmenter(20)(nlp(" ".join(words)))
    lengths = [len(sent) for sent in doc.sents]
    assert max(lengths) <= 20
    assert sum(lengths) == len(doc)
    assert all(sent[-1].text == "," for sent in list(doc.sents)[:-1])


def test_short_sentences_are_untouched_and_zero_disables():
    nlp = spacy.blank("de")
    text = "Der Minister sprach lange. Danach ging er."
    assert [s.text for s in _segmenter(20)(nlp(text)).sents] == [
        "Der Minister sprach lange.",
        "Danach ging er.",
    ]
    run_on = nlp(" ".join(["Wort"] * 100))
    assert len(list(_segmenter(0)(run_on).sents)) == 1
    assert len(list(_segmenter(30)(nlp(" ".join(["Wort"] * 100))).sents)) == 4
