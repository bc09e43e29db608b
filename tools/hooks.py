"""MkDocs hooks: generated figures and editions, build-time math, output checks.

- on_pre_build: re-run the pages whose code changed (tools/generate.py, in a subprocess so
  the build process never imports torch), refresh their notebook and script editions, and
  warn, with file and line, where a documented output no longer matches what the code prints
  (`mkdocs build --strict` then fails).
- on_files: serve generated/docs/<lang>/ (figures, notebooks, scripts) as part of that
  language's docs/, and the math font (tools/mathml.py).
- on_page_markdown: the "run this page yourself" box with the editions and the versions the
  outputs were checked with.
- on_page_content: render $...$ and $$...$$ as MathML (tools/mathml.py), size
  the figures, and make notebook pages self-contained.
- on_post_page: fixes to Material's page shell.
- on_post_build: one search index per language, with the Korean spellings (tools/search.py);
  with SITE_PDF=1, the chapter as one PDF per language (tools/pdf.py).
"""

from __future__ import annotations

import base64
import html
import json
import logging
import math
import os
import posixpath
import re
import subprocess
import sys
from pathlib import Path

from jinja2 import BytecodeCache
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs_jupyter.plugin import NotebookFile
from nbconvert.exporters.templateexporter import TemplateExporter

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # mkdocs loads this file by path

from tools import drift, generate, home, mathml, runner, search  # noqa: E402
from tools.pages import ROOT, code_blocks, module_of, pages  # noqa: E402

log = logging.getLogger("mkdocs.hooks")


class _CompiledTemplates(BytecodeCache):
    """nbconvert compiles its Jinja templates anew for every notebook (most of a notebook page's
    build time); keep the compiled code in memory for the whole build. Jinja checks each entry
    against the template's source, so a changed template is compiled again."""

    def __init__(self):
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket):
        self.code[bucket.key] = bucket.bytecode_to_string()


def _environment_with_compiled_templates(exporter, _create=TemplateExporter._create_environment,
                                         _cache=_CompiledTemplates()):
    environment = _create(exporter)
    environment.bytecode_cache = _cache
    return environment


TemplateExporter._create_environment = _environment_with_compiled_templates
DEFAULT_LANGUAGE = "ko"


_jupyter_cache_root: str | None = None


def on_startup(command, **kwargs):
    drift.SERVING = command == "serve"  # only `mkdocs serve` shows drift on the page itself (tools/drift.py)


