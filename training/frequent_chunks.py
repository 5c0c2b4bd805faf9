"""The chunks (whitespace-separated strings) that recur most in German news-like text, for the
tokenizer to know before a stream starts (``lagebild/nlp/data/frequent_chunks.txt``).

Inside spaCy's memory zone the tokenizer caches nothing and every word outside the vocabulary
gets a new lexeme in every zone; an exclusive ``Analyzer`` tokenizes these chunks once outside
any zone (``lagebild/nlp/frequent.py``), so their splits and lexemes are kept for the whole run.

Counted over the unannotated training text of ``../shared/data`` (political speeches, SmartData
training documents, Wikinews training articles, PCC texts); the german-news articles are left
out, because the speed benchmarks run on them.  A list of words and nothing else: no sentence of
the corpora is kept.

Usage: python frequent_chunks.py --data ../../shared/data [--size 20000]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "lagebild" / "nlp" / "data" / "frequent_chunks.txt"


def texts(data: Path) -> Iterator[str]:
    for line in (data / "raw-political-speeches-de" / "speeches.jsonl").open(encoding="utf-8"):
        yield json.loads(line).get("text", "")
    for line in (data / "ner-smartdata-de" / "smartdata_v1_train.jsonl").open(encoding="utf-8"):
        yield json.loads(line).get("text", "")
    for path in sorted((data / "quotes-de" / "wikinews-quotation-attribution-2024" / "train").glob("*.json")):
        yield json.loads(path.read_text(encoding="utf-8")).get("originalText", "")
    for path in sorted((data / "pcc-2.2" / "primary-data").glob("*.txt")):
        yield path.read_text(encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=Path("../../shared/data"))
    parser.add_argument("--size", type=int, default=20_000)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    counts: Counter[str] = Counter()
    for text in texts(args.data):
        counts.update(text.split())
    # most frequent first; equal counts in the order the chunks were first seen (deterministic)
    chunks = [chunk for chunk, n in counts.most_common(args.size) if n >= 2]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("".join(f"{chunk}\n" for chunk in chunks), encoding="utf-8")
    print(f"{len(chunks)} chunks from {sum(counts.values())} in {len(counts)} kinds -> {args.out}")


if __name__ == "__main__":
    main()
