"""The dates stage: when the main event took place and when the document was issued.

Writes ``doc.dates = {"event": {start, end, why} | None, "published": {value, earliest, latest, why} | None}``
(CONTRACT.md). The dateline date ("Accra – Du 28 au 30 novembre") gives both when it is there; its
year, when the text gives none, is inferred from constraints on the document's date, each one
reported in ``why``:

- office-holders named with their title (``knowledge.timeline.person_terms`` / ``text_terms``);
- numbered sessions and conferences, GCM milestones, EU Council presidencies, and dates with a year,
  placed by the tense of their sentence (future: the document is before them, and, more weakly, within
  the look-ahead span before them; past: after);
- offsets from dated things ("one year after the first IMRF", ``date_offsets``);
- the text's own "published on" line (``doc.meta["date_text"]``, moved there by the boilerplate
  stage) and the source's metadata date (``doc.meta["date"]``).

Constraints are intersected strongest first; one that would empty the window is dropped and named.
When several years fit, the one nearest the published-line or metadata date is taken, else the
earliest (a weak default), and ``why`` says which rule decided.

The event is the dateline date unless the opening paragraphs state the event's span around it
("met in Nairobi on 8 and 9 November", "a two-day meeting that closed today") or announce it for the
coming days ("the forum, which opens in Geneva on Wednesday"): ``event_span``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache

from ..document import Document
from ..knowledge import load_json
from ..knowledge import timeline as tl
from ..knowledge.tense import find_cues, tense_near
from .date_offsets import offset_windows
from .event_span import lean, opening_event, relative_days, tied_to_event
from .timeexpr import (
    TimeExpr,
    lower_view,
    parse_expression,
    parse_view,
    sentence_at,
    sentence_bounds,
    word_pattern,
)
from .year_inference import STRENGTH, Constraint, binding, choose_year, combine, why_window, year_why

DAY = dt.timedelta(days=1)
REPORT_LAG = 31  # days after its last day within which an event reported in a dateline is published
MAX_PUBLISHED_SPAN = 366


@dataclass
class _Context:
    text: str
    low: str
    lang: str | None
    bounds: list[tuple[int, int]]
    exprs: list[TimeExpr]
    mentions: list = field(default_factory=list)
    _cues: dict = field(default_factory=dict)
    _tenses: dict = field(default_factory=dict)

    def cues(self, sentence: tuple[int, int]):
        """The tense cues of a sentence (found once per sentence)."""
        if sentence not in self._cues:
            self._cues[sentence] = find_cues(self.low, self.lang, *sentence)
        return self._cues[sentence]

    def tense(self, start: int, end: int):
        """The tense cue governing [start, end), looked for in its sentence only (kept: asked again by
        the look-ahead rule)."""
        if (start, end) not in self._tenses:
            sentence = sentence_at(self.bounds, start)
            self._tenses[start, end] = tense_near(self.cues(sentence), start, end, sentence)
        return self._tenses[start, end]


def date_stage(doc: Document) -> None:
    """Fill ``doc.dates`` (event and published) from the dateline, the text and the metadata."""
    text = doc.body or ""
    low = lower_view(text)
    ctx = _Context(text, low, doc.lang, sentence_bounds(text), parse_view(text, low, doc.lang))
    mentions = ctx.mentions = _mentions(doc, ctx)
    constraints = _dedupe(
        [
            *_published_line_constraint(doc.meta, doc.lang),
            *_meta_constraint(doc.meta),
            *_office_constraints(doc, ctx),
            *_mention_constraints(ctx, mentions),
            *_offset_constraints(ctx, mentions),
            *_dated_constraints(ctx, _dateline_end(doc, text)),
        ]
    )
    event, published = _resolve(_dateline_expr(doc, ctx), ctx, constraints)
    doc.dates = {"event": event, "published": published}


# --- constraints -------------------------------------------------------------------------------


def _meta_constraint(meta: dict) -> list[Constraint]:
    value = (meta or {}).get("date")
    if not value:
        return []
    m = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", str(value))
    if not m:
        return []
    expr = TimeExpr(0, 0, str(value), "absolute", m[3] and int(m[3]), m[2] and int(m[2]), int(m[1]))
    span = expr.dates()
    if span is None:
        return []
    source = meta.get("date_source") or "source metadata"
    return [Constraint(*span, STRENGTH["meta"], f"metadata date {value} ({source})", "meta")]


def _published_line_constraint(meta: dict, lang: str | None) -> list[Constraint]:
    """'Publicado el 23 de noviembre de 2023', 'Posted: 14.03.2024': the text's own statement of its
    date of issue, stronger than the source's metadata (often a date of update)."""
    line = (meta or {}).get("date_text")
    if not line:
        return []
    for e in parse_expression(str(line), lang):
        if e.kind == "absolute" and (span := e.dates()):
            return [Constraint(*span, STRENGTH["published"], f"published line '{line}'", "published")]
    return []


