"""The search index, per language: the Korean spellings readers type, and excerpts that read well.

Material's search matches every query word as a prefix, and mkdocs-static-i18n writes one index for
both languages. Material shows, under each page it lists, the blocks (paragraphs, list items) in which
the query matched, at most two, with the match highlighted. Called while the pages are rendered
(`prepare_page`, tools/hooks.py on_page_content) and once after the whole site is built
(`write_language_indexes`, on_post_build):

- each language gets its own index (`search/search_index.json`, `en/search/search_index.json`), so a query
  on the English site never lists Korean pages and the reverse (the English pages' search looks under
  `en/`: tools/hooks.py points their search base there);
- a Korean word written one way is also indexed under its other spellings, where it stands: the notes
  write "경사하강법", the site "경사 하강법", and either finds both; a compound's tail finds it too
  ("하강법", "제곱오차"). The forms come from the glossaries (a term and the spellings in its last column
  that differ from it only by spaces). Each occurrence becomes
  `<span class="search-term">경사 하강법은</span><span class="search-only" hidden>경사하강법</span>`, inside
  its own paragraph: a query for either spelling shows that paragraph as the excerpt, and the visible word is
  highlighted (docs/assets/extra.css) when the hidden spelling matched;
- a table is indexed row by row, each row a paragraph of its cells joined by " · " (on the English site
  without the cells that are only Hangul), instead of all its cells run together as one block: a query for
  "momentum" shows the glossary's row for momentum, not a stretch of table text mixed with Hangul. The table
  itself carries `data-search-exclude`; the rows follow it in a hidden block that only the index reads;
- a section that defines a term (writes it in bold) ranks as if the term were in its heading: a query for
  "확률적 경사 하강법" lists the page that introduces it, not the pages that say "경사 하강법" most often.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from tools.pages import glossaries

HIDDEN = '<span class="search-only" hidden>{}</span>'
TERM = '<span class="search-term">{}</span>'
HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")


def _rows(glossary: Path) -> list[list[str]]:
    table = [line for line in glossary.read_text(encoding="utf-8").splitlines() if line.startswith("|")][2:]
    return [[c.strip() for c in line.strip("|").split("|")] for line in table]


def spelling_groups(files: list[Path] | None = None) -> list[list[str]]:
    """Every Korean term with spaces (or with a spaced spelling): its spaced and unspaced forms and the
    unspaced tails of the compound, e.g. ["경사 하강법", "경사하강법", "하강법"]."""
    groups = []
    for glossary in glossaries("ko") if files is None else files:
        for cells in _rows(glossary):
            term = re.sub(r"\(.*?\)", "", cells[0]).strip()  # "최적화 함수(옵티마이저)" -> "최적화 함수"
            forms = [term] + [v.strip() for v in cells[-1].split(",")
                              if v.strip().replace(" ", "") == term.replace(" ", "")]
            spaced = max(forms, key=lambda f: f.count(" "))
            words = spaced.split()
            if len(words) < 2:
                continue
            tails = ["".join(words[k:]) for k in range(1, len(words)) if len("".join(words[k:])) >= 2]
            group = list(dict.fromkeys([spaced, "".join(words), *tails]))
            if group not in groups:
                groups.append(group)
    return groups


def _plain(html: str) -> str:
    """The prose of an index entry: code (the earlier pages' code, comments included) says nothing a
    reader searches for."""
    return re.sub(r"<[^>]+>", " ", re.sub(r"<pre\b.*?</pre>|<code>.*?</code>", " ", html, flags=re.S))


def _finds(form: str, text: str) -> bool:
    """Whether the search would find `form` in `text`: it matches the start of a word (a prefix)."""
    return re.search(rf"(?<!\w){re.escape(form)}", text) is not None


# what the spelling marks leave alone: code, tags, and the hidden spellings themselves
_SKIP = re.compile(r'(<pre\b.*?</pre>|<code>.*?</code>|<span class="search-(?:only|term)"[^>]*>.*?</span>|<[^>]+>)', re.S)


def mark_spellings(html: str, groups: list[list[str]]) -> str:
    """Each word that writes a term in one of its two full forms (spaced, unspaced) is followed, hidden, by
    the forms the search would not find in it."""
    full = {form: group for group in groups for form in group[:2]}
    if not full:
        return html
    word = re.compile(r"(?<!\w)(?P<form>" + "|".join(map(re.escape, sorted(full, key=len, reverse=True)))
                      + r")[^\s<>\-]*")

    def mark(m):
        missing = [f for f in full[m["form"]] if not _finds(f, m["form"])]
        return TERM.format(m[0]) + HIDDEN.format(" ".join(missing)) if missing else m[0]

    parts = _SKIP.split(html)
    parts[::2] = [word.sub(mark, text) for text in parts[::2]]
    return "".join(parts)


def add_spellings(docs: list[dict], groups: list[list[str]]) -> None:
    for doc in docs:
        for field in ("title", "text"):  # a title weighs far more than the text: both get the spellings
            doc[field] = mark_spellings(doc[field], groups)


def english_terms(files: list[Path] | None = None) -> list[list[str]]:
    """The English terms of more than one word, each a group of one spelling ("stochastic gradient descent")."""
    terms = [re.sub(r"\(.*?\)|`", "", cells[1]).strip()
             for glossary in (glossaries("en") if files is None else files) for cells in _rows(glossary)]
    return [[t] for t in dict.fromkeys(terms) if " " in t]


TABLE = re.compile(r"<table\b(?P<attrs>[^>]*)>(?P<body>.*?)</table>", re.S)
ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.S)
CELL = re.compile(r"<td\b[^>]*>(.*?)</td>", re.S)


def searchable_tables(html: str, lang: str) -> str:
    """Each table left out of the index (`data-search-exclude`) and followed by its rows as hidden paragraphs,
    which the index takes instead: one excerpt per row, not the whole table run together."""

    def rows(m):
        paragraphs = []
        for row in ROW.findall(m["body"]):
            cells = [c.strip() for c in CELL.findall(row)]
            if lang != "ko":  # the Korean column and the Korean spellings are for the Korean site
                cells = [c for c in cells if not (HANGUL.search(_plain(c)) and not re.search(r"[A-Za-z]", _plain(c)))]
            cells = [c for c in cells if _plain(c).strip()]
            if cells:
                paragraphs.append(f"<p>{' · '.join(cells)}</p>")
        if not paragraphs:
            return m[0]
        return (f'<table data-search-exclude{m["attrs"]}>{m["body"]}</table>'
                f'<div class="search-only" hidden>{"".join(paragraphs)}</div>')

    return TABLE.sub(rows, html)


_definitions: dict[str, list[str]] = {}  # index location -> spellings of the terms its section defines


def note_definitions(url: str, html: str, lang: str) -> None:
    """Remember which glossary terms each section of a rendered page defines in bold."""
    groups = spelling_groups() if lang == "ko" else english_terms()
    parts = re.split(r'<h[1-6] id="([^"]+)"[^>]*>', html)
    for n in range(0, len(parts), 2):
        location = url if n < 3 else f"{url}#{parts[n - 1]}"  # the page's first section is its h1
        bold = " ".join(_plain(b) for b in re.findall(r"<strong>(.*?)</strong>", parts[n], re.S)).lower()
        found = [form for group in groups if any(_finds(f.lower(), bold) for f in group[:2]) for form in group]
        if found:
            _definitions[location] = _definitions.get(location, []) + found if n == 2 else found


def prepare_page(url: str, html: str, lang: str) -> str:
    """A rendered page as the index should read it (tools/hooks.py, on_page_content)."""
    note_definitions(url, html, lang)
    return searchable_tables(html, lang)


def write_language_indexes(site_dir: Path, languages: list[str], default: str) -> None:
    """Split the shared index into one per language; add the Korean spellings to the Korean one."""
    shared = site_dir / "search" / "search_index.json"
    index = json.loads(shared.read_text(encoding="utf-8"))
    others = [lang for lang in languages if lang != default]
    for lang in languages:
        prefix = "" if lang == default else f"{lang}/"
        if lang == default:
            docs = [d for d in index["docs"] if not any(d["location"].startswith(f"{o}/") for o in others)]
        else:
            docs = [dict(d, location=d["location"].removeprefix(prefix)) for d in index["docs"]
                    if d["location"].startswith(prefix)]
        if lang == "ko":
            add_spellings(docs, spelling_groups())
        for doc in docs:
            defined = _definitions.get(prefix + doc["location"])
            if defined:
                doc["title"] += HIDDEN.format(" ".join(dict.fromkeys(defined)))
        out = site_dir / prefix / "search" / "search_index.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        config = dict(index["config"], lang=[lang] if lang == "en" else index["config"]["lang"])
        out.write_text(json.dumps({"config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":")),
                       encoding="utf-8")
