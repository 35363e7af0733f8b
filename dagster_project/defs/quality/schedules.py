"""When things run without anyone pressing a button: the daily refresh and the data-quality run."""

import dagster as dg

from dagster_project.defs.quality.checks import DATA_QUALITY_PUBLICATION_KEY, OBSERVATIONS_KEY, STORED_VALIDATION_KEY

TIMEZONE = "Europe/Amsterdam"
FRESHNESS_KEY = dg.AssetKey(["marts", "fct_indicator_freshness"])

daily_refresh_job = dg.define_asset_job(
    "dagelijkse_verversing",
    selection=dg.AssetSelection.all(),
    description="Alles opnieuw: catalogus, CBS-koppeling, inbox, validatie en de dbt-modellen.",
)

data_quality_job = dg.define_asset_job(
    "datakwaliteit_controle",
    # The re-check of everything stored, published straight to the Datakwaliteit dashboard, and the
    # freshness model (its dbt tests run with it): nothing is loaded, so this can run while nobody delivers.
    selection=(
        dg.AssetSelection.checks_for_assets(OBSERVATIONS_KEY)
        | dg.AssetSelection.assets(STORED_VALIDATION_KEY, DATA_QUALITY_PUBLICATION_KEY, FRESHNESS_KEY)
    ),
    description="Controleert alle opgeslagen cijfers opnieuw met Great Expectations en meldt achterstallige indicatoren.",
)

daily_refresh = dg.ScheduleDefinition(
    name="dagelijks_om_6_uur",
    job=daily_refresh_job,
    cron_schedule="0 6 * * *",
    execution_timezone=TIMEZONE,
    default_status=dg.DefaultScheduleStatus.RUNNING,
)

data_quality_run = dg.ScheduleDefinition(
    name="datakwaliteit_om_7_uur",
    job=data_quality_job,
    cron_schedule="0 7 * * *",
    execution_timezone=TIMEZONE,
    default_status=dg.DefaultScheduleStatus.RUNNING,
)


@dg.definitions
def defs() -> dg.Definitions:
    return dg.Definitions(jobs=[daily_refresh_job, data_quality_job], schedules=[daily_refresh, data_quality_run])
