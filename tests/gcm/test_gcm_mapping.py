"""Mapping texts to GCM objectives and principles: explicit references, context rules, evidence, shape."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pactwatch.gcm import format_mapping, map_text, objective_stage


def ids(text: str, lang: str | None) -> list:
    return [link.id for link in map_text(text, lang).objectives]


def test_explicit_references_in_three_languages():
    assert ids("Ce programme répond à l'objectif 23 du Pacte mondial.", "fr") == [23]
    assert ids("The project supports Objective 1 of the Global Compact.", "en") == [1]
    assert ids("La iniciativa contribuye al objetivo 5 del Pacto Mundial.", "es") == [5]


def test_listed_references_and_general_ranges():
    assert sorted(ids("Le projet contribue aux objectifs 2, 5 et 23 du Pacte mondial.", "fr")) == [2, 5, 23]
    assert sorted(ids("It serves objectives 9 and 10 of the Global Compact.", "en")) == [9, 10]
    assert ids("Le rapport couvre les objectifs 1 à 23 du Pacte mondial.", "fr") == []  # the whole Compact


def test_sdg_targets_point_to_their_objective():
    assert ids("El país reducirá el costo de envío en línea con la meta 10.c de los ODS.", "es")[0] == 20
    assert 23 in ids("Conformément à la cible 10.7 des ODD, le pays renforce sa politique.", "fr")
    assert ids("L'objectif de développement durable 10 vise à réduire les inégalités.", "fr") == []
    assert ids("Le chiffre d'affaires a atteint 10.7 millions.", "fr") == []  # a number, not a target


def test_text_about_the_compact_in_general_gets_no_specific_objective():
    texts = [
        (
            "en",
            "The Global Compact for Safe, Orderly and Regular Migration was adopted in Marrakech in 2018 "
            "and its implementation is reviewed at the International Migration Review Forum.",
        ),
        (
            "fr",
            "Le Pacte mondial pour des migrations sûres, ordonnées et régulières repose sur 23 objectifs.",
        ),
        ("es", "El Foro de Examen de la Migración Internacional examinará la aplicación del Pacto Mundial."),
    ]
    for lang, text in texts:
        assert ids(text, lang) == [], text


def test_the_eu_pact_is_not_the_global_compact():
    assert ids("Le Pacte sur la migration et l'asile de l'UE entre en vigueur.", "fr") == []


def test_network_and_cooperation_news_belongs_to_objective_23():
    text = (
        "The UN Network on Migration launched a new country network, and the two governments signed "
        "a memorandum of understanding to strengthen cooperation on migration."
    )
    assert ids(text, "en")[0] == 23


def test_ambiguous_words_need_a_migration_context():
    assert ids("Le trafic a repris sur l'autoroute après l'accident.", "fr") == []
    assert ids("Le trafic de migrants a augmenté sur cette route.", "fr") == [9]
    assert ids("Après son retour de vacances, le ministre a présidé le conseil.", "fr") == []
    assert ids("Le retour des migrants dans leur pays d'origine s'est fait dans la dignité.", "fr") == [21]
    assert ids("Se trata de un nuevo parque para el barrio.", "es") == []
    assert ids("Drug traffickers moved cocaine along the coast.", "en") == []


def test_record_shape_scores_and_evidence():
    text = (
        "Les passeurs ont abandonné les migrants dans le désert.\n"
        "Le plan national prévoit aussi des cours de langue et des activités pour la cohésion sociale."
    )
    mapping = map_text(text, "fr")
    records = mapping.objective_records()
    assert {r["id"] for r in records} == {9, 16}
    assert records == sorted(records, key=lambda r: -r["score"])  # best first
    for record in records:
        assert isinstance(record["id"], int) and 0 <= record["score"] <= 1
        for ev in record["evidence"]:
            assert text[ev["start"] : ev["end"]] == ev["text"]
    smuggling = next(r for r in records if r["id"] == 9)
    assert smuggling["evidence"][0]["text"] == "Les passeurs ont abandonné les migrants dans le désert."
    paragraphs = mapping.paragraphs()
    assert [[o for o, _ in p.objectives] for p in paragraphs] == [[9], [16]]


def test_evidence_is_the_sentence_not_cut_at_abbreviations():
    text = "M. Dupont a parlé. Les passeurs ont été arrêtés par la police. Le reste est sans rapport."
    evidence = map_text(text, "fr").objectives[0].evidence
    assert [e.text for e in evidence] == ["Les passeurs ont été arrêtés par la police."]


def test_principles_use_contract_ids():
    text = "Les droits humains des migrants et l'intérêt supérieur de l'enfant doivent guider l'action."
    found = {p["id"] for p in map_text(text, "fr").principle_records()}
    assert found == {"human-rights", "child-sensitive"}


def test_stage_writes_objectives_and_principles(make_doc):
    doc = make_doc("Remittances sent home by migrant workers keep rising.", lang="en")
    objective_stage(doc)
    assert doc.objectives[0]["id"] == 20 and isinstance(doc.principles, list)


def test_empty_and_unknown_language():
    assert map_text("", "fr").objectives == []
    assert ids("The smugglers were arrested.", None) == [9]  # unknown language: every language's terms


def test_format_highlights_terms_and_labels_in_the_text_language():
    text = "Les envois de fonds ont augmenté."
    plain = format_mapping(text, map_text(text, "fr"), color=False)
    assert "Envois de fonds" in plain and "[envois de fonds]" in plain
    coloured = format_mapping(text, map_text(text, "fr"))
    assert "\x1b[1m" in coloured
    assert format_mapping("Rien.", map_text("Rien.", "fr")) == "No GCM objective or guiding principle found."


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet=st.characters(codec="utf-8"), max_size=300), st.sampled_from(["fr", "en", "es", None])
)
def test_never_fails_and_spans_stay_in_the_text(text, lang):
    mapping = map_text(text, lang)
    for link in mapping.objectives + mapping.principles:
        assert 0 <= link.score <= 1
        assert all(
            0 <= e.start <= e.end <= len(text) and text[e.start : e.end] == e.text for e in link.evidence
        )
