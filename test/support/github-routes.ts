// The REST routes of the local GitHub server: git data (refs, trees, commits, blobs), contents, pulls and issues.
// Answers follow GitHub's shapes and error messages closely enough for Octokit and arxiv-digest to tell cases apart.
import type { BareRepo, TreeEntryInput } from "./git-repo.js";

export interface Reply {
  status: number;
  body?: unknown;
  /** Raw file content (the `application/vnd.github.raw` media type). */
  raw?: Buffer;
  headers?: Record<string, string>;
}

export interface Item {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  labels: string[];
  assignees: string[];
  user: string;
  createdAt: string;
  pull?: { head: string; base: string; headRepo: string; draft: boolean; reviewers: string[] };
}

export interface ServerState {
  git: BareRepo;
  owner: string;
  repo: string;
  defaultBranch: string;
  botLogin: string;
  htmlUrl: string;
  items: Item[];
  labels: Set<string>;
  settings: { allowActionsToCreatePullRequests: boolean; protectedBranches?: string[] };
  collaborators: string[] | undefined;
  maxPatchChars: number;
}

export interface RouteContext {
  state: ServerState;
  query: URLSearchParams;
  // biome-ignore lint/suspicious/noExplicitAny: request bodies are untyped JSON, checked by each handler
  body: any;
  accept: string;
}

type Permission = "contents" | "pull-requests" | "issues";

interface Route {
  method: string;
  /** Matched against the path after `/repos/{owner}/{repo}/`. */
  pattern: RegExp;
  /** The workflow permission the route needs (any one of a list). */
  permission: Permission | Permission[];
  write: boolean;
  /** Answers 409 "Git Repository is empty." while the repository has no commit. */
  needsCommits?: boolean;
  handler: (context: RouteContext, params: string[]) => Promise<Reply>;
}

const MAX_BODY = 65536;
const BOT_EMAIL = "41898282+github-actions[bot]@users.noreply.github.com";

export function errorReply(status: number, message: string, extra: Record<string, unknown> = {}): Reply {
  return {
    status,
    body: { message, documentation_url: "https://docs.github.com/rest", status: String(status), ...extra },
  };
}

function validationFailed(message: string, resource = "PullRequest"): Reply {
  return errorReply(422, "Validation Failed", { errors: [{ resource, code: "custom", message }] });
}

function json(status: number, body: unknown): Reply {
  return { status, body };
}

export function newItem(state: ServerState, fields: Partial<Item> & { title: string }): Item {
  const item: Item = {
    number: state.items.length + 1,
    body: "",
    state: "open",
    labels: [],
    assignees: [],
    user: state.botLogin,
    createdAt: new Date(Date.now() + state.items.length).toISOString(),
    ...fields,
  };
  state.items.push(item);
  return item;
}

// ---- views ----

function repoUrl(state: ServerState): string {
  return `${state.htmlUrl}/${state.owner}/${state.repo}`;
}

function refView(ref: string, sha: string) {
  return { ref, node_id: `REF_${sha.slice(0, 8)}`, object: { sha, type: "commit" } };
}

async function commitView(state: ServerState, sha: string) {
  const commit = await state.git.readCommit(sha);
  return {
    sha: commit.sha,
    tree: { sha: commit.tree },
    parents: commit.parents.map((parent) => ({ sha: parent })),
    message: commit.message,
    author: commit.author,
    committer: commit.committer,
    html_url: `${repoUrl(state)}/commit/${commit.sha}`,
  };
}

async function pullView(state: ServerState, item: Item) {
  const pull = item.pull;
  if (!pull) throw new Error(`#${item.number} is not a pull request`);
  const headSha = (await state.git.resolveBranch(pull.head)) ?? "0".repeat(40);
  const baseSha = (await state.git.resolveBranch(pull.base)) ?? "0".repeat(40);
  const [headOwner = state.owner] = pull.headRepo.split("/");
  return {
    number: item.number,
    state: item.state,
    title: item.title,
    body: item.body,
    draft: pull.draft,
    html_url: `${repoUrl(state)}/pull/${item.number}`,
    user: { login: item.user },
    labels: item.labels.map((name) => ({ name })),
    assignees: item.assignees.map((login) => ({ login })),
    requested_reviewers: pull.reviewers.map((login) => ({ login })),
    head: {
      ref: pull.head,
      sha: headSha,
      label: `${headOwner}:${pull.head}`,
      repo: { full_name: pull.headRepo },
    },
    base: { ref: pull.base, sha: baseSha, label: `${state.owner}:${pull.base}` },
    created_at: item.createdAt,
  };
}

