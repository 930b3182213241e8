import { afterEach, describe, expect, it } from "vitest";
import { readFrontMatter } from "../src/digest/frontmatter.js";
import { type ArxivServer, always, startArxivServer } from "./support/arxiv-server.js";
import { syntheticFeed } from "./support/feeds.js";
import { type GitHubServer, startGitHubServer } from "./support/github-server.js";
import { runAction, runtimes } from "./support/run-action.js";

const TOKEN = "ghs_e2eCANARYtoken000000000000";
const DATE = "2024-11-17";
const DIGEST = "digests/2024/11/2024-11-17-diffusion-models.md";

const closing: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(closing.splice(0).map((server) => server.close()));
});

async function servers(feed?: string): Promise<{ arxiv: ArxivServer; github: GitHubServer }> {
  const arxiv = await startArxivServer(
    feed ? () => ({ body: feed }) : always("seed_day_2024-11-17_diffusion.xml"),
  );
  const github = await startGitHubServer({ token: TOKEN });
  await github.seed({ "README.md": "# Papers\n" });
  closing.push(arxiv, github);
  return { arxiv, github };
}

function inputs(arxiv: ArxivServer, extra: Record<string, string> = {}) {
  return {
    topic: "Diffusion Models",
    query: 'abs:"diffusion model"',
    date: DATE,
    summarize: "extractive",
    "github-token": TOKEN,
    "github-write-interval-ms": "0",
    "arxiv-api-url": arxiv.url,
    "arxiv-interval-ms": "0",
    ...extra,
  };
}

describe.each(runtimes())("the bundled Action publishing to GitHub, on $name", ({ node }) => {
  it("opens one pull request with one commit, then changes nothing on a re-run", async () => {
    const { arxiv, github } = await servers();
    const first = await runAction({ node, inputs: inputs(arxiv), env: github.env });
    expect(first.code).toBe(0);
    expect(first.outputs).toMatchObject({
      papers: "6",
      branch: `arxiv-digest/${DATE}`,
      "pull-request-number": "1",
    });
    expect(first.outputs["pull-request-url"]).toMatch(/\/pull\/1$/);
    const log = await github.git("log", "--format=%H %an %s", `arxiv-digest/${DATE}`);
    expect(log.trim().split("\n")).toHaveLength(2);
    expect(log).toContain(`${first.outputs["commit-sha"]} github-actions[bot] arXiv digest ${DATE}`);
    const files = (await github.git("ls-tree", "-r", "--name-only", `arxiv-digest/${DATE}`))
      .trim()
      .split("\n");
    // The review branch holds the new digest only; the index follows on the base branch once it is merged.
    expect(files).toEqual(["README.md", DIGEST]);
    const digest = await github.git("show", `arxiv-digest/${DATE}:${DIGEST}`);
    expect(readFrontMatter(digest).data.papers).toHaveLength(6);
    const body = github.pulls[0]?.body ?? "";
    expect(body).toContain("| Diffusion Models | 6 | 6 | 0 | 0 |");
    expect(body).toContain(`/blob/arxiv-digest/${DATE}/${DIGEST})`);
    expect(first.summary).toMatch(/GitHub API requests: \d+/);

    const writes = github.requests.filter((request) => request.method !== "GET").length;
    const again = await runAction({ node, inputs: inputs(arxiv), env: github.env });
    expect(again.code).toBe(0);
    expect(again.outputs["commit-sha"]).toBe("");
    expect(github.pulls).toHaveLength(1);
    expect((await github.git("log", "--format=%H", `arxiv-digest/${DATE}`)).trim().split("\n")).toHaveLength(
      2,
    );
    expect(github.requests.filter((request) => request.method !== "GET").length - writes).toBe(1); // the tree comparison
  });

  it("commit mode lands on the base branch; issue mode opens one issue per date and updates it", async () => {
    const { arxiv, github } = await servers();
    const commit = await runAction({ node, inputs: inputs(arxiv, { mode: "commit" }), env: github.env });
    expect(commit.code).toBe(0);
    expect(await github.branchSha("main")).toBe(commit.outputs["commit-sha"]);
    expect(github.pulls).toHaveLength(0);

    const { arxiv: arxiv2, github: github2 } = await servers();
    const issue = await runAction({ node, inputs: inputs(arxiv2, { mode: "issue" }), env: github2.env });
    expect(issue.code).toBe(0);
    expect(issue.outputs["issue-number"]).toBe("1");
    expect(github2.issues[0]?.body).toContain("Golden Noise for Diffusion Models");
    const rerun = await runAction({
      node,
      inputs: inputs(arxiv2, { mode: "issue", language: "English " }),
      env: github2.env,
    });
    expect(rerun.code).toBe(0);
    expect(github2.issues).toHaveLength(1);
  });

  it("makes the same number of GitHub requests of each kind for 5 papers as for 500", async () => {
    const counts: Record<string, number>[] = [];
    for (const count of [5, 500]) {
      const { arxiv, github } = await servers(syntheticFeed(count));
      const run = await runAction({ node, inputs: inputs(arxiv, { "max-papers": "1000" }), env: github.env });
      expect(run.code).toBe(0);
      expect(run.outputs.papers).toBe(String(count));
      const kinds: Record<string, number> = {};
      for (const request of github.requests) {
        const kind = `${request.method} ${request.path.replace(/\/[0-9a-f]{40}|\/\d+(?=\/|$)|heads\/.*$/g, "/:x")}`;
        kinds[kind] = (kinds[kind] ?? 0) + 1;
      }
      counts.push(kinds);
    }
    expect(counts[1]).toEqual(counts[0]);
  });

  it("waits out a secondary rate limit and never opens a second PR when GitHub loses its answer", async () => {
    const { arxiv, github } = await servers();
    github.failNext({
      method: "POST",
      path: /\/git\/trees$/,
      status: 403,
      message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
      headers: { "retry-after": "1" },
    });
    github.failNext({ method: "POST", path: /\/pulls$/, status: 502, message: "Server Error", apply: true });
    const run = await runAction({ node, inputs: inputs(arxiv), env: github.env });
    expect(run.code).toBe(0);
    expect(github.pulls).toHaveLength(1);
    expect(run.outputs["pull-request-number"]).toBe("1");
    const [limited, retried] = github.requestsTo("POST", /\/git\/trees$/);
    expect((retried?.time ?? 0) - (limited?.time ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it("rebuilds the commit when the base branch moves between read and write", async () => {
    const { arxiv, github } = await servers();
    let moved = false;
    github.beforeWrite(async (request) => {
      if (moved || request.method !== "POST" || !request.path.endsWith("/git/commits")) return;
      moved = true;
      await github.commitFiles("main", { "NOTES.md": "a commit that landed meanwhile\n" });
    });
    const run = await runAction({ node, inputs: inputs(arxiv), env: github.env });
    expect(run.code).toBe(0);
    const files = await github.git("ls-tree", "-r", "--name-only", `arxiv-digest/${DATE}`);
    expect(files).toContain("NOTES.md");
    expect(files).toContain(DIGEST);
  });

  it("names the permission to add when the token may not write", async () => {
    const { arxiv, github } = await servers();
    github.settings.permissions.contents = "read";
    const run = await runAction({ node, inputs: inputs(arxiv), env: github.env });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::error::.*Add `contents: write` to the workflow's `permissions:` block/);
    const printed = (run.stdout + run.stderr).replace(`::add-mask::${TOKEN}\n`, "");
    expect(printed).not.toContain(TOKEN.slice(8));
  });
});
