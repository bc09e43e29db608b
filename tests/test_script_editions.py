"""The script edition of each page: built from the current page, run with python in an empty
folder, and compared with the outputs documented on the page."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tools import editions
from tools.pages import code_blocks, pages, rel

WITH_CODE = [p for p in pages() if code_blocks(p)]
IDS = [rel(p).removeprefix("docs/") for p in WITH_CODE]


@pytest.mark.parametrize("page", WITH_CODE, ids=IDS)
def test_script_runs_with_python_and_writes_its_figures(page, tmp_path):
    record = {"outputs": [{"figures": []}]}
    shown = [line.split("](figures/")[1].split(")")[0] for line in page.read_text(encoding="utf-8").splitlines()
             if "](figures/" in line]
    record["outputs"][0]["figures"] = shown
    script = tmp_path / f"{page.name.split('.')[0]}.py"
    script.write_text(editions.script(page, record), encoding="utf-8")
    run = subprocess.run([sys.executable, script.name], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, f"{rel(page)}: the script edition failed\n{run.stderr[-3000:]}"
    documented = "".join(b.expected_output or "" for b in code_blocks(page))
    assert run.stdout.split() == documented.split(), f"{rel(page)}: the script prints something else than the page"
    for name in shown:
        assert (tmp_path / name).stat().st_size > 0, f"{rel(page)}: the script did not write {name}"
