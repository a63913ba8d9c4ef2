"""Layout checks on a rendered PDF, from the positions of its words (`pdftotext -bbox-layout`).

Each check returns a list of problems (empty: the layout holds). They look only at the PDF, so
they catch what a reader sees: text drawn off the page or outside the page's printable box,
words overprinting each other, a word broken into one letter per line, a page that holds only
a signature block.
"""

from __future__ import annotations

import collections
import html
import io
import re
import subprocess
from dataclasses import dataclass

from pypdf import PdfReader

MM = 72 / 25.4  # PDF points in a millimetre
_NUMBER = r'"(-?[\d.]+)"'
_BOX = re.compile(rf"xMin={_NUMBER} yMin={_NUMBER} xMax={_NUMBER} yMax={_NUMBER}")
_WORD = re.compile(r"<word ([^>]*)>(.*?)</word>")


@dataclass(frozen=True)
class Word:
    """A word and its box, in PDF points from the top-left corner of the page."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str


@dataclass(frozen=True)
class Box:
    """The printable box of a page: where any glyph may be drawn (points from the top left)."""

    left: float
    top: float
    right: float
    bottom: float


@dataclass
class Page:
    """One page: its size and its text lines (as pdftotext groups words into lines)."""

    width: float
    height: float
    lines: list[list[Word]]

    @property
    def words(self) -> list[Word]:
        return [word for line in self.lines for word in line]


def read_pages(pdf: bytes) -> list[Page]:
    """The words of every page with their positions."""
    out = subprocess.run(["pdftotext", "-bbox-layout", "-", "-"], input=pdf, capture_output=True,
                         check=True).stdout.decode("utf-8")
    pages = []
    for chunk in out.split("<page ")[1:]:
        size = re.match(r'width="([\d.]+)" height="([\d.]+)"', chunk)
        assert size, chunk[:80]
        lines = [[Word(*(float(v) for v in _BOX.search(tag).groups()), html.unescape(text))  # type: ignore[union-attr]
                  for tag, text in _WORD.findall(line)]
                 for line in re.findall(r"<line .*?</line>", chunk, re.DOTALL)]
        pages.append(Page(float(size[1]), float(size[2]), [line for line in lines if line]))
    return pages


def glyphs_off_the_page(pdf: bytes, pages: list[Page]) -> list[str]:
    """Glyphs the PDF draws that pdftotext does not see on the page: those lie wholly off it.

    pdftotext drops characters outside the page; pypdf extracts every character drawn. For
    WeasyPrint's PDFs the two agree exactly when everything is on the page.
    """
    problems = []
    for number, (page, seen) in enumerate(zip(PdfReader(io.BytesIO(pdf)).pages, pages), 1):
        drawn = collections.Counter(c for c in page.extract_text() if not c.isspace())
        inside = collections.Counter(c for word in seen.words for c in word.text if not c.isspace())
        missing = drawn - inside
        if missing:
            sample = "".join(sorted(missing.elements()))[:30]
            problems.append(f"page {number}: {sum(missing.values())} glyphs drawn off the page ({sample}…)")
    return problems


def outside_the_box(pages: list[Page], boxes: list[Box], slack: float = 1.0) -> list[str]:
    """Words that reach outside their page's printable box."""
    problems = []
    for number, (page, box) in enumerate(zip(pages, boxes), 1):
        for w in page.words:
            if (w.x0 < box.left - slack or w.x1 > box.right + slack or w.y0 < box.top - slack
                    or w.y1 > box.bottom + slack):
                problems.append(f"page {number}: {w.text[:24]!r} at x {w.x0:.0f}–{w.x1:.0f}, "
                                f"y {w.y0:.0f}–{w.y1:.0f} pt is outside the printable box")
    return problems


def overprinted(pages: list[Page], slack: float = 0.6) -> list[str]:
    """Pairs of words whose boxes overlap: one is printed over the other."""
    problems = []
    for number, page in enumerate(pages, 1):
        words = sorted(page.words, key=lambda w: w.x0)
        for i, a in enumerate(words):
            for b in words[i + 1:]:
                if b.x0 >= a.x1 - slack:
                    break
                shared = min(a.y1, b.y1) - max(a.y0, b.y0)
                if shared > 0.3 * min(a.y1 - a.y0, b.y1 - b.y0):
                    problems.append(f"page {number}: {a.text[:20]!r} and {b.text[:20]!r} overprint "
                                    f"at x {b.x0:.0f}, y {b.y0:.0f} pt")
    return problems


def letter_columns(pages: list[Page], run: int = 3, most: int = 3) -> list[str]:
    """Words broken into a letter or a few per line: `run` or more lines of one such fragment
    (at most `most` letters) stacked in one paragraph, as a column squeezed to nothing prints."""
    problems = []
    for number, page in enumerate(pages, 1):
        letters = sorted((line[0] for line in page.lines if len(line) == 1 and len(line[0].text) <= most
                          and line[0].text.isalpha()), key=lambda w: (round(w.x0), w.y0))
        stack: list[Word] = []
        for w in [*letters, None]:
            if w and stack and abs(w.x0 - stack[-1].x0) < 3 and 0 <= w.y0 - stack[-1].y1 < 0.6 * (w.y1 - w.y0):
                stack.append(w)
                continue
            if len(stack) >= run:
                problems.append(f"page {number}: {''.join(x.text for x in stack)[:20]!r} is printed "
                                f"a few letters per line at x {stack[0].x0:.0f} pt")
            stack = [w] if w else []
    return problems


_SIGNATURE = re.compile(r"\b(podpis\w{0,2}|pieczęć)\b", re.IGNORECASE)  # podpis, podpisy, podpisem; not "podpisuje"
_FILLER = re.compile(r"^([.…_:\-–]*|\d+\.?|\(.*|.*\))$")  # dotted lines, numbering, (captions)


def lonely_signatures(pages: list[Page], footer: float = 16 * MM, reach: float = 25 * MM,
                      most: int = 120) -> list[str]:
    """Pages (after the first) that hold a signature block without the text it signs.

    A page is flagged when its top line is a signature caption, or when a signature caption
    lies within `reach` of the top and the rest of the page (numbering, dotted lines and
    parenthesised captions left out) holds at most `most` characters: signers' names only.
    """
    problems = []
    for number, page in enumerate(pages[1:], 2):
        body = sorted((line for line in page.lines if line[0].y0 < page.height - footer),
                      key=lambda line: line[0].y0)
        signs = [line for line in body if any(_SIGNATURE.search(w.text) for w in line)]
        if not signs:
            continue
        top = body[0][0].y0
        other = "".join(w.text for line in body if line not in signs for w in line
                        if not _FILLER.match(w.text))
        first_row = [line for line in body if line[0].y0 < top + 3]
        if all(line in signs for line in first_row) or (signs[0][0].y0 - top < reach
                                                        and len(other) <= most):
            problems.append(f"page {number} holds a signature block without the text it signs "
                            f"(besides it: {other[:40]!r})")
    return problems


def layout_problems(pdf: bytes, boxes: list[Box]) -> list[str]:
    """Every check on one PDF; `boxes` gives each page's printable box."""
    pages = read_pages(pdf)
    assert len(pages) == len(boxes), (len(pages), len(boxes))
    return (glyphs_off_the_page(pdf, pages) + outside_the_box(pages, boxes) + overprinted(pages)
            + letter_columns(pages) + lonely_signatures(pages))
