"""Build the whole site from nothing, as `make build` does, and check what a reader gets.

The build is the run's one build (the `site` fixture of tests/conftest.py, with the chapter PDFs);
test_the_site_builds reports it when it fails, and every test that needs the site then skips.
"""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from fontTools.ttLib import TTFont

from tests.conftest import SOURCE_DATE_EPOCH, build, failed_pages_explain, site_build  # noqa: F401 - SOURCE_DATE_EPOCH: tests/test_pdf.py
from tests.suite import page_outcome
from tools import mathml
from tools.pages import DOCS, code_blocks, counterpart, lang_of, pages, rel
from tools.runner import Session, dark_path
from tools.sitecheck import third_party_loads

# The fixtures `site` and `served` live in tests/conftest.py: every test file gets them without importing
# them. These names keep `from tests.test_site import site, served` working without defining them twice.
site = served = None


@pytest.mark.tier("site")
def test_the_site_builds(request):
    """`mkdocs build --strict` from nothing, with the PDFs: its warnings and errors (a broken link or anchor,
    an output that differs, a formula KaTeX cannot read) are this test's message, each with its file and line."""
    found = site_build(request.config, request.node.nodeid)
    if not found["ok"]:
        cause = failed_pages_explain(request.config, found)
        if cause:
            pytest.skip(f"the build stopped on pages whose own test failed: see {cause}")
        pytest.fail(found["message"], pytrace=False)


def url_of(page: Path) -> str:
    """docs/gradient-descent/loss.en.md -> en/gradient-descent/loss/index.html"""
    path = page.relative_to(DOCS).as_posix().removesuffix(f".{lang_of(page)}.md")
    path = "" if path == "index" else path.removesuffix("/index") + "/"
    return ("" if lang_of(page) == "ko" else "en/") + path + "index.html"


class Resources(HTMLParser):
    """Everything a page loads by itself (not links the reader may follow)."""

    def __init__(self):
        super().__init__()
        self.loads: list[str] = []
        self.alternates: dict[str, str] = {}
        self.lang = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag in ("script", "img", "iframe", "source", "audio", "video") and a.get("src") \
                and not a["src"].startswith("data:"):  # inline figures of notebook pages
            self.loads.append(a["src"])
        if tag == "a" and "md-select__link" in (a.get("class") or "") and a.get("hreflang"):  # language switcher
            self.alternates[a["hreflang"]] = a["href"]
        if tag == "link" and a.get("href"):
            if a.get("rel") in ("stylesheet", "preload", "preconnect", "icon", "modulepreload", "manifest"):
                self.loads.append(a["href"])


def parse(html_file: Path) -> Resources:
    parser = Resources()
    parser.feed(html_file.read_text(encoding="utf-8"))
    return parser


ALL = pages()


@pytest.mark.parametrize("page", ALL, ids=[rel(p).removeprefix("docs/") for p in ALL])
def test_page_is_built_in_its_language_and_links_to_its_twin(site, page):
    html = site / url_of(page)
    assert html.exists(), f"{rel(page)} was not built to {url_of(page)}"
    res = parse(html)
    assert res.lang == lang_of(page)
    other = counterpart(page)
    href = res.alternates.get(lang_of(other))
    assert href, f"{url_of(page)}: no language switcher link to {lang_of(other)}"
    target = urlparse(urljoin("http://site/" + url_of(page), href)).path.lstrip("/")
    assert (site / target / "index.html").exists() or (site / target).is_file(), f"switcher link {href} is broken"
    assert (site / target / "index.html").resolve() == (site / url_of(other)).resolve(), \
        f"{url_of(page)}: the switcher leads to {target}, not to the same page in {lang_of(other)}"


@pytest.mark.parametrize("page", ALL, ids=[rel(p).removeprefix("docs/") for p in ALL])
def test_everything_a_page_loads_is_served_by_the_site(site, page):
    html = site / url_of(page)
    for src in parse(html).loads:
        url = urlparse(urljoin("http://site/" + url_of(page), src))
        assert url.netloc == "site", f"{url_of(page)} loads {src} from another host"
        assert (site / url.path.lstrip("/")).exists(), f"{url_of(page)} loads {src}, which is not in the site"


