"""The Great Expectations 1.x file project in expectations/: one pandas data source, per load kind a
data asset, suite, validation definition and checkpoint that also updates the Data Docs.

dagster-ge does not support GX 1.x and GX on DuckDB through SQLAlchemy fails (GX issues #10738 and #11579; docs/beheer.md),
so every load is validated as a pandas DataFrame before it is written.
"""

from dataclasses import dataclass
from pathlib import Path

import great_expectations as gx
import pandas as pd
from great_expectations.checkpoint import UpdateDataDocsAction
from great_expectations.data_context.types.base import ProgressBarsConfig

from dagster_project.defs.quality.suites import LOAD_KINDS, build_suite, suite_name
from dagster_project.reference import Reference

DATA_SOURCE = "missiemonitor_waarnemingen"
BATCH = "heel_bestand"


@dataclass
class GxProject:
    root: Path
    context: object
    checkpoints: dict

    @property
    def data_docs_index(self) -> Path:
        return self.root / "gx" / "uncommitted" / "data_docs" / "local_site" / "index.html"

    def run(self, kind: str, frame: pd.DataFrame):
        """Validate one frame with the suite of its load kind; returns GX's ExpectationSuiteValidationResult."""
        result = self.checkpoints[kind].run(batch_parameters={"dataframe": frame})
        [validation] = result.run_results.values()
        return validation


# One open project per folder. Opening it with another reference rewrites the suites, which makes
# GX refuse checkpoints built before (CheckpointRelatedResourcesFreshnessError), so the old one goes.
_OPEN: dict[str, tuple[str, GxProject]] = {}


def open_project(root: Path, reference: Reference) -> GxProject:
    """The project at `root`, with suites rebuilt from `reference` (written once per process and reference)."""
    cached = _OPEN.get(str(root))
    if cached is not None and cached[0] == repr(reference):
        return cached[1]
    root.mkdir(parents=True, exist_ok=True)
    context = gx.get_context(mode="file", project_root_dir=str(root))
    bars = context.variables.progress_bars  # a config object when fresh, a dict once saved and re-read
    if (bars.get("globally") if isinstance(bars, dict) else getattr(bars, "globally", None)) is not False:
        context.variables.progress_bars = ProgressBarsConfig(globally=False)
        context.variables.save()
    try:
        source = context.data_sources.get(DATA_SOURCE)
    except (KeyError, ValueError):
        source = context.data_sources.add_pandas(DATA_SOURCE)
    checkpoints = {}
    for kind in LOAD_KINDS:
        names = {a.name for a in source.assets}
        asset = source.get_asset(kind) if kind in names else source.add_dataframe_asset(name=kind)
        batches = {b.name for b in asset.batch_definitions}
        batch = asset.get_batch_definition(BATCH) if BATCH in batches else asset.add_batch_definition_whole_dataframe(BATCH)
        suite = context.suites.add_or_update(build_suite(kind, reference))
        definition = context.validation_definitions.add_or_update(
            gx.ValidationDefinition(name=suite_name(kind), data=batch, suite=suite)
        )
        checkpoints[kind] = context.checkpoints.add_or_update(
            gx.Checkpoint(
                name=suite_name(kind),
                validation_definitions=[definition],
                actions=[UpdateDataDocsAction(name="data_docs_bijwerken")],
                # COMPLETE with row_number: every failing row is named, so the report can say "rij 7".
                result_format={"result_format": "COMPLETE", "unexpected_index_column_names": ["row_number"]},
            )
        )
    project = GxProject(root=root, context=context, checkpoints=checkpoints)
    _OPEN[str(root)] = (repr(reference), project)
    return project
