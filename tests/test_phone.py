"""Phones first (issue 19): every page at 390 × 844, both languages, light and dark.

Each page (home, tutorial pages, glossary, notebook pages) is loaded once per colour scheme in Debian's
chromium at 390 × 844; one evaluate then opens every box, loads the figures the reader's scheme shows and
checks, reading everything from the page itself:

- the page does not scroll sideways, and nothing is cut off by a box that clips;
- every box that scrolls sideways (code, display math, tables) shows its edge cue (the scroll shadows of
  docs/assets/extra.css);
- every figure and computation graph: its smallest text, read from the SVG the <img> currently shows
  (`currentSrc`: the phone twin where there is one), is at least 9 CSS px as rendered; the figure is the
  one of the scheme in use and centred in its column; only the figures shown were fetched, and the page
  with everything it fetched stays within the site's weight budget (tests/test_site.py);
- no table cell with a sentence in it is squeezed into a narrow column (the glossary stacks its rows);
- no heading's ¶ permalink wraps onto a line of its own (a gap under the title);
- no console error.

SERVED_URL=http://127.0.0.1:8000/ runs these against a site you serve instead of a fresh build.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.test_site import PAGE_BUDGET, served, site  # noqa: F401 - the built and served site
from tools.pages import DOCS, code_blocks, lang_of, pages

PHONE = {"width": 390, "height": 844}
MIN_TEXT_PX = 9  # smallest readable figure text, in CSS px
SENTENCE = 24  # a table cell with at least this many characters holds a sentence ...
MIN_CELL_EM = 8  # ... and must be at least this many of its ems wide


def url_of(page: Path) -> str:
    path = page.relative_to(DOCS).as_posix().removesuffix(f".{lang_of(page)}.md")
    path = "" if path == "index" else path.removesuffix("/index") + "/"
    return ("" if lang_of(page) == "ko" else "en/") + path


def notebook_url(page: Path) -> str:
    """docs/gradient-descent/loss.en.md -> en/gradient-descent/notebooks/loss/"""
    stem = page.name.split(".")[0]
    return ("" if lang_of(page) == "ko" else "en/") + f"{page.parent.relative_to(DOCS).as_posix()}/notebooks/{stem}/"


URLS = [url_of(p) for p in pages()] + [notebook_url(p) for p in pages() if code_blocks(p)]


@pytest.fixture(scope="session")
def base_url(request) -> str:
    return os.environ.get("SERVED_URL") or request.getfixturevalue("served")


# One evaluate: open every box, load the shown figures, then measure. Returns a list of problems.
CHECKS = r"""
async ({minText, sentence, minCellEm}) => {
  const problems = [];
  const say = (e) => {
    const text = (e.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 50);
    return `<${e.tagName.toLowerCase()}${e.className && typeof e.className === 'string' ? ' class="' + e.className + '"' : ''}> "${text}"`;
  };
  document.querySelectorAll('details').forEach(d => d.open = true);
  const article = document.querySelector('article') || document.querySelector('.md-content');
  const shown = [...document.querySelectorAll('img')].filter(i => i.checkVisibility()
      && /figures\/|^data:image\/svg/.test(i.getAttribute('src') || ''));
  shown.forEach(i => i.loading = 'eager');
  await Promise.all(shown.map(i => i.decode().catch(() => problems.push(`figure did not load: ${i.currentSrc}`))));
  await document.fonts.ready;

  // what the page fetched, as tests/test_site.py counts a page's weight: itself and the stylesheets, scripts,
  // fonts and images it loads (not the site-wide search index, fetched once and cached), before the figures
  // are read again below
  const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
    .filter(e => ['navigation', 'link', 'script', 'css', 'img'].includes(e.initiatorType));
  const bytes = entries.reduce((s, e) => s + (e.encodedBodySize || 0), 0);

  // 1. no sideways scroll of the page; nothing cut off by a box that clips
  const root = document.scrollingElement;
  if (root.scrollWidth > innerWidth) problems.push(`the page scrolls sideways: ${root.scrollWidth} px wide at ${innerWidth} px`);
  const all = [...document.body.querySelectorAll('*')];
  const boxes = [];
  for (const e of all) {
    const ox = getComputedStyle(e).overflowX;
    if (ox === 'visible' || !e.checkVisibility() || e.scrollWidth <= e.clientWidth + 1) continue;
    if (ox === 'auto' || ox === 'scroll') { boxes.push(e); continue; }
    // a clipping box may hide what sticks out of it only if nothing readable is there
    if (!article.contains(e) && !e.contains(article)) continue;  // Material's own chrome (nav drawers, header)
    const r = e.getBoundingClientRect();
    const cut = [...e.querySelectorAll('*')].find(c => {
      const cr = c.getBoundingClientRect();
      return c.checkVisibility() && cr.width > 0 && (cr.right > r.right + 1 || cr.left < r.left - 1)
        && c.childElementCount === 0 && c.textContent.trim();
    });
    if (cut) problems.push(`${say(cut)} is cut off by ${say(e)} (overflow-x: ${ox})`);
  }
  // 2. every box that scrolls sideways shows it: the scroll shadows
  for (const b of boxes) {
    if (!article.contains(b)) continue;
    const s = getComputedStyle(b);
    if (!(s.backgroundImage.includes('gradient') && s.backgroundAttachment.includes('local')))
      problems.push(`${say(b)} scrolls sideways (${b.scrollWidth} px in ${b.clientWidth} px) with no edge cue`);
  }

  // 3. figures: smallest text as rendered, scheme, centring
  const dark = document.body.getAttribute('data-md-color-scheme') === 'slate';
  const figures = [];
  for (const img of shown) {
    const src = img.currentSrc;
    const name = src.startsWith('data:') ? 'an inline figure' : src.split('/').pop();
    figures.push(src);
    const svg = await (await fetch(src)).text();
    const viewBox = svg.match(/viewBox="([^"]+)"/);
    if (!viewBox) { problems.push(`${name}: no viewBox`); continue; }
    const vbWidth = +viewBox[1].trim().split(/[\s,]+/)[2];
    // matplotlib: glyph groups translate(x y) [rotate(a)] scale(s -s): font size 100·s;
    // Graphviz: <text font-size="…"> inside the graph group's scale(a b)
    const sizes = [...svg.matchAll(/translate\([^)]*\)\s*(?:rotate\([^)]*\)\s*)?scale\(([\d.]+) -[\d.]+\)/g)].map(m => 100 * m[1]);
    const graph = svg.match(/class="graph" transform="scale\(([\d.]+)/);
    sizes.push(...[...svg.matchAll(/font-size="([\d.]+)"/g)].map(m => m[1] * (graph ? +graph[1] : 1)));
    const width = img.getBoundingClientRect().width;
    if (sizes.length) {
      const px = Math.min(...sizes) * width / vbWidth;
      if (px < minText) problems.push(`${name}: smallest text ${px.toFixed(1)} CSS px < ${minText} (shown ${Math.round(width)} px wide)`);
    }
    if (dark !== /\.dark\.svg/.test(src)) problems.push(`${name}: not the figure of the ${dark ? 'dark' : 'light'} scheme`);
    let box = img.parentElement;
    while (getComputedStyle(box).display === 'contents') box = box.parentElement;
    const br = box.getBoundingClientRect(), bs = getComputedStyle(box), ir = img.getBoundingClientRect();
    const left = br.left + parseFloat(bs.borderLeftWidth) + parseFloat(bs.paddingLeft);
    const right = br.right - parseFloat(bs.borderRightWidth) - parseFloat(bs.paddingRight);
    if (Math.abs((ir.left + ir.right) / 2 - (left + right) / 2) > 2)
      problems.push(`${name}: not centred in its column (${Math.round(ir.left - left)} px left, ${Math.round(right - ir.right)} px right)`);
  }

  // 4. table cells that hold a sentence are not squeezed
  for (const cell of article.querySelectorAll('td, th')) {
    if (!cell.checkVisibility() || cell.textContent.trim().length < sentence) continue;
    const em = parseFloat(getComputedStyle(cell).fontSize);
    const w = cell.getBoundingClientRect().width;
    if (w < minCellEm * em) problems.push(`${say(cell)}: a table cell squeezed to ${Math.round(w)} px (${(w / em).toFixed(1)} em)`);
  }

  // 5. a heading's ¶ stays on its last line
  for (const h of article.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
    const link = h.querySelector('.headerlink');
    if (!link || !h.checkVisibility() || !link.getClientRects().length || !h.firstChild) continue;
    const range = document.createRange();
    range.setStartBefore(h.firstChild);
    range.setEndBefore(link);
    const text = range.getBoundingClientRect(), l = link.getBoundingClientRect();
    if (l.width && l.top >= text.bottom - 1) problems.push(`${say(h)}: its ¶ wraps under the heading (a ${Math.round(l.height)} px gap)`);
  }
  return {problems, figures, bytes};
}
"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", URLS)
def test_the_page_reads_on_a_phone(base_url, browser, path, scheme):
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    page = context.new_page()
    errors: list[str] = []
    fetched: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(f"console error: {m.text} ({m.location.get('url')})"))
    page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    page.on("request", lambda r: "/figures/" in r.url and fetched.append(r.url.split("#")[0]))
    try:
        page.goto(base_url + path, wait_until="load")
        result = page.evaluate(CHECKS, {"minText": MIN_TEXT_PX, "sentence": SENTENCE, "minCellEm": MIN_CELL_EM})
    finally:
        context.close()
    shown = {f.split("#")[0] for f in result["figures"]}
    problems = result["problems"] + errors
    problems += [f"fetched {u.split('/figures/')[1]}, which the page does not show" for u in sorted(set(fetched) - shown)]
    if result["bytes"] > PAGE_BUDGET:
        problems.append(f"a phone fetches {result['bytes']:,} bytes for this page > {PAGE_BUDGET:,}")
    assert not problems, f"{path} at 390 × 844, {scheme}:\n" + "\n".join(problems)
