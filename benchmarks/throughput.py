"""End-to-end throughput against the parse floor, measured in one run on the same texts.

    python benchmarks/throughput.py [--data DIR_OR_JSONL] [--workers 1,2] [--limit N] [--repeat R] [--json]

For each worker count it measures on the same documents (a) the shipped spaCy pipeline alone
(``nlp.pipe``), (b) the full lagebild analysis (all components, records serialised to JSON) and
(c) ``lagebild ingest`` into a fresh store.  Every measurement runs in fresh processes, so peak
RSS is per measurement and per process (the largest worker).  Times start once the model is
loaded (for ingest: ``startup_s`` from ``ingest --json`` is subtracted), so start-up cost is
reported separately: ``cold_start_s`` is the wall time of ``lagebild analyze`` on one article
(with lagebild's modules byte-compiled first, as an installed package has them).
``--repeat R`` runs every measurement R times, in interleaved rounds (parse, analysis, ingest,
parse, …, so that a machine whose speed drifts during the run treats them alike), and keeps the
fastest of each (as ``timeit`` does: other jobs on the machine only ever slow a run down); the
peaks are the largest of all runs.
Words are whitespace-separated words of the document texts.

Default data: ``../shared/data/german-news/10kGNAD_test_shared.jsonl`` (988 articles); a folder
means its ``*.jsonl`` files (else everything the reader accepts in it).

``--json`` prints one object per worker count, e.g.
{"words", "docs", "workers", "parse_only_wps", "end_to_end_wps", "ingest_wps",
 "ratio_end_to_end", "ratio_ingest", "peak_rss_mb", "parse_peak_rss_mb",
 "end_to_end_peak_rss_mb", "ingest_peak_rss_mb", "cold_start_s", "cpus", ...}
(``ratio_*`` = wps / parse_only_wps; ``ratio_end_to_end_cpu`` the same from CPU seconds, which
a busy machine disturbs less; ``peak_rss_mb`` = the largest of the three peaks).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import Any

from lagebild.document import Document
from lagebild.paths import repo_root, shared_dir
from lagebild.reader import iter_documents

DEFAULT_DATA = Path("data") / "german-news" / "10kGNAD_test_shared.jsonl"


def _cli() -> list[str]:
    """The ``lagebild`` command of this interpreter's environment (as users run it)."""
    script = Path(sys.executable).parent / "lagebild"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from lagebild.cli import main; main()"]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# analysed once before the clock starts: lazily loaded lexicons and gazetteers are start-up cost
WARM_UP = "Die Ministerin sagte am Montag in Berlin, man werde die Gespräche mit Polen fortsetzen."


def _parse_only(texts: list[str]) -> tuple[float, float, float]:
    from lagebild import pipeline
    from lagebild.nlp import load

    batch = getattr(pipeline, "PARSE_BATCH", 8)  # the batch size the analysis parses with
    nlp = load()
    nlp(WARM_UP)
    started, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=batch):
        pass
    return time.perf_counter() - started, time.process_time() - cpu, _peak_mb()


def _end_to_end(documents: list[Document]) -> tuple[float, float, float]:
    from lagebild import allocator
    from lagebild.pipeline import Analyzer

    allocator.prepare()  # as `lagebild analyze` and the ingest workers do
    analyzer = Analyzer(exclusive=True)  # the analyser of the process, as theirs
    analyzer.analyze(Document(WARM_UP))
    started, cpu = time.perf_counter(), time.process_time()
    for record in analyzer.analyze_stream(documents):
        json.dumps(record, ensure_ascii=False)
    return time.perf_counter() - started, time.process_time() - cpu, _peak_mb()


def _in_workers(function: Any, items: list[Any], workers: int) -> tuple[float, float, float]:
    """Wall time of ``function`` over ``items`` split across fresh processes, their CPU time
    (summed), max peak RSS.

    The wall time counts from when each worker has loaded its model (each reports its own
    processing time; the slowest one is the wall time), as with a pool that stays warm."""
    shares = [items[i::workers] for i in range(workers)]
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, maxtasksperchild=1) as pool:
        results = pool.map(function, shares)
    return (
        max(seconds for seconds, _, _ in results),
        sum(cpu for _, cpu, _ in results),
        max(peak for _, _, peak in results),
    )


def _descendants(root: int) -> list[int]:
    """``root`` and all its descendant processes (from ``/proc``; Linux only, else just root)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += parents.get(pid, [])
    return found


def _high_water_mb(pid: int) -> float:
    """Peak RSS so far of one running process (``VmHWM``), 0 when unreadable."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


def _run_measured(command: list[str]) -> tuple[str, float, float]:
    """Run ``command``; its stdout, the peak RSS (MB) of its largest process and its CPU seconds.

    Worker processes of a pool or fork server are not always waited for by the command, so
    the peak is sampled from ``/proc`` (every process of the tree) while it runs, and taken
    from ``wait4`` (the command and the children it waited for) at the end."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, stdout=out, stderr=err)
        peak = 0.0
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            peak = max([peak, *(_high_water_mb(p) for p in _descendants(process.pid))])
            time.sleep(0.2)
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if process.returncode != 0:
            sys.exit(
                f"{' '.join(command[:3])} … failed ({process.returncode}):\n{err.read().decode()[-2000:]}"
            )
        cpu = usage.ru_utime + usage.ru_stime
        return out.read().decode("utf-8"), max(peak, usage.ru_maxrss / 1024), cpu


def _write_jsonl(documents: list[Document], path: Path) -> None:
    """The benchmark's documents as JSONL for ``lagebild ingest`` (the same texts, in order)."""
    with path.open("w", encoding="utf-8") as handle:
        for document in documents:
            row: dict[str, Any] = {"id": document.source_id, "text": document.text}
            if document.title:
                row["title"] = document.title
            if document.source:
                row["source"] = document.source
            if document.date is not None:
                date = document.date
                row["date"] = {
                    "day": date.start.isoformat(),
                    "month": date.start.isoformat()[:7],
                    "year": date.start.isoformat()[:4],
                }.get(date.precision)
            handle.write(
                json.dumps({k: v for k, v in row.items() if v is not None}, ensure_ascii=False) + "\n"
            )


