/**
 * A local GitHub REST server for tests: the routes arxiv-digest uses, served on 127.0.0.1 from a real bare git
 * repository, so blob, tree and commit shas are git's own and tests can run `git log`/`git show` on `bareDir`.
 *
 *   const github = await startGitHubServer({ token: "t" });
 *   await github.seed({ "README.md": "hi" });
 *   // point Octokit at github.url, or run the bundled Action with { ...process.env, ...github.env }
 *   await github.close();
 *
 * Faults: `failNext({ method, path, status, message, headers, times, apply })` answers matching requests with an
 * error (with `apply: true` the request takes effect first and only its answer is lost, as after a gateway timeout);
 * `beforeWrite(fn)` runs before each non-GET request is handled (to move a branch between a read and a write).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { BareRepo } from "./git-repo.js";
import {
  errorReply,
  type Item,
  newItem,
  type Reply,
  type RouteContext,
  routes,
  type ServerState,
} from "./github-routes.js";

export type Permission = "contents" | "pull-requests" | "issues";
export type Access = "none" | "read" | "write";

export interface GitHubServerOptions {
  owner?: string;
  repo?: string;
  defaultBranch?: string;
  /** When set, requests must carry it (`token …` or `bearer …`), else 401 Bad credentials. */
  token?: string;
  /** The token's identity: creator of PRs/issues and author of commits sent without one. */
  botLogin?: string;
  /** The workflow's `permissions:`; a write route without `write` answers 403 "Resource not accessible by integration". */
  permissions?: Partial<Record<Permission, Access>>;
  /** The repository setting "Allow GitHub Actions to create and approve pull requests" (default true). */
  allowActionsToCreatePullRequests?: boolean;
  /** Users reviews may be requested from; any user when undefined. */
  collaborators?: string[];
  /** `GET pulls/{n}/files` omits `patch` above this many characters, as GitHub does for large diffs. */
  maxPatchChars?: number;
  /** Base of `html_url`s (default `https://github.com`). */
  htmlUrl?: string;
}

export interface ServerSettings {
  permissions: Record<Permission, Access>;
  allowActionsToCreatePullRequests: boolean;
  /** Branches whose refs the API refuses to move (branch protection that requires pull requests). */
  protectedBranches?: string[];
}

export interface RecordedRequest {
  method: string;
  /** Decoded path, e.g. `/repos/octo/digests/git/trees`. */
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
  /** `Date.now()` when the request arrived. */
  time: number;
}

export interface Fault {
  method?: string;
  path: RegExp;
  status: number;
  /** The error's `message` (ignored when `body` is given). */
  message?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** How many matching requests fail (default 1). */
  times?: number;
  /** Handle the request first, then answer with the error (the write happened, its answer was lost). */
  apply?: boolean;
}

export type WriteHook = (request: { method: string; path: string; body: unknown }) => void | Promise<void>;

export interface GitHubServer {
  url: string;
  owner: string;
  repo: string;
  bareDir: string;
  defaultBranch: string;
  botLogin: string;
  /** Environment for the bundled Action: `GITHUB_API_URL`, `GITHUB_REPOSITORY`, `GITHUB_SERVER_URL`. */
  env: Record<string, string>;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** Pull requests and issues (the same numbering), as stored. */
  readonly pulls: Item[];
  readonly issues: Item[];
  failNext(fault: Fault): void;
  beforeWrite(hook: WriteHook): void;
  /** Commits `files` on the default branch (the repository's first commit when empty); returns the sha. */
  seed(files: Record<string, string>, message?: string): Promise<string>;
  /** Commits `files` (null deletes) on `branch`, created from the default branch when missing; returns the sha. */
  commitFiles(branch: string, files: Record<string, string | null>, message?: string): Promise<string>;
  /** Repository settings and token permissions, changeable between runs (e.g. a user fixing a setting). */
  settings: ServerSettings;
  /** Opens a pull request directly (e.g. from a fork: `headRepo: "someone/fork"`). */
  addPullRequest(pull: {
    head: string;
    base?: string;
    title?: string;
    body?: string;
    headRepo?: string;
  }): Item;
  /** Runs git against the bare repository; returns stdout. */
  git(...args: string[]): Promise<string>;
  branchSha(branch: string): Promise<string | undefined>;
  /** Requests whose method matches and whose path matches `path`. */
  requestsTo(method: string, path: RegExp): RecordedRequest[];
  close(): Promise<void>;
}

