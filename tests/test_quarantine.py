"""A corpus of bad deliveries: each is refused with its own clear message, kept byte for byte in
quarantine, and the published warehouse stays exactly as it was. A good Dutch delivery takes the
same path and is loaded; a corrected file dropped again after a refusal is loaded too.

The baseline is the real pipeline on the bundled snapshot (one Dagster run). Each bad file then goes
through `process_inbox`, the function the Dagster load runs, with the real Great Expectations suites.
"""

import hashlib
import io

import dagster as dg
import duckdb
import openpyxl
import pytest

from dagster_project.defs.observations.delivery_file import MAX_FILE_BYTES
from dagster_project.defs.observations.observation_store import DeliveryFolders, process_inbox
from dagster_project.reference import load_reference
from dagster_project.settings import INDICATOR_FILE

pytestmark = pytest.mark.slow

HEADER = (
    "indicator;regio;periode;uitsplitsing;waarde;eenheid;status;bron_uitgever;bron_tabel;bron_url;publicatiedatum;opgehaald_op"
)
SOURCE = (
    "CBS;Nieuwsbericht 'Uitstoot broeikasgassen 8 procent lager in 2020';"
    "https://www.cbs.nl/nl-nl/nieuws/2021/10/uitstoot-broeikasgassen-8-procent-lager-in-2020;03-2021;24-11-2026"
)
# The real first estimate of 2020 (CBS, March 2021); each case spoils one thing.
GOOD_ROW = f"BKG_TOTAAL;NL;2020;totaal;166;mld kg CO2-eq;voorlopig;{SOURCE}"


def _csv(*rows: str, header: str = HEADER, encoding: str = "utf-8") -> bytes:
    return ("\r\n".join([header, *rows]) + "\r\n").encode(encoding)


