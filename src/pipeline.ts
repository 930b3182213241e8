import type { Log } from "./common/log.js";
import type { DigestEntry } from "./common/paper.js";
import type { Config, TopicConfig } from "./config/settings.js";
import { readFrontMatter } from "./digest/frontmatter.js";
import { digestPath } from "./digest/paths.js";
import type { PaperEnricher } from "./enrich/enricher.js";
import type { PaperSource } from "./fetch/client.js";
import { buildSearchQuery, type DateWindow } from "./fetch/query.js";
import { type Catalogue, updateCatalogue } from "./ledger/catalogue.js";
import { ledgerDir } from "./ledger/ledger.js";
import { type Index, includeInIndex, ingestMerged, openIndex } from "./ledger/reindex.js";
import type { PublishResult, RepositoryStore, StoreFile } from "./publish/store.js";
import { archiveFiles } from "./render/archive.js";
import { renderDigest } from "./render/digest.js";
import { reviewBody } from "./render/review-body.js";
import type { RunReport, TopicReport } from "./report/run-report.js";
import { logText } from "./safe/log.js";
import { isUnder } from "./safe/path.js";
import { type Fetched, planTopic, recordPublished, seenBefore, type TopicPlan } from "./select/plan.js";
import { windowFor } from "./select/select.js";
import { type Summariser, summariseSafely } from "./summarise/summariser.js";

export interface PipelineDeps {
  source: PaperSource;
  summariser: Summariser;
  store: RepositoryStore;
  log: Log;
  /** Where a published file can be read (links in the PR body); repository-relative paths when absent. */
  fileUrl?: (path: string) => string;
  /** Base URL of the repository's files on its base branch, for the feed's links. */
  siteUrl?: string;
  /** Optional: richer entries from arXiv's HTML pages (`enrich-html`). */
  enricher?: PaperEnricher;
}

export async function runDigest(config: Config, deps: PipelineDeps): Promise<RunReport> {
  const window = windowFor(config.date, config.maxCatchUpDays);
  const { state, plans, summarising } = await deps.log.group(
    logText`Fetch from arXiv and select new papers`,
    () => fetchAndSelect(config, deps, window),
  );
  const summaries = await deps.log.group(
    logText`Summarise ${plans.reduce((n, plan) => n + plan.fresh.length, 0)} papers`,
    () => Promise.all(summarising),
  );
  const { reports, files, tokens } = await deps.log.group(logText`Render digests`, async () =>
    renderAll(config, deps, window, plans, summaries, state),
  );
  const run: RunReport = {
    date: config.date,
    window,
    topics: reports,
    papers: reports.reduce((sum, report) => sum + report.selected, 0),
    files: files.map((file) => file.path),
    tokens,
    arxivRequests: deps.source.requestCount(),
    summarizer: { kind: deps.summariser.kind, model: deps.summariser.model },
    warnings: state.warnings,
  };
  run.publish = await publish(config, deps, state, run, files);
  return run;
}

/** What the repository already holds: the index, digests merged since the last run, and those under review. */
interface RepositoryState {
  index: Index;
  /** Pull-request mode: new digests go to review, and reach the index once merged. */
  reviewed: boolean;
  merged: number;
  pending: StoreFile[];
  warnings: string[];
}

async function readState(
  config: Config,
  deps: PipelineDeps,
  ids: string[],
  window: DateWindow,
): Promise<RepositoryState> {
  const index = await openIndex(deps.store, config.digestsDir, ids);
  if (index.rebuilt)
    deps.log.info(logText`The digests index was missing or damaged: rebuilt from the digests`);
  const reviewed = config.mode === "pull-request";
  const merged =
    reviewed && !index.rebuilt
      ? await ingestMerged(deps.store, config.digestsDir, index, monthsOf(window))
      : 0;
  if (merged) deps.log.info(logText`Recorded ${merged} digest(s) merged since the last run`);
  const pending = await deps.store.pending(config.digestsDir);
  index.ledger.addPending(pending, config.date);
  return { index, reviewed, merged, pending, warnings: catchUpWarnings(config, window, index.catalogue) };
}

