"""Read a tutorial page the way a reader sees it: its code blocks after include expansion; and the
book's structure: its chapters, their numbers, titles and pages, in reading order.

Blocks are found by pytest-codeblocks' own parser; `--8<--` include lines are expanded by
pymdownx.snippets with the settings in mkdocs.yml, so the code tested is the code shown.

The book's structure is the nav of mkdocs.yml and nothing else: each nav section is a chapter, titled
`<n>장 <title>` (its English title, `Chapter <n>: <title>`, is the section's nav_translation in the i18n
plugin), holding the pages of one folder docs/<chapter>/ in reading order, its glossary (if it has one)
last. `book()` reads it; every tool and test that needs chapters, numbers, glossaries or the reading
order asks here (`make chapter` writes it: tools/new_page.py).

Markdown, YAML and pytest-codeblocks are imported when first needed: tools/runner.py (which uses Block
and Piece) also runs under another interpreter that has only what a reader has (tools/compat.py).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
LANGS = ("ko", "en")

# the one include form a python block may hold: `--8<-- "snippets/<lang>/<module>.py:<section>"`
# an exercise's worked solution lives in sections named solution-<n>[-<anything>] (see tools/runner.py)
SOLUTION = re.compile(r"^solution-(?P<n>\d+)(?:-[\w-]+)?$")
INCLUDE = re.compile(r'^\s*--8<--\s+"(?P<path>snippets/[\w/.-]+\.py):(?P<section>[\w-]+)"\s*$')
SECTION_START = re.compile(r"^\s*# --8<-- \[start:(?P<name>[\w-]+)\]")


class PageError(Exception):
    """An authoring mistake, reported as `file:line: what is wrong`."""


@dataclass
class Piece:
    """One included snippet section: the code and where it lives."""

    path: str  # relative to the project root, e.g. snippets/ko/loss.py
    section: str
    first_line: int  # line of the section's first code line in `path`
    code: str


@dataclass
class Block:
    page: str  # relative to the project root, e.g. docs/gradient-descent/loss.ko.md
    lineno: int  # line of the opening fence
    syntax: str
    pieces: list[Piece] = field(default_factory=list)
    expected_output: str | None = None
    output_lineno: int | None = None  # line of the documented output's opening fence

    @property
    def where(self) -> str:
        return f"{self.page}:{self.lineno}"

    @property
    def code(self) -> str:
        return "".join(p.code for p in self.pieces)

    @property
    def solution(self) -> int | None:
        """The exercise this block answers, when all its sections are `solution-<n>...`."""
        numbers = {int(m["n"]) if (m := SOLUTION.match(p.section)) else None for p in self.pieces}
        return numbers.pop() if len(numbers) == 1 else None


@cache
def mkdocs_config() -> dict:
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml uses !!python/name and !ENV tags; this reader only needs plain values
    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def nav_pages() -> list[str]:
    """The nav's Markdown files in order, e.g. ['index.md', 'gradient-descent/what-is-gradient-descent.md', ...]."""
    found: list[str] = []

    def walk(item):
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, list):
            for x in item:
                walk(x)
        elif isinstance(item, dict):
            for x in item.values():
                walk(x)

    walk(mkdocs_config()["nav"])
    return [p for p in found if p.endswith(".md") and "://" not in p]


GLOSSARY = "glossary"  # docs/<chapter>/glossary.<lang>.md: a chapter's terms (tests/test_glossary.py, tools/search.py)
# a chapter's title in the nav, per language (`make chapter` writes them, book() reads them back)
CHAPTER_TITLE = {"ko": "{number}장 {title}", "en": "Chapter {number}: {title}"}
_CHAPTER_TITLE = {lang: re.compile("^" + re.escape(form).replace(r"\{number\}", r"(?P<number>\d+)")
                                   .replace(r"\{title\}", r"(?P<title>.+)") + "$")
                  for lang, form in CHAPTER_TITLE.items()}


@dataclass(frozen=True)
class Chapter:
    """One nav section of mkdocs.yml: a chapter of the book."""

    number: int
    folder: str  # docs/<folder>/, e.g. 'gradient-descent'
    titles: tuple[tuple[str, str], ...]  # (lang, title as the nav shows it), e.g. ('ko', '3장 경사 하강법')
    pages: tuple[str, ...]  # nav entries in reading order, e.g. 'gradient-descent/loss.md'; the glossary last

    def title(self, lang: str) -> str:
        return dict(self.titles)[lang]

    def name(self, lang: str) -> str:
        """The title without its number: '경사 하강법', 'Gradient descent'."""
        return _CHAPTER_TITLE[lang].match(self.title(lang))["title"]

    @property
    def tutorials(self) -> tuple[str, ...]:
        """The numbered pages (all but the glossary): the k-th is titled `<number>.<k> ...`."""
        return tuple(p for p in self.pages if Path(p).stem != GLOSSARY)

    @property
    def glossary(self) -> str | None:
        return next((p for p in self.pages if Path(p).stem == GLOSSARY), None)


