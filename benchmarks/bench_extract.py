"""Extraction benchmark: pactwatch's whole pipeline vs spaCy fr_core_news_md NER alone, same bodies.

Reports documents/s, words/s, per-document latency p50/p95, peak RSS, and the time share
of each stage, for 1 and 2 processes, side by side in one run. Each configuration runs in
its own subprocess so its peak RSS is its own.

    python benchmarks/make_corpus.py --n 1000          # once: writes benchmarks/corpus/
    python benchmarks/bench_extract.py                  # prints the table, writes benchmarks/results/
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT / "benchmarks" / "corpus"
SPACY_MODEL = "fr_core_news_md"
SPACY_EXCLUDE = ["tok2vec", "morphologizer", "parser", "attribute_ruler", "lemmatizer", "senter"]


def corpus_files(folder: Path) -> list[Path]:
    """The benchmark documents, sorted."""
    files = sorted(folder.glob("*.txt"))
    if not files:
        raise SystemExit(f"no documents in {folder}: run benchmarks/make_corpus.py first")
    return files


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def pactwatch_one(path: str) -> tuple[float, int, dict[str, float]]:
    """Extract one file: (seconds, body words, seconds per stage)."""
    from pactwatch.ingest.readers import read_document
    from pactwatch.ingest.sources import Source, kind_from_name
    from pactwatch.pipeline import DEFAULT_PIPELINE, check_pipeline
    from pactwatch.settings import Settings

    start = time.perf_counter()
    doc = read_document(Source(path, kind_from_name(path)), Settings())
    stages: dict[str, float] = {"read": time.perf_counter() - start}
    for stage in check_pipeline(DEFAULT_PIPELINE):
        t0 = time.perf_counter()
        stage.func(doc)
        stages[stage.name] = time.perf_counter() - t0
    return time.perf_counter() - start, len(doc.body.split()), stages


def warm_up() -> None:
    """Load every table and model once, so the first document's latency is not a load time."""
    from pactwatch.document import Document
    from pactwatch.pipeline import run_pipeline

    text = "Titre de la page\nGenève – Le 3 mai 2023, l'OIM a réuni 28 pays pour un dialogue sur la migration."
    run_pipeline(Document(source="warm-up", text=text))


def run_pactwatch(files: list[Path], jobs: int) -> dict:
    """Time the whole pipeline over ``files`` with ``jobs`` processes."""
    warm_up()
    paths = [str(p) for p in files]
    start = time.perf_counter()
    if jobs == 1:
        results = [pactwatch_one(p) for p in paths]
    else:
        with mp.get_context("fork").Pool(jobs) as pool:
            results = pool.map(pactwatch_one, paths, chunksize=8)
    wall = time.perf_counter() - start
    stage_totals: dict[str, float] = {}
    for _, _, stages in results:
        for name, seconds in stages.items():
            stage_totals[name] = stage_totals.get(name, 0.0) + seconds
    return summary([r[0] for r in results], sum(r[1] for r in results), wall) | {"stages": stage_totals}


def bodies_of(files: list[Path]) -> list[str]:
    """The bodies pactwatch extracts, so spaCy reads exactly the same text."""
    from pactwatch.document import Document
    from pactwatch.pipeline import run_pipeline

    return [run_pipeline(Document(source=str(p), text=p.read_text("utf-8")), ("boilerplate",)).body for p in files]


def run_spacy(files: list[Path], jobs: int) -> dict:
    """Time spaCy's NER alone (fr_core_news_md, other components excluded) over the same bodies."""
    import spacy

    bodies = bodies_of(files)
    nlp = spacy.load(SPACY_MODEL, exclude=SPACY_EXCLUDE)
    nlp("Échauffement du modèle à Genève.")
    latencies: list[float] = []
    start = time.perf_counter()
    if jobs == 1:
        for body in bodies:
            t0 = time.perf_counter()
            nlp(body)
            latencies.append(time.perf_counter() - t0)
    else:
        for _ in nlp.pipe(bodies, n_process=jobs, batch_size=16):
            pass
    wall = time.perf_counter() - start
    return summary(latencies, sum(len(b.split()) for b in bodies), wall, docs=len(bodies))


def summary(latencies: list[float], words: int, wall: float, docs: int | None = None) -> dict:
    """Throughput and latency figures of one configuration."""
    n = docs if docs is not None else len(latencies)
    out = {"docs": n, "words": words, "seconds": round(wall, 3), "docs_per_s": round(n / wall, 1),
           "words_per_s": round(words / wall)}
    if latencies:
        out |= {"p50_ms": round(statistics.median(latencies) * 1000, 2),
                "p95_ms": round(percentile(latencies, 95) * 1000, 2)}
    return out


def peak_rss_mb() -> dict:
    """Peak resident memory of this process and of its (waited-for) children, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"peak_rss_mb": round(own), "peak_rss_children_mb": round(children)}


def worker_main(system: str, jobs: int, corpus: Path) -> None:
    """Run one configuration and print its figures as JSON (called in a subprocess)."""
    files = corpus_files(corpus)
    result = run_pactwatch(files, jobs) if system == "pactwatch" else run_spacy(files, jobs)
    print(json.dumps(result | peak_rss_mb() | {"system": system, "jobs": jobs}))


def run_configuration(system: str, jobs: int, corpus: Path) -> dict:
    """Run one configuration in a fresh interpreter and return its figures."""
    cmd = [sys.executable, __file__, "--worker", system, "--jobs", str(jobs), "--corpus", str(corpus)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def print_table(rows: list[dict]) -> None:
    """The side-by-side table."""
    cols = ["system", "jobs", "docs", "words", "seconds", "docs_per_s", "words_per_s", "p50_ms", "p95_ms",
            "peak_rss_mb", "peak_rss_children_mb"]
    print(" | ".join(cols))
    for row in rows:
        print(" | ".join(str(row.get(c, "")) for c in cols))
    for row in rows:
        if row["system"] == "pactwatch" and row["jobs"] == 1:
            total = sum(row["stages"].values())
            shares = ", ".join(f"{k} {v / total:.1%}" for k, v in sorted(row["stages"].items(), key=lambda x: -x[1]))
            print(f"\nstage shares (1 process): {shares}")


def main() -> None:
    """Run every configuration, print the table, save the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--worker", choices=["pactwatch", "spacy"])
    parser.add_argument("--no-spacy", action="store_true", help="skip the spaCy baseline")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "extract.json")
    args = parser.parse_args()
    if args.worker:
        worker_main(args.worker, args.jobs, args.corpus)
        return
    systems = ["pactwatch"] + ([] if args.no_spacy else ["spacy"])
    rows = [run_configuration(s, j, args.corpus) for j in (1, 2) for s in systems]
    print(f"corpus: {args.corpus} ({len(corpus_files(args.corpus))} documents); "
          f"machine: {platform.processor() or platform.machine()}, {mp.cpu_count()} cores, Python {platform.python_version()}")
    print_table(rows)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(rows, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
