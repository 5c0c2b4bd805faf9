"""Annotators' answers → ``ner_news.tsv`` (stand-off) and agreement with GermEval gold.

Usage: python silver/collect.py --data DATA --round SAMPLE_DIR ANSWER_DIR [--round …] \
           [--out silver/ner_news.tsv]

An answer line is ``ID<TAB>LABEL=surface | LABEL=surface …`` (or ``ID<TAB>-``), entities in
order of appearance.  Each surface is looked up in its sentence from the end of the previous
one; an answer whose surface is not in the sentence drops that entity and is counted.  The
GermEval check sentences are scored against gold (exact span and label, outer level) and left
out of the output.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent.parent))

from convert.silver_ner import LABELS, articles  # noqa: E402

from lagebild.evaluation.ner import gold_spans, read_germeval  # noqa: E402

LABEL_MAP = {"OTH": "MISC", **{label: label for label in LABELS}}

Span = tuple[int, int, str]


def parse_answer(line: str) -> tuple[str, list[tuple[str, str]]]:
    sid, _, answer = line.rstrip("\n").partition("\t")
    entities = []
    if answer.strip() not in ("", "-"):
        for item in answer.split(" | "):
            label, _, surface = item.partition("=")
            entities.append((label.strip(), surface))
    return sid.strip(), entities


def place(text: str, entities: list[tuple[str, str]]) -> tuple[set[Span], int]:
    """Character spans of the answered entities in ``text``; the number that could not be placed."""
    spans: set[Span] = set()
    pos, lost = 0, 0
    for label, surface in entities:
        mapped = LABEL_MAP.get(label)
        start = text.find(surface, pos) if surface else -1
        if start < 0 and surface:
            start = text.find(surface)
        if mapped is None or start < 0:
            lost += 1
            continue
        pos = max(pos, start + len(surface))
        spans.add((start, start + len(surface), mapped))
    return spans, lost


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--round", nargs=2, action="append", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=HERE / "ner_news.tsv")
    args = parser.parse_args()
    texts = articles(args.data)
    gold = {}
    for words, tags in read_germeval(HERE.parent / "corpus" / "eval" / "germeval-tune.tsv"):
        text, spans = gold_spans(words, tags)
        gold[text] = spans
    rows: list[str] = []
    tp = fp = fn = lost = missing = 0
    for sample_dir, answer_dir in args.round:
        mapping = json.loads((sample_dir / "mapping.json").read_text(encoding="utf-8"))
        answered: dict[str, list[tuple[str, str]]] = {}
        for path in sorted(answer_dir.glob("batch_*.txt")):
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    sid, entities = parse_answer(line)
                    answered[sid] = entities
        for sid, source in mapping.items():
            if sid not in answered:
                missing += 1
                continue
            if source[0] == "germeval-tune":
                text = source[1]
                spans, n_lost = place(text, answered[sid])
                tp += len(spans & gold[text])
                fp += len(spans - gold[text])
                fn += len(gold[text] - spans)
                continue
            article, start, end = source
            spans, n_lost = place(texts[article][start:end], answered[sid])
            lost += n_lost
            ents = ",".join(f"{start + a}:{start + b}:{label}" for a, b, label in sorted(spans))
            rows.append(f"{article}\t{start}\t{end}\t{ents or '-'}")
    header = (
        "# SILVER NER annotation (stand-off; see README.md)\n"
        "# article id, sentence start, sentence end, entities as start:end:LABEL (article offsets)\n"
    )
    args.out.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    p = tp / max(1, tp + fp)
    r = tp / max(1, tp + fn)
    report = {
        "sentences": len(rows),
        "entities": sum(row.count(":") // 2 for row in rows),
        "unplaced_entities": lost,
        "unanswered_sentences": missing,
        "agreement_with_germeval_gold": {
            "p": round(p, 3),
            "r": round(r, 3),
            "f1": round(2 * p * r / max(1e-9, p + r), 3),
            "gold_entities": tp + fn,
        },
    }
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
