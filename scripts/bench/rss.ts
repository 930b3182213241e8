// Peak RSS of a child Node process: a preload reads the kernel's own high-water mark (getrusage's ru_maxrss, which
// `process.resourceUsage().maxRSS` returns in KiB) as the process exits, and writes it to a file named by the
// environment. Exact and robust on Linux, unlike polling /proc/<pid>/status, which misses a peak between polls and
// vanishes once the process has exited.
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const PRELOAD = `import{writeFileSync}from"node:fs";const f=process.env.BENCH_RSS_FILE;if(f)process.on("exit",()=>writeFileSync(f,String(process.resourceUsage().maxRSS)));`;

export interface RssProbe {
  nodeArgs: string[];
  env: Record<string, string>;
  /** Peak RSS in MB (10⁶ bytes), once the process has exited. */
  peakMB(): Promise<number>;
}

export async function rssProbe(): Promise<RssProbe> {
  const file = join(await mkdtemp(join(tmpdir(), "arxiv-digest-bench-")), "maxrss");
  return {
    nodeArgs: [`--import=data:text/javascript,${encodeURIComponent(PRELOAD)}`],
    env: { BENCH_RSS_FILE: file },
    peakMB: async () => (Number(await readFile(file, "utf8")) * 1024) / 1e6,
  };
}
