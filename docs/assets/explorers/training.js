// The training explorer (3.7, 3.10): the height/weight model Yp = W·X + B trained on the centred
// data by gradient descent with momentum, as optim.SGD does it. train() is the pages' torch loop
// in float64; tests/test_explorers.py runs it in Chromium against torch. The markup (labels,
// sizes, texts) comes from tools/explorers.py.
import { controls, el, ellipse, fill, fmt, frame, line } from "./ui.js";

// the heights (cm) and weights (kg) of snippets/*/data.py:data, centred as data.py:centre does it
export const DATA = { x: [166, 176, 171, 173, 169], y: [58.7, 75.7, 62.1, 70.4, 60.1] };
const mean = a => a.reduce((s, v) => s + v, 0) / a.length;
export const X = DATA.x.map(v => v - mean(DATA.x)), Y = DATA.y.map(v => v - mean(DATA.y));
const mX = mean(X), mY = mean(Y), n = X.length;
// the loss is a quadratic in (W, B): its Hessian, largest eigenvalue, minimum (least squares) and smallest loss
export const HESSIAN = [[2 * mean(X.map(v => v * v)), 2 * mX], [2 * mX, 2]];
const [[a, b], [, d]] = HESSIAN;
export const LAMBDA_MAX = (a + d) / 2 + Math.hypot((a - d) / 2, b);
export const W_BEST = X.reduce((s, v, i) => s + (v - mX) * (Y[i] - mY), 0) / X.reduce((s, v) => s + (v - mX) ** 2, 0);
export const B_BEST = mY - W_BEST * mX;
export const LOSS_MIN = mean(X.map((v, i) => (W_BEST * v + B_BEST - Y[i]) ** 2));
const BLOWN = 1e12;  // a loss past this has diverged for good: stop there, before the numbers overflow

/** `epochs` epochs of: loss = mean((W·X + B − Y)²), its gradient (dW, dB), then for each
 *  parameter v ← μ·v + gradient, p ← p − lr·v, from W = B = 1 and v = 0 (μ = 0: plain SGD).
 *  Returns the loss of every epoch (before its update, as the loop records it), W and B after
 *  every epoch (the start first), and the epoch where a diverging run was stopped (or null). */
export function train(lr, momentum, epochs) {
  let w = 1, b = 1, vw = 0, vb = 0, stopped = null;
  const loss = [], W = [w], B = [b];
  for (let e = 0; e < epochs; e++) {
    let l = 0, gw = 0, gb = 0;
    for (let i = 0; i < n; i++) {
      const r = w * X[i] + b - Y[i];
      l += r * r;
      gw += r * X[i];
      gb += r;
    }
    loss.push(l / n);
    if (!(l / n < BLOWN)) { stopped = e; break; }
    vw = momentum * vw + 2 * gw / n;
    vb = momentum * vb + 2 * gb / n;
    W.push(w -= lr * vw);
    B.push(b -= lr * vb);
  }
  return { loss, W, B, stopped };
}

/** The largest learning rate that converges: 2(1 + μ)/λmax (2/λmax without momentum). */
export const limit = momentum => 2 * (1 + momentum) / LAMBDA_MAX;

export function status(lr, momentum) {
  const r = lr / limit(momentum);
  return Math.abs(r - 1) < 1e-12 ? "oscillates" : r > 1 ? "diverges" : "converges";
}

/** The readout in the pages' print format: the last recorded loss (every 10 epochs), the loss of the last epoch, W and B. */
export function readout({ loss, W, B }) {
  const last = loss.length - 1, rec = last - last % 10;
  return [`epoch = ${rec} loss = ${fmt(loss[rec])}`, `epoch = ${last} loss = ${fmt(loss[last])}`,
    `W =  ${fmt(W.at(-1), 6)}`, `B =  ${fmt(B.at(-1), 6)}`];
}

export function mount(box) {
  const text = JSON.parse(box.querySelector(".xp-text").textContent);
  const [curve, fit, path] = box.querySelectorAll("svg"), lines = box.querySelectorAll(".xp-line .xp-v");
  const state = box.querySelector("[data-status]");
  const draw = () => {
    const { lr, momentum, epochs } = read(), run = train(lr, momentum, epochs), { loss, W, B, stopped } = run;
    // a loss that leaves the linear scale (4 to 14) is drawn on a log scale, up to where the run stopped
    const log = Math.max(...loss) > 14, ly = l => log ? Math.log10(l) : l;
    let f = frame(curve, [0, Math.max(loss.length - 1, 1)], log ? [0, Math.ceil(Math.log10(Math.max(...loss)))] : [4, 14],
      text.epoch, log ? text.log : text.loss, t => log ? t % 1 ? "" : "10" + String(t).replace(/\d/g, c => "⁰¹²³⁴⁵⁶⁷⁸⁹"[c]) : t);
    el(f.plot, "path", { class: "xp-best", d: `M${f.sx(0)} ${f.sy(ly(LOSS_MIN))}H${f.sx(epochs)}` });
    el(f.plot, "path", { class: "xp-path", d: line(loss.map((l, e) => [e, ly(l)]), f.sx, f.sy) });
    if (stopped !== null) el(f.plot, "circle", { class: "xp-dot", cx: f.sx(stopped), cy: f.sy(ly(loss[stopped])), r: 3 });

    f = frame(fit, [-6, 6], [-12, 12], text.x, text.y);
    el(f.plot, "path", { class: "xp-best", d: line([[-6, -6 * W_BEST + B_BEST], [6, 6 * W_BEST + B_BEST]], f.sx, f.sy) });
    // a line as steep as a diverging W is drawn where it crosses the plot: from x = -t to t
    const w = W.at(-1), b = B.at(-1), t = Math.min(6, 99 / Math.abs(w));
    el(f.plot, "path", { class: "xp-path", d: line([[-t, b - t * w], [t, b + t * w]], f.sx, f.sy) });
    X.forEach((x, i) => el(f.plot, "circle", { class: "xp-data", cx: f.sx(x), cy: f.sy(Y[i]), r: 3.5 }));

    f = frame(path, [0.4, 3.2], [-1.2, 1.2], "W", "B");
    for (const c of [0.25, 1, 2.25, 4, 6.25, 9]) el(f.plot, "path", { class: "xp-level", d: line(ellipse([W_BEST, B_BEST], HESSIAN, c), f.sx, f.sy) });
    el(f.plot, "path", { class: "xp-path", d: line(W.map((w, i) => [w, B[i]]), f.sx, f.sy) });
    el(f.plot, "circle", { class: "xp-dot", cx: f.sx(1), cy: f.sy(1), r: 3 });
    el(f.plot, "path", { class: "xp-min", d: `M${f.sx(W_BEST) - 5} ${f.sy(B_BEST)}h10m-5 -5v10` });

    readout(run).forEach((t, i) => { lines[i].textContent = t; });
    const s = status(lr, momentum), last = loss.at(-1), gap = last - LOSS_MIN;
    state.dataset.status = s;
    state.textContent = fill(text[s === "converges" && Math.abs(gap) < 5e-5 ? "converged" : s] +
      (stopped === null ? "" : text.stopped), { lr: +lr.toPrecision(3), lam: fmt(LAMBDA_MAX, 1),
      limit: fmt(limit(momentum)), gap: fmt(gap), min: fmt(LOSS_MIN), epoch: stopped });
  };
  const read = controls(box, draw);
  draw();
  box.dataset.ready = "";
}
