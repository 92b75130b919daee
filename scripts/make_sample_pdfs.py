"""Write the PDF samples of pactwatch/samples/ from their source texts in scripts/sample_pdf_sources/.

Each source file starts with ``key: value`` lines (output, date, lang, letterhead, title),
then a blank line, then the document: the first block is the headline, the others are
paragraphs, blocks separated by blank lines. The PDFs are committed; run this script
again after editing a source:

    python scripts/make_sample_pdfs.py [--check]

It needs fpdf2 (a test extra) and a Unicode TrueType font: DejaVu Sans, looked up in the
usual system folders (Debian: fonts-dejavu-core), or the folder given by PACTWATCH_FONT_DIR.
The creation date is the document's own date and no random ids are written, so a rerun
gives byte-identical files; ``--check`` fails when a committed PDF is out of date.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "scripts" / "sample_pdf_sources"
TARGET = ROOT / "pactwatch" / "samples"
FONT_DIRS = (
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu",
    "/usr/local/share/fonts",
    "/Library/Fonts",
)
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
PRODUCER = "pactwatch scripts/make_sample_pdfs.py (fpdf2)"


@dataclass(frozen=True)
class Source:
    """One PDF to write: its header fields, headline and paragraphs."""

    output: str
    date: dt.date
    lang: str
    letterhead: str
    title: str
    headline: str
    paragraphs: tuple[str, ...]


def parse_source(path: Path) -> Source:
    """The header fields and blocks of one source file (format in the module docstring)."""
    head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    fields = dict(line.split(": ", 1) for line in head.splitlines())
    blocks = [" ".join(b.split()) for b in body.split("\n\n") if b.strip()]
    return Source(
        output=fields["output"],
        date=dt.date.fromisoformat(fields["date"]),
        lang=fields["lang"],
        letterhead=fields["letterhead"],
        title=fields["title"],
        headline=blocks[0],
        paragraphs=tuple(blocks[1:]),
    )


def font_dir() -> Path:
    """The folder holding the DejaVu Sans fonts; exits with a message when there is none."""
    candidates = [os.environ.get("PACTWATCH_FONT_DIR", ""), *FONT_DIRS]
    for folder in filter(None, candidates):
        if all((Path(folder) / name).is_file() for name in FONT_FILES.values()):
            return Path(folder)
    sys.exit("make_sample_pdfs: DejaVu Sans not found; install fonts-dejavu-core or set PACTWATCH_FONT_DIR")


def render(source: Source, fonts: Path) -> bytes:
    """The PDF bytes of one source: letterhead, headline, paragraphs, on A4 pages."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    for style, name in FONT_FILES.items():
        pdf.add_font("DejaVu", style, str(fonts / name))
    created = dt.datetime.combine(source.date, dt.time(9, 0), tzinfo=dt.UTC)
    pdf.set_creation_date(created)
    pdf.set_title(source.title)
    pdf.set_author("pactwatch sample corpus")
    pdf.set_subject("Sample document written for pactwatch; not an official release.")
    pdf.set_keywords("pactwatch-sample")
    pdf.set_lang(source.lang)
    pdf.set_creator(PRODUCER)
    pdf.set_producer(PRODUCER)
    pdf.set_margins(22, 20, 22)
    pdf.add_page()
    pdf.set_font("DejaVu", "", 8)
    pdf.set_text_color(110, 110, 110)
    pdf.multi_cell(0, 5, source.letterhead, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("DejaVu", "B", 15)
    pdf.multi_cell(0, 7.5, source.headline, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    *body, marker = source.paragraphs
    pdf.set_font("DejaVu", "", 10.5)
    for paragraph in body:
        pdf.multi_cell(0, 5.6, paragraph, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2.5)
    pdf.ln(4)
    pdf.set_font("DejaVu", "I", 9)
    pdf.multi_cell(0, 5, marker, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def main(argv: list[str] | None = None) -> int:
    """Write (or, with --check, compare) every PDF sample; the exit code counts stale files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed PDFs, write nothing")
    args = parser.parse_args(argv)
    fonts, stale = font_dir(), 0
    for path in sorted(SOURCES.glob("*.txt")):
        source = parse_source(path)
        data, target = render(source, fonts), TARGET / source.output
        if args.check:
            if not target.is_file() or target.read_bytes() != data:
                print(f"stale: {target.relative_to(ROOT)}", file=sys.stderr)
                stale += 1
            continue
        target.write_bytes(data)
        print(f"wrote {target.relative_to(ROOT)} ({len(data):,} bytes)", file=sys.stderr)
    return min(stale, 100)


if __name__ == "__main__":
    sys.exit(main())
