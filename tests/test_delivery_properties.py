"""Property-based tests: whatever bytes arrive, the reader and the load end in 'loaded' or 'refused
with a named rule', never in an exception, and nothing a file says is silently dropped.

The valid file they mutate holds real published figures: CBS's first estimate of 2020 greenhouse-gas
emissions (March 2021) and RIVM VZinfo's healthy life expectancy of men, 2019 and 2020.
"""

import csv
import io
import zipfile

import duckdb
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dagster_project.defs.observations.delivery_file import TEMPLATE_COLUMNS, DeliveryError, read_delivery, unsafe_text_reason
from dagster_project.defs.observations.observation_store import DeliveryFolders, ensure_tables, process_inbox
from dagster_project.reference import load_reference
from dagster_project.settings import INDICATOR_FILE

HEADER = list(TEMPLATE_COLUMNS)
VZINFO = [
    "RIVM (VZinfo), bron CBS StatLine",
    "Monitor Missies Gezondheid en Zorg: Centrale missie",
    "https://www.vzinfo.nl/monitor-missies-gezondheid-en-zorg/centrale-missie",
    "onbekend",
    "24-11-2026",
]
ROWS = [
    ["GLV_GEBOORTE", "NL", "2019", "geslacht:man", "64,8", "jaren", "definitief", *VZINFO, "goed ervaren gezondheid"],
    ["GLV_GEBOORTE", "NL", "2020", "geslacht:man", "66,4", "jaren", "definitief", *VZINFO, "goed ervaren gezondheid"],
]


def _csv(rows, header=HEADER, terminator="\r\n") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator=terminator).writerows([header, *rows])
    return buffer.getvalue().encode("utf-8")


def _xlsx(rows) -> bytes:
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


VALID_CSV = _csv(ROWS)
VALID_XLSX = _xlsx(ROWS)


def _read_ends_well(name: str, content: bytes):
    """The property: a Delivery, or a DeliveryError whose every problem names a rule. Anything else fails."""
    try:
        delivery = read_delivery(name, content)
    except DeliveryError as refused:
        assert refused.problems and all(p.rule for p in refused.problems)
        assert "is geweigerd" in str(refused)
        return None
    assert len(delivery.rows) >= 1
    return delivery


@st.composite
def mutated(draw, original: bytes):
    """The valid file with a few bytes inserted, deleted or replaced, picked to hit the reader's edges."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["insert", "delete", "replace", "truncate"]))
        piece = draw(
            st.one_of(
                st.sampled_from(
                    [
                        b'"',
                        b";",
                        b"\r",
                        b"\n",
                        b"\x00",
                        b"=",
                        b"<b>",
                        b"\xff",
                        b"\x81",
                        b"\xe2",
                        b"\xef\xbb\xbf",
                        b"\xff\xfe",
                        b",",
                        b"\t",
                        b"*",
                        b"9" * 400,
                    ]
                ),
                st.binary(min_size=1, max_size=8),
            )
        )
        if kind == "insert":
            data[at:at] = piece
        elif kind == "delete":
            del data[at : at + len(piece)]
        elif kind == "replace":
            data[at : at + len(piece)] = piece
        else:
            del data[at:]
    return bytes(data)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from(["levering.csv", "levering.xlsx"]))
def test_random_bytes_never_crash_the_reader(content, name):
    _read_ends_well(name, content)


@settings(max_examples=400, deadline=None)
@given(mutated(VALID_CSV))
def test_mutated_csv_never_crashes_the_reader(content):
    _read_ends_well("levering.csv", content)


@settings(max_examples=100, deadline=None)
@given(mutated(VALID_XLSX))
def test_mutated_or_truncated_xlsx_never_crashes_the_reader(content):
    _read_ends_well("levering.xlsx", content)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]), st.sampled_from(["\r", "\n", "\r\n"]))
def test_encodings_and_line_endings_read_the_same_figures(encoding, terminator):
    content = _csv(ROWS, terminator=terminator).decode("utf-8").encode(encoding)
    delivery = _read_ends_well("levering.csv", content)
    assert delivery is not None
    assert delivery.rows["value"].tolist() == [64.8, 66.4]


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=300))
def test_a_note_is_stored_in_full_or_refused_with_a_reason(note):
    """Any text in `opmerking`, written as Excel writes CSV: it comes back whole, or the row is refused."""
    content = _csv([[*ROWS[0][:-1], note]])
    delivery = _read_ends_well("levering.csv", content)
    if delivery is None:
        return
    stored = delivery.rows.loc[0, "note"]
    assert stored == (note.strip() or None)
    assert unsafe_text_reason(note.strip()) is None


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.text(max_size=20), min_size=0, max_size=16), min_size=1, max_size=6))
def test_random_rows_never_crash_the_reader_and_extra_cells_are_never_dropped(rows):
    content = _csv([*ROWS[:1], *rows])
    delivery = _read_ends_well("levering.csv", content)
    if delivery is not None:
        for row in rows:
            # a row the reader accepted holds nothing beyond the header's columns
            assert not any(cell.strip() for cell in row[len(HEADER) :])


def test_a_truncated_or_empty_zip_is_refused_as_excel():
    empty_zip = io.BytesIO()
    zipfile.ZipFile(empty_zip, "w").close()
    for content in (empty_zip.getvalue(), VALID_XLSX[: len(VALID_XLSX) // 2]):
        with pytest.raises(DeliveryError) as caught:
            read_delivery("levering.xlsx", content)
        assert caught.value.problems[0].rule == "xlsx-leesbaar"


def test_a_huge_line_is_refused_with_a_rule():
    content = _csv([[*ROWS[0][:-1], "x" * 200_000]])
    with pytest.raises(DeliveryError) as caught:
        read_delivery("levering.csv", content)
    assert caught.value.problems[0].rule == "csv-opbouw"


def test_an_unbalanced_quote_is_refused_not_swallowing_rows():
    lines = _csv(ROWS).decode().split("\r\n")
    lines[1] = lines[1].replace("RIVM (VZinfo)", '"RIVM (VZinfo)', 1)
    with pytest.raises(DeliveryError) as caught:
        read_delivery("levering.csv", "\r\n".join(lines).encode())
    assert {p.rule for p in caught.value.problems} <= {"csv-opbouw", "veilige-tekst", "te-veel-cellen"}


# --- the whole load: reader, Great Expectations, the store and the folders ---------------------


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    root = tmp_path_factory.mktemp("eigenschappen")
    folders = DeliveryFolders.under(root / "data")
    conn = duckdb.connect(str(root / "warehouse.duckdb"))
    ensure_tables(conn)
    yield conn, folders, load_reference(INDICATOR_FILE)
    conn.close()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(mutated(VALID_CSV), st.binary(max_size=500)), st.sampled_from(["levering.csv", "levering.xlsx"]))
def test_the_load_ends_every_file_loaded_or_refused_and_keeps_its_bytes(store, content, name):
    conn, folders, reference = store
    folders.create()
    (folders.inbox / name).write_bytes(content)
    [outcome] = process_inbox(conn, folders, reference)
    assert outcome.outcome in {"geladen", "al geladen", "geweigerd"}
    assert list(folders.inbox.iterdir()) == []
    kept = conn.execute(
        "select kept_at, outcome from raw_observations.deliveries order by received_at desc, delivery_id desc limit 1"
    ).fetchone()
    assert kept[1] == outcome.outcome
    with open(kept[0], "rb") as original:
        assert original.read() == content
