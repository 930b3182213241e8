// The three local services of one measured run, as the tests use them, all on 127.0.0.1.
import { startArxivServer } from "../../test/support/arxiv-server.js";
import { feedOf, syntheticEntries } from "../../test/support/feeds.js";
import { type GitHubServer, startGitHubServer } from "../../test/support/github-server.js";
import { type LlmServer, startLlmServer } from "../../test/support/llm-server.js";

export const BENCH_TOKEN = "ghs_benchTOKEN0000000000000000000";
export const BENCH_DATE = "2024-11-17";

export interface BenchServers {
  arxiv: Awaited<ReturnType<typeof startArxivServer>>;
  llm: LlmServer;
  github: GitHubServer;
  close(): Promise<void>;
}

export interface ServerSettings {
  /** Papers of each topic; topic `k` is queried as `abs:"bench-topic-k"`. */
  perTopic: number[];
  latencyMs: number;
  jitterMs: number;
  arxivLatencyMs: number;
}

export function topicsFile(perTopic: number[]): string {
  const topics = perTopic.map(
    (count, k) => `  - name: Bench topic ${k}\n    query: abs:"bench-topic-${k}"\n    max-papers: ${count}\n`,
  );
  return `topics:\n${topics.join("")}`;
}

/** Pages of each topic's papers, honouring `start` and `max_results` as arXiv does; ids never repeat across topics. */
function pagedFeeds(perTopic: number[]) {
  const entries = perTopic.map((count, k) =>
    syntheticEntries(
      count,
      undefined,
      perTopic.slice(0, k).reduce((sum, n) => sum + n, 0),
    ),
  );
  return (params: URLSearchParams) => {
    const topic = Number(/bench-topic-(\d+)/.exec(params.get("search_query") ?? "")?.[1] ?? -1);
    const all = entries[topic] ?? [];
    const start = Number(params.get("start") ?? 0);
    const size = Number(params.get("max_results") ?? 10);
    return { body: feedOf(all.slice(start, start + size), all.length) };
  };
}

export async function startServers(settings: ServerSettings): Promise<BenchServers> {
  const arxiv = await startArxivServer(pagedFeeds(settings.perTopic), { latencyMs: settings.arxivLatencyMs });
  const llm = await startLlmServer({ latencyMs: settings.latencyMs, jitterMs: settings.jitterMs });
  const github = await startGitHubServer({ token: BENCH_TOKEN });
  await github.seed({ "README.md": "# Papers\n", ".github/arxiv-digest.yml": topicsFile(settings.perTopic) });
  return {
    arxiv,
    llm,
    github,
    close: async () => {
      await Promise.all([arxiv.close(), llm.close(), github.close()]);
    },
  };
}
