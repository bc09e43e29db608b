"""`make compat PYTHON=/path/to/python`: would another torch, numpy or matplotlib change what the pages show?

    python -m tools.compat --python /path/to/other/python [docs/<chapter>/<page>.<lang>.md ...]
    python -m tools.compat --requirements      # what the other environment needs besides torch

runs every page's code (or the pages named) with another interpreter, one with other versions of torch,
numpy or matplotlib (a reader's Colab, a newer release), exactly as the tests run it (tools/runner.py:
blocks in order in one namespace, the solutions last), and prints, per page, each documented output the
code no longer prints (a unified diff, `-` documented, `+` printed), each block that raises, and each
figure that comes out different from the site's (the SVG, compared without the line naming matplotlib's
version; a diff of its first lines). It changes nothing: the other run draws into a temporary folder, the
site's figures are read from generated/ (or, when that is stale, drawn anew by this interpreter in a
temporary folder too). Exit status 0: nothing differs; 1: something does; 2: the other interpreter lacks
a package or cannot run.

The other interpreter needs what a reader needs (no MkDocs, no pytest): torch, numpy, matplotlib,
torchviz, graphviz, koreanize-matplotlib and IPython. It imports tools/runner.py and tools/pages.py from
this project, which need nothing else.
"""

from __future__ import annotations

import argparse
import dataclasses
import difflib
import json
import os
import re
import subprocess
import sys
import tempfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tools.pages import ROOT, Block, Piece, code_blocks, pages, rel  # noqa: E402

READER_MODULES = {"torch": "torch", "numpy": "numpy", "matplotlib": "matplotlib", "torchviz": "torchviz",
                  "graphviz": "graphviz", "koreanize_matplotlib": "koreanize-matplotlib", "IPython": "ipython"}
SHOWN = ("torch", "numpy", "matplotlib")
MATPLOTLIB_VERSION = re.compile(r"^\s*<dc:title>Matplotlib v[^<]*</dc:title>\s*$")  # the one line that names it
DIFF_LINES = 12  # of a figure's diff: enough to see what moved
LINE_WIDTH = 160


# --- the worker: runs under the other interpreter --------------------------------------------------------

def _missing() -> list[str]:
    return [pip for module, pip in READER_MODULES.items() if _find(module) is None]


def _worker(job_file: str, out_file: str) -> int:
    from tools.runner import run_page

    job = json.loads(Path(job_file).read_text(encoding="utf-8"))
    out = {"versions": _versions(), "pages": {}}
    for page in job["pages"]:
        blocks = [Block(**dict(b, pieces=[Piece(**p) for p in b["pieces"]])) for b in page["blocks"]]
        folder = Path(page["figure_dir"])
        folder.mkdir(parents=True, exist_ok=True)
        results = run_page(blocks, folder, page["stem"])
        out["pages"][page["page"]] = [{"stdout": r.stdout, "error": r.error, "figures": r.figures} for r in results]
    Path(out_file).write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    return 0


def _find(module: str):
    from importlib.util import find_spec

    return find_spec(module)


def _versions() -> dict[str, str]:
    found = {"python": sys.version.split()[0]}
    for name in SHOWN:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "missing"
    return found


# --- the comparison: runs under the project's interpreter ------------------------------------------------

@dataclasses.dataclass
class Job:
    python: str
    pages: list[Path]
    figures: Path  # <figures>/<page's rel path>/ receives each page's figures
    process: subprocess.Popen | None = None
    result: dict | None = None


