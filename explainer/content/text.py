"""Plain text from rendered content, for meta descriptions and data exports."""

import html
import re

_CITATION = re.compile(r'<sup class="cite[^"]*">.*?</sup>', re.S)
_TERM_TIP = re.compile(r'<span class="term-tip"[^>]*>.*?</i>.*?</span>', re.S)
_TAG = re.compile(r"<[^>]+>")


def plain_text(rendered: str) -> str:
    """Rendered HTML without tags, citation markers or glossary pop-ups, on one line."""
    text = _TERM_TIP.sub("", _CITATION.sub("", rendered))
    text = html.unescape(_TAG.sub(" ", text))
    text = re.sub(r"\s+([.,;:!?)])", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()