@pytest.mark.parametrize("page", ALL, ids=[rel(p).removeprefix("docs/") for p in ALL])
def test_math_is_rendered_at_build_time(site, page):
    text = (site / url_of(page)).read_text(encoding="utf-8")
    assert 'class="arithmatex"' not in text, f"{url_of(page)}: math left unrendered"
    if "$" in re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S):
        assert "<math" in text, f"{url_of(page)}: no MathML"


def test_the_math_font_has_every_character_the_math_uses(site):
    """The font is cut down to what tools/mathml.py finds in the prose; the built pages must agree."""
    cmap = TTFont(site / mathml.FONT_URL).getBestCmap()
    missing = []
    for page in sorted(site.rglob("*.html")):
        need = mathml.characters(re.findall(r"<math.*?</math>", page.read_text(encoding="utf-8"), re.S))
        missing += [f"{page.relative_to(site)}: {c} (U+{ord(c):04X})" for c in sorted(need) if ord(c) not in cmap]
    assert not missing, "characters missing from the math font:\n" + "\n".join(missing[:20])


def test_no_style_script_font_or_image_comes_from_a_third_party(site):
    """Covers the CSS and SVG files too: an url(), @import or href to another host would leak."""
    offenders = third_party_loads(site)
    assert not offenders, "third-party resources:\n" + "\n".join(offenders[:20])


