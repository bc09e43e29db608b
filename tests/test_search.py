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
from tools.pages import DOCS, glossaries, nav_pages, page_url

TOP = 5  # the introducing page must be among the first five pages listed


def nav_pages_of(lang: str) -> list:
    """The site's pages in nav order, as (source file, URL path)."""
    return [(DOCS / md.replace(".md", f".{lang}.md"), page_url(md, lang)) for md in nav_pages()]


def glossary_rows(lang: str) -> list[list[str]]:
    """The rows of every chapter's glossary (tools/pages.glossaries(): the book's structure is the nav)."""
    rows = []
    for glossary in glossaries(lang):
        table = [line for line in glossary.read_text(encoding="utf-8").splitlines() if line.startswith("|")][2:]
        rows += [[c.strip() for c in line.strip("|").split("|")] for line in table]
    return rows


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


# What a result shows besides its titles: its excerpts, and in them the highlighted words a reader can see
# (a <mark> that is displayed, or a word whose other spelling, hidden next to it, matched: tools/search.py)
EXCERPTS = """() => [...document.querySelectorAll('.md-search-result__item')].slice(0, %d).map(item => {
  const shown = e => e.getClientRects().length > 0;
  // Material highlights a match as underlined text; a word whose hidden spelling matched looks the same
  const lit = e => e.tagName === 'MARK' || getComputedStyle(e).textDecorationLine.includes('underline');
  const text = (a, drop) => {
    const copy = a.cloneNode(true);
    copy.querySelectorAll(drop).forEach(e => e.remove());
    return copy.textContent.replace(/\\s+/g, ' ').trim();
  };
  const articles = [...item.querySelectorAll('.md-search-result__article')];
  const texts = articles.map(a => text(a, 'h1, h2, [hidden], .md-search-result__icon')).filter(Boolean);
  const prose = articles.map(a => text(a, 'h1, h2, [hidden], .md-search-result__icon, code')).filter(Boolean);
  const marked = [...item.querySelectorAll('.md-search-result__article :is(mark, .search-term)')]
    .filter(e => !e.closest('h1, h2') && shown(e) && lit(e)).map(e => e.textContent);
  return {href: new URL(item.querySelector('a').href).pathname, texts, prose, marked};
})""" % TOP


def shown_results(page, query: str, prompt: str) -> list[dict]:
    search(page, query, prompt)
    return page.evaluate(EXCERPTS)


def spaced_and_unspaced() -> list[tuple[str, str]]:
    """Each Korean glossary term written with a space, and the same term without it (the notes' spelling)."""
    pairs = []
    for row in glossary_rows("ko"):
        term = re.sub(r"\(.*?\)", "", row[0]).strip()
        spellings = {term} | {v.strip() for v in row[-1].split(",") if v.strip()}
        spaced = max(spellings, key=lambda s: s.count(" "))
        if " " in spaced:
            pairs.append((spaced, spaced.replace(" ", "")))
    return pairs


def test_a_term_written_without_its_space_shows_excerpts_as_the_spaced_term_does(served, browser):  # noqa: F811
    """'경사하강법' lists the pages with the paragraphs that use the term, highlighted, as '경사 하강법' does
    (Material shows an excerpt only where the query matched; the other spelling is indexed next to each use):
    a page listed for both spellings shows an excerpt, and a highlighted word in it, for both or for neither."""
    page = browser.new_page()
    page.goto(served)
    page.locator("input.md-search__input").click()
    prompt = page.evaluate("JSON.parse(document.getElementById('__config').textContent)"
                           ".translations['search.result.placeholder']")
    pairs = spaced_and_unspaced()
    assert pairs, "no glossary term written with a space"
    differ = []
    for spaced, unspaced in pairs:
        shown = {q: {r["href"]: (bool(r["texts"]), bool(r["marked"])) for r in shown_results(page, q, prompt)}
                 for q in (spaced, unspaced)}
        for href in shown[spaced].keys() & shown[unspaced].keys():
            if shown[spaced][href] != shown[unspaced][href]:
                differ.append(f"{href}: (excerpt, highlight) {shown[spaced][href]} for {spaced!r}, "
                              f"{shown[unspaced][href]} for {unspaced!r}")
    page.close()
    assert not differ, "the two spellings of a term show a page differently:\n" + "\n".join(differ)


QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")


def test_an_english_search_shows_glossary_rows_not_table_text_mixed_with_hangul(served, browser):  # noqa: F811
    """The English glossary is indexed row by row, without its Korean columns: an excerpt is the term's row."""
    page = browser.new_page()
    page.goto(served + "en/")
    page.locator("input.md-search__input").click()
    prompt = page.evaluate("JSON.parse(document.getElementById('__config').textContent)"
                           ".translations['search.result.placeholder']")
    glossary = [url for _, url in nav_pages_of("en") if url.rstrip("/").endswith("glossary")]
    wrong, seen = [], 0
    for row in glossary_rows("en"):
        term = re.sub(r"\(.*?\)|`", "", row[1]).strip()
        for result in shown_results(page, term, prompt):
            if result["href"].lstrip("/") not in glossary:
                continue
            seen += 1
            for text in result["prose"]:  # code may show Korean (`한국어(English)`), and so may a quotation
                if HANGUL.search(QUOTED.sub("", text)):
                    wrong.append(f"{term!r}: {text[:160]!r}")
    page.close()
    assert seen >= len(glossary_rows("en")) // 2, f"the glossary is listed for only {seen} English terms"
    assert not wrong, "English excerpts of the glossary with Hangul in them:\n" + "\n".join(wrong[:10])


HANGUL = re.compile(r"[\uac00-\ud7a3]")
