// The digest's pull request: found again by its branch, created at most once, updated in place; and the digest
// files still under review in other open digest pull requests.
import type { Log } from "../common/log.js";
import { logText } from "../safe/log.js";
import { isUnder } from "../safe/path.js";
import type { RepositoryApi } from "./github-client.js";
import { createOnce } from "./github-create-once.js";
import { type ApiCall, apiFailure, explainApiError, explained, isFailure } from "./github-errors.js";
import type { GitData } from "./github-git.js";
import type { StoreFile } from "./store.js";

export const BRANCH_PREFIX = "arxiv-digest/";

/** Bounds of `pending`: at most 1 + MAX_PENDING_PULLS + MAX_CONTENT_READS requests a run. */
export const MAX_PENDING_PULLS = 10;
export const MAX_CONTENT_READS = 20;

const CREATE: ApiCall = { action: "create the pull request", permission: "pull-requests" };
const UPDATE: ApiCall = { action: "update the pull request", permission: "pull-requests" };
const READ: ApiCall = { action: "list pull requests", permission: "pull-requests" };

export interface PullRequestOptions {
  labels: string[];
  reviewers: string[];
  assignees: string[];
  draft: boolean;
  createAttempts: number;
  delayMs: (attempt: number) => number;
}

export interface PullRequestRef {
  number: number;
  url: string;
}

interface OpenPull extends PullRequestRef {
  title: string;
  body: string;
}

export function digestBranch(date: string): string {
  return `${BRANCH_PREFIX}${date}`;
}

export class PullRequests {
  constructor(
    private readonly repository: RepositoryApi,
    private readonly git: GitData,
    private readonly log: Log,
    private readonly options: PullRequestOptions,
  ) {}

  private get coordinates() {
    return { owner: this.repository.owner, repo: this.repository.repo };
  }

  async findOpen(branch: string): Promise<OpenPull | undefined> {
    return explained(this.repository.fullName, READ, async () => {
      const { data } = await this.repository.api.rest.pulls.list({
        ...this.coordinates,
        head: `${this.repository.owner}:${branch}`,
        state: "open",
        per_page: 10,
      });
      const pull = data[0];
      return pull && { number: pull.number, url: pull.html_url, title: pull.title, body: pull.body ?? "" };
    });
  }

  /** The open pull request for `branch`, updated; or a new one. Never a second one. */
  async upsert(change: {
    branch: string;
    base: string;
    title: string;
    body: string;
  }): Promise<PullRequestRef> {
    const existing = await this.findOpen(change.branch);
    if (existing) return this.update(existing, change);
    try {
      const created = await createOnce({
        create: () => this.create(change),
        find: () => this.findOpen(change.branch),
        attempts: this.options.createAttempts,
        delayMs: this.options.delayMs,
      });
      await this.decorate(created.number);
      return { number: created.number, url: created.url };
    } catch (error) {
      if (isFailure(error, 422, /pull request already exists/i)) {
        const found = await this.findOpen(change.branch);
        if (found) return this.update(found, change);
      }
      throw explainApiError(error, CREATE, this.repository.fullName);
    }
  }

  private async create(change: {
    branch: string;
    base: string;
    title: string;
    body: string;
  }): Promise<OpenPull> {
    const { data } = await this.repository.api.rest.pulls.create({
      ...this.coordinates,
      head: change.branch,
      base: change.base,
      title: change.title,
      body: change.body,
      draft: this.options.draft,
      request: { retries: 0 },
    });
    this.log.info(logText`Opened pull request #${data.number}`);
    return { number: data.number, url: data.html_url, title: data.title, body: data.body ?? "" };
  }

  private async update(pull: OpenPull, change: { title: string; body: string }): Promise<PullRequestRef> {
    if (pull.title !== change.title || pull.body !== change.body) {
      await explained(this.repository.fullName, UPDATE, () =>
        this.repository.api.rest.pulls.update({
          ...this.coordinates,
          pull_number: pull.number,
          title: change.title,
          body: change.body,
        }),
      );
      this.log.info(logText`Updated pull request #${pull.number}`);
    }
    return { number: pull.number, url: pull.url };
  }

