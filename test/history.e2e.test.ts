import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFrontMatter } from "../src/digest/frontmatter.js";
import { startArxivServer } from "./support/arxiv-server.js";
import { ArxivWorld, addDays, isWeekday, type WorldPaper } from "./support/arxiv-world.js";
import { type GitHubServer, startGitHubServer } from "./support/github-server.js";
import { type ActionRun, runAction } from "./support/run-action.js";

const TOKEN = "ghs_historyTOKEN00000000000000";
const FIRST = "2024-11-01";
const DAYS = 30;
const OUTAGE = ["2024-11-12", "2024-11-13"];
const LEFT_OPEN = "2024-11-19";
const CONFIG =
  "topics:\n  - name: Diffusion\n    query: abs:diffusion\n  - name: Vision\n    query: abs:vision\n";

/** Merges a digest pull request as GitHub would: fast-forward, or a merge commit when the base moved. */
async function merge(github: GitHubServer, number: number): Promise<void> {
  const item = github.pulls.find((pull) => pull.number === number);
  if (!item?.pull || item.state !== "open") return;
  const head = (await github.git("rev-parse", `refs/heads/${item.pull.head}`)).trim();
  const main = (await github.git("rev-parse", "refs/heads/main")).trim();
  const base = (await github.git("merge-base", main, head)).trim();
  let merged = head;
  if (base !== main) {
    const tree = (await github.git("merge-tree", "--write-tree", main, head)).trim().split("\n")[0] as string;
    merged = (await github.git("commit-tree", tree, "-p", main, "-p", head, "-m", `Merge #${number}`)).trim();
  }
  await github.git("update-ref", "refs/heads/main", merged);
  item.state = "closed";
}

async function digestsOnMain(github: GitHubServer): Promise<Record<string, string[]>> {
  const paths = (await github.git("ls-tree", "-r", "--name-only", "main", "digests/")).trim().split("\n");
  const out: Record<string, string[]> = {};
  for (const path of paths.filter((name) => /\/\d{4}-\d{2}-\d{2}-[a-z-]+\.md$/.test(name))) {
    const { data } = readFrontMatter(await github.git("show", `main:${path}`));
    out[path] = (data.papers as string[]).map(String);
  }
  return out;
}

describe("thirty days of scheduled runs against the local arXiv and GitHub", () => {
  const world = new ArxivWorld();
  const runs = new Map<string, ActionRun>();
  let github: GitHubServer;
  let shared: WorldPaper;
  let revised: WorldPaper;

  beforeAll(async () => {
    // Each weekday arXiv announces two papers per topic; one paper matches both topics; one is revised later.
    for (let day = 0; day < DAYS; day++) {
      const date = addDays(FIRST, day);
      if (!isWeekday(date)) continue;
      for (const topic of ["diffusion", "vision"]) for (let n = 0; n < 2; n++) world.announce(date, [topic]);
    }
    shared = world.announce("2024-11-06", ["diffusion", "vision"]);
    revised = world.revise(world.papers[0] as WorldPaper, "2024-11-15");

    let today = FIRST;
    const arxiv = await startArxivServer((params) => ({ body: world.page(today, params) }));
    github = await startGitHubServer({ token: TOKEN });
    await github.seed({ "README.md": "# Papers\n", ".github/arxiv-digest.yml": CONFIG });
    let held: number | undefined;
    for (let day = 0; day < DAYS; day++) {
      today = addDays(FIRST, day);
      if (OUTAGE.includes(today)) continue;
      const run = await runAction({
        inputs: {
          date: today,
          summarize: "extractive",
          "github-token": TOKEN,
          "github-write-interval-ms": "0",
          "arxiv-api-url": arxiv.url,
          "arxiv-interval-ms": "0",
        },
        env: github.env,
      });
      runs.set(today, run);
      expect(run.code, run.stdout).toBe(0);
      const number = Number(run.outputs["pull-request-number"]);
      if (held !== undefined && today !== LEFT_OPEN) {
        await merge(github, held);
        held = undefined;
      }
      if (!number) continue;
      if (today === LEFT_OPEN) held = number;
      else await merge(github, number);
    }
    if (held !== undefined) await merge(github, held);
    await arxiv.close();
  }, 300_000);
  afterAll(() => github.close());

  it("publishes every announced paper exactly once, the one in two topics under the first", async () => {
    const digests = await digestsOnMain(github);
    const published = Object.values(digests).flat();
    const announced = [...new Set(world.papers.map((paper) => paper.id))];
    expect([...published].sort()).toEqual([...announced].sort());
    const diffusion = Object.entries(digests)
      .filter(([path]) => path.endsWith("-diffusion.md"))
      .flatMap(([, ids]) => ids);
    expect(diffusion).toContain(shared.id);
    expect(published.filter((id) => id === revised.id)).toHaveLength(1);
  });

  it("opens no pull request on weekends and says why", () => {
    for (const [date, run] of runs) {
      if (isWeekday(date)) continue;
      expect(run.outputs["pull-request-number"], date).toBe("");
      expect(run.outputs.papers, date).toBe("0");
      expect(run.stdout).toContain("arXiv makes no announcement on Friday and Saturday evenings");
    }
    const weekdayRuns = [...runs.keys()].filter(isWeekday).length;
    expect(github.pulls).toHaveLength(weekdayRuns);
  });

  it("catches up after the two-day outage in the next run", async () => {
    const digests = await digestsOnMain(github);
    const catchUp = Object.entries(digests)
      .filter(([path]) => path.includes("2024-11-14-"))
      .flatMap(([, ids]) => ids);
    const missed = world.papers.filter(
      (paper) => paper.version === 1 && ["2024-11-12", "2024-11-13", "2024-11-14"].includes(paper.announced),
    );
    expect([...catchUp].sort()).toEqual(missed.map((paper) => paper.id).sort());
  });

  it("does not repeat the papers of a pull request still under review", async () => {
    const digests = await digestsOnMain(github);
    const held = Object.entries(digests)
      .filter(([path]) => path.includes(`${LEFT_OPEN}-`))
      .flatMap(([, ids]) => ids);
    const next = Object.entries(digests)
      .filter(([path]) => path.includes("2024-11-20-"))
      .flatMap(([, ids]) => ids);
    expect(held.length).toBeGreaterThan(0);
    expect(next.filter((id) => held.includes(id))).toEqual([]);
    expect(runs.get("2024-11-20")?.outputs.papers).toBe("4");
  });
});
