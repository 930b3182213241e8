import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { GitHubStore, type GitHubStoreOptions } from "../src/publish/github.js";
import type { PublishRequest } from "../src/publish/store.js";
import { type GitHubServer, type GitHubServerOptions, startGitHubServer } from "./support/github-server.js";
import { memoryLog } from "./support/log.js";

const TOKEN = "ghs_CANARY0123456789abcdef";
const DATE = "2024-11-17";
const BRANCH = `arxiv-digest/${DATE}`;
const SECONDARY_LIMIT =
  "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.";

const servers: GitHubServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function server(options: GitHubServerOptions = {}, seed = true): Promise<GitHubServer> {
  const github = await startGitHubServer({ token: TOKEN, ...options });
  servers.push(github);
  if (seed) await github.seed({ "README.md": "# Digests\n", "digests/index.md": "# Index\n" });
  return github;
}

/** The next tree write meets GitHub's secondary rate limit, asking to wait `retryAfter` seconds. */
function limitSecondarily(github: GitHubServer, retryAfter: string): void {
  github.failNext({
    method: "POST",
    path: /\/git\/trees$/,
    status: 403,
    message: SECONDARY_LIMIT,
    headers: { "retry-after": retryAfter },
  });
}

/** Pushes a commit to main just before the first matching write, as another workflow might; `sha` is that commit. */
function moveBaseBefore(github: GitHubServer, method: string, pathEnd: string): { sha: string } {
  const moved = { sha: "" };
  github.beforeWrite(async (request) => {
    if (!moved.sha && request.method === method && request.path.endsWith(pathEnd)) {
      moved.sha = await github.commitFiles("main", { "NEWS.md": "pushed meanwhile\n" }, "someone else");
    }
  });
  return moved;
}

function store(github: GitHubServer, options: Partial<GitHubStoreOptions> = {}) {
  const log = memoryLog();
  const { lines } = log;
  const subject = new GitHubStore({
    token: TOKEN,
    apiUrl: github.url,
    owner: github.owner,
    repo: github.repo,
    log,
    writeIntervalMs: 0,
    retry: { backoffUnitMs: 1 },
    ...options,
  });
  return Object.assign(subject, { lines });
}

function digest(count: number, version = "v1", date = DATE): PublishRequest {
  const [year, month] = date.split("-");
  const files = Array.from({ length: count }, (_, index) => ({
    path: `digests/${year}/${month}/${date}-topic-${index}.md`,
    content: `---\ntitle: Topic ${index}\ndate: ${date}\n---\n\n# Topic ${index} (${version})\n`,
  }));
  files.push({ path: "digests/index.md", content: `# Index\n\n- ${date} (${version})\n` });
  return {
    date,
    files,
    title: `arXiv digest ${date}`,
    body: `| topic | papers |\n|---|---|\n| all | ${count} (${version}) |`,
  };
}

const git = (github: GitHubServer, ...args: string[]) => github.git(...args).then((out) => out.trim());
const since = (github: GitHubServer, mark: number) => github.requests.slice(mark);
const writesSince = (github: GitHubServer, mark: number) =>
  since(github, mark).filter((request) => request.method !== "GET");

