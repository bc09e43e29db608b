"""The chapter as one PDF per language, printed from the built site by headless Chromium (issue 15 §2).

    python -m tools.pdf [SITE_DIR]      (the build runs it when SITE_PDF=1: `make pdf`)

writes <site>/pdf/first-steps-in-ml.ko.pdf and <site>/pdf/first-steps-in-ml.en.pdf. For each language
one browser page builds the book under the site's own stylesheets and tools/pdf.css: a cover (the title,
the chapters, the date of the build and the versions the outputs were verified with), then for every
chapter of the nav (tools/pages.book()) an opening sheet that lists its sections, and the built pages of
the chapter in order, their articles one after another:

- each page starts on a new sheet; its ids are prefixed with the page's name, so a link to another page
  of the chapter (or to a heading there) becomes a link inside the PDF; every other link into the site
  points at the published site (site_url), links elsewhere stay as they are;
- boxes to open (<details>) print open, as plain boxes, except "code from the earlier pages", which repeats
  code printed on earlier pages;
- figures print in their light variant only, loaded eagerly; an explorer (it needs the browser) becomes
  a link to its page; the links to download the PDF itself (`.pdf-link`) are left out;
- every sheet of a page carries a running header, the chapter and the page's title, and the page number at its
  foot: each page of the chapter is a CSS named page (`page: p-<key>`) with its own `@page` margin boxes,
  which Chromium prints since version 131. One print of the whole book keeps every link and bookmark inside
  the PDF (printing each page apart with its own headerTemplate and merging with pikepdf would have to
  rebuild the links between pages and the page numbers);
- Hangul is set in NanumGothic from koreanize-matplotlib's wheel (no Korean system font is assumed),
  code in matplotlib's DejaVu Sans Mono, math in the site's STIX Two Math; Chromium embeds the subsets.

Chromium prints A4, bookmarks from the headings (outline; the pages' bookmarks are nested under their
chapter's) and a tagged PDF. The files are reproducible: the date on the cover and in the PDF's metadata is
SOURCE_DATE_EPOCH, else the date of the last commit (`git log -1`), not the clock.

Chosen over mkdocs-print-site-plugin (prints only the default language under mkdocs-static-i18n, its
issue #70), mkdocs-with-pdf (unmaintained; WeasyPrint underneath) and WeasyPrint itself (no MathML, no
JavaScript: the math would be lost): the pages the reader sees, with their verified code, outputs, MathML
and SVG figures, printed by the browser they were made for (Playwright drives Debian's chromium, or $CHROMIUM).
"""

from __future__ import annotations

import datetime as dt
import html
import io
import logging
import os
import re
import shutil
import subprocess
import sys
import time
from importlib.util import find_spec
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pikepdf  # noqa: E402
from fontTools.ttLib import TTFont  # noqa: E402

from tools import generate, home  # noqa: E402
from tools.pages import DOCS, GLOSSARY, LANGS, ROOT, book, page_url  # noqa: E402

NAME = "first-steps-in-ml"  # <site>/pdf/first-steps-in-ml.<lang>.pdf
FOLDER = "pdf"
ORIGIN = "http://site.invalid"  # the browser reads the built site through a route, not a server
CSS = Path(__file__).with_name("pdf.css")
log = logging.getLogger("mkdocs.pdf")
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"  # as tools/sitecheck.py

WORDS = {
    "ko": {"explorer": "이 실험은 웹 페이지에서 직접 해 볼 수 있습니다:",
           "earlier": "앞 페이지의 코드",
           "built": "만든 날", "verified": "출력을 검증한 환경", "site": "웹 사이트",
           "date": "{d.year}년 {d.month}월 {d.day}일"},
    "en": {"explorer": "You can run this experiment yourself on the web page:",
           "earlier": "Code from the earlier pages",
           "built": "Built on", "verified": "Outputs verified with", "site": "On the web",
           "date": "{d.day} {d:%B} {d.year}"},
}


def pdf_path(site: Path, lang: str) -> Path:
    return site / FOLDER / f"{NAME}.{lang}.pdf"


def _package_file(package: str, *parts: str) -> Path:
    """A file inside an installed package, found without importing it (koreanize_matplotlib changes
    matplotlib's settings on import)."""
    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the PDF needs the Python package {package} (requirements.txt)")
    return Path(spec.submodule_search_locations[0], *parts)


