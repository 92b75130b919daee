"""Constraints on a document's date, and the year they give a date written without one.

Each piece of evidence (an office-holder's term, a numbered session, the metadata date, a "published
on" line...) is a ``Constraint``: a window with a strength and a label. ``combine`` intersects them
strongest first, dropping what would empty the window; ``choose_year`` picks the year of a partial
date ("9 November") whose window fits them at the least cost, and ``year_why`` says how, naming the
rule that decided when several years fit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple

from .timeexpr import TimeExpr

STRENGTH = {
    "dateline": 9,
    "published": 6,
    "meta": 5,
    "term": 4,
    "offset": 4,
    "dated": 3,
    "event": 3,
    "since": 3,
    "lookahead": 2,
    "near": 1,
}
PUBLISHED_KINDS = ("published", "meta")  # constraints that state the day of issue, strongest first


@dataclass(frozen=True)
class Constraint:
    """A window for the document's date: ``lo``/``hi`` (None: open), how strong, and what says so."""

    lo: dt.date | None
    hi: dt.date | None
    strength: int
    label: str
    kind: str = "event"

    def describe(self) -> str:
        """'label -> from 2023-10-01' / 'until ...' / 'a..b': the evidence and the window it gives."""
        return f"{self.label} -> {_bounds(self.lo, self.hi)}"


def _bounds(lo, hi) -> str:
    if lo and hi:
        return f"{lo}..{hi}" if lo != hi else str(lo)
    return f"from {lo}" if lo else f"until {hi}"


def combine(constraints: list[Constraint]):
    """Intersect constraints strongest first; one that would empty the window is dropped.

    Returns (lo, hi, kept, dropped)."""
    lo = hi = None
    kept, dropped = [], []
    for c in sorted(constraints, key=lambda c: -c.strength):
        nlo = max((d for d in (lo, c.lo) if d), default=None)
        nhi = min((d for d in (hi, c.hi) if d), default=None)
        if nlo and nhi and nlo > nhi:
            dropped.append(c)
            continue
        lo, hi = nlo, nhi
        kept.append(c)
    return lo, hi, kept, dropped


class YearChoice(NamedTuple):
    """The year chosen, the constraints kept and dropped for it, other years that fit as well, and the
    rule that chose among them."""

    year: int
    kept: list
    dropped: list
    others: list
    rule: str


def choose_year(expr: TimeExpr, window, constraints: list[Constraint]) -> YearChoice | None:
    """The year for a date without one: the one whose window (``window(first, last)`` -> (lo, hi)) fits
    the constraints at the least cost (strength of what must be dropped). Among equals: the one nearest
    the published-line or metadata date if the document has one, else the earliest (the latest when
    only upper bounds remain, or when a dated thing ahead gives a look-ahead span: the year just before
    it). None when nothing bounds it."""
    years = sorted({d.year for c in constraints for d in (c.lo, c.hi) if d})
    if not years:
        return None
    lo, hi, _, dropped = combine(constraints)
    options = []
    if not dropped:  # years around the agreed window first: a fit there costs nothing
        options = _year_options(expr, window, constraints, (lo or hi).year - 1, (hi or lo).year + 1)
    if not any(o[0] == 0 for o in options):
        options = _year_options(expr, window, constraints, years[0] - 1, years[-1] + 1)
    if not options:
        return None
    best = min(o[0] for o in options)
    fitting = [o for o in options if o[0] == best]
    kept = fitting[0][2]
    if not any(c.hi for c in kept) and not any(c.lo and c.kind != "since" for c in kept):
        return None  # only 'exists since' evidence: no year can be chosen
    pick, rule = _pick(expr, fitting, constraints)
    return YearChoice(pick[1], pick[2], pick[3], [o[1] for o in fitting if o[1] != pick[1]], rule)


def _pick(expr: TimeExpr, fitting: list, constraints: list[Constraint]):
    """The option to take among equally good ones, and the rule that took it."""
    ref = next((c for k in PUBLISHED_KINDS for c in constraints if c.kind == k and c.lo), None)
    if len(fitting) > 1 and ref is not None:
        pick = min(fitting, key=lambda o: abs((expr.dates(o[1])[0] - ref.lo).days))
        what = ref.label if str(ref.lo) in ref.label else f"{ref.label} ({ref.lo})"
        return pick, f"took {pick[1]}, the one nearest the {what}"
    ahead = [c for c in fitting[-1][2] if c.kind == "lookahead"]
    if len(fitting) > 1 and ahead:
        first = min(ahead, key=lambda c: c.hi)
        return fitting[-1], f"took the latest, just before what is referred to in the future ({first.hi})"
    if any(c.lo for c in fitting[0][2]):
        return fitting[0], "took the earliest (a weak default: nothing else chooses between them)"
    return fitting[-1], "took the latest (only upper bounds: nothing else chooses between them)"


def _year_options(expr: TimeExpr, window, constraints, first: int, last: int) -> list:
    """(cost, year, kept, dropped) for each year from ``first`` to ``last`` the date exists in."""
    options = []
    for y in range(first, last + 1):
        span = expr.dates(y)
        if span is None:
            continue
        seed = Constraint(*window(*span), STRENGTH["dateline"], "date", "dateline")
        _, _, kept, dropped = combine([seed, *constraints])
        options.append((sum(c.strength for c in dropped), y, kept[1:], dropped))
    return options


def year_why(expr: TimeExpr, choice: YearChoice, where: str) -> str:
    """Why ``choice.year``: the years that fit, the rule that chose, the evidence, what was dropped."""
    has_lo, has_hi = any(c.lo for c in choice.kept), any(c.hi for c in choice.kept)
    if choice.others:
        years = ", ".join(map(str, sorted([choice.year, *choice.others])))
        fits = f"years {years} fit; {choice.rule}"
    elif has_lo and has_hi:
        fits = f"{choice.year} is the only year that fits"
    else:
        fits = f"{choice.year} is the {'earliest' if has_lo else 'latest'} year that fits"
    return f"{where} '{expr.text}' gives no year; {fits}: " + why_window(choice.kept, choice.dropped)


def binding(kept: list[Constraint]) -> str:
    """The constraints that set the window's ends, and how many others agree with it."""
    lo = max((c.lo for c in kept if c.lo), default=None)
    hi = min((c.hi for c in kept if c.hi), default=None)
    main = [c for c in kept if (lo and c.lo == lo) or (hi and c.hi == hi)]
    why = "; ".join(c.describe() for c in main)
    if len(kept) > len(main):
        n = len(kept) - len(main)
        why += f" (and {n} looser constraint{'s' if n > 1 else ''} that agree{'' if n > 1 else 's'})"
    return why


def why_window(kept: list[Constraint], dropped: list[Constraint]) -> str:
    """``binding`` of what was kept, then what was dropped as contradicting stronger evidence."""
    why = binding(kept)
    if dropped:
        why += ". Dropped as contradicting stronger evidence: " + "; ".join(c.describe() for c in dropped)
    return why
