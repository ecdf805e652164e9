"""Share cards: the 1200×630 PNG that Open Graph and Twitter show beside a shared link.

Layout, wrapping and truncation only; no Django. A card is a kind line ("Fact check"), a title
wrapped to the width and cut with an ellipsis when too long, an optional badge (a myth's verdict,
always written out so it never rests on colour alone) and the site's name.

The font is the one Pillow bundles (a subset of Aileron Regular, https://dotcolon.net/fonts/aileron,
released as CC0), rendered with FreeType, so the cards look the same on every machine whatever fonts it
has. It covers basic Latin and a few
signs; anything else is spelled with what it has (é as e, – as -) or left out.
"""

from __future__ import annotations

import functools
import io
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import ImageDraw, ImageFont

# Pillow is imported where a card is drawn, not at start-up: it adds 6 MB to a worker that may never
# draw one (cards are drawn once and then kept by the page cache).

WIDTH, HEIGHT = 1200, 630  # what Open Graph and Twitter's summary_large_image expect (1.91:1)
MARGIN = 80
TEXT_WIDTH = WIDTH - 2 * MARGIN
BACKGROUND = "#fdfcfa"  # the site's --bg, --text, --muted and --accent (static/css/site.css)
TEXT = "#1c1b19"
MUTED = "#55524b"
ACCENT = "#1d4e89"
# A verdict's colours, as on the site's badges (--v-*-bg and --v-*); the badge always says the verdict.
VERDICT_COLOURS = {
    "false": ("#fde8e8", "#8a1c1c"),
    "misleading": ("#fff0dc", "#7c3f06"),
    "outdated": ("#ebebeb", "#3f3f3f"),
    "partly-true": ("#fbf3cf", "#5f4a00"),
    "true": ("#e1f4e6", "#135c2b"),
}
# Title sizes tried in turn, largest first: a short title gets big type, a long one more lines.
TITLE_SIZES = ((68, 4), (58, 5), (48, 6), (42, 7))
ELLIPSIS = "…"
SUBSTITUTES = {"–": "-", "—": "-", "‑": "-", "−": "-", "\u00a0": " ", "′": "'", "″": '"'}


@dataclass(frozen=True, slots=True)
class Card:
    kind: str  # the small line above the title: "Guide", "Fact check", "Timeline · 2014"
    title: str
    footer: str  # the site's name
    badge: str = ""  # e.g. "Verdict: False"
    badge_style: str = ""  # a key of VERDICT_COLOURS


@functools.cache
def font(size: int) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont

    return ImageFont.load_default(size=size)


def render(card: Card) -> bytes:
    """The card as PNG bytes (a few tens of kilobytes: flat colours compress well)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 24, HEIGHT), fill=ACCENT)  # a band down the left edge
    y = MARGIN
    kind = fit(card.kind, font(34), TEXT_WIDTH, 1)
    draw.text((MARGIN, y), kind[0], font=font(34), fill=ACCENT)
    y += 34 + 36
    bottom = HEIGHT - MARGIN - 40 - (90 if card.badge else 0)  # room for the badge and the footer
    size, lines = title_layout(card.title, bottom - y)
    for line in lines:
        draw.text((MARGIN, y), line, font=font(size), fill=TEXT)
        y += round(size * 1.22)
    if card.badge:
        _badge(draw, card.badge, card.badge_style, HEIGHT - MARGIN - 40 - 70)
    draw.line((MARGIN, HEIGHT - MARGIN - 12, WIDTH - MARGIN, HEIGHT - MARGIN - 12), fill="#d9d5cc", width=2)
    footer = fit(card.footer, font(30), TEXT_WIDTH, 1)[0]
    draw.text((MARGIN, HEIGHT - MARGIN), footer, font=font(30), fill=MUTED)
    out = io.BytesIO()
    image.quantize(colors=64).save(out, format="PNG", optimize=True)  # flat colours: a palette is enough
    return out.getvalue()


def title_layout(title: str, height: int) -> tuple[int, list[str]]:
    """The largest title size whose lines fit `height`, and the lines (the last cut if need be)."""
    for size, max_lines in TITLE_SIZES:
        lines = fit(title, font(size), TEXT_WIDTH, max_lines)
        fits = len(lines) * round(size * 1.22) <= height
        if fits and not lines[-1].endswith(ELLIPSIS):
            return size, lines
    size, max_lines = TITLE_SIZES[-1]
    max_lines = min(max_lines, max(1, height // round(size * 1.22)))
    return size, fit(title, font(size), TEXT_WIDTH, max_lines)


def fit(text: str, face: ImageFont.FreeTypeFont, width: int, max_lines: int) -> list[str]:
    """`text` wrapped at spaces into at most `max_lines` lines of `width` pixels; a cut ends in '…'.

    A word wider than a whole line is broken where it must be.
    """
    words = printable(text).split()
    lines: list[str] = []
    line = ""
    for word in words:
        trial = f"{line} {word}" if line else word
        if face.getlength(trial) <= width:
            line = trial
            continue
        if line:
            lines.append(line)
        line = word
        while face.getlength(line) > width:  # a single over-long word
            cut = _longest_prefix(line, face, width)
            lines.append(line[:cut])
            line = line[cut:]
    if line:
        lines.append(line)
    if len(lines) <= max_lines:
        return lines or [""]
    kept = lines[:max_lines]
    kept[-1] = _with_ellipsis(kept[-1], face, width)
    return kept


def _longest_prefix(text: str, face, width: int) -> int:
    cut = len(text)
    while cut > 1 and face.getlength(text[:cut]) > width:
        cut -= 1
    return cut


def _with_ellipsis(line: str, face, width: int) -> str:
    """The line shortened, at a space when possible, until it and '…' fit."""
    while line and face.getlength(line + ELLIPSIS) > width:
        head, space, _ = line.rpartition(" ")
        line = head if space and head else line[:-1]
    return line.rstrip(" ,;:.-") + ELLIPSIS


def printable(text: str) -> str:
    """`text` in characters the font has: substitutes, then accents dropped, then anything else left out."""
    out = []
    for char in text:
        char = SUBSTITUTES.get(char, char)
        if not _has_glyph(char):
            base = unicodedata.normalize("NFKD", char)[:1]
            char = base if base and _has_glyph(base) else ""
        out.append(char)
    return " ".join("".join(out).split())


@functools.cache
def _missing_glyph() -> bytes:
    return _glyph_pixels("\uffff")


@functools.cache
def _has_glyph(char: str) -> bool:
    """Whether the bundled font draws `char` itself, rather than its empty box for a missing glyph."""
    if char.isspace() or char.isascii():
        return char.isprintable() or char == " "
    return _glyph_pixels(char) != _missing_glyph()


def _glyph_pixels(char: str) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("L", (48, 48))
    ImageDraw.Draw(image).text((8, 4), char, font=font(32), fill=255)
    return image.tobytes()


def _badge(draw: ImageDraw.ImageDraw, text: str, style: str, y: int) -> None:
    background, colour = VERDICT_COLOURS.get(style, ("#e3ecf7", ACCENT))
    face = font(38)
    text = fit(text, face, TEXT_WIDTH - 48, 1)[0]
    width = face.getlength(text) + 48
    draw.rounded_rectangle((MARGIN, y, MARGIN + width, y + 62), radius=10, fill=background, outline=colour, width=3)
    draw.text((MARGIN + 24, y + 11), text, font=face, fill=colour)
