"""The glossary is the chapter's vocabulary: both languages list the same terms, Korean pages never use
the spellings its last column rules out, and they gloss a term `한국어(English)` only if the glossary has
it, once per page.

One exception, kept narrow on purpose: a page may quote the original notes word for word, and the notes
use some of those spellings (they say “산포도” for a scatter plot). A match that lies inside curly double
quotes “…” on the same line is such a quotation and is allowed. Straight quotes "…", brackets, inline code
and a quote left open at the end of a line are not: there the spelling fails as anywhere else.
"""

from __future__ import annotations

import re

import pytest

from tools.pages import ROOT, glossaries, pages, rel

GLOSSARIES = {lang: glossaries(lang) for lang in ("ko", "en")}  # every chapter's, in book order (tools/pages.book())
QUOTATION = re.compile(r"“[^“”\n]*”")  # a word-for-word quotation of the notes, opened and closed on one line


def rows(lang: str, glossary=None) -> list[list[str]]:
    """The rows of one glossary, or of every chapter's (the rules hold in the whole book)."""
    table = []
    for path in [glossary] if glossary else GLOSSARIES[lang]:
        lines = path.read_text(encoding="utf-8").splitlines()
        table += [line for line in lines if line.startswith("|")][2:]  # skip header and rule
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in table]


def avoided() -> dict[str, str]:
    """spelling to avoid -> the glossary term to use instead"""
    return {variant.strip(): row[0] for row in rows("ko") for variant in row[-1].split(",") if variant.strip()}


def violations(text: str, where: str, rules: dict[str, str]) -> list[str]:
    """`where:line: 'spelling' → 'term'` for every avoided spelling in text outside a quotation “…”."""
    if not rules:  # a book whose glossaries rule nothing out (an empty pattern would match everywhere)
        return []
    pattern = re.compile("|".join(map(re.escape, sorted(rules, key=len, reverse=True))))
    problems = []
    for n, line in enumerate(text.splitlines(), 1):
        quoted = [m.span() for m in QUOTATION.finditer(line)]
        for m in pattern.finditer(line):
            if not any(start < m.start() and m.end() < end for start, end in quoted):
                problems.append(f"{where}:{n}: '{m[0]}' → '{rules[m[0]]}' (용어집 참고)")
    return problems


@pytest.mark.parametrize("ko, en", list(zip(GLOSSARIES["ko"], GLOSSARIES["en"])), ids=[rel(p) for p in GLOSSARIES["ko"]])
def test_both_glossaries_list_the_same_terms(ko, en):
    assert [r[0] for r in rows("ko", ko)] == [r[0] for r in rows("en", en)]
    assert [r[1] for r in rows("ko", ko)] == [r[1] for r in rows("en", en)]
    assert [r[-1] for r in rows("ko", ko)] == [r[-1] for r in rows("en", en)]


def test_the_glossary_rules_out_the_spellings_of_issue_10():
    rules = avoided()
    assert rules["산포도"] == "산점도"  # 산포도 is dispersion in statistics
    assert rules["잎 텐서"] == "리프 텐서"
    assert "옵티마이저" not in rules  # allowed after 최적화 함수(옵티마이저)


def test_the_matcher_fails_outside_quotations_with_file_and_line():
    """Guardrail for the matcher itself: only a closed “…” on the same line lets a spelling through."""
    text = "\n".join([
        "노트는 “산포도에 회귀 직선 동시 출력”이라고 씁니다.",  # 1: a quotation of the notes: allowed
        "산포도를 그립니다.",  # 2: plain prose
        '노트는 "산포도"라고 씁니다.',  # 3: straight quotes are not a quotation of the notes
        "“인용은 여기서 닫히고” 산포도는 밖에 있습니다.",  # 4: after the closing mark
        "“닫히지 않은 인용 산포도",  # 5: a quote left open
        "산포도(scatter plot)와 “산포도”",  # 6: one outside, one inside
    ])
    assert violations(text, "docs/x.ko.md", {"산포도": "산점도"}) == [
        f"docs/x.ko.md:{n}: '산포도' → '산점도' (용어집 참고)" for n in (2, 3, 4, 5, 6)]


