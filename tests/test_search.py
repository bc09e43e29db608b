"""Search finds what a reader types: both spellings of every glossary term, in the reader's language.

Queries are typed into the built site's search box in headless Chromium (Debian's chromium, driven by
Playwright); the expected page is the one that introduces the term: the first page, in nav order,
whose text uses it.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlparse

import pytest

from tests.test_site import served, site  # noqa: F401 - the built and served site
from tools.pages import DOCS, nav_pages, page_url

TOP = 5  # the introducing page must be among the first five pages listed


def nav_pages_of(lang: str) -> list:
    """The site's pages in nav order, as (source file, URL path)."""
    return [(DOCS / md.replace(".md", f".{lang}.md"), page_url(md, lang)) for md in nav_pages()]


def glossary_rows(lang: str) -> list[list[str]]:
    lines = (DOCS / "gradient-descent" / f"glossary.{lang}.md").read_text(encoding="utf-8").splitlines()
    return [[c.strip() for c in line.strip("|").split("|")] for line in [l for l in lines if l.startswith("|")][2:]]


def introduced(spellings: set[str], pages: list) -> str:
    """The page that teaches the term: the first (in nav order) with the term in a heading, else the first
    that defines it in bold, else the first that uses it."""
    texts = [(path.read_text(encoding="utf-8").lower(), url) for path, url in pages]
    ways = (lambda text: " ".join(re.findall(r"(?m)^#+ (.+)$", text)),
            lambda text: " ".join(re.findall(r"\*\*(.+?)\*\*", text)),
            lambda text: text)
    for where in ways:
        found = [url for text, url in texts if any(s.lower() in where(text) for s in spellings)]
        if found:
            return found[0]
    raise AssertionError(f"no page uses {spellings}")


def queries(lang: str) -> list[tuple[str, str]]:
    """(query, URL path of the page that introduces it)."""
    out = []
    pages = nav_pages_of(lang)
    for row in glossary_rows(lang):
        if lang == "ko":
            term = re.sub(r"\(.*?\)", "", row[0]).strip()
            spellings = {term, term.replace(" ", "")} | {v.strip() for v in row[-1].split(",")
                                                        if v.strip().replace(" ", "") == term.replace(" ", "")}
            if len(spellings) < 2:
                continue  # one spelling: nothing to prove
        else:
            term = re.sub(r"\(.*?\)", "", row[1]).replace("`", "").strip()
            spellings = {term}
        intro = introduced(spellings, pages[1:])  # the home page only lists the chapter's contents
        out += [(s, intro) for s in sorted(spellings)]
    return out


def search(page, query: str, prompt: str) -> list[str]:
    """The URL paths of the pages listed for `query`, in order, each once."""
    box = page.locator("input.md-search__input")
    waiting = "([q, p]) => (document.querySelector('.md-search-result__meta').textContent === p) === !q"
    for text in ("", query):  # clear first, so that equal result counts cannot be mistaken for the answer
        box.fill(text)
        box.dispatch_event("keyup")  # Material searches on keyup
        page.wait_for_function(waiting, arg=[text, prompt], timeout=10_000)
    hrefs = page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.href)")
    return list(dict.fromkeys(urlparse(unquote(h)).path.lstrip("/") for h in hrefs))


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_glossary_term_finds_the_page_that_introduces_it(served, browser, lang):  # noqa: F811
    page = browser.new_page()
    page.goto(served + ("" if lang == "ko" else "en/"))
    page.locator("input.md-search__input").click()
    prompt = page.evaluate("JSON.parse(document.getElementById('__config').textContent)"
                           ".translations['search.result.placeholder']")  # "type to start searching"
    misses, wrong_language = [], []
    for query, intro in queries(lang):
        found = search(page, query, prompt)
        if intro not in found[:TOP]:
            misses.append(f"{query!r}: {intro} is not among the first {TOP}: {found[:TOP]}")
        if any(p.startswith("en/") != (lang == "en") for p in found):
            wrong_language.append(f"{query!r}: {found}")
    page.close()
    assert not misses, f"{lang} search misses:\n" + "\n".join(misses)
    assert not wrong_language, f"{lang} search lists pages of the other language:\n" + "\n".join(wrong_language)
