"""Knowledge-store benchmark: ingest N synthetic records, then time searches.

Reports ingest documents/s (one transaction per document, as ``pactwatch ingest`` does),
database size, and search latency p50/p95 (results + snippets + facet counts, as the
CLI's ``search`` gets them) for one-term, three-term and faceted queries. The records are
synthetic but shaped like real ones (CONTRACT.md): FR/EN/ES bodies of ~350 words over a
Zipf-distributed vocabulary with accented words, 5-25 entity mentions from pools of
countries, organisations, persons and places, 1-4 objectives, dates 2019-2025. The
extraction pipeline is not run: its speed is bench_extract.py's subject.

    python benchmarks/bench_store.py --docs 10000          # prints the table, writes benchmarks/results/
    python benchmarks/bench_store.py --docs 100000 --db /work/bench/store100k.db   # the file is kept
    python benchmarks/bench_store.py --docs 100000 --db /work/bench/store100k.db --reuse  # searches only
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pactwatch.document import record_id  # noqa: E402 - after the path set-up above
from pactwatch.store import Filters, open_store  # noqa: E402

SYLLABLES = "ba be bi bo bu da de di do du é è fa fi fo ga gi go la le li lo ma me mi mo na ne ni no " \
    "pa pe pi po ra re ri ro sa se si so ta te ti to va ve vi ñu ça ão ür".split()  # fmt: skip
TOPIC = "migration migrants réfugiés refugees migrantes Pacte Compact Pacto Genève Équateur Bogotá " \
    "réseau network red dialogue diálogo coopération cooperation derechos droits rights".split()  # fmt: skip
COUNTRIES = (
    "ECU GHA MAR SLV MEX COL PER SEN NGA KEN ETH BGD PHL IDN THA TUR DEU FRA ESP ITA USA CAN "
    "BRA ARG CHL GTM HND ZMB ZAF EGY JOR LBN TUN MLI NER TCD SDN SOM YEM AFG PAK IND NPL LKA"
).split()
LANGS = ("fr", "en", "es")
ORGS = "IOM UNHCR OHCHR UNODC UNDP UNICEF ILO WHO WFP UNNM EU AU ECOWAS IGAD OAS GFMD MPTF UN UNGA".split()


def word(rng: random.Random) -> str:
    """A pseudo-word of 2-4 syllables (some accented)."""
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


def vocabulary(rng: random.Random, size: int = 20_000) -> list[str]:
    """The corpus vocabulary: topical words first (frequent), then pseudo-words."""
    return list(dict.fromkeys(TOPIC + [word(rng) for _ in range(size * 2)]))[:size]


def synthetic_record(n: int, rng: random.Random, vocab: list[str], weights: list[float], persons: list[str]):
    """One contract-shaped record (see the module docstring)."""
    words = rng.choices(vocab, weights=weights, k=rng.randint(250, 450))
    body, entities = " ".join(words) + f" (doc {n}).", []
    picks = [("country", c, c) for c in rng.sample(COUNTRIES, rng.randint(1, 4))]
    picks += [("organization", o, o) for o in rng.sample(ORGS, rng.randint(1, 3))]
    picks += [("person", p, p.replace("-", " ").title()) for p in rng.sample(persons, rng.randint(0, 3))]
    for kind, ident, name in picks:
        spots = [rng.randrange(len(body) - 10) for _ in range(rng.randint(1, 4))]
        mentions = [{"start": s, "end": s + 5, "text": body[s : s + 5]} for s in sorted(spots)]
        entities.append({"type": kind, "id": ident, "name": name, "mentions": mentions})
    date = f"{rng.randint(2019, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    evidence = [{"start": 0, "end": 20, "text": body[:20]}]
    objectives = [{"id": i, "score": round(rng.random(), 3), "evidence": evidence}
                  for i in rng.sample(range(1, 24), rng.randint(1, 4))]  # fmt: skip
    return {
        "id": record_id(body), "source": f"https://example.org/news/{n}", "lang": rng.choice(LANGS),
        "title": " ".join(rng.choices(vocab[:2000], k=10)), "body": body, "dateline": None,
        "dates": {"event": {"start": date, "end": date, "why": "synthetic"}, "published": {"value": date}},
        "entities": entities, "quotes": [], "contacts": [], "figures": [], "events": [],
        "objectives": objectives, "principles": [],
    }  # fmt: skip


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def ingest(store, docs: int, seed: int) -> tuple[float, list[str]]:
    """Store ``docs`` synthetic records; (seconds spent in the store, the vocabulary used)."""
    rng = random.Random(seed)
    vocab = vocabulary(rng)
    weights = [1 / (rank + 1) for rank in range(len(vocab))]  # Zipf
    persons = [f"{word(rng)}-{word(rng)}" for _ in range(3000)]
    spent = 0.0
    for n in range(docs):
        record = synthetic_record(n, rng, vocab, weights, persons)
        raw = record["body"].encode("utf-8")
        started = time.perf_counter()
        store.put(record, raw, "bench")
        spent += time.perf_counter() - started
    return spent, vocab


def time_queries(store, queries: list[tuple[str, Filters]]) -> dict[str, float]:
    """p50/p95 latency (ms) and mean hits of ``store.search`` over ``queries``."""
    times, hits = [], []
    for text, filters in queries:
        started = time.perf_counter()
        result = store.search(text, filters, 20)
        times.append((time.perf_counter() - started) * 1000)
        hits.append(result["total"])
    return {"p50_ms": round(percentile(times, 50), 2), "p95_ms": round(percentile(times, 95), 2),
            "mean_hits": round(statistics.mean(hits), 1)}  # fmt: skip


def query_sets(vocab: list[str], count: int, seed: int) -> dict[str, list[tuple[str, Filters]]]:
    """One-term, three-term and faceted queries (a frequent term plus a country and a language filter)."""
    rng = random.Random(seed + 1)
    mid = vocab[20:3000]  # neither stop-word frequent nor absent
    none = Filters()
    return {
        "one_term": [(rng.choice(mid), none) for _ in range(count)],
        "three_terms": [(" ".join(rng.sample(vocab[:300], 3)), none) for _ in range(count)],
        "faceted": [
            (rng.choice(vocab[:300]), Filters(country=rng.choice(COUNTRIES), lang=rng.choice(LANGS)))
            for _ in range(count)
        ],  # fmt: skip
    }


def main() -> None:
    """Run the benchmark and print and save its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument(
        "--db", default=None, help="Database file, kept (default: a temporary one, removed after)."
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="The --db file already holds this benchmark's --docs: only search.",
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "store.json"))
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="pactwatch-bench-")
    db = Path(args.db or os.path.join(folder, "store.db"))
    if args.reuse and not (args.db and db.exists()):
        parser.error("--reuse needs an existing --db file")
    with open_store(db) as store:
        if args.reuse:
            stored = store.counts()["documents"]
            if stored != args.docs:
                parser.error(f"{db} holds {stored} documents, not --docs {args.docs}")
            spent, vocab = None, vocabulary(random.Random(args.seed))  # as ingest() draws it
        else:
            spent, vocab = ingest(store, args.docs, args.seed)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        latency = {
            name: time_queries(store, qs) for name, qs in query_sets(vocab, args.queries, args.seed).items()
        }
    size = db.stat().st_size
    if not args.db:
        shutil.rmtree(folder, ignore_errors=True)
    figures = {
        "docs": args.docs,
        "ingest_docs_per_s": round(args.docs / spent, 1) if spent else None,
        "db_mb": round(size / 1e6, 1),
        "kb_per_doc": round(size / args.docs / 1e3, 2),
        **latency,
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
