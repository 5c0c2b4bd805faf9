"""Kill ingest (and optionally a Spark job) with SIGKILL at random moments; nothing may be lost or doubled.

    python benchmarks/crash_trials.py [--trials 20] [--docs 300] [--model blank] [--workers 2]
                                      [--spark-trials 3] [--worker-kill-trials 5] [--seed 1] [--keep DIR]

Each ingest trial starts ``lagebild ingest`` on a corpus of generated German articles (text files,
one JSONL file, and two broken inputs), sends SIGKILL at a random moment of a full run's duration
(alternating: the whole process tree at once, or only the main process — its workers must then go
away by themselves), checks that the store opens and passes ``PRAGMA integrity_check``, reruns
the ingest to completion and checks: every expected document exactly once (count and distinct
ids), child rows (quotes, events) match each stored record, the full-text index is intact, and
the broken inputs are listed once each.

With ``--worker-kill-trials N`` only one worker of a running ingest is SIGKILLed (as the OOM
killer or a segfault would): the run itself must finish (exit 0, no rerun), report a pool
restart, and hold every document exactly once with only the broken inputs listed.

With ``--spark-trials N`` the same is done for ``lagebild.scale.spark`` (local[2]): the driver's
process group is killed at a random moment, the job rerun, and the Parquet output compared
(row count and distinct document ids).  Spark is slow; it is off by default.

Prints one JSON object with every trial and its outcome; exits 1 if any trial failed.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.hostile_run import child_env, cli_command, tree_pids  # noqa: E402

PLACES = ["Berlin", "Wien", "Bern", "Hamburg", "Leipzig", "Graz", "Linz", "Basel", "Kiel", "Bonn"]
SUBJECTS = [
    "Die Regierung",
    "Der Außenminister",
    "Die Opposition",
    "Ein Sprecher des Ministeriums",
    "Die Gewerkschaft",
    "Der Bürgermeister",
    "Die Staatsanwaltschaft",
    "Der Verband",
]
SENTENCES = [
    "{subject} hat am {day} in {place} neue Pläne vorgestellt.",
    "{subject} kündigte an, bis zum Herbst {number} Millionen Euro bereitzustellen.",
    "„Wir werden die Lage in {place} genau prüfen“, sagte {subject_lower}.",
    "Nach Angaben aus {place} nahmen rund {number} Menschen an der Versammlung teil.",
    "{subject} wies den Vorwurf zurück, man habe zu spät gehandelt.",
    "Die Gespräche in {place} sollen am {day} fortgesetzt werden.",
    "Kritiker werfen {subject_dative} vor, die Kosten zu unterschätzen.",
    "Am {day} trafen sich Vertreter aus {place} und {place2} zu einem Austausch.",
]
DAYS = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]


# ---------------------------------------------------------------------------------------------
# the corpus
# ---------------------------------------------------------------------------------------------


def article(rng: random.Random, number: int) -> str:
    """One generated German article; ``number`` makes every text distinct."""
    sentences = [f"Meldung {number}: Neues aus {rng.choice(PLACES)}."]
    for _ in range(rng.randint(3, 9)):
        subject = rng.choice(SUBJECTS)
        sentences.append(
            rng.choice(SENTENCES).format(
                subject=subject,
                subject_lower=subject[0].lower() + subject[1:],
                subject_dative=subject.replace("Die ", "der ")
                .replace("Der ", "dem ")
                .replace("Ein ", "einem "),
                day=rng.choice(DAYS),
                place=rng.choice(PLACES),
                place2=rng.choice(PLACES),
                number=rng.randint(2, 900),
            )
        )
    return " ".join(sentences)


def write_corpus(folder: Path, *, documents: int, seed: int) -> dict[str, Any]:
    """Text files, one JSONL file (a third of the documents) and two broken inputs."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    in_jsonl = documents // 3
    lines = []
    for number in range(documents):
        text = article(rng, number)
        if number < in_jsonl:
            lines.append(
                json.dumps({"id": f"j{number}", "text": text, "date": f"2024-{number % 12 + 1:02d}"})
            )
        else:
            (folder / f"article_{number:05d}.txt").write_text(f"date 2024-05-{number % 28 + 1:02d} {text}\n")
    lines.insert(len(lines) // 2, '{"text": "abgebrochene Zeile')
    (folder / "batch.jsonl").write_text("\n".join(lines) + "\n")
    (folder / "broken.bin").write_bytes(b"\x00\x01\x02\x03binary" * 64)
    return {"documents": documents, "errors": {("broken.bin", "E102"), ("batch.jsonl", "E105")}}


def expected_ids(folder: Path) -> set[str]:
    from lagebild.reader import ReadFailure, iter_documents

    return {item.id for item in iter_documents([folder]) if not isinstance(item, ReadFailure)}


# ---------------------------------------------------------------------------------------------
# processes
# ---------------------------------------------------------------------------------------------


def start(command: list[str], *, log: Path) -> subprocess.Popen:
    """Start ``command`` in its own session (process group), output to ``log``."""
    with log.open("ab") as out:
        return subprocess.Popen(
            command, cwd=REPO, env=child_env(), stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def kill(process: subprocess.Popen, *, mode: str, grace: float = 10.0) -> dict[str, Any]:
    """SIGKILL the process group (``tree``) or only the main process (``main``).

    In ``main`` mode the orphaned workers (and the fork server) must exit by themselves within
    ``grace`` seconds; those still alive — every process of the run's session, which
    :func:`start` opened — are counted as ``orphans_left`` and then killed."""
    processes = len(tree_pids(process.pid))
    if mode == "tree":
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    else:
        os.kill(process.pid, signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline and _session(process.pid):
        time.sleep(0.2)
    left = _session(process.pid)
    for pid in left:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    return {"processes": processes, "orphans_left": len(left)}


def _session(sid: int) -> list[int]:
    """Live processes of session ``sid`` (Linux /proc)."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[3]) == sid and fields[0] != "Z":
            members.append(int(entry.name))
    return members


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def run_to_end(command: list[str], *, log: Path, timeout: float) -> tuple[int, float]:
    started = time.perf_counter()
    process = start(command, log=log)
    try:
        code = process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill(process, mode="tree", grace=1.0)
        code = -9
    return code, time.perf_counter() - started


# ---------------------------------------------------------------------------------------------
# store checks
# ---------------------------------------------------------------------------------------------


def check_store(db: Path) -> dict[str, Any]:
    """Open the store like lagebild does, then integrity, foreign keys and a document count."""
    from lagebild.store.sqlite import SQLiteStore

    if not db.exists():
        return {"exists": False, "opens": True, "integrity": "ok", "documents": 0}
    store = SQLiteStore(db)
    try:
        conn = store.conn
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        foreign = conn.execute("PRAGMA foreign_key_check").fetchall()
        documents = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    finally:
        store.close()
    return {
        "exists": True,
        "opens": True,
        "integrity": integrity,
        "foreign_key_errors": len(foreign),
        "documents": documents,
    }


def check_complete(db: Path, expected: set[str], errors: set[tuple[str, str]]) -> list[str]:
    """Problems of a finished store (empty list: exactly one copy of every document)."""
    problems = []
    with sqlite3.connect(db) as conn:
        ids = [row[0] for row in conn.execute("SELECT id FROM documents")]
        if len(ids) != len(expected) or set(ids) != expected:
            problems.append(
                f"documents: {len(ids)} rows, {len(set(ids))} distinct, expected {len(expected)}; "
                f"missing {len(expected - set(ids))}, unexpected {len(set(ids) - expected)}"
            )
        problems += _child_rows(conn, db)
        problems += _dyad_rows(conn)
        try:
            conn.execute("INSERT INTO passages_fts(passages_fts) VALUES ('integrity-check')")
            conn.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('integrity-check')")
        except sqlite3.DatabaseError as err:
            problems.append(f"full-text index: {err}")
        rows = conn.execute("SELECT path, code, line FROM errors").fetchall()
    listed = [(Path(path).name, code) for path, code, _ in rows]
    if sorted(listed) != sorted(errors):
        problems.append(f"errors listed {sorted(listed)}, expected {sorted(errors)}")
    return problems


def _dyad_rows(conn: sqlite3.Connection) -> list[str]:
    """The pre-aggregated dyad table must equal what the stored events give."""
    from lagebild.store.dyads import expected_rows, stored_rows

    def rounded(rows: dict) -> dict:
        return {key: [values[0], round(values[1], 6), values[2], values[3]] for key, values in rows.items()}

    expected, stored = rounded(expected_rows(conn)), rounded(stored_rows(conn))
    if expected == stored:
        return []
    wrong = sorted(
        set(expected) ^ set(stored) | {k for k in expected if k in stored and expected[k] != stored[k]}
    )
    return [f"dyad_months differs from the events in {len(wrong)} rows, e.g. {wrong[:3]}"]


def _child_rows(conn: sqlite3.Connection, db: Path) -> list[str]:
    """Quotes and events rows per document must match the stored record (no doubled rows)."""
    from lagebild.store.sqlite import SQLiteStore

    counts = {
        table: dict(
            conn.execute(
                f"SELECT d.id, count(*) FROM {table} t JOIN documents d ON d.seq = t.doc GROUP BY d.id"
            ).fetchall()
        )
        for table in ("quotes", "events")
    }
    problems = []
    store = SQLiteStore(db, readonly=True)
    try:
        for record in store.iter_records(include_text=False):
            doc_id = record["document"]["id"]
            for table in ("quotes", "events"):
                expected = len(record.get(table) or [])
                if counts[table].get(doc_id, 0) != expected:
                    problems.append(
                        f"{table} rows of {doc_id}: {counts[table].get(doc_id, 0)}, record has {expected}"
                    )
    finally:
        store.close()
    return problems[:10]


# ---------------------------------------------------------------------------------------------
# ingest trials
# ---------------------------------------------------------------------------------------------


def ingest_command(corpus: Path, db: Path, *, model: str | None, workers: int) -> list[str]:
    command = [
        *cli_command(),
        "ingest",
        str(corpus),
        "--db",
        str(db),
        "--workers",
        str(workers),
        "--no-progress",
    ]
    return command + (["--model", model] if model else [])


def ingest_trials(
    work: Path,
    *,
    trials: int,
    documents: int,
    model: str | None,
    workers: int,
    seed: int,
    calibrate: bool = True,
    timeout: float = 900.0,
) -> dict[str, Any]:
    """``trials`` kill-and-rerun trials, each on a fresh store.

    Trials alternate between two triggers: a random moment of a full run (measured by one
    calibration run; this also hits start-up and schema creation) and "as soon as the store holds
    at least k documents" for a random k (this hits the writing phase).  Without ``calibrate`` all
    trials use the second trigger.  The kill itself alternates between the whole process tree and
    the main process only."""
    rng = random.Random(seed)
    corpus = work / "corpus"
    spec = write_corpus(corpus, documents=documents, seed=seed)
    expected = expected_ids(corpus)
    report: dict[str, Any] = {"documents_expected": len(expected)}
    full_s = 0.0
    if calibrate:
        reference = work / "reference.db"
        code, full_s = run_to_end(
            ingest_command(corpus, reference, model=model, workers=workers),
            log=work / "reference.log",
            timeout=timeout,
        )
        report["calibration"] = {
            "exit_code": code,
            "seconds": round(full_s, 2),
            "problems": check_complete(reference, expected, spec["errors"])
            if code == 0
            else [f"exit code {code}"],
        }
    results = []
    for number in range(trials):
        db = work / f"trial_{number:03d}.db"
        trigger = (
            {"after_s": round(rng.uniform(0.05, 0.95) * full_s, 2)}
            if calibrate and number % 2 == 0
            else {"at_documents": rng.randint(1, max(1, len(expected) - 1))}
        )
        mode = "tree" if (number // 2) % 2 == 0 else "main"
        command = ingest_command(corpus, db, model=model, workers=workers)
        results.append(
            _ingest_trial(
                command,
                db,
                expected,
                spec["errors"],
                mode=mode,
                trigger=trigger,
                log=work / f"trial_{number:03d}.log",
                timeout=timeout,
            )
        )
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    report.update(
        {
            "trials": results,
            "passed": sum(1 for r in results if r["ok"]),
            "failed": sum(1 for r in results if not r["ok"]),
            # processes (fork server, workers) still alive 10 s after only the main process was killed
            "trials_with_orphans": sum(1 for r in results if r["orphans_left"]),
        }
    )
    return report


def _wait(process: subprocess.Popen, db: Path, trigger: dict[str, Any], timeout: float) -> None:
    """Return at the trigger moment (or when the process has ended)."""
    if "after_s" in trigger:
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=trigger["after_s"])
        return
    deadline = time.monotonic() + timeout
    while process.poll() is None and time.monotonic() < deadline:
        if _count(db) >= trigger["at_documents"]:
            return
        time.sleep(0.05)


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.5)) as conn:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.Error:  # not created yet, or locked for a moment
        return 0


def _ingest_trial(
    command: list[str],
    db: Path,
    expected: set[str],
    errors: set[tuple[str, str]],
    *,
    mode: str,
    trigger: dict[str, Any],
    log: Path,
    timeout: float,
) -> dict[str, Any]:
    started = time.perf_counter()
    process = start(command, log=log)
    _wait(process, db, trigger, timeout)
    killed_at = round(time.perf_counter() - started, 2)
    finished_before_kill = process.poll() is not None
    killed = {"processes": 0, "orphans_left": 0} if finished_before_kill else kill(process, mode=mode)
    try:
        after_kill = check_store(db)
    except Exception as err:  # a store that does not open is the failure this trial looks for
        after_kill = {"opens": False, "error": f"{type(err).__name__}: {err}"}
    code, seconds = run_to_end(command, log=log, timeout=timeout)
    problems = check_complete(db, expected, errors) if code == 0 else [f"rerun exit code {code}"]
    if (
        not after_kill.get("opens")
        or after_kill.get("integrity") != "ok"
        or after_kill.get("foreign_key_errors")
    ):
        problems.append(f"store after kill: {after_kill}")
    return {
        "kill": mode,
        "trigger": trigger,
        "killed_at_s": killed_at,
        "finished_before_kill": finished_before_kill,
        **killed,
        "documents_at_kill": after_kill.get("documents"),
        "integrity_after_kill": after_kill.get("integrity"),
        "rerun_exit_code": code,
        "rerun_s": round(seconds, 2),
        "problems": problems,
        "ok": not problems,
    }


# ---------------------------------------------------------------------------------------------
# worker kill trials: the OOM killer (or a segfault) takes one worker, the run must go on
# ---------------------------------------------------------------------------------------------


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _parent(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return -1


def worker_pids(main: int) -> list[int]:
    """The analysis workers of ingest process ``main`` (not its fork server or resource tracker)."""
    workers = []
    for pid in tree_pids(main):
        line = _cmdline(pid)
        if pid == main or "resource_tracker" in line or not _alive(pid):
            continue
        if "forkserver" in line and _parent(pid) == main:
            continue  # the fork server itself; the workers are its children
        workers.append(pid)
    return workers


def worker_kill_trials(
    work: Path,
    *,
    trials: int,
    documents: int,
    model: str | None,
    workers: int,
    seed: int,
    timeout: float = 900.0,
) -> dict[str, Any]:
    """SIGKILL one worker of a running ingest (never the main process): the run must finish on its
    own (exit 0, no rerun) with every document stored exactly once and nothing but the corpus's
    broken inputs listed as errors; the pool restart shows as ``restarts`` in its counts."""
    rng = random.Random(seed + 2)
    corpus = work / "worker_corpus"
    spec = write_corpus(corpus, documents=documents, seed=seed)
    expected = expected_ids(corpus)
    results = []
    for number in range(trials):
        db = work / f"worker_{number:03d}.db"
        log = work / f"worker_{number:03d}.log"
        at = rng.randint(1, max(1, len(expected) // 2))
        command = [*ingest_command(corpus, db, model=model, workers=workers), "--json"]
        started = time.perf_counter()
        process = start(command, log=log)
        _wait(process, db, {"at_documents": at}, timeout)
        victims = worker_pids(process.pid)
        victim = rng.choice(victims) if victims and process.poll() is None else None
        if victim is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(victim, signal.SIGKILL)
        try:
            code = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            kill(process, mode="tree", grace=1.0)
            code = -9
        seconds = time.perf_counter() - started
        problems = check_complete(db, expected, spec["errors"]) if code == 0 else [f"exit code {code}"]
        counts = _last_json(log)
        if victim is not None and code == 0 and not counts.get("restarts"):
            problems.append("a worker was killed but the run reports no pool restart")
        results.append(
            {
                "at_documents": at,
                "worker_killed": victim is not None,
                "exit_code": code,
                "seconds": round(seconds, 2),
                "restarts": counts.get("restarts"),
                "stored": counts.get("stored"),
                "problems": problems,
                "ok": not problems,
            }
        )
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    return {
        "documents_expected": len(expected),
        "trials": results,
        "passed": sum(1 for r in results if r["ok"]),
        "failed": sum(1 for r in results if not r["ok"]),
        "workers_killed": sum(1 for r in results if r["worker_killed"]),
    }


def _last_json(log: Path) -> dict[str, Any]:
    """The counts ``lagebild ingest --json`` printed last in ``log`` (empty if none)."""
    text = log.read_text(errors="replace") if log.exists() else ""
    start_at = text.rfind("\n{")
    start_at = 0 if start_at < 0 and text.startswith("{") else start_at + 1
    with contextlib.suppress(ValueError):
        return dict(json.JSONDecoder().raw_decode(text[start_at:])[0])
    return {}


# ---------------------------------------------------------------------------------------------
# Spark trials
# ---------------------------------------------------------------------------------------------


def spark_command(corpus: Path, out: Path, *, model: str | None) -> list[str]:
    command = [
        sys.executable,
        "-m",
        "lagebild.scale.spark",
        "--input",
        str(corpus),
        "--output",
        str(out),
        "--master",
        "local[2]",
    ]
    return command + (["--model", model] if model else [])


def spark_output(out: Path) -> dict[str, Any]:
    import pyarrow.parquet as pq

    if not (out / "records").exists():
        return {"rows": 0, "ids": set()}
    ids = pq.read_table(out / "records", columns=["doc_id"]).column("doc_id").to_pylist()
    return {"rows": len(ids), "ids": set(ids)}


def spark_trials(
    work: Path, *, trials: int, documents: int, model: str | None, seed: int, timeout: float = 1200.0
) -> dict[str, Any]:
    rng = random.Random(seed + 1)
    corpus = work / "spark_corpus"
    write_corpus(corpus, documents=documents, seed=seed)
    expected = expected_ids(corpus)
    code, full_s = run_to_end(
        spark_command(corpus, work / "spark_ref", model=model), log=work / "spark_ref.log", timeout=timeout
    )
    reference = spark_output(work / "spark_ref")
    results = []
    for number in range(trials):
        out = work / f"spark_{number:02d}"
        command = spark_command(corpus, out, model=model)
        delay = rng.uniform(0.1, 0.95) * full_s
        process = start(command, log=work / f"spark_{number:02d}.log")
        time.sleep(delay)
        finished = process.poll() is not None
        if not finished:
            kill(process, mode="tree", grace=5.0)
        partial = spark_output_safe(out)
        rerun_code, seconds = run_to_end(command, log=work / f"spark_{number:02d}.log", timeout=timeout)
        final = spark_output(out) if rerun_code == 0 else {"rows": -1, "ids": set()}
        problems = [] if rerun_code == 0 else [f"rerun exit code {rerun_code}"]
        if final["rows"] != len(expected) or final["ids"] != expected:
            problems.append(
                f"{final['rows']} rows, {len(final['ids'])} distinct ids, expected {len(expected)}"
            )
        results.append(
            {
                "after_s": round(delay, 2),
                "finished_before_kill": finished,
                "rows_after_kill": partial,
                "rerun_exit_code": rerun_code,
                "rerun_s": round(seconds, 2),
                "rows": final["rows"],
                "distinct_ids": len(final["ids"]),
                "problems": problems,
                "ok": not problems,
            }
        )
        shutil.rmtree(out, ignore_errors=True)
    return {
        "documents_expected": len(expected),
        "calibration": {
            "exit_code": code,
            "seconds": round(full_s, 2),
            "rows": reference["rows"],
            "distinct_ids": len(reference["ids"]),
            "problems": [] if reference["ids"] == expected else ["reference run incomplete"],
        },
        "trials": results,
        "passed": sum(1 for r in results if r["ok"]),
        "failed": sum(1 for r in results if not r["ok"]),
    }


def _spark_model(name: str, work: Path) -> str | None:
    """Spark workers load models by name or path: 'blank' becomes a saved blank pipeline."""
    if name == "shipped":
        return None
    if name != "blank":
        return name
    import spacy

    path = work / "blank_de"
    spacy.blank("de").to_disk(path)
    return str(path)


def spark_output_safe(out: Path) -> int | str:
    """Rows readable right after the kill (a half-written output may not be readable at all)."""
    try:
        return spark_output(out)["rows"]
    except Exception as err:  # reported, not raised: the rerun must repair it
        return f"unreadable: {type(err).__name__}"


# ---------------------------------------------------------------------------------------------
# main
# ---------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument(
        "--model", default="blank", help="'blank' (default) or a spaCy pipeline; 'shipped' = ours"
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--spark-trials", type=int, default=0)
    parser.add_argument(
        "--worker-kill-trials", type=int, default=0, help="trials that SIGKILL one worker of a running ingest"
    )
    parser.add_argument(
        "--spark-model",
        default="blank",
        help="model for the Spark job: 'blank' (default; a saved blank German pipeline), "
        "'shipped', or a spaCy pipeline path",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args()
    model = None if args.model == "shipped" else args.model
    work = args.keep or Path(tempfile.mkdtemp(prefix="lagebild-crash-"))
    work.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {"model": args.model, "workers": args.workers, "seed": args.seed}
    try:
        if args.trials:
            report["ingest"] = ingest_trials(
                work,
                trials=args.trials,
                documents=args.docs,
                model=model,
                workers=args.workers,
                seed=args.seed,
            )
        if args.worker_kill_trials:
            report["worker_kill"] = worker_kill_trials(
                work,
                trials=args.worker_kill_trials,
                documents=args.docs,
                model=model,
                workers=max(args.workers, 2),
                seed=args.seed,
            )
        if args.spark_trials:
            report["spark"] = spark_trials(
                work,
                trials=args.spark_trials,
                documents=args.docs,
                model=_spark_model(args.spark_model, work),
                seed=args.seed,
            )
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    failed = sum(
        part["failed"]
        + int(bool(part.get("calibration", {}).get("problems")))
        + part.get("trials_with_orphans", 0)
        for key, part in report.items()
        if key in ("ingest", "spark", "worker_kill")
    )
    report["ok"] = failed == 0
    print(json.dumps(report, indent=1, ensure_ascii=False))
    sys.exit(0 if report["ok"] else 1)


if __name__ == "__main__":
    main()
