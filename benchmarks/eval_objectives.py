"""Evaluate the GCM objective and principle mapping on a labelled paragraph set (issue 4).

    python benchmarks/eval_objectives.py          # held-out: micro-F1, recall per objective, calibration, ECE
    python benchmarks/eval_objectives.py --only h2- # the batch written after the lexicon was frozen
    python benchmarks/eval_objectives.py --data tests/data/gcm_tuning.jsonl --errors
    python benchmarks/eval_objectives.py --fit    # refit the confidence curves on the tuning set

Each line of a data file is {"id", "lang", "text", "objectives": [...], "principles": [...]}. A target is
predicted when its calibrated confidence reaches the threshold of ``pactwatch/gcm/data/calibration.json``.

``--fit`` fits a logistic (Platt) curve per kind on every tuning row and on synthetic documents made of
them; it never reads the held-out set. The tuning rows pool two labellers' conventions: the older rows, and
the calibration rows ``k-``, never used to choose lexicon terms, so their scores look like those of unseen
text. A curve fitted on the calibration rows alone follows one labeller's habit of labelling secondary topics
and is over-confident on low scores elsewhere. The decision threshold stays at 0.5, where a calibrated target
is more likely labelled than not.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pactwatch.gcm import map_text  # noqa: E402
from pactwatch.gcm.mapping import OBJECTIVE_IDS, confidence, contributions, raw_scores  # noqa: E402
from pactwatch.gcm.reference import principles  # noqa: E402

HELD_OUT = ROOT / "tests" / "data" / "gcm_paragraphs.jsonl"
TUNING = ROOT / "tests" / "data" / "gcm_tuning.jsonl"
CALIBRATION = ROOT / "pactwatch" / "gcm" / "data" / "calibration.json"
FIT_ROWS = {"objectives": "", "principles": ""}  # id prefix of the rows each curve is fitted on
KINDS = {"objectives": lambda t: t in OBJECTIVE_IDS, "principles": lambda t: t in principles()}


def load(path: Path) -> list[dict]:
    """The labelled paragraphs of a JSONL file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def candidates(row: dict, kind: str) -> list[tuple[str, float, float, bool]]:
    """Every target of ``kind`` with a raw score: (target, raw, share of the best, is it labelled)."""
    scores = {t: s for t, s in raw_scores(contributions(row["text"], row["lang"])).items() if KINDS[kind](t)}
    gold = {str(x) for x in row[kind]}
    top = max(scores.values(), default=0.0)
    return [(t, s, s / top if top else 0.0, t in gold) for t, s in scores.items()]


def evaluate(rows: list[dict]) -> dict:
    """Micro P/R/F1, recall per target, errors and a calibration table, for objectives and principles."""
    report = {}
    for kind in KINDS:
        tp = fp = fn = 0
        hits, totals, errors = Counter(), Counter(), []
        for row in rows:
            mapping = map_text(row["text"], row["lang"])
            links = mapping.objectives if kind == "objectives" else mapping.principles
            predicted, gold = {str(link.id) for link in links}, {str(x) for x in row[kind]}
            tp, fp, fn = tp + len(predicted & gold), fp + len(predicted - gold), fn + len(gold - predicted)
            for target in gold:
                totals[target] += 1
                hits[target] += target in predicted
            if predicted != gold:
                errors.append({"id": row["id"], "gold": sorted(gold), "predicted": sorted(predicted)})
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        recall_by = {t: (hits[t], totals[t]) for t in sorted(totals, key=_order)}
        report[kind] = {
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "recall_by_target": recall_by,
            "calibration": calibration_table(rows, kind),
            "errors": errors,
        }
    return report


def _order(target: str):
    return (0, int(target)) if target.isdigit() else (1, target)


def calibration_table(rows: list[dict], kind: str, bins: int = 10) -> list[tuple[str, int, float, float]]:
    """Confidence bins over every scored candidate: (bin, count, mean confidence, share that is labelled)."""
    table = [[0, 0.0, 0] for _ in range(bins)]
    for row in rows:
        for _target, raw, share, labelled in candidates(row, kind):
            top = raw / share if share else raw
            score = confidence(raw, top, kind)
            cell = table[min(int(score * bins), bins - 1)]
            cell[0], cell[1], cell[2] = cell[0] + 1, cell[1] + score, cell[2] + labelled
    return [
        (f"{i / bins:.1f}-{(i + 1) / bins:.1f}", n, s / n if n else 0.0, y / n if n else 0.0)
        for i, (n, s, y) in enumerate(table)
    ]


def expected_calibration_error(table: list[tuple[str, int, float, float]]) -> float:
    """ECE: the gap between mean confidence and share labelled, averaged over bins weighted by their size."""
    total = sum(n for _, n, _, _ in table)
    return sum(n * abs(mean - observed) for _, n, mean, observed in table) / total if total else 0.0


