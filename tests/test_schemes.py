"""Figures follow the colour scheme: a reader downloads only the variant of the scheme they see,
and the toggle switches to the other one without reloading the page."""

from __future__ import annotations

import pytest

from tests.test_site import served, site  # noqa: F401 - the built and served site

PAGE = "gradient-descent/two-variables/"  # a 3D plot and, in the solutions, two contour plots


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
def test_only_the_figures_of_the_scheme_in_use_are_downloaded(served, browser, path):  # noqa: F811
    for scheme, want, other in [("light", "#only-light", ".dark.svg"), ("dark", "#only-dark", None)]:
        requested, page = figure_requests(browser, served + path, scheme)
        shown = page.evaluate(f"[...document.querySelectorAll('img[src$=\"{want}\"]')].length")
        page.context.close()
        assert len(set(requested)) == shown >= 1, f"{scheme}: {shown} figures on the page, requests: {requested}"
        dark = [r for r in requested if r.endswith(".dark.svg")]
        assert (dark == []) if scheme == "light" else (len(dark) == len(requested)), f"{scheme}: {requested}"


def test_the_toggle_switches_figures_without_a_reload(served, browser):  # noqa: F811
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(served + PAGE)
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
