"""The chapter as one PDF per language (tools/pdf.py), made by the same build as the site the other tests check.

Read back with pypdf: the text (every page title in nav order, the main results), the fonts (all embedded,
Hangul drawn in an embedded font, never the empty .notdef box), A4 pages, bookmarks, links, size.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.test_site import site  # noqa: F401  the session's build (mkdocs build --strict, SITE_PDF=1)
from tools import pdf

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

            def visit(text, cm, tm, font, size):
                if font is None or not text:
                    return
                name = _name(font)
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
    chapter = len(pdf.nav_pages())
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
