"""The documented procedure for adding an indicator (docs/indicator-toevoegen.md, "Adding an indicator";
before that README "Adding an indicator"), followed step by step on a fixture indicator, through the
whole pipeline.

TEST_FIXTURE_AANDEEL is made up for this test and measures nothing; its figures are test values, not
published ones (`bron_uitgever` Testfixture, `opmerking` says so). It is added to a copy of
indicatoren.yml and its file to a copy of the snapshot, never to data/.
"""

import csv
import io
import json
import shutil

import dagster as dg
import duckdb
import pytest
import yaml

from dagster_project.defs.catalogue import assets as catalogue_assets
from dagster_project.defs.observations import assets as observation_assets
from dagster_project.defs.observations.delivery_file import TEMPLATE_COLUMNS
from dagster_project.defs.quality import checks as quality_checks
from dagster_project.settings import CATALOGUE_FILE, INDICATOR_FILE

from conftest import REPO_ROOT
from reference_rules import missions_with_an_indicator

pytestmark = pytest.mark.slow

CODE = "TEST_FIXTURE_AANDEEL"
MISSION = "GZ-DEMENTIE"  # has no indicator; its target (+25 % by 2030, relatief, omhoog) takes a share
TARGET = "GZ-DEMENTIE:2030"
VERSION_2019, VERSION_2023 = "2019 — Kamerstuk 33 009, nr. 70", "2023 — herijkte missies"  # the Missieversie filter's values

# Step 1: the entry, with every field the procedure lists (no `actualiteit`: no published rhythm is known).
ENTRY = {
    "code": CODE,
    "naam": "Testfixture: aandeel (geen echte indicator)",
    "naam_en": "Test fixture: share (not a real indicator)",
    "eenheid": "%",
    "periodetype": "jaar",
    "richting": "omhoog",
    "natuurlijke_grens": None,
    "eigenaar": "Testfixture (tests/test_adding_an_indicator.py)",
    "missie": MISSION,
    "meet_doel": "proxy",
    "toelichting_proxy": "Testfixture: meet niets echts.",
    "doelen": [TARGET],
    "uitsplitsingen": ["totaal"],
    "grenzen": {"min": 0, "max": 100},
}

# Step 2: its figures, as a file in the delivery template for data/snapshot/.
FILE_NAME = "testfixture__test_fixture_aandeel.csv"
HEADER = list(TEMPLATE_COLUMNS)
VALUES = {2015: 40.0, 2017: 40.8, 2019: 41.6, 2021: 42.5, 2023: 43.4}  # test values, rising about 1 % a year


def _fixture_file() -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    for year, value in VALUES.items():
        writer.writerow(
            [
                CODE,
                "NL",
                year,
                "totaal",
                f"{value:.1f}".replace(".", ","),
                "%",
                "definitief",
                "Testfixture",
                "Testfixture voor tests/test_adding_an_indicator.py (geen publicatie)",
                "",
                "onbekend",
                "",
                "testwaarde, geen gepubliceerd cijfer",
            ]
        )
    return out.getvalue().encode("utf-8")


@pytest.fixture
def with_fixture_indicator(fresh, monkeypatch):
    root, _, run = fresh
    reference = yaml.safe_load(INDICATOR_FILE.read_text(encoding="utf-8"))
    reference["indicatoren"].append(ENTRY)
    indicator_file = root / "indicatoren.yml"
    indicator_file.write_text(yaml.safe_dump(reference, allow_unicode=True, sort_keys=False), encoding="utf-8")
    # every module that reads the reference at run time
    for module in (catalogue_assets, observation_assets, quality_checks):
        monkeypatch.setattr(module, "INDICATOR_FILE", indicator_file)
    # the real snapshot (fresh gives an empty one) plus the fixture's file
    for path in (REPO_ROOT / "data" / "snapshot").glob("*.csv"):
        shutil.copyfile(path, root / "snapshot" / path.name)
    (root / "snapshot" / FILE_NAME).write_bytes(_fixture_file())
    # suites, results and Data Docs of this run stay out of the session's GX project
    monkeypatch.setenv("MISSIEMONITOR_GX_DIR", str(root / "expectations"))
    return root, indicator_file, run


