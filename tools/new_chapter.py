"""`make chapter`: a new chapter of the book that passes the tests as it stands.

    python -m tools.new_chapter <folder> --number 4 --title-ko "선형 회귀" --title-en "Linear regression"
                                [--page <first page>] [--glossary]

writes, and refuses to overwrite:

- docs/<folder>/ with its first page pair, `<n>.0 <title>`, and that page's snippet modules
  (the scaffold of `make page`, tools/new_page.py); --page names it (default: the folder's name:
  page names are unique in the whole book, since snippets/<lang>/<page>.py is one folder for all chapters);
- with --glossary, docs/<folder>/glossary.ko.md and .en.md: the chapter's terms, one row to replace
  (the last column: other spellings; those the Korean pages must not use fail tests/test_glossary.py);
- the chapter's nav section in mkdocs.yml, `<n>장 <title>`, among the chapters in order of their
  numbers, and its English title, `Chapter <n>: <title>`, in the i18n plugin's nav_translations.

The book's structure is that nav (tools/pages.py, book()); everything else follows it: the home page's
card for the chapter, its part of the PDF with its own bookmarks, search, and the glossary tests.
`make page NAME=<folder>/<page> ...` then adds pages to the chapter.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from tools.new_page import ROOT, ScaffoldError, scaffold

# stdlib only, like tools/new_page.py: the title forms are repeated from tools/pages.py (which needs no more
# than the stdlib to import, but reads mkdocs.yml with PyYAML); tests/test_book.py checks that they agree
CHAPTER_TITLE = {"ko": "{number}장 {title}", "en": "Chapter {number}: {title}"}
FOLDER = re.compile(r"^[a-z0-9][a-z0-9-]*$")
NAV_SECTION = re.compile(r"^(?P<indent>\s*)- (?P<title>.+?):\s*$")

GLOSSARY = {  # the form of chapter 3's glossary (docs/gradient-descent/glossary.*.md)
    "ko": '''---
description: {number}장에서 쓰는 머신러닝 용어의 한국어와 영어 대응표입니다. 다른 책이나 글에서 볼 수 있는 표기도 함께 적었습니다.
card: 이 장의 한국어·영어 용어
---

# 용어집

{number}장의 모든 페이지는 아래 용어를 씁니다. 영어 자료에서 찾아볼 만한 용어는 {number}장에서 처음 나올 때 `한국어(English)` 꼴로 영어를 한 번 함께 적었습니다.

마지막 열은 같은 것을 다른 책이나 글에서 부르는 표기입니다. 이 사이트는 첫 열의 표기로 통일했습니다.

| 한국어 | English | 뜻 | 다른 곳에서 볼 수 있는 표기 |
|---|---|---|---|
| {title_ko} | {term_en} | 이 장에서 배우는 것입니다. 뜻을 한 문장으로 적습니다 | |
''',
    "en": '''---
description: The terms of Chapter {number} in Korean and English, with other spellings you may meet elsewhere.
card: The chapter's terms in Korean and English
---

# Glossary

Every page of Chapter {number} uses the terms below. On the Korean pages, a term you may want to look up in English comes with its English name in brackets, `한국어(English)`, once, where it first appears in the chapter.

The last column lists other Korean spellings of the same thing that you may meet in other books and articles. The site uses the spelling of the first column throughout.

| 한국어 | English | Meaning | Other spellings you may meet elsewhere |
|---|---|---|---|
| {title_ko} | {term_en} | what this chapter teaches; say what it means in one sentence | |
''',
}


def _yaml_str(text: str) -> str:
    """A YAML scalar for a nav title: plain when that is safe, double-quoted (JSON is valid YAML) otherwise."""
    plain = re.fullmatch(r"[^\s:#&*!|>'\"%@`{}\[\],?-][^:#{}\[\],]*", text) and not text.endswith(" ")
    return text if plain and ": " not in text else json.dumps(text, ensure_ascii=False)


def _chapter_number(title: str) -> int | None:
    m = re.match(r"^\"?(\d+)장 ", title)
    return int(m[1]) if m else None


def nav_with_chapter(config: str, folder: str, number: int, titles: dict[str, str], pages: list[str]) -> str:
    """mkdocs.yml with the chapter's nav section (among the chapters by number) and its English title."""
    lines = config.split("\n")
    start = next((i for i, line in enumerate(lines) if re.match(r"^nav:\s*$", line)), None)
    if start is None:
        raise ScaffoldError("mkdocs.yml has no nav")
    end = start + 1  # the nav runs until the next line that starts in column 0
    while end < len(lines) and (not lines[end].strip() or lines[end][0] in " #-"):
        end += 1
    while not lines[end - 1].strip():
        end -= 1
    items = [(i, m) for i in range(start + 1, end) if (m := NAV_SECTION.match(lines[i]))]
    top = min((len(m["indent"]) for _, m in items), default=2)
    chapters = [(i, m) for i, m in items if len(m["indent"]) == top]
    numbers = {_chapter_number(m["title"]): m["title"] for _, m in chapters}
    if number in numbers:
        raise ScaffoldError(f"mkdocs.yml: chapter {number} exists already ({numbers[number]}); nothing was written")
    if re.search(rf"^\s*- (?:[^:\n]+:\s*)?{re.escape(folder)}/", config, re.M):
        raise ScaffoldError(f"mkdocs.yml: the nav has pages of {folder}/ already; nothing was written")
    page_indent = next((len(lines[i + 1]) - len(lines[i + 1].lstrip()) for i, _ in chapters if i + 1 < end), top + 4)
    section = [f"{' ' * top}- {_yaml_str(titles['ko'])}:"] + [f"{' ' * page_indent}- {p}" for p in pages]
    later = [i for i, m in chapters if (_chapter_number(m["title"]) or 0) > number]
    at = later[0] if later else end
    lines[at:at] = section

    # the English title: a nav_translations entry in the i18n plugin's English language
    nav_tr = next((i for i, line in enumerate(lines) if re.match(r"^\s*nav_translations:\s*$", line)), None)
    if nav_tr is None:
        raise ScaffoldError("mkdocs.yml: the i18n plugin's English language has no nav_translations; add one")
    indent = len(lines[nav_tr]) - len(lines[nav_tr].lstrip())
    last = nav_tr
    while last + 1 < len(lines) and lines[last + 1].strip() and len(lines[last + 1]) - len(lines[last + 1].lstrip()) > indent:
        last += 1
    entry_indent = len(lines[nav_tr + 1]) - len(lines[nav_tr + 1].lstrip()) if last > nav_tr else indent + 2
    lines.insert(last + 1, f"{' ' * entry_indent}{_yaml_str(titles['ko'])}: {json.dumps(titles['en'], ensure_ascii=False)}")
    return "\n".join(lines)


