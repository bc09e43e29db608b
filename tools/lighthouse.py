"""`make lighthouse`: Lighthouse (mobile) on the home page and every chapter page, both languages.

The built site/ is served from localhost with gzip, as any static host serves it, and audited
with npm's lighthouse@12.2.3 driving Debian's chromium. Each page is audited RUNS times (scores
on a small virtual machine vary by several points) and the table gives the median of each score.
"""

from __future__ import annotations

import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tools.pages import DOCS, ROOT, lang_of, pages
from tools.sitecheck import chromium

SITE = ROOT / "site"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 95}  # issue 6
RUNS = int(os.environ.get("LIGHTHOUSE_RUNS", 3))
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
                "--disable-background-networking --disable-component-update --disable-sync")


class GzipHandler(SimpleHTTPRequestHandler):
    """Static files, compressed like a real host would (python -m http.server sends them raw)."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix not in (".html", ".css", ".js", ".json", ".svg", ".xml") or not path.is_file() \
                or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        if self.path.endswith("/") is False and path.name == "index.html" and not self.path.endswith("index.html"):
            return super().send_head()  # let the base class redirect /dir to /dir/
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        return _Body(body)

    def log_message(self, *args):
        pass


class _Body:
    def __init__(self, data: bytes):
        self.data = data

    def read(self, *args):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


def urls() -> list[str]:
    out = []
    for page in pages():
        path = page.relative_to(DOCS).as_posix().removesuffix(f".{lang_of(page)}.md")
        path = "" if path == "index" else path + "/"
        out.append(("" if lang_of(page) == "ko" else "en/") + path)
    return out


def audit(base: str, path: str, out: Path) -> dict:
    report = out / f"{path.replace('/', '_') or 'home'}-{len(list(out.iterdir()))}"
    for attempt in range(3):  # headless Chromium now and then dies on a small machine; try again
        run = subprocess.run([str(LIGHTHOUSE), base + path, "--quiet", "--output=json", f"--output-path={report}.json",
                              f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"],
                             env=dict(os.environ, CHROME_PATH=chromium()), capture_output=True, text=True)
        if run.returncode == 0:
            break
    else:
        sys.exit(f"lighthouse failed on /{path}:\n{run.stderr[-2000:]}")
    data = json.loads(Path(f"{report}.json").read_text(encoding="utf-8"))
    scores = {c: round(100 * (data["categories"][c]["score"] or 0)) for c in CATEGORIES}
    failed = [a for a, r in data["audits"].items() if r.get("score") == 0 and r.get("scoreDisplayMode") == "binary"]
    scores["bytes"] = data["audits"]["total-byte-weight"]["numericValue"]
    scores["failed"] = failed
    return scores


def main() -> int:
    if not SITE.exists():
        sys.exit("build the site first: make build")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(GzipHandler, directory=str(SITE)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    out = Path(tempfile.mkdtemp(prefix="lighthouse-"))
    print(f"medians of {RUNS} runs per page\n")
    print("| page | performance | accessibility | best practices | SEO | bytes | failed audits |")
    print("|---|---:|---:|---:|---:|---:|---|")
    only = sys.argv[1:]  # python -m tools.lighthouse loss momentum: just the pages whose path has these
    paths = [u for u in urls() if not only or any(o in u for o in only)]
    missed = []
    for path in paths:
        runs = [audit(base, path, out) for _ in range(RUNS)]
        s = {c: statistics.median(r[c] for r in runs) for c in (*CATEGORIES, "bytes")}
        failed = sorted({a for r in runs for a in r["failed"]})
        print(f"| /{path} | {s['performance']:.0f} | {s['accessibility']:.0f} | {s['best-practices']:.0f} | "
              f"{s['seo']:.0f} | {s['bytes'] / 1024:.0f} KB | {', '.join(failed) or '-'} |", flush=True)
        missed += [f"/{path} {c} {s[c]:.0f} < {t}" for c, t in TARGETS.items() if s[c] < t]
    server.shutdown()
    print(f"\nreports: {out}")
    print("targets: " + ", ".join(f"{c} >= {t}" for c, t in TARGETS.items()))
    print("\n".join(["missed:", *missed]) if missed else f"met on all {len(paths)} pages")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
