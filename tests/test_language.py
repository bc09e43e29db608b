"""Every page and every snippet is in one language: Korean pages and snippets/ko are Korean, English
pages and snippets/en English. A bilingual author's usual slips fail here with file:line and the text:
an untranslated English paragraph, list item, table cell, heading or box left on a Korean page; a Korean
sentence left on an English page; an English comment in snippets/ko; Korean figure text in snippets/en
and English figure text in snippets/ko.

What belongs to both languages is taken out before a text is judged: fenced blocks (code, program
output), inline code, math ($...$, $$...$$, but the words of a formula's \\text{} are judged), links'
URLs, images (alt text: tests/test_pages.py), HTML tags and comments, and, on Korean pages, an English
term in parentheses right after its Korean name, "손실 함수(loss function)".

The rules, for each unit of text (a paragraph, list item, text in a box, heading, table cell, box title,
block title, the page description, a formula's \\text{}; a comment; one figure string):

- Korean: a unit with English words and no Hangul is untranslated. A Korean sentence with at least
  MOSTLY_ENGLISH_MIN English words and more English words than Korean ones is mostly English.
  "English words" are plain words of three or more letters (`Summary`, `the`, `gradient`); acronyms
  (`MSE`, `SGD`), names with inner capitals (`PyTorch`), identifiers (`grad_fn`, `torch.no_grad`,
  `backward(`), single letters and numbers are not.
- English: no Hangul, except inside inline code or a quotation in “…” or "…" that stands in an
  English sentence (a quoted Korean label next to its translation), and in the columns of a table headed
  "한국어"/"Korean" (and the glossary's last column, "Other spellings you may meet elsewhere", which
  lists Korean spellings).
- Korean tables may hold English in a column headed "English"/"영어" (the glossary).
- Snippet comments: a comment that is code (`# W -= lr * W.grad`, `# 490`) is neither language.
"""

from __future__ import annotations

import ast
import io
import re
import shutil
import tokenize
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.test_guardrails import PAGE, SKIP, edit, pytest_in
from tools.pages import ROOT, lang_of, pages, rel

HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
# a plain word: not part of an identifier, a dotted name, a call, a path or a name with inner capitals
EN_WORD = re.compile(r"(?<![\w.\-/\\])[A-Za-z][a-z]{2,}(?:['’][a-z]+)?(?![\w(/\\]|\.\w)")
KO_TOKEN = re.compile(r"\S*[\uac00-\ud7a3]\S*")
KO_RUN = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f][^A-Za-z\n]*[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]"
                    r"|[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")  # Korean words in a row
MOSTLY_ENGLISH_MIN = 4

CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")
MATH = re.compile(r"\$\$.+?\$\$|(?<![\\$])\$(?=\S)[^$\n]+?(?<=\S)\$")
IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
URL = re.compile(r"<?https?://[^\s>)]+>?")
TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][^>]*>")
ATTRIBUTES = re.compile(r"\{:?[^}]*\}\s*$")
# an English term in parentheses right after its Korean name: 손실 함수(loss function), **손실(loss)**
GLOSS = re.compile(r"(?<=[\uac00-\ud7a3])(\*{0,2})\([^()\uac00-\ud7a3]*\)")
QUOTE = re.compile(r"“[^”]*”|\"[^\"]*\"")
MATH_TEXT = re.compile(r"\\text\{([^{}]*)\}")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")

FENCE = re.compile(r"^\s*(`{3,}|~{3,})(.*)$")
HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")
BOX = re.compile(r'^(?:!!!|\?\?\?\+?)\s+[\w-]+(?:\s+"(?P<title>[^"]*)")?\s*$')
LIST_ITEM = re.compile(r"^(?:[-*+]|\d+[.)])\s+(.*)$")
TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
FENCE_TITLE = re.compile(r'title="([^"]*)"')

# columns that hold the other language by design
OTHER_LANGUAGE_COLUMNS = {"ko": {"English", "영어"}, "en": {"한국어", "Korean"}}
# the Korean spellings a reader may meet elsewhere, which the Korean pages avoid ("Not used": the older header)
GLOSSARY_COLUMNS = {"en": {"Other spellings you may meet elsewhere", "Not used"}}

