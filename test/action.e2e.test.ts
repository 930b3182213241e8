import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFrontMatter } from "../src/digest/frontmatter.js";
import { type ArxivServer, always, startArxivServer } from "./support/arxiv-server.js";
import { runAction, runtimes } from "./support/run-action.js";

const SEED_IDS = ["2411.09502", "2411.09449", "2411.09434", "2411.09174", "2411.07176", "2410.24006"];

describe.each(runtimes())("the bundled Action on $name", ({ node }) => {
  let arxiv: ArxivServer;
  beforeAll(async () => {
    arxiv = await startArxivServer(always("seed_day_2024-11-17_diffusion.xml"));
  });
  afterAll(() => arxiv.close());

  const inputs = () => ({
    topic: "Diffusion Models",
    query: 'abs:"diffusion model"',
    date: "2024-11-17",
    mode: "files",
    summarize: "extractive",
    "arxiv-api-url": arxiv.url,
    "arxiv-interval-ms": "0",
  });

  it("writes the dated digest into the workspace and reports it in outputs and the job summary", async () => {
    const run = await runAction({ node, inputs: inputs() });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const path = "digests/2024/11/2024-11-17-diffusion-models.md";
    expect(run.outputs.papers).toBe("6");
    expect(JSON.parse(run.outputs.files ?? "[]")).toEqual([path]);
    const digest = await readFile(join(run.workspace, path), "utf8");
    const { data } = readFrontMatter(digest);
    expect(data).toMatchObject({
      date: "2024-11-17",
      topic: "Diffusion Models",
      title: expect.stringContaining("2024-11-17"),
    });
    expect([...(data.papers as string[])].sort()).toEqual([...SEED_IDS].sort());
    expect(digest).toContain("[arXiv:2411.09502](https://arxiv.org/abs/2411.09502)");
    expect(digest).toContain("[PDF](https://arxiv.org/pdf/2411.09502v1)");
    expect(run.summary).toContain("| Diffusion Models | 6 |");
    expect(run.summary).toContain(path);
    expect(run.stdout).toContain("::group::Fetch from arXiv");
  });

  it("reports papers=0 and writes nothing when every paper was already published", async () => {
    const first = await runAction({ node, inputs: inputs() });
    const again = await runAction({
      node,
      inputs: { ...inputs(), date: "2024-11-18" },
      workspace: first.workspace,
    });
    expect(again.code).toBe(0);
    expect(again.outputs.papers).toBe("0");
    expect(again.outputs.files).toBe("[]");
    expect(again.stdout).toContain("No new papers for 2024-11-18");
  });

  it("fails with a message naming the input when the config is wrong, without a stack trace", async () => {
    const run = await runAction({ node, inputs: { ...inputs(), "max-papers": "lots" } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      '::error::input max-papers: "lots" is not allowed; use a whole number from 1 to 1000',
    );
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
  });

  it("reads topics from the config file in the workspace and names file and key when it is invalid", async () => {
    const { mkdir, writeFile } = await import("node:fs/promises");
    const good = await runAction({
      node,
      inputs: { ...inputs(), query: "", topic: "" },
      workspace: undefined,
    });
    expect(good.code).toBe(1);
    expect(good.stdout).toContain("No topics");
    await mkdir(join(good.workspace, ".github"), { recursive: true });
    await writeFile(
      join(good.workspace, ".github/arxiv-digest.yml"),
      "topics:\n  - name: Vision\n    categories: [cs.CV]\n    max-papers: many\n",
    );
    const bad = await runAction({
      node,
      inputs: { ...inputs(), query: "", topic: "" },
      workspace: good.workspace,
    });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(".github/arxiv-digest.yml: topics[0].max-papers:");
  });
});
