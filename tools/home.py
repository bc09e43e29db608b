"""The home page's contents follow the book: one heading per chapter of the nav and one card per page.

A home page (docs/index.<lang>.md) writes two marker lines; tools/hooks.py (on_page_markdown) replaces them:

- `<!-- home: chapters -->`: for every chapter of the nav (tools/pages.book(), in order), its title as a
  heading and Material's grid cards, one per page of the chapter: the page's title (its `# ...` line) as
  the link, and one line, the page's front-matter `card:` (its `description:` if it has none). A chapter
  added by `make chapter`, or a page added by `make page`, gets its cards from the nav and its own front
  matter, with nothing to write on the home page;
- `<!-- home: pdf -->`: the link to download the PDF, when the build makes one (SITE_PDF=1), else nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from tools.pages import DOCS, book

CHAPTERS = "<!-- home: chapters -->"
PDF = "<!-- home: pdf -->"
FRONT_MATTER = re.compile(r"\A---\n(?P<yaml>.*?)\n---\n", re.S)


def front_matter(page: Path) -> dict:
    m = FRONT_MATTER.match(page.read_text(encoding="utf-8"))
    return (yaml.safe_load(m["yaml"]) or {}) if m else {}


def title(page: Path) -> str:
    m = re.search(r"^# (.+)$", page.read_text(encoding="utf-8"), re.M)
    return m[1].strip() if m else page.stem.split(".")[0]


def card(md: str, lang: str) -> str | None:
    """One page's card, as Markdown inside the grid (None when the page's file is missing)."""
    page = DOCS / md.replace(".md", f".{lang}.md")
    if not page.is_file():
        return None
    meta = front_matter(page)
    line = " ".join(str(meta.get("card") or meta.get("description") or "").split())
    name = title(page).replace("[", r"\[").replace("]", r"\]")
    return (f"-   [{name}]({md})\n    {{: .home-card-title }}\n\n"
            + (f"    {line}\n    {{: .home-card-line }}\n" if line else ""))


def chapters(lang: str) -> str:
    """Every chapter of the nav: its heading and its cards."""
    out = []
    for chapter in book():
        cards = [c for c in (card(md, lang) for md in chapter.pages) if c]
        out.append(f"## {chapter.title(lang)} {{ #chapter-{chapter.number} .home-chapter }}\n\n"
                   f'<div class="grid cards home-cards" markdown>\n\n' + "\n".join(cards) + "\n</div>\n")
    return "\n".join(out)


def expand(markdown: str, lang: str, pdf_link: str) -> str:
    """The home page's Markdown with its markers replaced (tools/hooks.py)."""
    markdown = markdown.replace(CHAPTERS, chapters(lang))
    return markdown.replace(PDF, f'<p class="pdf-link">{pdf_link}</p>' if pdf_link else "")
