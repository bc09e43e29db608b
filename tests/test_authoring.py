"""Authoring at speed (issue 13), each proved in a copy of the project:

- `make accept` (tools/accept.py) rewrites exactly the documented outputs from what the code prints,
  and afterwards the tests name only the numbers the prose still quotes from the old outputs;
- `pytest <page> --accept` inserts an output under a block that started printing and removes one
  under a block that stopped, inside boxes too, at the box's indentation;
- under `mkdocs serve`, a page whose output drifted or whose code raises shows a `failure` box naming
  the block, with the diff or the traceback, marks the block, and serves the figure the code now
  draws; `mkdocs build` shows none of it and fails or warns as before (tools/drift.py);
- `make page` (tools/new_page.py) writes a page pair that passes the page's tests and builds cleanly.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.test_guardrails import PAGE, edit, project  # noqa: F401 - project is a fixture
from tools.new_chapter import nav_with_chapter
from tools.new_page import ScaffoldError, nav_with
from tools.pages import ROOT, chapter_of

CHAPTER = "docs/" + chapter_of(f"{PAGE.removeprefix('docs/')}.md").folder  # the chapter of the page the guardrails use
MARKER = "<!--pytest-codeblocks:expected-output-->"
NUMBER = re.compile(r"(?<![\w.])[-−]?\d+\.\d+(?![\w.])")  # as tests/test_pages.py reads the prose
INCLUDE = re.compile(r'--8<--\s+"(?P<path>snippets/[\w/.-]+\.py):(?P<section>[\w-]+)"')


def env_of(copy: Path, **extra) -> dict:
    return dict(os.environ, GENERATED_DIR=str(copy / "generated"), NOTEBOOK_CACHE_DIR=str(copy / "generated" / "nbcache"),
                NO_MKDOCS_2_WARNING="1", **extra)


def run(copy: Path, *args: str, **extra) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=copy, capture_output=True, text=True, env=env_of(copy, **extra),
                          timeout=600)


def committed(copy: Path) -> Path:
    """The copy as a git repository with everything committed: accept checks docs/ with git."""
    for cmd in (["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "copy"]):
        subprocess.run(["git", *cmd], cwd=copy, check=True, capture_output=True)
    return copy


def output_lines(text: str) -> set[int]:
    """Indexes of the lines that belong to documented outputs: the marker, the fence and what is inside."""
    lines, inside, found = text.split("\n"), None, set()
    for i, line in enumerate(lines):
        if MARKER in line:
            inside = "marker"
        elif inside == "marker" and line.lstrip().startswith("```"):
            inside = "fence"
        elif inside == "fence" and line.lstrip().startswith("```"):
            found.add(i)
            inside = None
            continue
        if inside or (i + 1 < len(lines) and MARKER in lines[i + 1] and not line.strip()):
            found.add(i)
    return found


def changed_outside_outputs(old: str, new: str) -> list[str]:
    """The diff of two versions of a page once their documented outputs (marker, fence, content and the
    blank line before the marker) are taken out: empty when only outputs changed, moved in or moved out."""
    def rest(text: str) -> list[str]:
        outputs = output_lines(text)
        return [line for i, line in enumerate(text.split("\n")) if i not in outputs]

    return list(difflib.unified_diff(rest(old), rest(new), "before", "after", lineterm="", n=1))


def shown_numbers(copy: Path, text: str) -> set[str]:
    """The decimal numbers of a page's code (its included sections) and documented outputs."""
    shown = [line for i, line in enumerate(text.split("\n")) if i in output_lines(text)]
    for m in INCLUDE.finditer(text):
        module = (copy / m["path"]).read_text(encoding="utf-8")
        start, end = f"# --8<-- [start:{m['section']}]", f"# --8<-- [end:{m['section']}]"
        shown.append(module.split(start, 1)[1].split(end, 1)[0])
    found = NUMBER.findall("\n".join(shown))
    return {n.lstrip("-−") for n in found}


