import { pathToFileURL } from "node:url";
import type { Log, LogText } from "./common/log.js";
import { INPUT_NAMES } from "./config/inputs.js";
import { resolveSettings } from "./config/settings.js";
import { LocalStore } from "./publish/local.js";
import { reindexFiles } from "./render/archive.js";
import { jobSummary } from "./report/job-summary.js";
import { runFromInputs } from "./run.js";
import { messageText, neutraliseLogValue } from "./safe/log.js";

const USAGE = `Usage: npm run digest -- [--name value ...]
       npm run digest -- reindex [--digests-dir digests]

Writes the digest of a day's new arXiv papers into the current directory (mode files).
Takes the same inputs as the Action, as flags: ${INPUT_NAMES.map((name) => `--${name}`).join(", ")}.
\`reindex\` rebuilds the digests folder's index (.ledger/) and archive pages from the digests themselves.

Example:
  npm run digest -- --query 'abs:"diffusion model"' --categories cs.CV --date 2024-11-18
`;

/** `--name value` and `--name=value` into the Action's input names. */
export function parseFlags(argv: string[]): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] as string;
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    const name = match?.[1];
    if (!name || !(INPUT_NAMES as readonly string[]).includes(name))
      throw new Error(`unknown argument ${JSON.stringify(arg)}\n\n${USAGE}`);
    const next = argv[index + 1];
    if (match[2] === undefined && next === undefined) throw new Error(`--${name} needs a value`);
    inputs[name] = match[2] ?? (next as string);
    if (match[2] === undefined) index++;
  }
  return inputs;
}

const write = (line: string) => process.stderr.write(`${line}\n`);

const cliLog: Log = {
  info: (message: LogText) => write(message),
  warning: (message: LogText) => write(`warning: ${message}`),
  group: async (name, fn) => {
    write(`== ${name}`);
    return fn();
  },
};

export async function main(argv: string[], cwd = process.cwd()): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(USAGE);
    return 0;
  }
  try {
    if (argv[0] === "reindex") return await reindexCommand(argv.slice(1), cwd);
    const inputs = { mode: "files", ...parseFlags(argv) };
    const { report } = await runFromInputs(inputs, {
      workspace: cwd,
      // With `--mode pull-request` (or issue, commit) and GITHUB_REPOSITORY set, the CLI publishes to GitHub too.
      apiUrl: process.env.GITHUB_API_URL,
      serverUrl: process.env.GITHUB_SERVER_URL,
      repository: process.env.GITHUB_REPOSITORY,
      today: new Date(),
      log: cliLog,
    });
    process.stdout.write(jobSummary(report));
    for (const file of report.files) write(`wrote ${neutraliseLogValue(file)}`);
    return 0;
  } catch (error) {
    write(`error: ${messageText(error instanceof Error ? error.message : String(error))}`);
    return 1;
  }
}

async function reindexCommand(argv: string[], cwd: string): Promise<number> {
  const settings = resolveSettings({ mode: "files", ...parseFlags(argv) }, new Date());
  const store = new LocalStore(cwd);
  const files = await reindexFiles(store, settings.digestsDir);
  await store.publish({ date: "1970-01-01", files, title: "reindex", body: "" });
  for (const file of files) write(`wrote ${neutraliseLogValue(file.path)}`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
