import { resolve } from "node:path";
import type { Log } from "../common/log.js";
import { type Config, ConfigError, type Inputs, value } from "../config/settings.js";
import type { PaperSource } from "../fetch/client.js";
import { LocalStore } from "../publish/local.js";
import type { RepositoryStore } from "../publish/store.js";
import type { RunReport } from "../report/run-report.js";
import { logText } from "../safe/log.js";
import { codeSpan } from "../safe/markdown.js";
import type { Summariser } from "../summarise/summariser.js";
import { checkParts, readParts } from "./merge.js";
import { type Part, partPath, type RecordedSearch, type RecordedSummary, serialisePart } from "./part.js";
import { recordingSource, recordingSummariser } from "./record.js";
import { replaySource, replaySummariser } from "./replay.js";
import { parseShard, type ShardSpec, shardName, topicsOfShard } from "./spec.js";

/** What the pipeline runs with: the whole config, one shard's share of it, or the shards' parts merged. */
export interface ScaledRun {
  config: Config;
  source: PaperSource;
  summariser: Summariser;
  store: RepositoryStore;
  /** After the pipeline: writes the shard's part, or adds the shards' warnings to the merged report. */
  finish(report: RunReport): Promise<void>;
}

interface Ports {
  source: PaperSource;
  summariser: Summariser;
  store: RepositoryStore;
}

interface ScaleEnv {
  workspace: string;
  log: Log;
}

/** The `shard` and `merge-parts` inputs: a matrix job runs shard K of N; a final job merges the parts. */
export async function scaleOut(
  inputs: Inputs,
  config: Config,
  ports: Ports,
  env: ScaleEnv,
): Promise<ScaledRun> {
  const shard = parseShard(value(inputs, "shard"));
  const folder = value(inputs, "merge-parts");
  if (shard && folder) {
    throw new ConfigError(
      "inputs shard and merge-parts: a job either runs one shard or merges the parts; set only one",
    );
  }
  if (shard) return runShard(shard, config, ports, env);
  if (folder) return mergeParts(resolve(env.workspace, folder), value(inputs, "date"), config, ports, env);
  return { config, ...ports, finish: async () => {} };
}

function runShard(shard: ShardSpec, config: Config, ports: Ports, env: ScaleEnv): ScaledRun {
  const topics = topicsOfShard(config.topics, shard);
  env.log.info(
    logText`${shardName(shard)}: ${topics.length} of ${config.topics.length} topic(s)${topics.length ? `: ${topics.map((topic) => topic.name).join(", ")}` : ", nothing to do"}`,
  );
  const searches: RecordedSearch[] = [];
  const summaries: RecordedSummary[] = [];
  return {
    config: { ...config, topics },
    source: recordingSource(ports.source, searches),
    summariser: recordingSummariser(ports.summariser, summaries),
    // A shard publishes nothing: the merge job renders and publishes every topic at once.
    store: { ...readOnly(ports.store), publish: async () => ({ changed: false, files: [] }) },
    async finish(report) {
      const part: Part = {
        format: "arxiv-digest-part",
        version: 1,
        shard,
        date: config.date,
        topics: topics.map((topic) => topic.slug),
        summarizer: report.summarizer,
        arxivRequests: report.arxivRequests,
        searches,
        summaries,
        warnings: report.warnings,
      };
      const path = partPath(shard);
      report.publish = await new LocalStore(env.workspace).publish({
        date: config.date,
        files: [{ path, content: serialisePart(part) }],
        title: `arXiv digest ${config.date}, ${shardName(shard)}`,
        body: "",
      });
      report.files = [path];
      addNote(
        report,
        `This is ${shardName(shard)}: its part is ${codeSpan(path)}; the job with \`merge-parts\` publishes.`,
      );
    },
  };
}

function readOnly(store: RepositoryStore): Omit<RepositoryStore, "publish"> {
  return {
    read: (path) => store.read(path),
    list: (dir) => store.list(dir),
    pending: (dir) => store.pending(dir),
  };
}

async function mergeParts(
  folder: string,
  date: string | undefined,
  config: Config,
  ports: Ports,
  env: ScaleEnv,
): Promise<ScaledRun> {
  const checked = checkParts(await readParts(folder), config.topics, date);
  const { parts } = checked;
  assertSameSummariser(parts, ports.summariser);
  env.log.info(logText`Merging ${parts.length} part(s) for ${checked.date}`);
  return {
    config: { ...config, date: checked.date },
    source: replaySource(parts),
    summariser: replaySummariser(parts, ports.summariser),
    store: ports.store,
    async finish(report) {
      report.warnings.push(...new Set(parts.flatMap((part) => part.warnings)));
      addNote(report, `Merged from ${parts.length} shard(s).`);
    },
  };
}

function assertSameSummariser(parts: Part[], summariser: Summariser): void {
  const describe = (kind: string, model?: string) => (model ? `${kind} (${model})` : kind);
  const here = describe(summariser.kind, summariser.model);
  for (const part of parts) {
    const there = describe(part.summarizer.kind, part.summarizer.model);
    if (there !== here) {
      throw new ConfigError(
        `input merge-parts: ${shardName(part.shard)} summarised with ${there}, this job with ${here}; give every job the same summarize and llm-* inputs`,
      );
    }
  }
}

function addNote(report: RunReport, note: string): void {
  report.notes = [...(report.notes ?? []), note];
}
