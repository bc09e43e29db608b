"""`make accept`: take what the code prints now as the pages' documented outputs.

Runs every page's code as the build does (tools/generate.py: a page whose code has not changed
since its last run is read from generated/, the others run in two processes) and rewrites only
the documented output fences, in both languages:

- a documented output that differs from what its block prints is replaced by what it prints;
- a block that prints without a documented output gets one, right under the block, titled
  "출력" / "Output" and indented like the block (inside a box, too);
- a documented output under a block that prints nothing is removed.

Prose and code are never touched; the prose may still quote an old number, and `make test` then
names each one with file and line (tests/test_pages.py). A page whose code raises is left as it
is and reported. It refuses to run while docs/ has uncommitted changes (`git status --porcelain
docs/`), so that `git diff` afterwards is exactly its change, unless given --force.

    python -m tools.accept                        # every page
    python -m tools.accept docs/gradient-descent/loss.ko.md ...
    python -m tools.accept --force                # even with uncommitted changes in docs/

The same on a pytest run: `python -m pytest docs/gradient-descent/loss.ko.md --accept [--force]`.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tools.pages import ROOT, Block, code_blocks, lang_of, pages, rel

OUTPUT_TITLE = {"ko": "출력", "en": "Output"}
MARKER = "<!--pytest-codeblocks:expected-output-->"


@dataclass
class Change:
    page: str  # docs/<chapter>/<page>.<lang>.md
    line: int  # the code block's opening fence, in the page as it was
    kind: str  # "rewritten", "inserted" or "removed"

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: output {self.kind}"


class AcceptError(Exception):
    pass


def normalise(text: str) -> list[str]:
    """The lines the tests compare (tools.runner.normalise): no trailing spaces, no blank ends."""
    return [line.rstrip() for line in text.strip("\n").splitlines()] if text.strip() else []


def _fence_end(lines: list[str], opening: int) -> int:
    """Index of the line closing the fence opened at index `opening`."""
    fence = lines[opening].lstrip()
    ticks = len(fence) - len(fence.lstrip("`"))
    for i in range(opening + 1, len(lines)):
        if lines[i].lstrip().startswith("`" * ticks):
            return i
    raise AcceptError(f"line {opening + 1}: the fence never closes")


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip())]


def _body(printed: list[str], indent: str, where: str) -> list[str]:
    if any(line.lstrip().startswith("```") for line in printed):
        raise AcceptError(f"{where}: the block prints a line starting with ```, which cannot be documented in a fence")
    return [indent + line if line else "" for line in printed]


def rewrite(page: Path, blocks: list[Block], outputs: list[str]) -> tuple[str, list[Change]]:
    """The page's text with each python block's documented output made what the block printed
    (`outputs[i]` for `blocks[i]`), and the list of what changed. Only output fences move."""
    text = page.read_text(encoding="utf-8")
    lines = text.split("\n")
    name = rel(page)
    title = OUTPUT_TITLE.get(lang_of(page), "Output")
    edits: list[tuple[int, int, list[str], Change]] = []  # replace lines[start:end] with new lines
    for block, printed in zip(blocks, outputs, strict=True):
        got = normalise(printed)
        if block.expected_output is None:
            if not got:
                continue
            opening = block.lineno - 1
            close = _fence_end(lines, opening)
            indent = _indent(lines[opening])
            new = ["", indent + MARKER, f'{indent}```text title="{title}"', *_body(got, indent, block.where), indent + "```"]
            if close + 1 < len(lines) and lines[close + 1].strip():
                new.append("")
            edits.append((close + 1, close + 1, new, Change(name, block.lineno, "inserted")))
            continue
        if normalise(block.expected_output) == got:
            continue
        opening = block.output_lineno - 1
        close = _fence_end(lines, opening)
        if got:
            body = _body(got, _indent(lines[opening]), block.where)
            edits.append((opening + 1, close, body, Change(name, block.lineno, "rewritten")))
        else:  # the marker, the fence, and the blank line before them
            start = next(i for i in range(opening - 1, block.lineno - 1, -1) if MARKER in lines[i])
            if start > 0 and not lines[start - 1].strip():
                start -= 1
            edits.append((start, close + 1, [], Change(name, block.lineno, "removed")))
    for start, end, new, _ in sorted(edits, key=lambda e: e[0], reverse=True):
        lines[start:end] = new
    return "\n".join(lines), [e[3] for e in edits]


def docs_state() -> str | None:
    """None when docs/ has no uncommitted change; otherwise why accept should not run."""
    try:
        run = subprocess.run(["git", "status", "--porcelain", "--", "docs/"], cwd=ROOT, capture_output=True,
                             text=True, check=True)
    except (OSError, subprocess.CalledProcessError) as e:
        return f"cannot tell whether docs/ has uncommitted changes ({getattr(e, 'stderr', '') or e})".strip()
    if run.stdout.strip():
        return "docs/ has uncommitted changes (git status --porcelain docs/):\n" + run.stdout.rstrip()
    return None


REFUSAL = ("\naccept rewrites pages in place; commit or stash these first, so that `git diff` afterwards is "
           "exactly its change, or run it anyway with --force (make accept FORCE=1)")


def run_pages(todo: list[Path]) -> dict[Path, dict]:
    """Each page's last run, as tools/generate.py keeps it: pages whose code changed run first, in two processes."""
    from tools import generate

    blocks = {page: code_blocks(page) for page in todo}
    stale = [page for page, b in blocks.items() if b and generate.cached(page, b) is None]
    runs = [subprocess.Popen([sys.executable, "-m", "tools.generate", *map(str, stale[i::2])], cwd=ROOT,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            for i in range(min(2, len(stale)))]
    crashes = [err for run in runs for err in [run.communicate()[1]] if run.returncode and "Traceback" in err]
    records = {}
    for page, b in blocks.items():
        if not b:
            continue
        record = generate.cached(page, b) or generate.failed(page, b)
        if record is None:
            raise AcceptError(f"{rel(page)}: the code could not be run\n" + "\n".join(crashes))
        records[page] = record
    return records


def accept(todo: list[Path]) -> tuple[list[Change], list[str]]:
    """Rewrite the documented outputs of these pages; the changes, and the errors of pages left alone."""
    changes, errors = [], []
    for page, record in run_pages(todo).items():
        if record["errors"]:
            errors += [f"{error}\n{rel(page)}: left as it is" for error in record["errors"]]
            continue
        text, page_changes = rewrite(page, code_blocks(page), [o["stdout"] for o in record["outputs"]])
        if page_changes:
            page.write_text(text, encoding="utf-8")
            changes += page_changes
    return changes, errors


def summary(changes: list[Change], checked: int) -> str:
    changed = sorted({c.page for c in changes})
    kinds = {k: sum(c.kind == k for c in changes) for k in ("rewritten", "inserted", "removed")}
    head = (f"accept: {len(changed)} of {checked} page(s) changed, {len(changes)} output block(s): "
            + ", ".join(f"{n} {k}" for k, n in kinds.items()))
    lines = [head, *(f"  {c}" for c in sorted(changes, key=lambda c: (c.page, c.line)))]
    if changes:
        lines.append("review with `git diff docs/`; then `make test` names every number in the prose that the "
                     "code no longer prints (file:line and the number)")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    force = "--force" in argv
    args = [a for a in argv if a != "--force"]
    unknown = [a for a in args if a.startswith("-")]
    if unknown:
        print(f"accept: unknown option {unknown[0]}\n{__doc__}", file=sys.stderr)
        return 2
    todo = [Path(a).resolve() for a in args] or pages()
    missing = [a for a, p in zip(args, todo) if not p.is_file()]
    if missing:
        print(f"accept: no such page: {missing[0]}", file=sys.stderr)
        return 2
    if not force and (problem := docs_state()):
        print(f"accept: {problem}{REFUSAL}", file=sys.stderr)
        return 2
    try:
        changes, errors = accept(todo)
    except AcceptError as e:
        print(f"accept: {e}", file=sys.stderr)
        return 1
    print(summary(changes, len(todo)))
    for error in errors:
        print(error, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
