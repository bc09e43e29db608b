"""Collect every tutorial page as a test file, and every python block on it as a test.

A page's blocks run in order in one namespace (tools.runner.Session), as a reader pasting them
into one Python session would. A block fails when it raises or when its documented output
(`<!--pytest-codeblocks:expected-output-->`) differs from what it prints; the failure names
docs/<page>.md:<line>. Figures go to a temporary folder: the tests never trust generated/.

With --accept, a block whose output differs passes instead, and once all the blocks of a page have
run, the page's documented outputs are rewritten from what they printed (tools/accept.py).

Each page's outcome is recorded for the run (tests/suite.py): the tests that run its code again (notebook,
script) and the site build skip, rather than fail a second time, when the page's own test failed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.suite import record_page
from tools.accept import REFUSAL, docs_state, rewrite
from tools.pages import DOCS, PageError, code_blocks, rel
from tools.runner import Session, output_diff

FIGURE = re.compile(r"\]\(figures/(?P<name>[\w-]+)\.svg\)")


class BlockFailed(Exception):
    pass


ACCEPTED: list[str] = []  # with --accept: "<page>:<line>: output rewritten", for the summary


def pytest_addoption(parser):
    group = parser.getgroup("accept", "take what the code prints as the documented outputs (tools/accept.py)")
    group.addoption("--accept", action="store_true",
                    help="rewrite each page's documented outputs from what its code prints, instead of failing")
    group.addoption("--force", action="store_true", help="with --accept: even when docs/ has uncommitted changes")


def pytest_configure(config):
    if config.getoption("accept") and not config.getoption("force") and not hasattr(config, "workerinput"):
        if problem := docs_state():
            raise pytest.UsageError(f"--accept: {problem}{REFUSAL}")


def pytest_sessionfinish(session):
    if hasattr(session.config, "workerinput"):  # an xdist worker: its pages go back to the controller
        session.config.workeroutput["accepted"] = ACCEPTED


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    ACCEPTED.extend(getattr(node, "workeroutput", {}).get("accepted", []))


def pytest_terminal_summary(terminalreporter, config):
    if config.getoption("accept"):
        pages = {line.split(":", 1)[0] for line in ACCEPTED}
        terminalreporter.write_line(f"accept: {len(pages)} page(s) changed, {len(ACCEPTED)} output block(s)")
        for line in sorted(ACCEPTED):
            terminalreporter.write_line(f"  {line}")


def pytest_collect_file(file_path: Path, parent):
    if file_path.suffix == ".md" and DOCS in file_path.parents:
        return PageFile.from_parent(parent, path=file_path)
    return None


class PageFile(pytest.File):
    def collect(self):
        try:
            blocks = code_blocks(self.path)
        except PageError as e:
            yield BrokenPage.from_parent(self, name="include", error=str(e))
            return
        self.reader = None
        self.failed_at: str | None = None
        self.blocks = blocks
        self.printed: dict[int, str] = {}  # with --accept: what each block printed, by line
        self.items_ = [BlockItem.from_parent(self, name=f"line {block.lineno}", block=block) for block in blocks]
        if blocks or FIGURE.search(self.path.read_text(encoding="utf-8")):
            self.items_.append(FiguresItem.from_parent(self, name="figures"))
        yield from self.items_

    def reader_session(self, tmp_root: Path) -> Session:
        if self.reader is None:
            figures = tmp_root / rel(self.path).replace("/", "_")
            figures.mkdir(parents=True, exist_ok=True)
            self.reader = Session(figures, self.path.name.split(".")[0])
        return self.reader

    def outcome(self, item: pytest.Item, failed: bool) -> None:
        """Record the page's outcome for the run: failed at its first failing item, passed after its last."""
        if failed:
            record_page(self.config, rel(self.path), "failed", item.nodeid)
        elif item is self.items_[-1]:
            if not self.failed_at:
                figures = self.reader.figure_dir if self.reader else None
                record_page(self.config, rel(self.path), "passed", figures=str(figures) if figures else "")
        elif not self.failed_at:  # still running: the others wait for it (tests/suite.py page_outcome)
            record_page(self.config, rel(self.path), "running")

    def accept(self, block, printed: str) -> None:
        """Keep what a block printed; after the page's last block, rewrite its documented outputs."""
        self.printed[block.lineno] = printed
        if len(self.printed) == len(self.blocks):
            text, changes = rewrite(self.path, self.blocks, [self.printed[b.lineno] for b in self.blocks])
            if changes:
                self.path.write_text(text, encoding="utf-8")
                ACCEPTED.extend(map(str, changes))


class PageItem(pytest.Item):
    """A test of a page: its blocks, its figures (tests/suite.py runs these in the `pages` tier)."""

    is_page_block = True

    def runtest(self):
        failed = True
        try:
            self.check()
            failed = False
        except pytest.skip.Exception:
            failed = False
            raise
        finally:
            self.parent.outcome(self, failed)

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, BlockFailed):
            return str(excinfo.value)
        return super().repr_failure(excinfo)


class BlockItem(PageItem):
    def __init__(self, *, block, **kwargs):
        super().__init__(**kwargs)
        self.block = block

    def check(self):
        page: PageFile = self.parent
        if page.failed_at:
            pytest.skip(f"an earlier block failed ({page.failed_at})")
        tmp_root = self.config._tmp_path_factory.getbasetemp() / "figures"
        result = page.reader_session(tmp_root).run(self.block)
        if self.config.getoption("accept") and not result.error:
            page.accept(self.block, result.stdout)
            return
        problem = result.error or output_diff(self.block, result.stdout)
        if problem:
            page.failed_at = self.block.where
            raise BlockFailed(problem)

    def reportinfo(self):
        return self.path, self.block.lineno - 1, self.block.where


class FiguresItem(PageItem):
    """The figures a page shows are exactly the ones its code drew."""

    def check(self):
        page: PageFile = self.parent
        if page.failed_at:
            pytest.skip(f"a block failed ({page.failed_at})")
        text = self.path.read_text(encoding="utf-8")
        shown = {f"{m['name']}.svg": text[: m.start()].count("\n") + 1 for m in FIGURE.finditer(text)}
        drawn = set(page.reader.written) if page.reader else set()
        problems = [f"{rel(self.path)}:{line}: shows figures/{name}, which no code "
                    f"block draws (figures are named <page>-<section>.svg after the snippet section that "
                    f"calls plt.show() or display())" for name, line in shown.items() if name not in drawn]
        problems += [f"{rel(self.path)}: the code draws figures/{name}, but the page "
                     f"never shows it" for name in sorted(drawn - set(shown))]
        if problems:
            raise BlockFailed("\n".join(problems))

    def reportinfo(self):
        return self.path, 0, f"{rel(self.path)}: figures"


class BrokenPage(pytest.Item):
    is_page_block = True

    def __init__(self, *, error, **kwargs):
        super().__init__(**kwargs)
        self.error = error

    def runtest(self):
        record_page(self.config, rel(self.path), "failed", self.nodeid)
        raise BlockFailed(self.error)

    def repr_failure(self, excinfo, style=None):
        return str(excinfo.value)
