"""The notes-differ boxes quote the user's study notes exactly, and show readers no line numbers.

A box `??? note "노트와 달라진 점"` / `"Where this differs from the notes"` quotes the notes and names their
section; the line of each quote sits in the source as `<!-- notes l.28 -->` right after it (CONTRIBUTING.md:
Where the site departs from the notes). The Korean quote “…” must be, character for character, in the
lines it cites (`…` marks an omission; whitespace runs and the notes' own bold and quote marks aside). That
needs the notes, which live beside the project (`../shared/seed/`), not in a reader's clone: without them
that one test says it skipped. The English box carries the same line references as its Korean twin.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tools.pages import ROOT, counterpart, pages, rel

NOTES = sorted((ROOT.parent / "shared" / "seed").glob("*.txt"))
BOX = re.compile(r'^\?\?\? note "(노트와 달라진 점|Where this differs from the notes)"\s*$')
REFERENCE = re.compile(r"<!--\s*notes l\.(\d+)(?:-(\d+))?\s*-->")
QUOTE_WITH_REFERENCE = re.compile(r"“([^“”]+)”\s*" + REFERENCE.pattern)
QUOTE = re.compile(r"“[^“”]+”")
# what a reader must not see: a line of notes they do not have
VISIBLE_LINE = re.compile(r"\d+\s*행|\bl\.\s*\d+|\blines?\s+\d+")


def boxes(page: Path) -> list[tuple[int, str]]:
    """(line of the box's title, its body) for every notes-differ box of a page."""
    lines = page.read_text(encoding="utf-8").splitlines()
    found = []
    for n, line in enumerate(lines):
        if BOX.match(line):
            body = []
            for following in lines[n + 1:]:
                if following.strip() and not following.startswith("    "):
                    break
                body.append(following.strip())
            found.append((n + 1, " ".join(body)))
    return found


def normalised(text: str) -> str:
    """Whitespace runs as one space; the notes' bold marks dropped; every kind of quote mark alike."""
    text = text.replace("**", "")
    text = re.sub(r"[“”‘’\"']", '"', text)
    return re.sub(r"\s+", " ", text).strip()


def quote_problems(page: Path, notes: list[str], name: str | None = None) -> list[str]:
    problems = []
    for lineno, body in boxes(page):
        where = f"{name or rel(page)}:{lineno}"
        for m in QUOTE_WITH_REFERENCE.finditer(body):
            first, last = int(m[2]), int(m[3] or m[2])
            if not 1 <= first <= last <= len(notes):
                problems.append(f"{where}: <!-- notes l.{m[2]}{'-' + m[3] if m[3] else ''} --> is not a line of the notes "
                                f"({len(notes)} lines)")
                continue
            cited = normalised(" ".join(notes[first - 1:last]))
            for part in (normalised(p) for p in m[1].split("…")):
                if part and part not in cited:
                    problems.append(f"{where}: “{part}” is not in the notes, lines {first}-{last}, as written; "
                                    f"they read: {cited[:300]}")
        unreferenced = [q for q in QUOTE.findall(REFERENCE.sub("", body)) if not re.search(
            re.escape(q) + r"\s*<!--\s*notes", body)]
        for q in unreferenced:
            problems.append(f"{where}: the quote {q} names no line of the notes; put <!-- notes l.N --> right after it")
    return problems


KO = [p for p in pages("ko") if boxes(p)]
WITH_BOXES = [p for p in pages() if boxes(p)]


@pytest.mark.parametrize("page", KO, ids=[rel(p).removeprefix("docs/") for p in KO])
def test_korean_quotes_of_the_notes_are_exact(page):
    if not NOTES:
        pytest.skip("the notes are not here (../shared/seed/*.txt, beside the project): quotes not compared")
    problems = quote_problems(page, NOTES[0].read_text(encoding="utf-8").splitlines())
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("page", WITH_BOXES, ids=[rel(p).removeprefix("docs/") for p in WITH_BOXES])
def test_boxes_name_sections_not_lines_and_mirror_each_other(page):
    shown = [(n, REFERENCE.sub("", body)) for n, body in boxes(page)]
    visible = [f"{rel(page)}:{n}: '{m[0]}': readers do not have the notes; name the section (노트의 13절 / "
               f"section 13 of the notes) and keep the line in <!-- notes l.N -->"
               for n, body in shown for m in VISIBLE_LINE.finditer(body)]
    assert not visible, "\n".join(visible)
    other = counterpart(page)
    mine = [REFERENCE.findall(body) for _, body in boxes(page)]
    theirs = [REFERENCE.findall(body) for _, body in boxes(other)] if other.exists() else None
    assert theirs is None or mine == theirs, (
        f"{rel(page)} and {rel(other)}: the notes-differ boxes cite different lines of the notes "
        f"(box by box): {mine} vs {theirs}")


def test_guardrail_a_misquote_and_a_visible_line_fail(tmp_path):
    notes = ["", "머신러닝에서는 손실이 가장 작아지게 하는 파라미터 W,B를 계산 하는 과정을 “**손실 계산**”이라 한다."]
    page = tmp_path / "x.ko.md"
    page.write_text("\n".join([
        '??? note "노트와 달라진 점"',
        "    노트의 0절은 “파라미터 W,B를 계산 하는 과정을 ‘손실 계산’이라 한다”<!-- notes l.2 -->라고 적었습니다.",
        "    또 “계산하는 과정”<!-- notes l.2 -->과 “손실이 … 작아지게”<!-- notes l.2 -->, “인용”(2행).",
    ]), encoding="utf-8")
    problems = quote_problems(page, notes, "docs/x.ko.md")
    assert len(problems) == 2 and "“계산하는 과정”" in problems[0] and "“인용”" in problems[1], problems
    assert VISIBLE_LINE.search(REFERENCE.sub("", boxes(page)[0][1]))
