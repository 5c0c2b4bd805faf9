"""Tunables of lagebild, with their defaults, in one place.

Library code reads these dictionaries instead of holding magic numbers.  Change a value for a
run with ``lagebild.settings.READER["max_bytes"] = …`` before reading, or through CLI options.
"""

from __future__ import annotations

from typing import Any

READER: dict[str, Any] = {
    # a single document larger than this is refused (E109), never half-read
    "max_bytes": 20 * 1024 * 1024,
    # bytes looked at to decide text vs. binary and BOM-less UTF-16
    "sniff_bytes": 8192,
    # share of C0 control bytes (other than tab/newline/formfeed/CR) above which data is binary
    "max_control_ratio": 0.05,
    "text_suffixes": [".txt", ".text", ".md", ""],
    "jsonl_suffixes": [".jsonl", ".ndjson"],
    "json_suffixes": [".json"],
    "html_suffixes": [".html", ".htm", ".xhtml"],
    # a first line shorter than this, alone in its paragraph and not ending in sentence-final
    # punctuation, is the article's title (it stays in the text)
    "max_title_chars": 200,
    "sentence_final": ".!?:;,",
}

LANGUAGE: dict[str, Any] = {
    # languages lagebild analyses; others are reported as unsupported (E112)
    "supported": ["de"],
    # characters of the text used for language identification
    "sample_chars": 4000,
    # texts with fewer letters than this are too short to identify; they count as supported
    "min_letters": 25,
    # texts with fewer words than this are too short to identify reliably: "und" (analysed)
    "min_words": 12,
    # fast first guess by function words (lang/function_words.yaml), see language.py: at least
    # quick_min_types different function words of one language, making up quick_min_share of
    # the words (quick_short_share for texts under quick_min_words words), and quick_margin
    # times as many as those of the runner-up (a German article may quote English)
    "quick_min_words": 40,
    "quick_min_share": 0.12,
    "quick_short_share": 0.2,
    "quick_margin": 1.5,
    "quick_short_margin": 4,
    "quick_min_types": 4,
}

PIPELINE: dict[str, Any] = {
    # documents per nlp.pipe batch
    "batch_size": 32,
    # documents per spaCy memory zone: the vocabulary entries that a zone's documents add are
    # freed when it closes, after this many documents (across batches); a longer zone creates
    # the lexemes of recurring new words less often, for a few MB of strings more
    "zone_documents": 256,
    # chunks that recur in German news (lagebild/nlp/data/frequent_chunks.txt) that an exclusive
    # Analyzer tokenizes once outside any memory zone, so that every zone finds their splits and
    # lexemes (about 0.3 s once and 5 MB for 20,000; 0 turns it off)
    "frequent_chunks": 20_000,
    # texts longer than this (characters) are refused by the analyser (E109)
    "max_chars": 2_000_000,
}

NLP: dict[str, Any] = {
    # matrix library of the neural components on the CPU (lagebild/nlp/ops.py): "numpy" (numpy's
    # OpenBLAS, which picks its kernels by CPU feature) or "blis" (thinc's default, which falls
    # back to a generic kernel 3-4x slower on CPUs it does not recognise)
    "matrix_library": "numpy",
    # BLAS threads per process (None = the library's default, one per core): lagebild runs one
    # process per core, and BLAS threads on top of that only compete with each other
    "blas_threads": 1,
}

