"""Checks of a built site that the tests and the guardrail tests share."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path


def chromium() -> str | None:
    """The browser the tests drive: Debian's chromium, or the one $CHROMIUM names (a CI runner's Chrome)."""
    return os.environ.get("CHROMIUM") or shutil.which("chromium")


# a request the page makes by itself: script/img/iframe src, stylesheet/preload/icon links, CSS url() and @import
LOADS = re.compile(r'(?:url\(\s*["\']?|@import\s+["\']|\b(?:src|xlink:href)\s*=\s*["\']|'
                   r'<link[^>]*\brel="(?:stylesheet|preconnect|preload|modulepreload|icon|manifest)"[^>]*\bhref=")'
                   r'(?P<url>(?:https?:)?//[^"\')\s]+)')
XML_NAMES = re.compile(r'xmlns(:\w+)?="[^"]*"|"-//W3C//DTD[^"]*"\s*"[^"]*"')  # identifiers, never fetched


def third_party_loads(site: Path) -> list[str]:
    """Every style, script, font or image a built page, stylesheet or SVG would fetch from another host."""
    found = []
    for path in sorted(site.rglob("*")):
        if path.suffix not in (".html", ".css", ".svg"):
            continue
        text = XML_NAMES.sub("", path.read_text(encoding="utf-8", errors="replace"))
        for m in LOADS.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            found.append(f"{path.relative_to(site)}:{line}: loads {m['url']}")
    return found