def test_search_index_covers_korean_and_english(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert set(index["config"]["lang"]) >= {"ko", "en"}
    assert any(re.search(r"경사 하강법", d["text"]) for d in index["docs"])


def test_a_second_build_is_byte_identical(site, site_generated, tmp_path):  # noqa: F811
    """What the build writes depends only on the sources and on what the code printed and drew: a second build
    from the first one's outputs and figures, its notebooks and scripts written anew and its notebook pages
    rendered anew, gives the same bytes (pages, notebooks, search index, sitemap, PDFs). That the code
    prints and draws the same in every run is test_every_run_of_a_page_draws_the_same_figures."""
    generated = tmp_path / "generated"
    shutil.copytree(site_generated, generated, ignore=shutil.ignore_patterns("notebooks"))
    run = build(tmp_path, generated)
    assert run.returncode == 0, run.stderr[-3000:]
    again = tmp_path / "site"
    first = {p.relative_to(site) for p in site.rglob("*") if p.is_file()}
    second = {p.relative_to(again) for p in again.rglob("*") if p.is_file()}
    assert first == second, f"different files: {sorted(first ^ second)[:10]}"
    differ = [str(p) for p in sorted(first) if (site / p).read_bytes() != (again / p).read_bytes()]
    assert not differ, f"{len(differ)} files differ between two builds: {differ[:10]}"
    assert any(p.suffix == ".svg" and "figures" in p.parts for p in first)
    assert any(p.suffix == ".ipynb" for p in first) and any(p.suffix == ".pdf" for p in first)


WITH_CODE = [p for p in ALL if code_blocks(p)]


@pytest.mark.parametrize("page", WITH_CODE, ids=[rel(p).removeprefix("docs/") for p in WITH_CODE])
def test_every_run_of_a_page_draws_the_same_figures(request, site_generated, page, tmp_path):  # noqa: F811
    """The build ran each page's code from nothing, and so did the page's own test, in another process:
    every figure, light and dark, is the same byte for byte (torchviz ids, SVG hashes, no dates, no
    unseeded randomness). Both runs printed the page's documented outputs. A page this run did not test
    is run here."""
    record = json.loads((site_generated / "cache" / (rel(page) + ".json")).read_text(encoding="utf-8"))
    built = site_generated / "docs" / lang_of(page) / page.parent.relative_to(DOCS) / "figures"
    outcome = page_outcome(request.config, rel(page))
    if outcome and outcome["state"] == "passed" and outcome.get("figures"):
        other = Path(outcome["figures"])
    else:
        other = tmp_path
        session = Session(other, page.name.split(".")[0])
        for block in code_blocks(page):
            assert not session.run(block).error, f"{rel(page)}: raised on a second run"
    names = [p for f in record["figures"] for p in (f, dark_path(Path(f)).name)]
    differ = [name for name in names if (built / name).read_bytes() != (other / name).read_bytes()]
    assert not differ, f"{rel(page)}: figures differ between two runs (unseeded randomness? a date?): {differ}"


def test_every_download_link_leads_to_a_file(site):
    for html in sorted(site.rglob("*.html")):
        for href in re.findall(r'<a href="([^"]+)"[^>]*\bdownload\b', html.read_text(encoding="utf-8")):
            assert (html.parent / href).resolve().is_file(), f"{html.relative_to(site)}: download link {href} is broken"


PAGE_BUDGET = 1_000_000  # bytes a page transfers: its HTML and every stylesheet, script and image it loads
FIGURE_BUDGET = 300_000


def test_every_page_and_figure_keeps_its_weight_budget(site):
    over = []
    for html in sorted(site.rglob("*.html")):
        if html.name == "404.html":
            continue
        url = html.relative_to(site).as_posix()
        total = html.stat().st_size
        for src in {s for s in parse(html).loads if not s.endswith("#only-dark")}:  # one scheme's figures
            target = site / urlparse(urljoin("http://site/" + url, src)).path.lstrip("/")
            total += target.stat().st_size if target.is_file() else 0
        if total > PAGE_BUDGET:
            over.append(f"{url}: {total:,} bytes > {PAGE_BUDGET:,}")
    for svg in sorted(site.rglob("figures/*.svg")):
        if svg.stat().st_size > FIGURE_BUDGET:
            over.append(f"{svg.relative_to(site)}: {svg.stat().st_size:,} bytes > {FIGURE_BUDGET:,}")
    assert not over, "over budget:\n" + "\n".join(over)


def test_figures_load_lazily_with_their_size(site):
    for html in sorted(site.rglob("*.html")):
        for img in re.findall(r"<img [^>]*>", html.read_text(encoding="utf-8")):
            if "figures/" in img:
                assert 'loading="lazy"' in img and "width=" in img and "height=" in img, f"{html}: {img[:120]}"


def test_notebook_pages_show_rendered_cells_in_both_languages(site):
    for page in [p for p in ALL if code_blocks(p)]:
        stem = page.name.split(".")[0]
        html = site / ("" if lang_of(page) == "ko" else "en/") / page.parent.relative_to(DOCS) / "notebooks" / stem / "index.html"
        assert html.exists(), f"no notebook page for {rel(page)}"
        text = html.read_text(encoding="utf-8")
        assert text.count("jp-Cell") >= len(code_blocks(page)), f"{html.relative_to(site)}: notebook cells not rendered"
        assert f'lang="{lang_of(page)}"' in text
        downloads = re.findall(r'<a href="([^"]+)" download>', text)
        assert len(downloads) == 2, f"{html.relative_to(site)}: expected .ipynb and .py download links"
        for href in downloads:
            assert (html.parent / href).resolve().is_file(), f"{html.relative_to(site)}: download {href} is broken"
        json.loads((html.parent / f"{stem}.ipynb").read_text(encoding="utf-8"))  # a valid notebook


def page_requests(browser, url: str) -> list[str]:
    """Every request the page itself makes in headless Chromium (the browser's own traffic left out)."""
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    context.new_page().goto(url, wait_until="networkidle")
    context.close()
    return requests


@pytest.mark.parametrize("path", ["gradient-descent/two-variables/", "en/gradient-descent/loss/",
                                  "gradient-descent/notebooks/prediction/", "en/gradient-descent/notebooks/data/"])
def test_a_browser_loading_the_page_asks_no_other_host(served, browser, path):  # noqa: F811
    requests = page_requests(browser, served + path)
    assert any(u.endswith(".css") for u in requests), f"the page did not load (requests: {requests})"
    others = [u for u in requests if not u.startswith(served)]
    assert not others, f"{path} requests other hosts: {others}"
