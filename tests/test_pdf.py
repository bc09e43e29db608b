"""The chapter as one PDF per language (tools/pdf.py), made by the same build as the site the other tests check.

Read back with pypdf: the text (every page title in nav order, the main results), the fonts (all embedded,
Hangul drawn in an embedded font, never the empty .notdef box), A4 pages, bookmarks, links, size; the cover
(title, chapters, date of the build, torch version), no link to download the PDF itself, the running header
(chapter and section) and page number on every sheet, and code in solution and output boxes at the size of
the body's code.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.test_site import SOURCE_DATE_EPOCH
from tests.test_site import site  # noqa: F401  the session's build (mkdocs build --strict, SITE_PDF=1)
from tools import generate, pdf
from tools.hooks import EDITION_TEXT
from tools.pages import book, nav_pages, read_blocks

MAX_BYTES = 5_000_000
A4 = (595.28, 841.89)  # points
MAIN_RESULTS = ["13.3520", "4.6796", "1.820683"]  # the seed's loss at the start, the loss after 500 epochs, W
HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")


@dataclass
class Read:
    path: Path
    reader: PdfReader
    text: str = ""
    page_texts: list[str] = field(default_factory=list)
    fonts: dict[str, dict] = field(default_factory=dict)  # BaseFont -> font dictionary, every font used
    hangul_fonts: set[str] = field(default_factory=set)  # fonts that draw a Hangul character
    notdef: list[str] = field(default_factory=list)  # where a glyph 0 (.notdef, drawn as an empty box) is shown
    unmapped: set[str] = field(default_factory=set)  # characters the text maps to nothing (U+FFFD, U+0000)
    runs: list[tuple] = field(default_factory=list)  # (sheet, x, y, size in pt, font, text) of every text run


# Chromium (Skia) shows text as hex strings of 2-byte glyph ids in Type0/Identity-H fonts: `<0024004F> Tj`, `[<..> 120 <..>] TJ`
SHOW = re.compile(rb"/([^\s/<>\[\]()]+)\s+[-\d.]+\s+Tf|<([0-9A-Fa-f\s]*)>\s*Tj|\[([^\]]*)\]\s*TJ")
HEX = re.compile(rb"<([0-9A-Fa-f\s]*)>")


def _name(font) -> str:
    """A font's name; a Type3 font (glyphs drawn by the PDF itself, e.g. a synthetic bold) may have none."""
    if "/BaseFont" in font:
        return str(font["/BaseFont"])
    descriptor = font.get("/FontDescriptor")
    return f"Type3 {descriptor.get_object().get('/FontName', '') if descriptor else ''}".strip()


def _glyphs(content: bytes, resources, out: Read, where: str, seen: set):
    """Record the fonts a content stream uses and every .notdef (glyph 0) it shows; forms (figures) too."""
    fonts = resources.get("/Font", {}) if resources else {}
    for name, ref in fonts.items():
        font = ref.get_object()
        out.fonts.setdefault(_name(font), font)
    font = None
    for m in SHOW.finditer(content):
        if m[1] is not None:
            font = fonts.get("/" + m[1].decode("latin-1"))
            font = font.get_object() if font is not None else None
            continue
        if font is None or font["/Subtype"] != "/Type0":
            continue
        for hexes in [m[2]] if m[2] is not None else HEX.findall(m[3]):
            ids = re.sub(rb"\s", b"", hexes)
            if any(ids[i:i + 4] == b"0000" for i in range(0, len(ids), 4)):
                out.notdef.append(f"{where}: {_name(font)}")
    for ref in (resources.get("/XObject", {}) if resources else {}).values():
        xobject = ref.get_object()
        if xobject.get("/Subtype") == "/Form" and id(xobject) not in seen:
            seen.add(id(xobject))
            _glyphs(xobject.get_data(), xobject.get("/Resources"), out, where, seen)


