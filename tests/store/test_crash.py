"""Crash safety: an ingest killed with SIGKILL mid-batch leaves a sound store; a re-run completes it."""

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from pactwatch.store import open_store

FILES = 600
TEMPLATE = """Accra – Le {day} mai 2023, le Gouvernement du Ghana a réuni le réseau national numéro {n} \
sur les migrations, avec le soutien de l'OIM.
« Le dialogue numéro {n} compte », a déclaré Mme Ama Mensah, coordinatrice du réseau.
Les participants ont examiné {n} propositions sur la collecte de données et les voies régulières.
"""


def stored(db) -> int:
    """Documents committed so far (0 while the file or its schema does not exist yet)."""
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def run_ingest(folder, db):
    """Start ``pactwatch ingest FOLDER --db DB`` as a separate process."""
    cmd = [sys.executable, "-m", "pactwatch", "ingest", str(folder), "--db", str(db), "--quiet"]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_mid_batch(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(FILES):
        (folder / f"{n:04d}.txt").write_text(TEMPLATE.format(day=n % 28 + 1, n=n), encoding="utf-8")
    db = tmp_path / "store.db"
    proc = run_ingest(folder, db)
    deadline = time.monotonic() + 300
    while stored(db) < 25 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read().decode()
    with open_store(db) as store:
        assert store.integrity() == "ok"
        committed = store.counts()["documents"]
        assert 25 <= committed < FILES, f"the kill did not land mid-batch: {proc.stderr.read().decode()}"
        for doc in list(store.documents()):  # every committed document is whole: mentions, facts, index row
            mentions = sum(len(e["mentions"]) for e in doc["entities"])
            pk = store.conn.execute("SELECT pk FROM documents WHERE id = ?", (doc["id"],)).fetchone()[0]
            assert store.conn.execute(
                "SELECT count(*) FROM mentions WHERE document_pk = ?", (pk,)
            ).fetchone()[0] == (mentions)
            assert store.search(doc["title"] or doc["body"].split()[0])["total"] >= 1
    proc.stderr.close()
    rerun = run_ingest(folder, db)
    _, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err.decode()
    with open_store(db) as store:
        assert store.integrity() == "ok"
        assert store.counts()["documents"] == FILES