def _office_constraints(doc: Document, ctx: _Context) -> list[Constraint]:
    found = [
        (p.get("name"), title, fact) for p in doc.entities_of("person") for title, fact in tl.person_terms(p)
    ]
    found += tl.text_terms(ctx.text, ctx.low, ctx.bounds)
    return [
        Constraint(f.start, f.end, STRENGTH["term"], f"{name}, '{title}' = {tl.describe(f)}", "term")
        for name, title, f in found
    ]


def _country_spans(doc: Document) -> list[tuple[int, int, str]]:
    return [
        (m["start"], m["end"], e["id"]) for e in doc.entities_of("country") for m in e.get("mentions") or ()
    ]


def _mentions(doc: Document, ctx: _Context) -> list[tl.Mention]:
    return [
        *tl.session_mentions(ctx.low),
        *tl.milestone_mentions(ctx.low),
        *tl.presidency_mentions(ctx.low, ctx.bounds, _country_spans(doc)),
    ]


def _offset_constraints(ctx: _Context, mentions: list[tl.Mention]) -> list[Constraint]:
    """'un año después de ... la Declaración sobre los Progresos': about that long after it."""
    return [
        Constraint(o.lo, o.hi, STRENGTH["offset"], o.label, "offset")
        for o in offset_windows(ctx, mentions, ctx.lang)
    ]


def _mention_constraints(ctx: _Context, mentions: list[tl.Mention]) -> list[Constraint]:
    out = []
    for m in mentions:
        what = f"'{ctx.text[m.start : m.end]}' = {tl.describe(m.fact)}"
        if m.mode == "term":
            out.append(
                Constraint(m.fact.start, m.fact.end, STRENGTH["term"], f"{what}, held at the time", "term")
            )
        elif m.mode == "since":
            out.append(Constraint(m.fact.start, None, STRENGTH["since"], f"{what} is mentioned", "since"))
        else:
            out.append(_tensed(ctx, m.start, m.end, m.fact.start, m.fact.end or m.fact.start, what))
            if not m.fact.approx:
                out.extend(_lookahead(ctx, m.start, m.end, (m.fact.start, m.fact.end or m.fact.start), what))
    return out


def _tensed(ctx: _Context, start: int, end: int, first: dt.date, last: dt.date, what: str) -> Constraint:
    """The window a dated thing gives, by the tense of its sentence."""
    cue = ctx.tense(start, end)
    tense = cue.tense if cue else None
    said = f" ('{ctx.text[cue.start : cue.end]}')" if cue else ""
    if tense == "future_scheduled":
        return Constraint(None, first - DAY, STRENGTH["event"], f"{what}, still ahead{said}")
    if tense == "future":
        return Constraint(None, last, STRENGTH["event"], f"{what}, referred to in the future{said}")
    if tense == "present":
        return Constraint(first, last, STRENGTH["event"], f"{what}, under way{said}")
    if tense == "past":
        return Constraint(first, None, STRENGTH["event"], f"{what}, referred to in the past{said}")
    # no tense: the text is most likely written around it (from half a year before to a year after)
    lo, hi = first - dt.timedelta(days=183), last + dt.timedelta(days=366)
    return Constraint(lo, hi, STRENGTH["near"], f"{what}, mentioned without tense", "near")