describe("GitHubStore, pull-request mode", () => {
  it("commits every file as ONE unattributed commit on the digest branch and opens one pull request", async () => {
    const github = await server();
    const subject = store(github);
    const request = digest(3);

    const result = await subject.publish(request);

    expect(result).toMatchObject({ changed: true, branch: BRANCH, pullRequest: { number: 1 } });
    expect(result.pullRequest?.url).toBe(`https://github.com/octo/digests/pull/1`);
    expect(result.files).toEqual(request.files.map((file) => file.path));
    expect(await git(github, "rev-list", "--count", `main..${BRANCH}`)).toBe("1");
    expect(result.commitSha).toBe(await github.branchSha(BRANCH));
    expect(await git(github, "rev-parse", `${BRANCH}^`)).toBe(await github.branchSha("main"));
    const changed = (await git(github, "show", "--name-only", "--format=", BRANCH)).split("\n").sort();
    expect(changed).toEqual(request.files.map((file) => file.path).sort());
    for (const file of request.files)
      expect(await github.git("show", `${BRANCH}:${file.path}`)).toBe(file.content);
    expect(await git(github, "show", `${BRANCH}:README.md`)).toBe("# Digests"); // base_tree kept the rest
    const [commitRequest, ...more] = github.requestsTo("POST", /\/git\/commits$/);
    expect(more).toHaveLength(0);
    expect(commitRequest?.body).not.toHaveProperty("author");
    expect(commitRequest?.body).not.toHaveProperty("committer");
    expect(await git(github, "log", "-1", "--format=%an|%s", BRANCH)).toBe(
      `github-actions[bot]|arXiv digest ${DATE}`,
    );
    expect(github.requestsTo("POST", /\/git\/trees$/)).toHaveLength(1);
    expect(github.pulls).toHaveLength(1);
    expect(github.pulls[0]).toMatchObject({ title: request.title, body: request.body, state: "open" });
    expect(github.pulls[0]?.pull).toMatchObject({ head: BRANCH, base: "main", draft: false });
  });

  it("changes nothing when re-run with the same files: no commit, no ref update, no pull request update", async () => {
    const github = await server();
    await store(github).publish(digest(3));
    const head = await github.branchSha(BRANCH);
    const mark = github.requests.length;

    const result = await store(github).publish(digest(3));

    expect(result).toMatchObject({ changed: false, branch: BRANCH, pullRequest: { number: 1 } });
    expect(result.commitSha).toBeUndefined();
    expect(await github.branchSha(BRANCH)).toBe(head);
    expect(writesSince(github, mark).map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /repos/octo/digests/git/trees", // the comparison: git names an unchanged tree by the same sha
    ]);
    expect(github.pulls).toHaveLength(1);
  });

  it("does nothing when the base branch already holds the files (the pull request was merged)", async () => {
    const github = await server();
    const request = digest(2);
    await github.seed(Object.fromEntries(request.files.map((file) => [file.path, file.content])), "merged");
    const mark = github.requests.length;

    const result = await store(github).publish(request);

    expect(result).toEqual({ changed: false, files: request.files.map((file) => file.path) });
    expect(await github.branchSha(BRANCH)).toBeUndefined();
    expect(writesSince(github, mark)).toHaveLength(1);
    expect(github.pulls).toHaveLength(0);
  });

  it("rebuilds the branch on the base head and updates the same pull request when files change", async () => {
    const github = await server();
    await store(github).publish(digest(2, "v1"));
    const mark = github.requests.length;

    const result = await store(github).publish(digest(4, "v2"));

    expect(result).toMatchObject({ changed: true, pullRequest: { number: 1 } });
    expect(github.pulls).toHaveLength(1);
    expect(github.pulls[0]?.body).toContain("4 (v2)");
    expect(github.requestsTo("POST", /\/pulls$/)).toHaveLength(1);
    expect(
      since(github, mark).filter((r) => r.method === "PATCH" && /\/pulls\/1$/.test(r.path)),
    ).toHaveLength(1);
    expect(await git(github, "rev-list", "--count", `main..${BRANCH}`)).toBe("1"); // replaced, not stacked
    expect(await git(github, "show", `${BRANCH}:digests/2024/11/${DATE}-topic-3.md`)).toContain("(v2)");
  });

  it("opens the pull request on a re-run when an earlier run pushed the branch but could not open it", async () => {
    const github = await server({ allowActionsToCreatePullRequests: false });
    await expect(store(github).publish(digest(2))).rejects.toThrow(/not permitted/);
    const pushed = await github.branchSha(BRANCH);
    expect(pushed).toBeDefined();
    github.settings.allowActionsToCreatePullRequests = true; // the user follows the advice

    const result = await store(github).publish(digest(2));

    expect(result).toMatchObject({
      changed: true,
      branch: BRANCH,
      commitSha: pushed,
      pullRequest: { number: 1 },
    });
    expect(await github.branchSha(BRANCH)).toBe(pushed);
    expect(github.requestsTo("POST", /\/git\/commits$/)).toHaveLength(1);
    expect(github.pulls).toHaveLength(1);
  });

  it("rebuilds the commit on the new base head when the base branch moves between read and write", async () => {
    const github = await server();
    const base = moveBaseBefore(github, "POST", "/git/commits");

    const result = await store(github).publish(digest(3));

    expect(result.changed).toBe(true);
    expect(await git(github, "rev-parse", `${BRANCH}^`)).toBe(base.sha);
    expect(await git(github, "show", `${BRANCH}:NEWS.md`)).toBe("pushed meanwhile");
    expect(await git(github, "rev-list", "--count", `main..${BRANCH}`)).toBe("1");
    expect(github.requestsTo("POST", /\/git\/commits$/)).toHaveLength(2);
  });

  it("waits out a secondary rate limit for the retry-after GitHub sends, then goes on", async () => {
    const github = await server();
    limitSecondarily(github, "1");
    const subject = store(github);

    const result = await subject.publish(digest(2));

    expect(result.changed).toBe(true);
    const [limited, retried] = github.requestsTo("POST", /\/git\/trees$/);
    expect(limited?.status).toBe(403);
    expect(retried?.status).toBe(201);
    expect((retried?.time ?? 0) - (limited?.time ?? 0)).toBeGreaterThanOrEqual(950);
    expect(subject.lines.some((line) => /secondary rate limit.*waiting 1 s/.test(line))).toBe(true);
    expect(subject.requestCounts()["POST git/trees"]).toBe(2);
  });

  it("does not wait for a retry-after beyond its bound: fails with a rate-limit message", async () => {
    const github = await server();
    limitSecondarily(github, "3600");
    const started = Date.now();

    await expect(store(github).publish(digest(1))).rejects.toThrow(
      /rate limit was still exceeded.*Try again later/,
    );
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("retries a git write that failed with a 5xx, still making one commit", async () => {
    const github = await server();
    github.failNext({ method: "POST", path: /\/git\/trees$/, status: 502, message: "Bad Gateway" });

    const result = await store(github).publish(digest(2));

    expect(result.changed).toBe(true);
    expect(github.requestsTo("POST", /\/git\/trees$/).map((r) => r.status)).toEqual([502, 201]);
    expect(await git(github, "rev-list", "--count", `main..${BRANCH}`)).toBe("1");
  });

  it("paces content-creating requests writeIntervalMs apart", async () => {
    const github = await server();

    await store(github, { writeIntervalMs: 150 }).publish(digest(2));

    const writes = github.requests.filter((r) => r.method !== "GET").map((r) => r.time);
    expect(writes.length).toBeGreaterThanOrEqual(4);
    for (let index = 1; index < writes.length; index++) {
      expect((writes[index] ?? 0) - (writes[index - 1] ?? 0)).toBeGreaterThanOrEqual(140);
    }
  });

  it("creates no duplicate pull request when POST /pulls fails with a 5xx after GitHub created it", async () => {
    const github = await server();
    github.failNext({ method: "POST", path: /\/pulls$/, status: 502, message: "Server Error", apply: true });

    const result = await store(github).publish(digest(2));

    expect(github.pulls).toHaveLength(1);
    expect(result.pullRequest?.number).toBe(1);
    expect(github.requestsTo("POST", /\/pulls$/)).toHaveLength(1); // looked again instead of re-sending
  });

  it("re-sends POST /pulls after a 5xx when the pull request was not created", async () => {
    const github = await server();
    github.failNext({ method: "POST", path: /\/pulls$/, status: 503, message: "Service Unavailable" });

    const result = await store(github).publish(digest(2));

    expect(github.pulls).toHaveLength(1);
    expect(result.pullRequest?.number).toBe(1);
    expect(github.requestsTo("POST", /\/pulls$/).map((r) => r.status)).toEqual([503, 201]);
  });

  it("updates the pull request another run opened meanwhile (422 A pull request already exists)", async () => {
    const github = await server();
    let raced = false;
    github.beforeWrite(({ method, path }) => {
      if (!raced && method === "POST" && path.endsWith("/pulls")) {
        raced = true;
        github.addPullRequest({ head: BRANCH, title: "opened by a concurrent run" });
      }
    });

    const result = await store(github).publish(digest(2));

    expect(github.pulls).toHaveLength(1);
    expect(result.pullRequest?.number).toBe(1);
    expect(github.pulls[0]?.title).toBe(`arXiv digest ${DATE}`);
    expect(github.requestsTo("POST", /\/pulls$/)[0]?.status).toBe(422);
  });

  it("labels, assigns, requests reviewers and opens drafts; a reviewer GitHub refuses is only a warning", async () => {
    const github = await server({ collaborators: ["alice"] });
    const subject = store(github, {
      labels: ["digest", "arxiv"],
      assignees: ["alice"],
      reviewers: ["mallory"],
      draft: true,
    });

    const result = await subject.publish(digest(1));

    expect(result.changed).toBe(true);
    expect(github.pulls[0]).toMatchObject({ labels: ["digest", "arxiv"], assignees: ["alice"] });
    expect(github.pulls[0]?.pull?.draft).toBe(true);
    expect(
      subject.lines.some((line) => line.startsWith("warning: Could not request reviewers mallory")),
    ).toBe(true);
  });

  it("uses the repository's default branch when no base branch is given", async () => {
    const github = await server({ defaultBranch: "trunk" });

    const result = await store(github).publish(digest(1));

    expect(github.pulls[0]?.pull?.base).toBe("trunk");
    expect(await git(github, "rev-parse", `${BRANCH}^`)).toBe(await github.branchSha("trunk"));
    expect(result.changed).toBe(true);
    expect(github.requestsTo("GET", /^\/repos\/octo\/digests$/)).toHaveLength(1);
  });

  it("makes the same number of requests for 5 and for 500 files", async () => {
    const counts = [];
    for (const size of [5, 500]) {
      const github = await server();
      const subject = store(github);
      await subject.publish(digest(size));
      expect(await git(github, "rev-list", "--count", `main..${BRANCH}`)).toBe("1");
      expect((await git(github, "ls-tree", "-r", "--name-only", BRANCH)).split("\n")).toHaveLength(size + 2);
      counts.push(subject.requestCounts());
    }
    expect(counts[1]).toEqual(counts[0]);
    expect(counts[0]).toEqual({
      "GET repo": 1,
      "GET git/ref/{ref}": 3,
      "GET git/commits/{commit_sha}": 1,
      "POST git/trees": 1,
      "POST git/commits": 1,
      "POST git/refs": 1,
      "GET pulls": 1,
      "POST pulls": 1,
    });
  });
});

describe("GitHubStore on a protected base branch", () => {
  const index = [{ path: "digests/.ledger/archive.json", content: '{"version": 1, "digests": []}\n' }];

  it("pull-request mode: commits the index to the base, or into the pull request when the base refuses it", async () => {
    const github = await server();
    const open = await store(github).publish({ ...digest(1), baseFiles: index });
    expect(await git(github, "show", "main:digests/.ledger/archive.json")).toContain('"digests": []');
    // The review branch adds only the digests on top of the base, which already holds the index.
    expect(await git(github, "diff", "--name-only", "main", BRANCH)).not.toContain("archive.json");
    expect(open.pullRequest?.number).toBe(1);

    const guarded = await server();
    guarded.settings.protectedBranches = ["main"];
    const before = await guarded.branchSha("main");
    const subject = store(guarded);
    const result = await subject.publish({ ...digest(1), baseFiles: index });
    expect(result.pullRequest?.number).toBe(1);
    expect(await guarded.branchSha("main")).toBe(before);
    expect(await git(guarded, "show", `${BRANCH}:digests/.ledger/archive.json`)).toContain('"digests": []');
    expect(
      subject.lines.some((line) =>
        /main is protected: the digests index goes into the pull request/.test(line),
      ),
    ).toBe(true);
  });

  it("commit mode: says the branch takes changes only through pull requests and what to do", async () => {
    const github = await server();
    github.settings.protectedBranches = ["main"];
    await expect(store(github, { mode: "commit" }).publish(digest(1))).rejects.toThrow(
      /"main" .* is protected and takes changes only through pull requests\. Use mode: pull-request/,
    );
  });
});

describe("GitHubStore, commit and issue modes", () => {
  it("commit mode: lands the files on the base branch as one commit", async () => {
    const github = await server();
    const before = await github.branchSha("main");
    const request = digest(3);

    const result = await store(github, { mode: "commit" }).publish(request);

    expect(result).toMatchObject({
      changed: true,
      branch: "main",
      commitSha: await github.branchSha("main"),
    });
    expect(await git(github, "rev-parse", "main^")).toBe(before);
    expect(await git(github, "show", `main:${request.files[0]?.path}`)).toContain("Topic 0");
    expect(github.pulls).toHaveLength(0);
    expect(github.issues).toHaveLength(0);
  });

  it("commit mode: re-reads the head and rebuilds when the base moved (Update is not a fast forward)", async () => {
    const github = await server();
    const base = moveBaseBefore(github, "PATCH", "/git/refs/heads/main");

    const result = await store(github, { mode: "commit" }).publish(digest(2));

    expect(result.changed).toBe(true);
    expect(await git(github, "rev-parse", "main^")).toBe(base.sha);
    expect(await git(github, "show", "main:NEWS.md")).toBe("pushed meanwhile");
    expect(github.requestsTo("PATCH", /\/git\/refs\/heads\/main$/).map((r) => r.status)).toEqual([422, 200]);
  });

  it("issue mode: commits to the base, opens one issue per date with a hidden marker, then updates it", async () => {
    const github = await server();
    const first = { ...digest(2, "v1"), issueBody: "# Digest v1\n\nfull text" };

    const created = await store(github, { mode: "issue", labels: ["papers"] }).publish(first);

    expect(created).toMatchObject({ changed: true, branch: "main", issue: { number: 1 } });
    expect(created.issue?.url).toBe("https://github.com/octo/digests/issues/1");
    expect(github.issues).toHaveLength(1);
    expect(github.issues[0]?.body).toContain("full text");
    expect(github.issues[0]?.body).toContain(`<!-- arxiv-digest:date=${DATE} -->`);
    expect(github.issues[0]?.labels).toEqual(["arxiv-digest", "papers"]);
    expect(await git(github, "show", "main:digests/index.md")).toContain("(v1)");

    const second = { ...digest(3, "v2"), issueBody: "# Digest v2\n\nmore text" };
    const updated = await store(github, { mode: "issue" }).publish(second);

    expect(updated).toMatchObject({ changed: true, issue: { number: 1 } });
    expect(github.issues).toHaveLength(1);
    expect(github.issues[0]?.body).toContain("more text");

    const mark = github.requests.length;
    const again = await store(github, { mode: "issue" }).publish(second);
    expect(again).toMatchObject({ changed: false, issue: { number: 1 } });
    expect(writesSince(github, mark).map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /repos/octo/digests/git/trees",
    ]);
  });

  it("issue mode: a digest longer than GitHub's 65,536 characters becomes the short body with file links", async () => {
    const github = await server();
    const request = { ...digest(2), issueBody: "x".repeat(70_000) };

    const result = await store(github, { mode: "issue" }).publish(request);

    const body = github.issues[0]?.body ?? "";
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).toContain(request.body);
    expect(body).toContain(
      `https://github.com/octo/digests/blob/${result.commitSha}/digests/2024/11/${DATE}-topic-1.md`,
    );
    expect(body).toContain(`<!-- arxiv-digest:date=${DATE} -->`);
    expect(body).not.toContain("xxxx");
  });

  it("issue mode: a 5xx on POST /issues after GitHub created it leaves one issue", async () => {
    const github = await server();
    github.failNext({ method: "POST", path: /\/issues$/, status: 500, message: "Server Error", apply: true });

    const result = await store(github, { mode: "issue" }).publish(digest(1));

    expect(github.issues).toHaveLength(1);
    expect(result.issue?.number).toBe(1);
  });
});

