"""MkDocs hook: the explorers, the chapter's two experiments run in the reader's browser (issue 11).

A page places an explorer with one line of Markdown, where the page discusses the experiment:

    <div data-explorer="descent" data-alpha="0.05" data-steps="21" data-u0="4" data-v0="4"></div>
    <div data-explorer="training" data-lr="0.001" data-momentum="0.9" data-epochs="500"></div>

After the page is rendered (and indexed for search), this hook replaces the line with the whole
explorer in the page's language: labelled controls set to the page's values, plots with their
size, the readout and the status. Pages with an explorer also get the stylesheet (inlined: no
request before the first paint) and a small loader that imports docs/assets/explorers/<name>.js
when the box comes near the screen. Without JavaScript the box is hidden and the page is what it
was without explorers. The contract (data-explorer, input names, output name=result, data-status)
is in CONTRIBUTING.md; tests/test_explorers.py checks it in Chromium.
"""

from __future__ import annotations

import html
import json
import math
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

ASSETS = Path(__file__).resolve().parents[1] / "docs" / "assets" / "explorers"
PLACEHOLDER = re.compile(r'<div data-explorer="(?P<name>[^"]*)"(?P<attrs>[^>]*)>\s*</div>')
ATTR = re.compile(r'\s*data-(?P<key>[\w-]+)="(?P<value>[^"]*)"')


class Control:
    """One parameter: a slider to drag and, carrying the contract's name, a number field to type in."""

    def __init__(self, name, lo, hi, step, default, log=False, typed=None):
        self.name, self.lo, self.hi, self.step, self.default, self.log = name, lo, hi, step, default, log
        self.typed = typed or step  # the number field's step: every value a slider step or a preset gives is valid

    def html(self, prefix: str, label: str, value: float) -> str:
        # the slider of a log-scale control moves log10 of the value in steps of 0.01 (ui.js rounds the value
        # to 2 significant digits, a multiple of the field's step)
        lo, hi, step, at = ((math.log10(self.lo), math.log10(self.hi), 0.01, round(math.log10(value), 2)) if self.log
                            else (self.lo, self.hi, self.step, value))
        scale = ' data-scale="log"' if self.log else ""
        # the field shows 4 significant digits (2/7 as 0.2857); the exact value, if it has more, is used until changed
        shown = float(f"{value:.4g}")
        exact = f' data-x="{_num(value)}"' if shown != value else ""
        return (f'<div class="xp-row"><label id="{prefix}-{self.name}-l" for="{prefix}-{self.name}">{label}</label>'
                f'<input type="range" data-for="{self.name}"{scale} min="{_num(lo)}" max="{_num(hi)}" step="{_num(step)}" '
                f'value="{_num(at)}" aria-labelledby="{prefix}-{self.name}-l">'
                f'<input type="number" id="{prefix}-{self.name}" name="{self.name}" min="{_num(self.lo)}" '
                f'max="{_num(self.hi)}" step="{_num(self.typed)}" value="{_num(shown)}"{exact}></div>')


def _num(x: float) -> str:
    """A number as an attribute: exactly the float (2/7 stays 0.2857142857142857), 4 not 4.0."""
    s = repr(float(x))
    return s[:-2] if s.endswith(".0") else s


