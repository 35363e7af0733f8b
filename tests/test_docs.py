"""The README and docs/ against the project: links resolve inside the repository, numbers and names
match what the project holds, and no page speaks of how it was built instead of what it does.

Fast: reads files only (no pipeline, no import of Dagster or dbt). The source research under
docs/bronnen/onderzoek/ is a record of what was found where; it is linked to, not checked here.
"""

import ast
import csv
import re
from pathlib import Path

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
DOCS = REPO_ROOT / "docs"
README = REPO_ROOT / "README.md"
RESEARCH = DOCS / "bronnen" / "onderzoek"

PAGES = sorted(
    [README, REPO_ROOT / "dashboards" / "README.md", REPO_ROOT / "expectations" / "README.md"]
    + [p for p in DOCS.rglob("*.md") if RESEARCH not in p.parents]
)
# Paths a page may name that exist only once the project runs (git-ignored or written by a run).
RUN_TIME_PATHS = (
    "data/warehouse/",
    "data/serving/",
    "data/inbox/",
    "data/leveringen/",
    "data/quarantaine/",
    "data/bronnen/",
    "data/benchmark/",
    "data/rapport/",
    "dbt/target/",
    "expectations/gx/uncommitted/",
    ".superset/",
    ".dagster_home/",
    ".venv/",
    ".venv-superset/",
    ".run/",
)
TOP_LEVEL = (
    "dagster_project/",
    "dbt/",
    "data/",
    "dashboards/",
    "tools/",
    "tests/",
    "docs/",
    "expectations/",
    "requirements/",
    ".ci/",
)

LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")
CODE_SPAN = re.compile(r"`([^`\n]+)`")


def _text(page: Path) -> str:
    return page.read_text(encoding="utf-8")


def _flat(page: Path) -> str:
    """The page's text with every run of white space as one space, for phrases that wrap."""
    return " ".join(_text(page).split())


def _prose(page: Path) -> str:
    """The page without fenced code blocks (config examples may hold anything)."""
    return re.sub(r"^```.*?^```", "", _text(page), flags=re.S | re.M)


def _rel(page: Path) -> str:
    return str(page.relative_to(REPO_ROOT))


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    heading = re.sub(r"[`*_]", "", heading.strip().lower())
    return re.sub(r"[^\w\- ]", "", heading).replace(" ", "-")


def _anchors(page: Path) -> set[str]:
    return {_slug(m.group(1)) for m in re.finditer(r"^#{1,6}\s+(.+?)\s*$", _prose(page), flags=re.M)}


def _catalogue() -> dict:
    return yaml.safe_load((REPO_ROOT / "data" / "reference" / "missiecatalogus.yml").read_text(encoding="utf-8"))


def _indicators() -> dict:
    return yaml.safe_load((REPO_ROOT / "data" / "reference" / "indicatoren.yml").read_text(encoding="utf-8"))


def _constant(module: Path, name: str):
    """A module-level constant, read without importing the module."""
    for node in ast.parse(module.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            return eval(compile(ast.Expression(node.value), str(module), "eval"), {})  # literals and arithmetic only
    raise LookupError(f"{name} not in {module}")


# --- links and paths ---------------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES, ids=_rel)
def test_every_relative_link_points_to_a_file_in_the_repository(page):
    broken = []
    for target in LINK.findall(_prose(page)):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):  # http(s), mailto: public addresses
            assert target.startswith(("https://", "http://", "mailto:")), f"{_rel(page)}: {target}"
            continue
        path_part, _, anchor = target.partition("#")
        resolved = (page.parent / path_part).resolve() if path_part else page
        if REPO_ROOT not in resolved.parents and resolved != REPO_ROOT:
            broken.append(f"{target} (outside the repository)")
        elif not resolved.exists():
            broken.append(f"{target} (no such file)")
        elif anchor and resolved.suffix == ".md" and anchor not in _anchors(resolved):
            broken.append(f"{target} (no heading #{anchor})")
    assert broken == [], f"{_rel(page)}: {broken}"


