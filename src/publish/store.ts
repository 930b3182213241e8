/** The repository port: where digests are read from and published to (GitHub, or a local folder). */
export interface StoreFile {
  /** Repository-relative POSIX path, always under the digests folder. */
  path: string;
  content: string;
}

export interface PublishRequest {
  /** Digest date, `YYYY-MM-DD`. */
  date: string;
  files: StoreFile[];
  /**
   * Pull-request mode: files committed straight to the base branch first (the index of what was merged), so the
   * review branch holds only the new digests and two open digest pull requests never conflict.
   */
  baseFiles?: StoreFile[];
  /** Commit message, PR and issue title. Built by code from safe parts. */
  title: string;
  /** PR/issue body in markdown, already neutralised (no live mentions or references). */
  body: string;
  /** Issue mode: the digest itself as the issue body (the store links to the file when it is too long). */
  issueBody?: string;
}

export interface PublishResult {
  /** False when the repository already held exactly these files (nothing committed, no PR/issue touched). */
  changed: boolean;
  files: string[];
  branch?: string;
  commitSha?: string;
  pullRequest?: { number: number; url: string };
  issue?: { number: number; url: string };
}

export interface RepositoryStore {
  /** A file's content on the base branch (or in the local folder), or undefined when it does not exist. */
  read(path: string): Promise<string | undefined>;
  /** Writes every file of a run as one change and opens/updates the review request for that date. */
  publish(request: PublishRequest): Promise<PublishResult>;
  /** Paths of the files under `dir` on the base branch (or in the local folder). Used only to rebuild the index. */
  list(dir: string): Promise<string[]>;
  /** Digest files of other dates still awaiting review (open digest PRs), for dedupe. Empty when not applicable. */
  pending(digestsDir: string): Promise<StoreFile[]>;
}
