// The bundle's cold start: `node dist/index.js` to exit on a run with no work (arXiv answers with no paper), and the
// bundle's size.
import { readdir, stat } from "node:fs/promises";
import { always, startArxivServer } from "../../test/support/arxiv-server.js";
import { projectPath } from "../../test/support/project.js";
import { runAction, runtimes } from "../../test/support/run-action.js";
import { median } from "./stats.js";

export interface ColdStart {
  runtime: string;
  medianMs: number;
  runs: number[];
}

export async function measureColdStarts(runs: number): Promise<ColdStart[]> {
  const arxiv = await startArxivServer(always("arxiv_api_empty.xml"));
  try {
    const results: ColdStart[] = [];
    for (const { name, node } of runtimes()) {
      const times: number[] = [];
      for (let run = 0; run < runs; run++) times.push(await timeEmptyRun(node, arxiv.url));
      results.push({ runtime: name, medianMs: median(times), runs: times });
    }
    return results;
  } finally {
    await arxiv.close();
  }
}

async function timeEmptyRun(node: string, arxivUrl: string): Promise<number> {
  const started = performance.now();
  const run = await runAction({
    node,
    inputs: {
      topic: "Empty",
      query: 'abs:"nothing"',
      mode: "files",
      summarize: "extractive",
      "arxiv-api-url": arxivUrl,
      "arxiv-interval-ms": "0",
    },
  });
  const elapsed = performance.now() - started;
  if (run.code !== 0) throw new Error(`cold start run failed:\n${run.stdout}\n${run.stderr}`);
  return elapsed;
}

/** Bytes of every file in `dist/`. */
export async function bundleBytes(): Promise<{ total: number; files: Record<string, number> }> {
  const dir = projectPath("dist");
  const files: Record<string, number> = {};
  for (const name of await readdir(dir)) files[name] = (await stat(`${dir}/${name}`)).size;
  return { total: Object.values(files).reduce((sum, size) => sum + size, 0), files };
}