function issueView(state: ServerState, item: Item) {
  const kind = item.pull ? "pull" : "issues";
  return {
    number: item.number,
    state: item.state,
    title: item.title,
    body: item.body,
    html_url: `${repoUrl(state)}/${kind}/${item.number}`,
    user: { login: item.user },
    labels: item.labels.map((name) => ({ name })),
    assignees: item.assignees.map((login) => ({ login })),
    created_at: item.createdAt,
    ...(item.pull ? { pull_request: { html_url: `${repoUrl(state)}/pull/${item.number}` } } : {}),
  };
}

function page<T>(items: T[], query: URLSearchParams): T[] {
  const perPage = Math.min(Number(query.get("per_page") ?? 30), 100);
  const pageNumber = Math.max(Number(query.get("page") ?? 1), 1);
  return items.slice((pageNumber - 1) * perPage, pageNumber * perPage);
}

function byState(items: Item[], query: URLSearchParams): Item[] {
  const wanted = query.get("state") ?? "open";
  const sorted = [...items].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  if ((query.get("direction") ?? "desc") === "desc") sorted.reverse();
  return sorted.filter((item) => wanted === "all" || item.state === wanted);
}

function findItem(state: ServerState, number: string | undefined, pull: boolean): Item | undefined {
  const item = state.items.find((candidate) => candidate.number === Number(number));
  return item && (!pull || item.pull) ? item : undefined;
}

function labelNames(labels: unknown): string[] {
  if (!Array.isArray(labels)) return [];
  return labels.map((label) =>
    typeof label === "string" ? label : String((label as { name: string }).name),
  );
}

// ---- git data ----

async function getRef({ state }: RouteContext, [ref = ""]: string[]): Promise<Reply> {
  const sha = await state.git.resolve(`refs/${ref}`);
  return sha ? json(200, refView(`refs/${ref}`, sha)) : errorReply(404, "Not Found");
}

async function createRef({ state, body }: RouteContext): Promise<Reply> {
  const ref = String(body?.ref ?? "");
  if (!/^refs\/heads\/.+/.test(ref)) return errorReply(422, "Reference name is invalid");
  if ((await state.git.objectType(String(body?.sha))) !== "commit")
    return errorReply(422, "Object does not exist");
  if (await state.git.resolve(ref)) return errorReply(422, "Reference already exists");
  await state.git.setBranch(ref.slice("refs/heads/".length), body.sha, "0".repeat(40));
  return json(201, refView(ref, body.sha));
}

async function updateRef({ state, body }: RouteContext, [branch = ""]: string[]): Promise<Reply> {
  const current = await state.git.resolveBranch(branch);
  if (!current) return errorReply(422, "Reference does not exist");
  if (state.settings.protectedBranches?.includes(branch)) {
    return errorReply(422, `Protected branch update failed for refs/heads/${branch}.`);
  }
  if ((await state.git.objectType(String(body?.sha))) !== "commit")
    return errorReply(422, "Object does not exist");
  if (!body.force && !(await state.git.isAncestor(current, body.sha))) {
    return errorReply(422, "Update is not a fast forward");
  }
  await state.git.setBranch(branch, body.sha, current);
  return json(200, refView(`refs/heads/${branch}`, body.sha));
}

async function deleteRef({ state }: RouteContext, [branch = ""]: string[]): Promise<Reply> {
  if (!(await state.git.resolveBranch(branch))) return errorReply(422, "Reference does not exist");
  await state.git.git(["update-ref", "-d", `refs/heads/${branch}`]);
  return { status: 204 };
}

async function createTree({ state, body }: RouteContext): Promise<Reply> {
  const entries = (body?.tree ?? []) as TreeEntryInput[];
  if (!Array.isArray(entries)) return errorReply(422, 'Invalid request.\n\n"tree" wasn\'t supplied.');
  const base = body.base_tree as string | undefined;
  if (base && (await state.git.objectType(base)) !== "tree") {
    return errorReply(422, "Invalid request.\n\nbase_tree is not a valid tree oid");
  }
  for (const entry of entries) {
    if (!entry.path || entry.path.startsWith("/") || entry.path.split("/").includes("..")) {
      return errorReply(422, `Invalid tree info: ${entry.path}`);
    }
    if (entry.content !== undefined && entry.sha !== undefined) {
      return errorReply(422, "Invalid request.\n\nOnly one of sha or content may be given.");
    }
  }
  const sha = await state.git.buildTree(base, entries);
  return json(201, { sha, tree: await state.git.listTree(sha, false), truncated: false });
}

