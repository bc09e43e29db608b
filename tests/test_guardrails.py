"""Every common authoring mistake fails loudly: each test injects one into a copy of the project
and checks that the message names the file, the line and what differs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tools.pages import ROOT
from tools.sitecheck import third_party_loads

pytestmark = pytest.mark.slow  # round trips in copies of the project: after the other checks (tests/suite.py)

PAGE = "docs/gradient-descent/two-variables"  # quick to run: NumPy and matplotlib only
SKIP = {".git", ".venv", "node_modules", "generated", "site", ".cache", "__pycache__", ".pytest_cache"}


@pytest.fixture
def project(tmp_path) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=lambda d, names: [n for n in names if n in SKIP])
    (copy / "node_modules").symlink_to(ROOT / "node_modules")
    return copy


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fault injection: {old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def pytest_in(project: Path, *args: str, env: dict | None = None) -> str:
    run = subprocess.run([sys.executable, "-m", "pytest", "-n", "0", "-q", *args], cwd=project,
                         capture_output=True, text=True, env=dict(os.environ, **(env or {})), timeout=600)
    assert run.returncode != 0, "the fault went unnoticed:\n" + run.stdout[-2000:]
    return run.stdout + run.stderr


def build_in(project: Path) -> str:
    """A build that runs no code: enough for links and HTML checks."""
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, capture_output=True,
                         text=True, env=dict(os.environ, SITE_GENERATE="0", GENERATED_DIR=str(project / "generated"),
                                             NOTEBOOK_CACHE_DIR=str(project / "generated" / "nbcache")))
    return run.stderr


def line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_a_documented_output_off_by_one_digit(project, lang):
    page = project / f"{PAGE}.{lang}.md"
    edit(page, "L = 3.0005\n```", "L = 3.0006\n```")
    out = pytest_in(project, f"{PAGE}.{lang}.md")
    fence = line_of(page, "L = 3.0006") - 2
    assert f"{PAGE}.{lang}.md:{fence}: the documented output" in out
    assert "-end:   (-0.9904, 1.0094)  L = 3.0006" in out and "+end:   (-0.9904, 1.0094)  L = 3.0005" in out


def test_a_snippet_that_raises(project):
    module = project / "snippets/ko/two_variables.py"
    edit(module, "    return 6 * u - v + 7", "    return 6 * u - v + 7 / 0")
    out = pytest_in(project, f"{PAGE}.ko.md")
    block = line_of(project / f"{PAGE}.ko.md", 'two_variables.py:descent"') - 1
    assert f"{PAGE}.ko.md:{block}: the code shown here raised" in out
    assert f'File "snippets/ko/two_variables.py", line {line_of(module, "7 / 0")}, in Lu' in out
    assert "ZeroDivisionError: division by zero" in out


@pytest.mark.parametrize("target", ["snippets/ko/two_variable.py:grid", "snippets/ko/two_variables.py:gird"])
def test_an_include_of_a_missing_file_or_section(project, target):
    page = project / f"{PAGE}.ko.md"
    edit(page, "snippets/ko/two_variables.py:grid", target)
    out = pytest_in(project, f"{PAGE}.ko.md")
    assert f"{PAGE}.ko.md:{line_of(page, target)}:" in out
    assert re.search(r"Snippet at path .* could not be found|Snippet section .* could not be located|no section", out)


def test_a_page_without_its_other_language(project):
    (project / f"{PAGE}.en.md").unlink()
    out = pytest_in(project, "tests/test_pages.py", "-k", "other_language")
    assert f"{PAGE}.ko.md: no en counterpart; create {PAGE}.en.md" in out


def test_pages_whose_blocks_are_in_a_different_order(project):
    page = project / f"{PAGE}.en.md"
    text = page.read_text(encoding="utf-8")
    a, b = '--8<-- "snippets/en/two_variables.py:function"', '--8<-- "snippets/en/two_variables.py:imports"'
    page.write_text(text.replace(a, "@@").replace(b, a).replace("@@", b), encoding="utf-8")
    out = pytest_in(project, "tests/test_pages.py", "-k", "two-variables")
    assert "shows sections ['function', 'imports'" in out
    assert f"block 1 differs between {PAGE}.ko.md" in out


def test_korean_and_english_code_that_differ_in_logic(project):
    edit(project / "snippets/en/two_variables.py", "alpha = 0.05", "alpha = 0.5")
    out = pytest_in(project, "tests/test_pages.py", "-k", "one_program and two-variables")
    assert "differ in more than comments, display strings and printed labels" in out
    assert "-alpha = 0.05" in out and "+alpha = 0.5" in out


LINKS = ["[x](data.md#no-such-heading)", "[x](no-such-page.md)", "[x](../en/data.md)"]
THIRD_PARTY = '<img src="https://example.com/logo.png" alt="a logo from another site">'


@pytest.fixture(scope="module")
def built_with_faults(tmp_path_factory) -> tuple[Path, str]:
    """One copy, one build (no code runs) for the faults a build reports without stopping: three broken links
    on the Korean page, an image from another host on the English one."""
    copy = tmp_path_factory.mktemp("faults") / "project"
    shutil.copytree(ROOT, copy, ignore=lambda d, names: [n for n in names if n in SKIP])
    (copy / "node_modules").symlink_to(ROOT / "node_modules")
    edit(copy / f"{PAGE}.ko.md", "## 정리\n", "## 정리\n\n" + "\n\n".join(LINKS) + "\n")
    edit(copy / f"{PAGE}.en.md", "## Summary\n", f"## Summary\n\n{THIRD_PARTY}\n")
    return copy, build_in(copy)


def test_broken_internal_links_and_anchors(built_with_faults):
    """All three kinds: a missing anchor, a missing page, a link into the other language."""
    _, err = built_with_faults
    for target in [link.removeprefix("[x](").removesuffix(")") for link in LINKS]:
        assert re.search(rf"WARNING .*'gradient-descent/two-variables.ko.md'.*{re.escape(target)}", err), \
            f"no warning for {target}:\n{err[-2000:]}"


def test_a_formula_that_katex_cannot_read(project):
    """KaTeX stops the build at the page: the chapter's other pages need not be there."""
    for page in (project / "docs/gradient-descent").glob("*.md"):
        if not page.name.startswith(("two-variables.", "glossary.")):
            page.unlink()
    edit(project / f"{PAGE}.en.md", "## Summary\n", "## Summary\n\nThe loss is $\\mathrm{L}(\\notacommand u)$.\n")
    err = build_in(project)
    assert f"{PAGE}.en.md: KaTeX cannot render" in err and "notacommand" in err, err[-2000:]