@cache
def _lookahead_rules() -> tuple[int, re.Pattern]:
    data = load_json("time_words.json")["lookahead"]
    return data["days"], re.compile(rf"(?<!\w)(?:{word_pattern(data['not_after'])})\s+(?:(?:le|the|el)\s+)?$")


def _lookahead(ctx: _Context, start: int, end: int, span, what: str) -> list[Constraint]:
    """A dated event referred to in the future ('entrará en vigor el 20 de mayo de 2025'): besides
    being before it, the document is usually written within the look-ahead span before it (a weak
    constraint, dropped by any stronger evidence). ``span`` is its first and last day: a plain future
    ('the Presidency will ...') may be said while it lasts. Not for deadlines ('d'ici le 31 décembre
    2030')."""
    cue = ctx.tense(start, end)
    if cue is None or cue.tense not in ("future", "future_scheduled"):
        return []
    days, deadline = _lookahead_rules()
    if deadline.search(ctx.low, max(0, start - 24), start) or deadline.search(cue.text + " "):
        return []
    said = ctx.text[cue.start : cue.end]
    label = (
        f"{what}, referred to in the future ('{said}'): usually written at most {days} days before it"
        " (look-ahead span)"
    )
    first, last = span
    hi = first if cue.tense == "future_scheduled" else last
    return [Constraint(first - dt.timedelta(days=days), hi, STRENGTH["lookahead"], label, "lookahead")]


@cache
def _since_cues() -> frozenset:
    return frozenset(load_json("time_words.json")["since_cues"])


@cache
def _publication_cue() -> re.Pattern:
    words = load_json("time_words.json")["publication_cues"]
    return re.compile(rf"(?<!\w)(?:{word_pattern(words)})\s*:?\s*(?:(?:le|on|el)\s+)?$")


def _dated_constraints(ctx: _Context, skip_until: int) -> list[Constraint]:
    """Dates with a year: stated as the publication date ('Publié le 3 mai 2022'), or placed by a
    tense cue ('qui se tiendra du 17 au 20 mai 2022')."""
    out = []
    for e in ctx.exprs:
        if e.kind != "absolute" or e.start < skip_until or not (span := e.dates()):
            continue
        if e.day is not None and _publication_cue().search(ctx.low, max(0, e.start - 32), e.start):
            out.append(
                Constraint(
                    *span, STRENGTH["meta"], f"publication date stated in the text '{e.text}'", "published"
                )
            )
            continue
        c = _tensed(ctx, e.start, e.end, *span, f"'{e.text}'")
        if e.month is not None:
            out.extend(_lookahead(ctx, e.start, e.end, span, f"'{e.text}'"))
        if c.kind != "near":
            # 'adopté en 2018', 'depuis février 2020': true, but too loose to pick a year from alone
            cue = ctx.tense(e.start, e.end)
            loose = c.hi is None and (e.day is None or (cue and cue.text in _since_cues()))
            out.append(Constraint(c.lo, c.hi, STRENGTH["dated"], c.label, "since" if loose else "dated"))
    return out


def _dedupe(constraints: list[Constraint]) -> list[Constraint]:
    seen, out = set(), []
    for c in constraints:
        key = (c.lo, c.hi, c.kind)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


# --- the dateline and the first paragraph ------------------------------------------------------


def _dateline_end(doc: Document, text: str) -> int:
    dl = doc.dateline or {}
    return min(len(text), len(dl.get("text") or "") + 2) if dl else 0


