"""The synthetic scale set: municipality-level series, clearly labelled, in a database of its own.

Nothing here is a published figure. Every synthetic row carries the indicator prefix SYN_, region
prefix GM_SYN_, publisher 'SYNTHETISCH' and source_kind 'synthetisch', and the dbt test
assert_synthetic_data_only_in_scale_sets fails the build of any warehouse that is not a scale set
(dbt var `schaaltest`). The real catalogue and real observations are copied in beside them, so the
dashboards' queries find the same rows as on the real warehouse plus the synthetic bulk.

Size at factor f: (342 municipalities + NL) x 35 years (1990-2024) x 2f indicators x 3 vintages;
f = 100 gives 200 indicators and 7,203,000 synthetic observations.
"""

from dataclasses import dataclass
from pathlib import Path

import duckdb

MUNICIPALITIES = 342
FIRST_YEAR, LAST_YEAR = 1990, 2024
VINTAGES = 3
INDICATORS_PER_FACTOR = 2
PUBLISHER = "SYNTHETISCH"
LABEL = "Synthetische schaaltest - geen gepubliceerde cijfers"


@dataclass(frozen=True)
class ScaleSet:
    factor: int
    path: Path

    @property
    def indicators(self) -> int:
        return INDICATORS_PER_FACTOR * self.factor

    @property
    def expected_rows(self) -> int:
        return (MUNICIPALITIES + 1) * (LAST_YEAR - FIRST_YEAR + 1) * self.indicators * VINTAGES


def build_raw(scale: ScaleSet, warehouse: Path) -> int:
    """Create the scale set's raw schemas: the real ones copied from `warehouse`, the synthetic rows
    added. Returns the number of synthetic observations."""
    scale.path.parent.mkdir(parents=True, exist_ok=True)
    scale.path.unlink(missing_ok=True)
    with duckdb.connect(str(scale.path)) as conn:
        conn.execute("attach ? as real (read_only)", [str(warehouse)])
        # every raw schema the pipeline loads (catalogue, observations, validation results)
        raw_tables = conn.execute(
            "select schema_name, table_name from duckdb_tables() where database_name = 'real' "
            "and schema_name like 'raw\\_%' escape '\\' order by 1, 2"
        ).fetchall()
        for schema in sorted({schema for schema, _ in raw_tables}):
            conn.execute(f"create schema {schema}")
        for schema, table in raw_tables:
            conn.execute(f"create table {schema}.{table} as select * from real.{schema}.{table}")
        conn.execute("detach real")
        _add_synthetic_catalogue(conn, scale)
        _add_synthetic_observations(conn, scale)
        count = conn.execute(
            "select count(*) from raw_observations.observations where indicator_code like 'SYN\\_%' escape '\\'"
        ).fetchone()[0]
        conn.execute("checkpoint")
    return count


def _add_synthetic_catalogue(conn: duckdb.DuckDBPyConnection, scale: ScaleSet) -> None:
    conn.execute(f"""
        insert into raw_catalogue.regions by name
        select 'GM_SYN_' || lpad(n::varchar, 3, '0') as code, 'Synthetische gemeente ' || n as naam, 'gemeente' as niveau
        from range(1, {MUNICIPALITIES + 1}) t(n)""")
    # Each synthetic indicator measures a real relative target whose base year lies in the series,
    # so the progress models do their full work on it.
    conn.execute(f"""
        create temp table synthetic_indicators as
        with targets as (
            select code as target_code, missie, richting, row_number() over (order by code) - 1 as i,
                   count(*) over () as n
            from raw_catalogue.targets
            where kwantificering = 'relatief' and basisjaar between {FIRST_YEAR} and {LAST_YEAR}
        )
        select 'SYN_' || lpad(k::varchar, 3, '0') as code, k, targets.*
        from range(1, {scale.indicators + 1}) t(k)
        join targets on targets.i = (k - 1) % targets.n""")
    if conn.execute("select count(*) from synthetic_indicators").fetchone()[0] != scale.indicators:
        raise RuntimeError("De catalogus heeft geen relatief doel met een basisjaar tussen 1990 en 2024.")
    conn.execute(f"""
        insert into raw_catalogue.indicators by name
        select code, 'Synthetische indicator ' || k || ' ({LABEL})' as naam,
               'Synthetic indicator ' || k || ' (scale test, not published data)' as naam_en,
               'index' as eenheid, richting, missie, 'benchmark' as eigenaar, 'totaal' as uitsplitsingen,
               12 as actualiteit_maanden, '{LABEL}' as actualiteit_bron
        from synthetic_indicators""")
    conn.execute("""insert into raw_catalogue.indicator_targets by name
                    select code as indicator, target_code as doel from synthetic_indicators""")


def _add_synthetic_observations(conn: duckdb.DuckDBPyConnection, scale: ScaleSet) -> None:
    conn.execute(f"""
        insert into raw_observations.vintages by name
        select 'synthetisch-' || v || 'v{scale.factor}x' as vintage_id, 'synthetisch' as source_kind,
               'schaaltest_' || v || '.csv' as file_name, sha256('schaaltest {scale.factor} ' || v) as sha256,
               '{PUBLISHER}' as publisher, '{LABEL}' as source_table, null as source_url,
               make_date(2022 + v, 6, 1) as release_date, 'dag' as release_precision, null as retrieved_on,
               0 as row_count, now()::timestamp as loaded_at, null as delivery_id
        from range(1, {VINTAGES + 1}) t(v)""")
    # A smooth trend per indicator and region in the target's direction, revised a little in each
    # vintage; the newest year of each vintage provisional, as CBS marks it.
    conn.execute(f"""
        insert into raw_observations.observations by name
        with regions as (
            select code as region_code from raw_catalogue.regions where code like 'GM\\_SYN\\_%' escape '\\' or code = 'NL'
        )
        select 'synthetisch-' || v || 'v{scale.factor}x' as vintage_id,
               row_number() over (partition by v) as row_number,
               i.code as indicator_code, r.region_code, y::varchar as period_label, y as period_year,
               'totaal' as breakdown,
               round(100 * power(1 + (case i.richting when 'omlaag' then -1 else 1 end)
                                   * (0.002 + (hash(i.code, r.region_code) % 30)::integer / 1000.0), y - {FIRST_YEAR})
                         * (1 + ((hash(i.code, r.region_code, y, v) % 200)::integer - 100) / 10000.0), 3) as value,
               'index' as unit,
               case when y = {LAST_YEAR} then 'voorlopig' else 'definitief' end as status,
               '{LABEL}' as note
        from synthetic_indicators i, regions r, range({FIRST_YEAR}, {LAST_YEAR + 1}) t(y), range(1, {VINTAGES + 1}) s(v)""")
    conn.execute("""update raw_observations.vintages set row_count = counts.n
                    from (select vintage_id, count(*) as n from raw_observations.observations group by 1) counts
                    where counts.vintage_id = vintages.vintage_id and vintages.source_kind = 'synthetisch'""")
