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
import os
import re
import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs_jupyter.plugin import NotebookFile

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # mkdocs loads this file by path

from tools import generate  # noqa: E402
from tools.pages import ROOT, code_blocks, pages  # noqa: E402
from tools.runner import output_diff  # noqa: E402

log = logging.getLogger("mkdocs.hooks")
DEFAULT_LANGUAGE = "ko"
KATEX_DIST = ROOT / "node_modules" / "katex" / "dist"
MATH_CACHE = generate.CACHE / "math.json"
MATH = re.compile(r'<(?P<tag>span|div) class="arithmatex">(?:\\\((?P<inline>.*?)\\\)|\\\[(?P<display>.*?)\\\])</(?P=tag)>', re.S)


def on_pre_build(config, **kwargs):
    # mkdocs-jupyter evicts cache entries the current build did not use; i18n builds one language at
    # a time, so one shared folder would lose the other language's entries on every build
    jupyter = config.plugins.get("mkdocs-jupyter")
    if jupyter:
        base = jupyter.config.setdefault("_cache_root", jupyter.config["cache_dir"])
        jupyter.config["cache_dir"] = os.path.join(base, _language(config))
    if os.environ.get("SITE_GENERATE") == "0":  # the benchmark's floor: no code runs, nothing is checked
        return
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
        generate.refresh_editions(page, record)
        for block, run in zip(code_blocks(page), record["outputs"]):
            problem = output_diff(block, run["stdout"])
            if problem:
                log.warning(problem)


def _language(config) -> str:
    i18n = config.plugins.get("i18n")
    return i18n.current_language if i18n else "ko"


@event_priority(-200)  # after mkdocs-static-i18n (-100) has sorted docs/ into languages
def on_files(files, config, **kwargs):
    """Serve generated/docs/<lang>/ as part of that language's docs/, and KaTeX's stylesheet and fonts.

    Added after i18n, which would drop notebook pages from outside docs/, and wrapped here
    rather than by mkdocs-jupyter, which gives notebooks no language folder (ultrabug/mkdocs-static-i18n#198).
    """
    lang = _language(config)
    prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
    root = generate.GENERATED_DOCS / lang
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        file = File(path.relative_to(root).as_posix(), str(root), config["site_dir"], config["use_directory_urls"],
                    inclusion=InclusionLevel.NOT_IN_NAV)  # reached from their tutorial page
        file.dest_uri = prefix + file.dest_uri  # url and abs_dest_path follow
        if path.suffix == ".ipynb":
            file = NotebookFile(file, config["use_directory_urls"], config["site_dir"])
            file.inclusion = InclusionLevel.NOT_IN_NAV
            file.dest_path = prefix + file.dest_path  # NotebookFile re-derives them from the source name
            file.abs_dest_path = os.path.normpath(os.path.join(config["site_dir"], file.dest_path))
            file.url = prefix + file.url
        files.append(file)
    if not KATEX_DIST.exists():
        raise PluginError("KaTeX is not installed: run `make setup` (npm ci installs it into node_modules/)")
    for path in [KATEX_DIST / "katex.min.css", *sorted((KATEX_DIST / "fonts").glob("*.woff2"))]:
        files.append(File.generated(config, "assets/katex/" + path.relative_to(KATEX_DIST).as_posix(),
                                    abs_src_path=str(path)))
    return files


def on_page_markdown(markdown, page, config, files, **kwargs):
    """Under the title of a tutorial page: its notebook and script, and the versions its outputs were checked with."""
    src = page.file.abs_src_path
    if not src or not src.endswith(".md") or Path(src).parent == ROOT / "docs":
        return markdown
    record = generate.cached(Path(src))
    if record is None:
        return markdown
    stem = Path(src).name.split(".")[0]
    words = EDITION_TEXT[_language(config)]
    v = record["versions"]
    # mkdocs-jupyter copies the .ipynb next to the notebook page: <chapter>/notebooks/<stem>/<stem>.ipynb
    banner = (f'!!! info "{words["title"]}"\n'
              f'    [{words["notebook"]}](notebooks/{stem}.ipynb) · '
              f'<a href="../notebooks/{stem}/{stem}.ipynb" download>{words["download"]} .ipynb</a> · '
              f'[{words["download"]} .py](notebooks/{stem}.py){{: download="{stem}.py" }}\n\n'
              f'    {words["verified"]}: Python {v["python"]}, torch {v["torch"]}, numpy {v["numpy"]}, '
              f'matplotlib {v["matplotlib"]}\n')
    title, sep, rest = markdown.partition("\n\n")
    return f"{title}\n\n{banner}\n{rest}" if title.startswith("# ") else markdown


