"""How the suite runs: fast checks first, one message per cause, and where the time went.

Loaded for every run (`-p tests.suite` in pyproject.toml), with tests/page_blocks.py.

- **Order.** Every test gets a tier, and the tiers run in this order, so that `pytest -x` stops on an
  author's mistake within a minute:

      checks    reads the sources: no code runs, nothing is built (the default)
      pages     a page's blocks run and their outputs are compared (docs/**/*.md, tests/page_blocks.py)
      code      the pages' code runs another way (notebook and script editions): `@pytest.mark.runs_pages`
      site      needs the built site: uses the `site` or `served` fixture (tests/conftest.py)
      browser   drives Chromium: uses the `browser` fixture
      slow      a round trip in a copy of the project (uses the `project` fixture, or `@pytest.mark.slow`)

  A test's tier is the highest that applies; `@pytest.mark.tier("site")` sets it outright. Under
  pytest-xdist the same order holds: a scheduler deals out the work in tier order (a page's blocks stay
  together on one worker, as do the tests of a file that share a module-scoped fixture; the site, browser
  and slow tests are dealt out one by one, so that no worker idles at the end).
- **One cause, one message.** A page whose blocks fail is recorded in the run's folder; the tests that
  run the same page again (notebook, script) skip with "its page test failed: see <test>" instead of
  failing a second time (`skip_if_page_failed`), and so does the site build when its only errors are in
  those pages (tests/conftest.py).
- **Where the time goes.** The run ends with the seconds spent per file, wall and CPU (the CPU includes
  the processes a test started and waited for), the files that took longest first: `--file-times=N` shows
  N files (0: all, default 10). `--durations=0` still lists every test.
"""

from __future__ import annotations

import json
import os
import resource
import time
from collections import defaultdict
from pathlib import Path

import pytest

TIERS = ("checks", "pages", "code", "site", "browser", "slow")
SITE_FIXTURES = {"site", "served", "site_generated"}
BROWSER_FIXTURES = {"browser"}
SLOW_FIXTURES = {"project"}
TIER_FILE = "tiers.json"


def pytest_addoption(parser):
    group = parser.getgroup("suite", "order and timing of the suite (tests/suite.py)")
    group.addoption("--file-times", type=int, default=10, metavar="N",
                    help="after the run, the N files that took longest, with wall and CPU seconds (0: every file)")


def pytest_configure(config):
    for line in ("tier(name): run this test in tier `name` (checks, pages, code, site, browser, slow)",
                 "runs_pages: runs every page's code again (notebook, script): tier `code`",
                 "slow: a round trip in a copy of the project: tier `slow`, after everything else",
                 "browser: drives Chromium (set by the `browser` fixture): tier `browser`"):
        config.addinivalue_line("markers", line)
    if hasattr(config.option, "loadscopereorder"):
        config.option.loadscopereorder = False  # keep the tier order (xdist would deal out the biggest files first)


# --- the run's shared folder and the pages' outcomes ------------------------------------------------------

def run_folder(config) -> Path:
    """The folder every process of this run shares: pytest's base temp (under xdist, the workers' parent)."""
    base = config._tmp_path_factory.getbasetemp()
    return base.parent if hasattr(config, "workerinput") else base


def _state_file(config, page: str) -> Path:
    folder = run_folder(config) / "pages"
    folder.mkdir(exist_ok=True)
    return folder / (page.replace("/", "__") + ".json")


def record_page(config, page: str, state: str, test: str = "", **more) -> None:
    """A page's test is running, passed, or failed (`test`: the failing test's id); `more`: what else it
    leaves for the other tests (the folder of the figures it drew)."""
    path = _state_file(config, page)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps({"state": state, "test": test, **more}), encoding="utf-8")
    tmp.replace(path)


def page_outcome(config, page: str, quiet: float = 90) -> dict | None:
    """How this run's test of `page` (docs/<chapter>/<page>.<lang>.md) ended: {"state": "passed" | "failed",
    "test": ...}, or None when the run has none. Waits while another worker is running it (each of its
    blocks says so; a page silent for `quiet` seconds, e.g. one whose last block was deselected, is given up)."""
    path = _state_file(config, page)
    while True:
        try:
            found = json.loads(path.read_text(encoding="utf-8"))
            age = time.time() - path.stat().st_mtime
        except (OSError, ValueError):
            return None
        if found["state"] != "running":
            return found
        if age > quiet:
            return None
        time.sleep(0.2)