def fonts() -> dict[str, bytes]:
    """The fonts tools/pdf.css names, as the browser gets them. Two repairs to NanumGothic:
    - it carries empty VTT source tables (TSI*), for which Chromium's font sanitizer rejects the whole font;
    - it maps the control characters U+0000-U+001F to its space glyph, so the PDF's ToUnicode map, which
      takes the first of them, would turn every space into U+0001 when the text is copied or searched."""
    nanum = _package_file("koreanize_matplotlib", "fonts")
    dejavu = _package_file("matplotlib", "mpl-data", "fonts", "ttf")
    files = {"NanumGothic.ttf": nanum / "NanumGothic.ttf", "NanumGothicBold.ttf": nanum / "NanumGothicBold.ttf",
             "DejaVuSansMono.ttf": dejavu / "DejaVuSansMono.ttf",
             "DejaVuSansMono-Bold.ttf": dejavu / "DejaVuSansMono-Bold.ttf",
             "DejaVuSans.ttf": dejavu / "DejaVuSans.ttf", "DejaVuSans-Bold.ttf": dejavu / "DejaVuSans-Bold.ttf"}
    missing = [str(p) for p in files.values() if not p.is_file()]
    if missing:
        raise RuntimeError(f"fonts for the PDF are missing: {missing}")
    out = {}
    for name, path in files.items():
        font = TTFont(path, lazy=True, recalcTimestamp=False, recalcBBoxes=False)  # other tables: copied as they are
        for tag in [t for t in font.keys() if t.startswith("TSI")]:
            del font[tag]
        if "Nanum" in name:
            for table in font["cmap"].tables:
                table.cmap = {code: glyph for code, glyph in table.cmap.items() if code >= 0x20}
        data = io.BytesIO()
        font.save(data, reorderTables=False)
        out[name] = data.getvalue()
    return out


def page_key(md: str) -> str:
    """The prefix of a page's ids in the combined document: 'gradient-descent/loss.md' -> 'loss'."""
    path = md.removesuffix(".md").removesuffix("/index")
    if path == "index":
        return "home"
    folder, _, name = path.rpartition("/")
    # page names are unique in the book (tests/test_book.py), except each chapter's glossary
    return f"{folder}-{name}" if name == GLOSSARY and folder else name


def source(md: str, lang: str) -> Path:
    return DOCS / md.replace(".md", f".{lang}.md")


def chapter(lang: str) -> list[dict]:
    """The pages the PDF prints, in nav order, each with its URL, its key and its chapter's title."""
    found = [{"url": "/" + page_url(md, lang), "key": page_key(md), "chapter": c.title(lang)}
             for c in book() for md in c.pages if source(md, lang).is_file()]
    keys = [p["key"] for p in found]
    if len(set(keys)) != len(keys):
        raise RuntimeError(f"two pages of the nav end in the same name: {sorted(keys)}")
    return found


def titles(lang: str) -> list[str]:
    """What the PDF opens with, in order: the book's title (the cover), then each chapter's title (its
    opening sheet) and the `# title` of each of its pages (what the tests look for)."""
    out = [home.title(source("index.md", lang))]
    for c in book():
        out += [c.title(lang)] + [home.title(source(md, lang)) for md in c.pages if source(md, lang).is_file()]
    return out


def build_time() -> dt.datetime:
    """When the book was made, reproducibly: SOURCE_DATE_EPOCH, else the last commit's date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        try:
            epoch = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True,
                                   check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            epoch = ""
    return dt.datetime.fromtimestamp(int(epoch or "1767225600"), dt.timezone.utc)  # 2026-01-01 without git


def verified_versions(lang: str) -> dict[str, str]:
    """The versions the outputs printed in the book were verified with: those of the pages' recorded runs
    (tools/generate.py), which the build checked against the installed ones."""
    found: dict[str, set[str]] = {}
    for c in book():
        for md in c.pages:
            record = generate.cached(source(md, lang)) if source(md, lang).is_file() else None
            for name, version in ((record or {}).get("versions") or {}).items():
                found.setdefault(name, set()).add(version)
    if not found:  # no page has run (SITE_GENERATE=0): the environment the build runs in
        return generate.versions()
    return {name: ", ".join(sorted(v)) for name, v in found.items()}


def _inline(text: str) -> str:
    """A front-matter line as HTML: `code` in code."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(text, quote=False))