def _nav_translations(lang: str) -> dict[str, str]:
    for plugin in mkdocs_config().get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            for language in plugin["i18n"].get("languages", []):
                if language.get("locale") == lang:
                    return language.get("nav_translations") or {}
    return {}


@cache
def book() -> tuple[Chapter, ...]:
    """The chapters in nav order, read from mkdocs.yml. A nav section that does not follow the rules is
    named: `mkdocs.yml: nav section '...': ...`."""
    chapters = []
    english = _nav_translations(LANGS[1])
    for item in mkdocs_config()["nav"]:
        if not isinstance(item, dict):
            continue
        for title, entries in item.items():
            if not isinstance(entries, list):
                continue  # a page at the top of the nav (the home page), not a chapter
            where = f"mkdocs.yml: nav section {title!r}"
            titles = {LANGS[0]: title, LANGS[1]: english.get(title)}
            if not _CHAPTER_TITLE[LANGS[0]].match(title):
                raise PageError(f"{where}: a chapter is titled {CHAPTER_TITLE[LANGS[0]]!r} "
                                f"(a page outside every chapter goes at the top of the nav, `- title: page.md`)")
            if titles[LANGS[1]] is None:
                raise PageError(f"{where} has no English title: add it to the i18n plugin's nav_translations "
                                f"({CHAPTER_TITLE[LANGS[1]].format(number='<n>', title='<title>')!r})")
            found = {lang: _CHAPTER_TITLE[lang].match(t) for lang, t in titles.items()}
            if not all(found.values()):
                raise PageError(f"{where}: a chapter is titled {CHAPTER_TITLE[LANGS[0]]!r} and, in English, "
                                f"{CHAPTER_TITLE[LANGS[1]]!r}; found {titles}")
            numbers = {int(m["number"]) for m in found.values()}
            if len(numbers) != 1:
                raise PageError(f"{where}: the Korean and English titles give different numbers: {titles}")
            pages_ = [e if isinstance(e, str) else next(iter(e.values())) for e in entries]
            folders = {Path(p).parent.as_posix() for p in pages_}
            if len(folders) != 1 or "" in folders or "." in folders:
                raise PageError(f"{where}: a chapter's pages live in one folder docs/<chapter>/, found {sorted(folders)}")
            chapters.append(Chapter(numbers.pop(), folders.pop(), tuple(titles.items()), tuple(pages_)))
    return tuple(chapters)


def chapter_of(page: Path | str) -> Chapter | None:
    """The chapter of a page (docs/<chapter>/<page>.<lang>.md, or a nav entry '<chapter>/<page>.md')."""
    folder = (Path(page).resolve().parent.relative_to(DOCS) if isinstance(page, Path) else Path(page).parent).as_posix()
    return next((c for c in book() if c.folder == folder), None)


def glossaries(lang: str) -> list[Path]:
    """Every chapter's glossary page in this language, in book order."""
    return [DOCS / c.glossary.replace(".md", f".{lang}.md") for c in book() if c.glossary]


def earlier_pages(page: Path) -> list[str]:
    """The nav entries before this page in reading order, across chapters: the pages whose code a page may
    run first (its "code from the earlier pages" box)."""
    entry = page.resolve().relative_to(DOCS).as_posix().replace(f".{lang_of(page)}.md", ".md")
    order = nav_pages()
    return order[:order.index(entry)] if entry in order else []


def page_url(md: str, lang: str) -> str:
    """'gradient-descent/loss.md', 'en' -> 'en/gradient-descent/loss/' (directory URLs, as the site is built)."""
    path = md.removesuffix(".md")
    path = "" if path == "index" else path.removesuffix("/index") + "/"
    return ("" if lang == LANGS[0] else f"{lang}/") + path


def _snippet_config() -> dict:
    for ext in mkdocs_config()["markdown_extensions"]:
        if isinstance(ext, dict) and "pymdownx.snippets" in ext:
            return dict(ext["pymdownx.snippets"], base_path=[str(ROOT)])
    raise PageError("mkdocs.yml: pymdownx.snippets is not configured")


