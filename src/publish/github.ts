// The GitHub store: every file of a run as ONE commit (Git Data API, contents inline in one tree request), then a
// pull request (default), an issue, or nothing more (commit mode). Re-running with identical files commits nothing
// and touches no pull request or issue.
//
// Requests a pull-request run makes, whatever the number of files (see test/store-github.test.ts):
//   GET git/ref (base) · GET git/commits · POST git/trees · GET git/ref (branch) [· GET git/commits (branch)]
//   · POST git/commits · GET git/ref (base moved?) · POST git/refs or PATCH git/refs · GET pulls · POST or PATCH pulls
// plus `GET repo` once when no base branch is given, and the labels/assignees/reviewers asked for. A re-run with
// identical files: GET git/ref · GET git/commits · POST git/trees (same tree sha back) · GET git/ref · GET
// git/commits · GET pulls. Pull requests opened with GITHUB_TOKEN trigger no other workflows (GitHub's rule).
import type { Log } from "../common/log.js";
import { logText } from "../safe/log.js";
import {
  createGitHubClient,
  type GitHubClient,
  type GitHubRetryOptions,
  type RepositoryApi,
} from "./github-client.js";
import { explained } from "./github-errors.js";
import { GitData, ProtectedBranchError } from "./github-git.js";
import { DigestIssues, fullIssueBody, type IssueRef, linkedIssueBody } from "./github-issues.js";
import { digestBranch, PullRequests } from "./github-pulls.js";
import type { PublishRequest, PublishResult, RepositoryStore, StoreFile } from "./store.js";

export type PublishMode = "pull-request" | "issue" | "commit";

export interface GitHubStoreOptions {
  token: string;
  /** REST base URL: `GITHUB_API_URL` in the Action (`https://api.github.com`, or GitHub Enterprise Server's). */
  apiUrl: string;
  owner: string;
  repo: string;
  /** Branch the digests land on (commit/issue) or the pull request targets; default: the repository's default. */
  baseBranch?: string;
  mode?: PublishMode;
  /** Pull requests: labels (created when missing), reviewers and assignees, set when the PR is opened. */
  labels?: string[];
  reviewers?: string[];
  assignees?: string[];
  draft?: boolean;
  log: Log;
  /** Minimum gap between content-creating requests, ms (default 1000; tests pass 0). */
  writeIntervalMs?: number;
  retry?: GitHubRetryOptions;
  /** Attempts to land the commit when the base branch keeps moving between read and write (default 5). */
  maxAttempts?: number;
}

interface RepositoryInfo {
  defaultBranch: string;
  htmlUrl: string;
}

export class GitHubStore implements RepositoryStore {
  private readonly client: GitHubClient;
  private readonly repository: RepositoryApi;
  private readonly git: GitData;
  private readonly pulls: PullRequests;
  private readonly issues: DigestIssues;
  private readonly mode: PublishMode;
  private readonly maxAttempts: number;
  private info?: Promise<RepositoryInfo>;
  private readSha?: Promise<string>;

  constructor(private readonly options: GitHubStoreOptions) {
    this.client = createGitHubClient(options);
    this.repository = {
      api: this.client.octokit,
      owner: options.owner,
      repo: options.repo,
      fullName: `${options.owner}/${options.repo}`,
    };
    this.mode = options.mode ?? "pull-request";
    this.maxAttempts = options.maxAttempts ?? 5;
    const backoff = options.retry?.backoffUnitMs ?? 1000;
    const creation = { createAttempts: 3, delayMs: (attempt: number) => attempt * attempt * backoff };
    this.git = new GitData(this.repository);
    this.pulls = new PullRequests(this.repository, this.git, options.log, {
      labels: options.labels ?? [],
      reviewers: options.reviewers ?? [],
      assignees: options.assignees ?? [],
      draft: options.draft ?? false,
      ...creation,
    });
    this.issues = new DigestIssues(this.repository, options.log, {
      labels: options.labels ?? [],
      assignees: options.assignees ?? [],
      ...creation,
    });
  }

  /** HTTP requests made so far (retries included) by method and route, e.g. `{"POST git/trees": 1}`. */
  requestCounts(): Record<string, number> {
    return this.client.requestCounts();
  }

