import type { Log } from "../common/log.js";
import type { Config } from "../config/settings.js";
import { ConfigError } from "../config/settings.js";
import type { RepositoryStore } from "../publish/store.js";
import { logText } from "../safe/log.js";
import { createLlmSummariser, type LlmSummariser } from "./llm.js";
import { PromptTemplateError, parsePromptTemplate } from "./prompt.js";
import { resolveLlmSettings } from "./settings.js";
import { extractiveSummariser, type Summariser } from "./summariser.js";

/** Provider-sized defaults: GitHub Models' free tier allows ~10–15 requests a minute and 2–5 at once. */
const GITHUB_MODELS_LIMITS = { concurrency: 2, requestsPerMinute: 10 };
const CUSTOM_LIMITS = { concurrency: 8, requestsPerMinute: 0 };

export interface SummariserSetup {
  summariser: Summariser;
  /** Warnings for the log and the job summary. */
  warnings: string[];
  /** After the run: what the model's failures mean for the reader. */
  runWarnings(): string[];
}

/** The summariser the inputs ask for: a model when one is available, else the extractive one (said aloud). */
export async function createSummariser(
  config: Config,
  store: RepositoryStore,
  log: Log,
): Promise<SummariserSetup> {
  const setup = await chooseSummariser(config, store, log);
  if (setup.summariser.kind === "extractive" && config.topics.some((topic) => topic.interests)) {
    log.info(
      logText`Interests are set, but relevance scores need a language model: no paper is scored or reordered.`,
    );
  }
  return setup;
}

async function chooseSummariser(config: Config, store: RepositoryStore, log: Log): Promise<SummariserSetup> {
  if (config.summarize === "extractive") return extractiveSetup([]);
  let settings: ReturnType<typeof resolveLlmSettings>;
  try {
    settings = resolveLlmSettings({
      llmBaseUrl: config.llm.baseUrl,
      llmModel: config.llm.model,
      llmApiKey: config.llm.apiKey,
      githubToken: config.githubToken,
    });
  } catch (error) {
    throw new ConfigError(`input ${(error as Error).message}`);
  }
  if (!settings) {
    if (config.summarize === "llm") {
      throw new ConfigError(
        "input summarize: llm needs a model: set llm-base-url and llm-api-key, or pass a github-token with `permissions: models: read` for GitHub Models",
      );
    }
    const message =
      "No language model available: summaries are extractive (sentences picked from each abstract).";
    log.warning(logText`${message}`);
    return extractiveSetup([message]);
  }
  const limits = settings.provider === "github-models" ? GITHUB_MODELS_LIMITS : CUSTOM_LIMITS;
  const llm = createLlmSummariser({
    baseURL: settings.baseURL,
    apiKey: settings.apiKey,
    model: settings.model,
    concurrency: config.llm.concurrency ?? limits.concurrency,
    requestsPerMinute: config.llm.requestsPerMinute ?? limits.requestsPerMinute,
    timeoutMs: config.llm.timeoutMs,
    maxTokensPerRun: config.llm.tokenBudget,
    promptTemplate: await promptTemplate(config, store),
    log,
  });
  return {
    warnings: [],
    runWarnings: () => llmWarnings(llm, settings.provider === "github-models"),
    summariser: {
      kind: "llm",
      model: settings.model,
      summarise: (paper, topic) => llm.summarise(paper, topic.language, topic.interests),
    },
  };
}

function extractiveSetup(warnings: string[]): SummariserSetup {
  return { summariser: extractiveSummariser, warnings, runWarnings: () => [] };
}

async function promptTemplate(config: Config, store: RepositoryStore): Promise<string | undefined> {
  const path = config.llm.promptFile;
  if (!path) return undefined;
  const text = await store.read(path);
  if (text === undefined)
    throw new ConfigError(`input prompt-file: ${path} does not exist in the repository`);
  try {
    parsePromptTemplate(text);
  } catch (error) {
    if (error instanceof PromptTemplateError)
      throw new ConfigError(`input prompt-file: ${path}: ${error.message}`);
    throw error;
  }
  return text;
}

/** What the model's failures mean for the reader, in words they can act on. */
function llmWarnings(llm: LlmSummariser, githubModels: boolean): string[] {
  const { failures, quotaExhausted } = llm.stats();
  const warnings: string[] = [];
  const total = Object.values(failures).reduce((sum, count) => sum + count, 0);
  if (quotaExhausted)
    warnings.push(`The model's quota is exhausted: ${total} paper(s) were published without a summary.`);
  if (Object.keys(failures).some((reason) => /HTTP 40[13]/.test(reason))) {
    warnings.push(
      githubModels
        ? "GitHub Models refused the token: add `permissions: models: read` to the workflow."
        : "The model endpoint refused the key: check llm-api-key.",
    );
  }
  for (const [reason, count] of Object.entries(failures))
    warnings.push(`Summary unavailable for ${count} paper(s): ${reason}.`);
  return warnings;
}
