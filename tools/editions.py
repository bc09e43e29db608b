"""The notebook and script editions of a page, made from the page and the run of its code.

The notebook holds the page's prose as Markdown cells and its code blocks as code cells, with
the outputs and figures of the run that tools/generate.py just made (the tests execute every
notebook again in a real Jupyter kernel). The script is the same code in order, with a short
prologue that saves each figure next to the script instead of showing it.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import nbformat

from tools.pages import ROOT, Block, lang_of, read_blocks

ADMONITION = re.compile(r'^(?P<indent>\s*)(?:!!!|\?\?\?\+?)\s+[\w-]+(?:\s+"(?P<title>[^"]*)")?\s*$')
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
IMAGE_LINE = re.compile(r"^\s*!\[[^\]]*\]\(figures/[^)]*\)\s*$")
EXPLORER = re.compile(r"^\s*<div data-explorer=")  # runs in the page only: a notebook runs the code itself
PAGE_LINK = re.compile(r"\[([^\]]+)\]\((?!https?:)[^)]*\)")  # links to other pages make no sense in a download

TEXT = {
    "ko": {"install": "이 노트북에 필요한 패키지 가운데 없는 것만 설치합니다(Colab이나 새 주피터 환경에서 한 번). "
                      "Colab처럼 torch가 이미 있으면 torch는 다시 설치하지 않습니다. "
                      "계산 그래프 그림에는 Graphviz도 필요합니다: 데비안·우분투 `apt-get install graphviz`, macOS `brew install graphviz`.",
           "fonts": "import koreanize_matplotlib  # 그래프의 한글 글꼴",
           "missing": "# 없는 패키지만 설치합니다", "installing": "설치합니다:",
           "verified": "이 노트북의 출력을 검증한 버전:", "found": "이 환경의 버전:",
           "differs": "이 환경의 {} 버전은 출력을 검증한 버전과 다르므로 출력의 마지막 몇 자리가 조금 다를 수 있습니다. "
                      "검증한 버전은 이 셀의 wanted와, 사이트 각 페이지 맨 위의 '이 페이지를 직접 실행하기' 상자에 있습니다.",
           "script": "이 페이지의 코드를 순서대로 모은 스크립트입니다. 그림은 이 파일 옆에 저장됩니다."},
    "en": {"install": "Install what this notebook needs and is missing (once, in Colab or a fresh Jupyter environment). "
                      "Where torch is already installed, as in Colab, it is not installed again. "
                      "The computation graphs also need Graphviz: Debian/Ubuntu `apt-get install graphviz`, macOS `brew install graphviz`.",
           "fonts": None,
           "missing": "# install only the packages that are missing", "installing": "installing:",
           "verified": "the outputs of this notebook were checked with", "found": "this environment has",
           "differs": "This environment's {} is not the version the outputs were checked with, so the last digits "
                      "of some outputs may differ slightly. The checked versions are listed in wanted in this cell "
                      "and in the box 'Run this page yourself' at the top of each page of the site.",
           "script": "The code of this page, in order. Figures are saved next to this file."},
}
PACKAGES = ("torch", "numpy", "matplotlib", "torchviz", "graphviz")


def pinned(lang: str) -> list[str]:
    """The page's packages with the versions of requirements.txt (one source of truth)."""
    wanted = PACKAGES + (("koreanize-matplotlib",) if lang == "ko" else ())
    pins = {}
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        m = re.match(r"^([\w-]+)==([\w.+-]+)", line)
        if m:
            pins[m[1]] = m[0]
    return [pins[name] for name in wanted]


SETUP = """\
{missing}
import importlib.util
import subprocess
import sys

wanted = {wanted}
missing = [spec for module, spec in wanted.items() if importlib.util.find_spec(module) is None]
if missing:
    print("{installing}", *missing)
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", *missing], check=True)

import torch
from importlib.metadata import version

print("{verified}", wanted["torch"], "·", "{found}", "torch==" + torch.__version__)
found = {{"torch": torch.__version__.split("+")[0], "numpy": version("numpy"), "matplotlib": version("matplotlib")}}
differ = [f"{{name}} {{found[name]}}" for name in found if wanted[name] != f"{{name}}=={{found[name]}}"]
if differ:
    print({differs!r}.format(", ".join(differ)))
"""


def setup_code(lang: str) -> str:
    """The notebook's first code cell: installs only what is missing (a hosted notebook already has torch:
    never download a multi-gigabyte build there), says which torch the outputs were checked with and, when
    this environment's torch, numpy or matplotlib is another version, that the last digits may differ and
    where the checked versions are listed."""
    wanted = {spec.split("==")[0].replace("-", "_"): spec for spec in pinned(lang)}
    return SETUP.format(wanted=wanted, **TEXT[lang])