def cover(lang: str, site_url: str) -> str:
    """The cover: the book's title, its chapters, the date of the build, the verified versions."""
    words = WORDS[lang]
    meta = home.front_matter(source("index.md", lang))
    v = verified_versions(lang)
    versions = ", ".join(f"{name} {v[name]}" for name in ("python", "torch", "numpy", "matplotlib") if name in v)
    versions = versions.replace("python", "Python", 1)
    chapters = "".join(f'<p class="pdf-cover-chapter">{html.escape(c.title(lang))}</p>' for c in book())
    return (f'<section class="pdf-cover md-typeset"><h1>{html.escape(titles(lang)[0])}</h1>{chapters}'
            f'<p class="pdf-cover-lead">{html.escape(str(meta.get("description", "")))}</p>'
            f'<dl class="pdf-cover-facts"><dt>{words["built"]}</dt><dd>{words["date"].format(d=build_time())}</dd>'
            f'<dt>{words["verified"]}</dt><dd>{html.escape(versions)}</dd>'
            f'<dt>{words["site"]}</dt><dd><a href="{html.escape(site_url)}">{html.escape(site_url)}</a></dd></dl>'
            f'</section>')


def opening(chapter_: object, lang: str) -> str:
    """A chapter's opening sheet: its title and its sections, each linked, with its one line (the card of
    the home page, tools/home.py)."""
    items = []
    for md in chapter_.pages:
        page = source(md, lang)
        if not page.is_file():
            continue
        meta = home.front_matter(page)
        line = str(meta.get("card") or meta.get("description") or "")
        items.append(f'<li><a href="#page-{page_key(md)}">{html.escape(home.title(page))}</a>'
                     + (f'<span class="pdf-opening-line">{_inline(line)}</span>' if line else "") + "</li>")
    return (f'<section class="pdf-opening md-typeset" id="chapter-{chapter_.number}">'
            f'<h1>{html.escape(chapter_.title(lang))}</h1><ul>{"".join(items)}</ul></section>')


def parts(lang: str, site_url: str) -> list[dict]:
    """The book in order: the cover, then each chapter's opening sheet and its pages."""
    out = [{"html": cover(lang, site_url)}]
    pages = chapter(lang)
    for c in book():
        out.append({"html": opening(c, lang)})
        out += [p for p in pages if p["chapter"] == c.title(lang)]
    return out


# Runs in the print document: put in the cover and each chapter's opening sheet; fetch each page, keep its
# article, make it printable, append it; give each page its named page with its running header.
COMBINE = r"""
async ({parts, siteUrl, words, sheetHeight}) => {
  const pages = parts.filter(p => p.url);
  const keys = new Map(pages.map(p => [new URL(p.url, location.href).pathname, p.key]));
  const keyOf = u => keys.get(u.pathname.replace(/index\.html$/, ''));
  const main = document.querySelector('main');
  const headers = [];
  const cssString = s => '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
  for (const p of parts) {
    if (p.html) {
      main.insertAdjacentHTML('beforeend', p.html);
      continue;
    }
    const url = new URL(p.url, location.href);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url.pathname}: ${response.status}`);
    const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
    const article = doc.querySelector('article.md-content__inner');
    if (!article) throw new Error(`${url.pathname}: no article`);
    // empty paragraphs too: one closes each documented output (`<p><!--expected-output--><div>` is split by the
    // parser), and as the last thing in a box its margin can push the box's bottom edge onto a sheet of its own
    article.querySelectorAll('a.headerlink, script, style, .md-source-file, .md-content__button, p:empty, .pdf-link')
      .forEach(e => e.remove());
    if (!document.title) document.title = article.querySelector('h1')?.textContent.trim();  // the site's name
    // a box to open prints open, as the same box that is never closed: Chromium lays out the content of a
    // <details> apart from its frame and may leave the frame's top edge at the foot of the sheet before
    for (const d of [...article.querySelectorAll('details')].reverse()) {
      const summary = d.querySelector(':scope > summary');
      if (d.classList.contains('example') && summary && summary.textContent.trim().startsWith(words.earlier)) {
        d.remove();
        continue;
      }
      const box = doc.createElement('div');
      box.className = `admonition pdf-details ${d.className}`;
      if (summary) {
        const title = doc.createElement('p');
        title.className = 'admonition-title';
        title.append(...summary.childNodes);
        summary.replaceWith(title);
      }
      box.append(...d.childNodes);
      d.replaceWith(box);
    }
    for (const xp of article.querySelectorAll('[data-explorer]')) {
      const box = doc.createElement('div');
      box.className = 'admonition example pdf-explorer';
      const title = doc.createElement('p');
      title.className = 'admonition-title';
      title.textContent = xp.querySelector('.xp-title')?.textContent ?? '';
      const line = doc.createElement('p');
      const link = doc.createElement('a');
      link.href = link.textContent = siteUrl + url.pathname.slice(1);
      line.append(words.explorer + ' ', link);
      box.append(title, line);
      xp.replaceWith(box);
    }
    for (const img of article.querySelectorAll('img')) {
      const src = img.getAttribute('src') || '';
      if (src.endsWith('#only-dark')) { img.remove(); continue; }
      img.src = new URL(src, url).href;
      img.loading = 'eager';
      img.removeAttribute('decoding');
    }
    for (const e of article.querySelectorAll('[id]')) e.id = `${p.key}--${e.id}`;
    for (const e of article.querySelectorAll('label[for]')) e.htmlFor = `${p.key}--${e.htmlFor}`;
    for (const a of article.querySelectorAll('a[href]')) {
      const target = new URL(a.getAttribute('href'), url);
      a.removeAttribute('download');
      if (target.origin !== location.origin) continue;
      const key = keyOf(target);
      const id = decodeURIComponent(target.hash.slice(1));
      if (key) a.setAttribute('href', '#' + (id ? `${key}--${id}` : `page-${key}`));
      else a.setAttribute('href', siteUrl + target.pathname.slice(1) + target.search + target.hash);
    }
    const section = document.createElement('article');
    section.className = 'md-typeset pdf-page';
    section.id = `page-${p.key}`;
    section.append(...[...article.childNodes].map(n => document.adoptNode(n)));
    main.append(section);
    const title = (section.querySelector('h1')?.textContent ?? '').replace(/\s+/g, ' ').trim();
    headers.push(`#page-${p.key} { page: p-${p.key}; } @page p-${p.key} { `
                 + `@top-left { content: ${cssString(p.chapter)}; } @top-right { content: ${cssString(title)}; } }`);
  }
  const style = document.createElement('style');
  style.textContent = headers.join('\n');
  document.head.append(style);
  await Promise.all([...document.images].map(img => img.decode().catch(() => {
    throw new Error(`figure not loaded: ${img.src}`);
  })));
  await document.fonts.ready;
  // laid out at the width of the printed page: a box or code block shorter than 40% of a sheet is kept whole,
  // a longer one may break (Material keeps every box whole, which leaves half-empty sheets before long ones)
  for (const box of document.querySelectorAll('.admonition, .highlight')) {
    if (box.getBoundingClientRect().height < 0.4 * sheetHeight) box.classList.add('pdf-keep');
  }
  return {
    failedFonts: [...document.fonts].filter(f => f.status === 'error').map(f => f.family),
    headings: [...document.querySelectorAll('main :is(h1, h2, h3, h4, h5, h6)')].map(h => h.textContent.trim()),
  };
}
"""