PAGES = pages()
MODULES = sorted((ROOT / "snippets").glob("*/*.py"))


@dataclass
class Unit:
    line: int
    kind: str  # paragraph, list item, heading, table cell, box title, block title, description
    text: str
    other_language_allowed: bool = False


def protected(text: str) -> list[tuple[int, int]]:
    """Spans of inline code and math, which are in neither language."""
    spans, i = [], 0
    while i < len(text):
        m = CODE_SPAN.match(text, i) if text[i] == "`" else MATH.match(text, i) if text[i] == "$" else None
        if m:
            spans.append(m.span())
            i = m.end()
        else:
            i += 1
    return spans


def without_code_and_math(text: str) -> str:
    for start, end in reversed(protected(text)):
        text = text[:start] + " " + text[end:]
    return text


def table_cells(row: str) -> list[str]:
    """The cells of a table row; a `|` inside code or math does not split."""
    inside = protected(row)
    cuts = [i for i, c in enumerate(row) if c == "|" and not any(s <= i < e for s, e in inside)
            and (i == 0 or row[i - 1] != "\\")]
    parts = [row[a + 1:b] for a, b in zip([-1, *cuts], [*cuts, len(row)])]
    if row.strip().startswith("|"):
        parts = parts[1:]
    if row.strip().endswith("|"):
        parts = parts[:-1]
    return [p.strip() for p in parts]


def units(page: Path) -> list[Unit]:
    """The page's units of text in reading order, each with the line it starts on."""
    lang = lang_of(page)
    lines = page.read_text(encoding="utf-8").splitlines()
    out: list[Unit] = []
    current: Unit | None = None
    fence: str | None = None
    in_math = in_comment = in_front = False
    header: list[str] | None = None
    boxes: list[int] = []  # indentation of the open admonitions

    def close():
        nonlocal current
        if current is not None:
            out.append(current)
        current = None

    for n, raw in enumerate(lines, 1):
        line = raw.strip()
        if n == 1 and line == "---":
            in_front = True
            continue
        if in_front:
            if line == "---":
                in_front = False
            elif m := re.match(r"^(description|title):\s*(.*)$", line):
                out.append(Unit(n, m[1], "" if m[2] in (">", "|", ">-", "|-") else m[2].strip("'\"")))
            elif raw.startswith((" ", "\t")) and out and out[-1].kind in ("description", "title"):
                out[-1].text += " " + line  # a folded or literal block
            continue
        if fence:
            if re.match(rf"^{re.escape(fence[0])}{{{len(fence)},}}\s*$", line):
                fence = None
            continue
        if m := FENCE.match(raw):
            close()
            fence = m[1]
            if t := FENCE_TITLE.search(m[2]):
                out.append(Unit(n, "block title", t[1]))
            continue
        if in_comment:
            in_comment = "-->" not in line
            continue
        if line.startswith("<!--") and "-->" not in line:
            close()
            in_comment = True
            continue
        if in_math or line.startswith("$$"):
            if not in_math:
                close()
                in_math = not (len(line) > 2 and line.endswith("$$"))
            else:
                in_math = not line.endswith("$$")
            out += [Unit(n, "text in a formula", t) for t in MATH_TEXT.findall(line)]
            continue
        indent = len(raw) - len(raw.lstrip())
        while line and boxes and indent <= boxes[-1]:
            boxes.pop()
        if not line or TAG.fullmatch(line) or re.fullmatch(r"(<!--.*?-->\s*)+", line):
            close()
            continue
        if line.startswith("|"):
            close()
            if TABLE_RULE.match(line):
                continue
            cells = table_cells(line)
            if header is None:
                header = cells
            other = OTHER_LANGUAGE_COLUMNS[lang] | (GLOSSARY_COLUMNS.get(lang, set()) if page.stem.startswith("glossary.") else set())
            for i, cell in enumerate(cells):
                column = header[i] if i < len(header) else ""
                out.append(Unit(n, "table cell", cell, other_language_allowed=column in other))
            continue
        header = None
        if m := HEADING.match(line):
            close()
            out.append(Unit(n, "heading", m[1]))
            continue
        if m := BOX.match(line):
            close()
            boxes.append(indent)
            if m["title"]:
                out.append(Unit(n, "box title", m["title"]))
            continue
        if m := LIST_ITEM.match(line):
            close()
            current = Unit(n, "list item", m[1])
            continue
        if current is None:
            current = Unit(n, "text in a box" if boxes else "paragraph", line)
        else:
            current.text += " " + line
    close()
    # words in a formula (\text{...}) are in the page's language too
    inline = [Unit(u.line, "text in a formula", t) for u in out if u.kind != "text in a formula"
              for start, end in protected(u.text) if u.text[start] == "$" for t in MATH_TEXT.findall(u.text[start:end])]
    return sorted(out + inline, key=lambda u: u.line)