@pytest.mark.parametrize("page", PAGES, ids=_rel)
def test_no_page_points_outside_the_repository(page):
    """Not as a link and not as a path in the text either (a clone has no ../shared/)."""
    outside = [
        m.group(0)
        for m in re.finditer(r"(?<![\w/])(?:\.\./)+[\w.\-/]+", _text(page))
        if REPO_ROOT not in (page.parent / m.group(0)).resolve().parents
    ]
    assert outside == [], f"{_rel(page)} names paths outside the repository: {outside}"


@pytest.mark.parametrize("page", PAGES, ids=_rel)
def test_every_repository_path_a_page_names_exists(page):
    missing = []
    for span in CODE_SPAN.findall(_prose(page)):
        path = span.split()[0].rstrip(".,:;)")
        if not path.startswith(TOP_LEVEL) or any(c in path for c in "<>*…{}$"):
            continue
        if path.startswith(RUN_TIME_PATHS) or (REPO_ROOT / path).exists():
            continue
        missing.append(path)
    assert missing == [], f"{_rel(page)} names paths that do not exist: {missing}"


@pytest.mark.parametrize("page", PAGES, ids=_rel)
def test_every_make_command_a_page_names_exists(page):
    makefile = _text(REPO_ROOT / "Makefile")
    targets = set(re.findall(r"^([A-Za-z][\w-]*):", makefile, flags=re.M))
    # a command: in backticks, or at the start of a line in a code block, possibly after VAR=value
    blocks = "\n".join(re.findall(r"^```.*?^```", _text(page), flags=re.S | re.M))
    named = set(re.findall(r"`(?:[A-Z_]+=\S* )*make ([a-z][\w-]*)", _prose(page)))
    named |= set(re.findall(r"^\s*(?:[A-Z_]+=\S* )*make ([a-z][\w-]*)", blocks, flags=re.M))
    assert named - targets == set(), f"{_rel(page)} names make targets the Makefile does not have"


# --- what the pages speak of -------------------------------------------------------------------

BUILD_TALK = [
    (re.compile(r"\bissues?\s*#?\d+", re.I), "an issue number"),
    (re.compile(r"(?<![\w&/#])#\d+\b"), "an issue number"),
    (re.compile(r"`issues\b|^\s*issues\s+\w+", re.M), "the issue-tracker command"),
    (re.compile(r"\bthis session\b|\bdeze sessie\b|\bclosing notes\b", re.I), "how it was built"),
]


@pytest.mark.parametrize("page", PAGES, ids=_rel)
def test_pages_speak_of_the_product_not_of_how_it_was_built(page):
    # Public URLs may hold numbers after a slash (an upstream bug report); the text may not.
    text = re.sub(r"https?://\S+", "", _text(page))
    found = [f"{what}: {m.group(0)!r}" for pattern, what in BUILD_TALK for m in pattern.finditer(text)]
    assert found == [], f"{_rel(page)}: {found}"


def test_the_readme_is_a_front_door():
    text = _text(README)
    assert len(text.splitlines()) <= 200
    assert not re.search(r"\bcommit `?[0-9a-f]{7,40}\b", text), "timing logs with commit hashes belong in docs/benchmark/"
    assert "benchmark:begin" not in text, "measured figures live in docs/benchmark/resultaat.md only"
    for command in ("make run", "make test", "make test-fast"):
        assert command in text
    assert re.search(r"^## .*(Beperkingen|limitations)", text, flags=re.M | re.I)


def test_every_page_in_docs_is_reachable_from_the_readme():
    """README -> docs/README.md and the pages it links -> every page in docs/ (research excepted)."""
    seen, todo = set(), [README]
    while todo:
        page = todo.pop()
        if page in seen or page.suffix != ".md" or not page.exists():
            continue
        seen.add(page)
        for target in LINK.findall(_prose(page)):
            if not re.match(r"^[a-z]+:", target) and target.partition("#")[0]:
                todo.append((page.parent / target.partition("#")[0]).resolve())
    unreachable = [_rel(p) for p in PAGES if p not in seen]
    assert unreachable == []


# --- numbers and names against the project -----------------------------------------------------


