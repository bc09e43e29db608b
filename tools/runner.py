"""Run a page's code blocks in order in one namespace, as a reader pasting them into one session.

The solutions run last, in order, in that same namespace: the path of a reader who works through the
exercises one after another in one Jupyter kernel (the notebook edition runs them the same way).

`plt.show()` and `display(graph)` are the two ways the code shows a picture; here they write a
deterministic SVG named after the snippet section that called them. Used by the site build
(tools/generate.py) and by the tests, so both run exactly the same code the same way.
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import importlib.util
import io
import linecache
import logging
import os
import re
import signal
import sys
import traceback
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from tools.pages import Block, Piece

BLOCK_TIMEOUT_S = int(os.environ.get("BLOCK_TIMEOUT_S", 60))  # a block of this chapter runs in well under a second
SVG_SALT = "first-steps-in-ml"  # fixes the ids matplotlib writes into SVG files
RASTERIZE_OVER = 20_000  # vertices: denser collections (the 3D contours) become one embedded image


class BlockTimeout(Exception):
    pass


class MissingGlyph(Exception):
    """Figure text that would be drawn as empty boxes (e.g. Hangul inside $...$ math text)."""


class _GlyphLog(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        if "glyph" in record.getMessage():
            self.records.append(record)


@dataclass
class Result:
    block: Block
    stdout: str = ""
    figures: list[str] = field(default_factory=list)
    error: str | None = None  # a traceback that names the snippet file and line


@functools.cache
def setup_matplotlib() -> None:
    """Headless, reproducible figures; Hangul from the NanumGothic font that koreanize-matplotlib ships."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager, rcParams

    # koreanize-matplotlib is used only for the font file it ships: importing it would restyle globally
    package = importlib.util.find_spec("koreanize_matplotlib").submodule_search_locations[0]
    font_manager.fontManager.addfont(str(Path(package) / "fonts" / "NanumGothic.ttf"))
    # Latin and the minus sign from DejaVu, Hangul falls back to NanumGothic
    rcParams.update({"font.family": ["DejaVu Sans", "NanumGothic"], "axes.unicode_minus": True,
                     "svg.hashsalt": SVG_SALT, "figure.dpi": 100})
    warnings.filterwarnings("ignore", category=DeprecationWarning, module="torchviz")
    warnings.filterwarnings("ignore", message=".*distutils.*", category=DeprecationWarning)


def stable_graph_svg(source: str) -> bytes:
    """torchviz names nodes by memory address; rename them in order of appearance so the SVG is reproducible."""
    import graphviz

    ids: dict[str, str] = {}
    for m in re.finditer(r"(?m)^\t(\d+)|-> (\d+)", source):
        ids.setdefault(m[1] or m[2], f"n{len(ids)}")
    source = re.sub(r"\b\d{6,}\b", lambda m: ids.get(m[0], m[0]), source)
    return graphviz.Source(source).pipe(format="svg")


def dark_path(path: Path) -> Path:
    """figures/x.svg -> figures/x.dark.svg: the same figure for the dark scheme, drawn in the same run."""
    return path.with_suffix(".dark.svg")


# the dark scheme: neutral colours are mirrored (black text and axes turn light, white backgrounds
# vanish so the page shows through); data colours stay, lifted only when too dark to read
DARK_TEXT = 0.88  # lightness of what was black
DARK_MIN_LUMINANCE = 0.18  # a data colour dimmer than this is lifted (pure blue is 0.07: unreadable on slate)


def _dark_colour(rgba):
    import colorsys

    r, g, b, a = rgba
    h, lightness, saturation = colorsys.rgb_to_hls(r, g, b)
    if max(r, g, b) - min(r, g, b) < 0.12:  # a grey: mirror its lightness
        if lightness > 0.97:
            return (0, 0, 0, 0)  # a white background: transparent
        grey = DARK_TEXT - lightness * (DARK_TEXT - 0.12)
        return (grey, grey, grey, a)
    while 0.2126 * r + 0.7152 * g + 0.0722 * b < DARK_MIN_LUMINANCE and lightness < 0.9:
        lightness += 0.05
        r, g, b = colorsys.hls_to_rgb(h, lightness, saturation)
    return (r, g, b, a)