def test_a_figure_shown_but_not_drawn_and_one_drawn_but_not_shown(project):
    edit(project / f"{PAGE}.ko.md", "figures/two-variables-plot.svg", "figures/two-variables-plots.svg")
    out = pytest_in(project, f"{PAGE}.ko.md")
    assert "shows figures/two-variables-plots.svg, which no code block draws" in out
    assert "the code draws figures/two-variables-plot.svg, but the page never shows it" in out


@pytest.mark.parametrize("alt", ["", "A 3D plot of gradient descent over the loss surface"])
def test_an_image_without_alt_text_in_the_page_language(project, alt):
    page = project / f"{PAGE}.ko.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r"!\[[^\]]*\]\(figures/two-variables-plot.svg\)", f"![{alt}](figures/two-variables-plot.svg)", text), encoding="utf-8")
    out = pytest_in(project, "tests/test_pages.py", "-k", "alt_text and two-variables.ko")
    assert f"{PAGE}.ko.md:{line_of(page, 'figures/two-variables-plot.svg')}:" in out


def test_a_snippet_whose_output_or_figure_changes_between_runs(project):
    edit(project / "snippets/ko/two_variables.py", "ax.view_init(30, 240)",
         "ax.view_init(30, 240 + np.random.rand())")
    run = subprocess.run([sys.executable, "-m", "tools.generate", "--twice", f"{PAGE}.ko.md"], cwd=project,
                         capture_output=True, text=True)
    assert run.returncode == 1
    assert f"{PAGE}.ko.md: figures/two-variables-plot.svg differs between two runs" in run.stderr


def test_a_snippet_that_hangs(project):
    edit(project / "snippets/ko/two_variables.py", "N = 21\n", "N = 21\nwhile True:\n    pass\n")
    out = pytest_in(project, f"{PAGE}.ko.md", env={"BLOCK_TIMEOUT_S": "3"})
    block = line_of(project / f"{PAGE}.ko.md", 'two_variables.py:descent"') - 1
    assert f"{PAGE}.ko.md:{block}: the code shown here raised" in out
    assert "BlockTimeout: stopped after 3 s" in out


@pytest.mark.parametrize("fence", ["```py", '```python title="descent.py"'])
def test_a_code_fence_the_runner_would_skip(project, fence):
    page = project / f"{PAGE}.en.md"
    text = page.read_text(encoding="utf-8")
    at = text.index('--8<-- "snippets/en/two_variables.py:descent"')
    line = text.count("\n", 0, at)  # the fence is the line before the include
    page.write_text(text[:at].rsplit("```python", 1)[0] + fence + "\n" + text[at:], encoding="utf-8")
    out = pytest_in(project, "tests/test_pages.py", "-k", "skipped and two-variables.en")
    assert f"{PAGE}.en.md:{line}: {fence} would not be run by the tests" in out


def test_editions_cannot_fall_behind_their_page(project):
    """The notebook and script are rebuilt from the page on every build; an edited sentence shows up at once."""
    for page in (project / "docs/gradient-descent").glob("*.md"):  # the other pages' code need not run
        if not page.name.startswith("two-variables."):
            page.unlink()
    env = dict(os.environ, GENERATED_DIR=str(project / "generated"))
    subprocess.run([sys.executable, "-m", "tools.generate", f"{PAGE}.en.md"], cwd=project, env=env, check=True,
                   capture_output=True)
    edit(project / f"{PAGE}.en.md", "First, import the libraries.", "First of all, import the libraries.")
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=project, env=env, capture_output=True, text=True)
    err = run.stderr  # the code is unchanged, so nothing runs: only the editions are rewritten
    notebook = (project / "generated/docs/en/gradient-descent/notebooks/two-variables.ipynb").read_text()
    assert "First of all, import the libraries." in notebook, err[-1000:]


def test_a_script_style_font_or_image_from_a_third_party(built_with_faults):
    copy, _ = built_with_faults
    found = third_party_loads(copy / "site")
    assert any(f.startswith("en/gradient-descent/two-variables/index.html:") and "https://example.com/logo.png" in f
               for f in found), found