@pytest.fixture(scope="module")
def pdfs(site) -> dict[str, Read]:  # noqa: F811
    found = {}
    for lang in pdf.LANGS:
        path = pdf.pdf_path(site, lang)
        assert path.is_file(), f"no {lang} PDF at {path.relative_to(site)}"
        out = Read(path, PdfReader(path))
        chunks = []
        for n, page in enumerate(out.reader.pages, 1):

            def visit(text, cm, tm, font, size, n=n):
                if font is None or not text:
                    return
                name = _name(font)
                if text.strip():  # where the run sits on the sheet (pt, from the bottom) and its rendered size
                    out.runs.append((n, tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5], abs(size * tm[3] * cm[3]),
                                     name, text))
                if HANGUL.search(text):
                    out.hangul_fonts.add(name)
                if "STIXTwoMath" not in name:  # the pieces of a stretched bracket have no character of their own
                    out.unmapped |= {f"U+{ord(c):04X} ({name})" for c in text if c in "\ufffd\x00"}

            chunks.append(page.extract_text(visitor_text=visit))
            _glyphs(page.get_contents().get_data(), page.get("/Resources"), out, f"page {n}", set())
        out.page_texts = chunks
        out.text = "\n".join(chunks)
        found[lang] = out
    return found


def _squeeze(text: str) -> str:
    """Text without white space: PDF text extraction puts line breaks and spaces where the lines broke."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


@pytest.mark.parametrize("lang", pdf.LANGS)
def test_one_a4_pdf_per_language_within_the_size_budget(pdfs, lang):
    read = pdfs[lang]
    size = read.path.stat().st_size
    assert size <= MAX_BYTES, f"{read.path.name}: {size:,} bytes > {MAX_BYTES:,}"
    pages = read.reader.pages
    chapter = len(nav_pages())
    assert chapter <= len(pages) <= 40 * chapter, f"{read.path.name}: {len(pages)} pages for {chapter} site pages"
    for n, page in enumerate(pages, 1):
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(w - A4[0]) < 1.5 and abs(h - A4[1]) < 1.5, f"{read.path.name} page {n}: {w:.1f} x {h:.1f} pt, not A4"


@pytest.mark.parametrize("lang", pdf.LANGS)
def test_no_sheet_is_empty(pdfs, lang):
    """Each sheet has text besides its page number, or a figure: a box's bottom edge or a margin that spills
    over a page break can make a sheet that holds nothing else."""
    empty = []
    for n, page in enumerate(pdfs[lang].reader.pages, 1):
        text = re.sub(r"\s*\d+\s*/\s*\d+\s*$", "", pdfs[lang].page_texts[n - 1]).strip()
        if not text and not (page.get("/Resources") or {}).get("/XObject"):
            empty.append(n)
    assert not empty, f"{lang} PDF: empty sheets {empty}"


@pytest.mark.parametrize("lang", pdf.LANGS)
def test_every_page_title_is_in_the_pdf_in_nav_order(pdfs, lang):
    text = _squeeze(pdfs[lang].text)
    at = 0
    for title in pdf.titles(lang):
        found = text.find(_squeeze(title), at)
        assert found >= 0, f"{lang} PDF: {title!r} missing, or not after the title before it"
        at = found + 1


@pytest.mark.parametrize("lang", pdf.LANGS)
def test_the_main_results_are_in_the_pdf(pdfs, lang):
    missing = [number for number in MAIN_RESULTS if number not in pdfs[lang].text]
    assert not missing, f"{lang} PDF lacks {missing}"


@pytest.mark.parametrize("lang", pdf.LANGS)
def test_every_font_is_embedded(pdfs, lang):
    read = pdfs[lang]
    assert read.fonts, f"{lang} PDF: no text found"
    for name, font in read.fonts.items():
        if font["/Subtype"] == "/Type3":  # glyphs drawn by the PDF's own procedures
            continue
        described = font["/DescendantFonts"][0].get_object() if font["/Subtype"] == "/Type0" else font
        descriptor = described["/FontDescriptor"].get_object()
        assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), f"{lang} PDF: {name} is not embedded"
        assert "/ToUnicode" in font, f"{lang} PDF: {name} has no ToUnicode map (its text could not be copied)"


@pytest.mark.parametrize("lang", pdf.LANGS)
def test_no_glyph_prints_as_an_empty_box(pdfs, lang):
    read = pdfs[lang]
    assert not read.notdef, f"{lang} PDF: .notdef glyphs (empty boxes) shown in {sorted(set(read.notdef))[:10]}"
    assert not read.unmapped, f"{lang} PDF: text that maps to no character: {sorted(read.unmapped)[:10]}"
    hangul = HANGUL.findall(read.text)
    if lang == "ko":
        assert len(hangul) > 10_000, f"the Korean PDF has only {len(hangul)} Hangul characters"
        assert any("Nanum" in f for f in read.hangul_fonts), f"Hangul set in {read.hangul_fonts}, not NanumGothic"
    assert read.hangul_fonts <= set(read.fonts), "Hangul drawn in a font that no text operator uses"


@pytest.mark.parametrize("lang", pdf.LANGS)
def test_math_is_set_in_the_sites_math_font(pdfs, lang):
    assert any("STIXTwoMath" in name for name in pdfs[lang].fonts), f"{lang} PDF: no STIX Two Math"


@pytest.mark.parametrize("lang", pdf.LANGS)
def test_bookmarks_lead_to_every_page_of_the_chapter(pdfs, lang):
    reader = pdfs[lang].reader

    def flat(items):
        for item in items:
            yield from flat(item) if isinstance(item, list) else [item]

    marks = list(flat(reader.outline))
    titles = [" ".join(m.title.split()) for m in marks]
    at = 0
    for title in pdf.titles(lang):
        assert title in titles[at:], f"{lang} PDF: no bookmark {title!r} (in order) among {titles[at:at + 5]}"
        at = titles.index(title, at) + 1
    pages = [reader.get_destination_page_number(m) for m in marks]
    assert pages == sorted(pages), f"{lang} PDF: bookmarks out of page order"


@pytest.mark.parametrize("lang", pdf.LANGS)
def test_links_stay_links(pdfs, lang):
    """Links between the chapter's pages jump inside the PDF; every other link into the site goes to the site."""
    internal, uris = 0, []
    for page in pdfs[lang].reader.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            action = annot.get("/A")
            if action is not None and action.get_object().get("/S") == "/URI":
                uris.append(str(action.get_object()["/URI"]))
            elif "/Dest" in annot or action is not None:
                internal += 1
    assert internal >= 10, f"{lang} PDF: {internal} links inside the PDF"
    assert uris, f"{lang} PDF: no links to the site"
    leaked = [u for u in uris if u.startswith(pdf.ORIGIN) or not re.match(r"https?://", u)]
    assert not leaked, f"{lang} PDF: links that lead nowhere: {leaked[:5]}"


