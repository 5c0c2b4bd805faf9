"""Charts (matplotlib, Agg backend: no display needed)."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def plot_dyad(periods: list[dict[str, Any]], path: str | Path, *, title: str = "") -> Path:
    """Bars of events per period (cooperation up, conflict down) and the mean score as a line.

    The format follows the file suffix (``.png``, ``.svg``, ``.pdf``).
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = [row["period"] for row in periods]
    positions = list(range(len(labels)))
    figure, counts = plt.subplots(figsize=(max(6.0, 0.45 * len(labels) + 2), 4.0))
    counts.bar(positions, [row["cooperation"] for row in periods], color="#2b8cbe", label="cooperation")
    counts.bar(positions, [-row["conflict"] for row in periods], color="#d7301f", label="conflict")
    counts.axhline(0, color="black", linewidth=0.8)
    counts.set_ylabel("events (conflict below 0)")
    counts.set_xticks(positions, labels, rotation=60, ha="right", fontsize=8)
    score = counts.twinx()
    score.plot(
        positions, [row["score_mean"] for row in periods], color="black", marker="o", label="mean score"
    )
    score.set_ylim(-10, 10)
    score.set_ylabel("mean cooperation–conflict score")
    counts.legend(loc="upper left", fontsize=8)
    counts.set_title(title)
    figure.tight_layout()
    target = Path(path)
    figure.savefig(target)
    plt.close(figure)
    return target
