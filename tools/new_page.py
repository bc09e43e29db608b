"""`make page`: a new page pair that passes the tests as it stands.

    python -m tools.new_page <chapter>/<page> --title-ko "3.13 ..." --title-en "3.13 ..." [--after <page>]

writes, and refuses to overwrite:

- docs/<chapter>/<page>.ko.md and .en.md: front matter with a description, the title, the "what you
  will learn" box, one section with a code block and its documented output, the summary, and the
  exercises with one exercise and its worked solution in a collapsed box;
- snippets/ko/<module>.py and snippets/en/<module>.py (`-` becomes `_`): the same program in both
  languages, in two sections, `first` and `solution-1`;
- the page's entry in the nav of mkdocs.yml: after --after, or at the end of its chapter (before the
  chapter's glossary).

Then replace the placeholder text and code; `make accept` writes the new outputs into the page.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]  # stdlib only: `make page` needs no set-up

NAME = re.compile(r"^(?P<chapter>[a-z0-9][a-z0-9-]*)/(?P<page>[a-z0-9][a-z0-9-]*)$")

PAGE = {
    "ko": '''---
description: {title}에서 배우는 내용을 한 문장으로 적습니다.
---

# {title}

!!! abstract "이 페이지에서 배울 것"
    - 이 페이지에서 배울 내용을 한 줄에 하나씩 적습니다.

## 첫 계산

이 절에서 하는 일을 먼저 설명합니다. 아래 블록은 `snippets/ko/{module}.py`의 첫 절입니다.

```python
--8<-- "snippets/ko/{module}.py:first"
```

<!--pytest-codeblocks:expected-output-->
```text title="출력"
2 + 3 = 5
```

출력을 읽는 방법을 설명합니다.

## 정리

- 이 페이지에서 배운 것을 한 줄에 하나씩 정리합니다.

## 연습 문제

1. 첫 블록의 두 수를 다른 수로 바꾸고 다시 실행해 보세요.

??? success "풀이 1"

    풀이의 생각을 먼저 글로 설명합니다.

    ```python
    --8<-- "snippets/ko/{module}.py:solution-1"
    ```

    <!--pytest-codeblocks:expected-output-->
    ```text title="출력"
    4 + 5 = 9
    ```
''',
    "en": '''---
description: What {title} teaches, in one sentence.
---

# {title}

!!! abstract "What you will learn"
    - What this page teaches, one item per line.

## A first computation

Say first what this section does. The block below is the first section of `snippets/en/{module}.py`.

```python
--8<-- "snippets/en/{module}.py:first"
```

<!--pytest-codeblocks:expected-output-->
```text title="Output"
2 + 3 = 5
```

Explain how to read the output.

## Summary

- What the page taught, one item per line.

## Exercises

1. Change the two numbers in the first block and run it again.

??? success "Solution 1"

    Explain the idea of the solution in words first.

    ```python
    --8<-- "snippets/en/{module}.py:solution-1"
    ```

    <!--pytest-codeblocks:expected-output-->
    ```text title="Output"
    4 + 5 = 9
    ```
''',
}

SNIPPET = {
    "ko": '''# {title}

# --8<-- [start:first]
# 두 수를 더한다
a, b = 2, 3
print(f"{{a}} + {{b}} = {{a + b}}")
# --8<-- [end:first]

# --8<-- [start:solution-1]
# 풀이 1: 다른 두 수를 더한다
a1, b1 = 4, 5
print(f"{{a1}} + {{b1}} = {{a1 + b1}}")
# --8<-- [end:solution-1]
''',
    "en": '''# {title}

# --8<-- [start:first]
# add two numbers
a, b = 2, 3
print(f"{{a}} + {{b}} = {{a + b}}")
# --8<-- [end:first]

# --8<-- [start:solution-1]
# solution 1: add two other numbers
a1, b1 = 4, 5
print(f"{{a1}} + {{b1}} = {{a1 + b1}}")
# --8<-- [end:solution-1]
''',
}


class ScaffoldError(Exception):
    pass


def nav_with(config: str, chapter: str, page: str, after: str | None) -> str:
    """mkdocs.yml with `<chapter>/<page>.md` in the nav: after `after`, or last in its chapter (before a glossary)."""
    entry = re.compile(rf"^(?P<indent>\s*)- (?:[^:\n]+:\s*)?{re.escape(chapter)}/(?P<page>[\w.-]+)\.md\s*$")
    lines = config.split("\n")
    start = next((i for i, line in enumerate(lines) if re.match(r"^nav:\s*$", line)), None)
    found = [(i, m) for i, line in enumerate(lines) if start is not None and i > start and (m := entry.match(line))]
    if not found:
        raise ScaffoldError(f"mkdocs.yml: the nav has no page of {chapter}/; add the chapter to the nav first")
    if after:
        at = next((i for i, m in found if m["page"] == after), None)
        if at is None:
            raise ScaffoldError(f"mkdocs.yml: no nav entry {chapter}/{after}.md to put the page after")
        at += 1
    else:
        last, m = found[-1]
        at = last if m["page"] == "glossary" else last + 1
    lines.insert(at, f"{found[0][1]['indent']}- {chapter}/{page}.md")
    return "\n".join(lines)


def scaffold(name: str, titles: dict[str, str], after: str | None = None, root: Path = ROOT,
             nav: bool = True) -> list[Path]:
    """Write the page pair and its modules, and (unless `nav` is false: `make chapter` writes the nav
    section itself) its nav entry; the files written, mkdocs.yml last."""
    m = NAME.match(name)
    if not m:
        raise ScaffoldError(f"name the page <chapter>/<page> in lowercase letters, digits and '-', not {name!r}")
    chapter, page = m["chapter"], m["page"]
    module = page.replace("-", "_")
    files = {root / "docs" / chapter / f"{page}.{lang}.md": PAGE[lang].format(title=titles[lang], module=module)
             for lang in ("ko", "en")}
    files |= {root / "snippets" / lang / f"{module}.py": SNIPPET[lang].format(title=titles[lang]) for lang in ("ko", "en")}
    if existing := [p for p in files if p.exists()]:
        raise ScaffoldError(f"{existing[0].relative_to(root)} exists already; nothing was written")
    if not (root / "docs" / chapter).is_dir():
        raise ScaffoldError(f"docs/{chapter}/ does not exist; pages go into an existing chapter")
    mkdocs_yml = root / "mkdocs.yml"
    config = nav_with(mkdocs_yml.read_text(encoding="utf-8"), chapter, page, after) if nav else None
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
    if config is None:
        return list(files)
    mkdocs_yml.write_text(config, encoding="utf-8")
    return [*files, mkdocs_yml]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.new_page", description=__doc__.split("\n\n")[0])
    parser.add_argument("name", help="<chapter>/<page>, e.g. gradient-descent/adam")
    parser.add_argument("--title-ko", required=True)
    parser.add_argument("--title-en", required=True)
    parser.add_argument("--after", help="the page of the same chapter to put it after in the nav")
    args = parser.parse_args(argv)
    try:
        written = scaffold(args.name, {"ko": args.title_ko, "en": args.title_en}, args.after)
    except ScaffoldError as e:
        print(f"page: {e}", file=sys.stderr)
        return 2
    for path in written:
        print(f"wrote {path.relative_to(ROOT)}")
    print(f"next: write the prose and the code, then `make accept PAGES=\"docs/{args.name}.ko.md "
          f"docs/{args.name}.en.md\" FORCE=1` writes their outputs, and "
          f"`.venv/bin/python -m pytest docs/{args.name}.ko.md docs/{args.name}.en.md` checks them")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
