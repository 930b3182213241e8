// Selection for every topic at once, before any paper is summarised: new papers, papers an earlier topic took,
// new versions, and digests a person edited (kept as they are).

import type { Log } from "../common/log.js";
import type { DigestEntry, Paper } from "../common/paper.js";
import type { Config, TopicConfig } from "../config/settings.js";
import { frontMatterPapers, isEditedByHand, readFrontMatter } from "../digest/frontmatter.js";
import { digestPath } from "../digest/paths.js";
import type { DateWindow } from "../fetch/query.js";
import type { Ledger, LedgerEntry } from "../ledger/ledger.js";
import type { Index } from "../ledger/reindex.js";
import type { RepositoryStore, StoreFile } from "../publish/store.js";
import { logText } from "../safe/log.js";
import { type Selection, selectPapers } from "./select.js";

/** One topic's papers as arXiv listed them. */
export interface Fetched {
  topic: TopicConfig;
  papers: Paper[];
}

/** What one topic will publish: decided for every topic before any paper is summarised. */
export interface TopicPlan {
  topic: TopicConfig;
  fetched: number;
  selection: Selection;
  /** Papers already shown under an earlier topic in this run. */
  taken: number;
  /** Papers to summarise (not shown under an earlier topic this run). */
  fresh: Paper[];
  elsewhere: { paper: Paper; topic: TopicConfig }[];
  updates: { paper: Paper; previous: LedgerEntry }[];
  /** A digest of this date edited by a person: published as it is, never overwritten, with what it lists. */
  kept?: { file: StoreFile; papers: string[]; titles: string[] };
}

export interface PlanContext {
  window: DateWindow;
  /** The open index (its ledger may be replaced when a damaged shard makes `include` rebuild it). */
  index: Index;
  /** Reads the ledger shards of more papers, rebuilding a damaged index. */
  include(ids: string[]): Promise<void>;
  pending: StoreFile[];
  warnings: string[];
  /** Papers shown by the topics planned so far in this run, and under which topic. */
  shownIn: Map<string, TopicConfig>;
}

/** One topic's plan; topics are planned in config order, so an earlier topic keeps a paper two topics match. */
export async function planTopic(
  config: Config,
  deps: { store: RepositoryStore; log: Log },
  context: PlanContext,
  { topic, papers }: Fetched,
): Promise<TopicPlan> {
  const { shownIn } = context;
  const { ledger } = context.index;
  const isUpdate = (paper: Paper) => {
    const previous = ledger.previous(paper.id);
    return (
      config.includeUpdates && !!previous && previous.version < paper.version && previous.date !== config.date
    );
  };
  const isPublished = (paper: Paper) => ledger.isPublished(paper.id, config.date, topic.slug);
  // Papers an earlier topic shows are listed by title here, and do not count against this topic's limit.
  const taken = papers.filter((paper) => shownIn.has(paper.id));
  const selection = selectPapers(
    papers.filter((paper) => !shownIn.has(paper.id)),
    topic,
    context.window,
    isPublished,
    isUpdate,
  );
  const plan: TopicPlan = {
    topic,
    fetched: papers.length,
    taken: taken.length,
    selection,
    fresh: selection.selected,
    elsewhere: selectPapers(
      taken,
      { ...topic, maxPapers: taken.length },
      context.window,
      isPublished,
    ).selected.map((paper) => ({ paper, topic: shownIn.get(paper.id) as TopicConfig })),
    updates: selection.updates.map((paper) => ({
      paper,
      previous: ledger.previous(paper.id) as LedgerEntry,
    })),
  };
  const kept = await editedDigest(config, deps, context.pending, topic);
  if (kept) {
    const { data } = readFrontMatter(kept.content);
    plan.kept = {
      file: kept,
      papers: frontMatterPapers(data),
      titles: Array.isArray(data.titles) ? data.titles.map(String) : [],
    };
    plan.fresh = [];
    await context.include(plan.kept.papers);
    context.warnings.push(
      `${kept.path} was edited by a person since it was made: kept as it is, not regenerated. Delete it and re-run to regenerate it.`,
    );
    deps.log.warning(logText`${kept.path} was edited by hand: kept as it is`);
  }
  for (const paper of plan.fresh) shownIn.set(paper.id, topic);
  for (const id of plan.kept?.papers ?? []) shownIn.set(id, topic);
  deps.log.info(
    logText`${topic.name}: ${plan.fresh.length} new of ${papers.length} fetched (${seenBefore(plan)} seen before, ${selection.outsideWindow} outside the window, ${selection.filteredOut} filtered out, ${selection.overflow.length} over the limit)`,
  );
  return plan;
}

/** This date's digest of the topic as it stands in an open pull request or on the base branch, if edited by hand. */
async function editedDigest(
  config: Config,
  deps: { store: RepositoryStore },
  pending: StoreFile[],
  topic: TopicConfig,
): Promise<StoreFile | undefined> {
  const path = digestPath(config.digestsDir, config.date, topic.slug);
  const content = pending.find((file) => file.path === path)?.content ?? (await deps.store.read(path));
  return content !== undefined && isEditedByHand(content) ? { path, content } : undefined;
}

/** Published before, awaiting review, or shown under an earlier topic in this run. */
export function seenBefore(plan: TopicPlan): number {
  return plan.selection.alreadyPublished + plan.taken;
}

/** The papers a digest of this run holds, recorded in the index (a kept digest: the papers its front matter lists). */
export function recordPublished(ledger: Ledger, date: string, plan: TopicPlan, entries: DigestEntry[]): void {
  if (plan.kept) {
    for (const id of plan.kept.papers) {
      ledger.record(id, { version: ledger.previous(id)?.version ?? 1, topic: plan.topic.slug, date });
    }
    return;
  }
  for (const { paper } of [...entries, ...plan.updates]) {
    ledger.record(paper.id, { version: paper.version, topic: plan.topic.slug, date });
  }
}
