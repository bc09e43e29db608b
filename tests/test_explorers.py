"""The explorers (issue 11) compute in the reader's browser exactly what the pages' code computes.

Debian's chromium, driven by Playwright (the `browser` fixture of tests/conftest.py), loads the built
site (the `site` and `served` fixtures of tests/test_site.py, built once per run). Each page is loaded
once: the page's documented outputs are compared with the readout after setting the page's values
through the controls, and sweeps call the modules' pure functions (descend, train) in the browser
and compare every step with numpy and torch (float64) run here. Expected values come from the pages
(their documented outputs and their code) or from those references, never typed in.

EXPLORERS_URL=http://127.0.0.1:8000/ runs the browser tests against a site you serve (make serve)
instead of a fresh build.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import numpy as np
import pytest

from tests.test_site import served, site  # noqa: F401  (the built site and its server: session fixtures)
from tools import explorers
from tools.pages import DOCS, ROOT, expand, lang_of, read_blocks, rel

EXPLORER_PAGES = sorted(p for p in DOCS.rglob("*.md") if "data-explorer=" in p.read_text(encoding="utf-8"))
HANGUL = re.compile(r"[\uac00-\ud7a3]")
TOLERANCE = 1e-9  # float64 in the browser and here: the same arithmetic, a few roundings apart
ASSETS = "assets/explorers/"


def url_of(page: Path) -> str:
    path = page.relative_to(DOCS).as_posix().removesuffix(f".{lang_of(page)}.md")
    return ("" if lang_of(page) == "ko" else "en/") + path + "/"


def kind_of(page: Path) -> str:
    return re.search(r'data-explorer="(\w+)"', page.read_text(encoding="utf-8"))[1]


# --- the references: the pages' own functions and loops, run here ------------------------------------

def section(module: str, name: str, namespace: dict | None = None) -> dict:
    """Run one section of snippets/en/<module>.py (as the page shows it) and return its namespace."""
    namespace = {} if namespace is None else namespace
    exec("\n".join(expand([f'--8<-- "snippets/en/{module}.py:{name}"'])), namespace)
    return namespace


L_FUNCTIONS = section("two_variables", "function", section("two_variables", "imports"))


def numpy_descent(alpha: float, steps: int, u0: float, v0: float) -> np.ndarray:
    """The loop of 3.1 and 3.12: W = W - alpha * [Lu, Lv], from a given start."""
    Lu, Lv = L_FUNCTIONS["Lu"], L_FUNCTIONS["Lv"]
    W = np.array([u0, v0])
    path = [W]
    for _ in range(steps):
        W = W - alpha * np.array([Lu(W[0], W[1]), Lv(W[0], W[1])])
        path.append(W)
    return np.array(path)


def descent_lines(alpha: float, path: np.ndarray) -> list[str]:
    """What 3.1 and 3.12 print for a path (their f-strings, their eigenvalues)."""
    L = L_FUNCTIONS["L"]
    eigenvalues = np.linalg.eigvalsh(np.array([[6.0, -1.0], [-1.0, 6.0]]))
    (u0, v0), (u, v) = path[0], path[-1]
    factors = 1 - alpha * eigenvalues
    return [f"start: ({u0:.4f}, {v0:.4f})  L = {L(u0, v0):.4f}",
            f"end:   ({u:.4f}, {v:.4f})  L = {L(u, v):.4f}",
            f"alpha = {alpha:.4f}  factors = {factors[0]:+.4f}, {factors[1]:+.4f}  "
            f"distance = {np.hypot(u + 1, v - 1):.4f}  L = {L(u, v):.4f}"]


DATA = section("data", "centre", section("data", "split", section("data", "data", section("data", "imports"))))


def torch_training(lr: float, momentum: float, epochs: int) -> dict[str, np.ndarray]:
    """The loop of 3.9 and 3.10 in float64: prediction, MSE, backward, optim.SGD(lr, momentum)."""
    import torch
    from torch import optim

    X, Y = torch.tensor(DATA["X"], dtype=torch.float64), torch.tensor(DATA["Y"], dtype=torch.float64)
    W = torch.tensor(1.0, dtype=torch.float64, requires_grad=True)
    B = torch.tensor(1.0, dtype=torch.float64, requires_grad=True)
    optimizer = optim.SGD([W, B], lr=lr, momentum=momentum)
    loss_history, Ws, Bs = [], [1.0], [1.0]
    for _ in range(epochs):
        loss = ((W * X + B - Y) ** 2).mean()
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        loss_history.append(loss.item())
        Ws.append(W.item())
        Bs.append(B.item())
    return {"loss": np.array(loss_history), "W": np.array(Ws), "B": np.array(Bs)}


# --- the browser ---------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def base_url(request) -> str:
    if os.environ.get("EXPLORERS_URL"):
        return os.environ["EXPLORERS_URL"]
    return request.getfixturevalue("served")


class Explorer:
    """A page with its explorer scrolled into view and mounted; console errors are collected."""

    def __init__(self, browser, url: str, width: int = 390):
        self.context = browser.new_context(viewport={"width": width, "height": 800})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(f"{m.text} ({m.location.get('url')})"))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(url, wait_until="domcontentloaded")
        self.box = self.page.locator("[data-explorer]")
        self.box.scroll_into_view_if_needed()
        self.page.wait_for_selector("[data-explorer][data-ready]", timeout=10_000)

    def set(self, **values):
        """Type each value into its number field, as a reader would."""
        for name, value in values.items():
            self.box.locator(f'input[name="{name}"]').fill(repr(value))

    def press(self, label: str):
        self.box.get_by_role("button", name=label, exact=True).click()

    def lines(self) -> list[str]:
        """The readout, line by line, without the labels (textContent: the page's print format)."""
        return self.box.locator("output[name=result] .xp-line").evaluate_all(
            "ls => ls.map(l => (l.querySelector('.xp-v') || l).textContent)")

    def status(self) -> tuple[str, str]:
        s = self.box.locator("[data-status]")
        return s.get_attribute("data-status"), s.inner_text()

    def close(self):
        self.context.close()


@pytest.fixture
def open_explorer(browser, base_url):
    opened = []

    def open_(path: str, width: int = 390) -> Explorer:
        opened.append(Explorer(browser, base_url + path, width))
        return opened[-1]

    yield open_
    for e in opened:
        e.close()


# --- on each page: the page's values give the page's output -------------------------------------------

def blocks_by_section(page: Path) -> dict[str, object]:
    return {p.section: b for b in read_blocks(page) for p in b.pieces if p.path.endswith(page.name.split(".")[0].replace("-", "_") + ".py")}


def check_descent_page(e: Explorer, page: Path):
    blocks = blocks_by_section(page)
    if "descent" in blocks:  # 3.1: 21 steps from (4, 4) with alpha 0.05, printed as start/end
        block = blocks["descent"]
        settings = {"alpha": float(re.search(r"^alpha = ([\d.]+)", block.code, re.M)[1]),
                    "steps": int(re.search(r"^N = (\d+)", block.code, re.M)[1])}
        documented = [(settings, block.expected_output.splitlines())]
    else:  # 3.12: four learning rates, 50 steps from (4, 4), one line each
        block = blocks["descents"]
        alphas = eval(re.search(r"^alphas = (\[.*\])", block.code, re.M)[1], {"__builtins__": {}})  # the page's list
        steps = int(re.search(r"n_steps=(\d+)", block.code)[1])
        documented = [({"alpha": a, "steps": steps}, [line]) for a, line in zip(alphas, block.expected_output.splitlines())]
    start = [float(x) for x in re.search(r"np\.array\(\[([-\d.]+), ([-\d.]+)\]\)", block.code).groups()]
    e.set(alpha=0.3, steps=1, u0=0, v0=0)  # away from the page's values first
    for settings, lines in documented:
        e.set(steps=settings["steps"], u0=start[0], v0=start[1])
        if abs(settings["alpha"] - 2 / 7) < 1e-15:
            e.press("α = 2/7")  # no slider step and no short decimal is 2/7: the page's value has a button
        else:
            e.set(alpha=settings["alpha"])
        shown = e.lines()
        for line in lines:
            assert line in shown, f"{rel(page)}: with {settings} the page prints\n  {line}\nbut the explorer shows\n  " + "\n  ".join(shown)
    # just above the limit 2/7: divergence, said in the page's language
    e.set(alpha=0.2858)
    assert e.status()[0] == "diverges"


def check_training_page(e: Explorer, page: Path):
    blocks = blocks_by_section(page)
    code = "".join(b.code for b in blocks.values())
    lr = float(re.search(r"^lr = ([\d.]+)", code, re.M)[1])
    epochs = int(re.search(r"^num_epochs = (\d+)", code, re.M)[1])
    momentum = float(m[1]) if (m := re.search(r"momentum=([\d.]+)", blocks.get("optimizer", blocks["init"]).code)) else 0.0
    e.press("lr = 0.1")  # away from the page's values first
    e.set(lr=lr, momentum=momentum, epochs=epochs)
    shown = e.lines()
    recorded = [line for line in blocks["loop"].expected_output.splitlines() if line.startswith("epoch = ")]
    assert shown[0] == recorded[-1], f"{rel(page)}: the loop's last record is {recorded[-1]!r}, the explorer shows {shown[0]!r}"
    assert shown[1].startswith(f"epoch = {epochs - 1} loss = ")
    for name, line in zip("WB", shown[2:]):
        printed = re.search(rf"^{name} =  (\S+)$", blocks["result"].expected_output, re.M)[1]
        assert line == f"{name} =  {float(printed):.6f}", f"{rel(page)}: the page prints {name} = {printed}, the explorer {line!r}"
    assert e.status()[0] == "converges"
    e.set(lr=0.1, momentum=0)  # above the limit 2/23.2 = 0.0862: divergence, stopped, said in words
    assert e.status()[0] == "diverges"


@pytest.mark.parametrize("page", EXPLORER_PAGES, ids=[rel(p).removeprefix("docs/") for p in EXPLORER_PAGES])
def test_the_page_values_give_the_page_output(open_explorer, page):
    """Set through the controls, the page's values give the page's documented output; the box keeps its
    size when the script fills it in (at 390 and 1280 px); divergence is reported in the page's language,
    and no console error on the way."""
    e = open_explorer(url_of(page))
    # the box as the server sent it, before the module touched it, next to the mounted one
    e.page.evaluate("""async () => {
        const html = await (await fetch(location.href)).text();
        const pristine = new DOMParser().parseFromString(html, "text/html").querySelector("[data-explorer]");
        pristine.removeAttribute("data-module");
        pristine.id = "pristine";
        document.querySelector("[data-explorer]").after(pristine);
    }""")
    for width in (390, 1280):
        e.page.set_viewport_size({"width": width, "height": 800})
        mounted, pristine = e.page.evaluate("""() => [document.querySelector("[data-ready]"), document.getElementById("pristine")]
            .map(b => b.getBoundingClientRect().height)""")
        assert mounted == pristine, f"{rel(page)} at {width} px: the explorer is {pristine} px high before its script runs and {mounted} px after"
    e.page.evaluate("document.getElementById('pristine').remove()")

    (check_descent_page if kind_of(page) == "descent" else check_training_page)(e, page)
    state, sentence = e.status()
    assert bool(HANGUL.search(sentence)) == (lang_of(page) == "ko"), f"{rel(page)}: status not in the page's language: {sentence}"
    assert not re.search(r"NaN|Infinity", " ".join(e.lines()) + sentence)
    assert e.page.evaluate("1 + 1") == 2  # still responsive after a diverging run
    assert not e.errors, f"{rel(page)}: console errors: {e.errors}"


# --- sweeps: the modules' pure functions against numpy and torch ---------------------------------------

DESCENT_SWEEP = [(alpha, steps, *start) for i, (alpha, steps) in enumerate(
    (a, s) for a in (0.001, 0.01, 0.05, 0.2, 2 / 7, 0.29, 0.3, 0.35) for s in (1, 21, 50, 200))
    for start in [((4.0, 4.0), (-4.0, -4.0), (0.0, 0.0), (-1.0, 1.0), (5.0, -5.0), (2.5, -3.7))[i % 6]]]
TRAINING_SWEEP = [(0.001, 0, 500), (0.001, 0.9, 500), (0.001, 0, 2000), (0.001, 0.9, 2000), (0.01, 0, 100),
                  (0.01, 0.5, 300), (0.05, 0.9, 1000), (0.08, 0, 100), (0.0862, 0, 50), (0.09, 0, 200),
                  (0.1, 0, 2000), (0.1, 0.9, 2000), (0.17, 0.9, 500), (0.0001, 0.99, 2000), (0.03, 0.99, 1), (0.05, 0.3, 7)]


@pytest.fixture(scope="module")
def open_explorer_module(browser, base_url):
    e = Explorer(browser, base_url + url_of(EXPLORER_PAGES[0]))
    yield e
    e.close()


def test_descent_sweep_matches_numpy(open_explorer_module):
    assert len(DESCENT_SWEEP) >= 20
    runs = open_explorer_module.page.evaluate("""async ([url, settings]) => {
        const m = await import(url);
        return settings.map(([a, s, u, v]) => { const path = m.descend(a, s, u, v);
            return {path, lines: m.readout(a, path), status: m.status(a)}; });
    }""", [f"/{ASSETS}descent.js", DESCENT_SWEEP])
    for (alpha, steps, u0, v0), run in zip(DESCENT_SWEEP, runs):
        reference = numpy_descent(alpha, steps, u0, v0)  # (the browser hands whole numbers over as int: dtype=float)
        np.testing.assert_allclose(np.array(run["path"], dtype=float), reference, rtol=TOLERANCE, atol=TOLERANCE,
                                   err_msg=f"alpha={alpha} steps={steps} start=({u0}, {v0})")
        assert run["lines"] == descent_lines(alpha, reference), f"alpha={alpha} steps={steps} start=({u0}, {v0})"
        factor = np.abs(1 - alpha * np.linalg.eigvalsh(np.array([[6.0, -1.0], [-1.0, 6.0]]))).max()
        expected = "oscillates" if np.isclose(factor, 1, rtol=0, atol=1e-12) else "diverges" if factor > 1 else "converges"
        assert run["status"] == expected, f"alpha={alpha}: {run['status']}, expected {expected}"


def test_training_sweep_matches_torch_float64(open_explorer_module):
    assert len(TRAINING_SWEEP) >= 12 and any(m for _, m, _ in TRAINING_SWEEP)
    page = open_explorer_module.page
    data = page.evaluate("async url => { const m = await import(url); return [m.X, m.Y, m.LAMBDA_MAX]; }", f"/{ASSETS}training.js")
    assert data[0] == DATA["X"].tolist() and data[1] == DATA["Y"].tolist(), "the explorer's data are not the page's centred data"
    lam = 2 * np.linalg.eigvalsh(np.array([[np.mean(DATA["X"] ** 2), DATA["X"].mean()], [DATA["X"].mean(), 1.0]])).max()
    assert abs(data[2] - lam) < TOLERANCE
    runs = page.evaluate("""async ([url, settings]) => {
        const m = await import(url);
        return settings.map(([lr, mu, n]) => ({...m.train(lr, mu, n), status: m.status(lr, mu)}));
    }""", [f"/{ASSETS}training.js", TRAINING_SWEEP])
    for (lr, momentum, epochs), run in zip(TRAINING_SWEEP, runs):
        where = f"lr={lr} momentum={momentum} epochs={epochs}"
        reference = torch_training(lr, momentum, epochs)
        n = len(run["loss"])  # a diverging run stops at the epoch whose loss passed 1e12
        if run["stopped"] is not None:
            assert n == run["stopped"] + 1 and not reference["loss"][n - 1] < 1e12, where
        else:
            assert n == epochs, where
        for key in ("loss", "W", "B"):
            np.testing.assert_allclose(np.array(run[key], dtype=float), reference[key][:len(run[key])], rtol=TOLERANCE, atol=TOLERANCE,
                                       err_msg=f"{key}, {where}")
        diverges = lr * lam > 2 * (1 + momentum)
        assert run["status"] == ("diverges" if diverges else "converges"), where


def test_a_full_recompute_follows_the_slider(browser, base_url):
    """2000 epochs of training, recomputed and redrawn on one input event, well within a frame."""
    e = Explorer(browser, base_url + url_of(next(p for p in EXPLORER_PAGES if kind_of(p) == "training")))
    try:
        times = e.page.evaluate("""() => {
            const field = document.querySelector('input[name="epochs"]'), out = [];
            for (let i = 0; i < 21; i++) {
                field.value = i % 2 ? 1999 : 2000;
                const t = performance.now();
                field.dispatchEvent(new Event("input"));
                out.push(performance.now() - t);
            }
            return out.sort((a, b) => a - b);
        }""")
        print(f"one full recompute and redraw, 2000 epochs: median {times[10]:.2f} ms, max {times[-1]:.2f} ms")
        assert times[10] < 16, f"a 2000-epoch update takes {times[10]:.1f} ms (median): more than a frame"
    finally:
        e.close()


def test_keyboard_alone_drives_the_explorer(open_explorer):
    """Tab reaches the first slider, arrow keys move it and the readout follows; a typed value too."""
    page = next(p for p in EXPLORER_PAGES if kind_of(p) == "descent" and lang_of(p) == "en")
    e = open_explorer(url_of(page))
    e.box.evaluate("b => { const a = document.createElement('a'); a.href = '#'; b.before(a); a.focus(); }")
    e.page.keyboard.press("Tab")
    assert e.page.evaluate("document.activeElement.dataset.for") == "alpha"
    alpha = float(e.box.locator('input[name="alpha"]').input_value())
    steps, u0, v0 = (float(e.box.locator(f'input[name="{n}"]').input_value()) for n in ("steps", "u0", "v0"))
    for _ in range(3):
        e.page.keyboard.press("ArrowRight")
    moved = round(alpha + 0.003, 3)
    assert float(e.box.locator('input[name="alpha"]').input_value()) == moved
    assert e.lines() == descent_lines(moved, numpy_descent(moved, int(steps), u0, v0))
    e.page.keyboard.press("Tab")  # the number field of alpha
    e.page.keyboard.press("Control+A")
    e.page.keyboard.type("0.2")
    assert e.lines() == descent_lines(0.2, numpy_descent(0.2, int(steps), u0, v0))
    e.page.keyboard.press("Tab")  # the slider of steps: End takes it to 200
    e.page.keyboard.press("End")
    assert e.lines() == descent_lines(0.2, numpy_descent(0.2, 200, u0, v0))


def test_without_javascript_the_page_shows_no_explorer(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + url_of(EXPLORER_PAGES[0]))
        assert page.locator("[data-explorer]").count() == 1
        assert not page.locator("[data-explorer]").is_visible()
    finally:
        context.close()


# --- without a browser -----------------------------------------------------------------------------

BUDGET = 20 * 1024  # bytes of JavaScript and CSS, uncompressed: issue 11


def test_explorer_code_keeps_its_weight_budget():
    folder = ROOT / "docs" / ASSETS
    files = sorted(folder.glob("*.js")) + sorted(folder.glob("*.css"))
    total = sum(f.stat().st_size for f in files) + len(explorers.LOADER.encode())
    assert total <= BUDGET, f"the explorers weigh {total:,} bytes (with the inline loader) > {BUDGET:,}: " + \
        ", ".join(f"{f.name} {f.stat().st_size:,}" for f in files)


def test_markup_keeps_the_contract():
    """Every control carries its name and a label in the page's language; the readout is an output."""
    for lang in ("ko", "en"):
        for name in explorers.EXPLORERS:
            html = explorers.render(name, "", lang, "xp1", "x.js")
            for control in explorers.EXPLORERS[name]["controls"]:
                field = re.search(rf'<input type="number" id="(xp1-{control.name})" name="{control.name}"', html)
                assert field, f"{name}: no number field named {control.name}"
                label = re.search(rf'<label id="xp1-{control.name}-l" for="{field[1]}">([^<]+)</label>', html)
                assert label and bool(HANGUL.search(label[1])) == (lang == "ko"), f"{name} ({lang}): label of {control.name}"
                assert f'data-for="{control.name}"' in html and f'aria-labelledby="xp1-{control.name}-l"' in html
            assert '<output name="result"' in html and 'aria-live="polite"' in html and "data-status" in html


@pytest.mark.parametrize("attrs, message", [
    ('data-explorer="nope"', 'data-explorer="nope" is not an explorer'),
    ('data-explorer="descent" data-alpha="0.5"', 'data-alpha="0.5" is not a number from 0.001 to 0.35'),
    ('data-explorer="training" data-alpha="0.05"', "the training explorer has no data-alpha"),
])
def test_a_wrong_placeholder_names_the_page(attrs, message):
    name, rest = re.match(r'data-explorer="(\w+)"(.*)', attrs).groups()
    with pytest.raises(Exception, match=re.escape(message)) as error:
        explorers.render(name, rest, "en", "xp1", "x.js", "docs/x.en.md")
    assert str(error.value).startswith("docs/x.en.md: ")