def prose_numbers(page: Path) -> list[tuple[int, str]]:
    """(line, number) in the running text, read as tests/test_pages.py reads it."""
    from tests.test_pages import prose

    return [(n, num.replace("−", "-").lstrip("-")) for n, line in prose(page) for num in NUMBER.findall(line)]


def test_accept_round_trip(project, site_generated):
    """A learning rate changed in both languages: accept rewrites only output fences, the pages' blocks
    then pass, and what still fails is exactly the prose quoting numbers the code no longer prints.
    The copy starts with the run's generated/ (as an author's tree has one): accept runs only the pages
    whose code changed and reads the others' last runs, as it does for an author."""
    copy = committed(project)
    shutil.copytree(site_generated, copy / "generated")
    affected = sorted(p for p in (copy / CHAPTER).glob("*.md") if 'update.py:lr"' in p.read_text(encoding="utf-8"))
    assert len(affected) == 2, affected
    before = {p: p.read_text(encoding="utf-8") for p in (copy / "docs").rglob("*.md")}
    known_before = {p: shown_numbers(copy, before[p]) for p in affected}
    for lang in ("ko", "en"):
        edit(copy / f"snippets/{lang}/update.py", "lr = 0.001", "lr = 0.002")

    accepted = run(copy, "-m", "tools.accept")
    assert accepted.returncode == 0, accepted.stderr[-3000:]
    print(accepted.stdout)
    after = {p: p.read_text(encoding="utf-8") for p in before}
    changed = sorted(p for p in before if before[p] != after[p])
    assert changed == affected, f"accept changed {changed}, the lr change affects {affected}"
    summary = accepted.stdout.splitlines()[0]
    blocks = [line for line in accepted.stdout.splitlines() if line.startswith("  docs/")]
    assert summary.startswith(f"accept: 2 of {len(before)} page(s) changed, {len(blocks)} output block(s)"), summary
    assert all(line.split(":")[0].strip() in {str(p.relative_to(copy)) for p in affected} for line in blocks)
    for page in affected:
        assert not changed_outside_outputs(before[page], after[page]), changed_outside_outputs(before[page], after[page])

    # every output block on the affected pages is now what the code prints
    checked = run(copy, "-m", "pytest", "-n0", "-q", "-p", "no:randomly", *(str(p.relative_to(copy)) for p in affected))
    assert checked.returncode == 0, checked.stdout[-3000:]

    # what still fails: the prose numbers that only the old outputs printed, and nothing else
    stale = {}
    for page in affected:
        known = shown_numbers(copy, after[page])
        stale[page] = [(n, num) for n, num in prose_numbers(page) if num not in known and num in known_before[page]]
    ids = " or ".join(p.name for p in affected)
    pages_test = run(copy, "-m", "pytest", "-n0", "-q", "-p", "no:randomly", "tests/test_pages.py", "-k", ids)
    failed = re.findall(r"^FAILED (\S+)", pages_test.stdout, re.M)
    expected = sorted(f"tests/test_pages.py::test_numbers_in_prose_come_from_the_code[{p.relative_to(copy / 'docs')}]"
                      for p in affected if stale[p])
    assert sorted(failed) == expected, pages_test.stdout[-3000:]
    for page in affected:
        if stale[page]:
            line, number = stale[page][0]  # the test names the first one on the page: file, line, number
            assert f"{page.relative_to(copy)}:{line}: {number} is neither in this page's code" in pages_test.stdout

    # the diff is now accept's: a second run refuses, unless forced (and then has nothing left to do)
    again = run(copy, "-m", "tools.accept")
    assert again.returncode == 2 and "docs/ has uncommitted changes" in again.stderr and "--force" in again.stderr
    forced = run(copy, "-m", "tools.accept", "--force")
    assert forced.returncode == 0 and forced.stdout.startswith(f"accept: 0 of {len(before)} page(s) changed"), forced.stdout