def on_pre_build(config, **kwargs):
    # mkdocs-jupyter evicts cache entries the current build did not use; i18n builds one language at
    # a time, so one shared folder would lose the other language's entries on every build
    global _jupyter_cache_root
    jupyter = config.plugins.get("mkdocs-jupyter")
    if jupyter:
        _jupyter_cache_root = _jupyter_cache_root or jupyter.config["cache_dir"]
        jupyter.config["cache_dir"] = os.path.join(_jupyter_cache_root, _language(config))
    if os.environ.get("SITE_GENERATE") == "0":  # the benchmark's floor: no code runs, nothing is checked
        return
    i18n = config.plugins.get("i18n")
    if i18n and i18n.building:  # another language of the same build: the first one ran and checked every page
        return
    generate.prune()
    blocks = {page: code_blocks(page) for page in pages()}
    stale = [page for page, b in blocks.items()
             if b and generate.cached(page, b) is None and not drift.known_failure(page, b)]
    if stale:
        log.info("running the code of %d page(s)", len(stale))
        # two processes share the pages, one for each core
        runs = [subprocess.Popen([sys.executable, "-m", "tools.generate", *map(str, stale[i::2])], cwd=ROOT,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
                for i in range(min(2, len(stale)))]
        errors = [run.communicate()[1].strip() for run in runs]
        if any(run.returncode for run in runs):
            if not drift.SERVING:  # under serve, the page shows its traceback instead (tools/drift.py)
                raise PluginError("\n".join(e for e in errors if e))
            log.warning("\n".join(e for e in errors if e))
    for page, page_blocks in blocks.items():
        record = generate.cached(page, page_blocks) if page_blocks else None
        if record is not None:
            generate.refresh_editions(page, record)
        for problem in drift.check(page, page_blocks, record):
            log.warning(problem)


def _language(config) -> str:
    i18n = config.plugins.get("i18n")
    return i18n.current_language if i18n else DEFAULT_LANGUAGE


@event_priority(-200)  # after mkdocs-static-i18n (-100) has sorted docs/ into languages
def on_files(files, config, **kwargs):
    """Serve generated/docs/<lang>/ as part of that language's docs/, and the math font.

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
    files.append(File.generated(config, mathml.FONT_URL, content=mathml.font()))
    return files


def on_page_markdown(markdown, page, config, files, **kwargs):
    """Under the title of a tutorial page, the run box: its notebook (to view, to download, to open in Colab),
    its script, its snippet module, the chapter's PDF, and the versions its outputs were checked with.
    The home page links the PDF too."""
    src = page.file.abs_src_path
    if not src or not src.endswith(".md"):
        return markdown
    lang = _language(config)
    markdown = drift.page_markdown(markdown, Path(src), lang)  # serve only: the box and marks
    words = EDITION_TEXT[lang]
    to_root = "../" * page.url.count("/")
    pdf = (f'<a href="{to_root}{PDF.format(lang=lang)}" download>{words["pdf"]}</a>'
           if os.environ.get("SITE_PDF") == "1" else "")  # made by the deploy build and `make pdf` only
    title, sep, rest = markdown.partition("\n\n")
    if not title.startswith("# "):
        return markdown
    if Path(src).parent == ROOT / "docs":  # the home page: the chapters' cards and the PDF link (tools/home.py)
        return home.expand(markdown, lang, pdf)
    record = generate.cached(Path(src))
    if record is None or drift.problems(Path(src)):  # serve: a page whose outputs do not all match has no banner
        return markdown
    stem = Path(src).name.split(".")[0]
    v = record["versions"]
    module = module_of(Path(src))
    # mkdocs-jupyter copies the .ipynb next to the notebook page: <chapter>/notebooks/<stem>/<stem>.ipynb;
    # the deploy workflow publishes the site to the gh-pages branch, where Colab reads it
    notebook = f"{page.url.rsplit('/', 2)[0]}/notebooks/{stem}/{stem}.ipynb"
    repo = re.match(r"https://github\.com/([^/]+/[^/]+?)/?$", config["repo_url"] or "")
    links = [f'[{words["notebook"]}](notebooks/{stem}.ipynb)',
             f'<a href="../notebooks/{stem}/{stem}.ipynb" download>{words["download"]} .ipynb</a>',
             f'[{words["download"]} .py](notebooks/{stem}.py){{: download="{stem}.py" }}']
    if repo:
        links.insert(1, f'<a href="{COLAB.format(repo=repo[1], path=notebook)}">{words["colab"]}</a>')
        links.append(f'<a href="{config["repo_url"].rstrip("/")}/blob/main/{module}">{words["source"]}: {module}</a>')
    pdf_link = f'<span class="pdf-link"> · {pdf}</span>' if pdf else ""  # the PDF leaves it out (tools/pdf.py)
    banner = (f'!!! info "{words["title"]}"\n'
              f'    {" · ".join(links)}{pdf_link}\n\n'
              f'    {words["verified"]}: Python {v["python"]}, torch {v["torch"]}, numpy {v["numpy"]}, '
              f'matplotlib {v["matplotlib"]}\n')
    return f"{title}\n\n{banner}\n{rest}"


PDF = "pdf/first-steps-in-ml.{lang}.pdf"  # tools/pdf.py writes both languages' PDFs there
COLAB = "https://colab.research.google.com/github/{repo}/blob/gh-pages/{path}"
EDITION_TEXT = {
    "ko": {"title": "이 페이지를 직접 실행하기", "notebook": "노트북으로 보기", "download": "내려받기",
           "colab": "Colab에서 열기", "source": "코드", "pdf": "이 장 전체를 PDF로 내려받기",
           "verified": "이 페이지의 출력은 다음 환경에서 실행해 검증했습니다", "page": "원래 페이지로"},
    "en": {"title": "Run this page yourself", "notebook": "View as a notebook", "download": "Download",
           "colab": "Open in Colab", "source": "Code", "pdf": "Download the whole chapter as a PDF",
           "verified": "The outputs on this page were checked by running them with", "page": "Back to the page"},
}


NOTEBOOK_SCRIPTS = re.compile(r'<!-- Load mathjax -->\s*<script src=""> </script>|<!-- MathJax configuration -->\s*'
                              r'<script type="text/x-mathjax-config">.*?</script>\s*<!-- End of mathjax configuration -->|'
                              r'<script type="module">.*?</script>', re.S)


def _notebook_page(content: str, page, config) -> str:
    """nbconvert's HTML loads MathJax and mermaid from CDNs: drop both, render the math as MathML,
    and offer the two downloads at the top."""
    content = NOTEBOOK_SCRIPTS.sub("", content)
    content = re.sub(r"<style[^>]*>.*?</style>", "", content, flags=re.S)  # JupyterLab's theme: extra.css stands in
    content = content.replace('class="highlight-ipynb', 'class="highlight highlight-ipynb')  # Material's colours
    content = _notebook_figures(content, page, config)  # the site's figures: dark and phone twins
    parts = re.split(r"(<pre.*?</pre>|<svg.*?</svg>)", content, flags=re.S)  # math only in the prose
    for i in range(0, len(parts), 2):
        parts[i] = mathml.replace(mathml.TEX, parts[i])
    stem = Path(page.file.src_uri).stem
    words = EDITION_TEXT[_language(config)]
    links = (f'<p class="edition-downloads"><a href="{stem}.ipynb" download>{words["download"]} .ipynb</a> · '
             f'<a href="../{stem}.py" download>{words["download"]} .py</a> · '
             f'<a href="../../{stem}/">{words["page"]}</a></p>')
    return links + "".join(parts)


FIGURE_IMG = re.compile(r'<img (?P<attrs>[^>]*?)src="(?P<src>[^"]*figures/(?P<name>[\w-]+)\.svg)"(?P<rest>[^>]*)>')
SVG_SIZE = re.compile(r'<svg[^>]*?width="(?P<w>[\d.]+)(?P<unit>pt|px)?"[^>]*?height="(?P<h>[\d.]+)(?:pt|px)?"', re.S)


# Material's content column, where it is narrowest (inside a solution box), at a viewport V CSS px wide:
# V - 58 px below 960 px; from 960 px the table of contents takes its side and the column stays 660 px or more
COLUMN_GUTTER_PX = 58
TOC_FROM_PX = 960


def _dims(svg_text: str) -> str:
    size = SVG_SIZE.search(svg_text[:2000])
    px = 4 / 3 if size and size["unit"] == "pt" else 1  # 1 pt = 4/3 CSS px
    return f'width="{round(float(size["w"]) * px)}" height="{round(float(size["h"]) * px)}" ' if size else ""


def figure_markup(svg: Path, src: str, attrs: str = "", rest: str = "") -> str:
    """A figure as the reader gets it: twice, for the light and the dark scheme (Material shows `#only-light`
    and `#only-dark` images in one scheme only, and a lazy image that is not shown is never downloaded), each
    with its size (no layout shift). A figure with phone twins (tools/runner.py) sits in a <picture> whose
    <source> takes over below the viewport width where the wide figure's smallest text would render under
    runner.PHONE_TEXT_PX; `screen` keeps the PDF (tools/pdf.py prints in print media) on the wide figure."""
    text = svg.read_text(encoding="utf-8") if svg.exists() else ""
    dims = _dims(text)
    out = []
    for scheme, suffix in (("light", ".svg"), ("dark", ".dark.svg")):
        img = f'<img {attrs}{dims}loading="lazy" decoding="async" src="{src.removesuffix(".svg")}{suffix}#only-{scheme}"{rest}>'
        phone = runner.phone_path(svg)
        if phone.exists():
            smallest, width = runner.text_size(text)
            needs = runner.PHONE_TEXT_PX * width / smallest + COLUMN_GUTTER_PX  # viewport where the wide one reads
            media = f"screen and (max-width: {min(math.ceil(needs), TOC_FROM_PX) - 1}px)"
            twin = src.removesuffix(".svg") + ".phone" + suffix
            phone_dims = _dims(phone.read_text(encoding="utf-8")[:2000])
            img = f'<picture><source media="{media}" srcset="{twin}" {phone_dims.strip()}>{img}</picture>'
        out.append(img)
    return "".join(out)


def _size_figures(content: str, page, config) -> str:
    """Every figure of a page as figure_markup() makes it."""
    folder = generate.GENERATED_DOCS / _language(config) / Path(page.file.src_uri).parent / "figures"

    def sized(m):
        svg = folder / f"{m['name']}.svg"
        if not svg.exists():  # a figure of another folder (the home page shows one of a chapter's figures)
            shown = posixpath.normpath(posixpath.join(page.url, m["src"])).removeprefix(f"{_language(config)}/")
            svg = generate.GENERATED_DOCS / _language(config) / shown
        return figure_markup(svg, m["src"], m["attrs"], m["rest"])

    return FIGURE_IMG.sub(sized, content)


NOTEBOOK_FIGURE = re.compile(r'<img (?P<attrs>[^>]*?)src="data:image/svg\+xml;base64,(?P<data>[^"]+)"(?P<rest>[^>]*)>')
MD_FIGURE = re.compile(r"!\[(?P<alt>[^\]]*)\]\(figures/(?P<name>[\w-]+)\.svg\)")


def _notebook_figures(content: str, page, config) -> str:
    """nbconvert inlines each figure of a notebook as a data: URI, light only. Each becomes the page's own
    figure (found by its content), as its tutorial page shows it: light and dark, phone twins, lazy, with
    the tutorial page's description."""
    lang = _language(config)
    chapter = Path(page.file.src_uri).parent.parent  # <chapter>/notebooks/<stem>.ipynb
    stem = Path(page.file.src_uri).stem
    folder = generate.GENERATED_DOCS / lang / chapter / "figures"
    figures = {p.read_bytes(): p for p in folder.glob(f"{stem}-*.svg") if p.name.count(".") == 1}
    tutorial = ROOT / "docs" / chapter / f"{stem}.{lang}.md"
    alts = {m["name"]: m["alt"] for m in MD_FIGURE.finditer(tutorial.read_text(encoding="utf-8"))} \
        if tutorial.exists() else {}

    def replace(m):
        svg = figures.get(base64.b64decode(m["data"]))
        if svg is None:
            return m[0]
        attrs = re.sub(r'alt="[^"]*"\s*', "", m["attrs"])
        alt = html.escape(alts.get(svg.stem, ""), quote=True)
        return figure_markup(svg, f"../../figures/{svg.name}", f'alt="{alt}" {attrs}', m["rest"].rstrip("/"))

    return NOTEBOOK_FIGURE.sub(replace, content)


TABLE = re.compile(r"<table>(?P<body>.*?)</table>", re.S)
HEADER_CELL = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
BODY_ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
HEADING_END = re.compile(r'(?P<last>[^\s<>]+)(?P<link><a class="headerlink" [^>]*>[^<]*</a>)(?=</h[1-6]>)')


def _phone_markup(content: str) -> str:
    """Two things a phone needs (docs/assets/extra.css): each table cell names its column (`data-label`),
    for tables that stack their rows on a narrow screen; a heading's ¶ is bound to its last word, so it
    never wraps onto a line of its own and leaves a gap under the title."""

    def labelled(table):
        heads = [html.escape(re.sub(r"<[^>]+>", "", h).strip(), quote=True) for h in HEADER_CELL.findall(table[0])]

        def row(r):
            cells = iter(heads)
            return "<tr>" + re.sub(r"<td\b", lambda m: f'<td data-label="{next(cells, "")}"', r[1]) + "</tr>"

        return BODY_ROW.sub(row, table[0]) if heads else table[0]

    content = TABLE.sub(labelled, content)
    return HEADING_END.sub(r'<span class="heading-end">\g<last>\g<link></span>', content)


HEAD_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog"'


def on_post_page(output, page, config, **kwargs):
    """Two fixes to Material's page shell.

    - Material fetches `sitemap.xml` under every <link rel="alternate"> in the head, which
      mkdocs-static-i18n points at the same page in the other language: two 404s per page.
      Those links go; the language alternates stay in the language switcher and in sitemap.xml.
    - The search dialog gets an accessible name.
    - The repository link stays a link: Material would fetch its stars and forks from api.github.com.
    - On a first visit the colour scheme the system asks for is set before the first figure is parsed:
      Material sets it only once its bundle has run, and a lazy figure near the top measured before that
      fetched the twin of the other scheme as well (tests/test_schemes.py).
    """
    output = HEAD_ALTERNATE.sub("", output)
    lang = _language(config)
    label = "검색" if lang == "ko" else "Search"
    if lang != DEFAULT_LANGUAGE:  # search this language's own index (tools/search.py)
        output = CONFIG_BASE.sub(lambda m: f'{m[1]}"base": "{m[2]}/{lang}/"', output, count=1)
    output = output.replace(SOURCE_WIDGET, 'class="md-source"')  # a plain link: no stars fetched from GitHub's API
    output = PALETTE_SCRIPT.sub(lambda m: m[0] + _first_visit_scheme(config), output, count=1)
    return output.replace(SEARCH_DIALOG, f'{SEARCH_DIALOG} aria-label="{label}"')


SOURCE_WIDGET = 'class="md-source" data-md-component="source"'
PALETTE_SCRIPT = re.compile(r'<script>var palette=__md_get\("__palette"\).*?</script>', re.S)


def _first_visit_scheme(config) -> str:
    """Right after Material's own palette script (which only restores a palette the reader chose): with no
    choice stored, the first palette whose media query matches, as Material's bundle will pick it later."""
    palettes = [{k: p.get(k) for k in ("media", "scheme", "primary", "accent")} for p in config["theme"]["palette"]]
    return ('<script>if(!(__md_get("__palette")||{}).color)for(var p of ' + json.dumps(palettes, separators=(",", ":"))
            + ')if(matchMedia(p.media).matches){for(var k in p)document.body.setAttribute("data-md-color-"+k,p[k]);break}'
            '</script>')


CONFIG_BASE = re.compile(r'(<script id="__config" type="application/json">\{[^<]*?)"base": "([^"]*)"')


@event_priority(-200)  # after mkdocs-static-i18n has written the shared search index
def on_post_build(config, **kwargs):
    i18n = config.plugins.get("i18n")
    if i18n and i18n.building:  # an inner build of one language: the index is not final yet
        return
    languages = [lang.locale for lang in i18n.config.languages] if i18n else [DEFAULT_LANGUAGE]
    search.write_language_indexes(Path(config["site_dir"]), languages, DEFAULT_LANGUAGE)
    if os.environ.get("SITE_PDF") == "1":  # the chapter as one PDF per language, printed from the built site
        from tools import pdf

        pdf.make(Path(config["site_dir"]), config["site_url"], languages)


PLAIN_TOKENS = re.compile(r'<span class="[nw]">([^<]*)</span>|<span></span>')


def _plain_tokens(content: str) -> str:
    """Pygments wraps every name and every run of spaces in a <span>, which Material colours like
    the code around it: unwrapped, they look the same and weigh nothing (a tenth of a long page's elements)."""
    return PLAIN_TOKENS.sub(r"\1", content)


def on_page_content(content, page, config, files, **kwargs):
    content = _plain_tokens(content)
    if page.file.src_uri.endswith(".ipynb"):
        page.meta["search"] = {"exclude": True}  # the tutorial page is the one to find
        try:
            return _notebook_page(content, page, config)
        except PluginError as e:
            raise PluginError(f"{page.file.src_uri}: {e}") from None
    content = _size_figures(content, page, config)
    content = _phone_markup(content)
    content = search.prepare_page(page.url, content, _language(config))  # notes definitions, indexes tables by row
    try:
        return mathml.replace(mathml.ARITHMATEX, content)
    except PluginError as e:
        raise PluginError(f"{page.file.src_uri}: {e}") from None
