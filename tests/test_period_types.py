"""Each indicator has a period type (a year, or a period of so many years) and nothing else gets in.

The case that went wrong: a row with period `2019-2022` was accepted for BKG_TOTAAL, a yearly
series; it became a second 2022 point (both latest) and flipped the Klimaatwet 2030 verdict.
"""

import json
import shutil
import subprocess
from pathlib import Path

import dagster as dg
import duckdb
import pandas as pd
import pytest
import yaml

from dagster_project.defs.catalogue.indicator_file import read_indicators
from dagster_project.defs.observations.delivery_file import Problem
from dagster_project.defs.quality.validation import validate
from dagster_project.reference import load_reference, period_kind
from dagster_project.settings import DBT_EXECUTABLE, DBT_PROJECT_DIR, INDICATOR_FILE, dbt_vars, paths, warehouse_path

from reference_rules import indicator_file_problems, set_indicator_fields

RULE = "periodetype-per-indicator"


def _rows(*rows: tuple) -> pd.DataFrame:
    """Rows as the delivery reader gives them: (indicator, period label, breakdown, value, unit)."""
    return pd.DataFrame(
        [
            {
                "row_number": number,
                "indicator_code": code,
                "region_code": "NL",
                "period_label": label,
                "period_year": int(label[-4:]),
                "breakdown": breakdown,
                "value": value,
                "unit": unit,
                "status": "definitief",
            }
            for number, (code, label, breakdown, value, unit) in enumerate(rows, start=2)
        ]
    )


def _period_problems(frame: pd.DataFrame) -> list[Problem]:
    report = validate("levering", "levering.csv", frame, load_reference(INDICATOR_FILE))
    return [p for p in report.problems if p.rule == RULE]


# --- what a period label is ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("2023", "jaar"),
        ("2019-2022", "meerjarig:4"),
        ("2021-2022", "meerjarig:2"),
        ("2022-2022", "jaar"),
        ("2023 ", None),
        ("23", None),
        (None, None),
    ],
)
def test_the_kind_of_a_period_label(label, kind):
    assert period_kind(label) == kind


def test_the_reference_gives_each_published_indicator_its_period_kind():
    reference = load_reference(INDICATOR_FILE)
    entries = yaml.safe_load(INDICATOR_FILE.read_text(encoding="utf-8"))["indicatoren"]
    # every published indicator, whichever there are, gets the kind its entry declares
    assert {code: rule.period_kind for code, rule in reference.indicators.items()} == {
        e["code"]: "jaar" if e["periodetype"] == "jaar" else f"meerjarig:{e['periodelengte']}" for e in entries
    }
    # as the sources publish them: CBS's yearly emissions, 84842NED/85445NED's four-year periods
    assert {code: reference.indicators[code].period_kind for code in ("BKG_TOTAAL", "GLV_OPLEIDING", "GLV_INKOMEN")} == {
        "BKG_TOTAAL": "jaar",
        "GLV_OPLEIDING": "meerjarig:4",
        "GLV_INKOMEN": "meerjarig:4",
    }


# --- a delivery ----------------------------------------------------------------------------------


def test_a_multi_year_period_for_a_yearly_series_is_refused():
    # CBS's 2022 emissions (158.4, The Netherlands in numbers 2024) delivered under the label 2019-2022
    frame = _rows(("BKG_TOTAAL", "2019-2022", "totaal", 158.4, "mld kg CO2-eq"))

    assert _period_problems(frame) == [
        Problem(
            2,
            "periode",
            RULE,
            "BKG_TOTAAL is een jaarreeks; periode '2019-2022' is een meerjarige periode. Lever één jaar per rij (2022).",
        )
    ]
    assert str(_period_problems(frame)[0]).startswith("rij 2, kolom 'periode': BKG_TOTAAL is een jaarreeks")


def test_a_four_year_period_for_income_is_accepted():
    # RIVM VZinfo / CBS 85445NED: men, lowest income class, 2017-2020
    frame = _rows(
        ("GLV_INKOMEN", "2017-2020", "geslacht:man|inkomen:laagste", 50.5, "jaren"),
        ("BKG_TOTAAL", "2022", "totaal", 158.4, "mld kg CO2-eq"),
    )
    report = validate("levering", "levering.csv", frame, load_reference(INDICATOR_FILE))
    assert report.passed, [str(p) for p in report.problems]


