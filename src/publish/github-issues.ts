// Issue mode: one issue per date, found again by a hidden marker in its body, created at most once.
//
// Finding it: `GET /issues?labels=arxiv-digest&state=all`, newest first, at most MAX_ISSUE_PAGES pages of 100, then
// the marker in the body. Every digest issue carries the `arxiv-digest` label for this; the token's login cannot
// serve (GITHUB_TOKEN may not call `GET /user`) and search results lag behind writes. An issue whose label was
// removed is not found again (a new one is opened).
import type { Log } from "../common/log.js";
import { markdownLink } from "../safe/link.js";
import { logText } from "../safe/log.js";
import { markdownText } from "../safe/markdown.js";
import type { RepositoryApi } from "./github-client.js";
import { createOnce } from "./github-create-once.js";
import { type ApiCall, explained } from "./github-errors.js";

export const ISSUE_LABEL = "arxiv-digest";
/** GitHub refuses issue and pull request bodies longer than this. */
export const BODY_LIMIT = 65536;
export const MAX_ISSUE_PAGES = 3;

const FIND: ApiCall = { action: "list issues", permission: "issues" };
const CREATE: ApiCall = { action: "create the issue", permission: "issues" };
const UPDATE: ApiCall = { action: "update the issue", permission: "issues" };

export interface IssueOptions {
  labels: string[];
  assignees: string[];
  createAttempts: number;
  delayMs: (attempt: number) => number;
}

export interface IssueRef {
  number: number;
  url: string;
}

interface FoundIssue extends IssueRef {
  title: string;
  body: string;
}

export function issueMarker(date: string): string {
  return `<!-- arxiv-digest:date=${date} -->`;
}

/** The digest itself as the issue body, with its marker; undefined when GitHub would refuse it as too long. */
export function fullIssueBody(date: string, text: string): string | undefined {
  const body = `${text.trimEnd()}\n\n${issueMarker(date)}\n`;
  return body.length <= BODY_LIMIT ? body : undefined;
}

/** The short body and a link to each file, with the marker: for a digest too long to be an issue body. */
export function linkedIssueBody(date: string, body: string, links: { path: string; url: string }[]): string {
  const marker = issueMarker(date);
  const list = links.map((link) => `- ${markdownLink(markdownText(link.path), link.url)}`).join("\n");
  const short = `${body.trimEnd()}\n\nThe digest is too long for an issue; read it in the repository:\n\n${list}`;
  const room = BODY_LIMIT - marker.length - 10;
  return `${short.length <= room ? short : `${short.slice(0, room)}…`}\n\n${marker}\n`;
}

export class DigestIssues {
  constructor(
    private readonly repository: RepositoryApi,
    private readonly log: Log,
    private readonly options: IssueOptions,
  ) {}

  private get coordinates() {
    return { owner: this.repository.owner, repo: this.repository.repo };
  }

  async find(date: string): Promise<FoundIssue | undefined> {
    const marker = issueMarker(date);
    for (let page = 1; page <= MAX_ISSUE_PAGES; page++) {
      const issues = await explained(this.repository.fullName, FIND, async () => {
        const { data } = await this.repository.api.rest.issues.listForRepo({
          ...this.coordinates,
          labels: ISSUE_LABEL,
          state: "all",
          sort: "created",
          direction: "desc",
          per_page: 100,
          page,
        });
        return data;
      });
      const issue = issues.find((candidate) => !candidate.pull_request && candidate.body?.includes(marker));
      if (issue)
        return { number: issue.number, url: issue.html_url, title: issue.title, body: issue.body ?? "" };
      if (issues.length < 100) return undefined;
    }
    return undefined;
  }

  /** Creates the date's issue, or updates it when its title or body differ. */
  async upsert(date: string, title: string, body: string): Promise<IssueRef> {
    const existing = await this.find(date);
    if (existing) {
      if (existing.title !== title || existing.body !== body) await this.update(existing.number, title, body);
      return { number: existing.number, url: existing.url };
    }
    const created = await explained(this.repository.fullName, CREATE, () =>
      createOnce<IssueRef>({
        create: () => this.create(title, body),
        find: () => this.find(date),
        attempts: this.options.createAttempts,
        delayMs: this.options.delayMs,
      }),
    );
    return { number: created.number, url: created.url };
  }

  private async create(title: string, body: string): Promise<IssueRef> {
    const { data } = await this.repository.api.rest.issues.create({
      ...this.coordinates,
      title,
      body,
      labels: [ISSUE_LABEL, ...this.options.labels.filter((label) => label !== ISSUE_LABEL)],
      assignees: this.options.assignees,
      request: { retries: 0 },
    });
    this.log.info(logText`Opened issue #${data.number}`);
    return { number: data.number, url: data.html_url };
  }

  private async update(number: number, title: string, body: string): Promise<void> {
    await explained(this.repository.fullName, UPDATE, () =>
      this.repository.api.rest.issues.update({ ...this.coordinates, issue_number: number, title, body }),
    );
    this.log.info(logText`Updated issue #${number}`);
  }
}
