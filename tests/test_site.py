"""Build the whole site from nothing, as `make build` does, and check what a reader gets."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from tools.pages import DOCS, ROOT, counterpart, lang_of, pages, rel
from tools.sitecheck import third_party_loads

SOURCE_DATE_EPOCH = "1767225600"  # 2026-01-01: dates in the build come from here, not from the clock


def build(tmp: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, GENERATED_DIR=str(tmp / "generated"), SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH,
               NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp / "site")],
                          cwd=ROOT, env=env, capture_output=True, text=True)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("build")
    run = build(tmp)
    problems = [line for line in run.stderr.splitlines() if re.match(r"(WARNING|ERROR)", line)]
    assert run.returncode == 0, "mkdocs build --strict failed:\n" + ("\n".join(problems) or run.stderr[-3000:])
    return tmp / "site"


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
        if tag in ("script", "img", "iframe", "source", "audio", "video") and a.get("src"):
            self.loads.append(a["src"])
        if tag == "link" and a.get("href"):
            if a.get("rel") == "alternate" and a.get("hreflang"):
                self.alternates[a["hreflang"]] = a["href"]
            elif a.get("rel") in ("stylesheet", "preload", "preconnect", "icon", "modulepreload", "manifest"):
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
        assert 'class="katex"' in text and "<math" in text, f"{url_of(page)}: no KaTeX output (HTML + MathML)"


def test_no_style_script_font_or_image_comes_from_a_third_party(site):
    """Covers the CSS and SVG files too: an url(), @import or href to another host would leak."""
    offenders = third_party_loads(site)
    assert not offenders, "third-party resources:\n" + "\n".join(offenders[:20])


def test_search_index_covers_korean_and_english(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert set(index["config"]["lang"]) >= {"ko", "en"}
    assert any(re.search(r"경사 하강법", d["text"]) for d in index["docs"])


def test_figures_are_svg_and_deterministic(site, tmp_path):
    """A second build from nothing gives byte-identical figures (torchviz ids and SVG hashes fixed)."""
    figures = sorted(site.rglob("figures/*.svg"))
    assert figures, "no generated figures in the site"
    run = subprocess.run([sys.executable, "-m", "tools.generate", "--all"], cwd=ROOT, capture_output=True, text=True,
                         env=dict(os.environ, GENERATED_DIR=str(tmp_path / "again")))
    assert run.returncode == 0, run.stderr
    for fig in figures:
        again = next((tmp_path / "again" / "docs").rglob(fig.name))
        assert again.read_bytes() == fig.read_bytes(), f"{fig.relative_to(site)} differs between two runs"
