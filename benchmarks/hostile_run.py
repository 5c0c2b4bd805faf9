"""Run ``lagebild ingest`` on the hostile corpus and check that every file is accounted for.

    python benchmarks/hostile_run.py [--files 10000] [--no-big] [--model blank] [--workers 2]
                                     [--max-chars N] [--max-words N] [--max-sentence-words N]
                                     [--time-docs 1] [--timeout S] [--keep DIR]

Generates the corpus of :mod:`benchmarks.hostile_corpus` (10,000 files and one 50 MB text) in a
temporary folder, ingests it in a subprocess (``--workers 2``), and checks against the manifest:

- no crash: exit code 0 and no ``Traceback`` on stderr (isolated per-document failures are
  logged by the pipeline; they are counted separately as ``logged_tracebacks``);
- the reader yields exactly the manifest's number of documents per file;
- every document read is in the store exactly once (identical texts share one id), or listed by
  ``lagebild errors`` with its id; every file without documents is listed with a reason.

``--max-chars`` / ``--max-words`` / ``--max-sentence-words`` set per-document limits in the worker
processes through an analyser factory (:func:`limited_analyzer`); the last two are prototypes of
limits the pipeline does not have yet (documents over them are refused with E109).  ``--time-docs K`` times the
analysis of the K longest documents of every kind in this process: the worst case per document.

Prints one JSON object: run time, peak RSS of the ingest process tree, files tried / stored /
rejected by reason code, crashes, and the accounting problems found (empty when all is well).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.hostile_corpus import generate  # noqa: E402

ENV_MAX_CHARS = "LAGEBILD_BENCH_MAX_CHARS"
ENV_MAX_WORDS = "LAGEBILD_BENCH_MAX_WORDS"
ENV_MAX_SENTENCE_WORDS = "LAGEBILD_BENCH_MAX_SENTENCE_WORDS"
_SENTENCE_END = re.compile(r"[.!?]+[\"'“”„»«›‹‘’)]*(?:\s|$)|\n\s*\n")


# ---------------------------------------------------------------------------------------------
# running the CLI (shared with crash_trials.py)
# ---------------------------------------------------------------------------------------------


def cli_command() -> list[str]:
    """How to call the corpus commands: the ``lagebild`` script once it has them, else the module."""
    script = Path(sys.executable).parent / "lagebild"
    if script.exists():
        probe = subprocess.run([str(script), "ingest", "--help"], capture_output=True, cwd=REPO, check=False)
        if probe.returncode == 0:
            return [str(script)]
    return [sys.executable, "-m", "lagebild.cli_corpus"]


def child_env(**extra: str) -> dict[str, str]:
    """Environment for lagebild subprocesses: single-threaded BLAS, the repo importable."""
    env = dict(os.environ)
    env.update({"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"})
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    env.update(extra)
    return env


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def tree_pids(root: int) -> list[int]:
    """``root`` and all its descendants (Linux /proc)."""
    pids, todo = [], [root]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        todo.extend(_children(pid))
    return pids


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class RssSampler(threading.Thread):
    """Samples the RSS of a process tree until stopped: peak of the sum and of one process."""

    def __init__(self, pid: int, *, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.interval = interval
        self.peak_total_mb = 0.0
        self.peak_process_mb = 0.0
        self.max_processes = 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            sizes = [_rss_mb(pid) for pid in tree_pids(self.pid)]
            self.peak_total_mb = max(self.peak_total_mb, sum(sizes))
            self.peak_process_mb = max(self.peak_process_mb, max(sizes, default=0.0))
            self.max_processes = max(self.max_processes, len(sizes))
            self._stop_event.wait(self.interval)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def run_cli(
    args: list[str], *, env: dict[str, str] | None = None, timeout: float | None = None
) -> dict[str, Any]:
    """Run a corpus command; returns exit code, stdout, stderr, seconds and peak RSS."""
    started = time.perf_counter()
    process = subprocess.Popen(
        cli_command() + args,
        cwd=REPO,
        env=env or child_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    sampler = RssSampler(process.pid)
    sampler.start()
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        for pid in reversed(tree_pids(process.pid)):
            _kill(pid)
        stdout, stderr = process.communicate()
    sampler.stop()
    return {
        "rc": process.returncode,
        "stdout": stdout,
        "stderr": stderr,
        "seconds": round(time.perf_counter() - started, 2),
        "peak_rss_tree_mb": round(sampler.peak_total_mb, 1),
        "peak_rss_process_mb": round(sampler.peak_process_mb, 1),
        "processes": sampler.max_processes,
    }


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, 9)


def cli_json(args: list[str]) -> Any:
    result = run_cli(args)
    if result["rc"] != 0:
        raise RuntimeError(f"{args[0]} failed ({result['rc']}): {result['stderr'][-2000:]}")
    return json.loads(result["stdout"])


# ---------------------------------------------------------------------------------------------
# per-document limits in the workers
# ---------------------------------------------------------------------------------------------


def limited_analyzer(model: str | None = None) -> Any:
    """Analyser factory for ``--analyzer``: the usual analyser with the limits from the environment."""
    from lagebild.settings import PIPELINE
    from lagebild.store.ingest import make_analyzer

    if os.environ.get(ENV_MAX_CHARS):
        PIPELINE["max_chars"] = int(os.environ[ENV_MAX_CHARS])
    analyzer = make_analyzer(model)
    max_words = int(os.environ.get(ENV_MAX_WORDS) or 0)
    max_sentence = int(os.environ.get(ENV_MAX_SENTENCE_WORDS) or 0)
    if max_words or max_sentence:
        check = analyzer.check

        def check_limits(document: Any) -> None:
            check(document)
            _check_words(document, max_words=max_words, max_sentence=max_sentence)

        analyzer.check = check_limits
    return analyzer


def longest_sentence_words(text: str) -> int:
    """Words in the longest stretch without sentence-final punctuation or a blank line."""
    return max((len(part.split()) for part in _SENTENCE_END.split(text)), default=0)


def _check_words(document: Any, *, max_words: int, max_sentence: int) -> None:
    from lagebild.errors import E, InputError

    words = len(document.text.split())
    if max_words and words > max_words:
        message = E.E109.format(path=document.source, size=f"{words} words", limit=f"{max_words} words")
        raise InputError(message, code="E109")
    longest = longest_sentence_words(document.text) if max_sentence else 0
    if longest > max_sentence:
        message = E.E109.format(
            path=document.source,
            size=f"a sentence of {longest} words",
            limit=f"{max_sentence} words per sentence",
        )
        raise InputError(message, code="E109")


# ---------------------------------------------------------------------------------------------
# accounting
# ---------------------------------------------------------------------------------------------


def expected_documents(corpus: Path, manifest: dict[str, dict]) -> tuple[dict[str, list[str]], list[dict]]:
    """Document ids per file as the reader yields them, and files whose count differs from the manifest."""
    from lagebild.reader import ReadFailure, read_file

    ids: dict[str, list[str]] = {}
    problems = []
    for name, entry in manifest.items():
        results = list(read_file(corpus / name))
        ids[name] = [r.id for r in results if not isinstance(r, ReadFailure)]
        if len(ids[name]) != entry["documents"]:
            problems.append(
                {
                    "file": name,
                    "problem": "reader count differs from manifest",
                    "read": len(ids[name]),
                    "manifest": entry["documents"],
                }
            )
    return ids, problems


def stored_ids(db: Path) -> tuple[list[str], dict[str, Any]]:
    """All document ids in the store (with repeats, if any) and its integrity check."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        ids = [row[0] for row in conn.execute("SELECT id FROM documents")]
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    return ids, {"integrity_check": integrity}


