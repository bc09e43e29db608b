// The descent explorer (3.1, 3.12): gradient descent on L(u, v) = 3u² + 3v² − uv + 7u − 7v + 10,
// drawn over its contours as the learning rate, the number of steps and the start point change.
// descend() is the pages' numpy loop, operation for operation; tests/test_explorers.py runs it
// in Chromium against numpy. The markup (labels, sizes, texts) comes from tools/explorers.py.
import { controls, el, ellipse, fill, fmt, frame, line } from "./ui.js";

// the function of snippets/*/two_variables.py:function and its partial derivatives
export const L = (u, v) => 3 * (u * u) + 3 * (v * v) - u * v + 7 * u - 7 * v + 10;  // u**2 rounds before the 3
const Lu = (u, v) => 6 * u - v + 7;
const Lv = (u, v) => 6 * v - u - 7;
const H = [[6, -1], [-1, 6]], MIN = [-1, 1], EIGENVALUES = [5, 7];  // its Hessian, minimum (L = 3) and eigenvalues

/** The points visited by `steps` steps of (u, v) ← (u, v) − α ∇L(u, v) from (u0, v0), start included. */
export function descend(alpha, steps, u0, v0) {
  let u = u0, v = v0;
  const path = [[u, v]];
  for (let i = 0; i < steps; i++) {
    [u, v] = [u - alpha * Lu(u, v), v - alpha * Lv(u, v)];
    path.push([u, v]);
  }
  return path;
}

/** Each step multiplies the offset from the minimum by 1 − αλ along each eigendirection. */
export const factors = alpha => EIGENVALUES.map(l => 1 - alpha * l);

/** converges (every factor smaller than 1 in size), oscillates (a factor of −1: α = 2/7) or diverges. */
export function status(alpha) {
  const worst = Math.max(...factors(alpha).map(Math.abs));
  return Math.abs(worst - 1) < 1e-12 ? "oscillates" : worst > 1 ? "diverges" : "converges";
}

/** The readout: the lines that 3.1 and 3.12 print for the same run. */
export function readout(alpha, path) {
  const [u0, v0] = path[0], [u, v] = path[path.length - 1], [f1, f2] = factors(alpha);
  return [
    `start: (${fmt(u0)}, ${fmt(v0)})  L = ${fmt(L(u0, v0))}`,
    `end:   (${fmt(u)}, ${fmt(v)})  L = ${fmt(L(u, v))}`,
    `alpha = ${fmt(alpha)}  factors = ${fmt(f1, 4, true)}, ${fmt(f2, 4, true)}  ` +
      `distance = ${fmt(Math.hypot(u - MIN[0], v - MIN[1]))}  L = ${fmt(L(u, v))}`,
  ];
}

export function mount(box) {
  const text = JSON.parse(box.querySelector(".xp-text").textContent);
  const svg = box.querySelector("svg"), lines = box.querySelectorAll(".xp-line"), state = box.querySelector("[data-status]");
  let f;
  const draw = () => {
    const { alpha, steps, u0, v0 } = read(), path = descend(alpha, steps, u0, v0), [f1, f2] = factors(alpha);
    f = frame(svg, [-5, 5], [-5, 5], "u", "v");
    for (let k = 0; k <= 8; k++) el(f.plot, "path", { class: "xp-level", d: line(ellipse(MIN, H, 2 ** k), f.sx, f.sy) });
    const d = line(path, f.sx, f.sy);
    el(f.plot, "path", { class: "xp-path", d });
    for (const p of d.slice(1).split("L")) {
      const [x, y] = p.split(" ");
      el(f.plot, "circle", { class: "xp-dot", cx: x, cy: y, r: 2.5 });
    }
    el(f.plot, "path", { class: "xp-min", d: `M${f.sx(-1) - 5} ${f.sy(1)}h10M${f.sx(-1)} ${f.sy(1) - 5}v10` });  // above the path
    readout(alpha, path).forEach((t, i) => {
      const parts = lines[i].children;  // the long line comes in two parts, before "  distance"
      if (parts.length) [parts[0].textContent, parts[1].textContent] = t.split(/(?= {2}distance)/);
      else lines[i].textContent = t;
    });
    const s = status(alpha);
    state.dataset.status = s;
    state.textContent = fill(text[s], { f1: fmt(f1, 4, true), f2: fmt(f2, 4, true), alpha: fmt(alpha) });
  };
  const read = controls(box, draw);
  svg.addEventListener("click", e => {  // a click or tap on the plot moves the start point there
    const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(svg.getScreenCTM().inverse());
    for (const [name, value] of [["u0", f.ix(p.x)], ["v0", f.iy(p.y)]]) {
      const input = box.querySelector(`input[name="${name}"]`);
      input.value = Math.round(Math.min(5, Math.max(-5, value)) * 10) / 10;
      input.dispatchEvent(new Event("input"));
    }
  });
  draw();
  box.dataset.ready = "";
}
