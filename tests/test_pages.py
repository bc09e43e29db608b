"""The shape of every page: both languages, allowed fences, snippet use, one program in two languages."""

from __future__ import annotations

import ast
import difflib
import re
from pathlib import Path

import pytest

from tools.pages import DOCS, INCLUDE, ROOT, SECTION_START, code_blocks, counterpart, lang_of, module_of, pages, read_blocks, rel

ALL = pages()
KO = pages("ko")
PYTHON_LIKE = {"py", "py3", "python", "python3", "ipython", "pycon"}
# string arguments that are shown to the reader in a figure, and so are translated
DISPLAY_CALLS = {"title", "suptitle", "xlabel", "ylabel", "zlabel", "set_title", "set_xlabel",
                 "set_ylabel", "set_zlabel", "text", "annotate"}
DISPLAY_KEYWORDS = {"label"}


def ids(paths):
    return [rel(p).removeprefix("docs/") for p in paths]


def fences(page: Path):
    """(line number, info string) of every opening fence."""
    inside = None
    for n, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
        m = re.match(r"^\s*(`{3,}|~{3,})(.*)$", line)
        if not m:
            continue
        if inside is None:
            inside = m[1]
            yield n, m[2].strip()
        elif m[1].startswith(inside) and not m[2].strip():
            inside = None


@pytest.mark.parametrize("page", ALL, ids=ids(ALL))
def test_page_has_its_other_language(page):
    other = counterpart(page)
    assert other.exists(), f"{rel(page)}: no {lang_of(other)} counterpart; create {rel(other)}"


def test_every_file_in_docs_is_a_page_in_one_language():
    for md in DOCS.rglob("*.md"):
        assert lang_of_or_none(md) in ("ko", "en"), f"{rel(md)}: name pages <name>.ko.md and <name>.en.md"


def lang_of_or_none(md: Path):
    parts = md.name.split(".")
    return parts[-2] if len(parts) == 3 else None


@pytest.mark.parametrize("page", ALL, ids=ids(ALL))
def test_no_fence_is_silently_skipped(page):
    """The runner executes exactly ```python; a ```py or ```python title=... block would never run."""
    for n, info in fences(page):
        word = info.split()[0].lower() if info else ""
        if word.strip("{.") in PYTHON_LIKE:
            assert info == "python", (f"{rel(page)}:{n}: ```{info} would not be run by the tests; "
                                      f"write ```python (and put a title in the prose)")


@pytest.mark.parametrize("page", ALL, ids=ids(ALL))
def test_page_shows_its_whole_module_in_order(page):
    """Every section of snippets/<lang>/<page>.py appears on the page once, in file order."""
    blocks = code_blocks(page)
    module = module_of(page)
    shown = [(p.path, p.section) for b in blocks for p in b.pieces]
    for path, _ in shown:
        assert path.startswith(f"snippets/{lang_of(page)}/"), f"{rel(page)}: includes {path} from another language"
    if not (ROOT / module).exists():
        assert not [s for s in shown if s[0] == module], f"{rel(page)}: {module} is missing"
        return
    sections = [m["name"] for line in (ROOT / module).read_text(encoding="utf-8").splitlines()
                if (m := SECTION_START.match(line))]
    own = [s for p, s in shown if p == module]
    assert own == sections, (f"{rel(page)}: shows sections {own} of {module}, "
                             f"but the module has {sections} (each once, in this order)")


def _printed_strings(tree: ast.AST) -> list[ast.Constant]:
    """The string literals a print() call shows (f-string text included), in a fixed order: the labels
    of the printed output, which each language writes in its own words."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "print":
            found += [c for arg in node.args for c in ast.walk(arg)
                      if isinstance(c, ast.Constant) and isinstance(c.value, str)]
    return found


def normalised_program(path: Path) -> str:
    """The module's AST with display strings and printed labels blanked: comments never reach the AST."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in DISPLAY_CALLS:
                node.args = [ast.Constant("<display>") if isinstance(a, ast.Constant) and isinstance(a.value, str)
                             else a for a in node.args]
            for kw in node.keywords:
                if kw.arg in DISPLAY_KEYWORDS and isinstance(kw.value, ast.Constant):
                    kw.value = ast.Constant("<display>")
    for label in _printed_strings(tree):
        label.value = "<label>"
    return ast.unparse(tree)


