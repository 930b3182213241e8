import type { PaperSource } from "../fetch/client.js";
import type { Summariser } from "../summarise/summariser.js";
import type { RecordedSearch, RecordedSummary } from "./part.js";

/** An arXiv source that keeps every result it hands out, for the shard's part. */
export function recordingSource(source: PaperSource, searches: RecordedSearch[]): PaperSource {
  return {
    requestCount: () => source.requestCount(),
    async search(query, stopBefore) {
      const result = await source.search(query, stopBefore);
      searches.push({ query, from: stopBefore?.toISOString() ?? "", result });
      return result;
    },
  };
}

/** A summariser that keeps every summary it returns (a throw is not kept: the merge job tries that paper again). */
export function recordingSummariser(summariser: Summariser, summaries: RecordedSummary[]): Summariser {
  return {
    kind: summariser.kind,
    model: summariser.model,
    async summarise(paper, topic) {
      const outcome = await summariser.summarise(paper, topic);
      summaries.push({ topic: topic.slug, id: paper.id, version: paper.version, outcome });
      return outcome;
    },
  };
}