  /** Labels (created by GitHub when missing), assignees and reviewers, on a pull request this run opened. */
  private async decorate(number: number): Promise<void> {
    const { labels, assignees, reviewers } = this.options;
    const issue = { ...this.coordinates, issue_number: number };
    if (labels.length > 0) {
      await explained(this.repository.fullName, { ...UPDATE, action: "label the pull request" }, () =>
        this.repository.api.rest.issues.addLabels({ ...issue, labels }),
      );
    }
    if (assignees.length > 0) {
      await explained(this.repository.fullName, { ...UPDATE, action: "assign the pull request" }, () =>
        this.repository.api.rest.issues.addAssignees({ ...issue, assignees }),
      );
    }
    if (reviewers.length > 0) await this.requestReviewers(number, reviewers);
  }

  private async requestReviewers(number: number, reviewers: string[]): Promise<void> {
    try {
      await this.repository.api.rest.pulls.requestReviewers({
        ...this.coordinates,
        pull_number: number,
        reviewers,
      });
    } catch (error) {
      // An unknown reviewer or the PR's own author must not fail a digest that is already published.
      if (!isFailure(error, 422)) {
        throw explainApiError(error, { ...UPDATE, action: "request reviewers" }, this.repository.fullName);
      }
      const reason = apiFailure(error)?.message;
      this.log.warning(logText`Could not request reviewers ${reviewers.join(", ")} on #${number}: ${reason}`);
    }
  }

  /**
   * Files under `digestsDir` changed by open digest pull requests (head branch `arxiv-digest/…` in this repository,
   * never a fork's). Added files are rebuilt from their patch; others are read, at most MAX_CONTENT_READS of them.
   */
  async pending(digestsDir: string): Promise<StoreFile[]> {
    const pulls = await explained(this.repository.fullName, READ, async () => {
      const { data } = await this.repository.api.rest.pulls.list({
        ...this.coordinates,
        state: "open",
        per_page: 100,
      });
      return data;
    });
    const digestPulls = pulls
      .filter(
        (pull) =>
          pull.head.ref.startsWith(BRANCH_PREFIX) && pull.head.repo?.full_name === this.repository.fullName,
      )
      .slice(0, MAX_PENDING_PULLS);
    const files: StoreFile[] = [];
    const budget = { reads: MAX_CONTENT_READS };
    for (const pull of digestPulls)
      files.push(...(await this.pullFiles(pull.number, pull.head.sha, digestsDir, budget)));
    return files;
  }

  private async pullFiles(
    number: number,
    headSha: string,
    digestsDir: string,
    budget: { reads: number },
  ): Promise<StoreFile[]> {
    const changed = await explained(this.repository.fullName, READ, async () => {
      const { data } = await this.repository.api.rest.pulls.listFiles({
        ...this.coordinates,
        pull_number: number,
        per_page: 100,
      });
      return data;
    });
    const files: StoreFile[] = [];
    for (const file of changed) {
      if (file.status === "removed" || !isUnder(digestsDir, file.filename)) continue;
      let content = file.status === "added" ? addedFileFromPatch(file.patch) : undefined;
      if (content === undefined) {
        if (budget.reads-- <= 0) {
          this.log.warning(logText`Skipping pending file ${file.filename} of #${number}: read budget spent`);
          continue;
        }
        content = await this.git.readFile(file.filename, headSha);
      }
      if (content !== undefined) files.push({ path: file.filename, content });
    }
    return files;
  }
}

/** An added file's text from its unified diff, or undefined when the patch is missing, partial or not an addition. */
export function addedFileFromPatch(patch: string | undefined): string | undefined {
  const [header = "", ...lines] = patch?.split("\n") ?? [];
  const hunk = /^@@ -0,0 \+1(?:,(\d+))? @@/.exec(header);
  if (!hunk) return undefined;
  const noFinalNewline = lines.at(-1)?.startsWith("\\") ?? false;
  if (noFinalNewline) lines.pop();
  if (lines.length !== Number(hunk[1] ?? 1) || lines.some((line) => !line.startsWith("+"))) return undefined;
  const text = lines.map((line) => line.slice(1)).join("\n");
  return noFinalNewline ? text : `${text}\n`;
}
