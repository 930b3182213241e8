// The Git Data API calls that write many files as one commit: refs, trees, commits, and reading a file.
import type { RepositoryApi } from "./github-client.js";
import { type ApiCall, explainApiError, explained, isFailure } from "./github-errors.js";
import type { StoreFile } from "./store.js";

const READ: ApiCall = { action: "read the repository", permission: "contents" };
const WRITE: ApiCall = { action: "write the digest commit", permission: "contents" };

// Branch protection and rulesets answer a ref update with one of these (422, sometimes 403).
const PROTECTED = /protected branch|protected ref|rule violation|must be made through a pull request/i;

/** The base branch refuses commits that do not come through a pull request. */
export class ProtectedBranchError extends Error {
  constructor(
    readonly branch: string,
    repository: string,
  ) {
    super(
      `Could not commit to "${branch}" in ${repository}: the branch is protected and takes changes only through pull ` +
        `requests. Use mode: pull-request, or let the workflow's token push to "${branch}" (a ruleset bypass).`,
    );
    this.name = "ProtectedBranchError";
  }
}

export class GitData {
  constructor(private readonly repository: RepositoryApi) {}

  private get coordinates() {
    return { owner: this.repository.owner, repo: this.repository.repo };
  }

  /** The commit a branch points at; undefined when the branch does not exist. */
  async branchHead(branch: string): Promise<string | undefined> {
    try {
      const { data } = await this.repository.api.rest.git.getRef({
        ...this.coordinates,
        ref: `heads/${branch}`,
      });
      return data.object.sha;
    } catch (error) {
      if (isFailure(error, 404)) return undefined;
      throw explainApiError(error, READ, this.repository.fullName);
    }
  }

  /** The base branch's commit; a missing base branch is an actionable error. */
  async baseHead(branch: string): Promise<string> {
    const call = { ...READ, action: `read the base branch "${branch}"`, baseBranch: branch };
    return explained(this.repository.fullName, call, async () => {
      const { data } = await this.repository.api.rest.git.getRef({
        ...this.coordinates,
        ref: `heads/${branch}`,
      });
      return data.object.sha;
    });
  }

  async treeOf(commitSha: string): Promise<string> {
    return explained(this.repository.fullName, READ, async () => {
      const { data } = await this.repository.api.rest.git.getCommit({
        ...this.coordinates,
        commit_sha: commitSha,
      });
      return data.tree.sha;
    });
  }

  /**
   * One request whatever the number of files: contents go inline (no blob per file). Git names trees by content,
   * so the answer equals `baseTree` exactly when the files are already there.
   */
  async createTree(baseTree: string, files: StoreFile[]): Promise<string> {
    return explained(this.repository.fullName, WRITE, async () => {
      const tree = files.map((file) => ({
        path: file.path,
        mode: "100644" as const,
        type: "blob" as const,
        content: file.content,
      }));
      const { data } = await this.repository.api.rest.git.createTree({
        ...this.coordinates,
        base_tree: baseTree,
        tree,
      });
      return data.sha;
    });
  }

  /** No author or committer: GitHub then commits as the token's identity and signs the commit. */
  async createCommit(message: string, tree: string, parent: string): Promise<string> {
    return explained(this.repository.fullName, WRITE, async () => {
      const { data } = await this.repository.api.rest.git.createCommit({
        ...this.coordinates,
        message,
        tree,
        parents: [parent],
      });
      return data.sha;
    });
  }

  /** Points the bot's own branch at `sha`, creating it or force-updating it. */
  async forceBranch(branch: string, sha: string, exists: boolean): Promise<void> {
    const call = { ...WRITE, action: `update the branch "${branch}"` };
    await explained(this.repository.fullName, call, async () => {
      if (!exists) {
        try {
          await this.repository.api.rest.git.createRef({
            ...this.coordinates,
            ref: `refs/heads/${branch}`,
            sha,
          });
          return;
        } catch (error) {
          // Created meanwhile (a concurrent run, or a retried POST whose first answer was lost).
          if (!isFailure(error, 422, /reference already exists/i)) throw error;
        }
      }
      await this.repository.api.rest.git.updateRef({
        ...this.coordinates,
        ref: `heads/${branch}`,
        sha,
        force: true,
      });
    });
  }

  /** Moves `branch` forward to `sha`; false when the branch moved meanwhile ("Update is not a fast forward"). */
  async fastForward(branch: string, sha: string): Promise<boolean> {
    const call = { ...WRITE, action: `update the branch "${branch}"`, baseBranch: branch };
    try {
      await this.repository.api.rest.git.updateRef({
        ...this.coordinates,
        ref: `heads/${branch}`,
        sha,
        force: false,
      });
      return true;
    } catch (error) {
      if (isFailure(error, 422, /not a fast.forward/i)) return false;
      if (isFailure(error, 422, PROTECTED) || isFailure(error, 403, PROTECTED)) {
        throw new ProtectedBranchError(branch, this.repository.fullName);
      }
      throw explainApiError(error, call, this.repository.fullName);
    }
  }

  /** Paths of the files under `dir` at a commit: one recursive tree request. */
  async listFiles(commitSha: string, dir: string): Promise<string[]> {
    const tree = await this.treeOf(commitSha);
    return explained(this.repository.fullName, READ, async () => {
      const { data } = await this.repository.api.rest.git.getTree({
        ...this.coordinates,
        tree_sha: tree,
        recursive: "1",
      });
      const prefix = `${dir.replace(/\/+$/, "")}/`;
      return data.tree
        .filter((entry) => entry.type === "blob" && entry.path?.startsWith(prefix))
        .map((entry) => entry.path as string)
        .sort();
    });
  }

  /** A file's text at a commit, or undefined when it does not exist. Raw media type: no 1 MB limit. */
  async readFile(path: string, ref: string): Promise<string | undefined> {
    try {
      const { data } = await this.repository.api.rest.repos.getContent({
        ...this.coordinates,
        path,
        ref,
        mediaType: { format: "raw" },
      });
      const raw: unknown = data;
      if (typeof raw === "string") return raw;
      if (raw instanceof ArrayBuffer) return new TextDecoder().decode(raw);
      return undefined; // a folder
    } catch (error) {
      if (isFailure(error, 404)) return undefined;
      throw explainApiError(error, READ, this.repository.fullName);
    }
  }
}
