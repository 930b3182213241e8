import type { Log } from "../common/log.js";
import { type Config, ConfigError } from "../config/settings.js";
import { GitHubStore } from "./github.js";
import { digestBranch } from "./github-pulls.js";
import { LocalStore } from "./local.js";
import type { RepositoryStore } from "./store.js";

/** What the runner tells the Action about where it runs (`GITHUB_*` variables). */
export interface RunnerContext {
  workspace: string;
  apiUrl?: string;
  serverUrl?: string;
  repository?: string;
}

export interface StoreSetup {
  store: RepositoryStore;
  /** Where a file of this run can be read on GitHub, for the PR body's links. */
  fileUrl?: (path: string) => string;
  /** The repository's files on the default branch, for the feed's links. */
  siteUrl?: string;
  requestCounts?: () => Record<string, number>;
}

/** The local folder for `mode: files`; the repository on GitHub for the other modes. */
export function createStore(settings: Omit<Config, "topics">, runner: RunnerContext, log: Log): StoreSetup {
  if (settings.mode === "files") return { store: new LocalStore(runner.workspace) };
  const [owner, repo, ...rest] = (runner.repository ?? "").split("/");
  if (!owner || !repo || rest.length) {
    throw new ConfigError(
      `input mode: ${settings.mode} publishes to GitHub and needs GITHUB_REPOSITORY (set by the runner); use mode: files outside GitHub Actions`,
    );
  }
  if (!settings.githubToken) {
    throw new ConfigError(
      `input github-token: mode ${settings.mode} needs a token; the default \${{ github.token }} works`,
    );
  }
  const store = new GitHubStore({
    token: settings.githubToken,
    apiUrl: runner.apiUrl ?? "https://api.github.com",
    owner,
    repo,
    baseBranch: settings.github.baseBranch,
    mode: settings.mode,
    labels: settings.github.labels,
    reviewers: settings.github.reviewers,
    assignees: settings.github.assignees,
    draft: settings.github.draft,
    writeIntervalMs: settings.github.writeIntervalMs,
    log,
  });
  const site = `${runner.serverUrl ?? "https://github.com"}/${owner}/${repo}/blob`;
  const ref =
    settings.mode === "pull-request" ? digestBranch(settings.date) : (settings.github.baseBranch ?? "HEAD");
  return {
    store,
    fileUrl: (path) => `${site}/${ref}/${path}`,
    siteUrl: `${site}/${settings.github.baseBranch ?? "HEAD"}/`,
    requestCounts: () => store.requestCounts(),
  };
}