function renderAll(
  config: Config,
  deps: PipelineDeps,
  window: DateWindow,
  plans: TopicPlan[],
  summaries: DigestEntry[][],
  state: RepositoryState,
): { reports: TopicReport[]; files: StoreFile[]; tokens: { prompt: number; completion: number } } {
  const reports: TopicReport[] = [];
  const files: StoreFile[] = [];
  const tokens = { prompt: 0, completion: 0 };
  for (const [position, plan] of plans.entries()) {
    const entries = summaries[position] as DigestEntry[];
    for (const entry of entries) {
      tokens.prompt += entry.outcome.usage?.prompt ?? 0;
      tokens.completion += entry.outcome.usage?.completion ?? 0;
    }
    const report = topicReport(plan, entries);
    const file = plan.kept?.file ?? render(config, deps, window, plan, entries);
    if (file) {
      files.push(file);
      report.file = file.path;
      deps.log.info(logText`${file.path}: ${entries.length} papers`);
      if (!state.reviewed) recordPublished(state.index.ledger, config.date, plan, entries);
    }
    reports.push(report);
  }
  return { reports, files, tokens };
}

/**
 * One change for the run: the digests and the index together, or (pull-request mode) the index of what was merged
 * straight to the base branch and the new digests to review. Nothing at all when nothing changed.
 */
async function publish(
  config: Config,
  deps: PipelineDeps,
  state: RepositoryState,
  run: RunReport,
  files: StoreFile[],
): Promise<PublishResult | undefined> {
  const { index, reviewed } = state;
  const indexChanged =
    state.merged > 0 ||
    (index.rebuilt && index.catalogue.digests.length > 0) ||
    (!reviewed && files.length > 0);
  const indexFiles = indexChanged
    ? [...index.ledger.files(), ...archiveUpdate(config, deps, index.catalogue, reviewed ? [] : run.topics)]
    : [];
  if (!files.length) {
    deps.log.info(
      logText`No new papers for ${config.date}: nothing to publish. ${noAnnouncementHint(config.date)}`,
    );
    if (!indexFiles.length) return undefined;
  }
  assertUnder(config.digestsDir, [...files, ...indexFiles]);
  return deps.log.group(logText`Publish`, () =>
    deps.store.publish({
      date: config.date,
      files: reviewed ? files : [...files, ...indexFiles],
      baseFiles: reviewed ? indexFiles : [],
      title: `arXiv digest ${config.date}`,
      body: reviewBody({
        date: config.date,
        topics: run.topics,
        summarizer: run.summarizer,
        tokens: run.tokens,
        fileUrl: deps.fileUrl ?? ((path) => path),
        ledgerDir: ledgerDir(config.digestsDir),
      }),
      issueBody:
        config.mode === "issue"
          ? files.map((file) => readFrontMatter(file.content).content.trim()).join("\n\n---\n\n")
          : undefined,
    }),
  );
}

/** `YYYY-MM` of every day of the window. */
function monthsOf(window: DateWindow): string[] {
  const months = new Set<string>();
  for (let time = window.from.getTime(); time < window.to.getTime(); time += 86_400_000) {
    months.add(new Date(time).toISOString().slice(0, 7));
  }
  return [...months];
}

/** The catalogue with this run's digests, and the archive pages regenerated from it. */
function archiveUpdate(
  config: Config,
  deps: PipelineDeps,
  catalogue: Catalogue,
  reports: TopicReport[],
): StoreFile[] {
  const entries = reports
    .filter((report) => report.file)
    .map((report) => ({
      date: config.date,
      topic: report.topic.slug,
      name: report.topic.name,
      papers: report.listed,
      path: report.file as string,
      titles: report.titles,
    }));
  return archiveFiles(updateCatalogue(catalogue, entries), {
    digestsDir: config.digestsDir,
    siteUrl: deps.siteUrl,
    now: new Date(`${config.date}T00:00:00Z`),
  });
}

/** arXiv announces Sunday to Thursday at 20:00 US Eastern, i.e. early Monday to Friday in UTC. */
function noAnnouncementHint(date: string): string {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6
    ? "arXiv makes no announcement on Friday and Saturday evenings (US Eastern): no digest today is normal."
    : "Either arXiv made no announcement (a holiday) or nothing new matched the topics.";
}

/**
 * Topics are fetched one after another (arXiv wants one request at a time, seconds apart). Each is selected as soon
 * as it arrives, in config order, and its papers are summarised while the next topic is fetched.
 */
