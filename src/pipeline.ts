import type { PaperSource } from "./arxiv/client.js";
import { buildSearchQuery, type DateWindow } from "./arxiv/query.js";
import type { Config, TopicConfig } from "./config.js";
import { Ledger } from "./digest/ledger.js";
import { digestPath } from "./digest/paths.js";
import { renderDigest } from "./digest/render.js";
import type { PaperEnricher } from "./enrich/html.js";
import type { Log } from "./log.js";
import type { DigestEntry, Paper } from "./paper.js";
import { logText } from "./safe/log.js";
import { selectPapers, windowFor } from "./select.js";
import type { PublishResult, RepositoryStore, StoreFile } from "./store/store.js";
import { type Summariser, summariseSafely } from "./summarise/summariser.js";

export interface PipelineDeps {
  source: PaperSource;
  summariser: Summariser;
  store: RepositoryStore;
  log: Log;
  /** Optional: richer entries from arXiv's HTML pages (`enrich-html`). */
  enricher?: PaperEnricher;
}

/** The funnel of one topic, as the job summary shows it. */
export interface TopicReport {
  topic: TopicConfig;
  fetched: number;
  outsideWindow: number;
  alreadyPublished: number;
  filteredOut: number;
  elsewhere: number;
  selected: number;
  overflow: number;
  summarised: number;
  unavailable: number;
  file?: string;
}

export interface RunReport {
  date: string;
  window: DateWindow;
  topics: TopicReport[];
  /** New papers in this run's digests. */
  papers: number;
  files: string[];
  publish?: PublishResult;
  tokens: { prompt: number; completion: number };
  arxivRequests: number;
  summarizer: { kind: "llm" | "extractive"; model?: string };
  warnings: string[];
}

interface Fetched {
  topic: TopicConfig;
  papers: Paper[];
}

export async function runDigest(config: Config, deps: PipelineDeps): Promise<RunReport> {
  const window = windowFor(config.date, config.maxCatchUpDays);
  const fetched = await deps.log.group(logText`Fetch from arXiv`, () => fetchAll(config, window, deps));
  const candidates = fetched.flatMap((item) => item.papers.map((paper) => paper.id));
  const ledger = await Ledger.load(deps.store, config.digestsDir, candidates);

  const reports: TopicReport[] = [];
  const files: StoreFile[] = [];
  const shownIn = new Map<string, TopicConfig>();
  const tokens = { prompt: 0, completion: 0 };
  for (const { topic, papers } of fetched) {
    const selection = selectPapers(papers, topic, window, (paper) =>
      ledger.isPublished(paper.id, config.date, topic.slug),
    );
    const elsewhere = selection.selected.filter((paper) => shownIn.has(paper.id));
    const fresh = selection.selected.filter((paper) => !shownIn.has(paper.id));
    for (const paper of fresh) shownIn.set(paper.id, topic);
    const entries = await deps.log.group(logText`Summarise ${topic.name}: ${fresh.length} papers`, async () =>
      summariseAll((await deps.enricher?.enrich(fresh, deps.log)) ?? fresh, topic, deps),
    );
    const report: TopicReport = {
      topic,
      fetched: papers.length,
      outsideWindow: selection.outsideWindow,
      alreadyPublished: selection.alreadyPublished,
      filteredOut: selection.filteredOut,
      elsewhere: elsewhere.length,
      selected: fresh.length,
      overflow: selection.overflow.length,
      summarised: entries.filter((entry) => entry.outcome.ok).length,
      unavailable: entries.filter((entry) => !entry.outcome.ok).length,
    };
    for (const entry of entries) {
      tokens.prompt += entry.outcome.usage?.prompt ?? 0;
      tokens.completion += entry.outcome.usage?.completion ?? 0;
    }
    if (entries.length) {
      const path = digestPath(config.digestsDir, config.date, topic.slug);
      const content = renderDigest({
        topic,
        date: config.date,
        window,
        entries,
        overflow: selection.overflow,
        elsewhere: elsewhere.map((paper) => ({ paper, topic: shownIn.get(paper.id) as TopicConfig })),
        summarizer: { kind: deps.summariser.kind, model: deps.summariser.model },
        ranking: config.ranking,
      });
      files.push({ path, content });
      report.file = path;
      for (const { paper } of entries) {
        ledger.record(paper.id, { version: paper.version, topic: topic.slug, date: config.date });
      }
    }
    reports.push(report);
  }

  const run: RunReport = {
    date: config.date,
    window,
    topics: reports,
    papers: reports.reduce((sum, report) => sum + report.selected, 0),
    files: files.map((file) => file.path),
    tokens,
    arxivRequests: deps.source.requestCount(),
    summarizer: { kind: deps.summariser.kind, model: deps.summariser.model },
    warnings: [],
  };
  if (!files.length) {
    deps.log.info(
      logText`No new papers for ${config.date}: nothing to publish (arXiv announces Sunday to Thursday; on other days this is normal).`,
    );
    return run;
  }
  run.publish = await deps.log.group(logText`Publish`, () =>
    deps.store.publish({
      date: config.date,
      files: [...files, ...ledger.files()],
      title: `arXiv digest ${config.date}`,
      body: "",
    }),
  );
  return run;
}

async function fetchAll(config: Config, window: DateWindow, deps: PipelineDeps): Promise<Fetched[]> {
  const out: Fetched[] = [];
  for (const topic of config.topics) {
    const query = buildSearchQuery(topic);
    const result = await deps.source.search(query, window.from);
    deps.log.info(
      logText`${topic.name}: ${result.papers.length} papers from arXiv (${result.totalResults} match the query)`,
    );
    for (const skipped of result.skipped)
      deps.log.warning(logText`Skipped an unreadable arXiv entry ${skipped.id}: ${skipped.reason}`);
    out.push({ topic, papers: result.papers });
  }
  return out;
}

async function summariseAll(papers: Paper[], topic: TopicConfig, deps: PipelineDeps): Promise<DigestEntry[]> {
  return Promise.all(
    papers.map(async (paper) => ({ paper, outcome: await summariseSafely(deps.summariser, paper, topic) })),
  );
}