def test_an_indicator_added_as_documented_is_loaded_validated_and_measures_its_mission(with_fixture_indicator, definitions):
    root, indicator_file, _ = with_fixture_indicator

    result = definitions.resolve_implicit_global_asset_job_def().execute_in_process(
        instance=dg.DagsterInstance.ephemeral(), raise_on_error=False
    )

    # The run succeeds and every check passes: the dbt tests (asset checks) and Great Expectations.
    assert result.success, [e.message for e in result.all_events if e.is_failure]
    evaluations = {e.check_name: e for e in result.get_asset_check_evaluations()}
    assert {"gx_validatie", "assert_mission_status_follows_its_indicators", "assert_theme_coverage_adds_up"} <= set(evaluations)
    # the snapshot's greenhouse-gas series ends in 2023: its overdue warning is the one expected
    assert {name for name, e in evaluations.items() if not e.passed} <= {"assert_no_indicator_is_overdue"}

    # Great Expectations: the suite the run built from the reference knows the indicator, with a range
    # rule of its own (the committed suites in expectations/ are rewritten by `make run` the same way).
    suite = json.loads((root / "expectations" / "gx" / "expectations" / "waarnemingen_snapshot.json").read_text())
    [known] = [e for e in suite["expectations"] if e["meta"]["regel"] == "bekende-indicator"]
    assert CODE in known["kwargs"]["value_set"]
    [range_rule] = [
        e["id"]
        for e in suite["expectations"]
        if e["meta"]["regel"] == "waardebereik" and f" voor {CODE} " in e["meta"]["melding"]
    ]

    with duckdb.connect(str(root / "warehouse.duckdb"), read_only=True) as wh:
        # dim_indicator
        assert wh.execute(
            "select indicator_status, mission_key, unit, desired_direction, period_type, is_derived "
            "from marts.dim_indicator where indicator_key = ?",
            [CODE],
        ).fetchall() == [("actief", MISSION, "%", "omhoog", "jaar", False)]
        # fct_observations: every row of the file, latest, with the file's provenance
        observed = wh.execute(
            "select period_year, value, is_latest, publisher, file_name, source_note from marts.fct_observations "
            "where indicator_key = ? order by period_year",
            [CODE],
        ).fetchall()
        assert observed == [
            (year, value, True, "Testfixture", FILE_NAME, "testwaarde, geen gepubliceerd cijfer")
            for year, value in VALUES.items()
        ]
        # "appears in fct_targets and fct_progress for every target it lists"
        assert wh.execute("select distinct target_key from marts.fct_targets where indicator_key = ?", [CODE]).fetchall() == [
            (TARGET,)
        ]
        progress = wh.execute(
            "select base_year_used, current_year, status_code, status_rank from marts.fct_progress "
            "where indicator_key = ? and target_key = ? and is_latest_vintage and is_primary_base_year",
            [CODE, TARGET],
        ).fetchall()
        assert [(base, current) for base, current, *_ in progress] == [(2015, 2023)]
        assert progress[0][3] is not None  # assessed: two or more years from the base year
        # "its mission leaves 'Nog geen meetbare indicator'": measured, and counted so in its theme
        mission = wh.execute(
            "select has_indicator, indicator_codes, coverage_status, status_code from marts.fct_mission_status "
            "where mission_key = ?",
            [MISSION],
        ).fetchone()
        assert mission == (True, CODE, "gemeten", progress[0][2])
        linked = missions_with_an_indicator(indicator_file, CATALOGUE_FILE)
        assert MISSION in linked
        assert {
            m for (m,) in wh.execute("select mission_key from marts.fct_mission_status where has_indicator").fetchall()
        } == linked
        theme_missions = {
            m for (m,) in wh.execute("select mission_key from marts.fct_mission_status where theme_key = 'GZ'").fetchall()
        }
        assert wh.execute("select missions_with_indicator from marts.fct_theme_status where theme_key = 'GZ'").fetchone() == (
            len(linked & theme_missions),
        )
        # ... and it accepted the fixture's file, on load and on the re-check of stored vintages
        results = wh.execute(
            "select check_run, expectation_id, success from marts.fct_data_quality where file_name = ?", [FILE_NAME]
        ).fetchall()
        assert {run for run, _, _ in results} == {"laden", "controle"}
        assert all(success for _, _, success in results)
        assert {("laden", range_rule, True), ("controle", range_rule, True)} <= set(results)

    # Step 3 of the procedure needs no dashboard edit: it is on its theme's and its mission's pages.
    _appears_on_its_theme_and_mission_pages(root)