describe("GitHubStore errors a user can act on", () => {
  it("names the permission to add when the token may not write contents", async () => {
    const github = await server({ permissions: { contents: "read" } });
    await expect(store(github).publish(digest(1))).rejects.toThrow(/`contents: write`.*`permissions:`/);
  });

  it("names pull-requests: write and issues: write for the pull request and issue calls", async () => {
    const pulls = await server({ permissions: { "pull-requests": "read" } });
    await expect(store(pulls).publish(digest(1))).rejects.toThrow(/`pull-requests: write`/);
    const issues = await server({ permissions: { issues: "read" } });
    await expect(store(issues, { mode: "issue" }).publish(digest(1))).rejects.toThrow(/`issues: write`/);
  });

  it("says which repository setting to change when Actions may not create pull requests", async () => {
    const github = await server({ allowActionsToCreatePullRequests: false });
    const error = await store(github)
      .publish(digest(1))
      .catch((caught: Error) => caught);
    expect((error as Error).message).toMatch(
      /Settings → Actions → General → Workflow permissions → "Allow GitHub Actions to create and approve pull requests"/,
    );
    expect((error as Error).message).toMatch(/mode: commit/);
  });

  it("says the repository needs a first commit when it is empty", async () => {
    const github = await server({}, false);
    await expect(store(github).read("digests/index.json")).rejects.toThrow(
      /empty: the repository needs at least one commit/,
    );
    await expect(store(github).publish(digest(1))).rejects.toThrow(/needs at least one commit/);
  });

  it("names the missing base branch and the base-branch input", async () => {
    const github = await server();
    await expect(store(github, { baseBranch: "develop" }).publish(digest(1))).rejects.toThrow(
      /Base branch "develop" does not exist in octo\/digests.*base-branch input/,
    );
  });

  it("never puts the token or request headers in an error or the log", async () => {
    const github = await server({ permissions: { contents: "read" } });
    const subject = store(github);
    const error = await subject.publish(digest(1)).catch((caught: unknown) => caught);
    const wrong = await store(github, { token: `${TOKEN}-wrong` })
      .read("README.md")
      .catch((caught: unknown) => caught);
    expect(wrong).toBeInstanceOf(Error);
    for (const caught of [error, wrong]) {
      const shown = `${inspect(caught, { depth: 10 })} ${JSON.stringify(caught)} ${(caught as Error).stack}`;
      expect(shown).not.toContain(TOKEN.slice(4));
      expect(shown.toLowerCase()).not.toContain("authorization");
    }
    expect(subject.lines.join("\n")).not.toContain(TOKEN.slice(4));
  });

  it("refuses unsafe paths before any request", async () => {
    const github = await server();
    const request = digest(1);
    request.files.push({ path: "digests/../.github/workflows/x.yml", content: "on: push" });
    await expect(store(github).publish(request)).rejects.toThrow(/unsafe repository path/);
    expect(github.requests).toHaveLength(0);
  });
});

