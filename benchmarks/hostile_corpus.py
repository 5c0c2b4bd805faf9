"""Generate a corpus of hostile inputs: what scrapers bring, and worse.

    python benchmarks/hostile_corpus.py OUT_DIR [--files 10000] [--seed 7] [--no-big]

Every file is one of the kinds in :data:`KINDS`; ``.manifest.json`` in OUT_DIR (hidden, so readers skip it) lists each file
with its kind and how many documents it holds when read correctly, so a run of
``lagebild ingest OUT_DIR`` can be checked: every file stored or listed in ``lagebild errors``.
The German sentences are written for this generator.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
from collections.abc import Callable
from pathlib import Path

SENTENCES = [
    "Die Regierung hat am Montag neue Maßnahmen angekündigt.",
    "Der Minister sagte, man werde die Lage genau beobachten.",
    "„Wir sind zu Gesprächen bereit“, erklärte die Sprecherin in Wien.",
    "Nach Angaben der Polizei wurden drei Menschen verletzt.",
    "Die Preise für Öl und Gas stiegen im Juli deutlich an.",
    "Kritiker werfen der Behörde vor, sie habe zu spät reagiert.",
    "Über die Zukunft der Leitung soll im Herbst entschieden werden.",
    "Grüße aus Köln, Zürich und Graz – überall ähnliche Sorgen.",
]

NESTED_QUOTES = "„Er sagte: »Sie meinte ‚Das ist „kein“ Problem‘, aber ›wer weiß‹«, und ging.“ "


def _german(rng: random.Random, sentences: int) -> str:
    return " ".join(rng.choice(SENTENCES) for _ in range(sentences))


def _text(encoding: str, prefix: bytes = b"") -> Callable[[random.Random], tuple[bytes, int]]:
    def make(rng: random.Random) -> tuple[bytes, int]:
        return prefix + _german(rng, rng.randint(2, 12)).encode(encoding, errors="replace"), 1

    return make


def _invalid_utf8(rng: random.Random) -> tuple[bytes, int]:
    data = bytearray(_german(rng, 6).encode("utf-8"))
    for _ in range(5):
        data.insert(rng.randrange(len(data)), rng.choice([0xC3, 0xFF, 0xFE, 0x80, 0xE2]))
    return bytes(data), 1


def _binary(rng: random.Random) -> tuple[bytes, int]:
    headers = [b"\x89PNG\r\n\x1a\n", b"\x7fELF\x02\x01\x01", b"PK\x03\x04", b"%PDF-1.7\n\x00"]
    return rng.choice(headers) + bytes(rng.randrange(256) for _ in range(rng.randint(200, 4000))), 0


def _empty(rng: random.Random) -> tuple[bytes, int]:
    return rng.choice([b"", b"   ", b"\n\n\t\n", b"\xef\xbb\xbf"]), 0


def _long_sentence(rng: random.Random) -> tuple[bytes, int]:
    words = ["und", "die", "Regierung", "sagte", "dass", "Öl", "Gas", "Pipeline", "Moskau", "nicht"]
    return ("date 2022-07 " + " ".join(rng.choice(words) for _ in range(5000))).encode(), 1


def _long_token(rng: random.Random) -> tuple[bytes, int]:
    return ("Am Montag " + "x" * 200_000 + " endete der Streit.").encode(), 1


def _nested_quotes(rng: random.Random) -> tuple[bytes, int]:
    return (NESTED_QUOTES * rng.randint(1, 40) + _german(rng, 3)).encode(), 1


def _unbalanced_quotes(rng: random.Random) -> tuple[bytes, int]:
    marks = ["„", "“", "»", "«", '"', "‚", "‘"]
    parts = [f"{rng.choice(marks)}{s}" for s in rng.sample(SENTENCES, 5)]
    return " ".join(parts).encode(), 1


def _invisible(rng: random.Random) -> tuple[bytes, int]:
    junk = ["\u200b", "\u200e", "\u200f", "\u202e", "\u2066", "\ufeff", "\u00ad", "\u0301"]
    text = "".join(ch + (rng.choice(junk) if rng.random() < 0.2 else "") for ch in _german(rng, 4))
    return text.encode("utf-8"), 1


def _html(rng: random.Random) -> tuple[bytes, int]:
    body = "".join(f"<p>{s}</p>" for s in rng.sample(SENTENCES, 5))
    junk = "<script>document.write('<p>unsichtbar</p>')</script><style>p{}</style>" * rng.randint(1, 20)
    page = f"<!DOCTYPE html><html><head>{junk}</head><body><nav>Menü</nav><article>{body}</article></body></html>"
    return page.encode(), 1


def _html_junk(rng: random.Random) -> tuple[bytes, int]:
    return ("<html><body>" + "<div><script>x()</script></div>" * 50 + "</body></html>").encode(), 0


def _jsonl_mixed(rng: random.Random) -> tuple[bytes, int]:
    lines, good = [], 0
    for _ in range(rng.randint(3, 12)):
        kind = rng.random()
        if kind < 0.6:
            lines.append(
                json.dumps({"text": _german(rng, 3), "date": rng.choice(["2022-07", "2021-13", None])})
            )
            good += 1
        elif kind < 0.75:
            lines.append('{"text": "abgebrochen')
        elif kind < 0.9:
            lines.append(json.dumps({"text": rng.choice([42, None, ["Liste"], {"a": 1}])}))
        else:
            lines.append(json.dumps(["kein", "Objekt"]))
    return "\n".join(lines).encode(), good


def _truncated_gzip(rng: random.Random) -> tuple[bytes, int]:
    data = gzip.compress(_german(rng, 200).encode())
    return data[: rng.randint(10, len(data) - 10)], 0


def _good_gzip(rng: random.Random) -> tuple[bytes, int]:
    return gzip.compress(_german(rng, 5).encode()), 1


def _bad_dates(rng: random.Random) -> tuple[bytes, int]:
    header = rng.choice(["date 2022-13", "date 2022-02-30", "date 0000-00", "date 99999", "date 2022-07-"])
    return f"{header} {_german(rng, 3)}".encode(), 1


def _controls(rng: random.Random) -> tuple[bytes, int]:
    text = _german(rng, 4)
    return "".join(ch + ("\x07" if rng.random() < 0.01 else "") for ch in text).encode(), 1


KINDS: dict[str, tuple[str, Callable[[random.Random], tuple[bytes, int]]]] = {
    "utf8": (".txt", _text("utf-8")),
    "utf8_bom": (".txt", _text("utf-8", b"\xef\xbb\xbf")),
    "utf16_bom": (".txt", _text("utf-16")),
    "utf16le_nobom": (".txt", _text("utf-16-le")),
    "cp1252": (".txt", _text("cp1252")),
    "latin1": (".txt", _text("latin-1")),
    "invalid_utf8": (".txt", _invalid_utf8),
    "binary": (".txt", _binary),
    "binary_noext": ("", _binary),
    "empty": (".txt", _empty),
    "long_sentence": (".txt", _long_sentence),
    "long_token": (".txt", _long_token),
    "nested_quotes": (".txt", _nested_quotes),
    "unbalanced_quotes": (".txt", _unbalanced_quotes),
    "invisible_chars": (".txt", _invisible),
    "html": (".html", _html),
    "html_junk": (".html", _html_junk),
    "jsonl_mixed": (".jsonl", _jsonl_mixed),
    "truncated_gzip": (".txt.gz", _truncated_gzip),
    "gzip": (".txt.gz", _good_gzip),
    "bad_dates": (".txt", _bad_dates),
    "controls": (".txt", _controls),
}


def generate(out_dir: Path, *, files: int = 10_000, seed: int = 7, big: bool = True) -> dict[str, dict]:
    """Write ``files`` hostile files (+ one 50 MB text if ``big``) and a manifest; returns it."""
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    names = sorted(KINDS)
    manifest: dict[str, dict] = {}
    for number in range(files):
        kind = names[number % len(names)]
        suffix, make = KINDS[kind]
        data, documents = make(rng)
        name = f"{number:05d}_{kind}{suffix}"
        (out_dir / name).write_bytes(data)
        manifest[name] = {"kind": kind, "documents": documents}
    if big:
        sentence = _german(rng, 1) + " "
        (out_dir / "huge_50mb.txt").write_bytes((sentence * (50 * 1024 * 1024 // len(sentence))).encode())
        manifest["huge_50mb.txt"] = {"kind": "huge", "documents": 0}
    (out_dir / ".manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return manifest


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-big", action="store_true", help="skip the 50 MB file")
    args = parser.parse_args()
    manifest = generate(args.out_dir, files=args.files, seed=args.seed, big=not args.no_big)
    print(json.dumps({"files": len(manifest), "out_dir": str(args.out_dir)}))


if __name__ == "__main__":
    main()