def darken(fig) -> None:
    """Recolour a finished figure for the dark scheme, in place."""
    import numpy as np
    from matplotlib.colors import to_rgba, to_rgba_array

    def dark(colours):
        if isinstance(colours, str) or (np.ndim(colours) == 1 and len(colours) in (3, 4)):
            return colours if isinstance(colours, str) and colours == "none" else _dark_colour(to_rgba(colours))
        if np.ndim(colours) == 2 and len(colours):
            return [_dark_colour(tuple(c)) for c in to_rgba_array(colours)]
        return None

    for artist in fig.findobj():
        if getattr(artist, "get_array", lambda: None)() is not None:
            continue  # colours from a colour map (contours, surfaces, images) are data
        kinds = [k for k in ("color", "facecolor", "edgecolor", "markerfacecolor", "markeredgecolor")
                 if hasattr(artist, f"get_{k}") and hasattr(artist, f"set_{k}")
                 and not (k == "color" and hasattr(artist, "get_facecolor"))]  # color would set both
        # read every colour before setting any: a marker's colour follows its line's, and must not turn twice
        old = {k: getattr(artist, f"get_{k}")() for k in kinds}
        for kind, colours in old.items():
            new = dark(colours)
            if new is not None:
                getattr(artist, f"set_{kind}")(new)
    for ax in fig.axes:
        ax.tick_params(colors=_dark_colour(to_rgba("black")), which="both")
        if hasattr(ax, "zaxis"):  # 3D axes draw their own panes and grid
            for axis in (ax.xaxis, ax.yaxis, ax.zaxis):
                axis.set_pane_color((1, 1, 1, 0.04))
                axis._axinfo["grid"]["color"] = (1, 1, 1, 0.2)


# Phones: a figure whose smallest text would render below PHONE_TEXT_PX CSS px in the narrowest column
# it can stand in at 390 px (inside a solution box) gets a phone twin, x.phone.svg and x.phone.dark.svg,
# drawn in the same run from a copy of the finished figure: a row of panels becomes a column, the width
# is a phone's, and the text grows where a small part of it (a superscript) would still be too small.
# tools/hooks.py serves it by media query (<picture>), so a phone fetches only the twin it shows.
PHONE_TEXT_PX = 9  # the smallest figure text a reader gets, CSS px (tests/test_phone.py measures it)
PHONE_COLUMN_PX = 332  # the narrowest column at 390 px: Material's content inside an admonition box
PHONE_TARGET_PX = 9.6  # what a twin's text is enlarged to when it has to be
PHONE_WIDTH_IN = 4.75  # a twin's width, padding included: 10 pt text renders at 9.7 CSS px in 332 px
FIGURE_DPI = 110  # only embedded images (RASTERIZE_OVER) depend on it

GLYPHS = re.compile(r'<g transform="translate\([^)]*\)\s*(?:rotate\([^)]*\)\s*)?scale\(([\d.]+) -[\d.]+\)">(.*?)</g>', re.S)
INNER_SCALE = re.compile(r'<use [^>]*transform="[^"]*scale\(([\d.]+)\)"')
GRAPH_SCALE = re.compile(r'class="graph" transform="scale\(([\d.]+)')
FONT_SIZE = re.compile(r'font-size="([\d.]+)"')
VIEWBOX = re.compile(r'viewBox="([^"]+)"')


def text_size(svg: str) -> tuple[float | None, float]:
    """(smallest text, width) of an SVG figure, both in the SVG's own units (pt for matplotlib).
    matplotlib draws a text as glyphs in a group scaled by size/100, a superscript as glyphs scaled again
    inside it; Graphviz writes font-size on each <text>, inside the graph's own scale."""
    sizes = [100 * float(s) * min([1.0] + [float(k) for k in INNER_SCALE.findall(inner)])
             for s, inner in GLYPHS.findall(svg)]
    graph = GRAPH_SCALE.search(svg)
    sizes += [float(s) * (float(graph[1]) if graph else 1) for s in FONT_SIZE.findall(svg)]
    width = float(VIEWBOX.search(svg)[1].split()[2])
    return (min(sizes) if sizes else None), width