def account(
    manifest: dict[str, dict], ids: dict[str, list[str]], stored: list[str], errors: list[dict]
) -> dict[str, Any]:
    """Compare expectations with the store and the error list; file outcomes and problems."""
    stored_set = set(stored)
    error_files: dict[str, list[str]] = defaultdict(list)
    error_ids: set[str] = set()
    for row in errors:
        error_files[Path(row["path"]).name].append(row["code"])
        if row.get("doc_id"):
            error_ids.add(row["doc_id"])
    outcomes: Counter[str] = Counter()
    rejected_by_code: Counter[str] = Counter()
    problems = []
    for name in manifest:
        docs = ids[name]
        lost = [doc_id for doc_id in docs if doc_id not in stored_set and doc_id not in error_ids]
        if lost:
            problems.append({"file": name, "problem": "documents neither stored nor listed", "ids": lost})
        if not docs and name not in error_files:
            problems.append({"file": name, "problem": "no documents and not listed in errors"})
        if docs and all(doc_id in stored_set for doc_id in docs):
            outcomes["stored_partly" if name in error_files else "stored"] += 1
        elif any(doc_id in stored_set for doc_id in docs):
            outcomes["stored_partly"] += 1
        elif name in error_files:
            outcomes["rejected"] += 1
            rejected_by_code[error_files[name][0]] += 1
        elif docs and all(doc_id in error_ids for doc_id in docs):
            # same text as a document refused under another file's name, but not listed itself
            outcomes["copy_of_refused_unlisted"] += 1
            problems.append({"file": name, "problem": "copy of a refused text, not listed in errors"})
    expected = {doc_id for docs in ids.values() for doc_id in docs}
    unexpected = stored_set - expected
    if unexpected:
        problems.append({"problem": "stored documents no file holds", "ids": sorted(unexpected)[:20]})
    if len(stored) != len(stored_set):
        problems.append(
            {"problem": "documents stored more than once", "count": len(stored) - len(stored_set)}
        )
    return {
        "files_tried": len(manifest),
        "files": dict(outcomes),
        "files_rejected_by_code": dict(sorted(rejected_by_code.items())),
        "documents_read": sum(len(docs) for docs in ids.values()),
        "documents_distinct": len(expected),
        "documents_stored": len(stored),
        "documents_refused_by_analyser": len(expected & error_ids - stored_set),
        "error_rows_by_code": dict(sorted(Counter(row["code"] for row in errors).items())),
        "problems": problems,
    }


