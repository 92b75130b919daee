"""The Parquet export: its pinned columns and types, round trips, filters, accents, row groups, `-o` rules."""

import csv
import datetime as dt
import io
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from pactwatch.cli import cli
from pactwatch.store.export import CSV_COLUMNS, PARQUET_COLUMNS, write_parquet

from .conftest import entity, make_record

V = "test-extractor"
FR = "Le Gouvernement de l'Équateur a réuni à Genève les réfugiés et leurs représentantes."
ES = "La reunión en Bogotá reunió a niñas, niños y migrantes de Perú con la Organización."
EN = "Ghana and IOM held a dialogue on remittances in Accra."
PINNED = (
    ("id", pa.string()), ("source", pa.string()), ("version", pa.int32()), ("current", pa.bool_()),
    ("lang", pa.string()), ("title", pa.string()), ("published", pa.string()),
    ("event_start", pa.string()), ("event_end", pa.string()),
    ("countries", pa.list_(pa.string())), ("organizations", pa.list_(pa.string())),
    ("persons", pa.list_(pa.string())), ("places", pa.list_(pa.string())),
    ("objectives", pa.list_(pa.int32())), ("principles", pa.list_(pa.string())),
    ("content_hash", pa.string()), ("extractor_version", pa.string()),
    ("ingested_at", pa.timestamp("ms", tz="UTC")), ("body", pa.string()), ("record", pa.string()),
)  # fmt: skip


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def db(store):
    """The store fixture's file with a French, a Spanish and an English record (the English one changed)."""
    fr_dates = {
        "event": {"start": "2023-11-28", "end": "2023-11-30", "why": "x"},
        "published": {"value": "2023-11"},
    }
    fr = make_record(
        FR,
        source="fr.html",
        lang="fr",
        title="Réunion à Genève sur l'Équateur",
        entities=[entity("country", "ECU", "Équateur", FR), entity("place", "geneve", "Genève", FR)],
        objectives=[{"id": 23, "score": 0.9, "evidence": []}, {"id": 7, "score": 0.5, "evidence": []}],
        principles=[{"id": "human-rights", "score": 0.8, "evidence": []}],
        dates=fr_dates,
    )
    es = make_record(
        ES,
        source="es.html",
        lang="es",
        title="Niñez migrante en Bogotá",
        entities=[entity("country", "PER", "Perú", ES), entity("place", "bogota", "Bogotá", ES)],
    )
    en_entities = [entity("country", "GHA", "Ghana", EN), entity("organization", "IOM", "IOM", EN)]
    store.put(fr, b"fr", V)
    store.put(es, b"es", V)
    store.put(make_record("Old text. " + EN, source="en.html", title=None), b"en1", V)
    store.put(make_record(EN, source="en.html", title=None, entities=en_entities), b"en2", V)
    return store.path


def export_parquet(db, path, *filters):
    result = run("export", "--db", db, "--format", "parquet", "-o", path, *filters)
    assert result.exit_code == 0, result.output
    return pq.read_table(path)


def test_parquet_schema_is_pinned_and_starts_with_the_csv_columns(db, tmp_path):
    table = export_parquet(db, tmp_path / "out.parquet")
    assert [(f.name, f.type) for f in table.schema] == list(PINNED)
    assert tuple(table.column_names) == PARQUET_COLUMNS
    assert PARQUET_COLUMNS[: len(CSV_COLUMNS)] == CSV_COLUMNS


def test_parquet_round_trip_matches_jsonl_and_csv(db, tmp_path):
    rows = export_parquet(db, tmp_path / "out.parquet").to_pylist()
    lines = [json.loads(line) for line in run("export", "--db", db).stdout.splitlines()]
    flat = list(csv.DictReader(io.StringIO(run("export", "--db", db, "--format", "csv").stdout)))
    assert [r["id"] for r in rows] == [d["id"] for d in lines] == [c["id"] for c in flat]
    assert len(rows) == 3  # current versions only
    for row, doc, cells in zip(rows, lines, flat, strict=True):
        store = doc.pop("store")
        record = json.loads(row["record"])
        assert record["body"] is None and {**record, "body": row["body"]} == doc  # lossless
        assert row["ingested_at"] == dt.datetime.fromisoformat(store["ingested_at"])
        assert (row["version"], row["current"], row["content_hash"]) == (
            store["version"],
            True,
            store["content_hash"],
        )
        for column in CSV_COLUMNS:
            value = row[column]
            if isinstance(value, list):
                value = ";".join(map(str, value))
            elif column == "ingested_at":
                value = store["ingested_at"]
            elif column == "current":
                value = int(value)
            assert str("" if value is None else value) == cells[column], column


