"""`make bench`: build times against a floor and a peer, medians of several runs, in one run.

    (a) floor   a plain build that runs no code (SITE_GENERATE=0), generated files in place
    (b) rebuild nothing changed: no code runs, torch is never imported
    (c) cold    generated/ emptied: every page's code runs, notebooks and figures are rewritten
    (d) touch   one snippet section edited: only the page that shows it runs again
    (e) peer    what a mkdocs user would otherwise do: mkdocs-jupyter executes every notebook
                edition on every build (execute: true, no cache)

Everything is built into a temporary folder; the project's own generated/ and site/ are untouched.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tools.pages import ROOT

RUNS = int(os.environ.get("BENCH_RUNS", 3))
TOUCHED = ROOT / "snippets" / "ko" / "two_variables.py"  # shown by one page only: 3.1 in Korean
TOUCHED_PAGE = "docs/gradient-descent/two-variables.ko.md"


def timed(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    run = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if run.returncode:
        sys.exit(f"bench: {' '.join(cmd)} failed\n{run.stderr[-3000:]}")
    return elapsed


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="bench-"))
    env = dict(os.environ, GENERATED_DIR=str(tmp / "generated"), NOTEBOOK_CACHE_DIR=str(tmp / "nbcache"),
               NO_MKDOCS_2_WARNING="1")
    build = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(tmp / "site")]
    source = TOUCHED.read_text(encoding="utf-8")
    times: dict[str, list[float]] = {k: [] for k in "abcde"}
    times["own"], times["all"] = [], []
    try:
        timed(build, env)  # warm up the disk cache and generated/
        for n in range(RUNS):
            print(f"run {n + 1}/{RUNS}", file=sys.stderr)
            times["a"].append(timed(build, dict(env, SITE_GENERATE="0")))
            times["b"].append(timed(build, env))
            TOUCHED.write_text(source.replace("# --8<-- [end:plot]", f"# edit {n}\n# --8<-- [end:plot]"), encoding="utf-8")
            times["d"].append(timed(build, env))
            TOUCHED.write_text(source, encoding="utf-8")
            timed(build, env)  # back to the committed snippet
            times["e"].append(timed(build, dict(env, SITE_GENERATE="0", NOTEBOOK_EXECUTE="true", NOTEBOOK_CACHE="false")))
            shutil.rmtree(tmp / "generated")
            shutil.rmtree(tmp / "nbcache", ignore_errors=True)
            times["c"].append(timed(build, env))
            own = dict(env, GENERATED_DIR=str(tmp / "own"))
            times["own"].append(timed([sys.executable, "-m", "tools.generate", TOUCHED_PAGE], own))
            times["all"].append(timed([sys.executable, "-m", "tools.generate", "--all"], own))
        # (b) must not even import torch: -X importtime lists every module a build imports
        imports = subprocess.run([sys.executable, "-X", "importtime", *build[1:]], cwd=ROOT, env=env,
                                 capture_output=True, text=True).stderr
        torch_in_b = any(line.split("|")[-1].strip() == "torch" for line in imports.splitlines()
                         if line.startswith("import time:"))
    finally:
        TOUCHED.write_text(source, encoding="utf-8")
        shutil.rmtree(tmp, ignore_errors=True)

    m = {k: statistics.median(v) for k, v in times.items()}
    rows = [
        ("a", "floor: build without running code", m["a"], "1.00 x a", ""),
        ("b", "rebuild, nothing changed", m["b"], f"{m['b'] / m['a']:.2f} x a", f"b/a <= 1.2: {'yes' if m['b'] / m['a'] <= 1.2 else 'NO'}"),
        ("c", "cold build (generated/ emptied)", m["c"], f"{m['c'] / (m['a'] + m['all']):.2f} x (a + all)",
         f"c <= 1.3 x (a + all): {'yes' if m['c'] <= 1.3 * (m['a'] + m['all']) else 'NO'}"),
        ("d", "rebuild after editing one snippet", m["d"], f"d - a = {m['d'] - m['a']:.2f} s",
         f"<= 1.2 x own + 0.5 = {1.2 * m['own'] + 0.5:.2f} s: {'yes' if m['d'] - m['a'] <= 1.2 * m['own'] + 0.5 else 'NO'}"),
        ("e", "peer: mkdocs-jupyter executes notebooks", m["e"], f"b/e = {m['b'] / m['e']:.3f}",
         f"b/e <= 0.1: {'yes' if m['b'] / m['e'] <= 0.1 else 'NO'}"),
        ("", "that snippet's page run alone (own)", m["own"], "", ""),
        ("", "all pages' code, one process (all)", m["all"], "", ""),
    ]
    print(f"\nmedians of {RUNS} runs, {os.cpu_count()} cores; torch imported by (b): {'YES' if torch_in_b else 'no'}\n")
    print("| | build | seconds | ratio | target |\n|---|---|---:|---|---|")
    for key, name, sec, ratio, target in rows:
        print(f"| {key} | {name} | {sec:.2f} | {ratio} | {target} |")


if __name__ == "__main__":
    main()