def _chart_rows(wh, chart: str, native: dict[str, str]) -> list[dict]:
    """The rows a chart of the bundle shows: its own filters, and the dashboard's native filters at
    `native` (column: value). Only the simple equality filters the bundle uses are translated."""
    bundle = REPO_ROOT / "dashboards" / "bundle"
    params = yaml.safe_load((bundle / "charts" / f"{chart}.yaml").read_text(encoding="utf-8"))
    tables = {
        d["uuid"]: d["table_name"]
        for d in (yaml.safe_load(p.read_text(encoding="utf-8")) for p in (bundle / "datasets").rglob("*.yaml"))
    }
    conditions = [(f["subject"], f["comparator"]) for f in params["params"]["adhoc_filters"] if f["operator"] == "=="]
    assert len(conditions) == len(params["params"]["adhoc_filters"]), chart
    conditions += list(native.items())
    where = " and ".join(f'"{column}" = ?' for column, _ in conditions) or "true"
    query = f"select * from reporting.{tables[params['dataset_uuid']]} where {where}"
    cursor = wh.execute(query, [value for _, value in conditions])
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _appears_on_its_theme_and_mission_pages(root) -> None:
    """The charts name no indicator (tests/test_reporting_layer.py): the fixture shows up on the Gezondheid
    en Zorg dashboard and on the mission page, through the filters the bundle already has, under either
    mission version (each page's Missieversie filter)."""
    label = f"{ENTRY['naam']} ({ENTRY['eenheid']})"
    with duckdb.connect(str(root / "warehouse.duckdb"), read_only=True) as wh:
        [(mission,)] = wh.execute(
            "select missie from reporting.rpt_missies where missiecode = ? and missieversie = ?", [MISSION, VERSION_2019]
        ).fetchall()
        v2019 = {"missieversie": VERSION_2019}
        # the theme page: in the progress table, and drawn when picked in its Indicator filter
        assert label in {r["indicator"] for r in _chart_rows(wh, "gz_voortgang", v2019)}
        drawn = _chart_rows(wh, "gz_reeks", v2019 | {"indicator": label})
        assert {r["soort"] for r in drawn} >= {"waarneming", "doel", "rechte_lijn"}
        assert {(r["jaar"].year, r["waarde"]) for r in drawn if r["soort"] == "waarneming"} == set(VALUES.items())
        assert {r["uitsplitsing"] for r in _chart_rows(wh, "gz_uitsplitsing", v2019 | {"indicator": label})} == {
            "Nederland (totaal)"
        }
        # the mission page, with its Missie filter on the fixture's mission
        assert [r["missiecode"] for r in _chart_rows(wh, "missie_tekst", v2019 | {"missie": mission})] == [MISSION]
        assert label in {r["indicator"] for r in _chart_rows(wh, "missie_voortgang", v2019 | {"missie": mission})}
        assert len(_chart_rows(wh, "missie_reeks", v2019 | {"missie": mission, "indicator": label})) == len(drawn)
        footnotes = {r["voetnoot"] for r in _chart_rows(wh, "missie_cijfers", v2019 | {"missie": mission})}
        assert footnotes == {"benadering (proxy) van het doel; testwaarde, geen gepubliceerd cijfer"}

        # switched to 2023: the same indicator, attached once, under the mission the crosswalk maps GZ-DEMENTIE to
        v2023 = {"missieversie": VERSION_2023}
        [(mission_2023, codes)] = wh.execute(
            "select missie, indicatoren from reporting.rpt_missies where missiecode = 'M23-GZ-CENTRAAL' and missieversie = ?",
            [VERSION_2023],
        ).fetchall()
        assert CODE in codes.split(", ")
        assert label in {r["indicator"] for r in _chart_rows(wh, "missie_voortgang", v2023 | {"missie": mission_2023})}
        assert len(_chart_rows(wh, "missie_reeks", v2023 | {"missie": mission_2023, "indicator": label})) == len(drawn)
        assert not _chart_rows(wh, "missie_reeks", v2023 | {"missie": mission, "indicator": label})
