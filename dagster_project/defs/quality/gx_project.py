"""The Great Expectations 1.x file project in expectations/: one pandas data source, per load kind a
data asset, suite, validation definition and checkpoint that also updates the Data Docs.

dagster-ge does not support GX 1.x and GX on DuckDB through SQLAlchemy fails (GX issues #10738 and #11579; docs/beheer.md),
so every load is validated as a pandas DataFrame before it is written.
"""

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import great_expectations as gx
import pandas as pd
from great_expectations.data_context.types.base import ProgressBarsConfig

from dagster_project.defs.quality.suites import LOAD_KINDS, build_suite, suite_name
from dagster_project.defs.stop_requests import stop_if_asked
from dagster_project.reference import Reference

DATA_SOURCE = "missiemonitor_waarnemingen"
BATCH = "heel_bestand"
DOCS_SITE = "local_site"
# The Data Docs index lists this many of the newest validations, and older ones are pruned. GX reads
# every listed result back from disk to draw the index, so without a bound each build grows with the
# whole history (a daily re-check adds one result per stored version).
DOCS_INDEX_LIMIT = 100


@dataclass
class GxProject:
    root: Path
    context: object
    checkpoints: dict
    rules: str  # fingerprint of the suites, result format and GX version: what decides an outcome
    unpublished: list = field(default_factory=list)

    @property
    def data_docs_index(self) -> Path:
        return docs_site(self.root) / "index.html"

    def run(self, kind: str, frame: pd.DataFrame):
        """Validate one frame with the suite of its load kind; returns GX's ExpectationSuiteValidationResult."""
        stop_if_asked()  # a stop lost in GX's previous validation is honoured before the next
        result = self.checkpoints[kind].run(batch_parameters={"dataframe": frame})
        [(result_id, validation)] = result.run_results.items()
        self.unpublished.append(result_id)
        return validation

    def build_docs(self) -> None:
        """The Data Docs pages of the validations since the last build, and the index, once.

        Not a checkpoint action: that rebuilds the index after every file, which made a re-check of
        41 stored versions spend half its time redrawing the same index (profiled with cProfile)."""
        if self.unpublished:
            self.context.build_data_docs(site_names=[DOCS_SITE], resource_identifiers=self.unpublished)
            self.unpublished = []
            prune_validations(self.root)


def docs_site(root: Path) -> Path:
    """The Data Docs site of the project at `root` (index.html, a page per validation)."""
    return root / "gx" / "uncommitted" / "data_docs" / DOCS_SITE


def prune_validations(root: Path) -> None:
    """Keep GX's stored results and Data Docs pages of the newest DOCS_INDEX_LIMIT validations: what
    the index lists. A full refresh adds ~40 validations of ~230 kB each, which no page links to once
    they drop off the index; every outcome stays in raw_quality.validation_results."""
    results = root / "gx" / "uncommitted" / "validations"
    # <suite>/<run name>/<run time, e.g. 20261130T044121.831246Z>/<batch>.json; run times sort as text
    stored = sorted(results.glob("*/*/*/*.json"), key=lambda path: (path.parent.name, str(path)), reverse=True)
    pages = docs_site(root) / "validations"
    for old in stored[DOCS_INDEX_LIMIT:]:
        relative = old.relative_to(results)
        old.unlink()
        (pages / relative).with_suffix(".html").unlink(missing_ok=True)
        for top, folder in ((results, old.parent), (pages, (pages / relative).parent)):
            while folder != top and folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
                folder = folder.parent


# One open project per folder. Opening it with another reference rewrites the suites, which makes
# GX refuse checkpoints built before (CheckpointRelatedResourcesFreshnessError), so the old one goes.
_OPEN: dict[str, tuple[str, GxProject]] = {}