def _flatten_admonitions(lines: list[str]) -> list[str]:
    """`!!! abstract "Title"` + indented body -> `**Title**` + body (Jupyter knows no admonitions)."""
    changed = True
    while changed:
        changed, out, i = False, [], 0
        while i < len(lines):
            m = ADMONITION.match(lines[i])
            if not m:
                out.append(lines[i])
                i += 1
                continue
            changed = True
            indent = len(m["indent"])
            i += 1
            body = []
            while i < len(lines) and (not lines[i].strip() or len(lines[i]) - len(lines[i].lstrip()) > indent):
                body.append(lines[i][indent + 4:] if lines[i].strip() else "")
                i += 1
            # a box that only holds a printed output needs no title: the output goes under its code cell
            only_output = body and "pytest-codeblocks:expected-output" in body[0 if body[0] else 1]
            if m["title"] and not only_output:
                out += [" " * indent + f"**{m['title']}**", ""]
            out += body
        lines = out
    return lines


# what CommonMark leaves alone: code spans, fenced blocks (kept in markdown cells when not python), math
# (Jupyter takes $...$ out before it renders Markdown)
_VERBATIM = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)|^[ \t]*(`{3,}|~{3,}).*?^[ \t]*\2[ \t]*$|\$\$.+?\$\$"
                       r"|(?<![\\$])\$(?=\S)[^$\n]+?(?<=\S)\$", re.S | re.M)
_STARS = re.compile(r"(?<![*\\])(\*{1,2})(?!\*)")


def _kind(c: str) -> str:
    """CommonMark's classes for the flanking rules: whitespace (and the line's ends), punctuation, other."""
    if not c or c.isspace():
        return "space"
    return "punct" if unicodedata.category(c)[0] in "PS" else "other"


def _commonmark_emphasis(text: str) -> str:
    """Bold and italic that every CommonMark renderer shows.

    Python-Markdown (the site) renders `**손실(loss)**이고`; CommonMark (Jupyter, Colab, nbconvert,
    mkdocs-jupyter) does not: a closing `**` after punctuation and before a letter is not
    right-flanking, so it stays as two asterisks (likewise an opening `**` after a letter and before
    punctuation). Such a pair becomes <strong>...</strong> (<em> for `*`), which every renderer
    shows and whose content stays Markdown; the pairs CommonMark closes itself are left as written.
    """
    verbatim = [m.span() for m in _VERBATIM.finditer(text)]
    runs = []  # (start, end, can open, can close) of each * or ** outside code and math
    for m in _STARS.finditer(text):
        start, end = m.span()
        if any(a <= start < b for a, b in verbatim):
            continue
        line_start = text.rfind("\n", 0, start) + 1
        if m[1] == "*" and not text[line_start:start].strip() and text[end:end + 1] == " ":
            continue  # a list bullet
        before, after = _kind(text[start - 1:start]), _kind(text[end:end + 1])
        left = after != "space" and (after != "punct" or before != "other")
        right = before != "space" and (before != "punct" or after != "other")
        runs.append((start, end, left, right))
    out, pos, open_run = [], 0, None
    for run in runs:
        if open_run is None or open_run[1] - open_run[0] != run[1] - run[0] or text.count("\n\n", open_run[1], run[0]):
            open_run = run  # an opener (a lone run with no partner in its paragraph stays as it is)
            continue
        opener, closer, open_run = open_run, run, None
        if opener[2] and closer[3]:
            continue  # CommonMark renders this pair
        tag = "strong" if closer[1] - closer[0] == 2 else "em"
        out += [text[pos:opener[0]], f"<{tag}>", text[opener[1]:closer[0]], f"</{tag}>"]
        pos = closer[1]
    return "".join(out) + text[pos:]


def _segments(page: Path) -> list[tuple[str, str | int]]:
    """The page as ("markdown", text) and ("code", fence line) in reading order."""
    lines = page.read_text(encoding="utf-8").splitlines()
    if lines and lines[0].strip() == "---":  # front matter
        lines = lines[lines.index("---", 1) + 1:]
        offset = len(page.read_text(encoding="utf-8").splitlines()) - len(lines)
    else:
        offset = 0
    # remember each line's number in the page, so that code fences can be matched to their blocks
    numbered = [f"{n}\x00{line}" for n, line in enumerate(lines, offset + 1)]
    flat = _flatten_admonitions([l.split("\x00", 1)[1] for l in numbered])
    # flattening only removes/re-indents lines; recover numbers of fence lines by order
    fence_numbers = [int(l.split("\x00", 1)[0]) for l in numbered if FENCE.match(l.split("\x00", 1)[1])]
    segments, text, skip_output, fence_index, i = [], [], False, 0, 0
    while i < len(flat):
        line = flat[i]
        if "pytest-codeblocks:expected-output" in line:
            skip_output = True
            i += 1
            continue
        m = FENCE.match(line)
        if m:
            opening = line.strip()
            lineno = fence_numbers[fence_index]
            body = []
            i += 1
            while i < len(flat) and not flat[i].strip().startswith(m[1]):
                body.append(flat[i])
                i += 1
            fence_index += 2
            i += 1
            if skip_output:
                skip_output = False
            elif opening == m[1] + "python":
                segments.append(("markdown", "\n".join(text)))
                segments.append(("code", lineno))
                text = []
            else:
                text += [opening, *body, m[1]]
            continue
        if IMAGE_LINE.match(line) or EXPLORER.match(line) or line.strip().startswith("<!--"):
            i += 1
            continue
        text.append(PAGE_LINK.sub(r"\1", line))
        i += 1
    segments.append(("markdown", "\n".join(text)))
    return [(kind, v.strip() if isinstance(v, str) else v) for kind, v in segments if v != ""]


def notebook(page: Path, record: dict | None) -> nbformat.NotebookNode:
    """The notebook of a page; with the `record` of a run (tools/generate.py), with its outputs."""
    lang = lang_of(page)
    code = [b for b in read_blocks(page) if b.syntax == "python"]
    blocks: dict[int, Block] = {b.lineno: b for b in code}
    # outputs are stored in block order (line numbers move when prose is edited)
    runs = {b.lineno: o for b, o in zip(code, record["outputs"])} if record else {}
    figure_dir = Path(record["figure_dir"]) if record else None
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
                   "language_info": {"name": "python"}}
    cells = []
    for kind, value in _segments(page):
        if kind == "markdown":
            # one cell per section keeps the notebook easy to navigate
            for part in re.split(r"\n(?=## )", value):
                cells.append(nbformat.v4.new_markdown_cell(part.strip()))
            continue
        block, run = blocks[value], runs.get(value, {"stdout": "", "figures": []})
        cell = nbformat.v4.new_code_cell(block.code.rstrip("\n"))
        if run["stdout"]:
            cell.outputs.append(nbformat.v4.new_output("stream", name="stdout", text=run["stdout"]))
        for name in run["figures"]:
            svg = (figure_dir / name).read_text(encoding="utf-8")
            cell.outputs.append(nbformat.v4.new_output("display_data", data={"image/svg+xml": svg, "text/plain": f"<{name}>"}))
        cells.append(cell)
    h1, _, intro = cells[0].source.partition("\n")  # the install cells go right under the title
    title, rest = nbformat.v4.new_markdown_cell(h1), [nbformat.v4.new_markdown_cell(intro.strip()), *cells[1:]]
    setup = [nbformat.v4.new_markdown_cell(TEXT[lang]["install"]),
             nbformat.v4.new_code_cell(setup_code(lang), metadata={"tags": ["install"]})]
    if TEXT[lang]["fonts"]:
        setup.append(nbformat.v4.new_code_cell(TEXT[lang]["fonts"]))
    nb.cells = [title, *setup, *rest]
    for n, cell in enumerate(nb.cells):  # stable ids: the same page always gives the same file
        cell.id = f"cell-{n}"
        if cell.cell_type == "code":
            cell.execution_count = None
        else:
            cell.source = _commonmark_emphasis(cell.source)
    return nb


SCRIPT_PROLOGUE = '''\
# --- plt.show() and display(graph) save each figure next to this file instead of showing it
from pathlib import Path
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import IPython.display

_figures = iter({names!r})


def _show(*args, **kwargs):
    plt.savefig(Path(__file__).with_name(next(_figures)))
    plt.close()


def _display(obj, *args, **kwargs):
    if hasattr(obj, "pipe"):  # a torchviz/graphviz graph
        Path(__file__).with_name(next(_figures)).write_bytes(obj.pipe(format="svg"))
    else:
        print(repr(obj))


plt.show = _show
IPython.display.display = _display
# ---
'''


def script(page: Path, record: dict) -> str:
    lang = lang_of(page)
    names = [f for o in record["outputs"] for f in o["figures"]]
    title = page.read_text(encoding="utf-8").split("\n# ", 1)[1].split("\n", 1)[0]
    head = [f"# {title}", f"# {TEXT[lang]['script']}", "# pip install " + " ".join(pinned(lang)), ""]
    if TEXT[lang]["fonts"]:
        head += [TEXT[lang]["fonts"], ""]
    body = "\n".join(b.code for b in read_blocks(page) if b.syntax == "python")
    return "\n".join(head) + "\n" + SCRIPT_PROLOGUE.format(names=names) + "\n" + body


def write(page: Path, record: dict, out_dir: Path) -> list[str]:
    """Write <page>.ipynb and <page>.py into out_dir (one folder per language); return their names."""
    stem = page.name.split(".")[0]
    out_dir.mkdir(parents=True, exist_ok=True)
    nb_name, py_name = f"{stem}.ipynb", f"{stem}.py"
    nbformat.write(notebook(page, record), out_dir / nb_name)
    (out_dir / py_name).write_text(script(page, record), encoding="utf-8")
    return [nb_name, py_name]
