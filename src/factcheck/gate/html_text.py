"""Text of an HTML draft, with every character at its offset in the HTML source.

Markup becomes spaces, block elements start a new paragraph (newlines written where their tags
were) and script/style/nav/footer/head are skipped, so offsets, lines and columns of claims
point into the HTML file itself. Entities are decoded in place (padded with spaces).
"""

from __future__ import annotations

from html import unescape
from html.parser import HTMLParser

SKIPPED = frozenset({"script", "style", "nav", "footer", "head", "template", "noscript", "svg"})
BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "figure", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "ol", "p",
    "pre", "section", "table", "td", "th", "tr", "ul", "title", "body", "html",
})


class _Extractor(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.starts = [0]
        for index, ch in enumerate(source):
            if ch == "\n":
                self.starts.append(index + 1)
        # Newlines stay where they are; everything else starts as a space.
        self.out = ["\n" if ch == "\n" else " " for ch in source]
        self.skipping: list[str] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.starts[line - 1] + column

    def _put(self, text: str) -> None:
        if self.skipping:
            return
        start = self._offset()
        for index, ch in enumerate(text):
            if start + index < len(self.out) and self.out[start + index] != "\n":
                self.out[start + index] = ch

    def _break(self) -> None:
        start = self._offset()
        end = self.source.find(">", start)
        end = len(self.source) if end == -1 else end + 1
        # Two newlines inside the tag's own span: a paragraph break without moving any text.
        for position in range(start, min(start + 2, end)):
            self.out[position] = "\n"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED:
            self.skipping.append(tag)
        elif tag in BLOCKS and not self.skipping:
            self._break()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCKS and not self.skipping:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and tag == self.skipping[-1]:
            self.skipping.pop()
        elif tag in BLOCKS and not self.skipping:
            self._break()

    def handle_data(self, data: str) -> None:
        self._put(data)

    def handle_entityref(self, name: str) -> None:
        self._put(unescape(f"&{name};")[:1] if unescape(f"&{name};") != f"&{name};" else "&")

    def handle_charref(self, name: str) -> None:
        self._put(unescape(f"&#{name};")[:1])


def extract_html_text(source: str) -> str:
    """The visible text of an HTML draft, the same length as ``source`` (see module doc)."""
    extractor = _Extractor(source)
    extractor.feed(source)
    extractor.close()
    return "".join(extractor.out)

