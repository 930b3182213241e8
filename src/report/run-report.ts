// What a run did, topic by topic: the job summary, the review body and the CLI print it.
import type { TopicConfig } from "../config/settings.js";
import type { DateWindow } from "../fetch/query.js";
import type { PublishResult } from "../publish/store.js";

/** The funnel of one topic, as the job summary shows it. */
export interface TopicReport {
  topic: TopicConfig;
  fetched: number;
  outsideWindow: number;
  alreadyPublished: number;
  filteredOut: number;
  elsewhere: number;
  /** New papers summarised for the digest. */
  selected: number;
  /** Papers the digest file lists (a digest kept as a person edited it lists its own). */
  listed: number;
  overflow: number;
  summarised: number;
  unavailable: number;
  file?: string;
  /** Titles of the papers in the digest (for the feed). */
  titles: string[];
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
