"""Drift shown where the author looks while `mkdocs serve` runs.

A page whose code raises, or whose documented output no longer matches what its code prints, gets
a `failure` box at its top (under the title) that names each block (file:line) with the diff or the
traceback; each affected block is marked where it stands, with what the code prints now; a figure
the code no longer drew (it stopped first) is replaced by a note. The figures that were drawn are
the new ones: the page shows the new pictures next to the stale text.

None of this reaches `mkdocs build`: there, the same problems are warnings (a raising page stops the
build), and `--strict` fails, as before. Serve mode is told by MkDocs itself: tools/hooks.py passes
on the `command` of the `on_startup` event ("serve" only for `mkdocs serve`).

Under serve, a page whose code raised is not run again until its code changes (its failed run is
kept by tools/generate.py), so saving another file does not wait for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from tools import generate
from tools.pages import Block, rel
from tools.runner import output_diff

SERVING = False  # set by tools/hooks.py on_startup: True only under `mkdocs serve`


@dataclass
class Problem:
    block: Block
    kind: str  # "differs", "undocumented" or "raised"
    detail: str  # the diff or the traceback
    printed: str  # what the block printed now


_problems: dict[str, list[Problem]] = {}  # by page, docs/<chapter>/<page>.<lang>.md

TEXT = {
    "ko": {
        "title": "이 페이지의 코드와 글이 어긋났습니다",
        "intro": "이 상자는 `make serve`에서만 보입니다. `make build`와 `make test`는 이 페이지에서 실패합니다.",
        "accept": "새 출력이 의도한 것이면 `make accept`로 문서의 출력을 바꾸세요. 그다음 `make test`가 "
                  "글에 남은 옛 숫자를 파일과 줄로 알려 줍니다.",
        "fix": "오류는 코드를 고쳐야 없어집니다. 오류가 난 블록 뒤의 블록은 실행되지 않았습니다.",
        "differs": "문서의 출력이 코드가 지금 출력하는 것과 다릅니다",
        "undocumented": "이 블록은 출력하지만 문서에 출력이 없습니다",
        "raised": "이 블록의 코드에서 오류가 났습니다",
        "now": "코드가 지금 출력하는 것",
        "nothing": "코드는 지금 아무것도 출력하지 않습니다.",
        "figure": "그려지지 않은 그림",
        "figure_body": "코드가 이 그림을 그리기 전에 오류로 멈췄습니다.",
    },
    "en": {
        "title": "The code and the text of this page disagree",
        "intro": "This box appears only under `make serve`; `make build` and `make test` fail on this page.",
        "accept": "If the new output is what you meant, `make accept` writes it into the page; `make test` then "
                  "names each old number left in the text, with its file and line.",
        "fix": "An error goes away only when the code is fixed; the blocks after it did not run.",
        "differs": "the documented output differs from what the code prints now",
        "undocumented": "this block prints, but the page documents no output for it",
        "raised": "the code of this block raised an error",
        "now": "What the code prints now",
        "nothing": "The code prints nothing now.",
        "figure": "A figure that was not drawn",
        "figure_body": "The code stopped with an error before it drew this figure.",
    },
}


def known_failure(page: Path, blocks: list[Block]) -> bool:
    """Under serve, a page whose code raised and has not changed since is not run again."""
    return SERVING and bool(blocks) and generate.failed(page, blocks) is not None


def check(page: Path, blocks: list[Block], record: dict | None) -> list[str]:
    """Compare a page's documented outputs with its last run (a failed one too, under serve); keep the
    problems for the page and return the warnings for the log."""
    name = rel(page)
    _problems.pop(name, None)
    if blocks and record is None and SERVING:
        record = generate.failed(page, blocks)
    if not blocks or record is None:
        return []
    problems, messages = [], []
    runs = record["outputs"]
    for i, (block, run) in enumerate(zip(blocks, runs)):
        if record["errors"] and i == len(runs) - 1:  # run_page stops at the block that raised
            problems.append(Problem(block, "raised", record["errors"][0].split("\n", 1)[-1], run["stdout"]))
            continue
        message = output_diff(block, run["stdout"])
        if message:
            messages.append(message)
            kind = "undocumented" if block.expected_output is None else "differs"
            detail = message.split("\n", 1)[1] if kind == "differs" else run["stdout"]
            problems.append(Problem(block, kind, detail, run["stdout"]))
    if problems:
        _problems[name] = problems
    return messages


def problems(page: Path) -> list[Problem]:
    return _problems.get(rel(page), []) if SERVING else []


def _fence(lines: list[str], indent: str, info: str = "text") -> list[str]:
    return [f"{indent}```{info}", *(f"{indent}{line}".rstrip() for line in lines), f"{indent}```"]


def _box(indent: str, title: str, body: list[str]) -> list[str]:
    return ["", f'{indent}!!! failure "{title}"', "", *(f"{indent}    {line}".rstrip() for line in body), ""]


def _fence_end(lines: list[str], start: int) -> int:
    fence = lines[start].lstrip()
    ticks = "`" * (len(fence) - len(fence.lstrip("`")))
    return next(i for i in range(start + 1, len(lines)) if lines[i].lstrip().startswith(ticks))


FIGURE = re.compile(r"!\[[^\]]*\]\(figures/(?P<name>[\w-]+\.svg)\)")


def page_markdown(markdown: str, src: Path, lang: str) -> str:
    """The page with its problems shown: the box under the title, the marks at the blocks (serve only)."""
    found = problems(src)
    if not found:
        return markdown
    words = TEXT.get(lang, TEXT["en"])
    source = src.read_text(encoding="utf-8").rstrip("\n")
    lines = markdown.split("\n")
    # on_page_markdown gets the page without its front matter (and mkdocs-static-i18n drops the final
    # newline): page line n is lines[n - 1 - offset]
    text = markdown.rstrip("\n")
    offset = source[: len(source) - len(text)].count("\n") if source.endswith(text) else None
    inserts: list[tuple[int, list[str]]] = []
    for p in found if offset is not None else []:
        try:
            opening = p.block.lineno - 1 - offset
            indent = lines[opening][: len(lines[opening]) - len(lines[opening].lstrip())]
            if p.kind == "differs":  # under the documented output: what the code prints now
                at = _fence_end(lines, p.block.output_lineno - 1 - offset) + 1
                now = _fence(p.printed.strip("\n").splitlines(), "") if p.printed.strip() else [words["nothing"]]
                inserts.append((at, _box(indent, words["now"], now)))
            else:  # under the code block: what it printed, or the traceback
                at = _fence_end(lines, opening) + 1
                title = words["raised"] if p.kind == "raised" else words["undocumented"]
                inserts.append((at, _box(indent, title, _fence(p.detail.strip("\n").splitlines(), ""))))
        except (IndexError, StopIteration):  # the page changed since its blocks were read: the top box says it all
            continue
    for at, new in sorted(inserts, key=lambda x: x[0], reverse=True):
        lines[at:at] = new
    if any(p.kind == "raised" for p in found):  # figures the code never reached: a note, not a broken image
        folder = generate.figure_dir(src)
        lines = [FIGURE.sub(lambda m: m[0] if (folder / m["name"]).exists() else
                            f'**{words["figure"]}: `figures/{m["name"]}`**. {words["figure_body"]}', line)
                 for line in lines]
    body = [words["intro"], ""]
    if any(p.kind == "raised" for p in found):
        body += [words["fix"], ""]
    if any(p.kind != "raised" for p in found):
        body += [words["accept"], ""]
    for p in found:
        body += [f"**`{p.block.where}`**: {words[p.kind]}", "",
                 *_fence(p.detail.strip("\n").splitlines(), "", "diff" if p.kind == "differs" else "text"), ""]
    title = next((i for i, line in enumerate(lines) if line.startswith("# ")), -1)
    lines[title + 1:title + 1] = _box("", words["title"], body)
    return "\n".join(lines)