# the ranges of issue 11; the defaults are the pages' values. A preset sets the values it lists and puts
# every other control back to the page's value: what it shows never depends on what was clicked before.
EXPLORERS = {
    "descent": {
        "controls": [Control("alpha", 0.001, 0.35, 0.001, 0.05, typed=0.0001), Control("steps", 1, 200, 1, 21),
                     Control("u0", -5, 5, 0.1, 4), Control("v0", -5, 5, 0.1, 4)],
        # the learning rates the pages discuss, exactly: 2/7 is the limit, which no slider step hits
        "presets": [("η = 0.05", {"alpha": 0.05}), ("η = 2/7", {"alpha": 2 / 7}), ("η = 0.3", {"alpha": 0.3})],
        "plots": [(300, 300, "plot")],
        "lines": 3,
        "split": 2,  # the long line of 3.12's format: in two parts, which a phone shows on two lines
    },
    "training": {
        "controls": [Control("lr", 0.0001, 0.1, 0.0001, 0.001, log=True, typed=0.00001),
                     Control("momentum", 0, 0.99, 0.01, 0), Control("epochs", 1, 2000, 1, 500)],
        # 0.1 diverges only without momentum (the limit is 2(1 + μ)/23.2): the preset says μ = 0 and sets it
        "presets": [("η = 0.001, μ = 0", {"lr": 0.001, "momentum": 0}),
                    ("η = 0.001, μ = 0.9", {"lr": 0.001, "momentum": 0.9}),
                    ("η = 0.1, μ = 0", {"lr": 0.1, "momentum": 0})],
        "plots": [(200, 160, "curve"), (200, 160, "fit"), (200, 160, "path")],
        "lines": 4,
    },
}

TEXT = {
    "ko": {
        "try": "바로 해 보기:",
        "descent": {
            "title": "직접 해 보기: L(u, v)의 경사 하강법",
            "alpha": "학습률 η", "steps": "이동 횟수", "u0": "출발점 u", "v0": "출발점 v",
            "plot": "L(u, v)의 등고선 위에 그린 경사 하강법의 경로. 끝점과 상태는 아래에 글로 나옵니다.",
            "hint": "그림을 누르면 그 점에서 출발합니다. 십자는 최솟값 (−1, 1)입니다.",
            "converges": "수렴합니다. 두 배수 1 − 5η = {f1}, 1 − 7η = {f2}의 크기가 모두 1보다 작아서, "
                         "한 번 이동할 때마다 최솟값까지의 거리가 줄어듭니다.",
            "oscillates": "영원히 진동합니다. η = 2/7에서는 배수 1 − 7η가 정확히 −1이어서, 가장 많이 휜 방향 (1, −1)으로 "
                          "매번 같은 거리만큼 최솟값의 반대쪽으로 건너갑니다.",
            "diverges": "발산합니다. η가 한계 2/7 = 0.2857보다 커서 배수 1 − 7η = {f2}의 크기가 1보다 크므로, "
                        "한 번 이동할 때마다 최솟값에서 더 멀어집니다.",
        },
        "training": {
            "title": "직접 해 보기: W와 B의 학습",
            "lr": "학습률 η", "momentum": "모멘텀 μ", "epochs": "반복 횟수",
            "curve": "학습 곡선: 에포크에 따른 손실", "fit": "평행이동한 데이터의 산점도와 학습한 직선",
            "path": "L(W, B)의 등고선 위에 그린 (W, B)의 경로",
            "hint": "페이지의 반복 계산처럼 손실은 10 에포크마다 기록합니다. 점선과 십자는 최소제곱법의 답입니다.",
            "labels": ["마지막 기록", "마지막 에포크", "학습 후", ""],
            "epoch": "에포크", "loss": "손실", "log": "손실 (로그 눈금)", "x": "X: 신장 - 평균 (cm)", "y": "Y: 체중 - 평균 (kg)",
            "converges": "수렴합니다. η = {lr}이 한계 2(1 + μ)/{lam} = {limit}보다 작습니다. "
                         "마지막 에포크의 손실은 가장 작은 손실 {min}보다 {gap} 큽니다.",
            "converged": "수렴합니다. η = {lr}이 한계 2(1 + μ)/{lam} = {limit}보다 작고, "
                         "손실이 가장 작은 손실 {min}에 도착했습니다.",
            "oscillates": "한계에 있습니다. η가 정확히 2(1 + μ)/{lam} = {limit}이어서, W가 가장 좋은 값 둘레를 영원히 오갑니다.",
            "diverges": "발산합니다. η = {lr}이 한계 2(1 + μ)/{lam} = {limit}보다 커서, "
                        "W가 가장 좋은 값을 매번 더 크게 지나치고 손실이 끝없이 커집니다.",
            "stopped": " 손실이 10¹²을 넘은 에포크 {epoch}에서 멈췄습니다.",
        },
    },
    "en": {
        "try": "Try:",
        "descent": {
            "title": "Try it: gradient descent on L(u, v)",
            "alpha": "learning rate η", "steps": "steps", "u0": "start u", "v0": "start v",
            "plot": "Contour map of L(u, v) with the path of gradient descent. The end point and the status are given as text below.",
            "hint": "Click or tap the plot to start from there. The cross marks the minimum (−1, 1).",
            "converges": "Converges: both factors, 1 − 5η = {f1} and 1 − 7η = {f2}, are smaller than 1 in size, "
                         "so every step shrinks the distance to the minimum.",
            "oscillates": "Oscillates forever: at η = 2/7 the factor 1 − 7η is exactly −1, so along the most sharply curved "
                          "direction (1, −1) every step jumps to the other side of the minimum, at the same distance.",
            "diverges": "Diverges: η is above the limit 2/7 = 0.2857, so the factor 1 − 7η = {f2} is larger than 1 "
                        "in size and every step takes the point further from the minimum.",
        },
        "training": {
            "title": "Try it: training W and B",
            "lr": "learning rate η", "momentum": "momentum μ", "epochs": "epochs",
            "curve": "Learning curve: the loss per epoch", "fit": "Scatter plot of the centred data with the trained line",
            "path": "Path of (W, B) over the contours of L(W, B)",
            "hint": "As in the page's loop, the loss is recorded every 10 epochs. Dashed line and cross: the least-squares answer.",
            "labels": ["last record", "last epoch", "after training", ""],
            "epoch": "epoch", "loss": "loss", "log": "loss (log scale)", "x": "X: height - mean (cm)", "y": "Y: weight - mean (kg)",
            "converges": "Converges: η = {lr} is below the limit 2(1 + μ)/{lam} = {limit}. "
                         "At the last epoch the loss is still {gap} above the smallest possible loss {min}.",
            "converged": "Converges: η = {lr} is below the limit 2(1 + μ)/{lam} = {limit}, "
                         "and the loss has reached the smallest possible loss {min}.",
            "oscillates": "On the limit: η is exactly 2(1 + μ)/{lam} = {limit}, so W swings around its best value forever.",
            "diverges": "Diverges: η = {lr} is above the limit 2(1 + μ)/{lam} = {limit}, so W overshoots its best "
                        "value further at every step and the loss grows without end.",
            "stopped": " Stopped at epoch {epoch}, where the loss passed 10¹².",
        },
    },
}
# what the modules fill in (status sentences, axis names); the rest is written into the markup here
SCRIPT_TEXT = ("converges", "converged", "oscillates", "diverges", "stopped", "epoch", "loss", "log", "x", "y")


