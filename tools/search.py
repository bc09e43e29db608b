"""The search index, per language, and the Korean spellings readers type.

Material's search matches every query word as a prefix, and mkdocs-static-i18n writes one index for
both languages. Called once after the whole site is built (tools/hooks.py, on_post_build):

- each language gets its own index (`search/search_index.json`, `en/search/search_index.json`), so a query
  on the English site never lists Korean pages and the reverse (the English pages' search looks under
  `en/`: tools/hooks.py points their search base there);
- a section that writes a glossary term one way is also indexed under the term's other spellings: the
  notes write "경사하강법", the site "경사 하강법", and either finds both; a compound's tail finds it too
  ("하강법", "제곱오차"). The forms come from the glossary: a term and the spellings in its last column
  that differ from it only by spaces. They are added to the section's text hidden, so results read as before;
- a section that defines a term (writes it in bold) ranks as if the term were in its heading: a query for
  "확률적 경사 하강법" lists the page that introduces it, not the pages that say "경사 하강법" most often.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from tools.pages import DOCS

GLOSSARY = DOCS / "gradient-descent" / "glossary.ko.md"
HIDDEN = '<span class="search-only" hidden>{}</span>'


def spelling_groups(glossary: Path = GLOSSARY) -> list[list[str]]:
    """Every Korean term with spaces (or with a spaced spelling): its spaced and unspaced forms and the
    unspaced tails of the compound, e.g. ["경사 하강법", "경사하강법", "하강법"]."""
    groups = []
    table = [line for line in glossary.read_text(encoding="utf-8").splitlines() if line.startswith("|")][2:]
    for line in table:
        cells = [c.strip() for c in line.strip("|").split("|")]
        term = re.sub(r"\(.*?\)", "", cells[0]).strip()  # "최적화 함수(옵티마이저)" -> "최적화 함수"
        forms = [term] + [v.strip() for v in cells[-1].split(",") if v.strip().replace(" ", "") == term.replace(" ", "")]
        spaced = max(forms, key=lambda f: f.count(" "))
        words = spaced.split()
        if len(words) < 2:
            continue
        tails = ["".join(words[k:]) for k in range(1, len(words)) if len("".join(words[k:])) >= 2]
        groups.append(list(dict.fromkeys([spaced, "".join(words), *tails])))
    return groups


def _plain(html: str) -> str:
    """The prose of an index entry: code (the earlier pages' code, comments included) says nothing a
    reader searches for."""
    return re.sub(r"<[^>]+>", " ", re.sub(r"<pre\b.*?</pre>|<code>.*?</code>", " ", html, flags=re.S))


def _count(form: str, text: str) -> int:
    """How often the search would find `form` in `text`: it matches the start of a word (a prefix)."""
    return len(re.findall(rf"(?<!\w){re.escape(form)}", text))


def _finds(form: str, text: str) -> bool:
    return _count(form, text) > 0


def _other_spellings(text: str, groups: list[list[str]]) -> list[str]:
    """The spellings of the terms `text` uses that it does not write, as often as it uses each term
    (so that either spelling ranks the section alike)."""
    plain = _plain(text)
    missing = []
    for group in groups:
        uses = max(_count(group[0], plain), _count(group[1], plain))
        missing += [form for form in group if uses and not _finds(form, plain)] * uses
    return missing


def add_spellings(docs: list[dict], groups: list[list[str]]) -> None:
    for doc in docs:
        for field in ("title", "text"):  # a title weighs far more than the text: both get the spellings
            missing = _other_spellings(doc[field], groups)
            if missing:
                doc[field] += HIDDEN.format(" ".join(missing))


def english_terms(glossary: Path = GLOSSARY.with_name("glossary.en.md")) -> list[list[str]]:
    """The English terms of more than one word, each a group of one spelling ("stochastic gradient descent")."""
    table = [line for line in glossary.read_text(encoding="utf-8").splitlines() if line.startswith("|")][2:]
    terms = [re.sub(r"\(.*?\)|`", "", line.strip("|").split("|")[1]).strip() for line in table]
    return [[t] for t in terms if " " in t]


_definitions: dict[str, list[str]] = {}  # index location -> spellings of the terms its section defines


def note_definitions(url: str, html: str, lang: str) -> None:
    """Remember which glossary terms each section of a rendered page defines in bold (tools/hooks.py)."""
    groups = spelling_groups() if lang == "ko" else english_terms()
    parts = re.split(r'<h[1-6] id="([^"]+)"[^>]*>', html)
    for n in range(0, len(parts), 2):
        location = url if n < 3 else f"{url}#{parts[n - 1]}"  # the page's first section is its h1
        bold = " ".join(_plain(b) for b in re.findall(r"<strong>(.*?)</strong>", parts[n], re.S)).lower()
        found = [form for group in groups if any(_finds(f.lower(), bold) for f in group[:2]) for form in group]
        if found:
            _definitions[location] = _definitions.get(location, []) + found if n == 2 else found


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
