import type { Log } from "./common/log.js";
import { resolveTopics } from "./config/file.js";
import {
  type Config,
  ConfigError,
  DEFAULTS,
  type Inputs,
  resolveSettings,
  value,
} from "./config/settings.js";
import { createHtmlEnricher } from "./enrich/enricher.js";
import { ArxivClient } from "./fetch/client.js";
import { Pacer } from "./fetch/pacer.js";
import { runDigest } from "./pipeline.js";
import { createStore, type RunnerContext } from "./publish/create.js";
import type { RunReport } from "./report/run-report.js";
import { logText } from "./safe/log.js";
import { scaleOut } from "./shard/scale.js";
import { createSummariser } from "./summarise/setup.js";

export interface Environment extends RunnerContext {
  today: Date;
  log: Log;
}

export interface Run {
  config: Config;
  report: RunReport;
  /** GitHub API requests by kind, when publishing to GitHub. */
  requests?: Record<string, number>;
}

/** Inputs → config → ports → pipeline. Shared by the Action and the CLI. */
export async function runFromInputs(inputs: Inputs, env: Environment): Promise<Run> {
  const settings = resolveSettings(inputs, env.today);
  const { store, fileUrl, siteUrl, requestCounts } = createStore(settings, env, env.log);
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
  const { summariser, warnings, runWarnings } = await createSummariser(config, store, env.log);
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
  const scaled = await scaleOut(inputs, config, { source, summariser, store }, env);
  env.log.info(
    logText`arxiv-digest: ${scaled.config.topics.length} topic(s) for ${scaled.config.date}, mode ${config.mode}, summaries ${summariser.kind}`,
  );
  const enricher = config.html.enabled
    ? createHtmlEnricher({ baseUrl: config.html.baseUrl, pacer, maxPages: config.html.maxPages })
    : undefined;
  const report = await runDigest(scaled.config, { ...scaled, log: env.log, fileUrl, siteUrl, enricher });
  report.warnings.push(...warnings, ...runWarnings());
  await scaled.finish(report);
  return { config: scaled.config, report, requests: requestCounts?.() };
}
