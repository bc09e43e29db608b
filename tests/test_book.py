"""The book's structure is data in one place: the nav of mkdocs.yml, read by tools/pages.book().

- every nav section is a chapter: `<n>장 <title>` with its English title `Chapter <n>: <title>`, the
  chapters in order of their numbers, each the pages of one folder, its glossary (if any) last;
- the k-th page of chapter n is titled `n.k ...` in both languages;
- page names are unique in the whole book (snippets/<lang>/<page>.py is one folder for every chapter,
  and the PDF and the notebooks name pages by it);
- a page runs code only from its own module and the modules of pages before it in reading order, in
  its chapter or an earlier one ("code from the earlier pages" may reach across chapters, never forward).

Each check is a function of the structure it reads, so the guardrails below feed it a broken one.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tools import new_chapter
from tools.pages import CHAPTER_TITLE, DOCS, GLOSSARY, INCLUDE, LANGS, ROOT, Chapter, book, module_of, nav_pages

TITLE = re.compile(r"^# (.+)$", re.M)


def page_file(md: str, lang: str) -> Path:
    return DOCS / md.replace(".md", f".{lang}.md")


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def structure_problems(chapters: tuple[Chapter, ...]) -> list[str]:
    problems = []
    numbers = [c.number for c in chapters]
    if numbers != sorted(set(numbers)):
        problems.append(f"mkdocs.yml: the chapters' numbers go {numbers} in the nav; each once, in increasing order")
    folders = [c.folder for c in chapters]
    problems += [f"mkdocs.yml: two chapters live in docs/{f}/" for f in sorted({f for f in folders if folders.count(f) > 1})]
    for c in chapters:
        if c.glossary and c.pages[-1] != c.glossary:
            problems.append(f"mkdocs.yml: {c.title('ko')}: the glossary comes last in its chapter, not {c.glossary}")
        for md in c.pages:
            problems += [f"mkdocs.yml: {md} has no {lang} page ({rel(page_file(md, lang))})"
                         for lang in LANGS if not page_file(md, lang).exists()]
    return problems


def title_problems(chapters: tuple[Chapter, ...], title_of) -> list[str]:
    """`title_of(md, lang)` -> (file, line, title). The k-th numbered page of chapter n is `n.k ...`."""
    problems = []
    for c in chapters:
        for k, md in enumerate(c.tutorials):
            for lang in LANGS:
                where, line, title = title_of(md, lang)
                if not title.startswith(f"{c.number}.{k} "):
                    problems.append(f"{where}:{line}: the title {title!r} should start with {c.number}.{k} "
                                    f"(page {k + 1} of {c.title(lang)} in the nav)")
    return problems


def title_of(md: str, lang: str) -> tuple[str, int, str]:
    path = page_file(md, lang)
    text = path.read_text(encoding="utf-8")
    m = TITLE.search(text)
    return rel(path), text[:m.start()].count("\n") + 1, m[1].strip()


def name_problems(order: list[str]) -> list[str]:
    stems: dict[str, str] = {}
    problems = []
    for md in order:
        stem = Path(md).stem
        if stem in ("index", GLOSSARY):
            continue
        if stem in stems:
            problems.append(f"mkdocs.yml: {md} and {stems[stem]} share the name {stem!r}; page names are unique in "
                            f"the book (both would present snippets/<lang>/{stem.replace('-', '_')}.py)")
        stems[stem] = md
    return problems


def include_problems(order: list[str], includes_of) -> list[str]:
    """`includes_of(md, lang)` -> [(file, line, module)]. A page includes its own module or an earlier page's."""
    problems = []
    for n, md in enumerate(order):
        for lang in LANGS:
            page = page_file(md, lang)
            earlier = {module_of(page_file(e, lang)) for e in order[:n] if Path(e).stem not in ("index", GLOSSARY)}
            later = {module_of(page_file(e, lang)): e for e in order[n + 1:]}
            for where, line, module in includes_of(md, lang):
                if module == module_of(page) or module in earlier:
                    continue
                why = (f"the module of {later[module]}, a later page: a reader has not run it yet" if module in later
                       else "no page of the book presents it")
                problems.append(f"{where}:{line}: includes {module}, {why}")
    return problems


def includes_of(md: str, lang: str) -> list[tuple[str, int, str]]:
    path = page_file(md, lang)
    return [(rel(path), n, m["path"]) for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if (m := INCLUDE.match(line))]


