"""dbt models as Dagster assets; `dbt build` runs the tests too, which Dagster shows as asset checks."""

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets

from dagster_project.contract import DELIVERIES_JOB
from dagster_project.defs.transform.project import dbt_project
from dagster_project.settings import dbt_target_dir, dbt_vars


class MissiemonitorTranslator(DagsterDbtTranslator):
    def get_group_name(self, dbt_resource_props: dict) -> str | None:
        if dbt_resource_props["resource_type"] == "source":
            return super().get_group_name(dbt_resource_props)
        # models/<layer>/... -> group by layer: staging, intermediate, marts
        return dbt_resource_props["fqn"][1] if len(dbt_resource_props["fqn"]) > 2 else "dbt"


@dbt_assets(manifest=dbt_project.manifest_path, project=dbt_project, dagster_dbt_translator=MissiemonitorTranslator())
def missiemonitor_dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource):
    # A target folder per warehouse that outlives the run, so dbt parses only what changed (partial
    # parsing) instead of the whole project at every delivery: about 2.5 s of a run (benchmark).
    # Unit tests check the models' SQL on fixed inputs, not the data: a delivery changes only data, so
    # they run in the daily refresh and `make test`, not again for every delivered file.
    skip = ["--exclude-resource-type", "unit_test"] if context.job_name == DELIVERIES_JOB else []
    yield from dbt.cli(["build", "--vars", dbt_vars(), *skip], context=context, target_path=dbt_target_dir()).stream()
