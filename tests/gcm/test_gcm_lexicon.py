"""The concept lexicon: a valid table, and a tokenizer whose offsets point into the original text."""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from pactwatch.gcm.lexicon import fold_keep_length, language_of, lexicon_for, load_entries, term_key, tokenize
from pactwatch.gcm.reference import principles

SPECIAL = {"@compact", "@block", "@ref", "@sdg", "@target"}


def test_every_row_has_a_known_target_language_weight_and_context():
    entries = load_entries()
    groups = {e.target[5:] for e in entries if e.target.startswith("@ctx:")}
    for e in entries:
        assert e.lang in ("fr", "en", "es", "*"), e
        valid = e.target in SPECIAL or e.target.startswith("@ctx:") or e.target in principles()
        assert valid or (e.target.isdigit() and 1 <= int(e.target) <= 23), e
        assert 0 <= e.weight <= 1, e
        assert e.context is None or e.context in groups, e
        assert e.window is None or e.window > 0, e


def test_no_row_is_repeated():
    rows = Counter((e.term.lower(), e.lang, e.target) for e in load_entries())
    assert [row for row, n in rows.items() if n > 1] == []


def test_each_objective_and_principle_has_terms_in_each_language():
    for lang in ("fr", "en", "es"):
        targets = {e.target for e in load_entries() if e.lang == lang and e.weight > 0}
        assert {str(n) for n in range(1, 24)} <= targets, lang
        assert set(principles()) <= targets, lang


def test_ambiguous_words_require_a_context():
    rows = {(e.term, e.lang): e for e in load_entries() if e.target in ("9", "21")}
    assert rows[("trafic", "fr")].context == "migration"
    assert rows[("retour", "fr")].context == "migration"


def test_tokens_are_folded_and_offsets_index_the_original_text():
    text = "L’Œuvre d’ÉTAT: trafic\u00a0illicite — 10.7 Niñez"
    tokens = tokenize(text)
    assert tokens.keys == ["l", "oeuvre", "d", "etat", "trafic", "illicite", "10", "7", "ninez"]
    for key, start, end in zip(tokens.keys, tokens.starts, tokens.ends, strict=True):
        assert fold_keep_length(text[start:end]).replace("œ", "oe") == key


@given(st.text(max_size=200))
def test_folding_keeps_the_length(text):
    assert len(fold_keep_length(text)) == len(text)
    tokens = tokenize(text)
    assert all(0 <= s < e <= len(text) for s, e in zip(tokens.starts, tokens.ends, strict=True))


def test_acronyms_match_only_in_capitals():
    lexicon = lexicon_for("en")
    text = "The ODD team and an odd idea; the SDG review"
    found = [text[h.start : h.end] for h in lexicon.scan(text, tokenize(text))[0]]
    assert "SDG" in found and "odd" not in found


def test_the_two_families_keep_their_own_longest_match():
    text = "Les travailleuses domestiques ont été formées."
    objective_hits, principle_hits = lexicon_for("fr").scan(text, tokenize(text))
    assert [text[h.start : h.end] for h in objective_hits] == ["travailleuses domestiques"]
    assert [text[h.start : h.end] for h in principle_hits] == ["travailleuses"]


def test_case_exact_terms_are_single_words():
    # the scanner checks case only on single-word hits; an exact multi-word term would escape the check
    assert [e.term for e in load_entries() if e.exact and len(term_key(e.term)) != 1] == []


def test_prefix_terms_are_single_words_of_four_letters_or_more():
    for e in load_entries():
        if e.term.endswith("*"):
            key = term_key(e.term[:-1])
            assert len(key) == 1 and len(key[0]) >= 4, e.term


def test_language_codes():
    assert language_of("fr-FR") == "fr" and language_of(None) == "*" and language_of("ar") == "*"
    assert len(lexicon_for("fr")) < len(lexicon_for(None))