def skip_if_page_failed(request, page) -> None:
    """Skip a test that runs `page`'s code again when the page's own test failed in this run: one message
    per cause (the page test's, which names the block and the diff)."""
    from tools.pages import rel

    found = page_outcome(request.config, rel(Path(page)))
    if found and found["state"] == "failed":
        pytest.skip(f"its page test failed: see {found['test']}")


# --- order ------------------------------------------------------------------------------------------------

def tier_of(item) -> int:
    marker = item.get_closest_marker("tier")
    if marker:
        return TIERS.index(marker.args[0])
    names = set(getattr(item, "fixturenames", ()))
    tier = 0
    if getattr(item, "is_page_block", False):
        tier = 1
    if item.get_closest_marker("runs_pages"):
        tier = max(tier, 2)
    if names & SITE_FIXTURES:
        tier = max(tier, 3)
    if names & BROWSER_FIXTURES or item.get_closest_marker("browser"):
        tier = max(tier, 4)
    if names & SLOW_FIXTURES or item.get_closest_marker("slow"):
        tier = 5
    return tier


def _shares_a_module_fixture(item) -> bool:
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return True
    return any(d.scope in ("module", "class", "package") for defs in info.name2fixturedefs.values() for d in defs)


def unit_of(item, tier: int) -> str:
    """What one worker runs together: a page (its blocks share a session), a file whose tests share a
    module-scoped fixture or are quick, or, from the site tier on, each test on its own."""
    file = item.nodeid.split("::", 1)[0]
    if tier >= 3 and not _shares_a_module_fixture(item):
        return item.nodeid
    return f"{file}@{TIERS[tier]}"


def pytest_collection_modifyitems(session, config, items):
    tiers = {id(item): tier_of(item) for item in items}
    items.sort(key=lambda item: tiers[id(item)])  # stable: the collection order within a tier
    if hasattr(config, "workerinput"):  # the controller deals out work units by tier (TieredScheduling)
        path = run_folder(config) / f"{TIER_FILE}.{config.workerinput['workerid']}"
        units = {item.nodeid: [tiers[id(item)], unit_of(item, tiers[id(item)])] for item in items}
        path.with_suffix(".tmp").write_text(json.dumps(units), encoding="utf-8")
        path.with_suffix(".tmp").replace(path)


@pytest.hookimpl(tryfirst=True, optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class TieredScheduling(LoadScopeScheduling):
        """`--dist loadfile`, with the work units and their order of tests/suite.py."""

        units: dict | None = None

        def _split_scope(self, nodeid: str) -> str:
            if self.units is None:
                found = sorted(run_folder(config).glob(f"{TIER_FILE}.*"))
                self.units = json.loads(found[0].read_text(encoding="utf-8")) if found else {}
            return self.units.get(nodeid, [0, nodeid.split("::", 1)[0]])[1]

        # schedule() queues the units in the order of their first test: the workers sorted their
        # collection by tier, and loadscopereorder is off (pytest_configure)

    return TieredScheduling(config, log)


# --- where the time went --------------------------------------------------------------------------------

def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _timed(item, phase):
    start = _cpu()
    yield
    item.__dict__.setdefault("_suite_cpu", {})[phase] = _cpu() - start


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item):
    yield from _timed(item, "setup")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    yield from _timed(item, "call")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item):
    yield from _timed(item, "teardown")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    report.user_properties.append(("cpu_s", item.__dict__.get("_suite_cpu", {}).get(call.when, 0.0)))


FILE_TIMES: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])  # file -> [wall, cpu, tests]


def pytest_runtest_logreport(report):
    entry = FILE_TIMES[report.nodeid.split("::", 1)[0]]
    entry[0] += report.duration
    entry[1] += dict(report.user_properties).get("cpu_s", 0.0)
    entry[2] += report.when == "call"


def pytest_terminal_summary(terminalreporter, config):
    if hasattr(config, "workerinput") or not FILE_TIMES or len(FILE_TIMES) < 2:
        return
    shown = config.getoption("file_times")
    rows = sorted(FILE_TIMES.items(), key=lambda kv: -kv[1][0])
    total_wall = sum(v[0] for v in FILE_TIMES.values())
    total_cpu = sum(v[1] for v in FILE_TIMES.values())
    terminalreporter.write_sep("=", f"seconds per file (worker wall {total_wall:.0f} s, cpu {total_cpu:.0f} s; "
                                    f"--file-times=0 lists all)")
    for name, (wall, cpu, tests) in rows[: shown or None]:
        terminalreporter.write_line(f"{wall:8.1f} s wall {cpu:8.1f} s cpu {tests:5d} tests  {name}")