def _language(config) -> str:
    i18n = config.plugins.get("i18n")
    return i18n.current_language if i18n else "ko"


def _values(name: str, attrs: str, where: str) -> dict[str, float]:
    controls = {c.name: c for c in EXPLORERS[name]["controls"]}
    values = {c.name: c.default for c in controls.values()}
    for m in ATTR.finditer(attrs):
        c = controls.get(m["key"])
        if c is None:
            raise PluginError(f"{where}: the {name} explorer has no data-{m['key']} "
                              f"(it takes {', '.join('data-' + k for k in controls)})")
        try:
            value = float(m["value"])
        except ValueError:
            value = None
        if value is None or not c.lo <= value <= c.hi:
            raise PluginError(f'{where}: data-{c.name}="{m["value"]}" is not a number from {c.lo:g} to {c.hi:g}')
        values[c.name] = value
    return values


# --- the numbers of the status sentence, computed as the modules compute them (same operations, same
# order: the same float64 results), so that the sentence written here is the one the module writes -------

def printed(x: float, d: int = 4, plus: bool = False) -> str:
    """The pages' print format (ui.js fmt): f"{x:.{d}f}" (f"{x:+.{d}f}" with plus) and, from 1e5 on,
    f"{x:.5g}" as the pages print large losses (1.628e+31); a number that rounds to zero has no minus sign."""
    s = f"{abs(x):.5g}" if abs(x) >= 1e5 else f"{abs(x):.{d}f}"
    return ("-" if x < 0 and s.strip("0.") else "+" if plus else "") + s