EDITION_TEXT = {
    "ko": {"title": "이 페이지를 직접 실행하기", "notebook": "노트북으로 보기", "download": "내려받기",
           "verified": "이 페이지의 출력은 다음 환경에서 실행해 검증했습니다", "page": "원래 페이지로"},
    "en": {"title": "Run this page yourself", "notebook": "View as a notebook", "download": "Download",
           "verified": "The outputs on this page were checked by running them with", "page": "Back to the page"},
}


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


NOTEBOOK_SCRIPTS = re.compile(r'<!-- Load mathjax -->\s*<script src=""> </script>|<!-- MathJax configuration -->\s*'
                              r'<script type="text/x-mathjax-config">.*?</script>\s*<!-- End of mathjax configuration -->|'
                              r'<script type="module">.*?</script>', re.S)
NOTEBOOK_MATH = re.compile(r"\$\$(?P<display>.+?)\$\$|(?<![\\$])\$(?!\s)(?P<inline>[^$\n]+?)(?<!\s)\$", re.S)


def _notebook_page(content: str, page) -> str:
    """nbconvert's HTML loads MathJax and mermaid from CDNs: drop both, render the math with KaTeX,
    and offer the two downloads at the top."""
    content = NOTEBOOK_SCRIPTS.sub("", content)
    content = re.sub(r"<style[^>]*>.*?</style>", "", content, flags=re.S)  # JupyterLab's theme: extra.css stands in
    content = content.replace('class="highlight-ipynb', 'class="highlight highlight-ipynb')  # Material's colours
    parts = re.split(r"(<pre.*?</pre>|<svg.*?</svg>|<style.*?</style>)", content, flags=re.S)
    for i in range(0, len(parts), 2):
        found = list(NOTEBOOK_MATH.finditer(parts[i]))
        if found:
            rendered = iter(_render([(html.unescape(m["display"] or m["inline"]).strip(), m["display"] is not None)
                                     for m in found]))
            parts[i] = NOTEBOOK_MATH.sub(lambda m: next(rendered), parts[i])
    stem = Path(page.file.src_uri).stem
    words = EDITION_TEXT["en" if page.file.dest_path.startswith("en/") else "ko"]
    links = (f'<p class="edition-downloads"><a href="{stem}.ipynb" download>{words["download"]} .ipynb</a> · '
             f'<a href="../{stem}.py" download>{words["download"]} .py</a> · '
             f'<a href="../../{stem}/">{words["page"]}</a></p>')
    return links + "".join(parts)


FIGURE_IMG = re.compile(r'<img (?P<attrs>[^>]*?)src="(?P<src>[^"]*figures/(?P<name>[\w-]+\.svg))"')
SVG_SIZE = re.compile(r'<svg[^>]*?width="(?P<w>[\d.]+)(?P<unit>pt|px)?"[^>]*?height="(?P<h>[\d.]+)(?:pt|px)?"', re.S)


def _size_figures(content: str, page, config) -> str:
    """Give each figure its size (no layout shift) and let the browser load it only when needed."""
    folder = generate.GENERATED_DOCS / _language(config) / Path(page.file.src_uri).parent / "figures"

    def sized(m):
        svg = folder / m["name"]
        size = SVG_SIZE.search(svg.read_text(encoding="utf-8")[:2000]) if svg.exists() else None
        px = 4 / 3 if size and size["unit"] == "pt" else 1  # 1 pt = 4/3 CSS px
        dims = f'width="{round(float(size["w"]) * px)}" height="{round(float(size["h"]) * px)}" ' if size else ""
        return f'<img {m["attrs"]}{dims}loading="lazy" decoding="async" src="{m["src"]}"'

    return FIGURE_IMG.sub(sized, content)


HEAD_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog"'


def on_post_page(output, page, config, **kwargs):
    """Two fixes to Material's page shell.

    - Material fetches `sitemap.xml` under every <link rel="alternate"> in the head, which
      mkdocs-static-i18n points at the same page in the other language: two 404s per page.
      Those links go; the language alternates stay in the language switcher and in sitemap.xml.
    - The search dialog gets an accessible name.
    """
    output = HEAD_ALTERNATE.sub("", output)
    label = "검색" if _language(config) == "ko" else "Search"
    return output.replace(SEARCH_DIALOG, f'{SEARCH_DIALOG} aria-label="{label}"')


def on_page_content(content, page, config, files, **kwargs):
    if page.file.src_uri.endswith(".ipynb"):
        page.meta["search"] = {"exclude": True}  # the tutorial page is the one to find
        try:
            return _notebook_page(content, page)
        except PluginError as e:
            raise PluginError(f"{page.file.src_uri}: {e}") from None
    content = _size_figures(content, page, config)
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
