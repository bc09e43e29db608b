"""A new chapter in one command (issue 20 §3), proved in a copy of the project.

The copy is a book without chapter 3 (its pages, its nav section and the home page's links to it are
taken out: running its code and printing it would take most of the time, and what is left proves that
nothing in tools/ or tests/ assumes chapter 3). In it, `make chapter` scaffolds chapter 8 and chapter 9
(with a glossary), `make page` adds a second page to chapter 9, and that page starts from chapter 8's code
("code from the earlier pages", across chapters). Then the tests that read the book run in the copy,
with the site built once: the pages' blocks, the book's structure, page shape, both languages, the
glossary, the solutions, the notebook and script editions, the built site, the PDF (its titles and
bookmarks in order, each chapter's pages nested under the chapter's bookmark) and search (the new
glossary term, both spellings, finds the page that introduces it). Nothing of the chapters is written by
hand, and nothing outside the nav names them.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

from tests.test_authoring import env_of
from tests.test_guardrails import project  # noqa: F401 - the copy of the project (a fixture)

FOLDER, NUMBER = "scaffold-chapter", 9
TITLES = {"ko": "새 장 점검", "en": "Checking a new chapter"}
FIRST = ("scaffold-first", 8, "앞 장 점검", "Checking an earlier chapter")  # the chapter whose code page 9.1 runs first
SECOND = ("scaffold-next", "9.1 이어지는 페이지", "9.1 The next page")
EARLIER = {"ko": "앞 페이지의 코드 (먼저 실행하세요)", "en": "Code from the earlier pages (run this first)"}
ACROSS = "snippets/{lang}/scaffold_first.py:first"  # chapter 8's first section: code from an earlier chapter

# the tests that read the book: those of the new chapters' pages (ids hold `scaffold`) and those that cover
# every chapter at once (structure, the PDF's titles and bookmarks, search, downloads)
TEST_FILES = ("tests/test_book.py", "tests/test_pages.py", "tests/test_language.py", "tests/test_glossary.py",
              "tests/test_solutions.py", "tests/test_notebook_editions.py", "tests/test_script_editions.py",
              "tests/test_notebook_markdown.py", "tests/test_site.py", "tests/test_publishing.py",
              "tests/test_pdf.py", "tests/test_search.py")
# (not the checks of chapter 3's own content: its results in the PDF, its links, its words in the index)
SELECT = ("scaffold or test_book or every_file_in_docs or include_line or every_page_title or bookmarks "
          "or no_sheet_is_empty or the_cover or chapter_and_section or glossary_term or download_link")
# each kind of check must have run on the new chapter (a filter that silently selects nothing proves nothing)
MUST_PASS = {
    "page blocks": rf"docs/{FOLDER}/{FOLDER}\.ko\.md",
    "book structure": r"tests/test_book\.py::test_page_titles_carry_their_chapter_number_in_order",
    "page shape": rf"tests/test_pages\.py::test_page_shows_its_whole_module_in_order\[{FOLDER}/{SECOND[0]}\.en\.md\]",
    "language": rf"tests/test_language\.py::test_page_is_in_its_language\[{FOLDER}/glossary\.en\.md\]",
    "glossary": rf"tests/test_glossary\.py::test_both_glossaries_list_the_same_terms\[docs/{FOLDER}/glossary\.ko\.md\]",
    "solutions": rf"tests/test_solutions\.py::\w+\[{FOLDER}/{FOLDER}\.ko\.md\]",
    "notebook": rf"tests/test_notebook_editions\.py::\w+\[[^\]]*{SECOND[0]}[^\]]*\]",
    "script": rf"tests/test_script_editions\.py::\w+\[[^\]]*{FOLDER}[^\]]*\]",
    "site": rf"tests/test_site\.py::test_page_is_built_in_its_language_and_links_to_its_twin\[{FOLDER}/{FOLDER}\.en\.md\]",
    "publishing": rf"tests/test_publishing\.py::test_the_run_box_links_its_module\w*\[{FOLDER}/{SECOND[0]}\.ko\.md\]",
    "PDF": r"tests/test_pdf\.py::test_bookmarks_lead_to_every_page\w*\[ko\]",
    "search": r"tests/test_search\.py::test_every_glossary_term_finds_the_page_that_introduces_it\[ko\]",
}


def make(copy: Path, *args: str) -> str:
    run = subprocess.run(["make", "-s", *args, f"PYTHON={sys.executable}"], cwd=copy, capture_output=True, text=True,
                         env=env_of(copy), timeout=120)
    assert run.returncode == 0, f"make {' '.join(args)}:\n{run.stdout}{run.stderr}"
    return run.stdout


def without_chapter_3(copy: Path) -> None:
    """The copy's book without chapter 3: its nav section and folder go, the home pages keep their title and
    the markers that list the chapters (tools/home.py), not the links into chapter 3."""
    import shutil

    config = (copy / "mkdocs.yml").read_text(encoding="utf-8")
    section = re.search(r"(?m)^  - 3장 [^\n]*:\n(?:      - [^\n]*\n?)+", config)
    assert section, "mkdocs.yml: no nav section of chapter 3 to take out"
    (copy / "mkdocs.yml").write_text(config.replace(section[0], ""), encoding="utf-8")
    shutil.rmtree(copy / "docs" / "gradient-descent")
    for lang in ("ko", "en"):
        home = copy / "docs" / f"index.{lang}.md"
        text = home.read_text(encoding="utf-8")
        front, title = re.match(r"(?s)(---\n.*?\n---\n)", text)[1], re.search(r"(?m)^# .+$", text)[0]
        home.write_text(f"{front}\n{title}\n\n<!-- home: chapters -->\n\n<!-- home: pdf -->\n", encoding="utf-8")


def start_from_chapter_8(copy: Path) -> None:
    """The second page of chapter 9 runs chapter 8's first section first, in its "code from the earlier pages" box."""
    for lang in ("ko", "en"):
        page = copy / "docs" / FOLDER / f"{SECOND[0]}.{lang}.md"
        text = page.read_text(encoding="utf-8")
        output = "출력" if lang == "ko" else "Output"
        first = (copy / "docs" / FIRST[0] / f"{FIRST[0]}.{lang}.md").read_text(encoding="utf-8")
        printed = re.search(r"expected-output-->\n```text[^\n]*\n(.*?)\n```", first, re.S)[1]  # what 8.0's block prints
        box = (f'??? example "{EARLIER[lang]}"\n\n    ```python\n    --8<-- "{ACROSS.format(lang=lang)}"\n    ```\n\n'
               f'    <!--pytest-codeblocks:expected-output-->\n    ```text title="{output}"\n    {printed.replace(chr(10), chr(10) + "    ")}\n    ```\n\n')
        heading = next(line for line in text.splitlines() if line.startswith("## "))
        page.write_text(text.replace(heading, box + heading, 1), encoding="utf-8")