@cache
def _snippet_preprocessor():
    import markdown

    md = markdown.Markdown(extensions=["pymdownx.snippets"],
                           extension_configs={"pymdownx.snippets": _snippet_config()})
    return md.preprocessors["snippet"]


def expand(lines: list[str]) -> list[str]:
    """Expand include lines exactly as the site build does (missing files/sections raise)."""
    return _snippet_preprocessor().run(lines)


@cache
def section_start(path: str, section: str) -> int:
    for n, line in enumerate((ROOT / path).read_text(encoding="utf-8").splitlines(), 1):
        m = SECTION_START.match(line)
        if m and m["name"] == section:
            return n + 1
    raise PageError(f"{path}: no section [start:{section}]")


def pages(lang: str | None = None) -> list[Path]:
    langs = [lang] if lang else LANGS
    return sorted(p for p in DOCS.rglob("*.md") if p.suffixes[-2:-1] in [[f".{x}"] for x in langs])


def rel(path: Path) -> str:
    return path.resolve().relative_to(ROOT).as_posix()


_READ: dict[tuple, list[Block]] = {}
_SNIPPET_FILE = re.compile(r'--8<--\s+"(snippets/[^":]+)')


def read_blocks(page: Path) -> list[Block]:
    """Every fenced block of a page, python blocks expanded into their snippet pieces. Read once for each
    state of the page and of the snippet files it includes: a test run or a build asks for every page many
    times, and expanding the includes is most of the cost."""
    text = page.read_text(encoding="utf-8")
    files = sorted(set(_SNIPPET_FILE.findall(text)))
    stats = [(ROOT / f).stat() if (ROOT / f).is_file() else None for f in files]
    key = (str(page.resolve()), text, tuple((f, s and (s.st_mtime_ns, s.st_size)) for f, s in zip(files, stats)))
    if key not in _READ:
        _READ[key] = _read_blocks(page, text)
    return list(_READ[key])


def _read_blocks(page: Path, text: str) -> list[Block]:
    from pytest_codeblocks import extract_from_buffer

    name = rel(page)
    try:
        raw = extract_from_buffer(io.StringIO(text))
    except RuntimeError as e:
        raise PageError(f"{name}: {e}") from None
    lines = text.splitlines()
    blocks = []
    for cb in raw:
        block = Block(name, cb.lineno, cb.syntax or "", expected_output=cb.expected_output)
        if cb.expected_output is not None:
            marker = next(i for i in range(cb.lineno, len(lines)) if "pytest-codeblocks:expected-output" in lines[i])
            block.output_lineno = next(i for i in range(marker + 1, len(lines)) if lines[i].lstrip().startswith("```")) + 1
        if block.syntax == "python":
            for offset, line in enumerate(cb.code.splitlines()):
                if not line.strip():
                    continue
                m = INCLUDE.match(line)
                if not m:
                    raise PageError(f"{name}:{cb.lineno + 1 + offset}: a python block may only include "
                                    f'snippet sections (--8<-- "snippets/<lang>/<module>.py:<section>"), '
                                    f"found: {line.strip()!r}")
                try:
                    code = "\n".join(expand([f'--8<-- "{m["path"]}:{m["section"]}"'])) + "\n"
                    first = section_start(m["path"], m["section"])
                except Exception as e:  # pymdownx raises SnippetMissingError
                    raise PageError(f"{name}:{cb.lineno + 1 + offset}: {e}") from None
                block.pieces.append(Piece(m["path"], m["section"], first, code))
        blocks.append(block)
    return blocks


def code_blocks(page: Path) -> list[Block]:
    return [b for b in read_blocks(page) if b.syntax == "python"]


def counterpart(page: Path) -> Path:
    """docs/x.ko.md <-> docs/x.en.md"""
    stem, lang = page.name.removesuffix(".md").rsplit(".", 1)
    other = "en" if lang == "ko" else "ko"
    return page.with_name(f"{stem}.{other}.md")


def module_of(page: Path) -> str:
    """The snippet module a page presents: docs/<chapter>/loss-curve.ko.md -> snippets/ko/loss_curve.py"""
    stem = page.name.split(".")[0].replace("-", "_")
    return f"snippets/{lang_of(page)}/{stem}.py"


def lang_of(page: Path) -> str:
    return page.name.removesuffix(".md").rsplit(".", 1)[1]
