"""MkDocs hooks: generated figures, build-time math, and output checks.

- on_pre_build: re-run the pages whose code changed (tools/generate.py, in a subprocess so
  the build process never imports torch) and warn, with file and line, where a documented
  output no longer matches what the code prints (`mkdocs build --strict` then fails).
- on_files: serve generated/docs/ as part of docs/, and KaTeX's stylesheet and fonts.
- on_page_content: render $...$ and $$...$$ (marked up by pymdownx.arithmatex) with KaTeX,
  so math needs no CDN and no JavaScript.
"""

from __future__ import annotations

import html
import json
import logging
import re
import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # mkdocs loads this file by path

from tools import generate  # noqa: E402
from tools.pages import ROOT, code_blocks, pages  # noqa: E402
from tools.runner import output_diff  # noqa: E402

log = logging.getLogger("mkdocs.hooks")
KATEX_DIST = ROOT / "node_modules" / "katex" / "dist"
MATH_CACHE = generate.CACHE / "math.json"
MATH = re.compile(r'<(?P<tag>span|div) class="arithmatex">(?:\\\((?P<inline>.*?)\\\)|\\\[(?P<display>.*?)\\\])</(?P=tag)>', re.S)


def on_pre_build(config, **kwargs):
    stale = generate.stale_pages()
    if stale:
        log.info("running the code of %d page(s)", len(stale))
        run = subprocess.run([sys.executable, "-m", "tools.generate", *map(str, stale)],
                             cwd=ROOT, capture_output=True, text=True)
        if run.returncode:
            raise PluginError(run.stderr.strip())
    for page in pages():
        record = generate.cached(page)
        if record is None:
            continue
        printed = {o["line"]: o["stdout"] for o in record["outputs"]}
        for block in code_blocks(page):
            problem = output_diff(block, printed.get(block.lineno, ""))
            if problem:
                log.warning(problem)


@event_priority(100)  # before mkdocs-static-i18n sorts files into languages
def on_files(files, config, **kwargs):
    for path in sorted(generate.GENERATED_DOCS.rglob("*")):
        if path.is_file():
            files.append(File(path.relative_to(generate.GENERATED_DOCS).as_posix(),
                              str(generate.GENERATED_DOCS), config["site_dir"], config["use_directory_urls"]))
    if not KATEX_DIST.exists():
        raise PluginError("KaTeX is not installed: run `make setup` (npm ci installs it into node_modules/)")
    assets = [KATEX_DIST / "katex.min.css", *sorted((KATEX_DIST / "fonts").glob("*.woff2"))]
    for path in assets:
        files.append(File.generated(config, "assets/katex/" + path.relative_to(KATEX_DIST).as_posix(),
                                    abs_src_path=str(path)))
    return files


_math_cache: dict[str, str] | None = None


def _render(formulas: list[tuple[str, bool]]) -> list[str]:
    global _math_cache
    if _math_cache is None:
        try:
            _math_cache = json.loads(MATH_CACHE.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            _math_cache = {}
    keys = [f"{int(d)}{tex}" for tex, d in formulas]
    todo = sorted({k for k in keys if k not in _math_cache})
    if todo:
        run = subprocess.run(["node", str(ROOT / "tools" / "katex_render.js")], cwd=ROOT, text=True,
                             input=json.dumps([[k[1:], k[0] == "1"] for k in todo]), capture_output=True)
        if run.returncode:
            raise PluginError(run.stderr.strip())
        _math_cache.update(zip(todo, json.loads(run.stdout)))
        MATH_CACHE.parent.mkdir(parents=True, exist_ok=True)
        MATH_CACHE.write_text(json.dumps(_math_cache, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    return [_math_cache[k] for k in keys]


def on_page_content(content, page, config, files, **kwargs):
    found = list(MATH.finditer(content))
    if not found:
        return content
    formulas = [(html.unescape(m["inline"] if m["inline"] is not None else m["display"]).strip(),
                 m["display"] is not None) for m in found]
    try:
        rendered = iter(_render(formulas))
    except PluginError as e:
        raise PluginError(f"{page.file.src_uri}: {e}") from None
    return MATH.sub(lambda m: next(rendered), content)
