"""The Great Expectations suites, one per kind of raw load, built from the reviewed reference.

Every expectation carries in its `meta` the rule name, the template column and a Dutch message
(with {placeholders} for the offending row's values), so a failure becomes a sentence a civil
servant can act on. Ids are derived from the suite, position and rule, so rebuilding an unchanged
suite writes the same JSON to expectations/ (the suites are rebuilt from the reference on every run).
"""

import uuid

import great_expectations as gx
from great_expectations import expectations as gxe
from great_expectations.expectations.row_conditions import Column

from dagster_project.reference import Reference

# What a validated frame holds: the parsed rows, the comparison with the previous version
# (observation_store.with_previous_values) and four combined columns (validation.with_combinations).
# Combinations instead of GX pair expectations: those fail to report their rows (numpy ints in the result).
COLUMNS = [
    "row_number",
    "indicator_code",
    "region_code",
    "period_label",
    "period_year",
    "breakdown",
    "value",
    "unit",
    "status",
    "relatieve_wijziging",
    "vorige_status",
    "indicator_eenheid",
    "indicator_uitsplitsing",
    "indicator_periodetype",
    "statusovergang",
]
KEY = ["indicator_code", "region_code", "period_label", "breakdown"]
STATUSES = ["voorlopig", "definitief", "onbekend"]
FIRST_YEAR = 1900
# A value that moves more than this share from the previous vintage is shown as a warning: CBS
# revisions of the GHG series stay within a few percent; a jump of a quarter is worth a look.
JUMP_SHARE = 0.25

LOAD_KINDS = {
    "snapshot": "Meegeleverde gepubliceerde cijfers (data/snapshot)",
    "cbs_api": "Downloads van de CBS StatLine-koppeling",
    "levering": "Bestanden die M&E-medewerkers in de inbox zetten",
}
_NAMESPACE = uuid.UUID("5b0f6d3e-6a52-4d43-9f35-6d3c3c2a9e11")


def suite_name(kind: str) -> str:
    return f"waarnemingen_{kind}"


def _meta(rule: str, column: str | None, message: str) -> dict:
    return {"regel": rule, "kolom": column, "melding": message}