def scaffold_chapter(folder: str, number: int, titles: dict[str, str], page: str | None = None,
                     glossary: bool = False, root: Path = ROOT) -> list[Path]:
    if not FOLDER.match(folder):
        raise ScaffoldError(f"name the chapter's folder in lowercase letters, digits and '-', not {folder!r}")
    if number < 0:
        raise ScaffoldError(f"a chapter's number is 0 or more, not {number}")
    if any(not t.strip() or "\n" in t for t in titles.values()):
        raise ScaffoldError("both titles are needed, each on one line")
    if (root / "docs" / folder).exists():
        raise ScaffoldError(f"docs/{folder}/ exists already; nothing was written")
    page = page or folder
    nav_titles = {lang: CHAPTER_TITLE[lang].format(number=number, title=titles[lang]) for lang in titles}
    pages = [f"{folder}/{page}.md"] + ([f"{folder}/glossary.md"] if glossary else [])
    mkdocs_yml = root / "mkdocs.yml"
    config = nav_with_chapter(mkdocs_yml.read_text(encoding="utf-8"), folder, number, nav_titles, pages)
    module = root / "snippets" / "ko" / f"{page.replace('-', '_')}.py"
    if module.exists():  # checked before anything is written
        raise ScaffoldError(f"{module.relative_to(root)} exists already (page names are unique in the book: "
                            f"name the first page with --page); nothing was written")

    (root / "docs" / folder).mkdir(parents=True)
    try:
        written = scaffold(f"{folder}/{page}", {lang: f"{number}.0 {titles[lang]}" for lang in titles}, root=root,
                           nav=False)
    except ScaffoldError:
        (root / "docs" / folder).rmdir()
        raise
    mkdocs_yml.write_text(config, encoding="utf-8")
    written.append(mkdocs_yml)
    if glossary:
        fields = {"number": number, "title_ko": titles["ko"], "term_en": titles["en"][:1].lower() + titles["en"][1:]}
        for lang, text in GLOSSARY.items():
            path = root / "docs" / folder / f"glossary.{lang}.md"
            path.write_text(text.format(**fields), encoding="utf-8")
            written.append(path)
    return written


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.new_chapter", description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", help="docs/<folder>/, e.g. linear-regression")
    parser.add_argument("--number", type=int, required=True, help="the chapter's number, e.g. 4")
    parser.add_argument("--title-ko", required=True, help='the title without its number, e.g. "선형 회귀"')
    parser.add_argument("--title-en", required=True, help='the title without its number, e.g. "Linear regression"')
    parser.add_argument("--page", help="the first page's name (default: the folder's name)")
    parser.add_argument("--glossary", action="store_true", help="also write the chapter's glossary pair")
    args = parser.parse_args(argv)
    try:
        written = scaffold_chapter(args.folder, args.number, {"ko": args.title_ko, "en": args.title_en},
                                   args.page, args.glossary)
    except ScaffoldError as e:
        print(f"chapter: {e}", file=sys.stderr)
        return 2
    for path in written:
        print(f"wrote {path.relative_to(ROOT)}")
    first = f"docs/{args.folder}/{args.page or args.folder}"
    print(f"next: write the first page and its code in both languages ({first}.ko.md, .en.md), "
          f"`make page NAME={args.folder}/<page> TITLE_KO=\"{args.number}.1 ...\" TITLE_EN=\"{args.number}.1 ...\"` "
          f"adds the next page, `make accept` writes the outputs")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
