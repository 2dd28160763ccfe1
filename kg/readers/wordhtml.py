"""HTML (a Word "web page", often served as .doc): the visible text, one line per block."""

from __future__ import annotations

import re
from html.parser import HTMLParser


class _HTMLText(HTMLParser):
    """Visible text of an HTML page: one line per block element or <br>, table cells joined
    with " | ", whitespace collapsed as a browser does; head, scripts and styles skipped."""

    BLOCKS = frozenset("address article blockquote dd div dl dt footer h1 h2 h3 h4 h5 h6 header hr li ol p "
                       "pre section table tr ul".split())  # fmt: skip
    HIDDEN = frozenset("head noscript script style template title xml".split())

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self.hidden = 0
        self.cells = 0
        self.in_cell = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag in ("td", "th"):
            self.cells += 1
            self.in_cell += 1
            if self.cells > 1:
                self.lines[-1] = self.lines[-1].rstrip() + " | "
        elif (tag == "br" or tag in self.BLOCKS) and self.in_cell and tag not in ("table", "tr"):
            self.lines[-1] = self.lines[-1].rstrip(" ") + " "  # a cell stays on its row's line
        elif tag == "br" or tag in self.BLOCKS:
            self.lines.append("")
            self.cells = 0 if tag == "tr" else self.cells

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in ("td", "th"):
            self.in_cell = max(0, self.in_cell - 1)
        elif tag in self.BLOCKS and not (self.in_cell and tag not in ("table", "tr")):
            self.lines.append("")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            text = re.sub(r"[ \t\r\n\f]+", " ", data)
            line = self.lines[-1]
            self.lines[-1] = (
                line + text[1:] if line.endswith(" ") and text.startswith(" ") else line + text
            ).lstrip(" ")


def html_text(markup: str) -> str:
    """Visible text of an HTML document, one line per block, no blank lines."""
    parser = _HTMLText()
    parser.feed(markup)
    parser.close()
    return "\n".join(line.strip(" ") for line in parser.lines if line.strip())
