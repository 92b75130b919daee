"""The contacts stage: the press contacts that close a release (name, e-mail, phone, organisation).

``find_contact_blocks`` reads the text alone: a cue ("Pour plus d'informations, veuillez
contacter", "Media contacts", "Para más información, contactar a") opens a contact
section; any other line holding an e-mail address is read too. Names, e-mails and
phones (found by ``contact_parts``) are walked in text order, one block per person.
``contact_stage`` adds what other stages know: person, organisation and country
entities, the dateline country (the region of national phone numbers) and the e-mail
domain table. Word lists live in ``data/contact_cues.json`` and ``data/email_domains.json``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..document import Document
from .contact_parts import (
    _ACCENTS,
    PHONE_HINT,
    Item,
    alpha2,
    cues,
    data_table,
    display_name,
    email_matches_name,
    find_emails,
    find_names,
    find_phones,
    key,
    label_region,
    line_label,
    parse_phone,
    place_country,
    to_e164,
)

__all__ = [
    "ContactBlock",
    "contact_stage",
    "find_contact_blocks",
    "org_for_email",
    "place_country",
    "to_e164",
]

ADJACENT = re.compile(r"[\s,;:()<>\[\]\-–—]{0,4}\Z")
AFTER_CUE = re.compile(r"[\s:,\-–—]*(?:\w{1,4}\.?\s+)?")  # only an honorific between a cue and a name
SECTION_LINE_MAX = 220  # a longer line without e-mail or phone is prose: the contact section ends
SECTION_LINES_MAX = 14
FALLBACK_COUNTRIES = 3  # the release's most named countries tried for an unplaced national number


@dataclass
class ContactBlock:
    """One contact as written: name and its span, e-mail, phone (E.164), organisation text, span."""

    name: str | None
    name_start: int | None
    name_end: int | None
    email: str | None
    phone: str | None
    org_text: str | None
    start: int
    end: int
    phone_text: str | None = None  # the first phone as written (kept when no region made it E.164)
    phones: list[str] = field(default_factory=list)  # every parsed phone of the block, E.164
    numbers: list[tuple[str, str | None]] = field(default_factory=list)  # every phone: as written, E.164
    place: str | None = None  # the place label of its line ('Bruxelles :', 'In Geneva:')
    context_start: int = 0  # the stretch of text that belongs to this contact only
    context_end: int = 0


# --- regions: contact sections after a cue, and lines that hold an e-mail address ----------------


def _line_span(body: str, pos: int) -> tuple[int, int]:
    start = body.rfind("\n", 0, pos) + 1
    end = body.find("\n", pos)
    return start, (len(body) if end < 0 else end)


def _lines(body: str, start: int, end: int) -> list[tuple[int, int]]:
    """The lines of a region, clipped to it."""
    out, pos = [], start
    while pos < end:
        ls, le = _line_span(body, pos)
        out.append((max(ls, start), min(le, end)))
        pos = le + 1
    return out


def _section_end(body: str, start: int) -> int:
    """Lines after a cue while they look like contact lines (short, or holding an address)."""
    _, end = _line_span(body, start)
    lines = 0
    while end < len(body) and lines < SECTION_LINES_MAX:
        nxt_start, nxt_end = _line_span(body, end + 1)
        line = body[nxt_start:nxt_end]
        if len(line) > SECTION_LINE_MAX and "@" not in line and not PHONE_HINT.search(line):
            break
        end, lines = nxt_end, lines + (1 if line.strip() else 0)
    return end


def _sections(body: str) -> list[tuple[int, int]]:
    """Contact sections: from the end of each cue to the end of its contact lines, merged."""
    low = body.lower()
    if len(low) != len(body):  # a character whose lower case is longer: keep offsets aligned
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in body)
    spans: list[tuple[int, int]] = []
    for m in cues().cue_re.finditer(low):
        if m.start() and body[m.start() - 1].isalnum():
            continue
        start, end = m.end(), _section_end(body, m.end())
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


# --- grouping into blocks ----------------------------------------------------------------------


@cache
def _given_names() -> frozenset[str]:
    """Given names of gender-guesser's multinational list, folded: loaded only to break ties."""
    import gender_guesser.detector as gd

    return frozenset(key(n) for n in gd.Detector(case_sensitive=False).names)


def _owner(groups: list[list[Item]], email: Item) -> list[Item] | None:
    """An earlier named group, still without an address, whose name the address spells.

    'Anna KOWALSKA-REYES (+32...) / Joost DE WIT (+32...) / E-mail: anna.kowalska-reyes@...':
    the address goes to Anna, not to the last name read.
    """
    current = groups[-1]
    if current[0].kind != "name" or email_matches_name(email.value, current[0].value):
        return None
    return next(
        (
            g
            for g in reversed(groups[:-1])
            if g[0].kind == "name"
            and not any(i.kind == "email" for i in g)
            and email_matches_name(email.value, g[0].value)
        ),
        None,
    )


