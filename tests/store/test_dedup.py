"""Near-duplicate lookup in SQL: band keys in the store, nothing held in memory."""

from __future__ import annotations

import random
import sqlite3

from lagebild.settings import INGEST
from lagebild.store import open_store
from lagebild.store.dedup import DuplicateIndex, band_keys, lsh_shape, signature, similarity
from lagebild.store.migrations import migrate
from lagebild.store.synthetic import make_record

WORDS = [
    "Regierung",
    "Parlament",
    "Hafen",
    "Pipeline",
    "Minister",
    "Gespräche",
    "Grenze",
    "Vertrag",
    "Exporte",
    "Gericht",
    "Anlage",
    "Behörde",
    "Sprecher",
    "Woche",
    "Montag",
    "Dienstag",
    "Stadt",
    "Region",
    "Vorwürfe",
    "Lieferungen",
]


def article(rng: random.Random, n: int = 120) -> str:
    return " ".join(rng.choice(WORDS) + str(rng.randrange(50)) for _ in range(n)) + "."


def edited(text: str, rng: random.Random, changes: int = 3) -> str:
    words = text.split()
    for _ in range(changes):
        words[rng.randrange(len(words))] = "Änderung"
    return " ".join(words)


def test_band_keys_and_similarity() -> None:
    rng = random.Random(1)
    one = signature(article(rng))
    assert one is not None
    bands, rows = lsh_shape(0.8, 128)
    assert bands * rows <= 128
    keys = band_keys(one, bands, rows)
    assert len(keys) == len(set(keys)) == bands
    assert all(-(2**63) <= key < 2**63 for key in keys)
    assert similarity(one, one) == 1.0
    other = signature(article(rng))
    assert other is not None and similarity(one, other) < 0.2


def test_near_copy_found_across_sessions_and_batches(tmp_path) -> None:
    rng = random.Random(2)
    texts = [article(rng) for _ in range(30)]
    path = tmp_path / "s.db"
    with open_store(path) as store:
        store.write_records([(make_record(t), signature(t)) for t in texts[:20]])
    copy = edited(texts[7], rng, changes=1)
    with open_store(path) as store:  # a new process: nothing loaded, the index is in the store
        results = store.write_records([(make_record(t), signature(t)) for t in [*texts[20:], copy]])
        first = make_record(texts[7])["document"]["id"]
        assert [r.dup_of for r in results] == [None] * 10 + [first]
        bands = store.conn.execute("SELECT count(*) FROM minhash_bands").fetchone()[0]
        assert bands == 31 * lsh_shape(INGEST["dup_threshold"], INGEST["minhash_perm"])[0]


def test_replaced_document_keeps_one_set_of_keys(store) -> None:
    rng = random.Random(3)
    text = article(rng)
    record = make_record(text)
    store.write_records([(record, signature(text))])
    store.write_records([(record, signature(text))])  # stored again (re-analysed)
    seq = store.conn.execute("SELECT seq FROM documents").fetchone()[0]
    per_doc = store.conn.execute("SELECT count(*) FROM minhash_bands WHERE doc = ?", (seq,)).fetchone()[0]
    assert per_doc == lsh_shape(INGEST["dup_threshold"], INGEST["minhash_perm"])[0]


def test_changed_threshold_rebuilds_the_keys(store, monkeypatch) -> None:
    rng = random.Random(4)
    texts = [article(rng) for _ in range(5)]
    store.write_records([(make_record(t), signature(t)) for t in texts])
    before = store.conn.execute("SELECT count(*) FROM minhash_bands").fetchone()[0]
    monkeypatch.setitem(INGEST, "dup_threshold", 0.5)
    bands, _ = lsh_shape(0.5, INGEST["minhash_perm"])
    assert bands * 5 != before  # the new shape has another number of bands
    index = DuplicateIndex(store.conn)
    with store.transaction():
        index.ensure_shape()
    assert store.conn.execute("SELECT count(*) FROM minhash_bands").fetchone()[0] == bands * 5
    copy = edited(texts[2], rng, changes=4)
    assert index.find(signature(copy)) is not None


def test_migration_backfills_the_keys(tmp_path) -> None:
    rng = random.Random(5)
    texts = [article(rng) for _ in range(12)]
    path = tmp_path / "old.db"
    with open_store(path) as store:
        store.write_records([(make_record(t), signature(t)) for t in texts])
        expected = store.conn.execute("SELECT key, doc FROM minhash_bands ORDER BY 1, 2").fetchall()
    # as a store written before the table existed
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("DROP TABLE minhash_bands")
    conn.execute("DELETE FROM meta WHERE key = 'minhash_bands'")
    conn.execute("DELETE FROM migrations WHERE name = '0005_minhash_bands'")
    assert migrate(conn) == ["0005_minhash_bands"]
    rebuilt = conn.execute("SELECT key, doc FROM minhash_bands ORDER BY 1, 2").fetchall()
    conn.close()
    assert rebuilt == [tuple(row) for row in expected] and len(expected) > 0


def test_lsh_shape_is_the_least_error_split() -> None:
    assert lsh_shape(0.8, 128) == (9, 13)
    for threshold in (0.5, 0.7, 0.9):
        bands, rows = lsh_shape(threshold, 64)
        assert bands * rows <= 64
    # a higher threshold needs longer bands (fewer chances to collide)
    assert lsh_shape(0.9, 128)[1] > lsh_shape(0.5, 128)[1]


def test_signature_estimates_jaccard() -> None:
    from lagebild.store.dedup import minhash

    items = [f"item{i}".encode() for i in range(400)]
    one, two = set(items[:300]), set(items[100:])  # Jaccard 200 / 400 = 0.5
    a, b = minhash(one, 256), minhash(two, 256)
    assert a.dtype.name == "uint32" and len(a) == 256
    estimate = float((a == b).mean())
    assert abs(estimate - 0.5) < 0.1
    assert (minhash(one, 256) == a).all()  # deterministic: fixed permutations