def open_project(root: Path, reference: Reference) -> GxProject:
    """The project at `root`, with suites rebuilt from `reference` (written once per process and reference)."""
    key = repr(reference)
    cached = _OPEN.get(str(root))
    if cached is not None and cached[0] == key:
        return cached[1]
    root.mkdir(parents=True, exist_ok=True)
    context = gx.get_context(mode="file", project_root_dir=str(root))
    bars = context.variables.progress_bars  # a config object when fresh, a dict once saved and re-read
    if (bars.get("globally") if isinstance(bars, dict) else getattr(bars, "globally", None)) is not False:
        context.variables.progress_bars = ProgressBarsConfig(globally=False)
        context.variables.save()
    _bound_docs_index(context)
    try:
        source = context.data_sources.get(DATA_SOURCE)
    except (KeyError, ValueError):
        source = context.data_sources.add_pandas(DATA_SOURCE)
    suites = {kind: build_suite(kind, reference) for kind in LOAD_KINDS}
    stamp = root / "gx" / "uncommitted" / "suites_gebouwd_uit.sha256"
    fingerprint = _fingerprint(suites)
    existing = {c.name for c in context.checkpoints.all()}
    checkpoints = None
    if stamp.exists() and stamp.read_text() == fingerprint and {suite_name(k) for k in LOAD_KINDS} <= existing:
        # Written by an earlier process from the same rules: rewriting suites, validation definitions
        # and checkpoints costs every run 1.4 s (a daemon run is a process of its own).
        try:
            checkpoints = {kind: context.checkpoints.get(suite_name(kind)) for kind in LOAD_KINDS}
        except Exception:  # a file of the project removed or damaged by hand: write them all again
            checkpoints = None
    if checkpoints is None:
        checkpoints = {kind: _write_checkpoint(context, source, kind, suite) for kind, suite in suites.items()}
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(fingerprint)
    project = GxProject(root=root, context=context, checkpoints=checkpoints, rules=fingerprint)
    _OPEN[str(root)] = (key, project)
    return project


# COMPLETE with row_number: every failing row is named, so the report can say "rij 7".
RESULT_FORMAT = {"result_format": "COMPLETE", "unexpected_index_column_names": ["row_number"]}
# Raise when checkpoints are built differently, so projects written by the old code are rewritten.
CHECKPOINT_LAYOUT = 2  # 2: no Data Docs action in the checkpoint (build_docs, once per run)


def _fingerprint(suites: dict) -> str:
    built = {kind: suite.to_json_dict() for kind, suite in suites.items()}
    text = json.dumps([built, RESULT_FORMAT, CHECKPOINT_LAYOUT, gx.__version__], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _write_checkpoint(context, source, kind: str, suite) -> object:
    names = {a.name for a in source.assets}
    asset = source.get_asset(kind) if kind in names else source.add_dataframe_asset(name=kind)
    batches = {b.name for b in asset.batch_definitions}
    batch = asset.get_batch_definition(BATCH) if BATCH in batches else asset.add_batch_definition_whole_dataframe(BATCH)
    suite = context.suites.add_or_update(suite)
    definition = context.validation_definitions.add_or_update(
        gx.ValidationDefinition(name=suite_name(kind), data=batch, suite=suite)
    )
    return context.checkpoints.add_or_update(
        gx.Checkpoint(name=suite_name(kind), validation_definitions=[definition], result_format=RESULT_FORMAT)
    )


def build_open_docs() -> None:
    """Build the Data Docs of every project this process validated with since the last build."""
    for _, project in _OPEN.values():
        project.build_docs()


def _bound_docs_index(context) -> None:
    site = dict(context.variables.data_docs_sites[DOCS_SITE])
    index = dict(site.get("site_index_builder") or {"class_name": "DefaultSiteIndexBuilder"})
    if index.get("validation_results_limit") != DOCS_INDEX_LIMIT:
        context.update_data_docs_site(
            DOCS_SITE, {**site, "site_index_builder": {**index, "validation_results_limit": DOCS_INDEX_LIMIT}}
        )