describe("GitHubStore reads", () => {
  it("reads files on the base branch, undefined when missing, with one ref lookup per run", async () => {
    const github = await server();
    const subject = store(github);

    expect(await subject.read("digests/index.md")).toBe("# Index\n");
    expect(await subject.read("digests/none.json")).toBeUndefined();
    expect(await subject.read("README.md")).toBe("# Digests\n");
    expect(subject.requestCounts()["GET git/ref/{ref}"]).toBe(1);
  });

  it("lists digest files of open digest pull requests only (not forks, not other branches)", async () => {
    const github = await server({ maxPatchChars: 400 });
    const earlier = digest(2, "v1", "2024-11-15");
    earlier.files[0] = { path: earlier.files[0]?.path ?? "", content: `${"long line\n".repeat(60)}` };
    await store(github).publish(earlier);
    await github.commitFiles("feature", { "digests/2024/11/other.md": "not a digest PR\n" }, "feature");
    github.addPullRequest({ head: "feature" });
    await github.commitFiles(
      "arxiv-digest/2024-11-16",
      { "digests/2024/11/fork.md": "from a fork\n" },
      "fork",
    );
    github.addPullRequest({ head: "arxiv-digest/2024-11-16", headRepo: "mallory/digests" });
    const subject = store(github);

    const pending = await subject.pending("digests");

    const byPath = Object.fromEntries(pending.map((file) => [file.path, file.content]));
    expect(byPath).toEqual(Object.fromEntries(earlier.files.map((file) => [file.path, file.content])));
    // Patches rebuild the added file; the long one (no patch) and the modified index are read.
    expect(subject.requestCounts()).toEqual({
      "GET pulls": 1,
      "GET pulls/{pull_number}/files": 1,
      "GET contents/{path}": 2,
    });
  });

  it("has nothing pending outside pull-request mode", async () => {
    const github = await server();
    expect(await store(github, { mode: "commit" }).pending("digests")).toEqual([]);
    expect(github.requests).toHaveLength(0);
  });
});
