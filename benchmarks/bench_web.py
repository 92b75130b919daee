"""Web latency benchmark: search and country pages over real HTTP on a large store.

Serves the app with uvicorn (one process, as ``pactwatch serve`` does) on a loopback port
and times whole requests from a client in the same machine: the page's queries, its
charts (rendered to SVG on the server) and its HTML. Reports p50/p95/max per page kind:

- search: one-term and three-term queries, with and without a country facet;
- country page, first view (its views computed) and repeat view (views cached until the
  store changes); its charts are separate SVG requests, timed apart (first render).

The store is the one bench_store.py builds (synthetic, shaped like real records):

    python benchmarks/bench_store.py --docs 100000 --db /work/bench/store100k.db
    python benchmarks/bench_web.py --db /work/bench/store100k.db
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import statistics
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import httpx  # noqa: E402
import uvicorn  # noqa: E402
from bench_store import query_sets, vocabulary  # noqa: E402

from pactwatch.settings import Settings  # noqa: E402
from pactwatch.store import open_store  # noqa: E402
from pactwatch.web import create_app  # noqa: E402

WORDS = (
    "migration migrants réfugiés refugees migrantes Pacte Compact Pacto Genève Équateur Bogotá "
    "réseau network red dialogue diálogo coopération cooperation derechos droits rights".split()
)


def serve(db: str) -> tuple[str, uvicorn.Server, threading.Thread]:
    """Start the app on a free loopback port; (base URL, server, thread)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(db, Settings()), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server, thread


def page_url(query: str, filters) -> str:
    """The search page URL of a query and its filters."""
    params = {"q": query, **{k: v for k, v in vars(filters).items() if v not in (None, False)}}
    return "/search?" + urlencode(params)


def timed(client: httpx.Client, url: str) -> float:
    """Milliseconds for one GET (body read); fails loudly on a non-200 answer."""
    start = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{url}: HTTP {response.status_code}: {response.text[:200]}")
    return elapsed


def summary(samples: list[float]) -> dict[str, float]:
    """p50, p95 and max of latencies in ms."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return {
        "n": len(ordered),
        "p50_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(p95, 1),
        "max_ms": round(ordered[-1], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="/work/bench/store100k.db")
    parser.add_argument("--queries", type=int, default=200, help="requests per search kind")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with open_store(args.db) as store:
        documents = store.counts()["documents"]
        countries = [e["id"] for e in store.entities("country", 60)]
    base, server, thread = serve(args.db)
    results: dict[str, dict[str, float]] = {}
    with httpx.Client(base_url=base, timeout=60) as client:
        timed(client, "/")  # warm-up: first chart render starts the Vega runtime
        sets = query_sets(vocabulary(random.Random(args.seed)), args.queries, args.seed)
        for name, queries in sets.items():  # the store benchmark's own queries, as pages
            results[f"search page, {name.replace('_', ' ')}"] = summary(
                [timed(client, page_url(q, f)) for q, f in queries]
            )
        broad = [f"/search?q={rng.choice(WORDS)}" for _ in range(args.queries)]
        results["search page, broadest words (worst case)"] = summary([timed(client, url) for url in broad])
        results["search page 3, one term"] = summary(
            [timed(client, page_url(q, f) + "&page=3") for q, f in sets["one_term"]]
        )
        results["country page, first view"] = summary([timed(client, f"/countries/{c}") for c in countries])
        results["country chart SVG, first render"] = summary(
            [timed(client, f"/charts/countries/{c}/{name}.svg?hl=en") for c in countries
             for name in ("timeline", "objectives")]
        )  # fmt: skip
        repeat = [timed(client, f"/countries/{rng.choice(countries)}") for _ in range(args.queries)]
        results["country page, repeat view"] = summary(repeat)
        results["api search, one term"] = summary(
            [timed(client, f"/api/search?q={rng.choice(WORDS)}") for _ in range(args.queries)]
        )
    server.should_exit = True
    thread.join(10)
    report = {"db": args.db, "documents": documents, "countries": len(countries), "results": results}
    out = ROOT / "benchmarks" / "results" / "web.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(f"{documents} documents, {len(countries)} countries ({args.db})")
    print(f"{'page':44} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for name, row in results.items():
        print(f"{name:44} {row['n']:>5} {row['p50_ms']:>8} {row['p95_ms']:>8} {row['max_ms']:>8}")


if __name__ == "__main__":
    main()
