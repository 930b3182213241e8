/** Every input the Action and the CLI take, by name. `action.yml` declares the same list (a test keeps them equal). */
export const INPUT_NAMES = [
  "config",
  "topic",
  "query",
  "categories",
  "keywords",
  "exclude",
  "language",
  "max-papers",
  "date",
  "mode",
  "digests-dir",
  "max-catch-up-days",
  "github-token",
  "summarize",
  "llm-base-url",
  "llm-model",
  "llm-api-key",
  "llm-concurrency",
  "llm-requests-per-minute",
  "llm-timeout-seconds",
  "token-budget",
  "prompt-file",
  "arxiv-api-url",
  "arxiv-interval-ms",
  "shard",
  "merge-parts",
] as const;

/** Inputs whose values are secrets: masked in the log before anything else is read. */
export const SECRET_INPUTS = ["github-token", "llm-api-key"] as const;
