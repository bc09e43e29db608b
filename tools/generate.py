"""Generate each page's figures and outputs into generated/, re-running only what changed.

A page is re-run when the hash of its expanded code, of the tools that run it, or of the library
versions changes. Checking the hashes imports neither torch nor matplotlib, so a rebuild with
nothing changed costs milliseconds. Deleting generated/ is always safe.

    python -m tools.generate            # every stale page
    python -m tools.generate --all      # every page
    python -m tools.generate docs/gradient-descent/loss.ko.md
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import platform
import sys
from importlib.metadata import version
from pathlib import Path

from tools.pages import DOCS, ROOT, code_blocks, lang_of, pages, rel
from tools.runner import dark_path

GENERATED = Path(os.environ.get("GENERATED_DIR", ROOT / "generated"))  # the tests build into a fresh one
GENERATED_DOCS = GENERATED / "docs"  # <lang>/<chapter>/{figures,notebooks}/: merged into that language's site
CACHE = GENERATED / "cache"
TOOL_SOURCES = ("tools/pages.py", "tools/runner.py")
VERSIONED = ("torch", "numpy", "matplotlib", "torchviz", "graphviz", "koreanize-matplotlib")  # the last ships the Hangul font


@functools.cache  # reading package metadata took a second per build when asked once per page
def versions() -> dict[str, str]:
    return {"python": platform.python_version(), **{name: version(name) for name in VERSIONED}}


def figure_dir(page: Path) -> Path:
    return GENERATED_DOCS / lang_of(page) / page.parent.relative_to(DOCS) / "figures"


def edition_dir(page: Path) -> Path:
    return GENERATED_DOCS / lang_of(page) / page.parent.relative_to(DOCS) / "notebooks"


def figure_stem(page: Path) -> str:
    return page.name.split(".")[0]


def cache_file(page: Path) -> Path:
    return CACHE / (rel(page) + ".json")


def page_key(page: Path, blocks: list | None = None) -> str:
    h = hashlib.sha256()
    for block in code_blocks(page) if blocks is None else blocks:
        h.update(f"{block.code}\0".encode())  # not line numbers: editing prose runs nothing
    for source in TOOL_SOURCES:
        h.update((ROOT / source).read_bytes())
    h.update(json.dumps(versions(), sort_keys=True).encode())
    return h.hexdigest()


def cached(page: Path, blocks: list | None = None) -> dict | None:
    """The stored run of a page, if it is still current (`blocks`: its code blocks, if already read)."""
    try:
        record = json.loads(cache_file(page).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if record.get("key") != page_key(page, blocks):
        return None
    if not all((figure_dir(page) / f).exists() and dark_path(figure_dir(page) / f).exists() for f in record["figures"]):
        return None
    return record


def failure_file(page: Path) -> Path:
    return CACHE / (rel(page) + ".failed.json")


def failed(page: Path, blocks: list | None = None) -> dict | None:
    """The last run of a page whose code raised, if its code has not changed since (tools/drift.py, tools/accept.py)."""
    try:
        record = json.loads(failure_file(page).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if record.get("key") == page_key(page, blocks) else None


def editions_key(page: Path) -> str:
    h = hashlib.sha256(page.read_bytes())
    for source in ("tools/editions.py", "requirements.txt"):
        h.update((ROOT / source).read_bytes())
    return h.hexdigest()


def refresh_editions(page: Path, record: dict) -> None:
    """Rewrite the notebook and script when the prose changed: no code runs for that."""
    from tools import editions

    key = editions_key(page)
    if record.get("editions_key") == key and all((edition_dir(page) / f).exists() for f in record["editions"]):
        return
    record["editions"] = editions.write(page, record, edition_dir(page))
    record["editions_key"] = key
    cache_file(page).write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")


def stale_pages() -> list[Path]:
    return [p for p in pages() if code_blocks(p) and cached(p) is None]


def generate(page: Path) -> dict:
    from tools.runner import run_page

    out = figure_dir(page)
    out.mkdir(parents=True, exist_ok=True)
    stem = figure_stem(page)
    for old in out.glob(f"{stem}-*.svg"):
        old.unlink()
    results = run_page(code_blocks(page), out, stem)
    errors = [r.error for r in results if r.error]
    record = {
        "key": page_key(page),
        "versions": dict(versions()),
        "outputs": [{"line": r.block.lineno, "stdout": r.stdout, "figures": r.figures} for r in results],
        "figures": [f for r in results for f in r.figures],
        "figure_dir": str(out),
        "errors": errors,
    }
    cache_file(page).parent.mkdir(parents=True, exist_ok=True)
    failure_file(page).unlink(missing_ok=True)
    if not errors:  # a failed run is reported every time, never cached
        refresh_editions(page, record)
    else:  # kept aside for `make serve` (tools/drift.py) and `make accept`, never taken for a good run
        failure_file(page).write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
    return record


def nondeterminism(page: Path) -> list[str]:
    """Run a page twice from nothing; name every output or figure that differs between the runs."""
    import tempfile

    from tools.runner import figure_files, run_page

    runs = []
    for _ in range(2):
        out = Path(tempfile.mkdtemp())
        results = run_page(code_blocks(page), out, figure_stem(page))
        drawn = [out / f for r in results for f in r.figures]
        runs.append(({p.name: p.read_bytes() for f in drawn for p in figure_files(f)}, results))  # twins too
    (figs1, res1), (figs2, res2) = runs
    problems = [f"{r1.block.where}: prints something different on a second run" for r1, r2 in zip(res1, res2)
                if r1.stdout != r2.stdout]
    problems += [f"{rel(page)}: figures/{name} differs between two runs (unseeded randomness? a date?)"
                 for name in sorted(set(figs1) | set(figs2)) if figs1.get(name) != figs2.get(name)]
    return problems


def prune() -> None:
    """Remove what pages that no longer exist left in generated/ (figures, notebooks, scripts)."""
    stems = {(lang_of(p), p.parent.relative_to(DOCS), figure_stem(p)) for p in pages()}
    for path in GENERATED_DOCS.glob("*/**/*.*"):
        lang, *chapter, kind, name = path.relative_to(GENERATED_DOCS).parts
        stem = name.rsplit(".", 1)[0]
        owners = [s for l, c, s in stems if l == lang and c == Path(*chapter)]
        if not any(stem == s or (kind == "figures" and stem.startswith(s + "-")) for s in owners):
            path.unlink()


def main(argv: list[str]) -> int:
    if argv[:1] == ["--twice"]:  # python -m tools.generate --twice docs/x.ko.md ...: reproducibility check
        problems = [p for a in argv[1:] for p in nondeterminism(ROOT / a)]
        print("\n".join(problems) or "identical", file=sys.stderr if problems else sys.stdout)
        return 1 if problems else 0
    todo = [p for p in pages() if code_blocks(p)] if "--all" in argv else \
        [ROOT / a for a in argv] if argv else stale_pages()
    failed = False
    for page in todo:
        record = generate(page)
        for error in record["errors"]:
            print(error, file=sys.stderr)
            failed = True
        print(f"generated {rel(page)}: {len(record['figures'])} figure(s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