def test_mission_and_theme_counts_are_the_catalogue_s():
    catalogue = _catalogue()
    entries = catalogue["missies"]
    counted = [m for m in entries if m.get("telt_mee_in_25", True)]
    themes = catalogue["themas"]
    readme = _flat(README)
    assert re.findall(r"\b(\d+) missions\b", readme) == [str(len(counted))]
    assert re.findall(r"\b(\d+) themes\b", readme) == [str(len(themes))]

    method = _flat(DOCS / "methodologie.md")
    per_theme = ", ".join(f"{t['code']} {sum(m['thema'] == t['code'] for m in entries)}" for t in themes)
    assert f"{len(entries)} missie-items in {len(themes)} thema's: {per_theme}" in method
    assert f"van {len(counted)} missies" in method


def test_the_dashboards_listed_are_the_bundle_s():
    bundle = {
        yaml.safe_load(p.read_text(encoding="utf-8"))["dashboard_title"]
        for p in (REPO_ROOT / "dashboards" / "bundle" / "dashboards").glob("*.yaml")
    }
    listed = set(re.findall(r"^\| \*\*(.+?)\*\* \|", _text(README), flags=re.M))
    assert listed == bundle


def test_the_snapshot_table_lists_every_file_with_its_indicators():
    table = {}
    for line in _text(DOCS / "bronnen.md").splitlines():
        m = re.match(r"^\| `([^`]+\.csv)` \| (.+?) \|", line)
        if m:
            table[m.group(1)] = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", m.group(2)))
    files = {}
    for path in (REPO_ROOT / "data" / "snapshot").glob("*.csv"):
        with path.open(encoding="utf-8-sig", newline="") as f:
            files[path.name] = {row["indicator"] for row in csv.DictReader(f, delimiter=";")}
    assert table == files


def test_every_indicator_code_a_page_names_is_in_the_reference():
    reference = _indicators()
    codes = {i["code"] for i in reference["indicatoren"] + reference["afgeleide_indicatoren"]}
    # any code that starts like an indicator code of the reference (BKG_, GLV_, SLACHTOFFER_, ...)
    prefixes = "|".join(sorted({code.split("_")[0] for code in codes}))
    for page in PAGES:
        named = set(re.findall(rf"`((?:{prefixes})_[A-Z0-9_]+)`", _text(page)))
        assert named <= codes, f"{_rel(page)}: {named - codes}"


def _number(x: float, decimals: int) -> str:
    return f"{x:.{decimals}f}".replace(".", ",").replace("-", "−")


def test_the_greenhouse_gas_example_is_computed_from_the_snapshot_and_the_catalogue():
    """Open SDG's ratio for BKG_TOTAAL against the Klimaatwet target, as methodologie.md states it."""
    with (REPO_ROOT / "data" / "snapshot" / "cbs_nederland_in_cijfers_2024__broeikasgassen.csv").open(
        encoding="utf-8-sig", newline=""
    ) as f:
        series = {int(r["periode"]): float(r["waarde"].replace(",", ".")) for r in csv.DictReader(f, delimiter=";")}
    [target] = [d for m in _catalogue()["missies"] for d in m["doelen"] if d["code"] == "ET-BKG:2030:KLIMAATWET"]
    settings = yaml.safe_load((REPO_ROOT / "dbt" / "dbt_project.yml").read_text(encoding="utf-8"))["vars"]
    target_value = series[target["basisjaar"]] * (1 + target["doelwaarde"] / 100)
    current_year = max(series)
    method = _flat(DOCS / "methodologie.md")

    assert f"{_number(target_value, 1)} mld kg CO2-eq in {target['doeljaar']}" in method
    assert f"uit {_number(series[target['basisjaar']], 1)} in {target['basisjaar']}" in method
    for base_year in settings["progress_base_years"]:
        observed = (series[current_year] / series[base_year]) ** (1 / (current_year - base_year)) - 1
        required = (target_value / series[base_year]) ** (1 / (target["doeljaar"] - base_year)) - 1
        ratio = -1 * observed / abs(required)  # lower is better
        assert f"basisjaar {base_year} geeft" in method
        assert f"R = {_number(ratio, 2)}" in method
        if base_year == settings["progress_base_years"][0]:
            assert (
                f"{_number(observed * 100, 1)} % per jaar waargenomen tegen {_number(required * 100, 1)} % per jaar nodig"
                in method
            )
    assert f"over de laatste {settings['progress_trend_window_years']} jaar" in method


