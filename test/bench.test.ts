import { describe, expect, it } from "vitest";
import { runBench } from "../scripts/bench/core.js";
import { DEFAULT_OPTIONS, parseOptions } from "../scripts/bench/options.js";
import { renderReport } from "../scripts/bench/table.js";

// The bench's core at a tiny size, so it cannot silently rot: counts are exact, times are never asserted.
describe("npm run bench", () => {
  it("measures a run of 5 papers and its llm-concurrency: 1 twin, with exact request and token counts", async () => {
    const options = {
      ...parseOptions(["--sizes", "5", "--latency", "0", "--jitter", "0", "--arxiv-interval", "0"]),
      coldStartRuns: 1,
      ledgerDays: 10,
      reindexDays: 5,
    };
    const report = await runBench(options);
    const [size] = report.sizes;
    expect(size?.concurrent).toMatchObject({
      papers: 5,
      arxiv: { requests: 2 },
      llm: { requests: 5 },
      github: { requests: 20 },
    });
    expect(size?.sequential?.llm).toMatchObject({ requests: 5, maxInFlight: 1 });
    expect(size?.sequential?.github.byKind).toEqual(size?.concurrent.github.byKind);
    expect(size?.concurrent.github.byKind).toMatchObject({ "POST /git/trees": 1, "POST /pulls": 1 });
    expect(size?.concurrent.peakRssMB).toBeGreaterThan(10);
    expect(size?.tokensPerPaper.total).toBeGreaterThan(0);
    expect(report.coldStart.length).toBeGreaterThan(0);
    expect(report.ledger?.open).toMatchObject({ digests: 50, papers: 1350, filesRead: 2 });
    expect(report.ledger?.reindex).toMatchObject({ digests: 25, filesRead: 25 });
    expect(report.goals.map((goal) => goal.goal)).toContain("bundle ≤ 3 MB");
    expect(renderReport(report)).toContain("| 5 |");
    expect(JSON.parse(JSON.stringify(report)).sizes).toHaveLength(1);
  });

  it("reads its flags", () => {
    expect(parseOptions([])).toEqual(DEFAULT_OPTIONS);
    expect(parseOptions(["--full", "--sizes", "20,200", "--json"])).toMatchObject({
      sizes: [20, 200],
      sequentialUpTo: Number.POSITIVE_INFINITY,
      json: true,
    });
    expect(() => parseOptions(["--sizes", "0"])).toThrow(/--sizes/);
  });
});