def documents(rows: list[dict], count: int = 150, seed: int = 7) -> list[dict]:
    """Synthetic documents: 2 to 5 items of one language joined, labels united. Real documents mix
    several objectives, so the curve must not learn that only the best-scored target of a text is right."""
    rng = random.Random(seed)
    by_lang: dict[str, list[dict]] = {}
    for row in rows:
        by_lang.setdefault(row["lang"], []).append(row)
    out = []
    for n in range(count):
        lang = sorted(by_lang)[n % len(by_lang)]
        parts = rng.sample(by_lang[lang], rng.randint(2, 5))
        out.append(
            {
                "id": f"doc-{n}",
                "lang": lang,
                "text": "\n".join(p["text"] for p in parts),
                "objectives": sorted({o for p in parts for o in p["objectives"]}),
                "principles": sorted({o for p in parts for o in p["principles"]}),
            }
        )
    return out


def fit(rows: list[dict], kind: str, l2: float = 0.05, steps: int = 100) -> dict[str, float]:
    """Logistic regression (Newton's method) of 'labelled' on log(1 + raw) and share: the confidence curve.
    Fitted on the given paragraphs and on synthetic documents made of them."""
    rows = rows + documents(rows)
    data = [
        (math.log1p(raw), share, 1.0, float(y)) for row in rows for _, raw, share, y in candidates(row, kind)
    ]
    w = [0.0, 0.0, 0.0]
    for _ in range(steps):
        grad, hess = [l2 * w[0], l2 * w[1], 0.0], [[l2, 0, 0], [0, l2, 0], [0, 0, 1e-9]]
        for *x, y in data:
            p = 1 / (1 + math.exp(-sum(a * b for a, b in zip(w, x, strict=True))))
            for i in range(3):
                grad[i] += (p - y) * x[i]
                for j in range(3):
                    hess[i][j] += p * (1 - p) * x[i] * x[j]
        w = [a - b for a, b in zip(w, _solve(hess, grad), strict=True)]
    return {"log_raw": round(w[0], 4), "share": round(w[1], 4), "bias": round(w[2], 4)}


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Solve a 3x3 linear system by Gaussian elimination."""
    m = [row[:] + [v] for row, v in zip(a, b, strict=True)]
    for i in range(3):
        pivot = max(range(i, 3), key=lambda r: abs(m[r][i]))
        m[i], m[pivot] = m[pivot], m[i]
        for r in range(i + 1, 3):
            factor = m[r][i] / m[i][i]
            m[r] = [x - factor * y for x, y in zip(m[r], m[i], strict=True)]
    out = [0.0, 0.0, 0.0]
    for i in (2, 1, 0):
        out[i] = (m[i][3] - sum(m[i][j] * out[j] for j in range(i + 1, 3))) / m[i][i]
    return out


def print_report(report: dict, path: Path, show_errors: bool) -> None:
    """Human-readable report."""
    print(f"data: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    for kind, r in report.items():
        print(f"\n{kind}: micro-P {r['precision']:.3f}  micro-R {r['recall']:.3f}  micro-F1 {r['f1']:.3f}")
        print("recall by target:")
        for target, (hit, total) in r["recall_by_target"].items():
            print(f"  {target:>26}  {hit:>3}/{total:<3} {hit / total:.2f}")
        print("calibration (all scored candidates):  bin  count  mean-confidence  labelled")
        for name, n, mean, observed in r["calibration"]:
            if n:
                print(f"  {name}  {n:>5}  {mean:.2f}  {observed:.2f}")
        print(f"expected calibration error (ECE): {expected_calibration_error(r['calibration']):.3f}")
        if show_errors:
            for e in r["errors"]:
                print(f"  {e['id']}: gold {e['gold']} predicted {e['predicted']}")


def main() -> None:
    """Command line: evaluate a data file, or refit the calibration on the tuning set."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", type=Path, default=HELD_OUT, help="labelled JSONL (default: the held-out set)"
    )
    parser.add_argument("--fit", action="store_true", help="refit calibration.json (rows: FIT_ROWS)")
    parser.add_argument("--errors", action="store_true", help="list the paragraphs with wrong predictions")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--only", metavar="PREFIX", help="evaluate only the rows whose id starts with PREFIX")
    args = parser.parse_args()
    if args.fit:
        rows = load(TUNING)
        table = json.loads(CALIBRATION.read_text(encoding="utf-8"))
        for kind in KINDS:
            table[kind] = fit([row for row in rows if row["id"].startswith(FIT_ROWS[kind])], kind)
            table[kind]["threshold"] = 0.5
        CALIBRATION.write_text(json.dumps(table, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(json.dumps({k: table[k] for k in KINDS}))
        return
    rows = [row for row in load(args.data) if not args.only or row["id"].startswith(args.only)]
    report = evaluate(rows)
    for kind in report:
        report[kind]["ece"] = expected_calibration_error(report[kind]["calibration"])
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        print_report(report, args.data.resolve(), args.errors)


if __name__ == "__main__":
    main()
