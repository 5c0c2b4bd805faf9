"""Annotators' dependency trees → ``ud_news.tsv`` (stand-off) and agreement with GSD gold.

Usage: python silver/collect_ud.py --round SAMPLE_DIR ANSWER_DIR [--round …] [--out silver/ud_news.tsv]

An answer block is ``# sid = …``, ``# text = …`` and one line per token
``ID FORM LEMMA UPOS XPOS HEAD DEPREL`` (tab-separated).  A block is kept only if its tokens
are the ones given, every HEAD is in range, there is exactly one root, the tree has no cycle and
the labels are UD's; the GSD check sentences (tuning part, mixed in unmarked) are scored
against gold (UPOS, XPOS, lemma, UAS, LAS) and never written out.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from convert.silver_ud import lemma_rule  # noqa: E402

UPOS = frozenset(
    [
        "NOUN",
        "PROPN",
        "VERB",
        "AUX",
        "ADJ",
        "ADV",
        "ADP",
        "DET",
        "PRON",
        "CCONJ",
        "SCONJ",
        "PART",
        "NUM",
        "PUNCT",
        "X",
        "SYM",
        "INTJ",
    ]
)
DEPRELS = frozenset(
    [
        "root",
        "nsubj",
        "nsubj:pass",
        "obj",
        "iobj",
        "obl",
        "obl:arg",
        "obl:agent",
        "obl:tmod",
        "advmod",
        "amod",
        "det",
        "det:poss",
        "case",
        "nmod",
        "nmod:poss",
        "conj",
        "cc",
        "aux",
        "aux:pass",
        "cop",
        "mark",
        "compound",
        "compound:prt",
        "nummod",
        "xcomp",
        "advcl",
        "acl",
        "acl:relcl",
        "flat",
        "flat:name",
        "appos",
        "ccomp",
        "csubj",
        "csubj:pass",
        "parataxis",
        "expl",
        "expl:pv",
        "fixed",
        "dep",
        "vocative",
        "discourse",
        "punct",
        "orphan",
        "goeswith",
        "reparandum",
        "list",
        "dislocated",
    ]
)


def read_blocks(path: Path) -> dict[str, list[list[str]]]:
    blocks: dict[str, list[list[str]]] = {}
    sid = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# sid = "):
            sid = line.split(" = ", 1)[1].strip()
            blocks[sid] = []
        elif line.startswith("#") or not line.strip():
            continue
        elif sid is not None:
            blocks[sid].append(line.split("\t"))
    return blocks


def valid(rows: list[list[str]], forms: list[str]) -> bool:
    if len(rows) != len(forms) or any(len(row) != 7 for row in rows):
        return False
    if [row[1] for row in rows] != forms or [row[0] for row in rows] != [
        str(i + 1) for i in range(len(rows))
    ]:
        return False
    try:
        heads = [int(row[5]) for row in rows]
    except ValueError:
        return False
    if any(not 0 <= h <= len(rows) or h == i + 1 for i, h in enumerate(heads)):
        return False
    if sum(h == 0 for h in heads) != 1 or any(
        (h == 0) != (row[6] == "root") for h, row in zip(heads, rows, strict=True)
    ):
        return False
    if any(
        row[3] not in UPOS or row[6] not in DEPRELS or not row[2].strip() or " " in row[2] or "/" in row[4]
        for row in rows
    ):
        return False
    for i in range(len(rows)):  # every token must reach the root
        seen, node = set(), i + 1
        while node != 0:
            if node in seen:
                return False
            seen.add(node)
            node = heads[node - 1]
    return True


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--round", nargs=2, action="append", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=HERE / "ud_news.tsv")
    args = parser.parse_args()
    mapping: dict[str, list] = {}
    answers: dict[str, list[list[str]]] = {}
    for sample_dir, answer_dir in args.round:
        mapping.update(json.loads((sample_dir / "mapping.json").read_text(encoding="utf-8")))
        for path in sorted(answer_dir.glob("batch_*.txt")):
            answers.update(read_blocks(path))
    rows_out: list[str] = []
    invalid = unanswered = 0
    score = dict.fromkeys(("tokens", "upos", "xpos", "lemma", "uas", "las"), 0)
    for sid, source in mapping.items():
        rows = answers.get(sid)
        if rows is None:
            unanswered += 1
            continue
        if source[0] == "gsd-tune":
            gold = source[1]  # FORM LEMMA UPOS XPOS HEAD DEPREL
            if not valid(rows, [g[0] for g in gold]):
                invalid += 1
                continue
            for row, g in zip(rows, gold, strict=True):
                score["tokens"] += 1
                score["upos"] += row[3] == g[2]
                score["xpos"] += row[4] == g[3]
                score["lemma"] += row[2] == g[1]
                score["uas"] += row[5] == g[4]
                score["las"] += row[5] == g[4] and row[6].split(":")[0] == g[5].split(":")[0]
            continue
        article, start, end, forms = source
        if not valid(rows, forms):
            invalid += 1
            continue
        items = [f"{row[3]}/{row[4]}/{row[5]}/{row[6]}/{lemma_rule(row[1], row[2])}" for row in rows]
        rows_out.append(f"{article}\t{start}\t{end}\t{len(rows)}\t{' '.join(items)}")
    header = (
        "# SILVER dependency trees of german-news sentences (stand-off; see README.md)\n"
        "# article id, sentence start, end, token count, UPOS/XPOS/HEAD/DEPREL/LEMMA-RULE per token\n"
    )
    args.out.write_text(header + "\n".join(rows_out) + "\n", encoding="utf-8")
    n = max(1, score["tokens"])
    report = {
        "sentences": len(rows_out),
        "tokens": sum(int(row.split("\t")[3]) for row in rows_out),
        "invalid_blocks": invalid,
        "unanswered": unanswered,
        "agreement_with_gsd_gold": {
            key: round(value / n, 3) for key, value in score.items() if key != "tokens"
        }
        | {"tokens": score["tokens"]},
    }
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
