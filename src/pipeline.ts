import type { PaperSource } from "./arxiv/client.js";
import { buildSearchQuery, type DateWindow } from "./arxiv/query.js";
import type { Config, TopicConfig } from "./config.js";
import { Ledger } from "./digest/ledger.js";
import { digestPath } from "./digest/paths.js";
import { renderDigest } from "./digest/render.js";
import type { Log } from "./log.js";
import type { DigestEntry, Paper } from "./paper.js";
import { logText } from "./safe/log.js";
import { type Selection, selectPapers, windowFor } from "./select.js";
import type { PublishResult, RepositoryStore, StoreFile } from "./store/store.js";
import { type Summariser, summariseSafely } from "./summarise/summariser.js";

export interface PipelineDeps {
  source: PaperSource;
  summariser: Summariser;
  store: RepositoryStore;
  log: Log;
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
  /** Lines for the job summary about how this run was split (shard) or combined (merge). */
  notes?: string[];
}

interface Fetched {
  topic: TopicConfig;
  papers: Paper[];
}

/** One topic's papers after selection: `fresh` go into its digest, `elsewhere` were taken by an earlier topic. */
interface Chosen extends Fetched {
  selection: Selection;
  fresh: Paper[];
  elsewhere: Paper[];
}

export async function runDigest(config: Config, deps: PipelineDeps): Promise<RunReport> {
  const window = windowFor(config.date, config.maxCatchUpDays);
  const fetched = await deps.log.group(logText`Fetch from arXiv`, () => fetchAll(config, window, deps));
  const candidates = fetched.flatMap((item) => item.papers.map((paper) => paper.id));
  const ledger = await Ledger.load(deps.store, config.digestsDir, candidates);
  const shownIn = new Map<string, TopicConfig>();
  const chosen = await deps.log.group(logText`Select new papers`, async () =>
    fetched.map((item) => choose(item, config, window, ledger, shownIn, deps.log)),
  );
  const summarised: DigestEntry[][] = [];
  await deps.log.group(
    logText`Summarise ${chosen.reduce((sum, item) => sum + item.fresh.length, 0)} papers`,
    async () => {
      for (const item of chosen) summarised.push(await summariseAll(item.fresh, item.topic, deps));
    },
  );

  const reports: TopicReport[] = [];
  const files: StoreFile[] = [];
  const tokens = { prompt: 0, completion: 0 };
  await deps.log.group(logText`Render digests`, async () => {
    chosen.forEach(({ topic, papers, selection, fresh, elsewhere }, index) => {
      const entries = summarised[index] as DigestEntry[];
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
        });
        files.push({ path, content });
        report.file = path;
        deps.log.info(logText`${path}: ${entries.length} papers`);
      }
      reports.push(report);
    });
  });

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

/** Selects a topic's papers and records them in the ledger at once, so a later topic does not take them again. */
function choose(
  { topic, papers }: Fetched,
  config: Config,
  window: DateWindow,
  ledger: Ledger,
  shownIn: Map<string, TopicConfig>,
  log: Log,
): Chosen {
  const selection = selectPapers(papers, topic, window, (paper) =>
    ledger.isPublished(paper.id, config.date, topic.slug),
  );
  const elsewhere = selection.selected.filter((paper) => shownIn.has(paper.id));
  const fresh = selection.selected.filter((paper) => !shownIn.has(paper.id));
  for (const paper of fresh) {
    shownIn.set(paper.id, topic);
    ledger.record(paper.id, { version: paper.version, topic: topic.slug, date: config.date });
  }
  log.info(
    logText`${topic.name}: ${fresh.length} new of ${papers.length} fetched (${selection.alreadyPublished} seen before, ${selection.outsideWindow} outside the window, ${selection.filteredOut} filtered out, ${selection.overflow.length} over the limit)`,
  );
  return { topic, papers, selection, fresh, elsewhere };
}

async function summariseAll(papers: Paper[], topic: TopicConfig, deps: PipelineDeps): Promise<DigestEntry[]> {
  return Promise.all(
    papers.map(async (paper) => ({ paper, outcome: await summariseSafely(deps.summariser, paper, topic) })),
  );
}