def phone_px(svg: str) -> float | None:
    """The smallest text of a figure in CSS px, shown in the narrowest column of a 390 px screen."""
    smallest, width = text_size(svg)
    return None if smallest is None else smallest * min(PHONE_COLUMN_PX / width, 4 / 3)  # never above natural size


def phone_path(path: Path) -> Path:
    """figures/x.svg -> figures/x.phone.svg (its dark twin: dark_path() of that, x.phone.dark.svg)."""
    return path.with_suffix(".phone.svg")


def figure_files(path: Path) -> list[Path]:
    """Every file drawn for one figure: light, dark, and the phone twins where there are some."""
    return [p for p in (path, dark_path(path), phone_path(path), dark_path(phone_path(path))) if p.exists()]


def _svg(fig, dpi=FIGURE_DPI, **kw) -> str:
    out = io.StringIO()
    fig.savefig(out, format="svg", metadata={"Date": None}, bbox_inches="tight", dpi=dpi, **kw)
    return out.getvalue()


def _tight_width_in(fig) -> float:
    """The width savefig(bbox_inches="tight") gives, padding (0.1 in each side) included."""
    fig.draw_without_rendering()  # runs the layout engine
    return fig.get_tightbbox(fig.canvas.get_renderer()).width + 0.2


def _one_column(legend) -> None:
    """Re-pack a legend's columns into one (Legend.set_ncols only takes effect on a new legend)."""
    from matplotlib.offsetbox import VPacker

    columns = legend._legend_handle_box.get_children()
    if len(columns) > 1:
        items = [item for column in columns for item in column.get_children()]
        legend._legend_handle_box._children = [VPacker(pad=0, sep=columns[0].sep, align=columns[0].align,
                                                       children=items)]
        legend.set_ncols(1)


def phone_twin(fig, svg: str):
    """A copy of a finished figure (`svg`: its SVG) laid out for a phone: a row of panels becomes a column,
    the width is PHONE_WIDTH_IN, and the text grows where its smallest part would still render below
    PHONE_TEXT_PX. Returns the twin and its dpi (embedded images keep the pixels of the wide figure)."""
    import pickle

    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.gridspec import GridSpec
    from matplotlib.text import Text

    twin = pickle.loads(pickle.dumps(fig))
    plt.close(twin)  # a copy, not one of the session's figures
    FigureCanvasAgg(twin)
    w, h = twin.get_size_inches()
    specs = [ax.get_subplotspec() for ax in twin.axes]
    grid = specs[0].get_gridspec() if specs and specs[0] is not None else None
    n = 1
    if grid and grid.nrows == 1 and grid.ncols > 1 and all(s is not None and s.get_gridspec() is grid for s in specs):
        n = grid.ncols  # a row of panels becomes a column, each panel as tall as before (less if it narrows)
        column = GridSpec(n, 1, figure=twin)
        for ax, spec in zip(twin.axes, specs):
            ax.set_subplotspec(column[spec.colspan.start, 0])
            ax.tick_params(labelleft=True, labelbottom=True)  # shared axes had hidden the inner panels' labels
        w, h = w / n, n * h * min(1, PHONE_WIDTH_IN / (w / n))
    if twin.get_layout_engine() is None:
        twin.set_layout_engine("constrained")  # panels moved or shrunk: keep titles and labels apart
    # text keeps its size in points: at the twin's width its smallest part renders at
    smallest, _ = text_size(svg)
    scale = PHONE_TARGET_PX / (smallest * PHONE_COLUMN_PX / (PHONE_WIDTH_IN * 72))
    if scale > PHONE_TARGET_PX / PHONE_TEXT_PX:  # too small even there (a superscript): enlarge all text
        axes = [a for ax in twin.axes for a in (ax.xaxis, ax.yaxis, getattr(ax, "zaxis", None)) if a]
        ticks = {id(label) for a in axes for label in a.get_ticklabels(which="both")}
        for text in twin.findobj(Text):
            if id(text) not in ticks:
                text.set_fontsize(text.get_fontsize() * scale)
        for a in axes:  # tick labels through their axis, which makes any new tick from its own settings
            if labels := a.get_ticklabels(which="both"):
                a.set_tick_params(which="both", labelsize=labels[0].get_fontsize() * scale)
    # the width: first in proportion, then once more by the margins (which do not shrink with it)
    tight = float(VIEWBOX.search(svg)[1].split()[2]) / 72 / n  # one panel's share of the wide figure's width
    twin.set_size_inches(w * PHONE_WIDTH_IN / tight, h * PHONE_WIDTH_IN / tight)
    titles = [twin._suptitle, *twin.texts, *(t for ax in twin.axes for t in (
        ax.title, ax._left_title, ax._right_title, ax.xaxis.label, ax.yaxis.label, *ax.texts))]
    for text in titles:
        if text is not None:
            text.set_wrap(True)  # a title wider than the phone breaks into lines
    twin.draw_without_rendering()
    for legend in [*twin.legends, *(ax.get_legend() for ax in twin.axes)]:  # a legend as wide as the phone
        if legend and legend.get_window_extent().width > 0.8 * PHONE_WIDTH_IN * twin.dpi:
            _one_column(legend)  # would squeeze the panels: its entries go one under another
    for _ in range(2):
        got = _tight_width_in(twin)
        if abs(got - PHONE_WIDTH_IN) < 0.05:
            break
        fw, fh = twin.get_size_inches()
        twin.set_size_inches(fw + PHONE_WIDTH_IN - got, fh * (fw + PHONE_WIDTH_IN - got) / fw)
    return twin, round(FIGURE_DPI * fig.get_size_inches()[0] / twin.get_size_inches()[0])


