"""The PDF reader: paragraphs rebuilt from the layout, cut words, page furniture, the title.

Every PDF is made here with fpdf2 and DejaVu Sans (as scripts/make_sample_pdfs.py does), in
French, English and Spanish; all quoted people are fictional.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fpdf import FPDF

from pactwatch.errors import NoTextLayer, ReadFailed
from pactwatch.ingest.pdf import choose_title, is_junk_title, read_pdf
from pactwatch.ingest.pdf_layout import Block, Vocabulary, join_lines, keep_hyphen, reflow
from pactwatch.text.boilerplate import boilerplate_stage

FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/local/share/fonts")
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
BODY, LEADING, GAP = 10.5, 5.6, 2.5  # the sample corpus' body size, line height and paragraph gap (mm)


def _font_dir() -> Path:
    for folder in filter(None, (os.environ.get("PACTWATCH_FONT_DIR", ""), *FONT_DIRS)):
        if all((Path(folder) / name).is_file() for name in FONT_FILES.values()):
            return Path(folder)
    pytest.skip("DejaVu Sans not installed (fonts-dejavu-core), or set PACTWATCH_FONT_DIR")


def new_pdf(title: str | None = None) -> FPDF:
    """An A4 page with the sample corpus' margins and DejaVu Sans at the body size."""
    pdf = FPDF(format="A4")
    for style, name in FONT_FILES.items():
        pdf.add_font("DejaVu", style, str(_font_dir() / name))
    if title is not None:
        pdf.set_title(title)
    pdf.set_margins(22, 20, 22)
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("DejaVu", "", BODY)
    return pdf