# A4 as Chromium prints it: 595.92 x 841.92 pt, in CSS px (96 to the inch). The margins leave a whole number of
# px for the text: with a fraction, each sheet would show a 1px sliver of whatever begins the next one.
SHEET_PX = (794.56, 1122.56)
MARGIN_PX = {"top": 60, "right": 60, "bottom": 68.56, "left": 60}  # about 16 mm; the header and page number sit in them
CONTENT_PX = (round(SHEET_PX[0] - MARGIN_PX["left"] - MARGIN_PX["right"]),
              round(SHEET_PX[1] - MARGIN_PX["top"] - MARGIN_PX["bottom"]))  # 675 x 994
NODE_ID = re.compile(rb"\(node(\d+)\)")
# overrides Material's print margins (@page { margin: 25mm })
PAGE_RULE = ("@page { size: %spx %spx; margin: %spx %spx %spx %spx; }"
             % (*SHEET_PX, *(MARGIN_PX[side] for side in ("top", "right", "bottom", "left"))))


def shell(site: Path, lang: str) -> str:
    """The print document before the pages go in: the home page's stylesheets and scheme, then tools/pdf.css."""
    home = (site / page_url("index.md", lang) / "index.html").read_text(encoding="utf-8")
    prefix = "/" + page_url("index.md", lang)
    links = [href if href.startswith(("/", "http")) else prefix + href
             for href in re.findall(r'<link rel="stylesheet" href="([^"]+)"', home)]
    body = re.search(r"<body([^>]*)>", home)[1]
    head = "".join(f'<link rel="stylesheet" href="{h}">' for h in links)
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">{head}'
            f'<style>{CSS.read_text(encoding="utf-8")}{PAGE_RULE}</style></head>'
            f'<body{body}><main></main></body></html>')