def save_figure(fig, path: Path) -> None:
    """The figure as SVG, its dark-scheme twin next to it, and, when its text is too small for a phone,
    the phone twins (light and dark)."""
    for ax in fig.axes:
        for coll in ax.collections:
            paths = coll.get_paths()
            if sum(len(p.vertices) for p in paths) > RASTERIZE_OVER:
                coll.set_rasterized(True)
    svg = _svg(fig)
    path.write_text(svg, encoding="utf-8")
    px = phone_px(svg)
    if px is not None and px < PHONE_TEXT_PX:
        twin, dpi = phone_twin(fig, svg)
        phone_path(path).write_text(_svg(twin, dpi), encoding="utf-8")
        darken(twin)
        dark_path(phone_path(path)).write_text(_svg(twin, dpi, facecolor="none", edgecolor="none"), encoding="utf-8")
    darken(fig)
    dark_path(path).write_text(_svg(fig, facecolor="none", edgecolor="none"), encoding="utf-8")


DARK_GRAPH = '\tgraph [bgcolor=transparent]\n\tedge [color="#d6d6d6" fontcolor="#d6d6d6"]\n'


def save_graph(graph, path: Path) -> None:
    """A torchviz graph as SVG, and its dark twin: transparent background, light arrows; the node
    fills stay (their black text reads on them)."""
    path.write_bytes(stable_graph_svg(graph.source))
    dark = graph.source.replace("{\n", "{\n" + DARK_GRAPH, 1)
    dark_path(path).write_bytes(stable_graph_svg(dark))