MARGIN_PT = 45  # tools/pdf.py: 60 CSS px above and below the text of a sheet


def _band(read: Read, sheet: int, top: bool) -> str:
    """The text a sheet prints in its top margin (the running header) or its bottom margin (the page number)."""
    height = float(read.reader.pages[sheet - 1].mediabox.height)
    runs = sorted((x, text) for n, x, y, size, font, text in read.runs
                  if n == sheet and (y > height - MARGIN_PT if top else y < MARGIN_PT))
    return " ".join(" ".join(text for _, text in runs).split())


def _page_bookmarks(read: Read) -> list[tuple[str, str, int]]:
    """(chapter, page title, first sheet) of every page of the book, from the bookmarks: a chapter's
    bookmark holds its pages' bookmarks."""
    reader, found, chapter = read.reader, [], None
    for item in reader.outline:
        if isinstance(item, list):
            found += [(chapter, " ".join(x.title.split()), reader.get_destination_page_number(x) + 1)
                      for x in item if not isinstance(x, list)]
        else:
            chapter = " ".join(item.title.split())
    return found


@pytest.mark.parametrize("lang", pdf.LANGS)
def test_the_cover_names_the_book_its_chapters_the_date_and_the_verified_torch(pdfs, lang):
    cover = _squeeze(pdfs[lang].page_texts[0])
    when = dt.datetime.fromtimestamp(int(SOURCE_DATE_EPOCH), dt.timezone.utc)  # the build's SOURCE_DATE_EPOCH
    wanted = [pdf.titles(lang)[0], *(c.title(lang) for c in book()), pdf.WORDS[lang]["date"].format(d=when),
              f"torch {generate.versions()['torch']}"]  # the torch the build ran the pages with
    missing = [w for w in wanted if _squeeze(w) not in cover]
    assert not missing, f"{lang} PDF: the cover (sheet 1) lacks {missing}: {pdfs[lang].page_texts[0][:300]!r}"