def sections_of(page: Path) -> list[tuple[str, str, int, bool]]:
    """(module, last section, fence indent, documented output?) of each python block, from the page text."""
    lines = page.read_text(encoding="utf-8").split("\n")
    found = []
    for i, line in enumerate(lines):
        if line.strip() == "```python":
            end = next(j for j in range(i + 1, len(lines)) if lines[j].strip() == "```")
            includes = [INCLUDE.search(lines[j]) for j in range(i + 1, end)]
            documented = any(MARKER in lines[j] for j in range(end + 1, min(end + 4, len(lines))))
            found.append((includes[-1]["path"], includes[-1]["section"], len(line) - len(line.lstrip()), documented))
    return found


def test_accept_on_a_pytest_run_inserts_and_removes_outputs_inside_boxes_too(project):
    copy = committed(project)
    page = copy / f"{PAGE}.ko.md"
    blocks = sections_of(page)
    quiet = next(b for b in blocks if not b[3] and b[2] == 0 and b[0].endswith("two_variables.py"))  # prints nothing
    loud = next(b for b in blocks if b[3] and b[2] == 0)  # documented output, top level
    boxed = next((b for b in blocks if b[3] and b[2] > 0), None)  # documented output inside a box
    for path, section, *_ in [quiet, loud] + ([boxed] if boxed else []):
        module = copy / path
        text = module.read_text(encoding="utf-8")
        end = f"# --8<-- [end:{section}]"
        if (path, section) == quiet[:2]:
            text = text.replace(end, 'print("now it prints")\n' + end)
        elif (path, section) == loud[:2]:  # silence every print of the section
            start = f"# --8<-- [start:{section}]"
            head, body = text.split(start, 1)
            body, tail = body.split(end, 1)
            text = head + start + body.replace("print(", "(lambda *a, **k: None)(") + end + tail
        else:
            text = text.replace(end, 'print("one more line")\n' + end)
        module.write_text(text, encoding="utf-8")
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "code"], cwd=copy,
                   capture_output=True, check=True)
    before = page.read_text(encoding="utf-8")

    accepted = run(copy, "-m", "pytest", "-q", f"{PAGE}.ko.md", "--accept")  # with xdist, as `make test` runs
    assert accepted.returncode == 0, accepted.stdout[-3000:]
    after = page.read_text(encoding="utf-8")
    assert "inserted" in accepted.stdout and "removed" in accepted.stdout, accepted.stdout[-2000:]
    assert not changed_outside_outputs(before, after), changed_outside_outputs(before, after)
    assert '<!--pytest-codeblocks:expected-output-->\n```text title="출력"\nnow it prints\n```' in after
    if boxed:
        indent = " " * boxed[2]
        assert f"{indent}one more line\n{indent}```" in after, "the box's output lost its indentation"
    checked = run(copy, "-m", "pytest", "-n0", "-q", f"{PAGE}.ko.md")
    assert checked.returncode == 0, checked.stdout[-3000:]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=120) as response:
        return response.read().decode("utf-8")


def only_pages(copy: Path, keep: str) -> None:
    """Leave the chapter with one page pair (and the glossary): the site builds in seconds."""
    for page in (copy / CHAPTER).glob("*.md"):
        if not page.name.startswith((keep + ".", "glossary.")):
            page.unlink()


