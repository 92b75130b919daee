"""Boilerplate removal on text dumps: navigation, doubled headings, glued blurbs, footers."""

from pactwatch.document import Document
from pactwatch.text.boilerplate import boilerplate_stage, is_glued, split_article


def run(text: str, title: str | None = None) -> Document:
    doc = Document(source="t.txt", text=text, meta={"title": title} if title else {})
    boilerplate_stage(doc)
    return doc


EN_DUMP = """Who we are
Who we areThe International Organization for Migration (IOM) is part of the United Nations System and supports migrants worldwide.
About
About
- Where we work
- Take action
Our work
Our work
New country network on migration holds its first meeting
Lusaka – Representatives of ministries, civil society and UN agencies met this week to agree on a joint workplan for the new network.
The network will support the national review of the Global Compact.
Share this
Tags
"""

ES_SHORT_FORM = """Comunicado
Global
La red regional celebra su primera reunión en Ciudad de Panamá
Ciudad de Panamá – Delegaciones de once países se reunieron hoy para revisar los avances en la aplicación del Pacto Mundial.
Para más información, contactar a Lucía Ferrer.
Compartir
"""


def test_english_navigation_is_dropped_and_title_found():
    doc = run(EN_DUMP)
    assert doc.title == "New country network on migration holds its first meeting"
    assert doc.body.startswith("Lusaka – Representatives")
    assert "Who we are" not in doc.body and "Take action" not in doc.body


def test_footer_lines_are_trimmed():
    doc = run(EN_DUMP)
    assert doc.body.endswith("review of the Global Compact.")


def test_spanish_short_form_communique():
    doc = run(ES_SHORT_FORM)
    assert doc.title == "La red regional celebra su primera reunión en Ciudad de Panamá"
    assert doc.body.splitlines()[0].startswith("Ciudad de Panamá – Delegaciones")
    assert "Comunicado" not in doc.body.splitlines()
    assert doc.body.splitlines()[-1] == "Para más información, contactar a Lucía Ferrer."


def test_glued_heading_detected():
    assert is_glued("Qui sommes nousL'Organisation internationale", "Qui sommes nous")
    assert not is_glued("Qui sommes nous aujourd'hui", "Qui sommes nous")


def test_known_title_from_metadata_cuts_everything_before_it():
    text = "Menu\nHome\nA title from the page\nThe first paragraph of the article runs long enough to count as prose here."
    article = split_article(text, "A title from the page")
    assert article.title == "A title from the page"
    assert article.lines == ["The first paragraph of the article runs long enough to count as prose here."]


def test_plain_text_without_chrome_is_kept_whole():
    text = "A short report on the regional review.\nIt has two paragraphs that both matter to the analyst reading it."
    doc = run(text)
    assert "regional review" in doc.body or doc.title == "A short report on the regional review."
    assert "two paragraphs" in doc.body


def test_title_not_repeated_in_body():
    text = "News\nNews\nThe title line\nThe title line\nA paragraph of the article that is long enough to be prose for sure."
    doc = run(text)
    assert doc.title == "The title line"
    assert not doc.body.startswith("The title line")


def test_unglued_about_blurb_and_site_name_line_are_not_the_article():
    text = (
        "Aller au contenu principal\n"
        "OIM – Bureau régional pour l'Afrique de l'Ouest et du Centre et les pays du Sahel central\n"
        "Qui sommes-nous\n"
        "L'Organisation est présente dans la région depuis 1998 et soutient les gouvernements et les migrants.\n"
        "À propos\n"
        "À propos\n"
        "Un nouvel atelier sur les données migratoires à Niamey\n"
        "Niamey – Des statisticiens de six pays ont travaillé trois jours sur les enquêtes de migration.\n"
    )
    doc = run(text)
    assert doc.title == "Un nouvel atelier sur les données migratoires à Niamey"
    assert doc.body.startswith("Niamey – Des statisticiens")
    assert "1998" not in doc.body


def test_published_line_under_the_title_goes_to_metadata():
    text = (
        "Noticias\nNoticias\nLa red nacional presenta su plan\nPublicado el 23 de noviembre de 2023\n"
        "Tegucigalpa - La red nacional presentó hoy su plan de trabajo para los próximos dos años de aplicación.\n"
    )
    doc = run(text)
    assert doc.meta["date_text"] == "23 de noviembre de 2023"
    assert doc.body.startswith("Tegucigalpa - La red")