KO_PAGES = [p for p in pages("ko") if p not in GLOSSARIES["ko"]] + sorted((ROOT / "snippets" / "ko").glob("*.py"))


@pytest.mark.parametrize("page", KO_PAGES, ids=[rel(p) for p in KO_PAGES])
def test_korean_pages_use_the_glossary_terms(page):
    problems = violations(page.read_text(encoding="utf-8"), rel(page), avoided())
    assert not problems, "\n".join(problems)


# A gloss: Korean text followed, without a space, by English words in parentheses, as in 곡률(curvature);
# two letters are a unit, as in 신장(cm), not a gloss
GLOSS = re.compile(r"(?P<ko>[\uac00-\ud7a3]+)\((?P<en>[A-Za-z][A-Za-z '\-]+[A-Za-z])\)")
CODE_OR_MATH = re.compile(r"`[^`\n]*`|\$\$?[^$\n]*\$\$?|<!--.*?-->")


def glossary_english() -> set[str]:
    """Every English name the glossary gives a term: 'mean squared error (MSE)' gives the whole, both parts."""
    names = set()
    for row in rows("en"):
        cell = re.sub(r"\s*\(`[^`]*`\)", "", row[1])
        names |= {cell, *re.findall(r"\(([^()]*)\)", cell), re.sub(r"\s*\([^()]*\)", "", cell)}
    return {name.strip().lower() for name in names if name.strip()}


def gloss_problems(text: str, where: str, terms: set[str]) -> list[str]:
    """`where:line: …` for a gloss of a word the glossary lacks, and for a term glossed twice on one page.
    Quotations of the notes (“…”), inline code and math are not the page's own glosses."""
    problems, first = [], {}
    for n, line in enumerate(text.splitlines(), 1):
        line = QUOTATION.sub("", CODE_OR_MATH.sub("", line))
        for m in GLOSS.finditer(line):
            english = m["en"].lower()
            if english not in terms and not any(term.startswith(english + " ") for term in terms):  # 리프(leaf) 텐서
                problems.append(f"{where}:{n}: {m[0]}: '{m['en']}' is not a term of the glossary; gloss only "
                                f"glossary terms (add the term to both glossaries, or drop the gloss; code goes in `…`)")
            elif english in first:
                problems.append(f"{where}:{n}: {m[0]}: glossed again (first at line {first[english]}); "
                                f"gloss a term once per page, at its first use")
            else:
                first[english] = n
    return problems


def test_the_gloss_rule_fails_with_file_and_line():
    text = "\n".join([
        "경사 하강법(gradient descent)을 씁니다.",  # 1: a glossary term, first use: fine
        "곡선의 곡률(bendiness)이 큽니다.",  # 2: not a term of the glossary
        "다시 경사 하강법(gradient descent)을 씁니다.",  # 3: second gloss on the page
        "노트는 “손실 함수(loss function)”라고 씁니다. `f(x)`와 $g(x)$, 평균제곱오차(MSE)",  # 4: quote, code, abbreviation
    ])
    problems = gloss_problems(text, "docs/x.ko.md", glossary_english() | {"gradient descent"})
    assert [p.split(": ", 2)[:2] for p in problems] == [["docs/x.ko.md:2", "곡률(bendiness)"],
                                                         ["docs/x.ko.md:3", "하강법(gradient descent)"]]


@pytest.mark.parametrize("page", pages("ko"), ids=[rel(p) for p in pages("ko")])
def test_korean_pages_gloss_only_glossary_terms_once(page):
    if page in GLOSSARIES["ko"]:
        pytest.skip("the glossary itself pairs every term with its English")
    problems = gloss_problems(page.read_text(encoding="utf-8"), rel(page), glossary_english())
    assert not problems, "\n".join(problems)