def test_a_single_year_for_income_is_refused():
    frame = _rows(("GLV_INKOMEN", "2020", "geslacht:man|inkomen:laagste", 50.5, "jaren"))
    assert _period_problems(frame) == [
        Problem(
            2,
            "periode",
            RULE,
            "GLV_INKOMEN is een reeks van perioden van 4 jaar; periode '2020' is één jaar. "
            "Lever per rij een periode van 4 jaar, zoals de bron die publiceert (bijvoorbeeld 2017-2020).",
        )
    ]


def test_a_period_of_another_length_is_refused():
    frame = _rows(("GLV_OPLEIDING", "2021-2022", "geslacht:vrouw|opleiding:hoog", 70.0, "jaren"))
    [problem] = _period_problems(frame)
    assert "periode '2021-2022' is een periode van 2 jaar" in problem.message


def test_every_bundled_snapshot_row_has_the_period_type_of_its_indicator():
    reference = load_reference(INDICATOR_FILE)
    for path in sorted((INDICATOR_FILE.parents[1] / "snapshot").glob("*.csv")):
        rows = pd.read_csv(path, sep=";", dtype=str)
        wrong = rows[
            [
                period_kind(label) != reference.indicators[code].period_kind
                for code, label in zip(rows["indicator"], rows["periode"])
            ]
        ]
        assert wrong.empty, f"{path.name}: {wrong[['indicator', 'periode']].values.tolist()}"


# --- the field in indicatoren.yml ----------------------------------------------------------------