def _group(items: list[Item]) -> list[list[Item]]:
    """One group per person: a name opens a group; a second e-mail opens a nameless one.

    A name that follows a name still waiting for its e-mail or phone is an office or a
    title line ('Jane Doe / Regional Office Central America / +506...'): it is dropped,
    unless it alone starts with a known given name, in which case it replaces the first.
    """
    groups: list[list[Item]] = []
    for item in sorted(items, key=lambda i: i.start):
        current = groups[-1] if groups else None
        owner = _owner(groups, item) if current and item.kind == "email" else None
        if owner is not None:
            owner.append(item)
        elif current and item.kind == "name" and len(current) == 1 and current[0].kind == "name":
            given = [key((n.value or "?").split()[0]) in _given_names() for n in (item, current[0])]
            if given == [True, False]:
                current[0] = item
        elif (
            current
            and item.kind != "name"
            and not (item.kind == "email" and any(i.kind == "email" for i in current))
        ):
            current.append(item)
        else:
            groups.append([item])
    return groups


def _org_text(body: str, name_end: int, anchor_start: int) -> str | None:
    """'au secrétariat du Réseau ... : ' after a name -> 'secrétariat du Réseau ...'."""
    segment = re.split(r"[:;,(\n]", body[name_end:anchor_start], maxsplit=1)[0]
    folded = segment.translate(_ACCENTS)  # same length: offsets carry over
    m = cues().connector_re.match(folded)
    if not m:
        return None
    filler = cues().filler_re.search(folded, m.end())
    return segment[m.end() : filler.start() if filler else len(segment)].strip(" \u00a0-–—") or None


def _block(body: str, group: list[Item]) -> ContactBlock:
    group = sorted(group, key=lambda i: (i.kind != "name", i.start))
    name = group[0] if group[0].kind == "name" else None
    emails = [i for i in group if i.kind == "email"]
    phones = [i for i in group if i.kind == "phone"]
    first_anchor = min(i.start for i in group[1:]) if name and len(group) > 1 else None
    parsed = [p.value for p in phones if p.value]
    return ContactBlock(
        name=name.value if name else None,
        name_start=name.start if name else None,
        name_end=name.end if name else None,
        email=emails[0].value if emails else None,
        phone=parsed[0] if parsed else None,
        org_text=_org_text(body, name.end, first_anchor) if name and first_anchor else None,
        start=min(i.start for i in group),
        end=max(i.end for i in group),
        phone_text=phones[0].raw if phones else None,
        phones=parsed,
        numbers=[(p.raw, p.value) for p in phones],
    )


def _keep(body: str, group: list[Item], region_start: int, section: bool) -> bool:
    """A block needs an e-mail or phone, except a name right after a cue ('veuillez contacter X.')."""
    if len(group) > 1 or group[0].kind != "name":
        return True
    return section and AFTER_CUE.fullmatch(body, region_start, group[0].start) is not None


def _region_items(
    body: str, region: tuple[int, int], emails: list[Item], section: bool, default_region: str | None
) -> tuple[list[Item], list[tuple[int, int, str | None]]]:
    """The e-mails and phones of a region, and the place label of each of its lines."""
    start, end = region
    items = [e for e in emails if start <= e.start < end]
    labels = []
    for ls, le in _lines(body, start, end):
        label = line_label(body, ls, le)
        labels.append((ls, le, label))
        anchors = [e.end for e in items if ls <= e.start < le]
        items += find_phones(body, ls, le, section, [label_region(label), default_region], anchors)
    return items, labels


def _region_blocks(
    body: str,
    region: tuple[int, int],
    emails: list[Item],
    section: bool,
    default_region: str | None,
    exclude: list[tuple[int, int]],
) -> list[ContactBlock]:
    """The contact blocks of one section (or of one stray e-mail line, where names must touch it)."""
    start, end = region
    items, labels = _region_items(body, region, emails, section, default_region)
    names = [
        n
        for n in find_names(body, start, end, exclude)
        if not any(i.start < n.end and n.start < i.end for i in items)
        and (section or any(i.start >= n.end and ADJACENT.match(body, n.end, i.start) for i in items))
    ]
    blocks = [_block(body, g) for g in _group(items + names) if _keep(body, g, start, section)]
    blocks.sort(key=lambda b: b.start)
    for i, b in enumerate(blocks):
        next_start = blocks[i + 1].start if i + 1 < len(blocks) else end
        previous_end = min(blocks[i - 1].end, b.start) if i else start  # an address may come later
        b.context_start = max(_line_span(body, b.start)[0], previous_end, start)
        b.context_end = min(_line_span(body, max(b.start, b.end - 1))[1], next_start, end)
        label = next((lab for ls, le, lab in labels if ls <= b.start <= le), None)
        b.place = label if label and label != b.name else None
    return blocks


