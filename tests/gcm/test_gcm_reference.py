"""The GCM reference tables: 23 objectives, 10 principles, their titles and sources."""

from __future__ import annotations

import re

from pactwatch.gcm.reference import calibration, load_data, objectives, principles, sdg_targets

CONTRACT_PRINCIPLES = {
    "people-centred", "international-cooperation", "national-sovereignty", "rule-of-law",
    "sustainable-development", "human-rights", "gender-responsive", "child-sensitive",
    "whole-of-government", "whole-of-society",
}  # fmt: skip


def test_the_23_objectives_have_titles_and_labels_in_en_fr_es():
    table = objectives()
    assert sorted(table) == list(range(1, 24))
    for objective in table.values():
        for lang in ("en", "fr", "es"):
            assert objective.title[lang] and objective.label[lang], (objective.id, lang)
        for lang in ("ar", "ru", "zh"):
            assert lang in objective.title  # present, null when not verified: never guessed
        assert objective.commitments and objective.actions


def test_known_official_titles():
    assert objectives()[9].title_in("en") == "Strengthen the transnational response to smuggling of migrants"
    assert objectives()[23].title_in("fr").startswith("Renforcer la coopération internationale")
    assert objectives()[4].title_in("es").startswith("Velar por que todos los migrantes")
    assert objectives()[20].label_in("fr") == "Envois de fonds"
    assert objectives()[20].label_in("de") == "Remittances"  # unknown language: English


def test_principles_use_the_contract_ids_and_have_three_names():
    table = principles()
    assert set(table) == CONTRACT_PRINCIPLES
    for principle in table.values():
        assert all(principle.name[lang] for lang in ("en", "fr", "es"))


def test_tables_name_their_sources():
    for name in ("objectives.json", "principles.json", "calibration.json"):
        assert "A/RES/73/195" in load_data(name)["_source"] or "tuning" in load_data(name)["_source"]


def test_sdg_targets_are_well_formed_and_point_to_objectives():
    table = sdg_targets()
    assert table["10.c"] == ((20, 1.0),)
    for target, links in table.items():
        assert re.fullmatch(r"\d{1,2}\.[0-9a-c]{1,2}(\.\d)?", target), target
        assert all(1 <= n <= 23 and 0 < w <= 1 for n, w in links)


def test_calibration_has_a_curve_and_threshold_per_kind():
    for kind in ("objectives", "principles"):
        curve = calibration()[kind]
        assert {"log_raw", "share", "bias", "threshold"} <= set(curve)
        assert curve["log_raw"] > 0 and 0 < curve["threshold"] < 1
