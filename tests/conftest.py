"""Fixtures every test file gets without importing them (tests/suite.py orders the tests that use them):

- `site`: the whole site, built once per run from nothing, as `make build` does (with the chapter PDFs, as
  deployed). Under pytest-xdist the first worker that needs it builds it and the others wait. When the
  build fails, one test says why (tests/test_site.py::test_the_site_builds, or else the first test that
  asked) and every other test that needs the site is skipped with "site build failed: see <that test>".
- `site_generated`: that build's generated/ folder (every page's outputs, figures and editions); copy it
  into a copy of the project so that only the pages you change run there.
- `served`: the built site on a free localhost port.
- `browser`: one headless Chromium per worker, driven by Playwright. Debian's chromium is used as it is
  (`executable_path`): Playwright downloads no browser.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.suite import page_outcome, run_folder
from tools.pages import DOCS, ROOT
from tools.sitecheck import chromium as chromium_path

SOURCE_DATE_EPOCH = "1767225600"  # 2026-01-01: dates in the build come from here, not from the clock
SITE_TEST = "tests/test_site.py::test_the_site_builds"


def build(tmp: Path, generated: Path | None = None, pdf: bool = True) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` into tmp/site, with its own generated/ (tmp/generated unless given) and
    notebook cache; with the chapter's PDFs (SITE_PDF=1), as deployed."""
    env = dict(os.environ, GENERATED_DIR=str(generated or tmp / "generated"), NOTEBOOK_CACHE_DIR=str(tmp / "nbcache"),
               SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH, NO_MKDOCS_2_WARNING="1", SITE_PDF="1" if pdf else "0")
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp / "site")],
                          cwd=ROOT, env=env, capture_output=True, text=True)


LINK = re.compile(r"Doc file '(?P<file>[^']+)' contains (?:a|an unrecognized relative) link '(?P<link>[^']+)'")


def build_problems(stderr: str) -> list[str]:
    """The warnings and errors of a failed build, a broken link with the file and line it is on."""
    problems = []
    for line in stderr.splitlines():
        if not re.match(r"(WARNING|ERROR)", line) or "Aborted with" in line:
            continue
        m = LINK.search(line)
        if m and (DOCS / m["file"]).is_file():
            lines = (DOCS / m["file"]).read_text(encoding="utf-8").splitlines()
            at = [n for n, text in enumerate(lines, 1) if f"]({m['link']}" in text or f'"{m["link"]}"' in text]
            line = f"docs/{m['file']}:{at[0] if at else 1}: {line}"
        problems.append(line)
    return problems


def site_build(config, requester: str) -> dict:
    """The run's one build: {"ok": True} or {"ok": False, "message": ..., "by": the test that built it}."""
    shared = run_folder(config)
    tmp = shared / "site-build"
    result = shared / "site-build.json"
    with open(shared / "site-build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not result.exists():
            run = build(tmp)
            found = {"ok": run.returncode == 0, "by": requester}
            if run.returncode:
                problems = build_problems(run.stderr)
                tail = "" if problems else run.stderr[-3000:]
                found["message"] = "mkdocs build --strict failed:\n" + "\n".join(problems) + tail
                found["pages"] = sorted(set(re.findall(r"docs/[\w/.-]+?\.(?:ko|en)\.md", run.stderr)))
            result.write_text(json.dumps(found), encoding="utf-8")
    return json.loads(result.read_text(encoding="utf-8"))


def failed_pages_explain(config, found: dict) -> str | None:
    """When every page the failed build names failed its own page test in this run, that test's id: the
    build failed for a reason already reported, with file, line and diff."""
    tests = []
    for page in found.get("pages") or []:
        outcome = page_outcome(config, page)
        if not outcome or outcome["state"] != "failed":
            return None
        tests.append(outcome["test"])
    unexplained = [line for line in found["message"].splitlines()[1:]
                   if re.match(r"(WARNING|ERROR)", line) and not re.search(r"docs/[\w/.-]+?\.(?:ko|en)\.md", line)
                   and "Error running plugin" not in line and "PluginError" not in line]
    return tests[0] if tests and not unexplained else None


@pytest.fixture(scope="session")
def site(request) -> Path:
    """The site, built once per run (see the module's docstring)."""
    found = site_build(request.config, request.node.nodeid)
    if found["ok"]:
        return run_folder(request.config) / "site-build" / "site"
    cause = failed_pages_explain(request.config, found)
    if cause is None:
        cause = SITE_TEST if any(i.nodeid == SITE_TEST for i in request.session.items) else found["by"]
    if cause == request.node.nodeid:  # the run has no test_the_site_builds: the test that built it says why
        pytest.fail(found["message"], pytrace=False)
    pytest.skip(f"site build failed: see {cause}")


@pytest.fixture(scope="session")
def site_generated(site) -> Path:
    """The generated/ folder of this run's build: every page's record (outputs), figures and editions."""
    return site.parent / "generated"


@pytest.fixture(scope="session")
def served(site):
    """The built site on a free localhost port, as a reader's browser would get it."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                               "--directory", str(site)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.1)
    yield f"http://127.0.0.1:{port}/"
    server.terminate()
    server.wait()


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for all the browser tests of a worker: open a context or page per test."""
    from playwright.sync_api import sync_playwright

    chromium = chromium_path()
    assert chromium, "Debian's chromium is needed for the browser tests: `make test` installs it (apt-get install chromium)"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        yield browser
        browser.close()