def find_contact_blocks(
    body: str, lang: str | None, *, default_region: str | None = None, exclude: Iterable[tuple[int, int]] = ()
) -> list[ContactBlock]:
    """Press-contact blocks in ``body``, in text order; pure, so the persons stage can call it.

    ``lang`` is accepted for symmetry with the other finders: the cue table holds the
    three languages at once, since a French release may close with English contacts.
    ``default_region`` (alpha-2) places national phone numbers whose line has no place
    label; ``exclude`` lists spans (places, organisations) that can never be a name.
    """
    sections = _sections(body)
    emails = find_emails(body)
    stray = sorted(
        {_line_span(body, e.start) for e in emails if not any(s <= e.start < t for s, t in sections)}
    )
    blocks = []
    for region in sections:
        blocks += _region_blocks(body, region, emails, True, default_region, list(exclude))
    for region in stray:
        blocks += _region_blocks(body, region, emails, False, default_region, list(exclude))
    return sorted(blocks, key=lambda b: b.start)


# --- the stage ---------------------------------------------------------------------------------


@cache
def _domains() -> dict[str, str]:
    return {k.lower(): v for k, v in data_table("email_domains.json")["domains"].items()}


def org_for_email(email: str | None) -> str | None:
    """The organisation id of an e-mail domain, longest listed suffix first (ec.europa.eu -> EC)."""
    parts = email.rsplit("@", 1)[1].lower().split(".") if email and "@" in email else []
    return next(
        (_domains()[d] for i in range(len(parts) - 1) if (d := ".".join(parts[i:])) in _domains()), None
    )


Mentions = list[tuple[int, int, dict[str, Any]]]


def _mentions(doc: Document, *kinds: str) -> Mentions:
    return [
        (m["start"], m["end"], e)
        for e in doc.entities
        if e.get("type") in kinds
        for m in e.get("mentions", [])
        if "start" in m and "end" in m
    ]


def _inside(mentions: Mentions, b: ContactBlock) -> Mentions:
    return [(s, e, ent) for s, e, ent in mentions if b.context_start <= s and e <= b.context_end]


def _entity_org(orgs: Mentions, b: ContactBlock) -> str | None:
    """An organisation mentioned in the contact's own stretch of text, those after its name first."""
    after = b.name_end if b.name_end is not None else b.start
    inside = sorted(_inside(orgs, b), key=lambda m: (m[0] < after, m[0]))
    return inside[0][2].get("id") if inside else None


def _person_name(persons: Mentions, b: ContactBlock) -> str | None:
    """The person entity's name over the block's name (or in its text when it has none)."""
    if b.name_start is None or b.name_end is None:
        hit = next((e for _, _, e in _inside(persons, b)), None)
        return display_name(hit.get("name")) if hit else None
    hit = next((e for s, end, e in persons if s < b.name_end and b.name_start < end), None)
    return display_name((hit or {}).get("name") or b.name)


def _document_regions(countries: Mentions) -> list[str | None]:
    """The countries a release names, most named first: the last resort for a national number."""
    counts = Counter(e.get("id") for _, _, e in sorted(countries, key=lambda m: m[0]))
    return [alpha2(c) for c, _ in counts.most_common(FALLBACK_COUNTRIES)]


def _block_phones(b: ContactBlock, countries: Mentions, fallback: list[str | None]) -> list[str]:
    """The block's phones in E.164; a number no label or dateline placed tries the countries
    of the contact's own text, then those of the release."""
    out = []
    for raw, value in b.numbers:
        service = False
        if value is None:
            regions = [alpha2(e.get("id")) for _, _, e in _inside(countries, b)] + fallback
            value, service = parse_phone(raw, regions)
        if value and not service and value not in out:
            out.append(value)
    return out


def contact_stage(doc: Document) -> None:
    """Pipeline stage: write ``doc.contacts`` as [{"name", "email", "phone", "org"}].

    A national phone number is placed by the place label before it ('Madrid: 91...'), else
    its line's label, else the dateline country, else a country named in the contact's own
    text, else the countries the release names (whichever makes it a valid number first).
    A second phone of one person becomes a row of its own (same name and organisation, no
    e-mail).
    """
    orgs, countries, persons = (
        _mentions(doc, "organization"),
        _mentions(doc, "country"),
        _mentions(doc, "person"),
    )
    exclude = [(s, e) for s, e, _ in orgs + countries + _mentions(doc, "place")]
    dateline = next(
        filter(None, (alpha2(p.get("country")) for p in (doc.dateline or {}).get("places") or [])), None
    )
    fallback = _document_regions(countries)
    contacts: list[dict[str, Any]] = []
    for b in find_contact_blocks(doc.body, doc.lang, default_region=dateline, exclude=exclude):
        name, org = _person_name(persons, b), _entity_org(orgs, b) or org_for_email(b.email)
        phones = _block_phones(b, countries, fallback)
        rows = [{"name": name, "email": b.email, "phone": phones[0] if phones else None, "org": org}]
        rows += [{"name": name, "email": None, "phone": p, "org": org} for p in phones[1:]]
        contacts += [r for r in rows if r not in contacts]
    doc.contacts = contacts