def _write(tmp_path: Path, change) -> Path:
    data = yaml.safe_load(INDICATOR_FILE.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "indicatoren.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_the_period_type_goes_into_the_raw_catalogue_and_derived_indicators_inherit_it(catalogue):
    indicators = read_indicators(INDICATOR_FILE, catalogue)["indicators"].set_index("code")
    assert indicators.loc["BKG_TOTAAL", ["periodetype", "periodelengte"]].tolist() == ["jaar", 1]
    assert indicators.loc["GLV_INKOMEN", ["periodetype", "periodelengte"]].tolist() == ["meerjarig", 4]
    assert indicators.loc["GLV_VERSCHIL_INKOMEN", ["periodetype", "periodelengte"]].tolist() == ["meerjarig", 4]
    assert str(indicators["periodelengte"].dtype) == "Int64"


def test_a_missing_period_type_is_refused(tmp_path, catalogue):
    assert indicator_file_problems(_write(tmp_path, set_indicator_fields("MAT_INZET", periodetype=None)), catalogue) == [
        "indicator 'MAT_INZET', veld 'periodetype': ontbreekt. Gebruik jaar (één jaar per waarde, zoals 2023) "
        "of meerjarig (één waarde per periode van meerdere jaren, zoals 2019-2022)."
    ]


def test_an_unknown_period_type_is_refused(tmp_path, catalogue):
    assert indicator_file_problems(_write(tmp_path, set_indicator_fields("BKG_TOTAAL", periodetype="kwartaal")), catalogue) == [
        "indicator 'BKG_TOTAAL', veld 'periodetype': 'kwartaal' is onbekend. Gebruik jaar of meerjarig."
    ]


def test_a_multi_year_indicator_names_its_period_length(tmp_path, catalogue):
    [problem] = indicator_file_problems(_write(tmp_path, set_indicator_fields("GLV_INKOMEN", periodelengte=None)), catalogue)
    assert problem.startswith("indicator 'GLV_INKOMEN', veld 'periodelengte': een meerjarige indicator noemt het aantal jaren")
    [problem] = indicator_file_problems(_write(tmp_path, set_indicator_fields("GLV_INKOMEN", periodelengte=1)), catalogue)
    assert "nu: '1'" in problem


def test_a_yearly_indicator_has_no_period_length(tmp_path, catalogue):
    assert indicator_file_problems(_write(tmp_path, set_indicator_fields("BKG_TOTAAL", periodelengte=4)), catalogue) == [
        "indicator 'BKG_TOTAAL', veld 'periodelengte': een jaarreeks heeft geen periodelengte; "
        "laat het veld weg of maak de indicator meerjarig."
    ]


def test_a_derived_indicator_cannot_declare_another_period_type(tmp_path, catalogue):
    assert indicator_file_problems(
        _write(tmp_path, set_indicator_fields("GLV_VERSCHIL_INKOMEN", periodetype="jaar")), catalogue
    ) == [
        "indicator 'GLV_VERSCHIL_INKOMEN', veld 'periodetype': een afgeleide indicator neemt het periodetype over van "
        "GLV_INKOMEN (meerjarig, 4 jaar); laat het veld weg."
    ]
    read_indicators(
        _write(tmp_path, set_indicator_fields("GLV_VERSCHIL_INKOMEN", periodetype="meerjarig", periodelengte=4)), catalogue
    )


def test_a_reference_without_a_period_type_refuses_the_rows_rather_than_guessing(tmp_path):
    # what the observation load does if indicatoren.yml lost the field (the catalogue asset refuses such a file)
    reference = load_reference(_write(tmp_path, set_indicator_fields("BKG_TOTAAL", periodetype=None)))
    report = validate("levering", "levering.csv", _rows(("BKG_TOTAAL", "2022", "totaal", 158.4, "mld kg CO2-eq")), reference)
    assert [p.message for p in report.problems if p.rule == RULE] == [
        "BKG_TOTAAL is een indicator zonder periodetype in indicatoren.yml; periode '2022' is niet te controleren. "
        "Vraag de beheerder van indicatoren.yml om 'periodetype' in te vullen."
    ]


# --- the warehouse backstop: one point per year --------------------------------------------------


@pytest.mark.slow
def test_the_one_point_per_year_test_runs_as_an_asset_check_and_passes_today(run):
    [evaluation] = [e for e in run.get_asset_check_evaluations() if e.check_name == "assert_one_point_per_year"]
    assert evaluation.asset_key == dg.AssetKey(["intermediate", "int_observations_as_of"])
    assert evaluation.passed


@pytest.mark.slow
def test_the_one_point_per_year_test_fails_on_the_incident(run, tmp_path):
    # The session warehouse after the real pipeline, with the incident put in behind GX's back: a new
    # vintage holding 2022 emissions under the label 2019-2022, beside the snapshot's 2022.
    copy = tmp_path / "warehouse.duckdb"
    shutil.copyfile(warehouse_path(), copy)
    with duckdb.connect(str(copy)) as conn:
        [vintage] = conn.execute(
            "select vintage_id from raw_observations.observations where indicator_code = 'BKG_TOTAAL' and period_label = '2022'"
        ).fetchone()
        conn.execute(
            "insert into raw_observations.vintages select * replace ('incident' as vintage_id, 'incident.csv' as file_name) "
            "from raw_observations.vintages where vintage_id = ?",
            [vintage],
        )
        conn.execute(
            "insert into raw_observations.observations select * replace ('incident' as vintage_id, '2019-2022' as period_label) "
            "from raw_observations.observations where vintage_id = ? and period_label = '2022'",
            [vintage],
        )
    target = tmp_path / "target"
    result = subprocess.run(
        [
            DBT_EXECUTABLE,
            "build",
            "--select",
            "int_observations_vintaged int_observations_as_of assert_one_point_per_year",
            "--project-dir",
            str(DBT_PROJECT_DIR),
            "--profiles-dir",
            str(DBT_PROJECT_DIR),
            "--target-path",
            str(target),
            "--log-path",
            str(tmp_path / "logs"),
            "--vars",
            dbt_vars(paths({"MISSIEMONITOR_WAREHOUSE": str(copy)})),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )

    outcomes = {
        r["unique_id"].split(".")[-1]: r["status"] for r in json.loads((target / "run_results.json").read_text())["results"]
    }
    assert outcomes["assert_one_point_per_year"] == "fail", result.stdout[-3000:]
    with duckdb.connect(str(copy), read_only=True) as conn:
        clashes = conn.execute(
            "select indicator_code, period_year, list(period_label order by period_label) from intermediate.int_observations_as_of "
            "where is_latest_as_of group by indicator_code, region_code, breakdown, period_year having count(*) > 1"
        ).fetchall()
    assert clashes == [("BKG_TOTAAL", 2022, ["2019-2022", "2022"])]
