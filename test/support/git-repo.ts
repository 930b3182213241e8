import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Identity git records when a commit request names no author (GitHub signs those as the token's bot). */
export interface Identity {
  name: string;
  email: string;
  date?: string;
}

export interface TreeEntryInput {
  path: string;
  mode?: string;
  type?: "blob" | "tree" | "commit";
  /** `null` deletes the path (a file, or a folder with everything under it). */
  sha?: string | null;
  content?: string;
}

export interface TreeEntry {
  path: string;
  mode: string;
  type: string;
  sha: string;
  size?: number;
}

export interface CommitInfo {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
  author: Identity;
  committer: Identity;
}

export interface FileChange {
  filename: string;
  status: "added" | "modified" | "removed";
  sha: string;
  additions: number;
  deletions: number;
  patch?: string;
}

const ZERO_SHA = "0".repeat(40);

/** A bare git repository driven through the git CLI, so every sha is git's own. */
export class BareRepo {
  private constructor(
    readonly dir: string,
    private readonly scratch: string,
  ) {}

  static async create(defaultBranch: string): Promise<BareRepo> {
    const root = await mkdtemp(join(tmpdir(), "github-server-"));
    const repo = new BareRepo(join(root, "repo.git"), join(root, "scratch"));
    await runGit(root, ["init", "--bare", "--quiet", `--initial-branch=${defaultBranch}`, repo.dir]);
    await mkdir(repo.scratch);
    return repo;
  }

  git(args: string[], options: { input?: string | Buffer; env?: NodeJS.ProcessEnv } = {}): Promise<string> {
    return runGit(this.dir, ["--git-dir", this.dir, ...args], options);
  }

  async remove(): Promise<void> {
    await rm(join(this.dir, ".."), { recursive: true, force: true });
  }

  async isEmpty(): Promise<boolean> {
    return (await this.git(["for-each-ref", "--count=1", "refs/heads"])).trim() === "";
  }

  async resolveBranch(branch: string): Promise<string | undefined> {
    return this.resolve(`refs/heads/${branch}`);
  }

  /** A branch name or sha as a commit sha, or undefined. */
  async resolve(ref: string): Promise<string | undefined> {
    try {
      return (await this.git(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`])).trim();
    } catch {
      return undefined;
    }
  }

  async objectType(sha: string): Promise<string | undefined> {
    try {
      return (await this.git(["cat-file", "-t", sha])).trim();
    } catch {
      return undefined;
    }
  }

  async setBranch(branch: string, sha: string, expectedOld?: string): Promise<void> {
    const args = ["update-ref", `refs/heads/${branch}`, sha];
    await this.git(expectedOld === undefined ? args : [...args, expectedOld]);
  }

  async isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    try {
      await this.git(["merge-base", "--is-ancestor", ancestor, descendant]);
      return true;
    } catch {
      return false;
    }
  }

  /** Writes blobs in one `git hash-object` call; returns their shas in order. */
  async writeBlobs(contents: string[]): Promise<string[]> {
    if (contents.length === 0) return [];
    const dir = await mkdtemp(join(this.scratch, "blobs-"));
    try {
      const paths = contents.map((_, index) => join(dir, String(index)));
      await Promise.all(paths.map((path, index) => writeFile(path, contents[index] ?? "", "utf8")));
      const out = await this.git(["hash-object", "-w", "--no-filters", "--stdin-paths"], {
        input: `${paths.join("\n")}\n`,
      });
      return out.trim().split("\n");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** GitHub's `POST git/trees` semantics on a temporary index: read `baseTree`, apply entries, write the tree. */
  async buildTree(baseTree: string | undefined, entries: TreeEntryInput[]): Promise<string> {
    const index = join(this.scratch, `index-${process.hrtime.bigint()}`);
    const env = { GIT_INDEX_FILE: index };
    try {
      await this.git(baseTree ? ["read-tree", baseTree] : ["read-tree", "--empty"], { env });
      const existing = (await this.git(["ls-files", "-z"], { env })).split("\0").filter(Boolean);
      const records = await this.indexRecords(entries, existing);
      await this.git(["update-index", "-z", "--index-info"], { env, input: records.join("") });
      return (await this.git(["write-tree"], { env })).trim();
    } finally {
      await rm(index, { force: true });
    }
  }

  private async indexRecords(entries: TreeEntryInput[], existing: string[]): Promise<string[]> {
    const withContent = entries.filter((entry) => entry.content !== undefined);
    const blobShas = await this.writeBlobs(withContent.map((entry) => entry.content ?? ""));
    const records: string[] = [];
    for (const entry of entries) {
      if (entry.sha === null) {
        const gone = existing.filter((path) => path === entry.path || path.startsWith(`${entry.path}/`));
        records.push(...gone.map((path) => `0 ${ZERO_SHA}\t${path}\0`));
      } else if (entry.type === "tree" && entry.sha) {
        for (const child of await this.listTree(entry.sha, true)) {
          if (child.type !== "tree")
            records.push(`${child.mode} ${child.sha}\t${entry.path}/${child.path}\0`);
        }
      } else {
        const sha = entry.content !== undefined ? blobShas[withContent.indexOf(entry)] : entry.sha;
        records.push(`${entry.mode ?? "100644"} ${sha}\t${entry.path}\0`);
      }
    }
    return records;
  }

  async commitTree(tree: string, parents: string[], message: string, author: Identity, committer: Identity) {
    const env = {
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_COMMITTER_NAME: committer.name,
      GIT_COMMITTER_EMAIL: committer.email,
      ...(author.date ? { GIT_AUTHOR_DATE: author.date } : {}),
      ...(committer.date ? { GIT_COMMITTER_DATE: committer.date } : {}),
    };
    const args = ["commit-tree", tree, ...parents.flatMap((parent) => ["-p", parent]), "-F", "-"];
    return (await this.git(args, { env, input: message })).trim();
  }

  async readCommit(sha: string): Promise<CommitInfo> {
    const format = ["%H", "%T", "%P", "%an", "%ae", "%aI", "%cn", "%ce", "%cI", "%B"].join("%x00");
    const [full, tree, parents, an, ae, ad, cn, ce, cd, ...message] = (
      await this.git(["show", "-s", `--format=${format}`, sha])
    ).split("\0");
    return {
      sha: full ?? sha,
      tree: tree ?? "",
      parents: (parents ?? "").split(" ").filter(Boolean),
      message: message.join("\0").replace(/\n$/, ""),
      author: { name: an ?? "", email: ae ?? "", date: ad ?? "" },
      committer: { name: cn ?? "", email: ce ?? "", date: cd ?? "" },
    };
  }

  async listTree(treeish: string, recursive: boolean): Promise<TreeEntry[]> {
    const args = ["ls-tree", "-z", "-l", ...(recursive ? ["-r", "-t"] : []), treeish];
    return (await this.git(args))
      .split("\0")
      .filter(Boolean)
      .map((line) => {
        const [meta = "", path = ""] = line.split("\t");
        const [mode = "", type = "", sha = "", size = "-"] = meta.split(/\s+/);
        return { path, mode, type, sha, ...(size === "-" ? {} : { size: Number(size) }) };
      });
  }

  /** The blob at `path` in commit `ref`, or undefined. */
  async readFile(ref: string, path: string): Promise<{ sha: string; content: Buffer } | undefined> {
    const sha = await this.git(["rev-parse", "--verify", "--quiet", `${ref}:${path}`]).catch(() => "");
    if (!sha.trim() || (await this.objectType(sha.trim())) !== "blob") return undefined;
    const content = await runGitBuffer(this.dir, ["--git-dir", this.dir, "cat-file", "blob", sha.trim()]);
    return { sha: sha.trim(), content };
  }

  /** Files changed between the merge base of `base` and `head`, like `GET /pulls/{n}/files`. */
  async changedFiles(base: string, head: string): Promise<FileChange[]> {
    const mergeBase = (await this.git(["merge-base", base, head])).trim();
    const numstat = (await this.git(["diff", "--no-renames", "--numstat", "-z", mergeBase, head]))
      .split("\0")
      .filter(Boolean);
    const statuses = (await this.git(["diff", "--no-renames", "--name-status", "-z", mergeBase, head]))
      .split("\0")
      .filter(Boolean);
    const files: FileChange[] = [];
    for (let index = 0; index < statuses.length; index += 2) {
      const letter = statuses[index] ?? "M";
      const filename = statuses[index + 1] ?? "";
      const [added = "0", deleted = "0"] = (numstat[index / 2] ?? "").split("\t");
      const diff = await this.git(["diff", "--no-renames", mergeBase, head, "--", filename]);
      const patchStart = diff.indexOf("\n@@");
      files.push({
        filename,
        status: letter === "A" ? "added" : letter === "D" ? "removed" : "modified",
        sha: letter === "D" ? ZERO_SHA : (await this.git(["rev-parse", `${head}:${filename}`])).trim(),
        additions: Number(added),
        deletions: Number(deleted),
        ...(patchStart >= 0 ? { patch: diff.slice(patchStart + 1).replace(/\n$/, "") } : {}),
      });
    }
    return files;
  }

  /** Test helper: commits `files` (null deletes) on `branch`, created from `from` when missing; returns the sha. */
  async commitFiles(
    branch: string,
    files: Record<string, string | null>,
    message: string,
    from?: string,
  ): Promise<string> {
    const current = await this.resolveBranch(branch);
    const parent = current ?? (from ? await this.resolveBranch(from) : undefined);
    const baseTree = parent ? (await this.readCommit(parent)).tree : undefined;
    const entries = Object.entries(files).map(([path, content]) =>
      content === null ? { path, sha: null } : { path, content },
    );
    const tree = await this.buildTree(baseTree, entries);
    const someone = { name: "Test Author", email: "author@example.com" };
    const sha = await this.commitTree(tree, parent ? [parent] : [], message, someone, someone);
    await this.setBranch(branch, sha, current ?? ZERO_SHA);
    return sha;
  }
}

function runGitBuffer(
  cwd: string,
  args: string[],
  options: { input?: string | Buffer; env?: NodeJS.ProcessEnv } = {},
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", args, {
      cwd,
      env: { ...process.env, ...options.env, GIT_CONFIG_NOSYSTEM: "1", GIT_TERMINAL_PROMPT: "0" },
      stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr?.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new Error(`git ${args.join(" ")} exited ${code}: ${Buffer.concat(err).toString()}`));
    });
    child.stdin?.on("error", () => {}); // git may exit before reading all of it; its exit code tells
    child.stdin?.end(options.input);
  });
}

async function runGit(
  cwd: string,
  args: string[],
  options: { input?: string | Buffer; env?: NodeJS.ProcessEnv } = {},
): Promise<string> {
  return (await runGitBuffer(cwd, args, options)).toString("utf8");
}