def printed_labels(ko_module: Path, en_module: Path) -> list[tuple[str, str]]:
    """(Korean, English) pairs of the printed labels that differ, longest first; paired by position,
    which normalised_program() has checked is the same in both modules."""
    ko = _printed_strings(ast.parse(ko_module.read_text(encoding="utf-8")))
    en = _printed_strings(ast.parse(en_module.read_text(encoding="utf-8")))
    pairs = {(k.value, e.value) for k, e in zip(ko, en) if k.value != e.value}
    return sorted(pairs, key=lambda pair: -len(pair[0]))


def in_english(output: str, labels: list[tuple[str, str]]) -> str:
    """A Korean page's output with its printed labels put in English, to compare with the English page."""
    for ko, en in labels:
        output = output.replace(ko, en)
    return output


@pytest.mark.parametrize("page", KO, ids=ids(KO))
def test_korean_and_english_pages_are_one_program(page):
    """Same blocks, same program and same output; only comments, figure text and printed labels are
    in each page's language (the outputs are compared with the labels mapped, so every number must agree)."""
    en = counterpart(page)
    if not en.exists():
        pytest.skip("no English page (reported by test_page_has_its_other_language)")
    ko_blocks = [b for b in read_blocks(page) if b.syntax == "python"]
    en_blocks = [b for b in read_blocks(en) if b.syntax == "python"]
    for i, (k, e) in enumerate(zip(ko_blocks, en_blocks)):
        ko_shape = [(p.path.replace("/ko/", "/"), p.section) for p in k.pieces]
        en_shape = [(p.path.replace("/en/", "/"), p.section) for p in e.pieces]
        assert ko_shape == en_shape, (f"block {i + 1} differs between {rel(page)}:{k.lineno} and {rel(en)}:{e.lineno}: "
                                      f"same snippet sections expected\n  ko: {ko_shape}\n  en: {en_shape}")
    assert len(ko_blocks) == len(en_blocks), f"{rel(page)} has {len(ko_blocks)} blocks, {rel(en)} has {len(en_blocks)}"
    modules = {p.path for b in ko_blocks for p in b.pieces}
    for ko_path in sorted(modules):
        ko_module, en_module = ROOT / ko_path, ROOT / ko_path.replace("/ko/", "/en/")
        ko_code, en_code = normalised_program(ko_module), normalised_program(en_module)
        diff = "\n".join(difflib.unified_diff(ko_code.splitlines(), en_code.splitlines(), rel(ko_module),
                                              rel(en_module), lineterm="", n=1))
        assert ko_code == en_code, (f"the two modules differ in more than comments, display strings and "
                                    f"printed labels:\n{diff}")
    for i, (k, e) in enumerate(zip(ko_blocks, en_blocks)):
        labels = [pair for p in {p.path for p in k.pieces}
                  for pair in printed_labels(ROOT / p, ROOT / p.replace("/ko/", "/en/"))]
        labels.sort(key=lambda pair: -len(pair[0]))
        want = None if e.expected_output is None else e.expected_output
        got = None if k.expected_output is None else in_english(k.expected_output, labels)
        if got != want:
            diff = "\n".join(difflib.unified_diff((want or "").splitlines(), (got or "").splitlines(),
                                                  f"{rel(en)}:{e.output_lineno or e.lineno}",
                                                  f"{rel(page)}:{k.output_lineno or k.lineno} (labels in English)",
                                                  lineterm="", n=1))
            pytest.fail(f"the outputs of block {i + 1} differ between {rel(page)}:{k.lineno} and {rel(en)}:{e.lineno} "
                        f"in more than the printed labels:\n{diff}")


