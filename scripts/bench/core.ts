// `npm run bench`'s core, shared with its test: every measurement, then the goals.
import { measureRun } from "./action-run.js";
import { bundleBytes, measureColdStarts } from "./cold-start.js";
import { evaluateGoals } from "./goals.js";
import { measureLedger } from "./ledger-timing.js";
import type { BenchOptions } from "./options.js";
import { type BenchReport, extrapolate, machine, REAL_RUNS, type SizeResult, sizeResult } from "./report.js";

export type Progress = (message: string) => void;

export async function runBench(options: BenchOptions, progress: Progress = () => {}): Promise<BenchReport> {
  const sizes: SizeResult[] = [];
  for (const papers of options.sizes) {
    progress(`${papers} papers at llm-concurrency ${options.concurrency}`);
    const concurrent = await measureRun(options, papers, options.concurrency);
    let sequential: SizeResult["sequential"];
    if (papers <= options.sequentialUpTo) {
      progress(`${papers} papers at llm-concurrency 1`);
      sequential = await measureRun(options, papers, 1);
    }
    sizes.push(sizeResult(options, concurrent, sequential));
  }
  extrapolate(sizes, options);
  progress("cold starts");
  const coldStart = await measureColdStarts(options.coldStartRuns);
  const bundle = await bundleBytes();
  let ledger: BenchReport["ledger"];
  if (options.ledgerDays > 0) {
    progress("index with generated history");
    ledger = await measureLedger(options.ledgerDays, Math.min(options.reindexDays, options.ledgerDays));
  }
  const report = { machine: machine(), options, realRuns: REAL_RUNS, sizes, coldStart, bundle, ledger };
  return { ...report, goals: evaluateGoals(report) };
}
