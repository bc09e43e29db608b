// What the two explorers share: numbers printed as the pages print them, SVG plots, and the
// wiring of the controls. Loaded by descent.js and training.js; the build hook (tools/explorers.py)
// writes the markup these functions fill in.

const NS = "http://www.w3.org/2000/svg";
let clips = 0;

/** The pages' print format: Python's f"{x:.{d}f}" (f"{x:+.{d}f}" with plus), and from 1e5 on
 *  f"{x:.5g}", as the pages print large losses (1.628e+31). A number that rounds to zero has no
 *  minus sign (0.0000, never -0.0000). */
export function fmt(x, d = 4, plus = false) {
  const a = Math.abs(x), t = a * 2 ** (d + 1);
  let s = a.toFixed(d);
  if (a >= 1e5) {
    const [m, e] = a.toExponential(4).split("e");
    s = m.replace(/\.?0+$/, "") + "e" + e[0] + e.slice(1).padStart(2, "0");
  }
  // an exact tie (a is an odd multiple of 2^-(d+1)): toFixed rounds it up, Python to the even digit
  else if (t % 2 === 1 && s.slice(-1) % 2) s = ((t * 5 ** d - 1) / 2 / 10 ** d).toFixed(d);
  return (x < 0 && /[1-9]/.test(s) ? "-" : plus ? "+" : "") + s;
}

/** Fill a "{name}" template with values. */
export const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, k) => values[k]);

/** Append an SVG element. */
export function el(parent, tag, attrs = {}, text) {
  const e = document.createElementNS(NS, tag);
  for (const k in attrs) e.setAttribute(k, attrs[k]);
  if (text != null) e.textContent = text;
  parent.append(e);
  return e;
}

/** Round ticks (1, 2 or 5 times a power of ten) from lo to hi, about n of them. */
export function ticks(lo, hi, n = 5) {
  const raw = (hi - lo) / n, p = 10 ** Math.floor(Math.log10(raw));
  const step = p * (raw / p > 5 ? 10 : raw / p > 2 ? 5 : raw / p > 1 ? 2 : 1), out = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step / 1e9; t += step) out.push(+t.toPrecision(12));
  return out;
}

/** Empty the <svg> and draw a frame with ticks and axis names for the data ranges xr, yr (ty labels
 *  the y ticks; a short y name stands upright). Returns the coordinate maps (sx, sy), their inverses
 *  (ix, iy) and a group clipped to the plot area. */
export function frame(svg, xr, yr, xname, yname, ty = t => t) {
  svg.replaceChildren();
  const { width: w, height: h } = svg.viewBox.baseVal, L = 40, R = w - 6, T = 6, B = h - 30;
  const sx = x => L + (x - xr[0]) / (xr[1] - xr[0]) * (R - L);
  const sy = y => B - (y - yr[0]) / (yr[1] - yr[0]) * (B - T);
  const g = el(svg, "g", { class: "xp-axes" }), id = "xp-clip" + ++clips;
  el(el(svg, "clipPath", { id }), "rect", { x: L, y: T, width: R - L, height: B - T });
  el(g, "rect", { x: L, y: T, width: R - L, height: B - T });
  for (const t of ticks(...xr)) el(g, "text", { x: sx(t), y: B + 12, "text-anchor": "middle" }, t);
  for (const t of ticks(yr[0], yr[1], 4)) el(g, "text", { x: L - 4, y: sy(t) + 4, "text-anchor": "end" }, ty(t));
  el(g, "text", { x: (L + R) / 2, y: h - 3, "text-anchor": "middle" }, xname);
  el(g, "text", { transform: `translate(10 ${(T + B) / 2})` + (yname.length > 2 ? " rotate(-90)" : ""), "text-anchor": "middle" }, yname);
  const ix = px => xr[0] + (px - L) / (R - L) * (xr[1] - xr[0]), iy = py => yr[0] + (B - py) / (B - T) * (yr[1] - yr[0]);
  return { sx, sy, ix, iy, plot: el(svg, "g", { "clip-path": `url(#${id})` }) };
}

/** SVG path data through the points, stopping after the first one far outside the plot
 *  (a diverging run leaves the picture; its coordinates would grow past what SVG can draw). */
export function line(points, sx, sy) {
  let d = "";
  for (const [x, y] of points) {
    const px = sx(x), py = sy(y);
    d += (d ? "L" : "M") + px.toFixed(1) + " " + py.toFixed(1);
    if (!(Math.abs(px) < 1e4 && Math.abs(py) < 1e4)) break;
  }
  return d;
}

/** The level set L = min + c of a quadratic L with Hessian H (2×2) and minimum at centre: an ellipse. */
export function ellipse(centre, [[a, b], [, d]], c) {
  const m = (a + d) / 2, r = Math.hypot((a - d) / 2, b), th = Math.atan2(2 * b, a - d) / 2;
  const s1 = Math.sqrt(2 * c / (m + r)), s2 = Math.sqrt(2 * c / (m - r)), out = [];
  for (let i = 0; i <= 72; i++) {
    const t = i * Math.PI / 36, p = s1 * Math.cos(t), q = s2 * Math.sin(t);
    out.push([centre[0] + p * Math.cos(th) - q * Math.sin(th), centre[1] + p * Math.sin(th) + q * Math.cos(th)]);
  }
  return out;
}

/** Wire the box's controls: each named number field (the contract) and its slider follow each
 *  other (a log slider gives 2 significant digits, a value its field accepts); a preset button sets
 *  every value it lists, the field showing 4 digits (2/7 as 0.2857) while the exact value is used
 *  until the reader changes it; `changed` runs after every change (a dragged slider sends at most
 *  one input event per frame). Returns a function that reads the current values, clamped to each
 *  field's range. */
export function controls(box, changed) {
  const fields = [...box.querySelectorAll("input[name]")], last = {};
  const slider = f => box.querySelector(`input[data-for="${f.name}"]`);
  const toSlider = (s, v) => s.dataset.scale ? Math.log10(v) : v;
  for (const f of fields) {
    const s = slider(f);
    s.addEventListener("input", () => {
      delete f.dataset.x;
      f.value = s.dataset.scale ? +(10 ** s.valueAsNumber).toPrecision(2) : s.valueAsNumber;
      changed();
    });
    f.addEventListener("input", () => { delete f.dataset.x; if (Number.isFinite(f.valueAsNumber)) s.value = toSlider(s, f.valueAsNumber); changed(); });
    f.addEventListener("change", () => { f.value = read()[f.name]; s.value = toSlider(s, f.valueAsNumber); });
  }
  for (const b of box.querySelectorAll("button[data-set]")) {
    b.addEventListener("click", () => {
      for (const [k, v] of Object.entries(JSON.parse(b.dataset.set))) {
        const f = box.querySelector(`input[name="${k}"]`);
        f.value = +v.toPrecision(4);
        f.dataset.x = v;
        slider(f).value = toSlider(slider(f), v);
      }
      changed();
    });
  }
  const read = () => {
    for (const f of fields) {
      const v = f.dataset.x ? +f.dataset.x : f.step === "1" ? Math.round(f.valueAsNumber) : f.valueAsNumber;
      if (Number.isFinite(v)) last[f.name] = Math.min(+f.max, Math.max(+f.min, v));
    }
    return { ...last };
  };
  return read;
}