# a decimal number, in scientific notation too; Hangul may follow it ("1.820683에서"), digits may not
NUMBER = re.compile(r"(?<![\w.])[-−]?\d+\.\d+(?:e[-+]?\d+)?(?![\d.]|e[-+]?\d)")


def prose(page: Path) -> list[tuple[int, str]]:
    """Lines of running text: no front matter, fences, headings, comments, inline code or links."""
    out, in_fence, in_front = [], False, False
    for n, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
        stripped = line.strip()
        if n == 1 and stripped == "---":
            in_front = True
            continue
        if in_front:
            in_front = stripped != "---"
            continue
        if re.match(r"^(`{3,}|~{3,})", stripped):
            in_fence = not in_fence
            continue
        if in_fence or stripped.startswith(("#", "<!--")):
            continue
        line = re.sub(r"`[^`]*`", "", line)
        line = re.sub(r"!?\[[^\]]*\]\([^)]*\)", "", line)  # link texts are titles (3.1 ...), images have alt text
        out.append((n, line))
    return out


@pytest.mark.parametrize("page", ALL, ids=ids(ALL))
def test_numbers_in_prose_come_from_the_code(page):
    """A decimal number in the text must be given in the page's code or printed in a verified output."""
    shown = "\n".join(b.code + (b.expected_output or "") for b in read_blocks(page))
    known = set(NUMBER.findall(shown)) | {n.lstrip("-") for n in NUMBER.findall(shown)}
    stale = [f"{rel(page)}:{n}: {number} is neither in this page's code nor in an output the tests check"
             for n, line in prose(page) for number in (x.replace("−", "-") for x in NUMBER.findall(line))
             if number not in known and number.lstrip("-") not in known]
    assert not stale, "\n".join(stale) + "\nquote each number exactly as printed, or print it"


IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)")
HANGUL = re.compile(r"[\uac00-\ud7a3]")


@pytest.mark.parametrize("page", ALL, ids=ids(ALL))
def test_images_have_alt_text_in_the_page_language(page):
    for n, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
        for m in IMAGE.finditer(line):
            alt = m["alt"].strip()
            assert len(alt) >= 10, f"{rel(page)}:{n}: {m['src']} needs alt text that describes the picture"
            korean = bool(HANGUL.search(alt))
            assert korean == (lang_of(page) == "ko"), f"{rel(page)}:{n}: alt text is not in the page's language"


def test_every_include_line_is_well_formed():
    for page in ALL:
        for n, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            if "--8<--" in line and not INCLUDE.match(line):
                pytest.fail(f'{rel(page)}:{n}: write includes as --8<-- "snippets/<lang>/<module>.py:<section>"')


def test_guardrail_labels_are_mapped_and_numbers_compared(tmp_path):
    ko, en = tmp_path / "ko.py", tmp_path / "en.py"
    ko.write_text('x = 1.0\nprint(f"초기상태 : 손실:{x:.4f}")\nprint("W =", x)\n', encoding="utf-8")
    en.write_text('x = 1.0\nprint(f"initial state: loss: {x:.4f}")\nprint("W =", x)\n', encoding="utf-8")
    assert normalised_program(ko) == normalised_program(en)
    labels = printed_labels(ko, en)
    assert labels == [("초기상태 : 손실:", "initial state: loss: ")]
    assert in_english("초기상태 : 손실:1.0000\nW = 1.0\n", labels) == "initial state: loss: 1.0000\nW = 1.0\n"
    assert in_english("초기상태 : 손실:1.0001\n", labels) != "initial state: loss: 1.0000\n"  # a drifted digit stays
    en.write_text('x = 2.0\nprint(f"initial state: loss: {x:.4f}")\nprint("W =", x)\n', encoding="utf-8")
    assert normalised_program(ko) != normalised_program(en)  # a number in the code is not a label