def test_serve_shows_drift_and_errors_on_the_page_and_build_does_not(project):
    copy = project
    only_pages(copy, "two-variables")
    figure = copy / "generated/docs/ko/gradient-descent/figures/two-variables-plot.svg"
    assert run(copy, "-m", "tools.generate", f"{PAGE}.ko.md").returncode == 0
    old_figure = figure.read_bytes()
    edit(copy / "snippets/ko/two_variables.py", "alpha = 0.05", "alpha = 0.06")  # Korean page: outputs drift
    edit(copy / "snippets/en/two_variables.py", "    return 6 * u - v + 7", "    return 6 * u - v + 7 / 0")  # English: raises
    ko, en = copy / f"{PAGE}.ko.md", copy / f"{PAGE}.en.md"
    descent_ko = next(n for n, line in enumerate(ko.read_text(encoding="utf-8").splitlines(), 1)
                      if 'two_variables.py:descent"' in line) - 1
    descent_en = next(n for n, line in enumerate(en.read_text(encoding="utf-8").splitlines(), 1)
                      if 'two_variables.py:descent"' in line) - 1

    port = free_port()
    log_file = copy / "serve.log"
    with log_file.open("w") as log_out:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                                  cwd=copy, env=env_of(copy), stdout=log_out, stderr=subprocess.STDOUT,
                                  start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 300
        while True:
            try:
                korean = fetch(f"{base}/gradient-descent/two-variables/")
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "mkdocs serve did not come up"
                time.sleep(0.5)
        english = fetch(f"{base}/en/gradient-descent/two-variables/")
        served_figure = urllib.request.urlopen(f"{base}/gradient-descent/figures/two-variables-plot.svg").read()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
    log = log_file.read_text(encoding="utf-8")

    top = korean.split('<div class="admonition failure">', 1)
    assert len(top) == 2 and korean.find('<div class="admonition failure">') < korean.find("이 페이지에서 배울 것"), log[-3000:]
    assert f"docs/gradient-descent/two-variables.ko.md:{descent_ko}" in top[1].split("</div>", 1)[0]
    assert "이 페이지의 코드와 글이 어긋났습니다" in korean and "make accept" in korean
    assert re.search(r'<span class="gd">-end:', korean) and re.search(r'<span class="gi">\+end:', korean), "no diff"
    assert "코드가 지금 출력하는 것" in korean, "the drifted output block is not marked"
    assert "이 페이지를 직접 실행하기" not in korean, "the banner claims the outputs were checked"
    assert served_figure == figure.read_bytes() != old_figure, "the served figure is not what the code now draws"

    assert "The code and the text of this page disagree" in english
    assert f"docs/gradient-descent/two-variables.en.md:{descent_en}" in english
    assert "ZeroDivisionError: division by zero" in english and 'File "snippets/en/two_variables.py"' in english
    assert "the code of this block raised an error" in english
    assert "A figure that was not drawn" in english and "two-variables-plot.svg" in english

    # mkdocs build: the raising page stops the build, as before
    built = run(copy, "-m", "mkdocs", "build", "--site-dir", str(copy / "site"))
    assert built.returncode != 0 and "ZeroDivisionError" in built.stderr, built.stderr[-3000:]
    edit(copy / "snippets/en/two_variables.py", "    return 6 * u - v + 7 / 0", "    return 6 * u - v + 7")
    built = run(copy, "-m", "mkdocs", "build", "--site-dir", str(copy / "site"))
    assert built.returncode == 0, built.stderr[-3000:]
    assert re.search(rf"WARNING +- +docs/gradient-descent/two-variables.ko.md:\d+: the documented output of the block "
                     rf"at line {descent_ko} differs", built.stderr), built.stderr[-3000:]  # --strict fails on it
    page = (copy / "site/gradient-descent/two-variables/index.html").read_text(encoding="utf-8")
    assert "admonition failure" not in page and "어긋났습니다" not in page and "코드가 지금 출력하는 것" not in page


def test_nav_entry_of_a_new_page():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    last = nav_with(config, "gradient-descent", "new-page", None)
    assert "      - gradient-descent/new-page.md\n      - gradient-descent/glossary.md" in last
    after = nav_with(config, "gradient-descent", "new-page", "loss")
    assert "      - gradient-descent/loss.md\n      - gradient-descent/new-page.md" in after
    with pytest.raises(ScaffoldError, match="no page of no-such-chapter/"):
        nav_with(config, "no-such-chapter", "new-page", None)