def build_suite(kind: str, reference: Reference) -> gx.ExpectationSuite:
    codes = sorted(reference.indicators)
    known = Column("indicator_code").is_in(codes)
    expectations = [
        gxe.ExpectTableRowCountToBeBetween(min_value=1, meta=_meta("niet-leeg", None, "het bestand bevat geen waarnemingen.")),
        gxe.ExpectTableColumnsToMatchSet(
            column_set=COLUMNS,
            exact_match=True,
            meta=_meta("kolommen", None, "interne fout: de kolommen van de te controleren tabel kloppen niet."),
        ),
        *[
            gxe.ExpectColumnValuesToNotBeNull(
                column=column, meta=_meta("verplicht", column, "lege waarde; dit veld is verplicht.")
            )
            for column in ("indicator_code", "region_code", "period_label", "period_year", "breakdown", "value", "unit", "status")
        ],
        gxe.ExpectColumnValuesToBeOfType(
            column="value", type_="float64", meta=_meta("getal", "waarde", "de waarden zijn geen getallen.")
        ),
        gxe.ExpectColumnValuesToBeInSet(
            column="indicator_code",
            value_set=codes,
            meta=_meta(
                "bekende-indicator", "indicator", "onbekende indicator '{indicator_code}'. Bekend zijn: " + ", ".join(codes) + "."
            ),
        ),
        gxe.ExpectColumnValuesToBeInSet(
            column="region_code",
            value_set=sorted(reference.regions),
            meta=_meta(
                "bekende-regio",
                "regio",
                "onbekende regio '{region_code}'; gebruik NL, een CBS-provinciecode (PV20 t/m PV31) of een "
                "CBS-gemeentecode uit data/reference/gemeenten.csv (GM en vier cijfers).",
            ),
        ),
        gxe.ExpectColumnValuesToBeInSet(
            column="indicator_eenheid",
            value_set=[f"{code}|{rule.unit}" for code, rule in sorted(reference.indicators.items())],
            row_condition=known,
            meta=_meta(
                "eenheid-per-indicator",
                "eenheid",
                "eenheid '{unit}' hoort niet bij {indicator_code}; gebruik precies de eenheid uit de indicatorenlijst (data/reference/indicatoren.yml).",
            ),
        ),
        gxe.ExpectColumnValuesToBeInSet(
            column="indicator_uitsplitsing",
            value_set=[f"{code}|{b}" for code, rule in sorted(reference.indicators.items()) for b in sorted(rule.breakdowns)],
            row_condition=known,
            meta=_meta(
                "bekende-uitsplitsing",
                "uitsplitsing",
                "uitsplitsing '{breakdown}' is niet toegestaan voor {indicator_code} (zie indicatoren.yml).",
            ),
        ),
        # indicator|kind of its period ('jaar', 'meerjarig:4'): a 2019-2022 row in a yearly series would
        # become a second 2022 point. The words come from reference.describe_period_mismatch.
        gxe.ExpectColumnValuesToBeInSet(
            column="indicator_periodetype",
            value_set=[f"{code}|{rule.period_kind}" for code, rule in sorted(reference.indicators.items()) if rule.period_kind],
            row_condition=known,
            meta=_meta(
                "periodetype-per-indicator",
                "periode",
                "{indicator_code} is een {verwachte_reeks}; periode '{period_label}' is {gegeven_periode}. {periode_advies}",
            ),
        ),
        gxe.ExpectColumnValuesToBeBetween(
            column="period_year",
            min_value=FIRST_YEAR,
            max_value=reference.today.year,
            meta=_meta(
                "geen-toekomst",
                "periode",
                f"periode {{period_label}} ligt in de toekomst of vóór {FIRST_YEAR}; alleen gemeten jaren t/m {reference.today.year}.",
            ),
        ),
        gxe.ExpectColumnValuesToBeInSet(
            column="status",
            value_set=STATUSES,
            meta=_meta("status", "status", "status '{status}' is onbekend; gebruik voorlopig, definitief of onbekend."),
        ),
        gxe.ExpectCompoundColumnsToBeUnique(
            column_list=KEY,
            meta=_meta(
                "unieke-sleutel",
                None,
                "dubbele rij: {indicator_code}, {region_code}, {period_label}, {breakdown} staat meer dan één keer in het bestand.",
            ),
        ),
        *[
            gxe.ExpectColumnValuesToBeBetween(
                column="value",
                min_value=rule.minimum,
                max_value=rule.maximum,
                row_condition=Column("indicator_code") == code,
                meta=_meta(
                    "waardebereik",
                    "waarde",
                    f"waarde {{value}} valt buiten het mogelijke bereik voor {code} ({rule.minimum:g} tot {rule.maximum:g} {rule.unit}).",
                ),
            )
            for code, rule in sorted(reference.indicators.items())
            if rule.minimum is not None or rule.maximum is not None
        ],
        # Warnings: shown and stored, never a reason to refuse a file.
        gxe.ExpectColumnValuesToBeBetween(
            column="relatieve_wijziging",
            max_value=JUMP_SHARE,
            severity="warning",
            meta=_meta(
                "sprong-t-o-v-vorige-versie",
                "waarde",
                f"{{indicator_code}} {{period_label}} ({{breakdown}}) wijkt meer dan {JUMP_SHARE:.0%} af van de vorige versie "
                "(verandering {relatieve_wijziging:.0%}); controleer of dit een echte herziening is.",
            ),
        ),
        gxe.ExpectColumnValuesToNotBeInSet(
            column="statusovergang",
            value_set=["definitief>voorlopig", "definitief>onbekend"],
            severity="warning",
            meta=_meta(
                "definitief-blijft-definitief",
                "status",
                "{indicator_code} {period_label} was definitief en is nu '{status}'; een definitief cijfer wordt normaal niet weer voorlopig.",
            ),
        ),
    ]
    name = suite_name(kind)
    suite = gx.ExpectationSuite(
        name=name, expectations=expectations, meta={"omschrijving": LOAD_KINDS[kind], "bron": "data/reference/indicatoren.yml"}
    )
    suite.id = str(uuid.uuid5(_NAMESPACE, name))
    # position and rule, not the parameters: the "no future years" bound moves every 1 January
    for position, expectation in enumerate(suite.expectations):
        expectation.id = str(
            uuid.uuid5(_NAMESPACE, f"{name}:{position}:{expectation.meta['regel']}:{expectation.expectation_type}")
        )
    return suite
