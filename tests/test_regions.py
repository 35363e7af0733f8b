"""Regional figures: at least three indicators by province, each value with its source, and the
provinces checked against the national figure from the same source: they add up where the source says
they should (counts, mass: within rounding), and where they do not (survey shares) the national figure
lies between the provinces'.

Municipalities (GMxxxx, data/reference/gemeenten.csv) are regions too: their figures so far are survey
shares (Gezondheidsmonitor), compared with the nation and never summed, and every municipality that
ceased to exist resolves through the documented mergers (gemeentelijke_herindelingen.csv) to one that
exists now; a split is marked, not divided."""

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


def test_a_later_vintage_revises_the_provisional_provincial_figure(warehouse):
    # 82506NED's provisional 2017* (500, Groningen 25,6) is revised by 83983NED's final 2017 (512, 26,81);
    # both stay stored, the later one counts
    rows = warehouse.execute(
        "select region_key, previous_value, value, previous_status, observation_status from marts.fct_observation_revisions "
        "where indicator_key = 'N_EXCRETIE_LANDBOUWBEDRIJVEN' and period_label = '2017' and region_key in ('NL', 'PV20') "
        "order by region_key"
    ).fetchall()
    assert rows == [("NL", 500.0, 512.0, "voorlopig", "definitief"), ("PV20", 25.6, 26.81, "voorlopig", "definitief")]
    [(periods,)] = warehouse.execute(
        "select count(distinct period_label) from marts.fct_observations "
        "where is_latest and indicator_key = 'N_EXCRETIE_LANDBOUWBEDRIJVEN' and region_key = 'PV25'"
    ).fetchall()
    assert periods == 29  # 1990 and 1994-2021


def test_municipal_figures_have_their_source_and_a_known_cbs_code(warehouse):
    rows = warehouse.execute(
        "select o.indicator_key, count(*), count(o.source_url), count(o.publisher), "
        "count(*) filter (where regexp_full_match(o.region_key, 'GM[0-9]{4}')) "
        "from marts.fct_observations as o inner join marts.dim_region as r using (region_key) "
        "where o.is_latest and r.region_level = 'gemeente' group by 1"
    ).fetchall()
    assert rows, "no municipal figures"
    assert all(n == urls == publishers == coded for _, n, urls, publishers, coded in rows), rows
    assert dict((code, n) for code, n, *_ in rows)["ROKERS_18PLUS_GZM"] == 353  # 355 municipalities, 2 without a figure


def test_municipal_survey_shares_are_compared_with_the_nation_not_summed(warehouse):
    rows = warehouse.execute(
        "select indicatorcode, periode, min(gemeenten_tellen_op), max(gemeenten_tellen_op), max(landelijk), "
        "count(som_gemeenten), min(waarde), max(waarde), min(laagste_gemeente), max(hoogste_gemeente) "
        "from reporting.rpt_regionaal_gemeenten group by 1, 2"
    ).fetchall()
    assert rows
    for code, period, low_flag, high_flag, national, sums, low, high, lowest, highest in rows:
        assert low_flag == high_flag == "nee", (code, period)  # shares of a survey do not add up
        assert sums == 0, (code, period)
        assert (lowest, highest) == (low, high) and low <= national <= high, (code, period, national, low, high)


def test_every_ended_municipality_resolves_to_one_that_exists_and_splits_are_marked(warehouse):
    ended = dict(
        warehouse.execute(
            "select r.region_key, now_.valid_until is null and now_.region_level = 'gemeente' "
            "from marts.dim_region as r inner join marts.dim_region as now_ on r.current_region_code = now_.region_key "
            "where r.valid_until is not null"
        ).fetchall()
    )
    assert len(ended) == 63 and all(ended.values()), [code for code, ok in ended.items() if not ok]
    rows = dict(
        warehouse.execute(
            "select region_key, (valid_until::varchar, merged_into, is_split, current_region_code) from marts.dim_region "
            "where region_key in ('GM0788', 'GM0053', 'GM0140', 'GM0457', 'GM0501')"
        ).fetchall()
    )
    assert rows == {
        "GM0788": ("2021-01-01", "GM0824", True, "GM0824"),  # Haaren: over Boxtel, Oisterwijk, Tilburg and Vught
        "GM0053": ("2019-01-01", "GM1966", True, "GM1966"),  # Winsum: Het Hogeland and Westerkwartier
        "GM0140": ("2018-01-01", "GM1900", True, "GM1900"),  # Littenseradiel: three municipalities
        "GM0457": ("2022-03-24", "GM0363", False, "GM0363"),  # Weesp into Amsterdam
        "GM0501": ("2023-01-01", "GM1992", False, "GM1992"),  # Brielle into Voorne aan Zee
    }
    [(bad,)] = warehouse.execute(
        "select count(*) from marts.dim_region where region_level = 'gemeente' and not regexp_full_match(region_code, 'GM[0-9]{4}')"
    ).fetchall()
    assert bad == 0
