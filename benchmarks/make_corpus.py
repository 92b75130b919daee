"""Build a synthetic benchmark corpus of N press-release text dumps from real and sample documents.

Each generated document keeps the shape pactwatch reads (site navigation, title, dateline,
body, contact block): it takes the navigation and title of one seed document and
paragraphs drawn from several seeds, so lengths and vocabulary vary like a real feed.
Seeds: ../shared/corpus/dev/*.txt and tests/corpus/*.txt. Deterministic for a given seed.

    python benchmarks/make_corpus.py --out benchmarks/corpus --n 1000
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_DIRS = [ROOT.parent / "shared" / "corpus" / "dev", ROOT / "tests" / "corpus"]


def seed_documents() -> list[list[str]]:
    """The lines of every seed text dump."""
    docs = []
    for folder in SEED_DIRS:
        for path in sorted(folder.glob("*.txt")):
            docs.append(path.read_text(encoding="utf-8").splitlines())
    if not docs:
        raise SystemExit("no seed documents found")
    return docs


def split_head(lines: list[str]) -> tuple[list[str], list[str]]:
    """(navigation + title + dateline paragraph, the rest) — the head ends at the first long line."""
    for i, line in enumerate(lines):
        if len(line.split()) >= 12 and not line[:1].isspace() and i > 0 and lines[i - 1] != line:
            return lines[: i + 1], lines[i + 1 :]
    return lines[:1], lines[1:]


def generate(docs: list[list[str]], n: int, rng: random.Random) -> list[str]:
    """N documents: one seed's head, then 4-12 paragraphs drawn from any seeds."""
    paragraphs = [p for d in docs for p in split_head(d)[1] if len(p.split()) >= 8]
    out = []
    for _ in range(n):
        head, _rest = split_head(rng.choice(docs))
        body = rng.sample(paragraphs, k=min(len(paragraphs), rng.randint(4, 12)))
        out.append("\n".join(head + body) + "\n")
    return out


def main() -> None:
    """Write the corpus."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "corpus")
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(generate(seed_documents(), args.n, random.Random(args.seed))):
        (args.out / f"doc_{i:05d}.txt").write_text(text, encoding="utf-8")
    print(f"wrote {args.n} documents to {args.out}")


if __name__ == "__main__":
    main()
