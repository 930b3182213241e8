import { ArxivClient } from "./arxiv/client.js";
import { Pacer } from "./arxiv/pacer.js";
import {
  type Config,
  ConfigError,
  DEFAULTS,
  type Inputs,
  resolveSettings,
  resolveTopics,
  value,
} from "./config.js";
import { createHtmlEnricher } from "./enrich/html.js";
import type { Log } from "./log.js";
import { type RunReport, runDigest } from "./pipeline.js";
import { logText } from "./safe/log.js";
import { LocalStore } from "./store/local.js";
import type { RepositoryStore } from "./store/store.js";
import { createSummariser, llmWarnings } from "./summarise/setup.js";

export interface Environment {
  /** Where `mode: files` writes (the Action's workspace, or the CLI's current directory). */
  workspace: string;
  today: Date;
  log: Log;
}

export interface Run {
  config: Config;
  report: RunReport;
  warnings: string[];
  store: RepositoryStore;
}

/** Inputs → config → ports → pipeline. Shared by the Action and the CLI. */
export async function runFromInputs(inputs: Inputs, env: Environment): Promise<Run> {
  const settings = resolveSettings(inputs, env.today);
  const store = createStore(settings, env);
  const configPath = value(inputs, "config") ?? DEFAULTS.config;
  const configText = await store.read(configPath);
  if (configText === undefined && value(inputs, "config") && value(inputs, "config") !== DEFAULTS.config) {
    throw new ConfigError(
      `input config: ${configPath} does not exist in the repository; create it or leave the input empty`,
    );
  }
  const config: Config = {
    ...settings,
    topics: resolveTopics(inputs, { path: configPath, text: configText }),
  };
  const { summariser, llm, warnings } = await createSummariser(config, store, env.log);
  // One pacer for every arxiv.org request: API pages and HTML pages keep the interval together.
  const pacer = new Pacer(config.arxiv.intervalMs);
  const source = new ArxivClient({
    pacer,
    apiUrl: config.arxiv.apiUrl,
    intervalMs: config.arxiv.intervalMs,
    pageSize: config.arxiv.pageSize,
    maxResults: config.arxiv.maxResults,
    retries: 3,
    log: env.log,
  });
  env.log.info(
    logText`arxiv-digest: ${config.topics.length} topic(s) for ${config.date}, mode ${config.mode}, summaries ${summariser.kind}`,
  );
  const enricher = config.html.enabled
    ? createHtmlEnricher({ baseUrl: config.html.baseUrl, pacer, maxPages: config.html.maxPages })
    : undefined;
  const report = await runDigest(config, { source, summariser, store, log: env.log, enricher });
  report.warnings.push(
    ...warnings,
    ...llmWarnings(llm, !config.llm.baseUrl || config.llm.baseUrl.includes("models.github.ai")),
  );
  return { config, report, warnings, store };
}

function createStore(settings: Omit<Config, "topics">, env: Environment): RepositoryStore {
  if (settings.mode === "files") return new LocalStore(env.workspace);
  throw new ConfigError(`input mode: "${settings.mode}" is not available yet; use mode: files`);
}
