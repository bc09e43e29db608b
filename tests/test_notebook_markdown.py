"""The notebook editions' Markdown reads right in Jupyter, Colab and on the notebook pages.

Those render Markdown by CommonMark, which is stricter than Python-Markdown (the site's pages) about
where emphasis may end: `**손실(loss)**이고` renders bold on the site but shows its asterisks in a
notebook. tools/editions.py writes such pairs as <strong>...</strong>; here every markdown cell of
every notebook is rendered by markdown-it-py's CommonMark renderer, and an emphasis marker left as
text fails, with the page and the cell's text.
"""

from __future__ import annotations

import re

import pytest
from markdown_it import MarkdownIt

from tools import editions
from tools.pages import code_blocks, pages, rel

WITH_CODE = [p for p in pages() if code_blocks(p)]
IDS = [rel(p).removeprefix("docs/") for p in WITH_CODE]
COMMONMARK = MarkdownIt("commonmark").enable("table")  # Jupyter's renderer knows tables too
# Jupyter takes math out before it renders Markdown, so a * in $B^*$ is no marker
MATH = re.compile(r"\$\$.+?\$\$|(?<![\\$])\$(?=\S)[^$\n]+?(?<=\S)\$", re.S)
# ** anywhere; a lone * or _ that touches a word on one side only (W * X and num_epochs are no markers)
MARKER = re.compile(r"\*\*|(?<!\s)\*(?!\S)|(?<!\S)\*(?!\s)|(?<![\w\\])_(?=\w)|(?<=\w)_(?![\w])")


def leftover_markers(markdown: str) -> list[str]:
    """The text runs, as CommonMark renders `markdown`, that still hold an emphasis marker."""
    found = []
    for token in COMMONMARK.parse(MATH.sub("MATH", markdown)):
        for child in token.children or []:
            if child.type == "text" and MARKER.search(child.content):
                found.append(child.content)
    return found


def excerpt(text: str, at: int, width: int = 45) -> str:
    start, end = max(0, at - width), at + width
    return ("…" if start else "") + " ".join(text[start:end].split()) + ("…" if end < len(text) else "")


@pytest.mark.parametrize("page", WITH_CODE, ids=IDS)
def test_notebook_markdown_renders_its_emphasis_in_commonmark(page):
    problems = []
    for n, cell in enumerate(editions.notebook(page, None).cells):
        if cell.cell_type != "markdown":
            continue
        for text in leftover_markers(cell.source):
            marker = MARKER.search(text)
            problems.append(f"{rel(page)}: notebook cell {n}: {marker[0]!r} left as text by CommonMark in "
                            f"{excerpt(text, marker.start())!r}")
    assert not problems, "\n".join(problems) + (
        "\nJupyter, Colab and nbconvert render Markdown by CommonMark, which closes `**` only before a space or "
        "punctuation when it follows punctuation: tools/editions.py (_commonmark_emphasis) should have written "
        "such a pair as <strong>...</strong>")


# the check itself, and the conversion on the cases that matter

def test_the_check_sees_emphasis_commonmark_leaves_as_text():
    assert leftover_markers("이 수가 **손실(loss)**이고") == ["이 수가 **손실(loss)**이고"]
    assert leftover_markers("**평균제곱오차(mean squared error, MSE)**를 씁니다")
    assert leftover_markers("*기울기(slope)*를 봅니다")
    assert not leftover_markers("- **SubBackward0**: `** 2`의 $B^*$와 $W * X$, W * X, num_epochs")


@pytest.mark.parametrize("source, html", [
    ("이 수가 **손실(loss)**이고", "이 수가 <strong>손실(loss)</strong>이고"),
    ("**`W.grad`(경사)**를 봅니다", "<strong><code>W.grad</code>(경사)</strong>를 봅니다"),
    ("**$W$에 대한 경사(gradient)**는", "<strong>MATH에 대한 경사(gradient)</strong>는"),
    ("`** 2`로 제곱하고 $B^*$를 구해 **손실(loss)**을 봅니다",
     "<code>** 2</code>로 제곱하고 MATH를 구해 <strong>손실(loss)</strong>을 봅니다"),
    ("- **SubBackward0**: 뺄셈", "<li><strong>SubBackward0</strong>: 뺄셈</li>"),
    ("*기울기(slope)*를 봅니다", "<em>기울기(slope)</em>를 봅니다"),
    ("| 용어 | 뜻 |\n|---|---|\n| **경사(gradient)**는 | 편미분 |", "<td><strong>경사(gradient)</strong>는</td>"),
])
def test_editions_write_emphasis_commonmark_shows(source, html):
    converted = editions._commonmark_emphasis(source)
    rendered = COMMONMARK.render(MATH.sub("MATH", converted))
    assert html in rendered and not leftover_markers(converted), rendered


def test_emphasis_commonmark_already_shows_is_left_as_written():
    for source in ("**손실**이고", "a **b** c", "- **SubBackward0**: 뺄셈", "**이 페이지에서 배울 것**",
                   "```text\n**x(y)**z\n```"):
        assert editions._commonmark_emphasis(source) == source