def fill(template: str, values: dict) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: str(values[m[1]]), template)


def _mean(a: list[float]) -> float:
    total = 0.0  # left to right, as training.js's reduce (Python's sum() compensates: other last bits)
    for v in a:
        total += v
    return total / len(a)


def _descent_status(values: dict) -> tuple[str, str, dict]:
    f1, f2 = (1 - values["alpha"] * lam for lam in (5, 7))  # descent.js factors(): the eigenvalues 5 and 7
    worst = max(abs(f1), abs(f2))
    state = "oscillates" if abs(worst - 1) < 1e-12 else "diverges" if worst > 1 else "converges"
    return state, state, {"f1": printed(f1, 4, True), "f2": printed(f2, 4, True), "alpha": printed(values["alpha"])}


def _training_status(values: dict) -> tuple[str, str, dict]:
    source = (ASSETS / "training.js").read_text(encoding="utf-8")  # its data, not a copy
    x, y = ([float(v) for v in m.split(",")] for m in re.search(r"DATA = \{ x: \[(.*?)\], y: \[(.*?)\] \}", source).groups())
    X, Y = [v - _mean(x) for v in x], [v - _mean(y) for v in y]
    mX, mY, n = _mean(X), _mean(Y), len(X)
    a, b, d = 2 * _mean([v * v for v in X]), 2 * mX, 2
    lam = (a + d) / 2 + math.hypot((a - d) / 2, b)
    w_best = sum_ = 0.0
    for i, v in enumerate(X):
        w_best += (v - mX) * (Y[i] - mY)
        sum_ += (v - mX) ** 2
    w_best /= sum_
    b_best = mY - w_best * mX
    loss_min = _mean([(w_best * v + b_best - Y[i]) ** 2 for i, v in enumerate(X)])
    lr, momentum = values["lr"], values["momentum"]
    w, bias, vw, vb, loss, stopped = 1.0, 1.0, 0.0, 0.0, [], None
    for e in range(int(values["epochs"])):
        total = gw = gb = 0.0
        for i in range(n):
            r = w * X[i] + bias - Y[i]
            total += r * r
            gw += r * X[i]
            gb += r
        loss.append(total / n)
        if not total / n < 1e12:
            stopped = e
            break
        vw = momentum * vw + 2 * gw / n
        vb = momentum * vb + 2 * gb / n
        w -= lr * vw
        bias -= lr * vb
    limit = 2 * (1 + momentum) / lam
    ratio = lr / limit
    state = "oscillates" if abs(ratio - 1) < 1e-12 else "diverges" if ratio > 1 else "converges"
    gap = loss[-1] - loss_min
    key = "converged" if state == "converges" and abs(gap) < 5e-5 else state
    return state, key, {"lr": _num(float(f"{lr:.3g}")), "lam": printed(lam, 1), "limit": printed(limit),
                        "gap": printed(gap), "min": printed(loss_min), "epoch": stopped}


STATUS = {"descent": _descent_status, "training": _training_status}


def _line(i: int, labels: list[str] | None, split: int | None) -> str:
    """Line i of the readout, blank until the module writes it (a blank line is as high as a written one)."""
    if labels:  # a label in the page's language, then the value
        return f'<span class="xp-line"><span class="xp-k">{labels[i]}</span><span class="xp-v">&nbsp;</span></span>'
    if i == split:
        return '<span class="xp-line"><span class="xp-part">&nbsp;</span><span class="xp-part">&nbsp;</span></span>'
    return '<span class="xp-line">&nbsp;</span>'