export async function startGitHubServer(options: GitHubServerOptions = {}): Promise<GitHubServer> {
  const owner = options.owner ?? "octo";
  const repoName = options.repo ?? "digests";
  const defaultBranch = options.defaultBranch ?? "main";
  const botLogin = options.botLogin ?? "github-actions[bot]";
  const git = await BareRepo.create(defaultBranch);
  const settings: ServerSettings = {
    permissions: { contents: "write", "pull-requests": "write", issues: "write", ...options.permissions },
    allowActionsToCreatePullRequests: options.allowActionsToCreatePullRequests ?? true,
  };
  const state: ServerState = {
    git,
    owner,
    repo: repoName,
    defaultBranch,
    botLogin,
    htmlUrl: options.htmlUrl ?? "https://github.com",
    items: [],
    labels: new Set(),
    settings,
    collaborators: options.collaborators,
    maxPatchChars: options.maxPatchChars ?? 1_000_000,
  };
  const requests: RecordedRequest[] = [];
  const faults: Fault[] = [];
  const writeHooks: WriteHook[] = [];

  async function respond(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v3(?=\/)/, "");
    const method = req.method ?? "GET";
    const body = await readJson(req);
    const record: RecordedRequest = {
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      body,
      status: 0,
      time: Date.now(),
    };
    requests.push(record);
    let reply: Reply;
    if (!authorised(req, options.token)) {
      reply = errorReply(401, "Bad credentials");
    } else {
      if (method !== "GET" && method !== "HEAD")
        for (const hook of writeHooks) await hook({ method, path, body });
      const fault = takeFault(faults, method, path);
      if (fault && !fault.apply) reply = faultReply(fault);
      else {
        reply = await route(method, path, {
          query: url.searchParams,
          body,
          accept: req.headers.accept ?? "",
        });
        if (fault) reply = faultReply(fault);
      }
    }
    record.status = reply.status;
    send(res, reply);
  }

  async function route(method: string, path: string, context: Omit<RouteContext, "state">): Promise<Reply> {
    const prefix = `/repos/${owner}/${repoName}`;
    if (path !== prefix && !path.startsWith(`${prefix}/`)) return errorReply(404, "Not Found");
    const rest = path.slice(prefix.length + 1);
    for (const candidate of routes) {
      const match = candidate.method === method ? candidate.pattern.exec(rest) : null;
      if (!match) continue;
      const granted = [candidate.permission].flat().map((permission) => settings.permissions[permission]);
      if (!granted.some((access) => access === "write" || (!candidate.write && access === "read"))) {
        return errorReply(403, "Resource not accessible by integration");
      }
      if (candidate.needsCommits && (await git.isEmpty())) return errorReply(409, "Git Repository is empty.");
      try {
        return await candidate.handler({ ...context, state }, match.slice(1));
      } catch (error) {
        return errorReply(500, `test server: ${(error as Error).message}`);
      }
    }
    return errorReply(404, "Not Found");
  }

  const server = createServer((req, res) => {
    respond(req, res).catch((error: Error) => send(res, errorReply(500, error.message)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const commitFiles = (branch: string, files: Record<string, string | null>, message = "Update files") =>
    git.commitFiles(branch, files, message, defaultBranch);

  return {
    url: `http://127.0.0.1:${port}`,
    env: {
      GITHUB_API_URL: `http://127.0.0.1:${port}`,
      GITHUB_REPOSITORY: `${owner}/${repoName}`,
      GITHUB_SERVER_URL: state.htmlUrl,
    },
    owner,
    repo: repoName,
    bareDir: git.dir,
    defaultBranch,
    botLogin,
    requests,
    get pulls() {
      return state.items.filter((item) => item.pull);
    },
    get issues() {
      return state.items.filter((item) => !item.pull);
    },
    failNext: (fault) => faults.push({ times: 1, ...fault }),
    beforeWrite: (hook) => writeHooks.push(hook),
    seed: (files, message = "Initial commit") => commitFiles(defaultBranch, files, message),
    commitFiles,
    settings,
    addPullRequest: (pull) =>
      newItem(state, {
        title: pull.title ?? pull.head,
        body: pull.body ?? "",
        pull: {
          head: pull.head,
          base: pull.base ?? defaultBranch,
          headRepo: pull.headRepo ?? `${owner}/${repoName}`,
          draft: false,
          reviewers: [],
        },
      }),
    git: (...args) => git.git(args),
    branchSha: (branch) => git.resolveBranch(branch),
    requestsTo: (method, path) => requests.filter((r) => r.method === method && path.test(r.path)),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await git.remove();
    },
  };
}

function faultReply(fault: Fault): Reply {
  const reply =
    fault.body !== undefined
      ? { status: fault.status, body: fault.body }
      : errorReply(fault.status, fault.message ?? "Fault");
  return { ...reply, headers: fault.headers };
}

function takeFault(faults: Fault[], method: string, path: string): Fault | undefined {
  const index = faults.findIndex((f) => (!f.method || f.method === method) && f.path.test(path));
  const fault = faults[index];
  if (!fault) return undefined;
  fault.times = (fault.times ?? 1) - 1;
  if (fault.times <= 0) faults.splice(index, 1);
  return fault;
}

function authorised(req: IncomingMessage, token: string | undefined): boolean {
  if (token === undefined) return true;
  const header = req.headers.authorization ?? "";
  return /^(token|bearer) /i.test(header) && header.slice(header.indexOf(" ") + 1) === token;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { "x-github-request-id": "TEST:0001", ...reply.headers };
  if (reply.raw !== undefined) {
    res.writeHead(reply.status, { "content-type": "application/vnd.github.raw", ...headers });
    res.end(reply.raw);
    return;
  }
  res.writeHead(reply.status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(reply.body === undefined ? "" : JSON.stringify(reply.body));
}