def nested_bookmarks(copy: Path, basetemp: Path) -> dict[str, list[str]]:
    """The chapters' bookmarks of each built PDF, and the titles nested under the new chapter's."""
    from pypdf import PdfReader

    found = {}
    for lang in ("ko", "en"):
        pdfs = sorted(basetemp.rglob(f"*.{lang}.pdf"))
        assert pdfs, f"no {lang} PDF was built under {basetemp}"
        outline = PdfReader(pdfs[0]).outline
        chapter = f"{NUMBER}장 {TITLES['ko']}" if lang == "ko" else f"Chapter {NUMBER}: {TITLES['en']}"
        at = next((i for i, item in enumerate(outline) if not isinstance(item, list)
                   and " ".join(item.title.split()) == chapter), None)
        assert at is not None, f"{lang} PDF: no bookmark {chapter!r} among {[getattr(o, 'title', '…') for o in outline]}"
        children = outline[at + 1] if at + 1 < len(outline) and isinstance(outline[at + 1], list) else []
        found[lang] = [" ".join(c.title.split()) for c in children if not isinstance(c, list)]
    return found


def test_make_chapter_scaffolds_a_chapter_that_passes_the_tests_of_the_book(project, tmp_path):  # noqa: F811
    copy = project
    started = time.monotonic()
    without_chapter_3(copy)
    make(copy, "chapter", f"NAME={FIRST[0]}", f"NUMBER={FIRST[1]}", f"TITLE_KO={FIRST[2]}", f"TITLE_EN={FIRST[3]}")
    out = make(copy, "chapter", f"NAME={FOLDER}", f"NUMBER={NUMBER}", f"TITLE_KO={TITLES['ko']}",
               f"TITLE_EN={TITLES['en']}", "GLOSSARY=1")
    assert f"wrote docs/{FOLDER}/{FOLDER}.ko.md" in out and "wrote mkdocs.yml" in out, out
    make(copy, "page", f"NAME={FOLDER}/{SECOND[0]}", f"TITLE_KO={SECOND[1]}", f"TITLE_EN={SECOND[2]}")
    start_from_chapter_8(copy)
    config = (copy / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(rf"^  - {NUMBER}장 {TITLES['ko']}:\n      - {FOLDER}/{FOLDER}\.md\n      - {FOLDER}/{SECOND[0]}\.md\n"
                     rf"      - {FOLDER}/glossary\.md$", config, re.M), "the nav section is not as make chapter/page left it"
    again = subprocess.run([sys.executable, "-m", "tools.new_chapter", FOLDER, "--number", "10", "--title-ko", "x",
                            "--title-en", "x"], cwd=copy, capture_output=True, text=True)
    assert again.returncode == 2 and "exists already" in again.stderr, again.stderr

    # nothing in tools/ or tests/ names the new chapter: it is in the book through the nav alone
    named = [str(p.relative_to(copy)) for folder in ("tools", "tests") for p in (copy / folder).rglob("*.py")
             if any(f in p.read_text(encoding="utf-8") for f in (FOLDER, FIRST[0])) and p.name != Path(__file__).name]
    assert not named, f"these files name the new chapter: {named}"

    basetemp = tmp_path / "run"
    pages = sorted(str(p.relative_to(copy)) for f in (FIRST[0], FOLDER) for p in (copy / "docs" / f).glob("*.md"))
    checked = subprocess.run([sys.executable, "-m", "pytest", "-n0", "-q", "-rA", "-p", "no:randomly", "-p", "no:cacheprovider",
                              f"--basetemp={basetemp}", *pages, *(t for t in TEST_FILES if (copy / t).exists()),
                              "-k", SELECT], cwd=copy, capture_output=True, text=True, env=env_of(copy), timeout=1800)
    summary = checked.stdout.strip().splitlines()[-1] if checked.stdout.strip() else ""
    print(f"{summary} ({time.monotonic() - started:.0f} s with the scaffolding)")
    failures = [line for line in checked.stdout.splitlines() if line.startswith(("FAILED", "ERROR"))]
    assert checked.returncode == 0, "\n".join(failures) + "\n" + checked.stdout[-6000:] + checked.stderr[-2000:]
    passed = [line for line in checked.stdout.splitlines() if line.startswith("PASSED")]
    missing = [kind for kind, pattern in MUST_PASS.items() if not any(re.search(pattern, line) for line in passed)]
    assert not missing, f"these checks never ran on the new chapter: {missing}\n{summary}"

    # the chapter's part of the PDF: its bookmark, with its pages (and glossary) nested under it
    nested = nested_bookmarks(copy, basetemp)
    assert nested["ko"][:2] == [f"{NUMBER}.0 {TITLES['ko']}", SECOND[1]], nested
    assert nested["en"][:2] == [f"{NUMBER}.0 {TITLES['en']}", SECOND[2]], nested

    # the chapter's cards on the home page: a link to each of its pages, in both languages
    site = sorted(basetemp.rglob("first-steps-in-ml.ko.pdf"))[0].parent.parent
    for home in (site / "index.html", site / "en" / "index.html"):
        html = home.read_text(encoding="utf-8")
        for md in (f"{FOLDER}/{FOLDER}", f"{FOLDER}/{SECOND[0]}", f"{FOLDER}/glossary", f"{FIRST[0]}/{FIRST[0]}"):
            assert f'href="{md}/"' in html, f"{home.relative_to(site)}: no card for {md}"

