"""The script edition of each page: built from the current page, run as a script (`__main__`, in a new
process, in an empty folder), and compared with the outputs documented on the page.

A new process for each script that imports torch and matplotlib again took longer than most scripts
run; so one starter process per worker imports numpy, torch and matplotlib once and forks a new process
for each script, which runs it with runpy as `python <script>.py` would: its own `__main__` namespace,
its own working folder, its own stdout and stderr. Nothing the test runner set up reaches it.
"""

from __future__ import annotations

import json
import select
import subprocess
import sys
from pathlib import Path

import pytest

from tests.suite import skip_if_page_failed
from tools import editions
from tools.pages import code_blocks, pages, rel

pytestmark = pytest.mark.runs_pages

WITH_CODE = [p for p in pages() if code_blocks(p)]
IDS = [rel(p).removeprefix("docs/") for p in WITH_CODE]
TIMEOUT_S = 300

STARTER = r'''
import json, os, runpy, sys, traceback
import numpy, torch, matplotlib  # imported once: every script starts with them
for line in sys.stdin:
    job = json.loads(line)
    pid = os.fork()
    if pid == 0:  # the script's own process
        os.chdir(job["cwd"])
        for fd, name in ((1, "stdout"), (2, "stderr")):
            os.dup2(os.open(job[name], os.O_WRONLY | os.O_CREAT | os.O_TRUNC), fd)
        sys.argv, sys.path[0] = [job["script"]], job["cwd"]
        code = 0
        try:
            runpy.run_path(job["script"], run_name="__main__")
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
        except BaseException:
            traceback.print_exc()
            code = 1
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    _, status = os.waitpid(pid, 0)
    print(json.dumps({"returncode": os.waitstatus_to_exitcode(status)}), flush=True)
'''


@pytest.fixture(scope="module")
def python():
    """Run a script as `python <script>` in its folder would: (returncode, stdout, stderr)."""
    starter = subprocess.Popen([sys.executable, "-c", STARTER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               text=True)

    def run(script: Path) -> tuple[int, str, str]:
        out, err = script.with_suffix(".stdout"), script.with_suffix(".stderr")
        job = {"script": str(script), "cwd": str(script.parent), "stdout": str(out), "stderr": str(err)}
        starter.stdin.write(json.dumps(job) + "\n")
        starter.stdin.flush()
        if not select.select([starter.stdout], [], [], TIMEOUT_S)[0]:
            starter.kill()
            pytest.fail(f"{script.name} did not finish within {TIMEOUT_S} s")
        reply = starter.stdout.readline()
        assert reply, "the script starter stopped"
        return json.loads(reply)["returncode"], out.read_text(encoding="utf-8"), err.read_text(encoding="utf-8")

    yield run
    starter.stdin.close()
    starter.wait(timeout=60)


@pytest.mark.parametrize("page", WITH_CODE, ids=IDS)
def test_script_runs_with_python_and_writes_its_figures(page, tmp_path, python, request):
    skip_if_page_failed(request, page)
    record = {"outputs": [{"figures": []}]}
    shown = [line.split("](figures/")[1].split(")")[0] for line in page.read_text(encoding="utf-8").splitlines()
             if "](figures/" in line]
    record["outputs"][0]["figures"] = shown
    script = tmp_path / f"{page.name.split('.')[0]}.py"
    script.write_text(editions.script(page, record), encoding="utf-8")
    returncode, stdout, stderr = python(script)
    assert returncode == 0, f"{rel(page)}: the script edition failed\n{stderr[-3000:]}"
    documented = "".join(b.expected_output or "" for b in code_blocks(page))
    assert stdout.split() == documented.split(), f"{rel(page)}: the script prints something else than the page"
    for name in shown:
        assert (tmp_path / name).stat().st_size > 0, f"{rel(page)}: the script did not write {name}"


def test_the_starter_runs_a_script_as_python_would(python, tmp_path):
    """Each script in a new process: its own __main__, folder, output and exit status; a name it did not
    import is missing even though the starter imported the module."""
    script = tmp_path / "probe.py"
    script.write_text("import os, sys\nprint(__name__, os.getcwd() == sys.argv[0].rsplit('/', 1)[0])\n"
                      "x = 1\ntorch.zeros(1)\n", encoding="utf-8")
    returncode, stdout, stderr = python(script)
    assert (returncode, stdout) == (1, "__main__ True\n") and "NameError: name 'torch' is not defined" in stderr
    again = tmp_path / "again.py"
    again.write_text("print('x' in globals())\nraise SystemExit(3)\n", encoding="utf-8")
    assert python(again)[:2] == (3, "False\n")
