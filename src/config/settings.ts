export type Mode = "pull-request" | "issue" | "commit" | "files";
export type SummarizeMode = "auto" | "llm" | "extractive";

export interface TopicConfig {
  name: string;
  slug: string;
  query?: string;
  categories: string[];
  keywords: string[];
  exclude: string[];
  maxPapers: number;
  language: string;
  /** The reader's interests in their own words: with a model, each paper gets a relevance score. */
  interests?: string;
}

export interface Config {
  topics: TopicConfig[];
  /** Digest date, `YYYY-MM-DD` (UTC). */
  date: string;
  mode: Mode;
  digestsDir: string;
  maxCatchUpDays: number;
  /** New versions of published papers, listed in an "Updated papers" section. */
  includeUpdates: boolean;
  summarize: SummarizeMode;
  arxiv: { apiUrl: string; intervalMs: number; pageSize: number; maxResults: number };
  /** Enrichment from arXiv's HTML pages (off by default). */
  html: { enabled: boolean; baseUrl: string; maxPages: number };
  /** With interests: papers scoring at least `highlightThreshold` open the digest; below `minScore` (0 = off) they are only listed. */
  ranking: { highlightThreshold: number; minScore: number };
  llm: {
    baseUrl?: string;
    model?: string;
    apiKey?: string;
    concurrency?: number;
    requestsPerMinute?: number;
    timeoutMs: number;
    tokenBudget?: number;
    promptFile?: string;
  };
  githubToken?: string;
  github: {
    baseBranch?: string;
    labels: string[];
    reviewers: string[];
    assignees: string[];
    draft: boolean;
    writeIntervalMs: number;
  };
}

/** Raw inputs by their Action/CLI names (`max-papers`, …); empty string means unset. */
export type Inputs = Record<string, string | undefined>;

export const DEFAULTS = {
  config: ".github/arxiv-digest.yml",
  language: "English",
  maxPapers: 30,
  mode: "pull-request" as Mode,
  digestsDir: "digests",
  maxCatchUpDays: 7,
  summarize: "auto" as SummarizeMode,
  arxivApiUrl: "https://export.arxiv.org/api/query",
  arxivIntervalMs: 3000,
  htmlBaseUrl: "https://arxiv.org/html",
  maxHtmlPages: 30,
  highlightThreshold: 7,
  minScore: 0,
};

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Everything but the topics, from the inputs; `today` gives the default date. */
export function resolveSettings(inputs: Inputs, today: Date): Omit<Config, "topics"> {
  const apiUrl = urlInput(inputs, "arxiv-api-url", DEFAULTS.arxivApiUrl);
  const intervalMs = positiveInt(inputs, "arxiv-interval-ms", DEFAULTS.arxivIntervalMs, 600_000, 0);
  const html = htmlSettings(inputs);
  for (const url of html.enabled ? [apiUrl, html.baseUrl] : [apiUrl]) {
    if (new URL(url).hostname.endsWith("arxiv.org") && intervalMs < 3000) {
      throw new ConfigError(
        "input arxiv-interval-ms: arXiv's terms of use ask for at least 3000 ms between requests",
      );
    }
  }
  return {
    date: digestDate(value(inputs, "date"), today),
    mode: oneOf(inputs, "mode", ["pull-request", "issue", "commit", "files"], DEFAULTS.mode),
    digestsDir: digestsDir(value(inputs, "digests-dir") ?? DEFAULTS.digestsDir),
    maxCatchUpDays: positiveInt(inputs, "max-catch-up-days", DEFAULTS.maxCatchUpDays, 60),
    includeUpdates: oneOf(inputs, "include-updates", ["true", "false"], "false") === "true",
    summarize: oneOf(inputs, "summarize", ["auto", "llm", "extractive"], DEFAULTS.summarize),
    arxiv: { apiUrl, intervalMs, pageSize: 100, maxResults: 2000 },
    html,
    ranking: {
      highlightThreshold: positiveInt(inputs, "highlight-threshold", DEFAULTS.highlightThreshold, 10),
      minScore: positiveInt(inputs, "min-score", DEFAULTS.minScore, 10, 0),
    },
    llm: {
      baseUrl: value(inputs, "llm-base-url"),
      model: value(inputs, "llm-model"),
      apiKey: value(inputs, "llm-api-key"),
      concurrency: optionalInt(inputs, "llm-concurrency", 1, 64),
      requestsPerMinute: optionalInt(inputs, "llm-requests-per-minute", 0, 10_000),
      timeoutMs: positiveInt(inputs, "llm-timeout-seconds", 60, 600) * 1000,
      tokenBudget: optionalInt(inputs, "token-budget", 1, 100_000_000),
      promptFile: value(inputs, "prompt-file"),
    },
    githubToken: value(inputs, "github-token"),
    github: {
      baseBranch: branchName(value(inputs, "base-branch")),
      labels: splitList(value(inputs, "labels") ?? "arxiv-digest"),
      reviewers: logins(inputs, "reviewers"),
      assignees: logins(inputs, "assignees"),
      draft: oneOf(inputs, "draft", ["true", "false"], "false") === "true",
      writeIntervalMs: positiveInt(inputs, "github-write-interval-ms", 1000, 60_000, 0),
    },
  };
}

