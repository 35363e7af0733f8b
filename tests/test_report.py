"""The yearly progress report (voortgangsrapportage, issue 19): written by the pipeline after a good
build, as PDF and HTML, from the serving copy; and for an earlier "as published on" date, from the
versions known then."""

import datetime as dt
import hashlib
import re

import pytest
from pypdf import PdfReader

from dagster_project.defs.report.report_charts import dutch_number
from dagster_project.defs.report.report_data import read_report_data
from dagster_project.defs.report.report_render import write_report
from dagster_project.settings import report_dir, serving_path

pytestmark = pytest.mark.slow


def _text(pdf) -> str:
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(pdf).pages))


def _images(pdf) -> set[str]:
    """Distinct embedded images (WeasyPrint lists every image in each page's resources)."""
    return {hashlib.sha256(image.data).hexdigest() for page in PdfReader(pdf).pages for image in page.images}


@pytest.fixture(scope="module")
def todays_report(run):
    """The report the pipeline run wrote (asset publicatie/voortgangsrapportage)."""
    pdf = report_dir() / f"voortgangsrapportage_{dt.date.today().isoformat()}.pdf"
    assert pdf.exists(), sorted(p.name for p in report_dir().glob("*"))
    return pdf


def test_the_report_names_every_mission_with_its_status_and_draws_the_series(todays_report, warehouse):
    text = _text(todays_report)
    missions = warehouse.execute("select mission_name_nl, status_nl from marts.fct_mission_status").fetchall()
    assert len(missions) == 26
    for name, status in missions:
        assert name in text, name
        assert status in text, status
    assert "Bijlage A. Methode" in text and "Bijlage B. Bronnen" in text and "Bijlage C. Datakwaliteit" in text
    drawn = warehouse.execute(
        "select count(distinct indicator_key) from marts.fct_observations where region_key = 'NL' and is_latest"
    ).fetchone()[0]
    assert len(_images(todays_report)) == drawn  # one chart per indicator with a national series
    html = todays_report.with_suffix(".html")
    sources = re.findall(r'<img src="([^"]+)"', html.read_text(encoding="utf-8"))
    assert len(set(sources)) == drawn and all((html.parent / s).is_file() for s in sources)


def test_the_numbers_in_the_report_are_the_marts_numbers(todays_report, warehouse):
    text = _text(todays_report)
    latest = warehouse.execute(
        """
        select i.indicator_name_nl, o.value, o.unit, o.period_year
        from marts.fct_observations as o inner join marts.dim_indicator as i using (indicator_key)
        where o.is_latest and o.region_key = 'NL' and o.breakdown = 'totaal' and not o.is_lapsed
        qualify row_number() over (partition by o.indicator_key order by o.period_year desc) = 1
        order by i.indicator_key
        """
    ).fetchall()
    assert len(latest) >= 10
    for name, value, unit, year in latest:
        assert f"Laatste waarde: {dutch_number(value)} {unit} in {year}" in text, name
    status = warehouse.execute(
        "select mission_name_nl, status_nl, latest_value, latest_year from marts.fct_mission_status where mission_key = 'ET-BKG'"
    ).fetchone()
    assert f"{dutch_number(status[2])} ({status[3]})" in text  # the summary's latest value of the climate mission


def test_the_mission_status_in_the_report_follows_fct_mission_status(run, warehouse):
    """The report applies the mission roll-up to the versions known on its date; on today's date that
    must give exactly the warehouse's own roll-up."""
    data = read_report_data(serving_path(), dt.date.today())
    expected = dict(warehouse.execute("select mission_key, status_nl from marts.fct_mission_status").fetchall())
    assert dict(zip(data.missions["mission_key"], data.missions["status_nl"])) == expected


def test_a_report_for_an_earlier_date_shows_the_values_then_published(run, warehouse, tmp_path):
    """Greenhouse-gas emissions for 2020 were first published lower than the current figure: the report
    as published on that first day shows that value and that year as the latest."""
    (first_day, first_value), *_ = warehouse.execute(
        """
        select min(peildatum), arg_min(waarde, peildatum) from reporting.rpt_zoals_gepubliceerd
        where indicatorcode = 'BKG_TOTAAL' and jaar = 2020 and uitsplitsing = 'Nederland (totaal)'
        """
    ).fetchall()
    [(now_value,)] = warehouse.execute(
        "select value from marts.fct_observations where indicator_key = 'BKG_TOTAAL' and period_year = 2020 "
        "and region_key = 'NL' and breakdown = 'totaal' and is_latest"
    ).fetchall()
    assert first_value != now_value
    paths = write_report(serving_path(), tmp_path, dt.date.fromisoformat(first_day), progress=lambda _: None)
    then = _text(paths["pdf"])
    assert f"Zoals gepubliceerd op {dt.date.fromisoformat(first_day).day}" in then
    assert f"Laatste waarde: {dutch_number(first_value)} mld kg CO2-eq in 2020" in then
    assert f"{dutch_number(now_value)} mld kg CO2-eq in 2020" not in then
    assert "in 2023" not in then.split("Uitstoot van broeikasgassen (IPCC")[-1][:300]