# --- corpus mode (lagebild.store, ingest, queries) -------------------------------------------
STORE: dict[str, Any] = {
    # default database file of the corpus commands
    "default_db": "lagebild.db",
    # seconds a connection waits for a lock held by another process
    "busy_timeout_s": 30.0,
    # PRAGMA synchronous in WAL mode: NORMAL is durable across application crashes (kill -9)
    "synchronous": "NORMAL",
    # page cache per connection (KiB); repeated queries (API, dashboard) then read no pages twice
    "cache_kib": 65536,
    # passages longer than this (characters) are split at sentence ends for full-text search
    "passage_chars": 600,
    # zlib level of the stored document text and record JSON (0 = store uncompressed, 9 = smallest)
    "compress_level": 6,
    # rows returned by a list query unless the caller asks for more
    "default_limit": 100,
    # candidates scored by the fuzzy actor search
    "fuzzy_candidates": 20,
    # lowest fuzzy score (0-100) an actor search result needs
    "fuzzy_min_score": 70,
    # FTS5 snippet: tokens around a hit
    "snippet_tokens": 12,
    # width of CLI tables written to a pipe or file (a terminal uses its own width)
    "table_width": 160,
}

INGEST: dict[str, Any] = {
    # documents sent to a worker at once
    "batch_size": 16,
    # hand freed heap memory back to the system after each batch (glibc malloc_trim)
    "trim_after_batch": True,
    # blocks of this many bytes or more get their own mapping, returned to the system when freed
    # (glibc mallopt M_MMAP_THRESHOLD, set once per analysing process; None keeps glibc's
    # default, which raises the threshold after large frees, so the large temporary arrays of
    # the parse move into the heap and the resident size creeps; lagebild/allocator.py)
    "mmap_threshold_bytes": 1 * 2**20,
    # SQLite page cache (KiB) of the writing connection while an ingest runs: writes need few
    # pages twice, and a cache that fills towards STORE["cache_kib"] made the ingest's memory
    # grow over the first ~6,000 documents (docs/performance.md); restored afterwards
    "cache_kib": 8192,
    # batches in flight per worker (bounds memory: the reader never runs far ahead)
    "inflight_per_worker": 2,
    # documents written per transaction (a crash loses at most these, and they are redone)
    "commit_every": 64,
    # ... or after this many seconds, whichever comes first
    "commit_seconds": 2.0,
    # multiprocessing start method for workers: spawn or forkserver (never fork: spaCy + threads)
    "start_method": "forkserver",
    # MinHash near-duplicate detection over word shingles
    "minhash_perm": 128,
    "shingle_words": 5,
    "dup_threshold": 0.8,
    # texts with fewer words than this are never linked as near-duplicates
    "dup_min_words": 30,
    # workers check this often whether the ingest process still lives, and exit if not
    "orphan_check_seconds": 2.0,
    # a worker task gets this many seconds per document it holds (a batch of 16: 16 times as
    # long); past that its pool is killed and restarted and the task's documents are retried one
    # per task; a single document that runs past its limit is recorded (E913) and skipped by
    # later runs.  0 = no limit.  Not enforced with --workers 1 (nothing could stop the analysis)
    "doc_timeout_s": 300.0,
    # the pool is restarted after a worker dies (or a task times out); after this many pool
    # deaths in a row without a finished task, the run gives up (E909): an environment problem
    "max_pool_restarts": 5,
    # seconds every worker of a (re)started pool may take to build its analyser
    "start_timeout_s": 600.0,
}

SCALE: dict[str, Any] = {
    # a JSONL input is split into interleaved parts of about this many bytes, one task each
    "jsonl_split_bytes": 256 * 1024,
}

API: dict[str, Any] = {
    # page size bounds for every list endpoint
    "max_limit": 500,
    "max_offset": 100_000,
    # request bodies above this are refused with 413
    "max_body_bytes": 2 * 1024 * 1024,
    # POST /api/analyze text limit (characters); larger texts get 422
    "max_analyze_chars": 200_000,
    "max_ingest_documents": 100,
    # requests per minute and client address (0 = unlimited)
    "rate_per_minute": 600,
}

# entries of each bounded per-process memo (word -> fold, transliteration key, dictionary and
# noun lookups): they fill with a corpus's vocabulary and then stay at this size, so a long
# run's memory levels off (six memos of this size hold roughly 10-15 MB each when full)
MEMO_SIZE = 20_000
