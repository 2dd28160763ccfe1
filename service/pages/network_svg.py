"""The citation network as SVG: one column per level, one linked box per document (kind and number,
its unit below; the full title as tooltip), an arrow from each citing document to the document it
cites, coloured by the kind of citation."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from service.pages.svg import COLOURS

BOX_W, BOX_H, COL_W, ROW_H, TOP, PAD = 210, 40, 260, 52, 34, 12
KIND_COLOURS = {"implements": "#7a1f3d", "content": "#2a7fc0", "mention": "#8c8c8c", "cites": "#555555"}
_SPARE = ("#2e7d32", "#b58100", "#6a3d9a", "#00838f")


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def kind_colour(kind: str, kinds: Sequence[str]) -> str:
    if kind in KIND_COLOURS:
        return KIND_COLOURS[kind]
    others = sorted(k for k in kinds if k not in KIND_COLOURS)
    return _SPARE[others.index(kind) % len(_SPARE)] if kind in others else "#555555"


def network_svg(net: Any, levels: Sequence[str], titles: dict[str, str], link: Callable[[str], str]) -> str:
    """SVG markup for a :class:`service.pages.network.Network`."""
    columns = [lv for lv in levels if any(n.level == lv for n in net.nodes.values()) or lv in net.hidden]
    place: dict[str, tuple[float, float]] = {}
    rows = 0
    for c, level in enumerate(columns):
        members = sorted((n for n in net.nodes.values() if n.level == level),
                         key=lambda n: (not n.focus, not n.plan, n.label, n.iri))
        for r, node in enumerate(members):
            place[node.iri] = (c * COL_W, TOP + r * ROW_H)
        rows = max(rows, len(members) + (1 if level in net.hidden else 0))
    width = max(1, len(columns)) * COL_W - (COL_W - BOX_W) + 2 * PAD + 40
    height = TOP + rows * ROW_H + PAD
    kinds = list(net.kinds)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" id="network-svg" width="{width:.0f}" '
             f'height="{height:.0f}" '
             f'viewBox="{-PAD} {-PAD} {width:.0f} {height:.0f}" role="img" aria-label="citation network" '
             'font-family="sans-serif" font-size="12"><defs>']
    for kind in kinds:
        parts.append(f'<marker id="arrow-{escape(kind)}" viewBox="0 0 10 10" refX="9" refY="5" '
                     f'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
                     '<path d="M0,0 L10,5 L0,10 z" '
                     f'fill="{kind_colour(kind, kinds)}"/></marker>')
    parts.append("</defs>")
    for c, level in enumerate(columns):
        parts.append(f'<text class="column-title" x="{c * COL_W}" y="12" font-weight="bold" '
                     f'fill="{COLOURS.get(level, "#555")}">{escape(titles.get(level, level))}</text>')
        if level in net.hidden:
            count = sum(1 for n in net.nodes.values() if n.level == level)
            parts.append(f'<text class="more" x="{c * COL_W}" y="{TOP + count * ROW_H + 16}" fill="#555">'
                         f'… {net.hidden[level]} more · còn {net.hidden[level]} văn bản</text>')
    for source, target, kind in net.edges:
        parts.append(_edge(place[source], place[target], kind, kind_colour(kind, kinds)))
    for iri, (x, y) in sorted(place.items()):
        parts.append(_box(net.nodes[iri], x, y, link))
    parts.append("</svg>")
    return "".join(parts)


def _edge(start: tuple[float, float], end: tuple[float, float], kind: str, colour: str) -> str:
    (sx, sy), (ex, ey) = start, end
    sy, ey = sy + BOX_H / 2, ey + BOX_H / 2
    if ex < sx:  # cites a document to the left (the usual way: up a level)
        x1, x2 = sx, ex + BOX_W
        path = f"M{x1:.0f},{sy:.0f} C{x1 - 30:.0f},{sy:.0f} {x2 + 30:.0f},{ey:.0f} {x2 + 2:.0f},{ey:.0f}"
    elif ex > sx:
        x1, x2 = sx + BOX_W, ex
        path = f"M{x1:.0f},{sy:.0f} C{x1 + 30:.0f},{sy:.0f} {x2 - 30:.0f},{ey:.0f} {x2 - 2:.0f},{ey:.0f}"
    else:  # same level: a loop on the right of the column
        x1 = sx + BOX_W
        bulge = x1 + 20 + min(30.0, abs(ey - sy) / 6)
        path = f"M{x1:.0f},{sy:.0f} C{bulge:.0f},{sy:.0f} {bulge:.0f},{ey:.0f} {x1 + 2:.0f},{ey:.0f}"
    dash = ' stroke-dasharray="4 3"' if kind == "mention" else ""
    return (f'<path class="edge edge-{escape(kind)}" d="{path}" fill="none" stroke="{colour}" '
            f'stroke-width="1.4" stroke-opacity="0.8"{dash} marker-end="url(#arrow-{escape(kind)})"/>')


def _box(node: Any, x: float, y: float, link: Callable[[str], str]) -> str:
    colour = COLOURS.get(node.level, "#999")
    dashed = ' stroke-dasharray="5 3"' if node.plan and not node.in_corpus else ""
    fill = "#f6eef1" if node.focus else "#fff"
    stroke_w = 3 if node.focus else 1.5
    tooltip = node.title + (f" — {node.sub}" if node.sub else "")
    first, second = _lines(node)
    return (f'<a class="node{" focus" if node.focus else ""}" href={quoteattr(link(node.iri))} '
            f'data-iri={quoteattr(node.iri)}><title>{escape(tooltip)}</title>'
            f'<rect x="{x:.0f}" y="{y:.0f}" width="{BOX_W}" height="{BOX_H}" rx="4" fill="{fill}" '
            f'stroke="{colour}" stroke-width="{stroke_w}"{dashed}/>'
            f'<rect x="{x:.0f}" y="{y:.0f}" width="5" height="{BOX_H}" fill="{colour}"/>'
            f'<text x="{x + 11:.0f}" y="{y + 16:.0f}" font-weight="600">{escape(first)}</text>'
            f'<text x="{x + 11:.0f}" y="{y + 31:.0f}" fill="#666" font-size="11">{escape(second)}</text></a>')


def _lines(node: Any, width: int = 30) -> tuple[str, str]:
    """The box's two lines: the label and the unit; a long label with no unit over both lines."""
    if node.sub or len(node.label) <= width:
        return _short(node.label, width), _short(node.sub or node.title, 36)
    cut = node.label.rfind(" ", 0, width)
    cut = cut if cut > width // 2 else width
    return node.label[:cut].rstrip(), _short(node.label[cut:].strip(), 36)