function htmlSettings(inputs: Inputs): Config["html"] {
  return {
    enabled: oneOf(inputs, "enrich-html", ["true", "false"], "false") === "true",
    baseUrl: urlInput(inputs, "html-base-url", DEFAULTS.htmlBaseUrl),
    maxPages: positiveInt(inputs, "max-html-pages", DEFAULTS.maxHtmlPages, 2000, 0),
  };
}

function urlInput(inputs: Inputs, name: string, fallback: string): string {
  const url = value(inputs, name) ?? fallback;
  try {
    new URL(url);
  } catch {
    throw new ConfigError(`input ${name}: "${url}" is not a URL; leave it empty for ${fallback}`);
  }
  return url;
}

export function value(inputs: Inputs, name: string): string | undefined {
  const raw = inputs[name]?.trim();
  return raw ? raw : undefined;
}

export function positiveInt(inputs: Inputs, name: string, fallback: number, max: number, min = 1): number {
  const raw = value(inputs, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`input ${name}: "${raw}" is not allowed; use a whole number from ${min} to ${max}`);
  }
  return Number(raw);
}

function optionalInt(inputs: Inputs, name: string, min: number, max: number): number | undefined {
  return value(inputs, name) === undefined ? undefined : positiveInt(inputs, name, min, max, min);
}

function oneOf<T extends string>(inputs: Inputs, name: string, allowed: T[], fallback: T): T {
  const raw = value(inputs, name);
  if (raw === undefined) return fallback;
  if (!(allowed as string[]).includes(raw)) {
    throw new ConfigError(`input ${name}: "${raw}" is not allowed; use one of ${allowed.join(", ")}`);
  }
  return raw as T;
}

function logins(inputs: Inputs, name: string): string[] {
  const list = splitList(value(inputs, name) ?? "");
  const bad = list.find((login) => !/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\/[A-Za-z0-9._-]+)?$/.test(login));
  if (bad)
    throw new ConfigError(
      `input ${name}: "${bad}" is not a GitHub login; use a comma list such as octocat,hubot`,
    );
  return list;
}

function branchName(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (!/^[A-Za-z0-9._/-]+$/.test(raw) || raw.includes("..") || raw.startsWith("/") || raw.endsWith("/")) {
    throw new ConfigError(`input base-branch: "${raw}" is not a branch name`);
  }
  return raw;
}

function digestDate(raw: string | undefined, today: Date): string {
  if (raw === undefined) return today.toISOString().slice(0, 10);
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  const date = match ? new Date(`${raw}T00:00:00Z`) : undefined;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== raw) {
    throw new ConfigError(`input date: "${raw}" is not a date; use YYYY-MM-DD, e.g. 2024-11-17`);
  }
  if (date.getTime() > today.getTime() + 86_400_000)
    throw new ConfigError(`input date: ${raw} is in the future`);
  return raw;
}

function digestsDir(raw: string): string {
  const dir = raw.replace(/^\.\/+/, "").replace(/\/+$/, "");
  if (
    !dir ||
    dir.startsWith("/") ||
    dir.split("/").some((part) => part === ".." || part === "." || part === "" || part === ".git")
  ) {
    throw new ConfigError(
      `input digests-dir: "${raw}" must be a folder inside the repository, such as "digests"`,
    );
  }
  if (!/^[A-Za-z0-9._\-/]+$/.test(dir)) {
    throw new ConfigError(`input digests-dir: "${raw}" may hold only letters, digits, ".", "_", "-" and "/"`);
  }
  return dir;
}

export function splitList(value: string): string[] {
  // Commas separate items, except inside double quotes (a phrase may hold a comma).
  return (value.match(/\s*"[^"]*"\s*|[^,]+/g) ?? []).map((item) => item.trim()).filter(Boolean);
}
