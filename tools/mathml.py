"""Math, rendered at build time for the browser to lay out natively.

KaTeX (tools/katex_render.js, run by node) turns each TeX formula into MathML: no math JavaScript,
no CDN. KaTeX's HTML rendering is not used: it put 2,000 nested spans on the longest page and
most of that page's layout time. Browsers set MathML with an OpenType math font; the site serves
STIX Two Math cut down to the characters its formulas use (12 KB instead of 370 KB).
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import re
import subprocess
import unicodedata

from mkdocs.exceptions import PluginError

from tools.generate import CACHE
from tools.pages import DOCS, ROOT

RENDERER = [ROOT / "tools" / "katex_render.js", ROOT / "node_modules" / "katex" / "package.json"]
FONT = ROOT / "node_modules" / "@fontsource" / "stix-two-math" / "files" / "stix-two-math-latin-400-normal.woff"
FONT_URL = "assets/fonts/stix-two-math.woff"  # extra.css names it
RENDERED = CACHE / "math.json"

# $$display$$ and $inline$, as pymdownx.arithmatex (generic) finds them in prose
TEX = re.compile(r"\$\$(?P<display>.+?)\$\$|(?<![\\$])\$(?!\s)(?P<inline>[^$\n]+?)(?<!\s)\$", re.S)
# ...and what arithmatex makes of them in a page's HTML
ARITHMATEX = re.compile(r'<(?P<tag>span|div) class="arithmatex">(?:\\\((?P<inline>.*?)\\\)|\\\[(?P<display>.*?)\\\])</(?P=tag)>', re.S)
FENCE = re.compile(r"^(?P<indent> *)(```|~~~).*?^(?P=indent)\2", re.S | re.M)

_cache: dict | None = None


def _renderer_key() -> str:
    try:
        return hashlib.sha256(b"".join(p.read_bytes() for p in RENDERER)).hexdigest()
    except OSError:
        raise PluginError("KaTeX is not installed: run `make setup` (npm ci installs it into node_modules/)") from None


def render(formulas: list[tuple[str, bool]]) -> list[str]:
    """[(tex, display), ...] -> MathML, cached in generated/cache/ until the formula or the renderer changes."""
    global _cache
    key = _renderer_key()
    if _cache is None or _cache.get("renderer") != key:
        try:
            _cache = json.loads(RENDERED.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            _cache = {}
        if _cache.get("renderer") != key:
            _cache = {"renderer": key, "formulas": {}}
    done = _cache["formulas"]
    keys = [f"{int(display)}{tex}" for tex, display in formulas]
    todo = sorted({k for k in keys if k not in done})
    if todo:
        run = subprocess.run(["node", str(RENDERER[0])], cwd=ROOT, text=True, capture_output=True,
                             input=json.dumps([[k[1:], k[0] == "1"] for k in todo]))
        if run.returncode:
            raise PluginError(run.stderr.strip())
        done.update(zip(todo, json.loads(run.stdout)))
        RENDERED.parent.mkdir(parents=True, exist_ok=True)
        RENDERED.write_text(json.dumps(_cache, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    # a block formula scrolls sideways on a phone instead of widening the page (a span: valid inside <p> too)
    return [done[k] if k[0] == "0" else f'<span class="math-display">{done[k]}</span>' for k in keys]


def _formula(m: re.Match) -> tuple[str, bool]:
    display = m["display"] is not None
    return html.unescape(m["display"] if display else m["inline"]).strip(), display


def replace(pattern: re.Pattern, text: str) -> str:
    """Every formula that `pattern` (TEX or ARITHMATEX) finds in `text`, rendered in its place."""
    found = list(pattern.finditer(text))
    if not found:
        return text
    rendered = iter(render([_formula(m) for m in found]))
    return pattern.sub(lambda m: next(rendered), text)


def formulas_in(markdown: str) -> list[tuple[str, bool]]:
    return [_formula(m) for m in TEX.finditer(FENCE.sub("", markdown))]


def _italic(c: str) -> str | None:
    """The Mathematical Italic letter a browser shows for a one-letter <mi> (MathML Core, math-auto)."""
    if c == "h":
        return "\u210e"
    for first, last, start in (("A", "Z", 0x1D434), ("a", "z", 0x1D44E), ("Α", "Ω", 0x1D6E2), ("α", "ω", 0x1D6FC)):
        if first <= c <= last:
            return chr(start + ord(c) - ord(first))
    return None


def characters(mathml: list[str]) -> set[str]:
    """The characters the math font must have (text in \\text{} is set in the page's own font)."""
    need = set()
    for m in mathml:
        for tag, attrs, content in re.findall(r"<(m\w+)([^>]*)>([^<]+)</\1>", m):
            if tag == "mtext":
                continue
            content = html.unescape(content)
            need |= set(content) - {" ", "\n"}
            if tag == "mi" and len(content) == 1 and "mathvariant" not in attrs and _italic(content):
                need.add(_italic(content))
    return need


def font() -> bytes:
    """STIX Two Math with just the glyphs (and their stretched forms) that the site's formulas use."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    sources = {page: formulas_in(page.read_text(encoding="utf-8")) for page in sorted(DOCS.rglob("*.md"))}
    pages = {f: page for page, found in sources.items() for f in found}
    formulas = sorted(pages)
    try:
        rendered = render(formulas)
    except PluginError:
        for page, found in sources.items():  # one page at a time, to name the page with the bad formula
            try:
                render(found)
            except PluginError as e:
                raise PluginError(f"{page.relative_to(ROOT)}: {e}") from None
        raise
    need = characters(rendered)
    if not FONT.exists():
        raise PluginError("the math font is not installed: run `make setup` (npm ci installs it into node_modules/)")
    key = hashlib.sha256(FONT.read_bytes() + "".join(sorted(need)).encode()).hexdigest()[:16]
    cached = CACHE / f"stix-two-math-{key}.woff"
    if cached.exists():
        return cached.read_bytes()
    options = subset.Options()
    options.layout_features = ["*"]
    options.flavor = "woff"
    ttf = TTFont(FONT, recalcTimestamp=False)  # the same bytes on every build
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes={ord(c) for c in need})
    subsetter.subset(ttf)
    cmap = ttf.getBestCmap()
    for c in sorted(need):
        if ord(c) not in cmap:
            (tex, display), page = next((f, pages[f]) for f, m in zip(formulas, rendered) if c in characters([m]))
            fence = "$$" if display else "$"
            raise PluginError(f"{page.relative_to(ROOT)}: {fence}{tex}{fence} uses {c} (U+{ord(c):04X} "
                              f"{unicodedata.name(c, '?')}), which STIX Two Math does not have")
    out = io.BytesIO()
    ttf.save(out)
    for old in CACHE.glob("stix-two-math-*.woff"):
        old.unlink()
    cached.write_bytes(out.getvalue())
    return out.getvalue()