def cleaned(text: str, lang: str) -> str:
    """What is left to judge: no code, math, images, URLs, tags or attribute lists; link texts stay."""
    text = without_code_and_math(text)
    text = IMAGE.sub(" ", text)  # alt text has its own test (tests/test_pages.py)
    text = LINK.sub(r"\1", text)
    text = URL.sub(" ", text)
    text = TAG.sub(" ", text)
    text = ATTRIBUTES.sub("", text)
    if lang == "ko":
        text = GLOSS.sub(r"\1", text)
    return text


def english_words(text: str) -> list[str]:
    return EN_WORD.findall(text)


def is_code(comment: str) -> bool:
    """A comment that is a formula or code (`W -= lr * W.grad`, `f(w) = w**2`, `490`)."""
    if not english_words(comment):
        return True
    for code in (comment, comment + " pass"):  # `for epoch in range(n):` is code too
        try:
            tree = ast.parse(code)
            break
        except SyntaxError:
            continue
    else:
        return False
    return not (len(tree.body) == 1 and isinstance(tree.body[0], ast.Expr)
                and isinstance(tree.body[0].value, (ast.Name, ast.Constant)))


def short(text: str, limit: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def korean_problem(text: str) -> str | None:
    """Why `text` (cleaned) is not Korean, or None."""
    words = english_words(text)
    if words and not HANGUL.search(text):
        return "not translated (English words, no Korean)"
    for sentence in SENTENCE_END.split(text):
        english, korean = len(english_words(sentence)), len(KO_TOKEN.findall(sentence))
        if korean and english >= MOSTLY_ENGLISH_MIN and english > korean:
            where = "" if sentence.strip() == text.strip() else f" in {short(sentence, 80)!r}"
            return f"a Korean sentence that is mostly English ({english} English words, {korean} Korean){where}"
    return None


def english_problem(text: str, quotes_allowed: bool = True) -> str | None:
    """Why `text` (cleaned) is not English, or None. A quoted Korean word may stand in an English sentence."""
    if not HANGUL.search(text):
        return None
    outside = QUOTE.sub(" ", text) if quotes_allowed else text
    if HANGUL.search(outside):
        runs = dict.fromkeys(short(r, 40) for r in KO_RUN.findall(outside))
        return f"Korean on an English page ({', '.join(runs)})"
    if not english_words(outside):
        return "a Korean quotation with no English sentence around it"
    return None


def page_problems(page: Path) -> list[str]:
    lang = lang_of(page)
    problems = []
    for unit in units(page):
        if unit.other_language_allowed:
            continue
        text = cleaned(unit.text, lang)
        why = korean_problem(text) if lang == "ko" else english_problem(text)
        if why:
            problems.append(f"{rel(page)}:{unit.line}: {unit.kind}: {why}: {short(unit.text)!r}")
    return problems


ADVICE = {
    "ko": "Korean pages are Korean throughout: translate it; an English term goes in parentheses right after "
          "its Korean name, 손실 함수(loss function), and code in `…`.",
    "en": "English pages are English throughout: translate it; a Korean word the page must show goes in `…` "
          "or in “…” next to its translation.",
}


@pytest.mark.parametrize("page", PAGES, ids=[rel(p).removeprefix("docs/") for p in PAGES])
def test_page_is_in_its_language(page):
    problems = page_problems(page)
    assert not problems, "\n".join(problems) + "\n" + ADVICE[lang_of(page)]


# Figure text: the string arguments of these calls and keywords (see tests/test_pages.py DISPLAY_CALLS)
FIGURE_CALLS = {"title", "suptitle", "xlabel", "ylabel", "zlabel", "set_title", "set_xlabel", "set_ylabel",
                "set_zlabel", "text", "figtext", "annotate", "legend", "set_xticklabels", "set_yticklabels"}
FIGURE_KEYWORDS = {"label", "labels", "title", "xlabel", "ylabel", "zlabel", "s", "text"}


def _strings(node: ast.AST) -> list[str]:
    """The text of string constants and f-strings in `node` (lists and tuples of them too)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return ["".join(v.value if isinstance(v, ast.Constant) else " {} " for v in node.values)]
    if isinstance(node, (ast.List, ast.Tuple)):
        return [s for element in node.elts for s in _strings(element)]
    return []


def figure_texts(source: str) -> list[tuple[int, str, str]]:
    """(line, call, text) of every string a figure shows."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if name in FIGURE_CALLS:
            found += [(arg.lineno, name, s) for arg in node.args for s in _strings(arg)]
        found += [(kw.value.lineno, f"{kw.arg}=", s) for kw in node.keywords if kw.arg in FIGURE_KEYWORDS
                  for s in _strings(kw.value)]
    return sorted(found)


def comments(source: str) -> list[tuple[int, str]]:
    """(line, text) of every comment but the snippet section markers."""
    found = []
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT:
            text = tok.string.lstrip("#").strip()
            if text and not text.startswith("--8<--"):
                found.append((tok.start[0], text))
    return found


def module_problems(module: Path) -> list[str]:
    lang = module.parent.name
    source = module.read_text(encoding="utf-8")
    name = rel(module)
    problems = []
    for line, text in comments(source):
        judged = without_code_and_math(text)
        if lang == "ko":
            why = None if is_code(judged) else korean_problem(cleaned(judged, "ko"))
            if why:
                why = "English comment in a Korean snippet" if why.startswith("not translated") else why
        else:
            why = english_problem(judged)
            why = why and why.replace("on an English page", "in an English snippet's comment")
        if why:
            problems.append(f"{name}:{line}: {why}: # {short(text)}")
    for line, call, text in figure_texts(source):
        judged = MATH.sub(" ", text)
        if lang == "ko":
            why = korean_problem(cleaned(judged, "ko"))
            if why and why.startswith("not translated"):
                why = "figure text in a Korean snippet is not Korean"
        else:
            why = english_problem(judged, quotes_allowed=False)
            why = why and "Korean figure text in an English snippet"
        if why:
            problems.append(f"{name}:{line}: {call}: {why}: {text!r}")
    return problems


@pytest.mark.parametrize("module", MODULES, ids=[rel(m) for m in MODULES])
def test_snippet_comments_and_figure_text_are_in_its_language(module):
    problems = module_problems(module)
    advice = ("snippets/ko: comments and figure text (titles, axis and legend labels, text) are Korean."
              if module.parent.name == "ko" else
              "snippets/en: comments and figure text are English; printed output is the same in both languages.")
    assert not problems, "\n".join(problems) + "\n" + advice


# --- guardrails: each slip injected into a copy of the project fails with file:line and the text, and
# what both languages share passes. One copy holds every slip (each on its own line), and one run of this
# file's checks (not its guardrails) in the copy reports them all.

KO_SLIPS = [  # (Markdown added under "## 정리", the line reported, kind of unit, what the report says)
    ("The path ends next to the minimum, where the gradient is almost zero.", None, "paragraph",
     "not translated (English words, no Korean): 'The path ends"),
    ("- the learning rate sets the size of every step", None, "list item", "not translated"),
    ("| 학습률 | 결과 |\n|---|---|\n| `0.05` | converges to the minimum |", "| `0.05` |", "table cell",
     "not translated (English words, no Korean): 'converges to the minimum'"),
    ("### Try it yourself", None, "heading", "not translated (English words, no Korean): 'Try it yourself'"),
    ('!!! note "Where this differs from the notes"\n    The notes move the parameters along the gradient.', None,
     "box title", "not translated (English words, no Korean): 'Where this differs from the notes'"),
    ("", "    The notes move the parameters", "text in a box", "not translated"),
    ('```text title="Output"\nW = 1.0\n```', None, "block title", "not translated (English words, no Korean): 'Output'"),
    ("이 경로는 the path of gradient descent on the loss surface입니다.", None, "paragraph",
     "a Korean sentence that is mostly English (6 English words, 3 Korean)"),
    ("경사는 $\\text{gradient}$로 적습니다.", None, "text in a formula", "not translated"),
]
KO_SHARED = ("손실 함수(loss function), 평균제곱오차(mean squared error), 경사 하강법(gradient descent). "
             "`W -= lr * W.grad`로 $\\text{경사}$가 [Graphviz](https://graphviz.org/)처럼 됩니다.\n\n"
             "`optimizer.step()`, $W = 1.0$, SGD")
EN_SLIPS = [
    ("경로는 최솟값 근처에서 끝납니다.", None, "paragraph", "Korean on an English page (경로는 최솟값 근처에서 끝납니다)"),
    ("- The 손실 goes down at every step.", None, "list item", "Korean on an English page (손실): 'The 손실 goes down"),
]
EN_SHARED = 'The notes call it “경사 하강법” (gradient descent); the program prints `초기상태 : 손실` ("initial state : loss").'
SNIPPET_SLIPS = {  # lines appended to the module -> what the report says
    "snippets/ko/two_variables.py": {"# draw the path over the contours": "English comment in a Korean snippet",
                                     "plt.title('Gradient descent on L(u, v)')":
                                         "title: figure text in a Korean snippet is not Korean"},
    "snippets/en/two_variables.py": {"# 등고선 위에 경로를 그린다": "Korean in an English snippet's comment",
                                     "plt.xlabel('학습률')": "xlabel: Korean figure text in an English snippet"},
}


@pytest.fixture(scope="module")
def slips(tmp_path_factory):
    """A copy of the project with every slip injected, and what this file's checks say about it."""
    project = tmp_path_factory.mktemp("language") / "project"
    shutil.copytree(ROOT, project, ignore=lambda d, names: [n for n in names if n in SKIP])
    for lang, heading, added in (("ko", "## 정리\n", [s[0] for s in KO_SLIPS] + [KO_SHARED]),
                                 ("en", "## Summary\n", [s[0] for s in EN_SLIPS] + [EN_SHARED])):
        edit(project / f"{PAGE}.{lang}.md", heading, heading + "\n" + "\n\n".join(a for a in added if a) + "\n\n")
    for module, lines in SNIPPET_SLIPS.items():
        with open(project / module, "a", encoding="utf-8") as f:
            f.write("\n" + "\n".join(lines) + "\n")
    return project, pytest_in(project, "tests/test_language.py", "-k", "not guardrail")


def _line(project: Path, path: str, needle: str) -> str:
    """`path:line: ` of the one line that holds the injected text."""
    found = [n for n, line in enumerate((project / path).read_text(encoding="utf-8").splitlines(), 1) if needle in line]
    assert len(found) == 1, f"{needle!r} is on lines {found} of {path}"
    return f"{path}:{found[0]}: "


@pytest.mark.parametrize("lang, slip", [("ko", s) for s in KO_SLIPS] + [("en", s) for s in EN_SLIPS],
                         ids=[f"ko {s[2]}" for s in KO_SLIPS[:-2]] + ["ko mostly English", "ko formula",
                                                                     "en paragraph", "en list item"])
def test_guardrail_a_page_in_the_other_language(slips, lang, slip):
    project, out = slips
    added, line, kind, report = slip
    where = _line(project, f"{PAGE}.{lang}.md", line or added.splitlines()[0])
    assert f"{where}{kind}: {report}" in out, out


@pytest.mark.parametrize("module", SNIPPET_SLIPS)
def test_guardrail_a_comment_or_figure_text_in_the_other_language(slips, module):
    project, out = slips
    for needle, report in SNIPPET_SLIPS[module].items():
        assert f"{_line(project, module, needle)}{report}" in out, out


def test_guardrail_what_both_languages_share_passes(slips):
    """Glossed terms, code, math, numbers, URLs, and a quoted Korean label next to its translation."""
    project, out = slips
    for page, shared in ((f"{PAGE}.ko.md", KO_SHARED), (f"{PAGE}.en.md", EN_SHARED)):
        for part in shared.split("\n\n"):
            assert _line(project, page, part) not in out, out