async function getTree({ state, query }: RouteContext, [treeish = ""]: string[]): Promise<Reply> {
  const sha = (
    await state.git.git(["rev-parse", "--verify", "--quiet", `${treeish}^{tree}`]).catch(() => "")
  ).trim();
  if (!sha) return errorReply(404, "Not Found");
  const recursive = query.has("recursive") && query.get("recursive") !== "false";
  return json(200, { sha, tree: await state.git.listTree(sha, recursive), truncated: false });
}

async function createCommit({ state, body }: RouteContext): Promise<Reply> {
  if ((await state.git.objectType(String(body?.tree))) !== "tree")
    return errorReply(422, "Tree SHA does not exist");
  const parents = (body.parents ?? []) as string[];
  for (const parent of parents) {
    if ((await state.git.objectType(parent)) !== "commit") {
      return errorReply(422, "Parent SHA does not exist or is not a commit object");
    }
  }
  // Without author/committer GitHub commits as the token's bot and signs the commit ("Verified").
  const author = body.author ?? { name: state.botLogin, email: BOT_EMAIL };
  const committer =
    body.committer ?? (body.author ? author : { name: "GitHub", email: "noreply@github.com" });
  const sha = await state.git.commitTree(body.tree, parents, String(body.message ?? ""), author, committer);
  const verified = !body.author && !body.committer;
  return json(201, {
    ...(await commitView(state, sha)),
    verification: { verified, reason: verified ? "valid" : "unsigned" },
  });
}

async function getCommit({ state }: RouteContext, [sha = ""]: string[]): Promise<Reply> {
  if ((await state.git.objectType(sha)) !== "commit") return errorReply(404, "Not Found");
  return json(200, await commitView(state, sha));
}

async function getBlob({ state }: RouteContext, [sha = ""]: string[]): Promise<Reply> {
  if ((await state.git.objectType(sha)) !== "blob") return errorReply(404, "Not Found");
  const content = Buffer.from(await state.git.git(["cat-file", "blob", sha]), "utf8");
  return json(200, { sha, size: content.length, encoding: "base64", content: content.toString("base64") });
}

async function getContents({ state, query, accept }: RouteContext, [path = ""]: string[]): Promise<Reply> {
  if (await state.git.isEmpty()) return errorReply(404, "This repository is empty.");
  const ref = query.get("ref") ?? state.defaultBranch;
  const commit = await state.git.resolve(ref);
  if (!commit) return errorReply(404, `No commit found for the ref ${ref}`);
  const file = await state.git.readFile(commit, path);
  if (!file) return errorReply(404, "Not Found");
  if (/\braw\b/.test(accept)) return { status: 200, raw: file.content };
  const base64 = file.content.toString("base64").replace(/.{60}/g, "$&\n");
  return json(200, {
    type: "file",
    encoding: "base64",
    size: file.content.length,
    name: path.split("/").pop(),
    path,
    sha: file.sha,
    content: base64,
  });
}

// ---- pulls ----

async function listPulls({ state, query }: RouteContext): Promise<Reply> {
  const head = query.get("head");
  const base = query.get("base");
  const matching = byState(state.items, query).filter((item) => {
    if (!item.pull) return false;
    if (head && head !== `${item.pull.headRepo.split("/")[0]}:${item.pull.head}`) return false;
    return !base || base === item.pull.base;
  });
  return json(200, await Promise.all(page(matching, query).map((item) => pullView(state, item))));
}

async function createPull({ state, body }: RouteContext): Promise<Reply> {
  if (!state.settings.allowActionsToCreatePullRequests) {
    return errorReply(403, "GitHub Actions is not permitted to create or approve pull requests.");
  }
  const head = String(body?.head ?? "").replace(new RegExp(`^${state.owner}:`), "");
  const base = String(body?.base ?? "");
  const headSha = await state.git.resolveBranch(head);
  const baseSha = await state.git.resolveBranch(base);
  if (!headSha || !baseSha) {
    return errorReply(422, "Validation Failed", {
      errors: [{ resource: "PullRequest", field: headSha ? "base" : "head", code: "invalid" }],
    });
  }
  if (String(body.body ?? "").length > MAX_BODY)
    return validationFailed("body is too long (maximum is 65536 characters)");
  const open = state.items.find(
    (item) => item.state === "open" && item.pull?.head === head && item.pull.base === base,
  );
  if (open) return validationFailed(`A pull request already exists for ${state.owner}:${head}.`);
  if (await state.git.isAncestor(headSha, baseSha))
    return validationFailed(`No commits between ${base} and ${head}`);
  const item = newItem(state, {
    title: String(body.title ?? ""),
    body: String(body.body ?? ""),
    pull: { head, base, headRepo: `${state.owner}/${state.repo}`, draft: Boolean(body.draft), reviewers: [] },
  });
  return json(201, await pullView(state, item));
}

