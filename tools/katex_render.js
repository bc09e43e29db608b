// Render TeX to MathML at build time (tools/mathml.py): browsers lay it out natively, no math JavaScript.
// stdin: JSON [[tex, displayMode], ...]; stdout: JSON [html, ...]. Errors name the formula.
const katex = require("katex");

let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const out = JSON.parse(input).map(([tex, displayMode]) => {
    try {
      const mathml = katex.renderToString(tex, { displayMode, throwOnError: true, output: "mathml", strict: "error" });
      // Just the <math>: KaTeX's wrapping span has no use without its stylesheet, and no browser or
      // screen reader reads the TeX source that rides along in an <annotation>
      return mathml
        .replace(/^<span class="katex">(.*)<\/span>$/s, "$1")
        .replace(/<semantics>(.*)<annotation encoding="application\/x-tex">.*<\/annotation><\/semantics>/s, "$1");
    } catch (e) {
      process.stderr.write(`KaTeX cannot render ${JSON.stringify(tex)}: ${e.message}\n`);
      process.exit(1);
    }
  });
  process.stdout.write(JSON.stringify(out));
});
