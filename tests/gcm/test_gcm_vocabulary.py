"""Practitioners' vocabulary of the objectives that were hardest to reach (3, 7, 11, 12, 15, 16, 18, 19,
23 and the international-cooperation principle), in French, English and Spanish, and the phrases that must
stay neutral."""

from __future__ import annotations

import pytest

from pactwatch.gcm import map_text

CASES = [
    (
        3,
        "fr",
        "Avant le départ, chaque candidat suit une séance d'orientation sur ses droits et ses obligations.",
    ),
    (3, "en", "The new information portal helps people make informed decisions before they migrate."),
    (3, "es", "En las charlas informativas, los jóvenes reciben información verificada antes de migrar."),
    (7, "fr", "Les mineurs non accompagnés arrivés cette nuit ont été confiés à un tuteur."),
    (7, "en", "Survivors of gender-based violence among migrant women can reach safe spaces in the camp."),
    (7, "es", "Las niñas no acompañadas reciben atención psicosocial en el albergue para migrantes."),
    (11, "fr", "Le poste frontière juxtaposé accélérera le passage des voyageurs entre les deux pays."),
    (11, "en", "A one-stop border post now processes travellers from both countries in a single building."),
    (11, "es", "Los patrullajes conjuntos y los controles migratorios se harán en los pasos fronterizos."),
    (
        12,
        "fr",
        "Des procédures opérationnelles standard encadrent l'identification précoce des migrants.",
    ),
    (
        12,
        "en",
        "Standard operating procedures guide the early identification of migrants who need protection.",
    ),
    (
        12,
        "es",
        "El protocolo de identificación define cómo canalizar a cada persona migrante al servicio adecuado.",
    ),
    (
        15,
        "fr",
        "Quel que soit leur statut, les migrants ont droit aux soins de santé primaires.",
    ),
    (15, "en", "Primary health care is open to every migrant, regardless of their migration status."),
    (
        15,
        "es",
        "La atención primaria de salud se brinda a migrantes sin importar su condición migratoria.",
    ),
    (
        16,
        "fr",
        "Le programme d'intégration associe cours de français et activités avec la population d'accueil.",
    ),
    (16, "en", "Community centres run integration courses where refugees and the host society meet."),
    (
        16,
        "es",
        "El programa de integración promueve la convivencia entre migrantes y la sociedad de acogida.",
    ),
    (
        18,
        "fr",
        "Le partenariat pour les compétences forme des techniciens aux diplômes reconnus.",
    ),
    (18, "en", "Technical and vocational education and training is at the heart of the skills partnership."),
    (18, "es", "La alianza de competencias certifica las competencias laborales de las personas migrantes."),
    (19, "fr", "Le forum sur l'engagement de la diaspora a réuni des investisseurs établis à l'étranger."),
    (19, "en", "Diaspora bonds let nationals abroad invest back home in roads and schools."),
    (19, "es", "Los connacionales en el exterior financian proyectos en sus comunidades de origen."),
    (23, "fr", "Les deux pays ont lancé des programmes conjoints de coopération Sud-Sud sur la migration."),
    (
        23,
        "en",
        "The joint programme builds capacity through South-South cooperation between the two countries.",
    ),
    (23, "es", "Los programas conjuntos fortalecen la cooperación Sur-Sur en materia migratoria."),
]


@pytest.mark.parametrize(("objective", "lang", "text"), CASES)
def test_practitioner_wording_reaches_its_objective(objective, lang, text):
    assert objective in [link.id for link in map_text(text, lang).objectives]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "Aucun pays ne peut gérer seul les migrations, a rappelé la ministre."),
        ("en", "No country can manage migration on its own; it is a shared challenge for all."),
        ("es", "Ningún país puede gestionar la migración por sí solo, recordó el canciller."),
    ],
)
def test_no_country_alone_is_international_cooperation(lang, text):
    mapping = map_text(text, lang)
    assert "international-cooperation" in [link.id for link in mapping.principles]
    assert 23 in [link.id for link in mapping.objectives]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The police dismantled a transnational criminal network selling stolen cars."),
        ("fr", "La criminalité transnationale organisée inquiète les banques centrales."),
        ("es", "La delincuencia organizada transnacional financia el contrabando de armas."),
    ],
)
def test_organised_crime_is_not_a_transnational_community(lang, text):
    assert 19 not in [link.id for link in map_text(text, lang).objectives]


def test_ministry_names_are_not_basic_services():
    assert map_text("The Ministry of Health announced a new budget.", "en").objectives == []
    assert map_text("El Ministerio de Salud presentó su informe anual.", "es").objectives == []
    assert map_text("Le ministère de la Santé a publié son rapport annuel.", "fr").objectives == []


def test_referred_to_as_is_not_a_referral():
    text = "Migrants, sometimes referred to as newcomers, settled in the capital."
    assert 12 not in [link.id for link in map_text(text, "en").objectives]
