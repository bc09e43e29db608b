"""Figures follow the colour scheme: a reader downloads only the variant of the scheme they see,
even on a first visit to a slow machine, and the toggle switches to the other one without reloading the page.

SERVED_URL=http://127.0.0.1:8000/ runs these against a site you serve instead of a fresh build.
"""

from __future__ import annotations

import os
import re
import urllib.request

import pytest

from tests.test_site import served, site  # noqa: F401 - the built and served site
from tests.test_site import url_of
from tools.pages import pages

PAGE = "gradient-descent/two-variables/"  # a 3D plot near the top and, in the solutions, contour plots
SLOW_CPU = 2  # Chromium's CPU throttling: parsing yields more often, so a first layout comes earlier
LOADS = 3  # first visits per scheme, to the pages whose figures come first
TALL = {"width": 1280, "height": 2400}  # lazy figures within about 1250 px of the window load at once


@pytest.fixture(scope="session")
def base_url(request) -> str:
    return os.environ.get("SERVED_URL") or request.getfixturevalue("served")


def figure_requests(browser, url: str, scheme: str) -> tuple[list[str], object]:
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda r: "/figures/" in r.url and requested.append(r.url.split("/figures/")[1]))
    page.goto(url)
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")  # solution figures too
    for y in range(0, page.evaluate("document.body.scrollHeight"), 600):  # lazy images load when near
        page.mouse.wheel(0, 600)
        page.wait_for_timeout(50)
    page.wait_for_load_state("networkidle")
    return requested, page


@pytest.mark.parametrize("path", [PAGE, "en/" + PAGE])
def test_only_the_figures_of_the_scheme_in_use_are_downloaded(base_url, browser, path):
    for scheme, want, other in [("light", "#only-light", ".dark.svg"), ("dark", "#only-dark", None)]:
        requested, page = figure_requests(browser, base_url + path, scheme)
        shown = page.evaluate(f"[...document.querySelectorAll('img[src$=\"{want}\"]')].length")
        page.context.close()
        assert len(set(requested)) == shown >= 1, f"{scheme}: {shown} figures on the page, requests: {requested}"
        dark = [r for r in requested if r.endswith(".dark.svg")]
        assert (dark == []) if scheme == "light" else (len(dark) == len(requested)), f"{scheme}: {requested}"


def test_the_toggle_switches_figures_without_a_reload(base_url, browser):
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(base_url + PAGE)
    page.evaluate("window.notReloaded = true")
    visible = ("[...document.querySelectorAll('img[src*=\"figures/\"]')]"
               ".filter(i => i.checkVisibility()).map(i => i.getAttribute('src'))")
    before = page.evaluate(visible)
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    after = page.evaluate(visible)
    assert page.evaluate("window.notReloaded") is True
    assert before and all(s.endswith("#only-light") for s in before), before
    assert len(after) == len(before) and all(s.endswith(".dark.svg#only-dark") for s in after), after
    widths = page.evaluate("Promise.all([...document.querySelectorAll('img[src$=\"#only-dark\"]')]"
                           ".filter(i => i.checkVisibility()).map(i => (i.loading = 'eager', i.decode().then(() => i.naturalWidth))))")
    assert widths and all(w > 0 for w in widths), f"dark figures did not load: {widths}"
    context.close()


def early_figure_pages(base_url: str, n: int) -> list[str]:
    """The n pages (both languages) whose first figure comes earliest in their HTML: the ones a first layout
    reaches before Material's script has settled the scheme."""
    offsets = []
    for page in pages():
        url = url_of(page).removesuffix("index.html")
        with urllib.request.urlopen(base_url + url) as response:
            text = response.read().decode("utf-8")
        first = re.search(r'<img [^>]*src="[^"]*figures/', text)
        if first:
            offsets.append((first.start(), url))
    return [url for _, url in sorted(offsets)[:n]]


@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_a_first_visit_on_a_slow_machine_fetches_no_figure_of_the_other_scheme(base_url, browser, scheme):
    """No stored choice, the system asks for `scheme`, the CPU is slow: the scheme must be settled before the
    first figure is laid out, or the lazy figures near the top are fetched in the other scheme's variant too.
    A tall window puts the first figures of the pages where they come earliest within the first layout's reach;
    every image request of those first visits is recorded."""
    wrong = []
    for path in early_figure_pages(base_url, LOADS):
        context = browser.new_context(color_scheme=scheme, viewport=TALL)  # a fresh profile: a first visit
        page = context.new_page()
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": SLOW_CPU})
        requested: list[str] = []
        page.on("request", lambda r, requested=requested: r.resource_type == "image" and requested.append(r.url))
        page.goto(base_url + path, wait_until="load")
        page.wait_for_load_state("networkidle")
        context.close()
        figures = [u.split("/figures/")[1] for u in requested if "/figures/" in u]
        assert figures, f"{path}: no figure was fetched at all (requests: {requested})"
        wrong += [f"{path}: {f}" for f in figures if (".dark." in f) != (scheme == "dark")]
    assert not wrong, f"a first visit in the {scheme} scheme fetched figures of the other scheme:\n" + "\n".join(wrong)
