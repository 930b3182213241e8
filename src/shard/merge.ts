import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { ConfigError, type TopicConfig } from "../config/settings.js";
import { PART_FILE, type Part, partSchema } from "./part.js";
import { shardName, topicsOfShard } from "./spec.js";

interface FoundPart {
  file: string;
  part: Part;
}

const fail = (message: string): never => {
  throw new ConfigError(`input merge-parts: ${message}`);
};

/** Every `shard-K-of-N.json` under `folder`, at any depth (download-artifact puts each artifact in a subfolder). */
export async function readParts(folder: string): Promise<FoundPart[]> {
  let names: string[];
  try {
    names = (await readdir(folder, { recursive: true })).map(String).sort();
  } catch {
    return fail(`${folder} is not a folder; download the shard jobs' artifacts into it`);
  }
  const files = names.filter((name) => PART_FILE.test(name.split(/[\\/]/).pop() ?? ""));
  if (!files.length) fail(`no shard-K-of-N.json under ${folder}; download the shard jobs' artifacts into it`);
  return Promise.all(files.map((name) => readPart(join(folder, name), relative(folder, join(folder, name)))));
}

async function readPart(path: string, file: string): Promise<FoundPart> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    fail(`${file} is not JSON (${(error as Error).message.split("\n")[0]})`);
  }
  const result = partSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    return fail(`${file} is not an arxiv-digest part (${issue?.path.join(".")}: ${issue?.message})`);
  }
  return { file, part: result.data };
}

/**
 * The parts must be one matrix run: shards 1..N once each, one date, and each shard's topics exactly those the
 * config gives it. Returns the parts in shard order and their date.
 */
export function checkParts(
  found: FoundPart[],
  topics: TopicConfig[],
  date?: string,
): { parts: Part[]; date: string } {
  const total = (found[0] as FoundPart).part.shard.total;
  const byIndex = new Map<number, FoundPart>();
  for (const item of found) {
    const { shard } = item.part;
    if (shard.total !== total)
      fail(`${item.file} is ${shardName(shard)}, but ${found[0]?.file} is of ${total}`);
    const twice = byIndex.get(shard.index);
    if (twice) fail(`${shardName(shard)} is there twice (${twice.file} and ${item.file})`);
    byIndex.set(shard.index, item);
  }
  const missing = Array.from({ length: total }, (_, i) => i + 1).filter((index) => !byIndex.has(index));
  if (missing.length) fail(`shard ${missing.join(", ")} of ${total} missing; did every shard job finish?`);
  const parts = [...byIndex.keys()]
    .sort((a, b) => a - b)
    .map((index) => (byIndex.get(index) as FoundPart).part);
  for (const part of parts) checkTopics(part, topicsOfShard(topics, part.shard));
  return { parts, date: commonDate(parts, date) };
}

function checkTopics(part: Part, expected: TopicConfig[]): void {
  const want = expected.map((topic) => topic.slug).join(", ");
  if (part.topics.join(", ") !== want) {
    fail(
      `${shardName(part.shard)} ran the topics [${part.topics.join(", ")}] but the config gives it [${want}]; the shard and merge jobs must read the same config`,
    );
  }
}

function commonDate(parts: Part[], date: string | undefined): string {
  const dates = [...new Set(parts.map((part) => part.date))];
  if (dates.length > 1)
    fail(
      `the shards made digests for different dates (${dates.join(", ")}); set the date input on every job`,
    );
  const partsDate = dates[0] as string;
  if (date && date !== partsDate)
    fail(`the shards made digests for ${partsDate}, but the date input is ${date}`);
  return partsDate;
}