# ---------------------------------------------------------------------------------------------
# worst case per document
# ---------------------------------------------------------------------------------------------


def time_documents(
    corpus: Path, manifest: dict[str, dict], *, model: str | None, per_kind: int
) -> dict[str, Any]:
    """Analysis time of the ``per_kind`` longest documents of every kind, in this process."""
    from lagebild.reader import ReadFailure, read_file
    from lagebild.store.ingest import make_analyzer

    by_kind: dict[str, list[Any]] = defaultdict(list)
    for name, entry in manifest.items():
        by_kind[entry["kind"]].extend(r for r in read_file(corpus / name) if not isinstance(r, ReadFailure))
    analyzer = make_analyzer(model)
    list(analyzer.analyze_stream([_warmup_document()]))
    times: dict[str, dict[str, Any]] = {}
    for kind, documents in sorted(by_kind.items()):
        longest = sorted(documents, key=lambda d: len(d.text), reverse=True)[:per_kind]
        for document in longest:
            started = time.perf_counter()
            list(analyzer.analyze_stream([document]))
            seconds = time.perf_counter() - started
            if seconds >= times.get(kind, {}).get("seconds", -1.0):
                times[kind] = {
                    "seconds": round(seconds, 3),
                    "chars": len(document.text),
                    "words": len(document.text.split()),
                    "file": Path(document.source or "").name,
                }
    worst = max(times.items(), key=lambda item: item[1]["seconds"], default=(None, {}))
    return {"per_kind": times, "worst_kind": worst[0], "worst": worst[1]}