@pytest.mark.parametrize("lang", pdf.LANGS)
def test_the_pdf_holds_no_link_to_download_itself(pdfs, lang):
    words = _squeeze(EDITION_TEXT[lang]["pdf"])
    sheets = [n for n, text in enumerate(pdfs[lang].page_texts, 1) if words in _squeeze(text)]
    links = [str(a.get_object()["/A"].get_object().get("/URI")) for page in pdfs[lang].reader.pages
             for a in page.get("/Annots") or [] if "/A" in a.get_object()]
    pdf_links = [u for u in links if u.split("#")[0].endswith(".pdf")]
    assert not sheets, f"{lang} PDF: {EDITION_TEXT[lang]['pdf']!r} printed on sheets {sheets}"
    assert not pdf_links, f"{lang} PDF: links to a PDF: {pdf_links[:3]}"


@pytest.mark.parametrize("lang", pdf.LANGS)
def test_every_sheet_has_its_chapter_and_section_on_top_and_its_number_below(pdfs, lang):
    read = pdfs[lang]
    pages = _page_bookmarks(read)
    assert [title for _, title, _ in pages] == pdf.titles(lang)[2:] or len(book()) > 1, \
        f"{lang} PDF: the chapter's bookmarks do not hold its pages: {[t for _, t, _ in pages][:5]}"
    # the cover and the chapters' opening sheets (the sheets of the top-level bookmarks) have neither
    bare = {read.reader.get_destination_page_number(x) + 1 for x in read.reader.outline if not isinstance(x, list)}
    total, wrong = len(read.reader.pages), []
    for sheet in range(1, total + 1):
        started = [(chapter, title) for chapter, title, first in pages if first <= sheet]
        header = " ".join(started[-1]) if started and sheet not in bare else ""
        number = f"{sheet} / {total}" if sheet not in bare else ""
        got = (_band(read, sheet, top=True), _band(read, sheet, top=False))
        if (_squeeze(got[0]), _squeeze(got[1])) != (_squeeze(header), _squeeze(number)):
            wrong.append(f"sheet {sheet}: {got} instead of {(header, number)}")
    assert not wrong, f"{lang} PDF: running header or page number wrong on {len(wrong)} sheets:\n" + "\n".join(wrong[:5])


def _code_lines(lang: str, solutions: bool) -> set[str]:
    """The lines of code and output the pages show in solution boxes (or outside them), without white space."""
    lines = set()
    for md in nav_pages():
        page = pdf.source(md, lang)
        for block in read_blocks(page) if page.is_file() else []:
            if block.syntax == "python" and (block.solution is not None) == solutions:
                lines |= {_squeeze(x) for x in (block.code + (block.expected_output or "")).splitlines()}
    return {x for x in lines if len(x) >= 8}


@pytest.mark.parametrize("lang", pdf.LANGS)
def test_code_in_solution_and_output_boxes_prints_at_the_size_of_the_body_code(pdfs, lang):
    boxed, body = _code_lines(lang, solutions=True), _code_lines(lang, solutions=False)
    sizes = {"box": [], "body": []}
    for n, x, y, size, font, text in pdfs[lang].runs:
        line = _squeeze(text)
        if "Mono" not in font or len(line) < 8:
            continue
        in_box, in_body = any(line in x for x in boxed), any(line in x for x in body)
        if in_box != in_body:
            sizes["box" if in_box else "body"].append(round(size, 2))
    assert len(sizes["box"]) > 20 and len(sizes["body"]) > 20, f"{lang} PDF: too few code lines found: {sizes}"
    box, body_size = statistics.median(sizes["box"]), statistics.median(sizes["body"])
    assert abs(box - body_size) < 0.05, (f"{lang} PDF: code in solution and output boxes prints at {box} pt, "
                                         f"the body's code at {body_size} pt")
