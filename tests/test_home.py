"""The home page invites: at a glance (one screen at 1280 x 800, two at 390 x 844) it says what the reader will
be able to do, shows a picture of it, offers a start, and lists every page of the book as a card with one line;
the PDF link comes after them. Both languages, light and dark, in headless Chromium.

The cards follow the nav (tools/home.py): their links, titles and lines are read here from the nav and from each
page's own front matter, never copied from the home page.
"""

from __future__ import annotations

import pytest

from tests.test_site import served, site  # noqa: F401 - the built and served site
from tools import home
from tools.pages import DOCS, LANGS, book, page_url

SCREENS = [(1280, 800, 1), (390, 844, 2)]  # width, height, how many screens may hold it all


def expected_cards(lang: str) -> list[dict]:
    """Every page of the book in nav order: its URL path, its title and its card's line as a reader sees them."""
    out = []
    for chapter in book():
        for md in chapter.pages:
            page = DOCS / md.replace(".md", f".{lang}.md")
            meta = home.front_matter(page)
            line = str(meta.get("card") or meta.get("description") or "")
            out.append({"href": "/" + page_url(md, lang), "title": home.title(page),
                        "line": " ".join(line.replace("`", "").split())})
    return out


MEASURE = """async () => {
  const shown = e => e && e.getClientRects().length > 0;
  const bottom = e => e.getBoundingClientRect().bottom + scrollY;
  const lines = e => Math.round(e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight));
  const text = e => e ? e.textContent.replace(/\\s+/g, ' ').trim() : null;
  const figures = [...document.querySelectorAll('.home-hero img')].filter(shown);
  await Promise.all(figures.map(img => img.decode().catch(() => null)));
  const cards = [...document.querySelectorAll('.home-cards li')].map(li => {
    const link = li.querySelector('.home-card-title a');
    const line = li.querySelector('.home-card-line');
    const box = li.getBoundingClientRect();
    return {href: link && new URL(link.href).pathname, title: text(link), line: text(line),
            lines: line ? lines(line) : 0, bottom: bottom(li), width: box.width, height: box.height};
  });
  [...document.querySelectorAll('.home-cards li')].forEach((li, i) => {  // a tap anywhere on a card follows its link
    li.scrollIntoView({block: 'center'});
    const box = li.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width * 0.75, box.top + box.height / 2);
    cards[i].wholeCardIsTheLink = !!hit && hit.closest('a') === li.querySelector('.home-card-title a');
  });
  scrollTo(0, 0);
  const goals = document.querySelector('.home-lead + ul');
  const start = document.querySelector('.home-start a');
  const pdf = document.querySelector('.pdf-link a');
  return {
    goals: shown(goals) ? bottom(goals) : null,
    figures: figures.map(img => ({bottom: bottom(img), loaded: img.complete && img.naturalWidth > 0, src: img.currentSrc})),
    start: shown(start) ? {bottom: bottom(start), href: new URL(start.href).pathname} : null,
    cards,
    pdf: pdf ? pdf.getBoundingClientRect().top + scrollY : null,
    scrollWidth: document.scrollingElement.scrollWidth, width: innerWidth,
  };
}"""


def problems_at(m: dict, lang: str, limit: int) -> list[str]:
    found = []
    if m["goals"] is None or m["goals"] > limit:
        found.append(f"what the reader will be able to do (the list after .home-lead) ends at {m['goals']} px, not within {limit}")
    if len(m["figures"]) != 1 or not m["figures"][0]["loaded"] or m["figures"][0]["bottom"] > limit:
        found.append(f"the picture: {m['figures']} (one figure, loaded, within {limit} px)")
    first = expected_cards(lang)[0]["href"]
    if m["start"] is None or m["start"]["bottom"] > limit or m["start"]["href"] != first:
        found.append(f"the start: {m['start']} (a link to {first} within {limit} px)")
    want = expected_cards(lang)
    got = [{k: c[k] for k in ("href", "title", "line")} for c in m["cards"]]
    if got != want:
        found.append("the cards do not follow the nav:\n" + "\n".join(
            f"    {g} != {w}" for g, w in zip(got + [None] * len(want), want + [None] * len(got)) if g != w))
    for c in m["cards"]:
        if c["bottom"] > limit:
            found.append(f"card {c['title']!r} ends at {c['bottom']:.0f} px, not within {limit}")
        if c["lines"] != 1:
            found.append(f"card {c['title']!r}: its line {c['line']!r} takes {c['lines']} lines")
        if not c["wholeCardIsTheLink"] or c["height"] < 24 or c["width"] < 24:
            found.append(f"card {c['title']!r}: the card ({c['width']:.0f} x {c['height']:.0f}) is not one link")
    if m["pdf"] is not None and m["pdf"] < max(c["bottom"] for c in m["cards"]):
        found.append(f"the PDF link ({m['pdf']:.0f} px) comes before the cards")
    if m["scrollWidth"] > m["width"]:
        found.append(f"the page scrolls sideways: {m['scrollWidth']} px wide in {m['width']}")
    return found


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", LANGS)
def test_the_first_screen_shows_the_goals_a_picture_the_start_and_every_card(served, browser, lang, scheme):  # noqa: F811
    problems = []
    for width, height, screens in SCREENS:
        page = browser.new_page(viewport={"width": width, "height": height}, color_scheme=scheme)
        page.goto(served + ("" if lang == LANGS[0] else f"{lang}/"))
        m = page.evaluate(MEASURE)
        page.close()
        problems += [f"{width} x {height}: {p}" for p in problems_at(m, lang, height * screens)]
    assert not problems, f"home page ({lang}, {scheme}):\n" + "\n".join(problems)


def test_a_card_is_the_pages_title_and_its_card_line_or_else_its_description(tmp_path, monkeypatch):
    monkeypatch.setattr(home, "DOCS", tmp_path)
    (tmp_path / "ch").mkdir()
    page = tmp_path / "ch" / "x.ko.md"
    page.write_text("---\ndescription: 긴 설명입니다.\n---\n\n# 3.9 제목\n", encoding="utf-8")
    assert home.card("ch/x.md", "ko") == ("-   [3.9 제목](ch/x.md)\n    {: .home-card-title }\n\n"
                                          "    긴 설명입니다.\n    {: .home-card-line }\n")
    page.write_text("---\ndescription: 긴 설명입니다.\ncard: \"`step()`으로 옮기기\"\n---\n\n# 3.9 제목\n", encoding="utf-8")
    assert "\n    `step()`으로 옮기기\n" in home.card("ch/x.md", "ko")
    assert home.card("ch/missing.md", "ko") is None  # a nav entry whose file is gone: no card, no crash