class Session:
    """One reader's Python session for one page."""

    def __init__(self, figure_dir: Path | None, figure_stem: str):
        setup_matplotlib()
        import matplotlib.pyplot as plt

        plt.close("all")
        self.plt = plt
        self.figure_dir = figure_dir
        self.figure_stem = figure_stem
        self.namespace: dict = {"__name__": "__main__"}
        self.piece: Piece | None = None
        self.written: list[str] = []
    def _figure_path(self) -> Path | None:
        if self.figure_dir is None:
            return None
        base = f"{self.figure_stem}-{self.piece.section}"
        n = sum(1 for w in self.written if w.startswith(base + ".") or w.startswith(base + "-"))
        name = f"{base}{'' if n == 0 else f'-{n + 1}'}.svg"
        self.written.append(name)
        return self.figure_dir / name

    def _show(self) -> None:
        left = signal.alarm(0)  # drawing the figures and their twins is not the reader's code: the clock stops
        try:
            for num in self.plt.get_fignums():
                path = self._figure_path()
                if path:
                    save_figure(self.plt.figure(num), path)
        finally:
            if left:
                signal.alarm(left)
        self.plt.close("all")

    def _display(self, *objs) -> None:
        for obj in objs:
            if hasattr(obj, "pipe") and hasattr(obj, "source"):  # a graphviz graph
                path = self._figure_path()
                if path:
                    save_graph(obj, path)
            else:
                print(repr(obj))

    def run(self, block: Block, timeout: int = BLOCK_TIMEOUT_S) -> Result:
        import IPython.display

        result = Result(block)
        out = io.StringIO()
        before = len(self.written)

        def on_alarm(signum, frame):
            raise BlockTimeout(f"stopped after {timeout} s: does it loop forever? (BLOCK_TIMEOUT_S sets the limit)")

        missing_glyphs = _GlyphLog()  # mathtext reports missing glyphs by logging, not warnings
        logging.getLogger("matplotlib").addHandler(missing_glyphs)
        old_handler = signal.signal(signal.SIGALRM, on_alarm)
        signal.alarm(timeout)
        try:
            with warnings.catch_warnings(), contextlib.redirect_stdout(out), \
                    _patched(self.plt, "show", lambda *a, **k: self._show()), \
                    _patched(IPython.display, "display", lambda *objs, **k: self._display(*objs)):
                # a glyph the fonts lack would be drawn as an empty box: fail instead
                warnings.filterwarnings("error", message=r"Glyph \d+ .*missing from")
                for piece in block.pieces:
                    self.piece = piece
                    exec(_compile(piece), self.namespace)
            if missing_glyphs.records:
                raise MissingGlyph(f"{self.piece.path} [{self.piece.section}]: figure text would show empty "
                                   f"boxes (Hangul inside $...$ math text?): {missing_glyphs.records[0].getMessage()}")
        except BaseException as e:  # noqa: BLE001 - any failure of reader code is reported, including SystemExit
            result.error = _format_error(e, block)
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, old_handler)
            logging.getLogger("matplotlib").removeHandler(missing_glyphs)
        result.stdout = out.getvalue()
        result.figures = self.written[before:]
        return result


@contextlib.contextmanager
def _patched(obj, name, value):
    old = getattr(obj, name)
    setattr(obj, name, value)
    try:
        yield
    finally:
        setattr(obj, name, old)


def _compile(piece: Piece):
    # pad so that tracebacks give the line numbers of the snippet file itself
    source = "\n" * (piece.first_line - 1) + piece.code
    linecache.cache[piece.path] = (len(source), None, source.splitlines(True), piece.path)
    return compile(source, piece.path, "exec")


def _format_error(e: BaseException, block: Block) -> str:
    frames = [f for f in traceback.extract_tb(e.__traceback__) if f.filename.startswith("snippets/")]
    where = "".join(traceback.format_list(frames))
    last = "".join(traceback.format_exception_only(type(e), e)).strip()
    return f"{block.where}: the code shown here raised\n{where}{last}"


def normalise(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip("\n").splitlines())


def output_diff(block: Block, actual: str) -> str | None:
    """None when the documented output matches; otherwise a message with file, line and diff."""
    if block.expected_output is None:
        if actual.strip():
            return (f"{block.where}: this block prints, but the page documents no output for it; add "
                    f"<!--pytest-codeblocks:expected-output--> and a text fence with:\n{actual}")
        return None
    want, got = normalise(block.expected_output), normalise(actual)
    if want == got:
        return None
    diff = difflib.unified_diff(want.splitlines(), got.splitlines(), "documented", "printed", lineterm="")
    return (f"{block.page}:{block.output_lineno}: the documented output of the block at line {block.lineno} "
            f"differs from what the code prints\n" + "\n".join(diff))


def run_page(blocks: list[Block], figure_dir: Path | None, figure_stem: str) -> list[Result]:
    session = Session(figure_dir, figure_stem)
    results = []
    for block in blocks:
        results.append(session.run(block))
        if results[-1].error:
            break
    return results