def _xlsx_with_formula() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER.split(";"))
    sheet.append(GOOD_ROW.split(";"))
    sheet["E2"] = "=160+6"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _xlsx_notes_only() -> bytes:
    book = openpyxl.Workbook()
    book.active.title = "Notities"
    book.active.append(["Uitstoot 2020, zie het nieuwsbericht van CBS"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# name, file name, bytes, rule, words the message must contain
CORPUS = [
    ("leeg bestand", "leeg.csv", b"", "niet-leeg", "het bestand is leeg"),
    ("alleen een kopregel", "alleen_kop.csv", _csv(), "niet-leeg", "geen rijen"),
    (
        "verkeerd scheidingsteken",
        "pipes.csv",
        _csv(GOOD_ROW.replace(";", "|"), header=HEADER.replace(";", "|")),
        "verplichte-kolommen",
        "scheidingsteken",
    ),
    ("tekst in een getalkolom", "tekst.csv", _csv(GOOD_ROW.replace(";166;", ";ca. 166;")), "getal", "'ca. 166' is geen getal"),
    ("dubbele sleutel", "dubbel.csv", _csv(GOOD_ROW, GOOD_ROW), "unieke-sleutel", "meer dan één keer"),
    (
        "onbekende indicator",
        "onbekend.csv",
        _csv(GOOD_ROW.replace("BKG_TOTAAL", "CO2_UITSTOOT")),
        "bekende-indicator",
        "onbekende indicator 'CO2_UITSTOOT'",
    ),
    (
        "verkeerde eenheid",
        "eenheid.csv",
        _csv(GOOD_ROW.replace("mld kg CO2-eq", "Mton")),
        "eenheid-per-indicator",
        "eenheid 'Mton' hoort niet bij BKG_TOTAAL",
    ),
    (
        "jaar in de toekomst",
        "toekomst.csv",
        _csv(GOOD_ROW.replace(";2020;", ";2031;")),
        "geen-toekomst",
        "2031 ligt in de toekomst",
    ),
    ("negatieve uitstoot", "negatief.csv", _csv(GOOD_ROW.replace(";166;", ";-166;")), "waardebereik", "-166 valt buiten"),
    ("onbekende regio", "regio.csv", _csv(GOOD_ROW.replace(";NL;", ";PV99;")), "bekende-regio", "onbekende regio 'PV99'"),
    (
        "uitsplitsing die niet mag",
        "uitsplitsing.csv",
        _csv(GOOD_ROW.replace(";totaal;", ";geslacht:man;")),
        "bekende-uitsplitsing",
        "niet toegestaan voor BKG_TOTAAL",
    ),
    (
        "geen UTF-8 en geen Windows-1252",
        "onleesbaar.csv",
        _csv(GOOD_ROW + ";Frysl\x81n", header=HEADER + ";opmerking").replace(b"\xc2\x81", b"\x81"),
        "codering",
        "byte 0x81 op regel 2",
    ),
    ("binaire rommel", "rommel.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "geen-tekstbestand", "nul-bytes"),
    ("aanhalingsteken niet gesloten", "quote.csv", _csv(GOOD_ROW.replace(";CBS;", ';"CBS;')), "csv-opbouw", "aanhalingsteken"),
    (
        "meer cellen dan kolommen",
        "te_veel.csv",
        _csv(GOOD_ROW + ";eerste deel;tweede deel", header=HEADER + ";opmerking"),
        "te-veel-cellen",
        "tussen aanhalingstekens",
    ),
    (
        "formule als tekst",
        "formuletekst.csv",
        _csv(GOOD_ROW + ';"=HYPERLINK(""http://voorbeeld.invalid"";""klik"")"', header=HEADER + ";opmerking"),
        "veilige-tekst",
        "als formule",
    ),
    (
        "HTML in een tekstveld",
        "html.csv",
        _csv(GOOD_ROW + ";<script>alert(1)</script>", header=HEADER + ";opmerking"),
        "veilige-tekst",
        "HTML-opmaak",
    ),
    (
        "voorlopig sterretje bij definitief",
        "sterretje.csv",
        _csv(GOOD_ROW.replace(";2020;", ";2020*;").replace("voorlopig", "definitief")),
        "voorlopig-sterretje",
        "bij CBS: voorlopig",
    ),
    ("afgebroken Excel-bestand", "afgebroken.xlsx", _xlsx_with_formula()[:900], "xlsx-leesbaar", "kan niet worden geopend"),
    ("Excel zonder sjabloonblad", "notities.xlsx", _xlsx_notes_only(), "verplichte-kolommen", "'Notities'"),
    ("Excel-formule", "formule.xlsx", _xlsx_with_formula(), "geen-formules", "formule"),
    ("enorm bestand", "enorm.csv", _csv(GOOD_ROW) + b" " * MAX_FILE_BYTES, "bestandsgrootte", "Splits het bestand"),
    ("padtekens in de naam", "..\\..\\systeem\\uitstoot.csv", _csv(GOOD_ROW), "bestandsnaam", "tekens die niet mogen"),
    ("ander bestandstype", "uitstoot.txt", _csv(GOOD_ROW), "bestandstype", "lever .csv of .xlsx aan"),
]


@pytest.fixture(scope="module")
def published(tmp_path_factory, definitions):
    """A warehouse built by the real pipeline on the snapshot, and its delivery folders."""
    root = tmp_path_factory.mktemp("quarantaine")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MISSIEMONITOR_WAREHOUSE", str(root / "warehouse.duckdb"))
        patch.setenv("MISSIEMONITOR_DELIVERY_ROOT", str(root / "data"))
        patch.setenv("MISSIEMONITOR_SERVING", str(root / "serving.duckdb"))
        job = definitions.resolve_implicit_global_asset_job_def()
        result = job.execute_in_process(instance=dg.DagsterInstance.ephemeral(), raise_on_error=False)
        assert result.success
    return root / "warehouse.duckdb", DeliveryFolders.under(root / "data")


def _fingerprint(conn) -> str:
    """Everything a dashboard or a later model could read, as one hash."""
    parts = [
        conn.execute(f"select * from {table} order by all").fetchall()
        for table in (
            "raw_observations.vintages",
            "raw_observations.observations",
            "marts.fct_observations",
            "marts.fct_progress",
        )
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def _deliver(published, file_name: str, content: bytes):
    warehouse, folders = published
    folders.create()
    (folders.inbox / file_name).write_bytes(content)
    with duckdb.connect(str(warehouse)) as conn:
        before = _fingerprint(conn)
        [outcome] = process_inbox(conn, folders, load_reference(INDICATOR_FILE))
        after = _fingerprint(conn)
        kept = conn.execute(
            "select kept_at from raw_observations.deliveries order by received_at desc, delivery_id desc limit 1"
        ).fetchone()[0]
    return outcome, before, after, kept


def test_the_corpus_has_at_least_twelve_kinds_each_with_its_own_rule():
    assert len(CORPUS) >= 12
    assert len({rule for _, _, _, rule, _ in CORPUS}) >= 12


@pytest.mark.parametrize(("case", "file_name", "content", "rule", "words"), CORPUS, ids=[c[0] for c in CORPUS])
def test_bad_input_is_refused_quarantined_unchanged_and_loses_nothing(published, case, file_name, content, rule, words):
    outcome, before, after, kept = _deliver(published, file_name, content)

    assert outcome.outcome == "geweigerd"
    assert f"[regel: {rule}]" in outcome.message
    assert words in outcome.message
    assert "Wat nu:" in outcome.message
    with open(kept, "rb") as original:
        assert original.read() == content
    report = open(kept + ".rapport.txt", encoding="utf-8").read()
    assert "is geweigerd" in report and f"[regel: {rule}]" in report
    assert after == before
    assert list(published[1].inbox.iterdir()) == []


def test_a_valid_dutch_delivery_takes_the_same_path_and_is_loaded(published):
    content = b"\xef\xbb\xbf" + _csv(
        GOOD_ROW.replace(";2020;", ";2019;").replace(";166;", ";185,7;").replace("voorlopig", "definitief")
    )
    outcome, before, after, kept = _deliver(published, "uitstoot 2019 (sjabloon).csv", content)
    assert outcome.outcome == "geladen"
    assert before != after
    with open(kept, "rb") as original:
        assert original.read() == content


def test_a_corrected_file_dropped_again_is_loaded(published):
    bad = _csv(GOOD_ROW.replace(";166;", ";ca. 166;"))
    refused, *_ = _deliver(published, "uitstoot 2020.csv", bad)
    corrected, before, after, _ = _deliver(published, "uitstoot 2020.csv", _csv(GOOD_ROW))
    assert (refused.outcome, corrected.outcome) == ("geweigerd", "geladen")
    assert before != after


def test_a_file_with_old_mac_line_endings_is_loaded(published):
    # Excel 'CSV (Macintosh)' ends lines with a bare carriage return; the reader once crashed on it.
    content = _csv(GOOD_ROW.replace(";2020;", ";2018;").replace(";166;", ";191,9;").replace("voorlopig", "definitief")).replace(
        b"\r\n", b"\r"
    )
    outcome, before, after, _ = _deliver(published, "uitstoot 2018 (mac).csv", content)
    assert outcome.outcome == "geladen", outcome.message
    assert before != after


def test_an_internal_error_in_one_file_quarantines_it_and_the_others_load(published, monkeypatch):
    from dagster_project.defs.observations import observation_store

    real_load = observation_store.load_file

    def load_or_break(conn, file_name, *args, **kwargs):
        if file_name == "breekt.csv":
            raise RuntimeError("kunstmatige fout in de test")
        return real_load(conn, file_name, *args, **kwargs)

    monkeypatch.setattr(observation_store, "load_file", load_or_break)
    warehouse, folders = published
    folders.create()
    broken = _csv(GOOD_ROW.replace(";2020;", ";2017;").replace(";166;", ";197,2;"))
    (folders.inbox / "breekt.csv").write_bytes(broken)
    (folders.inbox / "goed.csv").write_bytes(_csv(GOOD_ROW.replace(";2020;", ";2016;").replace(";166;", ";200,7;")))
    with duckdb.connect(str(warehouse)) as conn:
        outcomes = {o.file_name: o for o in process_inbox(conn, folders, load_reference(INDICATOR_FILE))}
        kept = conn.execute("select kept_at, problems from raw_observations.deliveries where file_name = 'breekt.csv'").fetchone()
    assert outcomes["goed.csv"].outcome == "geladen"
    assert outcomes["breekt.csv"].outcome == "geweigerd"
    assert "interne fout" in outcomes["breekt.csv"].message and "meld dit aan de beheerder" in outcomes["breekt.csv"].message
    assert "RuntimeError: kunstmatige fout in de test" in kept[1]
    with open(kept[0], "rb") as original:
        assert original.read() == broken
    assert list(folders.inbox.iterdir()) == []


def test_a_refused_cbs_download_is_reported_and_does_not_stop_the_load_but_a_refused_snapshot_does(tmp_path):
    from dagster_project.defs.observations.delivery_file import DeliveryError
    from dagster_project.defs.observations.observation_store import ensure_tables, load_folder

    folder = tmp_path / "cbs"
    folder.mkdir()
    (folder / "71950ned.csv").write_bytes(_csv(GOOD_ROW.replace(";CBS;", ";=CBS;")))
    reference = load_reference(INDICATOR_FILE)
    with duckdb.connect(str(tmp_path / "warehouse.duckdb")) as conn:
        ensure_tables(conn)
        [outcome] = load_folder(conn, folder, "cbs_api", reference)
        assert outcome.outcome == "geweigerd" and "[regel: veilige-tekst]" in outcome.message
        with pytest.raises(DeliveryError):
            load_folder(conn, folder, "snapshot", reference)
        assert conn.execute("select count(*) from raw_observations.vintages").fetchone() == (0,)
