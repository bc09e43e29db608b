"""Every exercise has its worked solution, and the solutions give what they document when a reader
runs them in order, in one session, after the page.

A tutorial page ends with `## 연습 문제` / `## Exercises`, a numbered list, and under it one collapsed box
per exercise, `??? success "풀이 N"` / `"Solution N"`. The code in box N comes from sections named
`solution-N...`; tools/runner.py runs the solutions after the page, in order, in the page's namespace,
as a reader working through the exercises in one Jupyter kernel does (CONTRIBUTING.md: Exercises).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tools.pages import Block, Piece, code_blocks, lang_of, pages, rel
from tools.runner import Session

HEADING = {"ko": "## 연습 문제", "en": "## Exercises"}
BOX = {"ko": re.compile(r'^\?\?\? success "풀이 (\d+)"\s*$'), "en": re.compile(r'^\?\?\? success "Solution (\d+)"\s*$')}
TUTORIALS = [p for p in pages() if code_blocks(p)]


def exercises_and_boxes(page: Path) -> tuple[list[int], list[tuple[int, int, int]]]:
    """Line numbers of the exercises, and (number, first line, last line) of each solution box."""
    lines = page.read_text(encoding="utf-8").splitlines()
    lang = lang_of(page)
    start = next((n for n, line in enumerate(lines, 1) if line.strip() == HEADING[lang]), None)
    if start is None:
        return [], []
    exercises, boxes = [], []
    for n in range(start + 1, len(lines) + 1):
        line = lines[n - 1]
        if line.startswith("## "):
            break
        if re.match(r"^\d+\. ", line):
            exercises.append(n)
        m = BOX[lang].match(line)
        if m:
            end = n
            while end < len(lines) and (not lines[end].strip() or lines[end].startswith("    ")):
                end += 1
            boxes.append((int(m[1]), n, end))
    return exercises, boxes


@pytest.mark.parametrize("page", TUTORIALS, ids=[rel(p).removeprefix("docs/") for p in TUTORIALS])
def test_every_exercise_has_a_solution_box_with_its_own_code(page):
    exercises, boxes = exercises_and_boxes(page)
    name = rel(page)
    assert exercises, f"{name}: no exercises under '{HEADING[lang_of(page)]}'"
    word = "풀이" if lang_of(page) == "ko" else "Solution"
    numbers = [n for n, _, _ in boxes]
    assert numbers == list(range(1, len(exercises) + 1)), (
        f"{name}: {len(exercises)} exercises (lines {exercises}) but solution boxes {numbers}; "
        f'add one `??? success "{word} N"` per exercise, in order, under the list')
    assert boxes[0][1] > exercises[-1], f"{name}:{boxes[0][1]}: the solutions go under the whole exercise list"
    first_solution = None
    for block in code_blocks(page):
        box = next((n for n, first, last in boxes if first < block.lineno <= last), None)
        if block.solution is not None or box is not None:
            first_solution = first_solution or block.where
            assert block.solution == box, (
                f"{block.where}: a block in solution box {box} must show only sections named "
                f"solution-{box}[-...]; it shows {[p.section for p in block.pieces]}")
        else:
            assert first_solution is None, (f"{block.where}: a page block after the solutions ({first_solution}); "
                                            f"the page's own blocks come first")


def _block(section: str, code: str) -> Block:
    block = Block("docs/isolation.ko.md", 1, "python")
    block.pieces.append(Piece("snippets/ko/isolation.py", section, 1, code))
    return block


PAGE = """
import torch
W = torch.tensor(1.0, requires_grad=True)
history = [1.0]
def pred(x):
    return W * x
optimizer = torch.optim.SGD([W], lr=0.1)
"""
# solution 1 rebinds W, trains the page's W in place and appends to the page's list
REBINDS = """
(pred(3.0) - 0).backward()
optimizer.step()
history.append(W.item())
W = torch.tensor(100.0)
print(pred(2.0).item(), len(history))
"""
READS = "print(W.item(), pred(2.0).item(), len(history), optimizer.param_groups[0]['params'][0] is W)\n"


def test_solutions_run_in_order_in_the_page_namespace_as_a_reader_runs_them():
    """What one solution leaves behind is what the next one starts from, as in a reader's kernel: so a
    solution that relies on the page's untouched state fails its documented output (the page test
    names it), and the rule in CONTRIBUTING.md (each solution sets the state it starts from) is enforced."""
    session = Session(None, "reader-path")
    results = [session.run(_block(s, c)) for s, c in
               [("main", PAGE), ("solution-1", REBINDS), ("solution-2", READS)]]
    assert not any(r.error for r in results), [r.error for r in results if r.error]
    assert results[1].stdout == "200.0 2\n"
    assert results[2].stdout == "100.0 200.0 2 False\n"  # solution 1's W, its append and its step are all still there
