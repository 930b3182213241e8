import { cp, readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFrontMatter } from "../src/digest/frontmatter.js";
import { type ArxivServer, always, startArxivServer } from "./support/arxiv-server.js";
import { type ActionRun, runAction, runtimes } from "./support/run-action.js";
import { readTree, workspaceWithConfig } from "./support/workspace.js";

describe.each(runtimes())("a matrix of shards and a merge, on $name", ({ node }) => {
  let arxiv: ArxivServer;
  beforeAll(async () => {
    arxiv = await startArxivServer(always("seed_day_2024-11-17_diffusion.xml"));
  });
  afterAll(() => arxiv.close());

  const inputs = (extra: Record<string, string> = {}) => ({
    date: "2024-11-17",
    mode: "files",
    summarize: "extractive",
    "arxiv-api-url": arxiv.url,
    "arxiv-interval-ms": "0",
    ...extra,
  });

  /** Runs shards 1..total in their own workspaces, as the matrix jobs do, and downloads their parts into a merge workspace. */
  async function shardsInto(total: number): Promise<{ shards: ActionRun[]; merge: string }> {
    const shards: ActionRun[] = [];
    for (let index = 1; index <= total; index++)
      shards.push(
        await runAction({
          node,
          inputs: inputs({ shard: `${index}/${total}` }),
          workspace: await workspaceWithConfig(),
        }),
      );
    const merge = await workspaceWithConfig();
    for (const [index, shard] of shards.entries())
      await cp(
        join(shard.workspace, "arxiv-digest-parts"),
        join(merge, "parts", `digest-part-${index + 1}`),
        { recursive: true },
      );
    return { shards, merge };
  }

  it("publishes, from two shards and a merge, digests byte-identical to one unsharded run", async () => {
    const whole = await runAction({ node, inputs: inputs(), workspace: await workspaceWithConfig() });
    expect(whole.code).toBe(0);
    const { shards, merge } = await shardsInto(2);
    for (const shard of shards) {
      expect(shard.stderr).toBe("");
      expect(shard.code).toBe(0);
      expect(await readdir(shard.workspace)).not.toContain("digests");
    }
    expect(shards.map((shard) => JSON.parse(shard.outputs.files ?? ""))).toEqual([
      ["arxiv-digest-parts/shard-1-of-2.json"],
      ["arxiv-digest-parts/shard-2-of-2.json"],
    ]);
    const merged = await runAction({ node, inputs: inputs({ "merge-parts": "parts" }), workspace: merge });
    expect(merged.stderr).toBe("");
    expect(merged.code).toBe(0);

    const expected = await readTree(join(whole.workspace, "digests"));
    expect(Object.keys(expected)).toContain("2024/11/2024-11-17-generation.md");
    expect(Object.keys(expected).filter((name) => name.startsWith(".ledger/"))).not.toEqual([]);
    expect(await readTree(join(merge, "digests"))).toEqual(expected);
    expect(merged.outputs.papers).toBe(whole.outputs.papers);
    expect(merged.outputs.files).toBe(whole.outputs.files);
    expect(merged.summary).toContain("Merged from 2 shard(s).");
  });

  it("shows a paper matching topics of two shards once, under the first topic in config order", async () => {
    const { merge } = await shardsInto(2);
    await runAction({ node, inputs: inputs({ "merge-parts": "parts" }), workspace: merge });
    const ids = await Promise.all(
      ["text-to-image", "generation", "robustness"].map(async (slug) => {
        const text = await readFile(join(merge, `digests/2024/11/2024-11-17-${slug}.md`), "utf8");
        return readFrontMatter(text).data.papers as string[];
      }),
    );
    const all = ids.flat();
    expect(new Set(all).size).toBe(all.length);
    expect(ids.map((list) => list.length)).toEqual([2, 2, expect.any(Number)]);
  });

  it("makes a shard without a topic a clean no-op, and merges four shards of three topics", async () => {
    const { shards, merge } = await shardsInto(4);
    const empty = shards[3] as ActionRun;
    expect(empty.code).toBe(0);
    expect(empty.outputs.papers).toBe("0");
    expect(empty.stdout).toContain("shard 4 of 4: 0 of 3 topic(s), nothing to do");
    const merged = await runAction({ node, inputs: inputs({ "merge-parts": "parts" }), workspace: merge });
    expect(merged.code).toBe(0);
    expect(JSON.parse(merged.outputs.files ?? "[]")).toHaveLength(3);
  });

  it("names the input when the shard is malformed or a part is missing", async () => {
    const bad = await runAction({
      node,
      inputs: inputs({ shard: "3/2" }),
      workspace: await workspaceWithConfig(),
    });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('::error::input shard: "3/2" is not allowed; use K/N with 1 ≤ K ≤ N ≤ 256');
    const { merge } = await shardsInto(2);
    await rm(join(merge, "parts", "digest-part-2"), { recursive: true });
    const incomplete = await runAction({
      node,
      inputs: inputs({ "merge-parts": "parts" }),
      workspace: merge,
    });
    expect(incomplete.code).toBe(1);
    expect(incomplete.stdout).toContain(
      "::error::input merge-parts: shard 2 of 2 missing; did every shard job finish?",
    );
    expect(await readdir(merge)).not.toContain("digests");
  });
});
