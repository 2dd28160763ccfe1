"""A server-rendered SVG picture of the plan hierarchy: one column per depth (national → province →
district → commune), one linked box per document, a line for each ``vnp:implements`` edge."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from xml.sax.saxutils import escape, quoteattr

BOX_W, BOX_H, COL_W, ROW_H, PAD = 250, 34, 300, 44, 10
COLOURS = {"national": "#c33", "province": "#e69a2e", "district": "#7cb342", "commune": "#4aa3df"}
MAX_NODES = 400


def _short(text: str, width: int = 36) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def hierarchy_svg(roots: list[Any], link: Callable[[str], str]) -> str | None:
    """SVG markup for the forest ``roots`` (nodes with iri, label, level, children), or None when the
    forest is too large to draw legibly (the nested list is shown instead)."""
    boxes: list[tuple[float, float, Any]] = []
    edges: list[tuple[float, float, float, float]] = []
    seen: set[str] = set()
    next_row = [0]

    def place(node: Any, depth: int) -> float:
        if node.iri in seen or len(seen) >= MAX_NODES or depth > 8:
            return -1.0
        seen.add(node.iri)
        child_ys = [y for y in (place(c, depth + 1) for c in node.children) if y >= 0]
        if child_ys:
            y = sum(child_ys) / len(child_ys)
        else:
            y = next_row[0] * ROW_H
            next_row[0] += 1
        x = depth * COL_W
        boxes.append((x, y, node))
        edges.extend((x + BOX_W, y + BOX_H / 2, x + COL_W, cy + BOX_H / 2) for cy in child_ys)
        return y

    for root in roots:
        place(root, 0)
    if not boxes or len(seen) >= MAX_NODES:
        return None
    width = max(x for x, _, _ in boxes) + BOX_W + 2 * PAD
    height = next_row[0] * ROW_H + 2 * PAD
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" id="hierarchy-svg" width="{width:.0f}" '
             f'height="{height:.0f}" viewBox="{-PAD} {-PAD} {width:.0f} {height:.0f}" role="img" '
             'aria-label="plan hierarchy" font-family="sans-serif" font-size="12">']
    parts += [f'<path d="M{x1:.0f},{y1:.0f} C{x1 + 25:.0f},{y1:.0f} {x2 - 25:.0f},{y2:.0f} '
              f'{x2:.0f},{y2:.0f}" fill="none" stroke="#999"/>' for x1, y1, x2, y2 in edges]
    for x, y, node in sorted(boxes, key=lambda b: (b[0], b[1], b[2].iri)):
        colour = COLOURS.get(node.level, "#999")
        parts.append(
            f'<a href={quoteattr(link(node.iri))}><title>{escape(node.label)}</title>'
            f'<rect x="{x:.0f}" y="{y:.0f}" width="{BOX_W}" height="{BOX_H}" rx="4" fill="#fff" '
            f'stroke="{colour}" stroke-width="2"/>'
            f'<rect x="{x:.0f}" y="{y:.0f}" width="6" height="{BOX_H}" fill="{colour}"/>'
            f'<text x="{x + 12:.0f}" y="{y + 14:.0f}">{escape(_short(node.label))}</text>'
            f'<text x="{x + 12:.0f}" y="{y + 28:.0f}" fill="#666">{escape(node.level or "?")}'
            f'{" · " + escape(_short(node.unit, 28)) if node.unit else ""}</text></a>')
    parts.append("</svg>")
    return "".join(parts)
