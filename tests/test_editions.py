"""The notebook and script editions: built from the current page, executed for real, and
compared block by block with the outputs documented on the page."""

from __future__ import annotations

import subprocess
import sys

import nbformat
import pytest
from nbclient import NotebookClient

from tools import editions
from tools.pages import code_blocks, pages, rel
from tools.runner import output_diff

WITH_CODE = [p for p in pages() if code_blocks(p)]
IDS = [rel(p).removeprefix("docs/") for p in WITH_CODE]


@pytest.mark.parametrize("page", WITH_CODE, ids=IDS)
def test_notebook_runs_in_a_jupyter_kernel_and_prints_what_the_page_documents(page, tmp_path):
    nb = editions.notebook(page, None)
    install = [c for c in nb.cells if "install" in c.get("metadata", {}).get("tags", [])]
    assert len(install) == 1 and "torch==" in install[0].source, "the notebook must start by installing its packages"
    nb.cells.remove(install[0])  # the test environment has them; no network here
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}},
                   allow_errors=True).execute()
    cells = [c for c in nb.cells if c.cell_type == "code" and not c.source.startswith("import koreanize")]
    blocks = code_blocks(page)
    assert len(cells) == len(blocks)
    for n, (cell, block) in enumerate(zip(cells, blocks), 1):
        errors = [o for o in cell.outputs if o.output_type == "error"]
        assert not errors, f"{block.where}: code cell {n} of the notebook raised\n" + "\n".join(errors[0].traceback)
        stdout = "".join(o.text for o in cell.outputs if o.output_type == "stream" and o.name == "stdout")
        problem = output_diff(block, stdout)
        assert problem is None, f"notebook cell {n}: {problem}"
    figures = sum(1 for c in cells for o in c.outputs if o.output_type == "display_data")
    assert figures == page.read_text(encoding="utf-8").count("](figures/"), "the notebook shows a different number of figures"


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
