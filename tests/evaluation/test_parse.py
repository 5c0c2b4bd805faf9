"""evaluate_parse on a tiny hand-written CoNLL-U file with a blank pipeline (no trained model)."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from lagebild.evaluation.parse import evaluate_parse
from lagebild.nlp.conllu import read_sentences

CONLLU = """# newdoc id = d1
# text = Die Ministerin sagte, sie habe Zeit.
1	Die	der	DET	ART	Case=Nom|Definite=Def|Gender=Fem|Number=Sing|PronType=Art	2	det	_	_
2	Ministerin	Ministerin	NOUN	NN	Case=Nom|Gender=Fem|Number=Sing	3	nsubj	_	_
3	sagte	sagen	VERB	VVFIN	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	0	root	_	SpaceAfter=No
4	,	,	PUNCT	$,	_	6	punct	_	_
5	sie	sie	PRON	PPER	Case=Nom|Number=Sing|Person=3|PronType=Prs	6	nsubj	_	_
6	habe	haben	VERB	VAFIN	Mood=Sub|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin	3	ccomp	_	_
7	Zeit	Zeit	NOUN	NN	Case=Acc|Gender=Fem|Number=Sing	6	obj	_	SpaceAfter=No
8	.	.	PUNCT	$.	_	3	punct	_	_

# text = Wir gehen im Park.
1	Wir	wir	PRON	PPER	Case=Nom|Number=Plur|Person=1|PronType=Prs	2	nsubj	_	_
2	gehen	gehen	VERB	VVFIN	Mood=Ind|Number=Plur|Person=1|Tense=Pres|VerbForm=Fin	0	root	_	_
3-4	im	_	_	_	_	_	_	_	_
3	in	in	ADP	APPR	_	5	case	_	_
4	dem	der	DET	ART	Case=Dat|Definite=Def|Gender=Masc|Number=Sing|PronType=Art	5	det	_	_
5	Park	Park	NOUN	NN	Case=Dat|Gender=Masc|Number=Sing	2	obl	_	SpaceAfter=No
6	.	.	PUNCT	$.	_	2	punct	_	_

"""


@pytest.fixture()
def conllu_path(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    return path


def test_multiword_token_is_merged(conllu_path: Path) -> None:
    sents = list(read_sentences(conllu_path))
    words = [w.form for w in sents[1].words]
    assert words == ["Wir", "gehen", "im", "Park", "."]
    merged = sents[1].words[2]
    assert (merged.upos, merged.xpos, merged.deprel, merged.head) == ("ADP", "APPRART", "case", 4)
    assert "Case=Dat" in merged.feats


def test_blank_pipeline_scores_low_but_counts(conllu_path: Path) -> None:
    scores = evaluate_parse(spacy.blank("de"), conllu_path)
    assert scores["sentences"] == 2
    assert scores["tokens"] == 13
    assert scores["mood_sub_f1"] == 0.0
    assert not scores["las"]
    assert scores["words_per_s"] > 0


def _oracle(gold_path: Path) -> Language:
    """A blank pipeline whose only component copies the gold annotation by word position."""
    sents = list(read_sentences(gold_path))
    words = [w for s in sents for w in s.words]
    offsets, starts = [], 0
    for sent in sents:
        offsets.append(starts)
        starts += len(sent.words)
    nlp = spacy.blank("de")

    @Language.component("test_gold_copy")
    def copy(doc: Doc) -> Doc:
        for token, word in zip(doc, words, strict=False):
            token.pos_, token.tag_, token.lemma_ = word.upos, word.xpos, word.lemma
            token.set_morph(word.feats if word.feats != "_" else None)
        heads = []
        for s_i, sent in enumerate(sents):
            for w in sent.words:
                heads.append(offsets[s_i] + w.head - 1 if w.head else None)
        for i, token in enumerate(doc):
            token.dep_ = "ROOT" if words[i].deprel == "root" else words[i].deprel
            token.head = doc[heads[i]] if heads[i] is not None else token
        return doc

    nlp.add_pipe("test_gold_copy")
    return nlp


def test_perfect_pipeline_scores_one(conllu_path: Path) -> None:
    scores = evaluate_parse(_oracle(conllu_path), conllu_path)
    for key in ("upos", "xpos", "morph", "lemma", "uas", "las", "sents_f", "mood_sub_f1"):
        assert scores[key] == pytest.approx(1.0), key


def test_limit(conllu_path: Path) -> None:
    assert evaluate_parse(spacy.blank("de"), conllu_path, limit=1)["sentences"] == 1