def lines(
    pdf: FPDF, rows: list[str], size: float = BODY, style: str = "", short: tuple[int, ...] = ()
) -> None:
    """One paragraph drawn line by line, as a ragged-right word processor sets it; every line but
    the last (and those listed in ``short``) is checked to fill most of the width, so the test
    says what layout it builds."""
    pdf.set_font("DejaVu", style, size)
    leading = size * LEADING / BODY
    for i, row in enumerate(rows):
        if i < len(rows) - 1 and i not in short:
            assert pdf.get_string_width(row) > 0.85 * pdf.epw, f"test line too short: {row!r}"
        pdf.cell(0, leading, row, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(GAP)


def read(pdf: FPDF, name: str = "note.pdf"):
    return read_pdf(name, bytes(pdf.output()))


HEADLINE_EN = ["Ministers of the Andean region open a consultation on", "Labour Mobility and Skills"]
DATELINE_EN = [
    "NAIROBI, 3 March 2025 – Delegations from eleven countries met on Monday to compare how",
    "they recognize the diplomas of workers who move across borders, a question raised at",
    "every regional review since the first round.",
]


def press_note(title: str | None) -> FPDF:
    """A letterhead, a headline in a larger bold font wrapped before a capital, a dateline paragraph."""
    pdf = new_pdf(title)
    lines(pdf, ["Fictional newsroom — test note"], size=8)
    lines(pdf, HEADLINE_EN, size=15, style="B")
    lines(pdf, DATELINE_EN)
    return pdf


# ---------------------------------------------------------------- paragraphs


def test_headline_wrapped_before_a_capital_is_one_line_and_the_title():
    headline = " ".join(HEADLINE_EN)
    doc = read(press_note(headline))
    assert doc.text.splitlines() == ["Fictional newsroom — test note", headline, " ".join(DATELINE_EN)]
    assert doc.meta["title"] == headline == doc.meta["pdf_title"]
    boilerplate_stage(doc)
    assert doc.title == headline
    assert doc.body.startswith("NAIROBI, 3 March 2025 – Delegations")


def test_name_wrapped_before_its_capitalised_second_part_stays_in_its_sentence():
    pdf = new_pdf()
    rows = [
        "La réunion a été ouverte par la coordinatrice fictive d'un réseau de juristes, Solène",
        "Marchetti-Oyelaran, qui a rappelé que la Commission économique des Nations Unies et des",
        "Nations Unies pour l'Europe prépare un guide des permanences.",
    ]
    lines(pdf, rows)
    doc = read(pdf, "reunion.pdf")
    assert doc.text == " ".join(rows)
    assert "Solène Marchetti-Oyelaran, qui" in doc.text and "des Nations Unies pour" in doc.text


def test_quote_ending_with_comma_keeps_its_attribution():
    pdf = new_pdf()
    rows = [
        '"Nuestra línea de ayuda responde ya en tres idiomas y queremos llegar a cinco antes de',
        'fin de año, porque las consultas llegan a cualquier hora y desde cualquier lugar,"',
        "explicó Mirela Castañeda-Roux, voluntaria de una asociación ficticia de Valparaíso.",
    ]
    lines(pdf, rows)
    doc = read(pdf, "linea.pdf")
    assert doc.text == " ".join(rows)
    assert 'cualquier lugar," explicó Mirela Castañeda-Roux' in doc.text


def test_short_quote_line_with_comma_joins_a_capitalised_attribution():
    pdf = new_pdf()
    rows = [
        '"The desk will open on the first working day of the month and stay open all week long',
        'until every request is answered,"',
        "Tomasz Ekwueme-Lind, a fictional caseworker, told the meeting.",
    ]
    lines(pdf, rows, short=(1,))
    assert read(pdf).text == " ".join(rows)


def test_paragraph_gaps_short_last_lines_and_full_lines():
    pdf = new_pdf()
    first = [  # a full line before a capital is a wrap; the gap ends the paragraph
        "The working group met twice in the spring and agreed on a shared form for the records of",
        "Andean Community consulates, so that the figures of one office can be read by the others.",
    ]
    second = [
        "A second meeting is planned for the autumn, when the form will be tried in four cities",
        "and the results sent to the network.",
    ]
    third = ["Each consulate will name a focal point before the end of June."]
    lines(pdf, first)
    lines(pdf, second)
    pdf.set_y(pdf.get_y() - GAP)  # no gap: the short last line alone ends the paragraph
    lines(pdf, third)
    assert read(pdf).text.splitlines() == [" ".join(first), " ".join(second), " ".join(third)]


def test_paragraph_gap_alone_separates_two_paragraphs():
    pdf = new_pdf()
    first = [
        "Les délégations ont examiné les progrès réalisés depuis la première série d'examens et",
        "ont adopté un relevé de conclusions qui sera transmis au Forum, au plus tard en juin",
    ]
    second = ["Le prochain rendez-vous aura lieu à Dakar, à une date qui reste à fixer par le bureau."]
    lines(pdf, first)  # the gap after a full line, with no final stop, is the only clue
    lines(pdf, second)
    assert read(pdf).text.splitlines() == [" ".join(first), " ".join(second)]


def test_change_of_font_size_alone_starts_a_paragraph():
    pdf = new_pdf()
    heading = ["Consultas regionales sobre movilidad laboral y reconocimiento de títulos"]
    body = [
        "Las delegaciones presentaron sus avances en la recepción de solicitudes, la verificación",
        "de diplomas extranjeros y la cooperación entre consulados de la región, y pidieron a la",
        "Comunidad Andina un calendario común para el próximo año, que enviará en pocas semanas.",
        "Las conclusiones se publicarán en marzo.",
    ]
    lines(pdf, heading, size=13, style="B")
    pdf.set_y(pdf.get_y() - GAP)  # no gap, a full line: only the font size tells the heading apart
    lines(pdf, body)
    assert read(pdf).text.splitlines() == [heading[0], " ".join(body)]


def test_words_cut_across_lines_are_rejoined_and_compounds_keep_their_hyphen():
    pdf = new_pdf()
    rows = [
        "Selon Amadou Kessler-Ndiaye, juriste fictif, les politiques nationales de la migra-",
        "tion doivent mieux protéger les travailleurs saisonniers, déclare-t-il, et Kessler-",
        "Ndiaye ajoute que ces mesures restent à financer.",
    ]
    lines(pdf, rows)
    text = read(pdf).text
    assert "politiques nationales de la migration doivent" in text
    assert "déclare-t-il, et Kessler-Ndiaye ajoute" in text


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("las políticas de migra-", "ción laboral", "las políticas de migración laboral"),
        ("the network was co-", "chaired by two States", "the network was co-chaired by two States"),
        ("Rosa Ilunga-", "Brennan said", "Rosa Ilunga-Brennan said"),
        ("le rapport, précise-t-", "elle, reste", "le rapport, précise-t-elle, reste"),
        ("an evidence-", "based policy", "an evidence-based policy"),
        ("en la región de la CEPAL-", "ONU", "en la región de la CEPAL-ONU"),
        ("during the COVID-", "19 pandemic", "during the COVID-19 pandemic"),
        ("de 2019-", "2020", "de 2019-2020"),
        ("an e-", "mail address", "an e-mail address"),
        ("la coordina\u00ad", "trice", "la coordinatrice"),
        ("GENEVA, 14 November –", "Halfway", "GENEVA, 14 November – Halfway"),
    ],
)
def test_join_lines_hyphen_rules(left, right, joined):
    vocabulary = Vocabulary(compounds=frozenset({"co-chaired"}))
    assert join_lines(left, right, vocabulary) == joined


def test_the_documents_own_spelling_decides_a_cut_word():
    vocabulary = Vocabulary(words=frozenset({"optional"}), compounds=frozenset({"follow-up"}))
    assert not keep_hyphen("OP", "TIONAL", vocabulary)  # capitals, but the whole word is written elsewhere
    assert keep_hyphen("follow", "up", vocabulary)
    assert not keep_hyphen("inter", "national", Vocabulary())  # a cut word by default


