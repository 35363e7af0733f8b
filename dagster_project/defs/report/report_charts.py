"""The report's charts: one PNG per indicator, drawn by matplotlib from the series as published on the
peildatum, with the target, the straight path to it, the trend and the official outlook, the same
elements as the dashboards' series chart."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display on a server; must precede pyplot
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

NATIONAL = "Nederland (totaal)"
MAX_LINES = 5  # more breakdown lines than this are unreadable in print; the tables list them all


def dutch_number(value: float, digits: int = 6) -> str:
    """A number as Dutch readers write it: decimal comma, no trailing zeros (as the dashboards' ',.6~g')."""
    text = f"{value:.{digits}g}"
    if "e" in text:
        text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def draw_indicator(
    path: Path, title: str, unit: str, series: pd.DataFrame, progress: pd.DataFrame, outlooks: pd.DataFrame
) -> bool:
    """Write the chart of one indicator to `path`; False (and no file) when there is nothing to draw."""
    if series.empty:
        return False
    lines = series[series["uitsplitsing"] == NATIONAL]
    if lines.empty:
        lines = series[series["uitsplitsing"].isin(series["uitsplitsing"].drop_duplicates().head(MAX_LINES))]
    fig, ax = plt.subplots(figsize=(7.2, 3.4), dpi=110)
    for name, part in lines.groupby("uitsplitsing", sort=True):
        ax.plot(part["jaar"], part["waarde"], marker="o", markersize=3, linewidth=1.6, label=f"{name} ({unit})")
    national = progress[progress["breakdown"] == "totaal"] if "totaal" in set(progress["breakdown"]) else progress
    for row in national.drop_duplicates("target_key").itertuples():
        if pd.isna(row.target_value_absolute):
            continue
        ax.scatter([row.target_year], [row.target_value_absolute], marker="*", s=90, color="#c0392b", zorder=5)
        if row.counts_for_mission:  # the target the verdict is about, as a line across the chart
            ax.axhline(row.target_value_absolute, color="#c0392b", linewidth=0.8, alpha=0.5, label="doel")
        ax.annotate(
            f"doel {row.target_year}",
            (row.target_year, row.target_value_absolute),
            fontsize=7,
            xytext=(4, 4),
            textcoords="offset points",
        )
        # from where the path starts (or where the series is now) to the target year
        for start, value, end, style, colour, label in (
            (row.path_start_year, row.path_start_value, row.target_value_absolute, ":", "#7f8c8d", "rechte lijn naar het doel"),
            (row.current_year, row.current_value, row.projected_value_in_target_year, "--", "#2c3e50", "trend (doorgetrokken)"),
        ):
            if pd.notna(start) and pd.notna(value) and pd.notna(end):
                ax.plot([start, row.target_year], [value, end], linestyle=style, color=colour, linewidth=1, label=label)
    for row in outlooks.itertuples():
        if pd.notna(row.value_min) and pd.notna(row.value_max):
            ax.vlines(
                row.outlook_year,
                row.value_min,
                row.value_max,
                color="#27ae60",
                linewidth=4,
                alpha=0.6,
                label=f"raming: {row.outlook_label_nl}",
            )
    handles, labels = ax.get_legend_handles_labels()
    unique = dict(zip(labels, handles))  # one legend entry per kind, not per target
    ax.legend(unique.values(), unique.keys(), fontsize=7, loc="best", frameon=False)
    ax.set_title(title, fontsize=9, loc="left")
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: dutch_number(v, 4)))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{int(v)}" if float(v).is_integer() else ""))
    ax.grid(alpha=0.25)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    fig.savefig(path, format="png")
    plt.close(fig)
    return True