async function fetchAndSelect(
  config: Config,
  deps: PipelineDeps,
  window: DateWindow,
): Promise<{ state: RepositoryState; plans: TopicPlan[]; summarising: Promise<DigestEntry[]>[] }> {
  let state: RepositoryState | undefined;
  const plans: TopicPlan[] = [];
  const summarising: Promise<DigestEntry[]>[] = [];
  const shownIn = new Map<string, TopicConfig>();
  for (const topic of config.topics) {
    const fetched = await fetchTopic(topic, window, deps);
    const ids = fetched.papers.map((paper) => paper.id);
    const known: RepositoryState = state ?? (await readState(config, deps, ids, window));
    state = known;
    const include = async (more: string[]) => {
      if (await includeInIndex(deps.store, config.digestsDir, known.index, more)) {
        known.index.ledger.addPending(known.pending, config.date);
      }
    };
    await include(ids);
    const { index, pending, warnings } = known;
    const plan = await planTopic(
      config,
      deps,
      { window, index, include, pending, warnings, shownIn },
      fetched,
    );
    plans.push(plan);
    summarising.push(summariseTopic(plan, deps));
  }
  return { state: state ?? (await readState(config, deps, [], window)), plans, summarising };
}

async function fetchTopic(topic: TopicConfig, window: DateWindow, deps: PipelineDeps): Promise<Fetched> {
  const result = await deps.source.search(buildSearchQuery(topic), window.from);
  deps.log.info(
    logText`${topic.name}: ${result.papers.length} papers from arXiv (${result.totalResults} match the query)`,
  );
  for (const skipped of result.skipped)
    deps.log.warning(logText`Skipped an unreadable arXiv entry ${skipped.id}: ${skipped.reason}`);
  return { topic, papers: result.papers };
}

function topicReport(plan: TopicPlan, entries: DigestEntry[]): TopicReport {
  const { selection } = plan;
  return {
    topic: plan.topic,
    fetched: plan.fetched,
    outsideWindow: selection.outsideWindow,
    alreadyPublished: seenBefore(plan),
    filteredOut: selection.filteredOut,
    elsewhere: plan.elsewhere.length,
    selected: entries.length,
    listed: plan.kept?.papers.length ?? entries.length,
    overflow: selection.overflow.length,
    summarised: entries.filter((entry) => entry.outcome.ok).length,
    unavailable: entries.filter((entry) => !entry.outcome.ok).length,
    titles: plan.kept?.titles ?? entries.map((entry) => entry.paper.title),
  };
}

function render(
  config: Config,
  deps: PipelineDeps,
  window: DateWindow,
  plan: TopicPlan,
  entries: DigestEntry[],
): StoreFile | undefined {
  if (!entries.length && !plan.updates.length) return undefined;
  return {
    path: digestPath(config.digestsDir, config.date, plan.topic.slug),
    content: renderDigest({
      topic: plan.topic,
      date: config.date,
      window,
      entries,
      overflow: plan.selection.overflow,
      elsewhere: plan.elsewhere,
      updates: plan.updates,
      summarizer: { kind: deps.summariser.kind, model: deps.summariser.model },
      ranking: config.ranking,
    }),
  };
}

/** A topic whose last digest is older than the catch-up window may have missed announcements: say so. */
function catchUpWarnings(config: Config, window: DateWindow, catalogue: Catalogue): string[] {
  const warnings: string[] = [];
  const start = window.from.toISOString().slice(0, 10);
  for (const topic of config.topics) {
    const last = catalogue.digests.find((entry) => entry.topic === topic.slug && entry.date < config.date);
    if (last && last.date < start) {
      warnings.push(
        `${topic.name}: the last digest is of ${last.date}, before this run's window (from ${start}). If runs were missed, rebuild the days between with the \`date\` input, or raise max-catch-up-days.`,
      );
    }
  }
  return warnings;
}

/** Every path a run writes stays inside the digests folder. */
function assertUnder(digestsDir: string, files: StoreFile[]): void {
  const outside = files.find((file) => !isUnder(digestsDir, file.path));
  if (outside) throw new Error(`refusing to write outside ${digestsDir}: ${JSON.stringify(outside.path)}`);
}

/**
 * A topic's papers (enriched from arXiv HTML first, when asked), all at once: the summariser bounds its own
 * concurrency. Never rejects: a paper whose summary fails gets an "unavailable" outcome instead.
 */
async function summariseTopic(plan: TopicPlan, deps: PipelineDeps): Promise<DigestEntry[]> {
  let papers = plan.fresh;
  try {
    papers = (await deps.enricher?.enrich(plan.fresh, deps.log)) ?? plan.fresh;
  } catch {
    deps.log.warning(
      logText`${plan.topic.name}: enrichment from arXiv HTML failed; the papers are published without it`,
    );
  }
  return Promise.all(
    papers.map(async (paper) => ({
      paper,
      outcome: await summariseSafely(deps.summariser, paper, plan.topic),
    })),
  );
}
