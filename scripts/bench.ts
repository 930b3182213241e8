// `npm run bench`: speed, cost and scale of a real run (the bundled Action against local arXiv, LLM and GitHub
// servers), measured side by side. Offline; talks to 127.0.0.1 only. Flags: `npm run bench -- --help`.
import { pathToFileURL } from "node:url";
import { runBench } from "./bench/core.js";
import { parseOptions, USAGE } from "./bench/options.js";
import { renderReport } from "./bench/table.js";

export async function main(argv: string[]): Promise<number> {
  if (argv.includes("--help")) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const options = parseOptions(argv);
  const report = await runBench(options, (message) => process.stderr.write(`bench: ${message}\n`));
  process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : renderReport(report));
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