def _dateline_expr(doc: Document, ctx: _Context) -> TimeExpr | None:
    dl = doc.dateline or {}
    date_text = dl.get("date_text")
    if not date_text:
        return None
    end = _dateline_end(doc, ctx.text)
    inside = [e for e in ctx.exprs if e.start < end and (e.day is not None or e.kind == "relative")]
    return inside[0] if inside else None


def _first_paragraph_event(ctx: _Context, skip_until: int) -> TimeExpr | None:
    """A dated expression tied to an event in the first paragraph ('s'est tenu du 5 au 7 juin', 'se
    reunieron'), unless its sentence puts it ahead ('la COP 28, que se celebrará del 30 de noviembre')."""
    cut = ctx.text.find("\n", 40)
    end = min(cut if cut > 0 else len(ctx.text), 800)
    for e in ctx.exprs:
        if e.start >= end:
            break
        if e.start >= skip_until and e.day is not None and e.kind != "relative":
            cue = ctx.tense(e.start, e.end)
            ahead = cue is not None and cue.tense in ("future", "future_scheduled")
            if not ahead and tied_to_event(ctx.low, sentence_at(ctx.bounds, e.start)):
                return e
    return None


# --- year inference and the two results --------------------------------------------------------


def _dateline_windows(first: dt.date, last: dt.date, single: bool):
    """(tight, loose) publication windows for a dateline date: a single day is the day it was
    issued (loosely: within a month); a span is reported from its first day to a month after its end."""
    loose = (first, last + dt.timedelta(days=REPORT_LAG))
    return ((first, first) if single else loose), loose


def _tense_window(ctx: _Context, e: TimeExpr):
    """Where the document lies, relative to an event found in running text, by its tense."""
    cue = ctx.tense(e.start, e.end)
    tense = cue.tense if cue else None

    def window(first, last):
        if tense == "past":
            return first, last + dt.timedelta(days=92)
        if tense == "future_scheduled":
            return first - dt.timedelta(days=183), first - DAY
        if tense == "future":
            return first - dt.timedelta(days=183), last
        return first - dt.timedelta(days=92), last + dt.timedelta(days=92)

    return window


def _resolve(dl: TimeExpr | None, ctx: _Context, constraints: list[Constraint]):
    if dl is not None and dl.kind != "relative":
        return _from_dateline(dl, ctx, constraints)
    lo, hi, kept, dropped = combine(constraints)
    published = _published(lo, hi, kept, dropped, why_window(kept, dropped))
    skip = dl.end if dl is not None else 0
    if lo and lo == hi:  # the day of issue is known (published line, metadata)
        found = opening_event(ctx, lo, skip, f"the publication date {lo} ({binding(kept)})")
        if found is not None:
            return _event(found.first, found.last, found.why), published
        if dl is not None:
            span = dl.anchored(lo)
            why = f"dateline '{dl.text}' read from the publication date {lo}"
            return (_event(*span, why) if span and dl.unit == "day" else None), published
        if (day := _first_sentence_day(ctx, skip)) is not None and (span := _anchored(ctx, day, lo)):
            why = f"'{day.text}' in the first sentence, read from the publication date {lo}"
            return _event(*span, why), published
    e = _first_paragraph_event(ctx, skip)
    event = None
    if e is not None:
        event, extra = _running_event(e, ctx, constraints)
        if extra:
            lo, hi, kept, dropped = combine([*constraints, extra])
            published = _published(lo, hi, kept, dropped, why_window(kept, dropped))
    return event, published


def _running_event(e: TimeExpr, ctx: _Context, constraints):
    """The event of the first paragraph, its year inferred if needed, and the window it gives."""
    window = _tense_window(ctx, e)
    if e.kind == "absolute":
        span = e.dates()
        return _event(*span, f"'{e.text}' next to an event in the first paragraph"), None
    choice = choose_year(e, window, constraints)
    if choice is None or not (span := e.dates(choice.year)):
        return None, None
    event = _event(*span, year_why(e, choice, "first-paragraph date"))
    lo, hi = window(*span)
    return event, Constraint(
        lo, hi, STRENGTH["dated"], f"the event '{e.text}' ({span[0]}), by its tense", "dated"
    )