  async read(path: string): Promise<string | undefined> {
    checkPath(path);
    this.readSha ??= this.baseBranch().then((branch) => this.git.baseHead(branch));
    return this.git.readFile(path, await this.readSha);
  }

  async publish(request: PublishRequest): Promise<PublishResult> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(request.date)) throw new Error(`not a YYYY-MM-DD date: ${request.date}`);
    const baseFiles = request.baseFiles ?? [];
    for (const file of [...request.files, ...baseFiles]) checkPath(file.path);
    const files = request.files.map((file) => file.path);
    if (files.length === 0 && baseFiles.length === 0) return { changed: false, files };
    const base = await this.baseBranch();
    const where = logText`${this.repository.fullName} (${this.mode}, base ${base})`;
    return this.options.log.group(
      logText`Publishing ${files.length + baseFiles.length} file(s) to ${where}`,
      async () => {
        if (this.mode !== "pull-request") {
          return {
            files,
            ...(await this.publishOnBase({ ...request, files: [...request.files, ...baseFiles] }, base)),
          };
        }
        // The index goes straight to the base branch, the digests to the review branch built on top of it.
        const index = await this.commitIndex(request, baseFiles, base);
        if (index === "refused") {
          const withIndex = { ...request, files: [...request.files, ...baseFiles] };
          return { files, ...(await this.publishPullRequest(withIndex, base)) };
        }
        if (!request.files.length)
          return { files, changed: index?.changed ?? false, commitSha: index?.commitSha };
        const review = await this.publishPullRequest(request, base);
        return { files, ...review, changed: review.changed || (index?.changed ?? false) };
      },
    );
  }

  async list(dir: string): Promise<string[]> {
    checkPath(dir);
    this.readSha ??= this.baseBranch().then((branch) => this.git.baseHead(branch));
    return this.git.listFiles(await this.readSha, dir);
  }

  async pending(digestsDir: string): Promise<StoreFile[]> {
    if (this.mode !== "pull-request") return [];
    return this.pulls.pending(digestsDir);
  }

  /**
   * The index of merged digests, straight onto the base branch. A protected base refuses it: the index then
   * travels in the review branch (two digest pull requests open at once may then conflict in it).
   */
  private async commitIndex(request: PublishRequest, baseFiles: StoreFile[], base: string) {
    if (!baseFiles.length) return undefined;
    try {
      const title = `arXiv digest index ${request.date}`;
      return await this.publishOnBase({ ...request, files: baseFiles, title }, base);
    } catch (error) {
      if (!(error instanceof ProtectedBranchError)) throw error;
      this.options.log.warning(
        logText`${base} is protected: the digests index goes into the pull request instead. Merge digest pull requests one at a time, or let the workflow's token push to ${base}.`,
      );
      return "refused" as const;
    }
  }

  /** Branch `arxiv-digest/<date>`, always rebuilt on the base's current head, and its pull request. */
  private async publishPullRequest(
    request: PublishRequest,
    base: string,
  ): Promise<Omit<PublishResult, "files">> {
    const branch = digestBranch(request.date);
    for (let attempt = 1; ; attempt++) {
      const baseSha = await this.git.baseHead(base);
      const baseTree = await this.git.treeOf(baseSha);
      const tree = await this.git.createTree(baseTree, request.files);
      if (tree === baseTree) {
        this.options.log.info(logText`The base branch ${base} already holds these files: nothing to do`);
        return { changed: false };
      }
      const branchSha = await this.git.branchHead(branch);
      if (branchSha && (await this.git.treeOf(branchSha)) === tree)
        return this.ensurePullRequest(request, base, branchSha);
      const commitSha = await this.git.createCommit(request.title, tree, baseSha);
      if (attempt < this.maxAttempts && (await this.git.baseHead(base)) !== baseSha) {
        this.options.log.info(logText`The base branch ${base} moved; rebuilding the commit on its new head`);
        continue;
      }
      await this.git.forceBranch(branch, commitSha, branchSha !== undefined);
      this.options.log.info(logText`Committed ${request.files.length} file(s) to ${branch} as ${commitSha}`);
      const pullRequest = await this.pulls.upsert({ branch, base, title: request.title, body: request.body });
      return { changed: true, branch, commitSha, pullRequest };
    }
  }

  /** The branch already holds exactly these files; only open the pull request if an earlier run could not. */
  private async ensurePullRequest(request: PublishRequest, base: string, branchSha: string) {
    const branch = digestBranch(request.date);
    const open = await this.pulls.findOpen(branch);
    if (open) {
      this.options.log.info(logText`${branch} already holds these files: nothing to do`);
      return { changed: false, branch, pullRequest: { number: open.number, url: open.url } };
    }
    const pullRequest = await this.pulls.upsert({ branch, base, title: request.title, body: request.body });
    return { changed: true, branch, commitSha: branchSha, pullRequest };
  }

  /** Commit and issue modes: straight onto the base branch, rebuilt on its new head when it moved meanwhile. */
  private async publishOnBase(request: PublishRequest, base: string): Promise<Omit<PublishResult, "files">> {
    for (let attempt = 1; ; attempt++) {
      const baseSha = await this.git.baseHead(base);
      const baseTree = await this.git.treeOf(baseSha);
      const tree = await this.git.createTree(baseTree, request.files);
      if (tree === baseTree) {
        this.options.log.info(logText`${base} already holds these files: nothing to commit`);
        const issue = this.mode === "issue" ? await this.ensureIssue(request, baseSha) : undefined;
        return { changed: issue?.created ?? false, branch: base, ...(issue ? { issue: issue.ref } : {}) };
      }
      const commitSha = await this.git.createCommit(request.title, tree, baseSha);
      if (!(await this.git.fastForward(base, commitSha))) {
        if (attempt >= this.maxAttempts) {
          throw new Error(
            `Could not commit to ${base}: it kept moving during ${attempt} attempts; run again later.`,
          );
        }
        this.options.log.info(logText`${base} moved while committing; rebuilding on its new head`);
        continue;
      }
      this.readSha = Promise.resolve(commitSha);
      this.options.log.info(logText`Committed ${request.files.length} file(s) to ${base} as ${commitSha}`);
      if (this.mode !== "issue") return { changed: true, branch: base, commitSha };
      const issue = await this.issues.upsert(
        request.date,
        request.title,
        await this.issueBody(request, commitSha),
      );
      return { changed: true, branch: base, commitSha, issue };
    }
  }

  /** Files already committed: find the date's issue; open it only if an earlier run could not. */
  private async ensureIssue(request: PublishRequest, commitSha: string) {
    const found = await this.issues.find(request.date);
    if (found) return { ref: { number: found.number, url: found.url } as IssueRef, created: false };
    const ref = await this.issues.upsert(
      request.date,
      request.title,
      await this.issueBody(request, commitSha),
    );
    return { ref, created: true };
  }

  private async issueBody(request: PublishRequest, commitSha: string): Promise<string> {
    const full = fullIssueBody(request.date, request.issueBody ?? request.body);
    if (full !== undefined) return full;
    const { htmlUrl } = await this.repositoryInfo();
    const links = request.files.map((file) => ({
      path: file.path,
      url: `${htmlUrl}/blob/${commitSha}/${file.path.split("/").map(encodeURIComponent).join("/")}`,
    }));
    return linkedIssueBody(request.date, request.body, links);
  }

  private async baseBranch(): Promise<string> {
    return this.options.baseBranch ?? (await this.repositoryInfo()).defaultBranch;
  }

  private repositoryInfo(): Promise<RepositoryInfo> {
    this.info ??= explained(
      this.repository.fullName,
      { action: "read the repository", permission: "contents" },
      async () => {
        const { data } = await this.repository.api.rest.repos.get({
          owner: this.options.owner,
          repo: this.options.repo,
        });
        return { defaultBranch: data.default_branch, htmlUrl: data.html_url };
      },
    );
    return this.info;
  }
}

/** Repository-relative POSIX paths only: no absolute path, no `.`/`..`/empty segment, nothing inside `.git`. */
function checkPath(path: string): void {
  const parts = path.split("/");
  if (parts.some((part) => part === "" || part === "." || part === ".." || part.toLowerCase() === ".git")) {
    throw new Error(`refusing to write an unsafe repository path: ${JSON.stringify(path)}`);
  }
  if (path.includes("\0") || path.includes("\\")) {
    throw new Error(`refusing to write an unsafe repository path: ${JSON.stringify(path)}`);
  }
}