def finish(data: bytes, headings: list[str] = (), chapters: list[str] = ()) -> bytes:
    """Chromium's PDF made reproducible and small.

    - The structure tree names table headers by DOM node ids (`/ID (node00000076)`), which change from one
      run to the next: they are numbered again in order of appearance, at the same width.
    - The dates of printing become the build's (build_time()), the file identifier a hash of the content.
    - Chromium takes a bookmark's title from the heading as laid out, dropping the space where it wrapped
      ("(beyond thenotes)"): each title becomes the heading's own text again; the bookmarks of a chapter's
      pages go under the chapter's (`chapters`: their titles).
    - Chromium writes every object of the tagged structure (tens of thousands, one per run of text) on its own:
      qpdf packs them into compressed object streams (PDF 1.5), which halves the file.
    """
    order: dict[bytes, int] = {}

    def renumber(m):
        n = order.setdefault(m[1], len(order))
        return b"(node%0*d)" % (len(m[1]), n)

    data = NODE_ID.sub(renumber, data)
    when = build_time()
    by_letters = {re.sub(r"\s+", "", h): re.sub(r"\s+", " ", h) for h in headings}

    def retitle(items):
        for item in items:
            item.title = by_letters.get(re.sub(r"\s+", "", item.title), item.title)
            retitle(item.children)

    with pikepdf.open(io.BytesIO(data)) as pdf:
        with pdf.open_outline() as outline:
            retitle(outline.root)
            # a chapter's pages are bookmarked under the chapter (Chromium makes every <h1> a top-level bookmark)
            top, current = [], None
            for item in list(outline.root):
                if item.title in chapters:
                    current = item
                    top.append(item)
                elif current is not None:
                    current.children.append(item)
                else:
                    top.append(item)
            outline.root.clear()
            outline.root.extend(top)
        pdf.docinfo["/CreationDate"] = pdf.docinfo["/ModDate"] = when.strftime("D:%Y%m%d%H%M%S+00'00'")
        out = io.BytesIO()
        pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate, compress_streams=True,
                 deterministic_id=True)
    return out.getvalue()


def make(site: Path, site_url: str = "", langs: tuple[str, ...] | list[str] = LANGS) -> list[Path]:
    """Print one PDF per language from the built site in `site`; returns the files written."""
    from playwright.sync_api import sync_playwright

    start = time.perf_counter()
    site = Path(site).resolve()
    if not site_url:
        from mkdocs.config import load_config

        site_url = load_config(str(ROOT / "mkdocs.yml"))["site_url"] or "/"
    site_url = site_url.rstrip("/") + "/"
    font_files = fonts()
    made = []

    def serve(route):
        path = route.request.url.removeprefix(ORIGIN).split("#")[0].split("?")[0]
        if path.startswith("/__pdf__/fonts/") and path.rsplit("/", 1)[-1] in font_files:
            return route.fulfill(body=font_files[path.rsplit("/", 1)[-1]], content_type="font/ttf")
        if path.startswith("/__pdf__/print-"):
            return route.fulfill(body=shells[path], content_type="text/html; charset=utf-8")
        file = site / path.lstrip("/")
        if file.is_dir():
            file = file / "index.html"
        if file.is_file() and site in file.resolve().parents:
            return route.fulfill(path=file)
        return route.fulfill(status=404, body="not found")

    shells = {f"/__pdf__/print-{lang}.html": shell(site, lang) for lang in langs}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            # the page is laid out as it will be printed: print styles, the width of the text on a sheet
            context = browser.new_context(viewport={"width": CONTENT_PX[0], "height": CONTENT_PX[1]})
            context.route("**/*", lambda route: serve(route) if route.request.url.startswith(ORIGIN + "/")
                          else route.abort())  # nothing leaves the machine
            for lang in langs:
                page = context.new_page()
                page.emulate_media(media="print")
                page.goto(f"{ORIGIN}/__pdf__/print-{lang}.html")
                combined = page.evaluate(COMBINE, {"parts": parts(lang, site_url), "siteUrl": site_url,
                                                   "words": WORDS[lang], "sheetHeight": CONTENT_PX[1]})
                if combined["failedFonts"]:
                    raise RuntimeError(f"fonts not loaded for the {lang} PDF: {combined['failedFonts']}")
                data = page.pdf(prefer_css_page_size=True, print_background=True,  # header, footer: tools/pdf.css
                                outline=True, tagged=True)  # Chromium makes the bookmarks from the tagged headings
                out = pdf_path(site, lang)
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_bytes(finish(data, combined["headings"], [c.title(lang) for c in book()]))
                made.append(out)
                log.info("wrote %s: %d pages, %d KB", out.relative_to(site),
                         len(re.findall(rb"/Type\s*/Page\b", data)), out.stat().st_size // 1000)
                page.close()
        finally:
            browser.close()
    log.info("the PDFs took %.1f s", time.perf_counter() - start)
    return made


def main(argv: list[str]) -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    make(Path(argv[0]) if argv else ROOT / "site")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