def test_nav_section_of_a_new_chapter():
    """make chapter: the section goes among the chapters by number, its English title into nav_translations,
    titles that YAML would misread are quoted, and an existing number or folder is refused."""
    import yaml

    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    titles = {"ko": "1장 시작: 파이썬", "en": "Chapter 1: Start: Python"}
    first = nav_with_chapter(config, "intro", 1, titles, ["intro/intro.md"])
    nav = re.search(r"(?ms)^nav:\n.*", first)[0]
    assert nav.index('  - "1장 시작: 파이썬":\n      - intro/intro.md\n') < nav.index("  - 3장 경사 하강법:"), nav
    assert '"1장 시작: 파이썬": "Chapter 1: Start: Python"' in first
    later = nav_with_chapter(first, "next", 9, {"ko": "9장 다음", "en": "Chapter 9: Next"}, ["next/a.md", "next/glossary.md"])
    assert later.rstrip().endswith("  - 9장 다음:\n      - next/a.md\n      - next/glossary.md")

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    parsed = yaml.load(later, Loader=Loader)
    assert [next(iter(item)) for item in parsed["nav"]] == ["홈", "1장 시작: 파이썬", "3장 경사 하강법", "9장 다음"]
    english = next(lang for p in parsed["plugins"] if isinstance(p, dict) and "i18n" in p
                   for lang in p["i18n"]["languages"] if lang["locale"] == "en")["nav_translations"]
    assert english["1장 시작: 파이썬"] == "Chapter 1: Start: Python" and english["9장 다음"] == "Chapter 9: Next"
    with pytest.raises(ScaffoldError, match="chapter 3 exists already"):
        nav_with_chapter(config, "other", 3, {"ko": "3장 x", "en": "Chapter 3: x"}, ["other/x.md"])
    with pytest.raises(ScaffoldError, match="has pages of gradient-descent/ already"):
        nav_with_chapter(config, "gradient-descent", 7, {"ko": "7장 x", "en": "Chapter 7: x"}, ["gradient-descent/x.md"])


def test_make_page_writes_a_page_pair_that_passes_its_tests(project):
    copy = project
    name = "gradient-descent/scaffold-check"
    made = subprocess.run(["make", "-s", "page", f"NAME={name}", "TITLE_KO=3.99 새 페이지 점검",
                           "TITLE_EN=3.99 Checking a new page", f"PYTHON={sys.executable}"],
                          cwd=copy, capture_output=True, text=True, env=env_of(copy))
    assert made.returncode == 0, made.stderr
    again = run(copy, "-m", "tools.new_page", name, "--title-ko", "x", "--title-en", "x")
    assert again.returncode == 2 and "exists already" in again.stderr
    files = [f"docs/{name}.ko.md", f"docs/{name}.en.md", "snippets/ko/scaffold_check.py", "snippets/en/scaffold_check.py"]
    assert all((copy / f).exists() for f in files)
    assert f"- {name}.md" in (copy / "mkdocs.yml").read_text(encoding="utf-8")

    tests = [t for t in ("tests/test_pages.py", "tests/test_glossary.py", "tests/test_language.py",
                         "tests/test_solutions.py", "tests/test_notebook_editions.py", "tests/test_script_editions.py",
                         "tests/test_notebook_markdown.py") if (copy / t).exists()]
    checked = run(copy, "-m", "pytest", "-n0", "-q", "-p", "no:randomly", files[0], files[1], *tests,
                  "-k", "scaffold or every_file or include_line")
    assert checked.returncode == 0, checked.stdout[-3000:]
    ran = int(re.search(r"(\d+) passed", checked.stdout)[1])
    assert ran >= 10, checked.stdout[-1000:]

    only_pages(copy, "scaffold-check")  # a build of the new page alone: its nav entry, links and boxes
    built = run(copy, "-m", "mkdocs", "build", "--site-dir", str(copy / "site"))
    assert built.returncode == 0, built.stderr[-3000:]
    warnings = [line for line in built.stderr.splitlines() if "WARNING" in line and "scaffold" in line]
    assert not warnings, warnings
    for prefix, title in (("", "3.99 새 페이지 점검"), ("en/", "3.99 Checking a new page")):
        html = (copy / f"site/{prefix}gradient-descent/scaffold-check/index.html").read_text(encoding="utf-8")
        h1 = re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)[1])  # the ¶ keeps to the last word in a span
        assert h1.startswith(title), f"{prefix}: the page's title is {h1!r}"
        home = (copy / f"site/{prefix}index.html").read_text(encoding="utf-8")
        assert 'href="gradient-descent/scaffold-check/"' in home, "the new page is not in the nav"
