"""The glossary is the chapter's vocabulary: both languages list the same terms, and Korean pages
never use the spellings its last column rules out."""

from __future__ import annotations

import re

import pytest

from tools.pages import DOCS, ROOT, pages, rel

GLOSSARY = {lang: DOCS / "gradient-descent" / f"glossary.{lang}.md" for lang in ("ko", "en")}


def rows(lang: str) -> list[list[str]]:
    lines = GLOSSARY[lang].read_text(encoding="utf-8").splitlines()
    table = [line for line in lines if line.startswith("|")][2:]  # skip header and rule
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in table]


def avoided() -> dict[str, str]:
    """spelling to avoid -> the glossary term to use instead"""
    return {variant.strip(): row[0] for row in rows("ko") for variant in row[-1].split(",") if variant.strip()}


def test_both_glossaries_list_the_same_terms():
    assert [r[0] for r in rows("ko")] == [r[0] for r in rows("en")]
    assert [r[1] for r in rows("ko")] == [r[1] for r in rows("en")]
    assert [r[-1] for r in rows("ko")] == [r[-1] for r in rows("en")]


KO_PAGES = [p for p in pages("ko") if p != GLOSSARY["ko"]] + sorted((ROOT / "snippets" / "ko").glob("*.py"))


@pytest.mark.parametrize("page", KO_PAGES, ids=[rel(p) for p in KO_PAGES])
def test_korean_pages_use_the_glossary_terms(page):
    rules = avoided()
    pattern = re.compile("|".join(map(re.escape, sorted(rules, key=len, reverse=True))))
    problems = [f"{rel(page)}:{n}: '{m[0]}' → '{rules[m[0]]}' (용어집 참고)"
                for n, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1)
                for m in pattern.finditer(line)]
    assert not problems, "\n".join(problems)