def _from_dateline(dl: TimeExpr, ctx: _Context, constraints: list[Constraint]):
    single = dl.until is None

    def window(first, last):
        return _dateline_windows(first, last, single)[1]

    if dl.kind == "absolute":
        year, why_year = dl.year, f"dateline '{dl.text}'"
    else:
        choice = choose_year(dl, window, constraints)
        if choice is None:
            return None, None
        year, why_year = choice.year, year_why(dl, choice, "dateline")
    span = dl.dates(year)
    if span is None:
        return None, None
    event = None
    if single:  # the day of issue: the opening paragraphs may state the event's own span around it
        found = opening_event(ctx, span[0], dl.end, f"the dateline date {span[0]}; {why_year}")
        event = (
            _event(found.first, found.last, found.why)
            if found
            else _relative_event(ctx, dl, span[0], why_year)
        )
    return event or _event(*span, why_year), _dateline_published(span, single, constraints)


def _first_sentence_day(ctx: _Context, start: int) -> TimeExpr | None:
    """'Senior officials met today', 'firmaron ayer', 'a déclaré vendredi': a relative day or a
    weekday in the first sentence."""
    return next(iter(relative_days(ctx, start, sentence_at(ctx.bounds, start)[1])), None)


def _anchored(ctx: _Context, e: TimeExpr, day: dt.date):
    """The dates of a relative day or weekday seen from ``day``, a weekday placed by its tense; a
    weekday that falls after ``day`` is left to the preview rule (``event_span.preview_span``)."""
    span = e.anchored(day, lean(ctx, e))
    return None if span and e.unit == "weekday" and span[0] > day else span


def _relative_event(ctx: _Context, dl: TimeExpr, day: dt.date, why_year: str):
    """'Genève, 12 mars 2024 – Hier, ...', '... – Lundi, les ministres ...': the event is that day, seen
    from the dateline's."""
    s1 = sentence_at(ctx.bounds, dl.end)[1]
    for e in relative_days(ctx, dl.end, s1):
        if (e.unit == "weekday" or e.offset) and (span := _anchored(ctx, e, day)):
            why = f"'{e.text}' in the first sentence, from the dateline date {day}; {why_year}"
            return _event(*span, why)
    return None


def _dateline_published(span, single: bool, constraints):
    tight, loose = _dateline_windows(*span, single)
    how = (
        "issued on the dateline date"
        if single
        else "issued from the first day of the dateline span to a month after it"
    )
    lo, hi, kept, dropped = combine([Constraint(*tight, STRENGTH["dateline"], how, "dateline"), *constraints])
    if any(c.strength >= STRENGTH["meta"] for c in dropped):
        how = "issued within a month of the dateline date"
        lo, hi, kept, dropped = combine(
            [Constraint(*loose, STRENGTH["dateline"], how, "dateline"), *constraints]
        )
    return _published(lo, hi, kept, dropped, why_window(kept, dropped))


def _event(first: dt.date, last: dt.date, why: str) -> dict:
    return {"start": first.isoformat(), "end": last.isoformat(), "why": why}


def _published(lo, hi, kept, dropped, why: str) -> dict | None:
    if not (lo and hi) or (hi - lo).days > MAX_PUBLISHED_SPAN:
        return None
    return {"value": iso_prefix(lo, hi), "earliest": lo.isoformat(), "latest": hi.isoformat(), "why": why}


def iso_prefix(lo: dt.date, hi: dt.date) -> str | None:
    """The most precise ISO prefix true of every day in [lo, hi]: '2023-11-28', '2023-11', '2023'."""
    if lo == hi:
        return lo.isoformat()
    if (lo.year, lo.month) == (hi.year, hi.month):
        return f"{lo.year:04d}-{lo.month:02d}"
    return f"{lo.year:04d}" if lo.year == hi.year else None