def test_reflow_without_layout_joins_open_sentences_only():
    page = 'A Title Line\n"We will be there,"\nsaid a fictional delegate.\nNext one.\nmigra-\ntion talks.'
    expected = 'A Title Line\n"We will be there," said a fictional delegate.\nNext one.\nmigration talks.'
    assert reflow(page) == expected


# ---------------------------------------------------------------- pages


def test_page_numbers_and_running_headers_go_and_a_sentence_goes_on_over_the_page():
    pdf = new_pdf()
    header = "Network bulletin (fictional) — March 2025"
    end_of_page = [
        "The first pilot of the shared form ran in three consulates and the staff noted that the",
        "questions on previous employment were the hardest to answer for seasonal workers who had",
    ]
    start_of_page = [
        "changed employer during the season, so the form will be shortened before the next round.",
        "The next issue will report on the second pilot.",
    ]
    for number, rows in ((1, end_of_page), (2, start_of_page)):
        if number == 2:
            pdf.add_page()
        lines(pdf, [header], size=8)
        lines(pdf, rows)
        pdf.set_xy(22, 280)
        lines(pdf, [f"Page {number} of 2"], size=8)
    text = read(pdf).text
    assert "Page 1 of 2" not in text and "Page 2 of 2" not in text
    assert text.count(header) == 1  # the top of the first page is kept
    assert "seasonal workers who had changed employer" in text


def test_two_columns_and_rotated_text_do_not_crash():
    pdf = new_pdf()
    pdf.set_font("DejaVu", "", 9)
    for x, words in ((22, "left column about return"), (110, "right column about remittances")):
        pdf.set_xy(x, 40)
        pdf.multi_cell(80, 5, f"This {words} is set in a narrow box. " * 4)
    with pdf.rotation(90, 15, 150):
        pdf.text(15, 150, "Margin note set sideways")
    text = read(pdf).text
    assert "return" in text and "remittances" in text and "Margin note set sideways" in text


# ---------------------------------------------------------------- title


def test_junk_metadata_title_gives_way_to_the_headline_in_a_larger_font():
    doc = read(press_note("Microsoft Word - nota_prensa_v3.docx"))
    assert doc.meta["title"] == " ".join(HEADLINE_EN)
    assert doc.meta["pdf_title"] == "Microsoft Word - nota_prensa_v3.docx"


def test_junk_metadata_title_and_no_larger_font_give_no_title():
    pdf = new_pdf("untitled")
    lines(pdf, DATELINE_EN)
    assert "title" not in read(pdf).meta


def test_metadata_title_not_in_the_text_is_kept_as_a_hint():
    pdf = new_pdf("Regional consultation on labour mobility")
    lines(pdf, DATELINE_EN)
    assert read(pdf).meta["title"] == "Regional consultation on labour mobility"


@pytest.mark.parametrize(
    "title",
    [
        "Microsoft Word - doc1.docx",
        "untitled",
        "Sans titre",
        "Sin título",
        "Document1",
        "informe_final_v2",
        "communique-2024.pdf",
        "C:\\Users\\press\\note.docx",
        "note-de-presse",
    ],
)
def test_placeholder_titles_are_junk(title):
    assert is_junk_title(title, "/tmp/note-de-presse.pdf")


@pytest.mark.parametrize(
    "title",
    [
        "Le Portugal adopte un plan national pour les migrations",
        "Second round of regional reviews: where things stand",
        "La Asamblea General aprueba la Declaración sobre los Progresos",
        "Document of the regional review",
    ],
)
def test_real_titles_are_not_junk(title):
    assert not is_junk_title(title, "/tmp/note.pdf")


def test_largest_first_page_block_of_three_words_or_more_is_the_title():
    blocks = [
        Block("UNITED NATIONS", 20.0, 0),
        Block("Consultation on labour mobility opens in Lima", 16.0, 0),
        Block("A subtitle in a middle size of several words", 13.0, 0),
        Block("Body text " * 30, 10.0, 0),
    ]
    assert choose_title(blocks, None) == "Consultation on labour mobility opens in Lima"
    assert choose_title(blocks, "a subtitle in a middle size of several words") == blocks[2].text


# ---------------------------------------------------------------- failures


def test_pdf_with_no_text_is_a_scan():
    pdf = new_pdf()
    pdf.rect(20, 20, 120, 60, style="F")
    with pytest.raises(NoTextLayer) as err:
        read(pdf, "scan.pdf")
    assert err.value.code == "E005"


def test_truncated_pdf_fails_with_a_clear_error():
    data = bytes(press_note("A note").output())
    with pytest.raises(ReadFailed) as err:
        read_pdf("cut.pdf", data[: len(data) // 2])
    assert err.value.code == "E006" and "truncated" in str(err.value)
