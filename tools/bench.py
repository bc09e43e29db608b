"""`make bench`: build times against a floor and a peer, medians of several runs, in one run.

    (a) floor   a plain build that runs no code (SITE_GENERATE=0), generated files in place
    (b) rebuild nothing changed: no code runs, torch is never imported
    (c) cold    generated/ emptied: every page's code runs, notebooks and figures are rewritten
    (d) touch   one snippet section edited: only the page that shows it runs again
    (e) peer    what a mkdocs user would otherwise do: mkdocs-jupyter executes every notebook
                edition on every build (execute: true, no cache)
    (f) section one section edited of a module that many pages use (loss.py), a section only one
                page shows: that page alone runs again
    (g) prose   a sentence added to a page: no code runs (no page is run, torch is never imported,
                no figure is rewritten); within 1.1 x the floor
    (s1, s2)    the serve loop as an author feels it: `mkdocs serve` running, seconds from saving a
                snippet to the served page showing what the code now prints (tools/drift.py), for a
                change one page shows and for a loss.py change that many pages run

Everything runs in a copy of the project in a temporary folder: the project's own files, generated/
and site/ are never touched. Times are wall-clock; `cpu` is the user + system time of the build and
the processes it started, which other work on the machine disturbs less.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from tools.pages import ROOT

RUNS = int(os.environ.get("BENCH_RUNS", 3))
SKIP = {".git", ".venv", "node_modules", "generated", "site", ".cache", "__pycache__", ".pytest_cache"}
TOUCHED = "snippets/ko/two_variables.py"  # shown by one page only: 3.1 in Korean
TOUCHED_PAGE = "docs/gradient-descent/two-variables.ko.md"
SHARED = "snippets/ko/loss.py"  # its sections are shown by many pages
ONE_PAGE_SECTION = "graph"  # shown by the loss page alone
MANY_PAGES_SECTION = "mse"  # every later page includes it
PROSE_PAGE = "docs/gradient-descent/loss.ko.md"
RAN = re.compile(r"running the code of (\d+) page")


class Project:
    """A copy of the project to build in, with its own generated/ and notebook cache."""

    def __init__(self, tmp: Path):
        self.root = tmp / "project"
        shutil.copytree(ROOT, self.root, ignore=lambda d, names: [n for n in names if n in SKIP])
        (self.root / "node_modules").symlink_to(ROOT / "node_modules")
        self.env = dict(os.environ, GENERATED_DIR=str(tmp / "generated"), NOTEBOOK_CACHE_DIR=str(tmp / "nbcache"),
                        NO_MKDOCS_2_WARNING="1")
        self.generated = tmp / "generated"
        self.build = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(tmp / "site")]

    def text(self, path: str) -> str:
        return (self.root / path).read_text(encoding="utf-8")

    def write(self, path: str, text: str) -> None:
        (self.root / path).write_text(text, encoding="utf-8")

    def timed(self, cmd: list[str], **env) -> tuple[float, float, str]:
        """Wall seconds, CPU seconds (the command and what it started) and its log."""
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        run = subprocess.run(cmd, cwd=self.root, env=dict(self.env, **env), capture_output=True, text=True)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if run.returncode:
            sys.exit(f"bench: {' '.join(cmd)} failed\n{run.stderr[-3000:]}")
        return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), run.stderr

    def figures(self) -> dict[Path, int]:
        return {p: p.stat().st_mtime_ns for p in self.generated.rglob("*.svg")}


def with_line(source: str, section: str, line: str) -> str:
    """The module with `line` added at the end of a snippet section."""
    end = f"# --8<-- [end:{section}]"
    assert end in source, f"bench: no section {section}"
    return source.replace(end, f"{line}\n{end}", 1)


def torch_imported(project: Project, **env) -> bool:
    """-X importtime lists every module the build process imports."""
    imports = subprocess.run([sys.executable, "-X", "importtime", *project.build[1:]], cwd=project.root,
                             env=dict(project.env, **env), capture_output=True, text=True).stderr
    return any(line.split("|")[-1].strip() == "torch" for line in imports.splitlines() if line.startswith("import time:"))


def builds(project: Project) -> tuple[dict[str, list[tuple[float, float]]], dict]:
    times: dict[str, list[tuple[float, float]]] = {k: [] for k in ["a", "b", "c", "d", "e", "f", "g", "own", "all"]}
    facts = {"f_ran": set(), "g_ran": set(), "g_figures_rewritten": False}
    touched, shared, prose = project.text(TOUCHED), project.text(SHARED), project.text(PROSE_PAGE)
    project.timed(project.build)  # warm up the disk cache and generated/
    for n in range(RUNS):
        print(f"run {n + 1}/{RUNS}", file=sys.stderr)
        times["a"].append(project.timed(project.build, SITE_GENERATE="0")[:2])
        times["b"].append(project.timed(project.build)[:2])
        project.write(TOUCHED, with_line(touched, "plot", f"# edit {n}"))
        times["d"].append(project.timed(project.build)[:2])
        project.write(TOUCHED, touched)
        project.timed(project.build)  # back to the committed snippet
        project.write(SHARED, with_line(shared, ONE_PAGE_SECTION, f"# edit {n}"))
        wall, cpu, log = project.timed(project.build)
        times["f"].append((wall, cpu))
        facts["f_ran"].add(sum(int(m) for m in RAN.findall(log)))
        project.write(SHARED, shared)
        project.timed(project.build)
        figures = project.figures()
        project.write(PROSE_PAGE, prose + f"\n문장 하나를 더합니다 ({n}).\n")
        wall, cpu, log = project.timed(project.build)
        times["g"].append((wall, cpu))
        facts["g_ran"].add(sum(int(m) for m in RAN.findall(log)))
        facts["g_figures_rewritten"] |= project.figures() != figures
        project.write(PROSE_PAGE, prose)
        project.timed(project.build)
        times["e"].append(project.timed(project.build, SITE_GENERATE="0", NOTEBOOK_EXECUTE="true",
                                        NOTEBOOK_CACHE="false")[:2])
        shutil.rmtree(project.generated)
        shutil.rmtree(Path(project.env["NOTEBOOK_CACHE_DIR"]), ignore_errors=True)
        times["c"].append(project.timed(project.build)[:2])
        own = {"GENERATED_DIR": str(project.generated.parent / "own")}
        times["own"].append(project.timed([sys.executable, "-m", "tools.generate", TOUCHED_PAGE], **own)[:2])
        times["all"].append(project.timed([sys.executable, "-m", "tools.generate", "--all"], **own)[:2])
    facts["torch_in_b"] = torch_imported(project)
    project.write(PROSE_PAGE, prose + "\n문장 하나를 더합니다.\n")
    facts["torch_in_g"] = torch_imported(project)
    project.write(PROSE_PAGE, prose)
    return times, facts


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def page_shows(url: str, text: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=300) as response:
            return text in response.read().decode("utf-8")
    except OSError:
        return False


def wait_for(url: str, text: str, present: bool = True, timeout: float = 600) -> float:
    start = time.perf_counter()
    while page_shows(url, text) != present:
        if time.perf_counter() - start > timeout:
            sys.exit(f"bench: {url} did not {'show' if present else 'drop'} {text!r} within {timeout} s")
        time.sleep(0.1)
    return time.perf_counter() - start


def serve_loop(project: Project) -> dict[str, list[float]]:
    """Seconds from saving a snippet to `mkdocs serve` serving the page with what the code now prints."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = (project.root.parent / "serve.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project.root, env=project.env, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)
    cases = {"s1": (TOUCHED, "descent", f"{base}/gradient-descent/two-variables/"),
             "s2": (SHARED, MANY_PAGES_SECTION, f"{base}/gradient-descent/loss/")}
    times: dict[str, list[float]] = {k: [] for k in cases}
    try:
        wait_for(f"{base}/", "</html>")
        for key, (module, section, url) in cases.items():
            source = project.text(module)
            for n in range(RUNS):
                mark = f"saved-{key}-{n}"
                project.write(module, with_line(source, section, f"print('{mark}')"))
                times[key].append(wait_for(url, mark))
                project.write(module, source)
                wait_for(url, mark, present=False)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
        log.close()
    return times


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="bench-"))
    load = os.getloadavg()[0]
    try:
        project = Project(tmp)
        many = sum(f'loss.py:{MANY_PAGES_SECTION}"' in p.read_text(encoding="utf-8")
                   for p in (project.root / "docs").rglob("*.ko.md"))
        times, facts = builds(project)
        serve = serve_loop(project)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    m = {k: statistics.median(w for w, _ in v) for k, v in times.items()}
    cpu = {k: statistics.median(c for _, c in v) for k, v in times.items()}
    s = {k: statistics.median(v) for k, v in serve.items()}
    ok = lambda cond: "yes" if cond else "NO"  # noqa: E731
    f_ran = ", ".join(map(str, sorted(facts["f_ran"])))
    g_ran = ", ".join(map(str, sorted(facts["g_ran"])))
    g_no_code = facts["g_ran"] == {0} and not facts["torch_in_g"] and not facts["g_figures_rewritten"]
    rows = [
        ("a", "floor: build without running code", "a", "1.00 x a", ""),
        ("b", "rebuild, nothing changed", "b", f"{m['b'] / m['a']:.2f} x a", f"b/a <= 1.2: {ok(m['b'] / m['a'] <= 1.2)}"),
        ("c", "cold build (generated/ emptied)", "c", f"{m['c'] / (m['a'] + m['all']):.2f} x (a + all)",
         f"c <= 1.3 x (a + all): {ok(m['c'] <= 1.3 * (m['a'] + m['all']))}"),
        ("d", "rebuild after editing one snippet", "d", f"d - a = {m['d'] - m['a']:.2f} s",
         f"<= 1.2 x own + 0.5 = {1.2 * m['own'] + 0.5:.2f} s: {ok(m['d'] - m['a'] <= 1.2 * m['own'] + 0.5)}"),
        ("e", "peer: mkdocs-jupyter executes notebooks", "e", f"b/e = {m['b'] / m['e']:.3f}",
         f"b/e <= 0.1: {ok(m['b'] / m['e'] <= 0.1)}"),
        ("f", f"one section edited that 1 page uses (loss.py [{ONE_PAGE_SECTION}]; loss.py is run by {many} pages)",
         "f", f"f - a = {m['f'] - m['a']:.2f} s; pages run: {f_ran}", f"1 page runs: {ok(facts['f_ran'] == {1})}"),
        ("g", "prose-only edit (a sentence added to the loss page)", "g", f"{m['g'] / m['a']:.2f} x a "
         f"(cpu {cpu['g'] / cpu['a']:.2f} x); pages run: {g_ran}",
         f"g/a <= 1.1: {ok(m['g'] / m['a'] <= 1.1)}; runs no code: {ok(g_no_code)}"),
        ("", "that snippet's page run alone (own)", "own", "", ""),
        ("", "all pages' code, one process (all)", "all", "", ""),
    ]
    print(f"\nmedians of {RUNS} runs, {os.cpu_count()} cores, load average {load:.1f} at the start and "
          f"{os.getloadavg()[0]:.1f} at the end; torch imported by (b): {'YES' if facts['torch_in_b'] else 'no'}, "
          f"by (g): {'YES' if facts['torch_in_g'] else 'no'}\n")
    print("| | build | seconds | cpu s | ratio | target |\n|---|---|---:|---:|---|---|")
    for key, name, k, ratio, target in rows:
        print(f"| {key} | {name} | {m[k]:.2f} | {cpu[k]:.2f} | {ratio} | {target} |")
    print(f"| s1 | serve: save a snippet one page shows -> the page shows its new output | {s['s1']:.2f} | | "
          f"{' / '.join(f'{t:.1f}' for t in serve['s1'])} | |")
    print(f"| s2 | serve: save loss.py [{MANY_PAGES_SECTION}] ({many} pages run again) -> the loss page shows it | "
          f"{s['s2']:.2f} | | {' / '.join(f'{t:.1f}' for t in serve['s2'])} | |")


if __name__ == "__main__":
    main()