def test_ordinary_first_line_is_not_a_date_line():
    doc = run("News\nNews\nA title here\nDate palms grow in 12 countries of the region and feed millions of people.\n")
    assert "date_text" not in doc.meta
    assert doc.body.startswith("Date palms")


WIRE = """World
World
- Africa
- Europe
Sign In
Ministers agree on a joint plan for safer labour routes across the Sahel
By Maren Sølvberg
3 minute read
Delegates arrive for the meeting in Niamey, Niger. REUTERS/Ibrahim Tanko
NIAMEY, Feb 6 (Reuters) - Ministers from five Sahel countries agreed on Tuesday to share data on labour migration.
The plan will be reviewed at a second meeting in June, officials said after the closing session.
(Reporting by Maren Sølvberg; Editing by Tom Alvarado)
Our Standards: The Thomson Reuters Trust Principles.
Share
X
Facebook
Related stories
Flooding displaces thousands in northern Nigeria
Chad and Sudan discuss border crossings
"""

ES_NEWS = """Inicio
Noticias
Noticias
Los consulados amplían el horario de atención a personas migrantes
Por Irene Castañeda
Archivo - Una fila de personas ante un consulado en Madrid. - EUROPA PRESS - Archivo
Madrid, 4 de marzo (Europa Press) - Los consulados de cinco países ampliarán su horario de atención esta semana.
La medida responde a la demanda de citas para renovar documentos de identidad y pasaportes.
Síganos en Twitter, Facebook e Instagram
Noticias relacionadas
El Gobierno aprueba un plan de acogida
Compartir en Facebook
"""


def test_wire_byline_caption_read_time_and_related_block_are_dropped():
    doc = run(WIRE)
    assert doc.title == "Ministers agree on a joint plan for safer labour routes across the Sahel"
    lines = doc.body.splitlines()
    assert lines[0].startswith("NIAMEY, Feb 6 (Reuters)")
    assert lines[-1].startswith("The plan will be reviewed")
    assert "Chad and Sudan" not in doc.body and "Reporting by" not in doc.body


def test_spanish_byline_caption_follow_and_related_are_dropped():
    doc = run(ES_NEWS)
    assert doc.title == "Los consulados amplían el horario de atención a personas migrantes"
    assert doc.body.splitlines()[0].startswith("Madrid, 4 de marzo")
    assert doc.body.splitlines()[-1].startswith("La medida responde")


def test_date_only_line_under_the_title_is_not_the_title():
    text = ("Feature\nWomen migrant workers organise in Kuala Lumpur\n12 June 2023\n"
            "Domestic workers from four countries have formed a network that offers legal advice and training.\n")
    doc = run(text)
    assert doc.title == "Women migrant workers organise in Kuala Lumpur"
    assert doc.meta["date_text"] == "12 June 2023"
    assert doc.body.startswith("Domestic workers")


def test_caption_with_a_quote_is_kept_as_text():
    text = ("News\nNews\nA title for the page here\n"
            "“We came back with skills,” said a returnee interviewed in the capital, photo: none was taken of her.\n"
            "A second paragraph with enough words to be counted as running prose for the article.\n")
    doc = run(text)
    assert "We came back with skills" in doc.body


NEWS_PORTAL = """UN News
Global perspective Human stories
Topics
Topics
- Climate
- Migrants and Refugees
Coastal towns plan ahead as sea levels rise around the Bay of Bengal
4 April 2024
Climate and Environment
Facebook
Twitter
Print
Email
Local councils in three districts are mapping which neighbourhoods will need to move first, officials said.
Photo: UNDP/Karim Hossain A woman walks along an embankment in Khulna.
The plans will be discussed with national ministries before the monsoon season.
Tags
Climate
Migrants and Refugees
Related
Another story entirely
"""


def test_news_portal_title_above_date_label_and_share_buttons():
    doc = run(NEWS_PORTAL)
    assert doc.title == "Coastal towns plan ahead as sea levels rise around the Bay of Bengal"
    assert doc.meta["date_text"] == "4 April 2024"
    assert doc.body.splitlines() == [
        "Local councils in three districts are mapping which neighbourhoods will need to move first, officials said.",
        "The plans will be discussed with national ministries before the monsoon season.",
    ]


def test_trailing_tags_that_repeat_the_navigation_are_dropped():
    text = ("Joint programmes\nJoint programmes\nFive new joint programmes approved by the fund this week\n"
            "The steering committee approved five joint programmes designed with national governments and cities.\n"
            "Joint programmes\n")
    assert run(text).body.splitlines()[-1].startswith("The steering committee")
