"""The domains share one contract (dagster_project/contract.py) instead of importing each other, and
the rules defined there are defined once."""

import ast
import re
from pathlib import Path

from dagster_project.contract import vintage_order

from conftest import REPO_ROOT

DEFS = REPO_ROOT / "dagster_project" / "defs"


def _imports(folder: Path) -> set[str]:
    found = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                found.add(node.module)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
    return found


def test_the_checks_never_import_the_loader():
    """observations uses quality's validation; quality reads what observations stored only through
    the contract, so there is no cycle between the two."""
    assert not {m for m in _imports(DEFS / "quality") if m.startswith("dagster_project.defs.observations")}


def test_the_vintage_order_is_the_same_in_dbt_and_in_python():
    macro = (REPO_ROOT / "dbt" / "macros" / "vintage_order.sql").read_text(encoding="utf-8")
    descending, ascending = re.findall(r"^(release_date [^\n{]+)$", macro, flags=re.MULTILINE)
    assert ascending == vintage_order()
    assert descending == vintage_order(descending=True)
    assert vintage_order("v") == "v.release_date asc nulls first, v.loaded_at asc, v.vintage_id asc"


def test_no_model_or_loader_writes_its_own_vintage_order():
    """The rule is used through the macro and the contract, not written out again somewhere."""
    written = []
    for path in [*(REPO_ROOT / "dbt" / "models").rglob("*.sql"), *(REPO_ROOT / "dagster_project").rglob("*.py")]:
        if path.name == "contract.py":
            continue
        if re.search(r"release_date\s+(asc|desc)", path.read_text(encoding="utf-8")):
            written.append(str(path.relative_to(REPO_ROOT)))
    assert written == []


def test_indicatoren_yml_has_one_reader(monkeypatch, catalogue):
    """The catalogue's tables and the delivery rules are built from the same read of the file."""
    from dagster_project import reference
    from dagster_project.defs.catalogue import indicator_file
    from dagster_project.settings import INDICATOR_FILE

    reads = []
    real = reference.read_indicator_file

    def counted(path):
        reads.append(path)
        return real(path)

    monkeypatch.setattr(reference, "read_indicator_file", counted)
    monkeypatch.setattr(indicator_file, "read_indicator_file", counted)
    reference.load_reference(INDICATOR_FILE)
    indicator_file.read_indicators(INDICATOR_FILE, catalogue)
    assert reads == [INDICATOR_FILE, INDICATOR_FILE]
    opened_elsewhere = [
        str(p.relative_to(REPO_ROOT))
        for p in (REPO_ROOT / "dagster_project").rglob("*.py")
        if p.name != "reference.py"
        and "indicatoren.yml" in p.read_text(encoding="utf-8")
        and "safe_load" in p.read_text(encoding="utf-8")
    ]
    assert opened_elsewhere == []
