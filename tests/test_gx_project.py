"""The Great Expectations project as the pipeline opens it (dagster_project/defs/quality/gx_project.py):
suites written again only when the rules change, and Data Docs (index, pages and stored results) that
do not grow with the whole history of validations."""

import re
from datetime import date

import duckdb
import yaml

from dagster_project.defs.observations.observation_store import ensure_tables, load_file
from dagster_project.defs.quality import gx_project
from dagster_project.defs.quality.suites import suite_name
from dagster_project.reference import load_reference
from dagster_project.settings import INDICATOR_FILE, SNAPSHOT_DIR

from reference_rules import with_one_range_changed


def _open_as_a_new_process(root, reference):
    gx_project._OPEN.clear()  # what a new process starts with
    return gx_project.open_project(root, reference)


def test_a_new_process_reuses_the_suites_written_from_the_same_rules_and_rewrites_them_when_they_change(tmp_path):
    reference = load_reference(INDICATOR_FILE, today=date(2026, 11, 30))
    suite = tmp_path / "gx" / "expectations" / f"{suite_name('levering')}.json"
    _open_as_a_new_process(tmp_path, reference)
    written = suite.stat().st_mtime_ns
    project = _open_as_a_new_process(tmp_path, reference)
    assert suite.stat().st_mtime_ns == written and set(project.checkpoints) == {"snapshot", "cbs_api", "levering"}

    changed = with_one_range_changed(reference)
    _open_as_a_new_process(tmp_path, changed)
    assert suite.stat().st_mtime_ns != written
    assert "-123456" in suite.read_text()


def test_the_data_docs_index_lists_a_bounded_number_of_validations(tmp_path):
    gx_project._OPEN.clear()
    gx_project.open_project(tmp_path, load_reference(INDICATOR_FILE, today=date(2026, 11, 30)))
    config = yaml.safe_load((tmp_path / "gx" / "great_expectations.yml").read_text())
    index = config["data_docs_sites"][gx_project.DOCS_SITE]["site_index_builder"]
    assert index["validation_results_limit"] == gx_project.DOCS_INDEX_LIMIT <= 300


def test_results_and_pages_older_than_the_index_are_pruned(tmp_path, monkeypatch):
    monkeypatch.setenv("MISSIEMONITOR_GX_DIR", str(tmp_path))
    monkeypatch.setattr(gx_project, "DOCS_INDEX_LIMIT", 2)
    gx_project._OPEN.clear()
    reference = load_reference(INDICATOR_FILE, today=date(2026, 11, 30))
    files = sorted(SNAPSHOT_DIR.glob("*.csv"))[:4]
    with duckdb.connect() as conn:
        ensure_tables(conn)
        for path in files:
            load_file(conn, path.name, path.read_bytes(), "snapshot", reference)
    gx_project.build_open_docs()

    uncommitted = tmp_path / "gx" / "uncommitted"
    results = sorted(p.parent.name for p in (uncommitted / "validations").glob("*/*/*/*.json"))
    pages = sorted(p.parent.name for p in (uncommitted / "data_docs").glob("local_site/validations/*/*/*/*.html"))
    assert len(results) == 2 and pages == results  # the newest two of four, results and pages alike
    index = (uncommitted / "data_docs" / "local_site" / "index.html").read_text()
    linked = set(re.findall(r"validations/[^'\"]+\.html", index))
    assert len(linked) == 2 and all((uncommitted / "data_docs" / "local_site" / link).exists() for link in linked)
    assert not list((uncommitted / "validations").glob("*/*/*/")) or all(
        any(folder.iterdir()) for folder in (uncommitted / "validations").glob("*/*/*/")
    )  # no empty folders left behind