def _ingest(source: Path, workers: int) -> tuple[float, float, int]:
    """Seconds after start-up, peak RSS of the largest process, documents stored."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        command = [*_cli(), "ingest", str(source), "--db", str(db),
                   "--workers", str(workers), "--no-progress", "--json"]  # fmt: skip
        output, peak, _ = _run_measured(command)
    counts = json.loads(output)
    seconds = counts["seconds"] - (counts.get("startup_s") or 0.0)
    return seconds, peak, int(counts["stored"])


def _byte_compile() -> None:
    """Compile lagebild's modules as ``pip install`` does for an installed package.  An
    editable install run with ``PYTHONDONTWRITEBYTECODE`` set (as on the machines these numbers
    come from) otherwise compiles every changed module again on every start (about 0.4 s)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(repo_root() / "lagebild")], check=False)


def _cold_start() -> tuple[float, float]:
    """Wall and CPU seconds of ``lagebild analyze`` on the example article."""
    example = repo_root() / "examples" / "gasstreit.txt"
    started = time.perf_counter()
    _, _, cpu = _run_measured([*_cli(), "analyze", str(example)])
    return time.perf_counter() - started, cpu


def _best(runs: list[tuple[Any, ...]], peak_at: int) -> tuple[Any, ...]:
    """The fastest of ``runs`` (tuples whose first field is seconds), with its field
    ``peak_at`` (a peak RSS in MB) replaced by the largest over all runs."""
    fastest = list(min(runs, key=lambda run: run[0]))
    fastest[peak_at] = max(run[peak_at] for run in runs)
    return tuple(fastest)


def _rounds(measures: list[Any], repeat: int) -> list[list[tuple[Any, ...]]]:
    """``repeat`` rounds of every measurement, interleaved (parse, analysis, ingest, parse, …):
    a machine that slows down or speeds up during the run then affects all of them alike,
    which keeps their ratios fair.  One list of runs per measurement."""
    runs: list[list[tuple[Any, ...]]] = [[] for _ in measures]
    for _ in range(repeat):
        for i, measure in enumerate(measures):
            runs[i].append(measure())
    return runs


def _data_files(data: Path) -> list[Path]:
    if data.is_dir():
        jsonl = sorted(data.rglob("*.jsonl"))
        return jsonl or [data]
    return [data]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, help="folder or JSONL file (default: the shared german-news)")
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts (default 1,2)")
    parser.add_argument("--limit", type=int, help="first N documents only")
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs per measurement, fastest kept (default 1)"
    )
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    args = parser.parse_args()
    data = args.data
    if data is None:
        root = shared_dir()
        if root is None:
            sys.exit("no --data and no ../shared (set LAGEBILD_SHARED)")
        data = root / DEFAULT_DATA
    documents = [d for d in iter_documents(_data_files(data)) if isinstance(d, Document)][: args.limit]
    if not documents:
        sys.exit(f"no documents in {data}")
    texts = [d.text for d in documents]
    words = sum(len(t.split()) for t in texts)
    repeat = max(1, args.repeat)
    _byte_compile()
    cold, cold_cpu = min(_cold_start() for _ in range(repeat))
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "input.jsonl"
        _write_jsonl(documents, source)
        for workers in (int(w) for w in args.workers.split(",")):
            parse_runs, e2e_runs, ingest_runs = _rounds(
                [
                    partial(_in_workers, _parse_only, texts, workers),
                    partial(_in_workers, _end_to_end, documents, workers),
                    partial(_ingest, source, workers),
                ],
                repeat,
            )
            parse_s, parse_cpu, parse_rss = _best(parse_runs, 2)
            e2e_s, e2e_cpu, e2e_rss = _best(e2e_runs, 2)
            ingest_s, ingest_rss, stored = _best(ingest_runs, 1)
            result = {
                "words": words,
                "docs": len(documents),
                "workers": workers,
                "parse_only_wps": round(words / parse_s, 1),
                "end_to_end_wps": round(words / e2e_s, 1),
                "ingest_wps": round(words / ingest_s, 1),
                "ratio_end_to_end": round(parse_s / e2e_s, 3),
                # CPU seconds instead of wall time: robust when other jobs share the machine
                "ratio_end_to_end_cpu": round(parse_cpu / e2e_cpu, 3),
                "end_to_end_words_per_cpu_s": round(words / e2e_cpu, 1),
                "ratio_ingest": round(parse_s / ingest_s, 3),
                "peak_rss_mb": round(max(parse_rss, e2e_rss, ingest_rss), 1),
                "parse_peak_rss_mb": round(parse_rss, 1),
                "end_to_end_peak_rss_mb": round(e2e_rss, 1),
                "ingest_peak_rss_mb": round(ingest_rss, 1),
                "ingest_stored": stored,
                "cold_start_s": round(cold, 2),
                "cold_start_cpu_s": round(cold_cpu, 2),
                "repeat": repeat,
                "cpus": os.cpu_count(),
                "load_avg_1min": round(os.getloadavg()[0], 2),
            }
            print(json.dumps(result) if args.json else json.dumps(result, indent=2), flush=True)


if __name__ == "__main__":
    main()
