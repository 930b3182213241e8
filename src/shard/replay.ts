import type { SummaryOutcome } from "../common/paper.js";
import { ConfigError } from "../config/settings.js";
import type { PaperSource, SearchResult } from "../fetch/client.js";
import type { Summariser } from "../summarise/summariser.js";
import type { Part } from "./part.js";

const searchKey = (query: string, from: string) => `${query}\n${from}`;
const summaryKey = (topic: string, id: string, version: number) => `${topic}\n${id}\n${version}`;

/** The shards' arXiv results, answered again to the merge job's pipeline without a request to arXiv. */
export function replaySource(parts: Part[]): PaperSource {
  const results = new Map<string, SearchResult>();
  for (const part of parts)
    for (const search of part.searches) results.set(searchKey(search.query, search.from), search.result);
  const requests = parts.reduce((sum, part) => sum + part.arxivRequests, 0);
  return {
    requestCount: () => requests,
    async search(query, stopBefore) {
      const result = results.get(searchKey(query, stopBefore?.toISOString() ?? ""));
      if (!result) {
        throw new ConfigError(
          `input merge-parts: no shard searched arXiv for ${JSON.stringify(query)} from ${stopBefore?.toISOString().slice(0, 10)}; give the shard and merge jobs the same config and inputs`,
        );
      }
      return result;
    },
  };
}

/**
 * The shards' summaries. A paper no shard summarised (a topic's cap reaching further once an earlier topic in
 * another shard took some of its papers, or a summary that threw) is summarised here by `fallback`.
 */
export function replaySummariser(parts: Part[], fallback: Summariser): Summariser {
  const outcomes = new Map<string, SummaryOutcome>();
  for (const part of parts)
    for (const item of part.summaries)
      outcomes.set(summaryKey(item.topic, item.id, item.version), item.outcome);
  return {
    kind: fallback.kind,
    model: fallback.model,
    summarise: async (paper, topic) =>
      outcomes.get(summaryKey(topic.slug, paper.id, paper.version)) ?? fallback.summarise(paper, topic),
  };
}