async function getPull({ state }: RouteContext, [number]: string[]): Promise<Reply> {
  const item = findItem(state, number, true);
  return item ? json(200, await pullView(state, item)) : errorReply(404, "Not Found");
}

async function updatePull({ state, body }: RouteContext, [number]: string[]): Promise<Reply> {
  const item = findItem(state, number, true);
  if (!item) return errorReply(404, "Not Found");
  if (body?.body !== undefined && String(body.body).length > MAX_BODY) {
    return validationFailed("body is too long (maximum is 65536 characters)");
  }
  Object.assign(item, pickDefined({ title: body?.title, body: body?.body, state: body?.state }));
  return json(200, await pullView(state, item));
}

async function pullFiles({ state, query }: RouteContext, [number]: string[]): Promise<Reply> {
  const item = findItem(state, number, true);
  if (!item?.pull) return errorReply(404, "Not Found");
  const files = await state.git.changedFiles(`refs/heads/${item.pull.base}`, `refs/heads/${item.pull.head}`);
  const shown = files.map(({ patch, ...file }) =>
    patch !== undefined && patch.length <= state.maxPatchChars ? { ...file, patch } : file,
  );
  return json(200, page(shown, query));
}

async function requestReviewers({ state, body }: RouteContext, [number]: string[]): Promise<Reply> {
  const item = findItem(state, number, true);
  if (!item?.pull) return errorReply(404, "Not Found");
  const reviewers = (body?.reviewers ?? []) as string[];
  if (reviewers.includes(item.user)) {
    return errorReply(422, "Review cannot be requested from pull request author.");
  }
  const strangers = reviewers.filter((login) => state.collaborators && !state.collaborators.includes(login));
  if (strangers.length > 0) {
    return errorReply(
      422,
      "Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the repository.",
    );
  }
  item.pull.reviewers = [...new Set([...item.pull.reviewers, ...reviewers])];
  return json(201, await pullView(state, item));
}

// ---- issues ----

async function listIssues({ state, query }: RouteContext): Promise<Reply> {
  const labels = (query.get("labels") ?? "").split(",").filter(Boolean);
  const creator = query.get("creator");
  const matching = byState(state.items, query).filter(
    (item) => labels.every((label) => item.labels.includes(label)) && (!creator || creator === item.user),
  );
  return json(
    200,
    page(matching, query).map((item) => issueView(state, item)),
  );
}

async function createIssue({ state, body }: RouteContext): Promise<Reply> {
  if (!body?.title) return validationFailed("title can't be blank", "Issue");
  if (String(body.body ?? "").length > MAX_BODY) {
    return validationFailed("body is too long (maximum is 65536 characters)", "Issue");
  }
  const labels = labelNames(body.labels);
  for (const label of labels) state.labels.add(label);
  const item = newItem(state, {
    title: String(body.title),
    body: String(body.body ?? ""),
    labels,
    assignees: (body.assignees ?? []) as string[],
  });
  return json(201, issueView(state, item));
}

async function getIssue({ state }: RouteContext, [number]: string[]): Promise<Reply> {
  const item = findItem(state, number, false);
  return item ? json(200, issueView(state, item)) : errorReply(404, "Not Found");
}

async function updateIssue({ state, body }: RouteContext, [number]: string[]): Promise<Reply> {
  const item = findItem(state, number, false);
  if (!item) return errorReply(404, "Not Found");
  if (body?.body !== undefined && String(body.body).length > MAX_BODY) {
    return validationFailed("body is too long (maximum is 65536 characters)", "Issue");
  }
  const labels = body?.labels === undefined ? undefined : labelNames(body.labels);
  Object.assign(item, pickDefined({ title: body?.title, body: body?.body, state: body?.state, labels }));
  return json(200, issueView(state, item));
}

