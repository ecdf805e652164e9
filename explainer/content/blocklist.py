"""Domains that are never sources (content/blocklist.toml), and the links in content/ that point to them.

The review of December 2026 found bibliography "mirrors" on clone, spam and pirate sites. One file
lists those domains; every content file is scanned for links to them, so that none comes back
unnoticed, whether in a source's address, its note or a page's text.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from .records import ContentError

LIST = "blocklist.toml"
SCANNED = (".md", ".toml", ".html")
SKIPPED = ("reviews",)  # the editors' review notes name these domains on purpose
URL_HOST = re.compile(r"https?://([^/\s\"'<>)\]]+)", re.IGNORECASE)


def blocked_domains(root: Path, problems: list) -> dict[str, str]:
    """domain -> why, from content/blocklist.toml."""
    path = root / LIST
    if not path.exists():
        return {}
    try:
        entries = tomllib.loads(path.read_text(encoding="utf-8")).get("blocked", [])
    except tomllib.TOMLDecodeError as exc:
        problems.append(ContentError("E013", path, "blocked", f"not valid TOML: {exc}"))
        return {}
    return {e["domain"].lower(): e.get("why", "") for e in entries if isinstance(e.get("domain"), str)}


def blocked_links(root: Path, domains: dict[str, str]) -> list[ContentError]:
    """Every link in content/ whose host is a blocked domain or one of its subdomains."""
    if not domains:
        return []
    found = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if path.suffix not in SCANNED or path.name == LIST or relative.parts[0] in SKIPPED:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for host in URL_HOST.findall(line):
                if domain := _blocked(host.lower().split(":")[0], domains):
                    message = f"links to {host}, which is never a source ({domains[domain]}); cite the original"
                    found.append(ContentError("E017", path, "link", message, number))
    return found


def _blocked(host: str, domains: dict[str, str]) -> str | None:
    return next((d for d in domains if host == d or host.endswith(f".{d}")), None)
