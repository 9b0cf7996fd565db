"""The classifier's metrics as a reader sees them in `monitor train` and
`monitor eval classifier`."""

from __future__ import annotations

from typing import Any

from monitor.codebook import LABELS


def format_metrics(metrics: dict[str, Any]) -> str:
    lines = [
        "Labels (cross-validation):",
        f"  {'label':24} {'precision':>9} {'recall':>7} {'F1':>6} {'support':>8}",
    ]
    cv = metrics["cv_labels"]
    for label in LABELS:
        row = cv[label]
        lines.append(
            f"  {label:24} {row['precision']:9.3f} {row['recall']:7.3f} "
            f"{row['f1']:6.3f} {row['support']:8d}"
        )
    for average in ("micro", "macro"):
        row = cv[average]
        lines.append(
            f"  {average + ' average':24} {row['precision']:9.3f} {row['recall']:7.3f} "
            f"{row['f1']:6.3f}"
        )

    def stance_lines(title: str, report: dict[str, Any]) -> None:
        lines.append(f"{title}: accuracy {report['accuracy']:.3f} on {report['n']} sentences")
        lines.append(
            "  confusion (rows: truth, columns: predicted; " + " / ".join(report["labels"]) + ")"
        )
        for label, row in zip(report["labels"], report["confusion_matrix"], strict=True):
            lines.append(f"  {label:12} " + " ".join(f"{value:6d}" for value in row))

    stance_lines("Stance (cross-validation)", metrics["cv_stance"])
    held = metrics.get("cv_news_stance", {})
    if "accuracy_weighted" in held:
        # Whole news articles held out: the measure that chooses the neutral weight, and
        # the real reporting among them (the written news outnumber it).
        real = held.get("accuracy_real_news")
        lines.append(
            f"Stance (news articles held out): accuracy {held['accuracy_weighted']:.3f} on "
            f"{held['news_statements']} statements"
            + (f"; real news {real:.3f} on {held['real_news_statements']}" if real else "")
        )
    relevance = metrics["cv_relevance"]
    lines.append(
        f"Relevance (cross-validation): precision {relevance['precision']:.3f} "
        f"recall {relevance['recall']:.3f} F1 {relevance['f1']:.3f}"
    )
    if "manifesto_test" in metrics:
        test = metrics["manifesto_test"]
        lines.append(
            f"Relevance (manifesto test split, about_immigration): precision "
            f"{test['relevance']['precision']:.3f} recall {test['relevance']['recall']:.3f}"
            f" F1 {test['relevance']['f1']:.3f} on {test['relevance']['n']} sentences"
        )
        stance_lines(
            "Stance (manifesto test split, clear positions)", test["stance_clear_position"]
        )
    return "\n".join(lines)
