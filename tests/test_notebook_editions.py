"""The notebook edition of each page: built from the current page, executed in a Jupyter kernel,
and compared cell by cell with the outputs documented on the page."""

from __future__ import annotations

import subprocess
import sys

import nbformat
import pytest
from jupyter_client import KernelManager
from nbclient import NotebookClient

from tests.suite import skip_if_page_failed
from tools import editions
from tools.pages import code_blocks, pages, rel
from tools.runner import output_diff

pytestmark = pytest.mark.runs_pages  # tests/suite.py: after the pages' own tests

WITH_CODE = [p for p in pages() if code_blocks(p)]
IDS = [rel(p).removeprefix("docs/") for p in WITH_CODE]
# Closes the previous notebook's figures, then empties the namespace: a notebook that forgot an
# import fails here as it would in a new kernel
RESET = "import matplotlib.pyplot\nmatplotlib.pyplot.close('all')\n%reset -f"


@pytest.fixture(scope="module")
def kernel(tmp_path_factory):
    """One kernel runs this worker's notebooks, each from an empty namespace: starting a kernel
    and importing torch took longer than running most notebooks."""
    km = KernelManager(kernel_name="python3")
    km.start_kernel(cwd=str(tmp_path_factory.mktemp("kernel")))
    yield km
    km.shutdown_kernel(now=True)


@pytest.mark.parametrize("page", WITH_CODE, ids=IDS)
def test_notebook_runs_in_a_jupyter_kernel_and_prints_what_the_page_documents(page, kernel, request):
    skip_if_page_failed(request, page)
    nb = editions.notebook(page, None)
    install = [c for c in nb.cells if "install" in c.get("metadata", {}).get("tags", [])]
    assert len(install) == 1 and "torch==" in install[0].source, "the notebook must start by installing its packages"
    nb.cells.remove(install[0])  # the test environment has them; no network here
    nb.cells.insert(0, nbformat.v4.new_code_cell(RESET))
    client = NotebookClient(nb, km=kernel, timeout=120, allow_errors=True)
    client.execute()
    client.kc.stop_channels()
    assert not nb.cells.pop(0).outputs, "the kernel could not be reset"
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


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_setup_cell_installs_only_what_is_missing(lang):
    """Run where everything is installed (as torch is on Colab), the set-up cell installs nothing and
    names the torch the outputs were checked with."""
    run = subprocess.run([sys.executable, "-c", editions.setup_code(lang)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    words = editions.TEXT[lang]
    assert words["installing"] not in run.stdout, f"the set-up cell installed something: {run.stdout}"
    assert f"{words['verified']} torch==2.13.0" in run.stdout and "torch==2.13.0" in editions.pinned(lang)
