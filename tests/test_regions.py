"""Regional figures: at least three indicators by province, each value with its source, and the
provinces checked against the national figure from the same source: they add up where the source says
they should (counts, mass: within rounding), and where they do not (survey shares) the national figure
lies between the provinces'."""

import pytest

pytestmark = pytest.mark.slow

# The sources round each province (CBS to 5 units or to 1 000 kg), so a sum may differ by that much.
ROUNDING = 0.001


def test_at_least_three_indicators_have_provincial_figures_each_with_its_source(warehouse):
    rows = warehouse.execute(
        "select indicator_key, count(*), count(source_url), count(publisher) from marts.fct_observations "
        "where is_latest and region_key like 'PV%' group by 1"
    ).fetchall()
    assert len(rows) >= 3, rows
    assert all(n == urls == publishers for _, n, urls, publishers in rows), rows


def test_provinces_add_up_to_the_national_figure_where_the_source_says_they_should(warehouse):
    rows = warehouse.execute(
        "select indicatorcode, periode, provincies_tellen_op, max(landelijk), max(som_provincies), "
        "min(waarde), max(waarde), max(aantal_provincies) from reporting.rpt_regionaal group by 1, 2, 3"
    ).fetchall()
    summed = [r for r in rows if r[2] == "ja"]
    compared = [r for r in rows if r[2] == "nee"]
    assert summed and compared
    for code, period, _, national, total, _, _, provinces in summed:
        assert provinces == 12, (code, period)
        assert abs(total - national) <= ROUNDING * national, (code, period, total, national)
    for code, period, _, national, total, low, high, _ in compared:
        # a share is not a sum: nothing is added up, and the nation lies among its provinces
        assert total is None and low <= national <= high, (code, period, national, low, high)