def test_parquet_keeps_types_and_accents(db, tmp_path):
    rows = {r["lang"]: r for r in export_parquet(db, tmp_path / "out.parquet").to_pylist()}
    fr, es = rows["fr"], rows["es"]
    assert fr["title"] == "Réunion à Genève sur l'Équateur" and fr["body"] == FR
    assert (fr["countries"], fr["places"], fr["objectives"]) == (["ECU"], ["geneve"], [23, 7])
    assert (fr["principles"], fr["published"], fr["event_end"]) == (["human-rights"], "2023-11", "2023-11-30")
    assert es["title"] == "Niñez migrante en Bogotá" and es["body"] == ES
    assert json.loads(es["record"])["entities"][1]["mentions"][0]["text"] == "Bogotá"
    assert es["places"] == ["bogota"] and es["objectives"] == [] and es["published"] is None
    assert rows["en"]["title"] is None


@pytest.mark.parametrize(
    "filters, expected",
    [
        (("--lang", "es"), {"es"}),
        (("--country", "ECU"), {"fr"}),
        (("--org", "IOM"), {"en"}),
        (("--objective", "23"), {"fr"}),
        (("--since", "2023", "--until", "2023-11"), {"fr"}),
        (("--country", "ZZZ"), set()),
    ],
)
def test_parquet_export_honours_filters(db, tmp_path, filters, expected):
    table = export_parquet(db, tmp_path / "out.parquet", *filters)
    assert set(table.column("lang").to_pylist()) == expected
    assert table.schema.names == list(PARQUET_COLUMNS)  # an empty selection still has the schema


def test_all_versions_exports_the_superseded_text(db, tmp_path):
    rows = export_parquet(db, tmp_path / "out.parquet", "--all-versions").to_pylist()
    old = [r for r in rows if not r["current"]]
    assert len(rows) == 4 and [(r["source"], r["version"]) for r in old] == [("en.html", 1)]


def test_parquet_is_written_in_row_groups(tmp_path):
    docs = [_doc(n) for n in range(7)]
    assert write_parquet(iter(docs), tmp_path / "out.parquet", batch=3) == 7
    meta = pq.ParquetFile(tmp_path / "out.parquet").metadata
    assert meta.num_rows == 7 and [meta.row_group(i).num_rows for i in range(meta.num_row_groups)] == [
        3,
        3,
        1,
    ]


def test_parquet_reads_documents_lazily_and_leaves_no_truncated_file(tmp_path):
    pulled = []

    def docs():
        for n in range(10):
            pulled.append(n)
            if n == 5:
                raise RuntimeError("the store went away")
            yield _doc(n)

    target = tmp_path / "out.parquet"
    with pytest.raises(RuntimeError):
        write_parquet(docs(), target, batch=2)
    assert pulled == [0, 1, 2, 3, 4, 5]  # stopped where the source failed: nothing read ahead
    assert list(tmp_path.iterdir()) == []  # neither the target nor the partial file


def test_parquet_needs_an_output_file(db):
    for args in ((), ("-o", "-")):
        result = run("export", "--db", db, "--format", "parquet", *args)
        assert result.exit_code == 2 and "give -o FILE" in result.output


def test_an_unwritable_output_is_one_error_line(db, tmp_path):
    for fmt in ("parquet", "csv"):
        result = run("export", "--db", db, "--format", fmt, "-o", tmp_path / "no-such-dir" / "out")
        assert result.exit_code == 1 and result.output.startswith("Error: cannot write")


def test_text_exports_go_to_a_file_in_utf8(db, tmp_path):
    target = tmp_path / "out.csv"
    result = run("export", "--db", db, "--format", "csv", "--lang", "fr", "-o", target)
    assert result.exit_code == 0 and result.stdout == ""
    rows = list(csv.DictReader(target.open(encoding="utf-8", newline="")))
    assert [r["title"] for r in rows] == ["Réunion à Genève sur l'Équateur"]


def _doc(n: int) -> dict:
    """An exported document (record plus store block) without a store behind it."""
    store = {"version": 1, "current": True, "content_hash": f"h{n}", "extractor_version": V,
             "ingested_at": "2024-05-01T10:00:00+00:00"}  # fmt: skip
    return {**make_record(f"Texte numéro {n}."), "store": store}