def _start(job: Job, tmp: Path, n: int, blocks: dict[Path, list[Block]]) -> None:
    spec = {"pages": [{"page": rel(p), "stem": p.name.split(".")[0], "figure_dir": str(job.figures / rel(p)),
                       "blocks": [dataclasses.asdict(b) for b in blocks[p]]} for p in job.pages]}
    job_file, job.out = tmp / f"job-{n}.json", tmp / f"result-{n}.json"
    job_file.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    env = dict(os.environ, MPLBACKEND="Agg", PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    env.pop("GENERATED_DIR", None)
    env.setdefault("BLOCK_TIMEOUT_S", "600")  # a slow machine (or CI runner) is not a difference in the output
    job.process = subprocess.Popen([job.python, "-m", "tools.compat", "--worker", str(job_file), str(job.out)],
                                   cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _finish(job: Job) -> str | None:
    stdout, stderr = job.process.communicate()
    if job.process.returncode != 0:
        return (stderr.strip() or stdout.strip() or f"{job.python} exited with {job.process.returncode}")
    job.result = json.loads(job.out.read_text(encoding="utf-8"))
    return None


def _svg_lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if not MATPLOTLIB_VERSION.match(line)]


SVG_SIZE = re.compile(r'<svg[^>]*?width="(?P<w>[\d.]+)(?P<unit>pt|px)?"[^>]*?height="(?P<h>[\d.]+)', re.S)


def _size(lines: list[str]) -> str:
    m = SVG_SIZE.search("\n".join(lines[:12]))
    return f"{float(m['w']):.1f} × {float(m['h']):.1f} {m['unit'] or 'px'}" if m else "?"


def figure_diff(site: Path, other: Path, name: str) -> str | None:
    """None when the two SVGs are the same drawing; else its size before and after, how many lines changed,
    and the first lines of a unified diff."""
    old, new = _svg_lines(site), _svg_lines(other)
    if old == new:
        return None
    diff = list(difflib.unified_diff(old, new, f"site: figures/{name}", f"other: figures/{name}", lineterm="", n=0))
    removed = sum(1 for line in diff[2:] if line[:1] == "-")
    added = sum(1 for line in diff[2:] if line[:1] == "+")
    size = f"{_size(old)}, the same size" if _size(old) == _size(new) else f"{_size(old)} → {_size(new)}"
    shown = [line if len(line) <= LINE_WIDTH else line[:LINE_WIDTH] + f"… ({len(line)} characters)"
             for line in diff[:2 + DIFF_LINES]]
    more = f"\n  … {len(diff) - 2 - DIFF_LINES} more diff lines" if len(diff) > 2 + DIFF_LINES else ""
    return (f"figures/{name} differs: {size}; {removed} of its {len(old)} SVG lines replaced by {added}\n  "
            + "\n  ".join(shown) + more)


def site_figures(page: Path, into: Path) -> list[str] | None:
    """Copy the site's figures of a page from generated/ (when current) into `into`; their names, in order.
    Copied at the start, so that a build running meanwhile cannot change what is compared."""
    import shutil

    from tools import generate

    record = generate.cached(page)
    if record is None:
        return None
    names = [f for o in record["outputs"] for f in o["figures"]]
    into.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copyfile(generate.figure_dir(page) / name, into / name)
    return names


def compare(page: Path, blocks: list[Block], runs: list[dict], reference: tuple[Path, list[str]] | None,
            drawn: Path) -> list[str]:
    """What differs on one page: each documented output, raised block and figure, with file, line and diff."""
    from tools.runner import output_diff

    problems = []
    for block, run in zip(blocks, runs):
        if run["error"]:
            problems.append(run["error"])
            break
        if (diff := output_diff(block, run["stdout"])) is not None:
            problems.append(diff)
    if reference is None:
        return problems + [f"{rel(page)}: this interpreter's run of the page raised, so its figures were not compared"]
    site_dir, site_names = reference
    other_names = [f for r in runs for f in r["figures"]]
    for name in site_names:
        if name not in other_names:
            if not any(r["error"] for r in runs):
                problems.append(f"figures/{name}: the site shows it, the other run did not draw it")
        elif (diff := figure_diff(site_dir / name, drawn / name, name)) is not None:
            problems.append(diff)
    problems += [f"figures/{name}: the other run draws it, the site has no such figure"
                 for name in other_names if name not in site_names]
    return problems


def _probe(python: str) -> str | None:
    """None when the other interpreter has what the pages need; else what to do."""
    try:
        probe = subprocess.run([python, "-m", "tools.compat", "--probe"], cwd=ROOT, capture_output=True, text=True,
                               timeout=120, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    except OSError as e:
        return f"compat: cannot run {python}: {e}"
    if probe.returncode != 0:
        return f"compat: {python} lacks what the pages need:\n{probe.stdout.strip() or probe.stderr.strip()}"
    return None


def run(python: str, todo: list[Path], out=sys.stdout) -> int:
    from tools.generate import versions

    if problem := _probe(python):
        print(problem, file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="compat-") as tmp_name:
        tmp = Path(tmp_name)
        blocks = {page: code_blocks(page) for page in todo}  # read once: the pages may be edited meanwhile
        site = {page: site_figures(page, tmp / "site" / rel(page)) for page in todo}
        stale = [page for page in todo if site[page] is None]  # the site's figures need drawing first
        halves = [todo[i::2] for i in range(min(2, len(todo)))]  # one process per core
        jobs = [Job(python, half, tmp / f"other-{i}") for i, half in enumerate(halves)]
        reference = Job(sys.executable, stale, tmp / "site") if stale else None
        for n, job in enumerate(jobs + ([reference] if reference else [])):
            _start(job, tmp, n, blocks)
        errors = [e for job in jobs + ([reference] if reference else []) if (e := _finish(job))]
        if errors:
            print("\n".join(errors), file=sys.stderr)
            return 2
        other = {k: v for job in jobs for k, v in job.result["pages"].items()}
        for page in stale:
            runs = reference.result["pages"][rel(page)]
            site[page] = [f for r in runs for f in r["figures"]] if not any(r["error"] for r in runs) else None
        found, checked = jobs[0].result["versions"], versions()
        print(f"compat: {python}: " + ", ".join(f"{k} {found[k]}" for k in ("python", *SHOWN)) +
              " (the site's outputs were checked with " + ", ".join(f"{k} {checked[k]}" for k in ("python", *SHOWN)) + ")",
              file=out)
        differing, outputs, figures = 0, 0, 0
        for page in todo:
            job = next(j for j in jobs if page in j.pages)
            reference_ = (tmp / "site" / rel(page), site[page]) if site[page] is not None else None
            problems = compare(page, blocks[page], other[rel(page)], reference_, job.figures / rel(page))
            if not problems:
                print(f"{rel(page)}: same", file=out)
                continue
            differing += 1
            n_fig = sum(p.startswith("figures/") for p in problems)
            outputs, figures = outputs + len(problems) - n_fig, figures + n_fig
            print(f"{rel(page)}: {len(problems) - n_fig} output(s), {n_fig} figure(s) differ", file=out)
            for problem in problems:
                print("  " + problem.replace("\n", "\n  "), file=out)
        print(f"compat: {differing} of {len(todo)} page(s) differ ({outputs} output(s) or error(s), {figures} figure(s)); "
              f"nothing was written into docs/ or generated/", file=out)
        return 1 if differing else 0


def requirements() -> list[str]:
    """The pip specs of what a reader's environment needs besides torch, pinned as this project is."""
    specs = {}
    for source in ("requirements.txt", "requirements.lock"):
        for line in (ROOT / source).read_text(encoding="utf-8").splitlines():
            m = re.match(r"^([A-Za-z0-9][\w.-]*)==([^\s;#\\]+)", line)
            if m:
                specs.setdefault(m[1].lower().replace("_", "-"), f"{m[1]}=={m[2]}")
    return [specs[pip] for pip in READER_MODULES.values() if pip != "torch"]


def main(argv: list[str]) -> int:
    if argv[:1] == ["--worker"]:
        return _worker(*argv[1:3])
    if argv[:1] == ["--probe"]:  # under the other interpreter: does it have what a reader has?
        if missing := _missing():
            print(f"{sys.executable} lacks {', '.join(missing)}: pip install {' '.join(missing)}")
            return 1
        return 0
    parser = argparse.ArgumentParser(prog="python -m tools.compat", description=__doc__.split("\n\n")[0])
    parser.add_argument("--python", help="the other interpreter, e.g. /tmp/compat-venv/bin/python")
    parser.add_argument("--requirements", action="store_true",
                        help="print what the other environment needs besides torch, one pip spec a line")
    parser.add_argument("pages", nargs="*", help="docs/<chapter>/<page>.<lang>.md (default: every page with code)")
    args = parser.parse_args(argv)
    if args.requirements:
        print("\n".join(requirements()))
        return 0
    if not args.python:
        parser.error("--python is needed: the interpreter of the other environment")
    todo = [ROOT / p for p in args.pages] if args.pages else [p for p in pages() if code_blocks(p)]
    return run(args.python, todo)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