def test_the_delivery_template_is_the_reader_s():
    reader = REPO_ROOT / "dagster_project" / "defs" / "observations" / "delivery_file.py"
    required, optional = _constant(reader, "REQUIRED_COLUMNS"), _constant(reader, "OPTIONAL_COLUMNS")
    rows = re.findall(r"^\| `(\w+)` \| (ja|nee) \|", _text(DOCS / "aanleveren.md"), flags=re.M)
    assert {c for c, r in rows if r == "ja"} == set(required)
    assert {c for c, r in rows if r == "nee"} == set(optional)
    assert f"Hoogstens {_constant(reader, 'MAX_FILE_BYTES') // (1024 * 1024)} MB" in _flat(DOCS / "aanleveren.md")


def test_schedules_sensor_and_retries_are_the_code_s():
    defs = REPO_ROOT / "dagster_project" / "defs"
    schedules = _text(defs / "quality" / "schedules.py")
    beheer, delivering = _flat(DOCS / "beheer.md"), _flat(DOCS / "aanleveren.md")
    for name, hour in re.findall(r'name="(\w+)".*?cron_schedule="0 (\d+) \* \* \*"', schedules, flags=re.S):
        assert re.search(rf"\| `{name}` \| daily {hour}:00 \|", beheer), name
    interval = re.search(r"minimum_interval_seconds=(\d+)", _text(defs / "observations" / "inbox_sensor.py")).group(1)
    assert f"every {interval} s" in beheer
    assert f"elke {interval} seconden" in delivering
    retries = [s // 60 for s in _constant(defs / "observations" / "inbox_sensor.py", "RETRY_AFTER_SECONDS")]
    wording = f"{', '.join(map(str, retries[:-1]))} and {retries[-1]} minutes"
    assert wording in beheer
    assert wording.replace(" and ", " en ").replace("minutes", "minuten") in delivering
    jump = round(_constant(defs / "quality" / "suites.py", "JUMP_SHARE") * 100)
    assert f"meer dan {jump} % afwijkt" in delivering


def test_the_coverage_table_is_the_reference_s():
    """docs/dekking.md lists every mission with exactly the indicators the reference gives it (an
    identical mission those of the one it is identical to), each as exact or proxy with its targets,
    and the length of its longest series in the snapshot; a mission without one says so."""
    reference = _indicators()
    entries = {e["code"]: e for e in reference["indicatoren"] + reference["afgeleide_indicatoren"]}
    missions = _catalogue()["missies"]
    mission_of_target = {t["code"]: m["code"] for m in missions for t in m["doelen"]}
    measuring = {}
    for code, entry in entries.items():
        for mission in {entry["missie"], *(mission_of_target[t] for t in entry.get("doelen") or [])}:
            measuring.setdefault(mission, set()).add(code)
    series = {}
    for path in (REPO_ROOT / "data" / "snapshot").glob("*.csv"):
        with path.open(encoding="utf-8-sig", newline="") as f:
            for row in csv.DictReader(f, delimiter=";"):
                series.setdefault((row["indicator"], row["uitsplitsing"] or "totaal"), set()).add(row["periode"])

    def longest(code: str) -> int:
        source = entries[code].get("afgeleid_van")
        if source:  # a gap per remaining breakdown, in every period both groups have
            return max(len(p) for (c, _), p in series.items() if c == source)
        return max((len(p) for (c, _), p in series.items() if c == code), default=0)

    rows = re.findall(
        r"^\| ([A-Z]+-[A-Z0-9-]+)(?: \(via [A-Z-]+\))? \| (.+?) \| (.+?) \| .+? \| .+? \| (\d+)",
        _text(DOCS / "dekking.md"),
        flags=re.M,
    )
    listed = {}
    for mission, indicator, fit, count in rows:
        code = indicator.strip("`") if indicator != "—" else None
        listed.setdefault(mission, set())
        if code:
            listed[mission].add(code)
            entry = entries[code]
            targets = re.findall(r"`([A-Z0-9:-]+)`", fit)
            assert (fit.split(";")[0], targets) == (entry["meet_doel"], entry.get("doelen") or []), (mission, code)
            assert int(count) == longest(code), (mission, code)
        else:
            assert count == "0", mission
    expected = {m["code"]: measuring.get(m.get("identiek_aan") or m["code"], set()) for m in missions}
    assert listed == expected
