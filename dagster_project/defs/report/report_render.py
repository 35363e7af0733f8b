"""Write the yearly progress report (voortgangsrapportage) as HTML with its chart images beside it, and
the same document as PDF through WeasyPrint.

One template serves both: the HTML is what the PDF engine lays out, so the two never differ in content.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pandas as pd
from jinja2 import Environment, FileSystemLoader, select_autoescape

from dagster_project.defs.report.report_charts import NATIONAL, draw_indicator, dutch_number
from dagster_project.defs.report.report_data import ReportData, indicator_codes, read_report_data

TEMPLATES = Path(__file__).parent / "templates"
MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def dutch_date(day: dt.date | None) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}" if day else "–"


def _number(value, digits: int = 6) -> str:
    return "–" if value is None or pd.isna(value) else dutch_number(float(value), digits)


def _latest(series: pd.DataFrame) -> dict | None:
    """The latest national value of an indicator (its total, or its first breakdown where there is none)."""
    if series.empty:
        return None
    lines = series[series["uitsplitsing"] == NATIONAL]
    lines = lines if not lines.empty else series[series["uitsplitsing"] == sorted(series["uitsplitsing"])[0]]
    return lines.sort_values("jaar").iloc[-1].to_dict()


def _theme_paragraph(theme_name: str, missions: pd.DataFrame) -> str:
    counted = missions[missions["counts_in_official_25"]]
    parts = counted["status_nl"].value_counts()
    measured = counted[~counted["status_nl"].isin(["Nog geen meetbare indicator", "Onvoldoende gegevens"])]
    words = ", ".join(f"{n} × {status.lower()}" for status, n in parts.items())
    return (
        f"{theme_name} telt {len(counted)} missies in de set van 2019; {len(measured)} daarvan hebben een oordeel. "
        f"Verdeling: {words}."
    )


def build_context(data: ReportData, chart_dir: Path, progress: Callable[[str], None]) -> dict:
    indicators = {row["indicator_key"]: row for row in data.indicators.to_dict("records")}
    chart_dir.mkdir(parents=True, exist_ok=True)
    charts: dict[str, str] = {}
    for n, code in enumerate(sorted(indicators), start=1):
        progress(f"grafiek {n}/{len(indicators)}: {code}")
        info = indicators[code]
        path = chart_dir / f"{code.lower()}.png"
        drawn = draw_indicator(
            path,
            info["indicator_name_nl"],
            info["unit"],
            data.series[data.series["indicatorcode"] == code],
            data.progress[data.progress["indicator_key"] == code],
            data.outlooks[data.outlooks["indicator_key"] == code],
        )
        if drawn:
            charts[code] = f"{chart_dir.name}/{path.name}"

    def indicator_block(code: str) -> dict | None:
        info = indicators.get(code)
        if info is None:
            return None  # no version of it was known on the peildatum
        series = data.series[data.series["indicatorcode"] == code]
        latest = _latest(series)
        verdicts = data.progress[data.progress["indicator_key"] == code]
        return {
            "code": code,
            "name": info["indicator_name_nl"],
            "unit": info["unit"],
            "latest": latest,
            "latest_value": _number(latest["waarde"]) if latest else "–",
            "provisional": bool(latest and latest["status_cijfer"] == "voorlopig"),
            "source": info,
            "proxy": info["measurement_fit"] == "proxy",
            "proxy_text": info["proxy_explanation_nl"],
            "chart": charts.get(code),
            "verdicts": verdicts.to_dict("records"),
            "change": data.changes.get(code),
        }

    summary, themes = [], []
    for theme in data.themes.to_dict("records"):
        missions = data.missions[data.missions["theme_key"] == theme["theme_key"]]
        inputs = data.inputs[data.inputs["theme_key"] == theme["theme_key"]].to_dict("records")
        if missions.empty and not inputs:
            continue
        blocks = []
        for mission in missions.to_dict("records"):
            progress(f"missie {mission['mission_key']}")
            codes = indicator_codes(mission["indicator_codes"])
            headline = mission["headline"] or {}
            head_code = headline.get("indicator_key") or (codes[0] if codes else None)
            head_latest = _latest(data.series[data.series["indicatorcode"] == head_code]) if head_code else None
            row = {
                "theme": theme["theme_name_nl"],
                "mission": mission,
                "headline_name": indicators[head_code]["indicator_name_nl"] if head_code in indicators else "–",
                "latest": f"{_number(head_latest['waarde'])} ({head_latest['jaar']})" if head_latest else "–",
                "target": (
                    f"{_number(headline.get('target_value_absolute'))} in {headline.get('target_year')}"
                    if headline and not pd.isna(headline.get("target_value_absolute"))
                    else "–"
                ),
                "projection": _number(headline.get("projected_value_in_target_year")) if headline else "–",
                "unit": indicators[head_code]["unit"] if head_code in indicators else "",
            }
            summary.append(row)
            blocks.append(
                {
                    "mission": mission,
                    "targets": data.targets[data.targets["mission_key"] == mission["mission_key"]].to_dict("records"),
                    "indicators": [b for b in (indicator_block(c) for c in codes) if b],
                    "row": row,
                }
            )
        themes.append(
            {
                "theme": theme,
                # inputs published for all themes together have a section of their own, without missions
                "paragraph": _theme_paragraph(theme["theme_name_nl"], missions) if blocks else None,
                "missions": blocks,
                "inputs": inputs,
            }
        )
    return {
        "peildatum": dutch_date(data.peildatum),
        "peildatum_iso": data.peildatum.isoformat(),
        "state_date": dutch_date(data.state_date),
        "made_on": dutch_date(dt.date.today()),
        "summary": summary,
        "themes": themes,
        "sources": data.sources.to_dict("records"),
        "refused": data.refused.to_dict("records"),
        "warnings": data.warnings.to_dict("records"),
        "thresholds": data.thresholds.to_dict("records"),
        "statuses": sorted(set(data.missions["status_nl"])),
    }


def write_report(serving: Path, out_dir: Path, peildatum: dt.date, progress: Callable[[str], None] = print) -> dict[str, Path]:
    """Build the report for `peildatum` into `out_dir`: voortgangsrapportage_<date>.html with its
    charts folder, and the .pdf beside it. Returns the paths written."""
    from weasyprint import HTML  # imported here: loading Pango is only needed when a report is made

    progress(f"gegevens lezen zoals bekend op {peildatum.isoformat()}")
    data = read_report_data(serving, peildatum)
    stem = f"voortgangsrapportage_{peildatum.isoformat()}"
    out_dir.mkdir(parents=True, exist_ok=True)
    context = build_context(data, out_dir / f"{stem}_grafieken", progress)
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]))
    env.filters["nl"] = _number
    env.filters["datum"] = lambda d: dutch_date(pd.Timestamp(d).date()) if d is not None and not pd.isna(d) else "–"
    html = env.get_template("voortgangsrapportage.html.j2").render(**context)
    html_path = out_dir / f"{stem}.html"
    html_path.write_text(html, encoding="utf-8")
    progress("PDF opmaken (WeasyPrint)")
    pdf_path = out_dir / f"{stem}.pdf"
    HTML(filename=str(html_path), base_url=str(out_dir)).write_pdf(pdf_path)
    progress(f"klaar: {pdf_path}")
    return {"html": html_path, "pdf": pdf_path, "charts": out_dir / f"{stem}_grafieken"}
