import { z } from "zod";
import type { Paper, SummaryOutcome } from "../common/paper.js";
import type { SearchResult } from "../fetch/client.js";
import type { ShardSpec } from "./spec.js";

/** Folder of the workspace a shard writes its part into (not hidden: upload-artifact skips hidden files). */
export const PARTS_DIR = "arxiv-digest-parts";
export const PART_FILE = /^shard-(\d+)-of-(\d+)\.json$/;

export function partPath(shard: ShardSpec): string {
  return `${PARTS_DIR}/shard-${shard.index}-of-${shard.total}.json`;
}

export interface RecordedSearch {
  query: string;
  /** `stopBefore` of the search, ISO 8601; with the query it identifies the search. */
  from: string;
  result: SearchResult;
}

export interface RecordedSummary {
  topic: string;
  id: string;
  version: number;
  outcome: SummaryOutcome;
}

/**
 * What a shard hands to the merge job: not its rendered digests but what they are made from (the arXiv results and
 * the summaries), so the merge runs the very same selection and rendering over all topics at once.
 */
export interface Part {
  format: "arxiv-digest-part";
  version: 1;
  shard: ShardSpec;
  date: string;
  /** Slugs of the shard's topics, in config order. */
  topics: string[];
  summarizer: { kind: "llm" | "extractive"; model?: string };
  arxivRequests: number;
  searches: RecordedSearch[];
  summaries: RecordedSummary[];
  warnings: string[];
}

const record = <T>(key: string) =>
  z.custom<T>((value) => typeof value === "object" && value !== null && key in value, {
    message: `must be an object with ${key}`,
  });

export const partSchema = z.object({
  format: z.literal("arxiv-digest-part"),
  version: z.literal(1),
  shard: z.object({ index: z.number().int().min(1), total: z.number().int().min(1) }),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  topics: z.array(z.string()),
  summarizer: z.object({ kind: z.enum(["llm", "extractive"]), model: z.string().optional() }),
  arxivRequests: z.number().int().min(0),
  searches: z.array(
    z.object({
      query: z.string(),
      from: z.string(),
      result: z.object({
        papers: z.array(record<Paper>("id")),
        totalResults: z.number(),
        skipped: z.array(z.object({ id: z.string(), reason: z.string() })),
      }),
    }),
  ),
  summaries: z.array(
    z.object({
      topic: z.string(),
      id: z.string(),
      version: z.number(),
      outcome: record<SummaryOutcome>("ok"),
    }),
  ),
  warnings: z.array(z.string()),
}) satisfies z.ZodType<Part>;

export function serialisePart(part: Part): string {
  return `${JSON.stringify(part)}\n`;
}
