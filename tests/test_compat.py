"""Torch version drift, noticed (issue 20 §4).

- `make compat PYTHON=...` (tools/compat.py) runs the pages with another interpreter and names every
  documented output and figure that would change, with a diff, writing nothing into docs/ or generated/.
  Proved here with an injected difference: "another interpreter" is this one with a sitecustomize that
  shifts every float array the English snippets make by 0.001 (as a numpy that rounds differently
  would); the Korean page, run by the same interpreter, must come out the same;
- the notebooks' set-up cell tells a reader whose torch is another version that the last digits may
  differ, and where the checked versions are listed (run with a faked torch).
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tools import compat, editions
from tools.hooks import EDITION_TEXT
from tools.pages import ROOT, code_blocks

PAGE = "docs/gradient-descent/two-variables"  # NumPy and matplotlib only: quick; prints and draws

INJECTION = '''\
import sys
import numpy

_array = numpy.array


def array(obj, *args, **kwargs):  # only what the English snippets make: numpy itself stays as it is
    out = _array(obj, *args, **kwargs)
    if sys._getframe(1).f_code.co_filename.startswith("snippets/en/") and out.dtype.kind == "f":
        out = out + 1e-3
    return out


numpy.array = array
'''


def other_python(tmp_path: Path) -> Path:
    """This interpreter with a numpy that computes the English pages' numbers a little differently."""
    (tmp_path / "inject").mkdir()
    (tmp_path / "inject" / "sitecustomize.py").write_text(INJECTION, encoding="utf-8")
    wrapper = tmp_path / "python"
    wrapper.write_text(f'#!/bin/sh\nPYTHONPATH="{tmp_path / "inject"}${{PYTHONPATH:+:$PYTHONPATH}}" '
                       f'exec "{sys.executable}" "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    return wrapper


def digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()} if folder.exists() else {}


def test_compat_names_each_output_and_figure_that_another_interpreter_changes(tmp_path):
    ko, en = ROOT / f"{PAGE}.ko.md", ROOT / f"{PAGE}.en.md"
    generated = tmp_path / "generated"  # empty: the site's figures are drawn anew, in a temporary folder
    pages_before = {p: p.read_bytes() for p in (ko, en)}
    run = subprocess.run([sys.executable, "-m", "tools.compat", "--python", str(other_python(tmp_path)),
                          f"{PAGE}.ko.md", f"{PAGE}.en.md"], cwd=ROOT, capture_output=True, text=True, timeout=600,
                         env=dict(os.environ, GENERATED_DIR=str(generated)))
    out = run.stdout
    print(out)
    assert run.returncode == 1, f"exit {run.returncode}, expected 1 (a difference)\n{out[-3000:]}{run.stderr[-3000:]}"
    assert f"{PAGE}.ko.md: same" in out, "the same interpreter's Korean page is reported as different"
    assert re.search(rf"^{PAGE}\.en\.md: [1-9]\d* output\(s\), [1-9]\d* figure\(s\) differ$", out, re.M), out[-3000:]
    assert out.rstrip().endswith("nothing was written into docs/ or generated/")

    # the blocks whose printed numbers moved are named with their lines (a block printing only integers stays
    # the same), the descent among them, and the diff shows the documented line taken out
    printing = {b.lineno: b for b in code_blocks(en) if b.expected_output}
    named = {int(n): int(o) for o, n in re.findall(rf"^  {PAGE}\.en\.md:(\d+): the documented output of the block "
                                                   rf"at line (\d+) differs", out, re.M)}
    assert named and all(n in printing and printing[n].output_lineno == o for n, o in named.items()), named
    descent = next(b for b in printing.values() if any(p.section == "descent" for p in b.pieces))
    assert descent.lineno in named, f"the descent block at line {descent.lineno} is not reported"
    assert f"  -{descent.expected_output.splitlines()[0]}" in out, "the documented line is not in a diff"
    # every figure the English page shows, with a diff of its SVG
    shown = sorted(set(re.findall(r"\]\(figures/([\w-]+\.svg)\)", en.read_text(encoding="utf-8"))))
    assert shown
    for name in shown:
        assert re.search(rf"figures/{re.escape(name)} differs: .*SVG lines replaced", out), f"{name} not reported"

    # and nothing was written
    assert {p: p.read_bytes() for p in (ko, en)} == pages_before
    assert digest(generated) == {}, f"compat wrote into GENERATED_DIR: {sorted(digest(generated))}"


def test_compat_says_what_the_other_interpreter_lacks(tmp_path):
    bare = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(bare)], check=True)
    run = subprocess.run([sys.executable, "-m", "tools.compat", "--python", str(bare / "bin" / "python"),
                          f"{PAGE}.ko.md"], cwd=ROOT, capture_output=True, text=True, timeout=300,
                         env=dict(os.environ, GENERATED_DIR=str(tmp_path / "generated")))
    assert run.returncode == 2, run.stdout + run.stderr
    assert "lacks torch, numpy, matplotlib" in run.stderr and "pip install" in run.stderr, run.stderr[-2000:]


def test_compat_requirements_are_the_project_pins_without_torch():
    """The scheduled workflow job installs these next to the newest torch: everything but torch stays as verified."""
    pins = dict(line.split("==") for line in compat.requirements())
    assert "torch" not in pins and {"numpy", "matplotlib", "ipython"} <= set(pins)
    text = (ROOT / "requirements.txt").read_text(encoding="utf-8") + (ROOT / "requirements.lock").read_text(encoding="utf-8")
    for name, version in pins.items():
        assert re.search(rf"^{re.escape(name)}=={re.escape(version)}\b", text, re.M | re.I), f"{name}=={version}"


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_setup_cell_warns_a_reader_whose_torch_differs(tmp_path, lang):
    """Run with a faked torch: another version gets the note (naming it), the checked version none."""
    words = editions.TEXT[lang]
    note = words["differs"].split("{}")[1].strip()[:20]  # a piece of the note after the version it names
    for fake, expect_note in (("2.99.0+cpu", True), ("2.13.0+cpu", False)):
        fake_dir = tmp_path / fake / "torch"
        fake_dir.mkdir(parents=True)
        (fake_dir / "__init__.py").write_text(f'__version__ = "{fake}"\n', encoding="utf-8")
        run = subprocess.run([sys.executable, "-c", editions.setup_code(lang)], capture_output=True, text=True,
                             timeout=120, env=dict(os.environ, PYTHONPATH=str(fake_dir.parent)))
        assert run.returncode == 0, run.stderr[-2000:]
        assert words["installing"] not in run.stdout, run.stdout
        if expect_note:
            assert note in run.stdout and "torch 2.99.0" in run.stdout, f"torch {fake}: no note\n{run.stdout}"
            where = EDITION_TEXT[lang]["title"]  # the box on every page that lists the checked versions
            assert where in run.stdout and "wanted" in run.stdout, run.stdout
        else:
            assert note not in run.stdout, f"torch {fake} is the checked version, yet the note shows\n{run.stdout}"