def _warmup_document() -> Any:
    from lagebild.document import Document

    return Document(text="Die Regierung hat am Montag in Berlin neue Maßnahmen angekündigt.", language="de")


# ---------------------------------------------------------------------------------------------
# main
# ---------------------------------------------------------------------------------------------


def run(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    corpus, db = work / "corpus", work / "hostile.db"
    started = time.perf_counter()
    manifest = generate(corpus, files=args.files, seed=args.seed, big=not args.no_big)
    generated_s = time.perf_counter() - started
    ingest_args = [
        "ingest",
        str(corpus),
        "--db",
        str(db),
        "--workers",
        str(args.workers),
        "--json",
        "--no-progress",
        "--analyzer",
        "benchmarks.hostile_run:limited_analyzer",
    ]
    if args.model:
        ingest_args += ["--model", args.model]
    env = child_env(
        **{
            ENV_MAX_CHARS: str(args.max_chars or ""),
            ENV_MAX_WORDS: str(args.max_words or ""),
            ENV_MAX_SENTENCE_WORDS: str(args.max_sentence_words or ""),
        }
    )
    result = run_cli(ingest_args, env=env, timeout=args.timeout)
    tracebacks = result["stderr"].count("Traceback")
    counts = _json_or_none(result["stdout"])
    crashed = result["rc"] != 0 or counts is None
    report: dict[str, Any] = {
        "model": args.model or "shipped",
        "workers": args.workers,
        "files_requested": args.files,
        "big_file": not args.no_big,
        "limits": {
            "max_chars": args.max_chars,
            "max_words": args.max_words,
            "max_sentence_words": args.max_sentence_words,
        },
        "generate_seconds": round(generated_s, 1),
        "ingest_seconds": result["seconds"],
        "peak_rss_tree_mb": result["peak_rss_tree_mb"],
        "peak_rss_process_mb": result["peak_rss_process_mb"],
        "exit_code": result["rc"],
        "crashes": int(crashed),
        "logged_tracebacks": tracebacks,
        "ingest": counts,
    }
    if crashed:
        report["stderr_tail"] = result["stderr"][-3000:]
        return report
    ids, reader_problems = expected_documents(corpus, manifest)
    stored, integrity = stored_ids(db)
    errors = cli_json(["errors", "--db", str(db), "--json"])
    report.update(integrity)
    report.update(account(manifest, ids, stored, errors))
    report["problems"] = reader_problems + report["problems"]
    if tracebacks:
        report["traceback_sample"] = result["stderr"][result["stderr"].find("Traceback") :][:1500]
    if args.time_docs:
        report["per_document_seconds"] = time_documents(
            corpus, manifest, model=args.model, per_kind=args.time_docs
        )
    return report


def _json_or_none(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return None


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-big", action="store_true", help="skip the 50 MB file")
    parser.add_argument("--model", help="'blank' for the fast blank tokenizer; default: the shipped model")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--max-chars", type=int, help="PIPELINE max_chars in the workers (refused: E109)")
    parser.add_argument("--max-words", type=int, help="prototype limit: refuse longer documents (E109)")
    parser.add_argument(
        "--max-sentence-words",
        type=int,
        help="prototype limit: refuse documents with a longer sentence (E109)",
    )
    parser.add_argument("--time-docs", type=int, default=0, help="time the K longest documents of every kind")
    parser.add_argument("--timeout", type=float, help="kill the ingest after this many seconds")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args()
    logging.getLogger("lagebild").setLevel(logging.ERROR)  # the reader's warnings are counted, not shown
    work = args.keep or Path(tempfile.mkdtemp(prefix="lagebild-hostile-"))
    try:
        report = run(args, work)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    report["ok"] = (
        report["crashes"] == 0 and not report.get("problems") and report.get("integrity_check") == "ok"
    )
    print(json.dumps(report, indent=1, ensure_ascii=False))
    sys.exit(0 if report["ok"] else 1)


if __name__ == "__main__":
    main()