def render(name: str, attrs: str, lang: str, prefix: str, module_url: str, where: str = "") -> str:
    """The explorer's markup: everything but what the module draws and writes into it."""
    if name not in EXPLORERS:
        raise PluginError(f'{where}: data-explorer="{name}" is not an explorer (there are {", ".join(EXPLORERS)})')
    spec, words = EXPLORERS[name], TEXT[lang][name]
    values = _values(name, attrs, where)
    rows = "".join(c.html(prefix, words[c.name], values[c.name]) for c in spec["controls"])
    presets = " ".join(f"<button type=\"button\" data-set='{json.dumps({k: int(x) if x == int(x) else x for k, x in {**values, **v}.items()})}'>{label}</button>"
                       for label, v in spec["presets"])
    plots = "".join(f'<svg viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="{html.escape(words[key])}"></svg>'
                    for w, h, key in spec["plots"])
    lines = "".join(_line(i, words.get("labels"), spec.get("split")) for i in range(spec["lines"]))
    fields = " ".join(f"{prefix}-{c.name}" for c in spec["controls"])
    # the formulas in the sentences (1 − 7η, 2(1 + μ)) never break across lines
    texts = {k: words[k].replace(" − ", "\u00a0−\u00a0").replace(" + ", "\u00a0+\u00a0") for k in SCRIPT_TEXT if k in words}
    script_text = json.dumps(texts, ensure_ascii=False).replace("</", "<\\/")
    # the status sentence the module writes for the page's values, written here already: the box has
    # its height before the script runs, with no room kept for a longer sentence
    state, key, numbers = STATUS[name](values)
    sentence = html.escape(fill(texts[key] + (texts["stopped"] if numbers.get("epoch") is not None else ""), numbers))
    # the plots come first, the controls right under them: on a phone a control and the plots it moves
    # are on the screen together
    return (f'<div class="xp xp-{name}" data-explorer="{name}" data-module="{module_url}" role="group" '
            f'aria-labelledby="{prefix}-title">'
            f'<p class="xp-title" id="{prefix}-title">{words["title"]}</p>'
            f'<div class="xp-plots">{plots}</div>'
            f'<div class="xp-controls">{rows}</div>'
            f'<p class="xp-presets">{TEXT[lang]["try"]} {presets}</p>'
            f'<output name="result" for="{fields}" aria-live="polite">{lines}</output>'
            f'<p class="xp-status" data-status="{state}" aria-live="polite">{sentence}</p>'
            f'<p class="xp-hint">{words["hint"]}</p>'
            f'<script type="application/json" class="xp-text">{script_text}</script></div>')


# imports an explorer's module when its box comes within half a screen of view
LOADER = ('<script type="module">const io=new IntersectionObserver(es=>es.forEach(e=>{if(e.isIntersecting){'
          'io.unobserve(e.target);import(e.target.dataset.module).then(m=>m.mount(e.target))}}),'
          '{rootMargin:"50% 0px"});document.querySelectorAll("[data-module]").forEach(b=>io.observe(b))</script>')


def on_post_page(output: str, page, config, **kwargs) -> str:
    if not page.file.src_uri.endswith(".md") or "data-explorer=" not in output:
        return output  # notebook pages keep the placeholder line of their Markdown cell: an empty div
    lang, count = _language(config), 0

    def expand(m: re.Match) -> str:
        nonlocal count
        count += 1
        url = get_relative_url(f"assets/explorers/{m['name']}.js", page.url)
        return render(m["name"], m["attrs"], lang, f"xp{count}", url, f"docs/{page.file.src_uri}")

    output = PLACEHOLDER.sub(expand, output)
    if not count:
        return output
    css = (ASSETS / "explorers.css").read_text(encoding="utf-8")
    head = f"<noscript><style>.xp{{display:none}}</style></noscript><style>{css}</style>"
    return output.replace("</head>", head + "</head>", 1).replace("</body>", LOADER + "</body>", 1)
