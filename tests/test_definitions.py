"""The Dagster code location: one entry point, assets grouped by domain, dbt wired with its tests."""

import dagster as dg

CATALOGUE_KEYS = {dg.AssetKey(["catalogue", t]) for t in ("documents", "themes", "missions", "targets", "key_technology_clusters")}
DIMENSIONS = {dg.AssetKey(["marts", m]) for m in ("dim_theme", "dim_mission", "dim_target", "dim_key_technology_cluster")}


def test_catalogue_and_dimensions_are_assets(definitions):
    keys = definitions.resolve_asset_graph().get_all_asset_keys()
    assert CATALOGUE_KEYS <= keys
    assert DIMENSIONS <= keys


def test_staging_reads_from_the_loaded_catalogue(definitions):
    graph = definitions.resolve_asset_graph()
    assert graph.get(dg.AssetKey(["staging", "stg_catalogue__missions"])).parent_keys == {dg.AssetKey(["catalogue", "missions"])}
    assert dg.AssetKey(["staging", "stg_catalogue__targets"]) in graph.get(dg.AssetKey(["marts", "dim_target"])).parent_keys


def test_assets_are_grouped_by_domain(definitions):
    graph = definitions.resolve_asset_graph()
    groups = {key: graph.get(key).group_name for key in CATALOGUE_KEYS | DIMENSIONS}
    assert {groups[k] for k in CATALOGUE_KEYS} == {"catalogus"}
    assert {groups[k] for k in DIMENSIONS} == {"marts"}


def test_dbt_tests_are_asset_checks(definitions):
    checks = definitions.resolve_asset_graph().asset_check_keys
    by_asset = {(c.asset_key, c.name) for c in checks}
    assert (dg.AssetKey(["marts", "dim_mission"]), "unique_dim_mission_mission_key") in by_asset
    assert (dg.AssetKey(["marts", "dim_target"]), "assert_quantified_targets_have_value_and_unit") in by_asset


def test_resources_are_bound(definitions):
    assert {"warehouse", "dbt"} <= set(definitions.resources)


def test_observations_come_after_the_cbs_refresh_and_feed_dbt(definitions):
    graph = definitions.resolve_asset_graph()
    observations = dg.AssetKey(["observations", "observations"])
    assert dg.AssetKey(["bronnen", "cbs_statline"]) in graph.get(observations).parent_keys
    assert graph.get(dg.AssetKey(["staging", "stg_observations__observations"])).parent_keys == {observations}


def test_the_inbox_sensor_starts_the_delivery_job(definitions):
    sensor = definitions.resolve_sensor_def("inbox_sensor")
    assert sensor.job_name == "leveringen_verwerken"
    assert sensor.default_status == dg.DefaultSensorStatus.RUNNING