async function addLabels({ state, body }: RouteContext, [number]: string[]): Promise<Reply> {
  const item = findItem(state, number, false);
  if (!item) return errorReply(404, "Not Found");
  const labels = labelNames(body?.labels);
  for (const label of labels) state.labels.add(label);
  item.labels = [...new Set([...item.labels, ...labels])];
  return json(
    200,
    item.labels.map((name) => ({ name })),
  );
}

async function addAssignees({ state, body }: RouteContext, [number]: string[]): Promise<Reply> {
  const item = findItem(state, number, false);
  if (!item) return errorReply(404, "Not Found");
  item.assignees = [...new Set([...item.assignees, ...((body?.assignees ?? []) as string[])])];
  return json(201, issueView(state, item));
}

async function getRepo({ state }: RouteContext): Promise<Reply> {
  return json(200, {
    id: 1,
    name: state.repo,
    full_name: `${state.owner}/${state.repo}`,
    owner: { login: state.owner },
    private: false,
    default_branch: state.defaultBranch,
    html_url: repoUrl(state),
  });
}

function pickDefined<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}

const SHA = "([0-9a-f]{40})";

export const routes: Route[] = [
  { method: "GET", pattern: /^$/, permission: "contents", write: false, handler: getRepo },
  {
    method: "GET",
    pattern: /^git\/ref\/(heads\/.+)$/,
    permission: "contents",
    write: false,
    needsCommits: true,
    handler: getRef,
  },
  {
    method: "POST",
    pattern: /^git\/refs$/,
    permission: "contents",
    write: true,
    needsCommits: true,
    handler: createRef,
  },
  {
    method: "PATCH",
    pattern: /^git\/refs\/heads\/(.+)$/,
    permission: "contents",
    write: true,
    needsCommits: true,
    handler: updateRef,
  },
  {
    method: "DELETE",
    pattern: /^git\/refs\/heads\/(.+)$/,
    permission: "contents",
    write: true,
    needsCommits: true,
    handler: deleteRef,
  },
  {
    method: "POST",
    pattern: /^git\/trees$/,
    permission: "contents",
    write: true,
    needsCommits: true,
    handler: createTree,
  },
  {
    method: "GET",
    pattern: /^git\/trees\/(.+)$/,
    permission: "contents",
    write: false,
    needsCommits: true,
    handler: getTree,
  },
  {
    method: "POST",
    pattern: /^git\/commits$/,
    permission: "contents",
    write: true,
    needsCommits: true,
    handler: createCommit,
  },
  {
    method: "GET",
    pattern: new RegExp(`^git/commits/${SHA}$`),
    permission: "contents",
    write: false,
    needsCommits: true,
    handler: getCommit,
  },
  {
    method: "GET",
    pattern: new RegExp(`^git/blobs/${SHA}$`),
    permission: "contents",
    write: false,
    needsCommits: true,
    handler: getBlob,
  },
  { method: "GET", pattern: /^contents\/(.+)$/, permission: "contents", write: false, handler: getContents },
  { method: "GET", pattern: /^pulls$/, permission: "pull-requests", write: false, handler: listPulls },
  { method: "POST", pattern: /^pulls$/, permission: "pull-requests", write: true, handler: createPull },
  { method: "GET", pattern: /^pulls\/(\d+)$/, permission: "pull-requests", write: false, handler: getPull },
  {
    method: "PATCH",
    pattern: /^pulls\/(\d+)$/,
    permission: "pull-requests",
    write: true,
    handler: updatePull,
  },
  {
    method: "GET",
    pattern: /^pulls\/(\d+)\/files$/,
    permission: "pull-requests",
    write: false,
    handler: pullFiles,
  },
  {
    method: "POST",
    pattern: /^pulls\/(\d+)\/requested_reviewers$/,
    permission: "pull-requests",
    write: true,
    handler: requestReviewers,
  },
  { method: "GET", pattern: /^issues$/, permission: "issues", write: false, handler: listIssues },
  { method: "POST", pattern: /^issues$/, permission: "issues", write: true, handler: createIssue },
  { method: "GET", pattern: /^issues\/(\d+)$/, permission: "issues", write: false, handler: getIssue },
  { method: "PATCH", pattern: /^issues\/(\d+)$/, permission: "issues", write: true, handler: updateIssue },
  {
    method: "POST",
    pattern: /^issues\/(\d+)\/labels$/,
    permission: ["issues", "pull-requests"],
    write: true,
    handler: addLabels,
  },
  {
    method: "POST",
    pattern: /^issues\/(\d+)\/assignees$/,
    permission: ["issues", "pull-requests"],
    write: true,
    handler: addAssignees,
  },
];