def test_the_nav_is_a_book_of_numbered_chapters():
    chapters = book()
    assert chapters, "mkdocs.yml: the nav has no chapter"
    problems = structure_problems(chapters)
    folders = {c.folder for c in chapters}
    problems += [f"docs/{d.name}/ holds pages but is no chapter of the nav (make chapter adds one)"
                 for d in sorted(DOCS.iterdir()) if d.is_dir() and any(d.glob("*.md")) and d.name not in folders]
    assert not problems, "\n".join(problems)


def test_page_titles_carry_their_chapter_number_in_order():
    problems = title_problems(book(), title_of)
    assert not problems, "\n".join(problems)


def test_page_names_are_unique_in_the_book():
    problems = name_problems(nav_pages())
    assert not problems, "\n".join(problems)


def test_code_from_the_earlier_pages_comes_from_earlier_pages():
    problems = include_problems(nav_pages(), includes_of)
    assert not problems, "\n".join(problems)


def test_make_chapter_writes_the_title_forms_the_book_reads():
    assert new_chapter.CHAPTER_TITLE == CHAPTER_TITLE


# --- guardrails: each check fails on a broken structure, naming the file and line -------------------------

def two_chapters() -> tuple[Chapter, ...]:
    three = Chapter(3, "before", (("ko", "3장 앞"), ("en", "Chapter 3: Before")), ("before/a.md",))
    four = Chapter(4, "next", (("ko", "4장 다음"), ("en", "Chapter 4: Next")), ("next/first.md", "next/second.md"))
    return three, four


def test_guardrail_a_page_numbered_out_of_order():
    three, four = two_chapters()
    titles = {("next/first.md", lang): "4.0 First" for lang in LANGS} | {("next/second.md", "ko"): "4.2 Second",
                                                                           ("next/second.md", "en"): "4.1 Second"}
    fake = lambda md, lang: (f"docs/{md.replace('.md', f'.{lang}.md')}", 5, titles[md, lang])  # noqa: E731
    assert title_problems((four,), fake) == [
        "docs/next/second.ko.md:5: the title '4.2 Second' should start with 4.1 (page 2 of 4장 다음 in the nav)"]
    assert structure_problems((four, three))[0].startswith("mkdocs.yml: the chapters' numbers go [4, 3]")


def test_guardrail_two_pages_of_one_name_in_two_chapters():
    assert name_problems(["index.md", "a/data.md", "a/glossary.md", "b/data.md", "b/glossary.md"]) == [
        "mkdocs.yml: b/data.md and a/data.md share the name 'data'; page names are unique in the book "
        "(both would present snippets/<lang>/data.py)"]


def test_guardrail_code_from_a_later_page_or_from_nowhere():
    order = ["index.md", "gradient-descent/data.md", "next/first.md"]
    fake = {("gradient-descent/data.md", "ko"): [("docs/gradient-descent/data.ko.md", 9, "snippets/ko/first.py")],
            ("next/first.md", "ko"): [("docs/next/first.ko.md", 12, "snippets/ko/data.py"),  # across chapters: fine
                                      ("docs/next/first.ko.md", 13, "snippets/ko/nowhere.py")]}
    assert include_problems(order, lambda md, lang: fake.get((md, lang), [])) == [
        "docs/gradient-descent/data.ko.md:9: includes snippets/ko/first.py, the module of next/first.md, "
        "a later page: a reader has not run it yet",
        "docs/next/first.ko.md:13: includes snippets/ko/nowhere.py, no page of the book presents it"]


@pytest.mark.parametrize("nav, message", [
    ("  - 경사 하강법:\n      - gradient-descent/loss.md", "a chapter is titled"),
    ("  - 4장 다음:\n      - next/a.md", "has no English title"),
    ("  - 3장 경사 하강법:\n      - gradient-descent/loss.md\n      - other/x.md", "live in one folder"),
])
def test_guardrail_a_nav_section_that_is_no_chapter(tmp_path, monkeypatch, nav, message):
    from tools import pages

    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    broken = re.sub(r"(?ms)^nav:\n.*", "nav:\n  - 홈: index.md\n" + nav + "\n", config)
    (tmp_path / "mkdocs.yml").write_text(broken, encoding="utf-8")
    monkeypatch.setattr(pages, "ROOT", tmp_path)
    pages.mkdocs_config.cache_clear()
    pages.book.cache_clear()
    try:
        with pytest.raises(pages.PageError, match=message):
            pages.book()
    finally:
        monkeypatch.undo()
        pages.mkdocs_config.cache_clear()
        pages.book.cache_clear()
