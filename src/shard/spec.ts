import { ConfigError, type TopicConfig } from "../config/settings.js";

/** One job of a matrix: shard `index` (1-based) of `total`. */
export interface ShardSpec {
  index: number;
  total: number;
}

const MAX_SHARDS = 256;

/** The `shard` input, `K/N` (e.g. `2/8`); undefined when empty. */
export function parseShard(raw: string | undefined): ShardSpec | undefined {
  if (raw === undefined) return undefined;
  const match = /^(\d+)\s*\/\s*(\d+)$/.exec(raw);
  const index = Number(match?.[1]);
  const total = Number(match?.[2]);
  if (!match || index < 1 || total > MAX_SHARDS || index > total) {
    throw new ConfigError(
      `input shard: "${raw}" is not allowed; use K/N with 1 ≤ K ≤ N ≤ ${MAX_SHARDS}, e.g. \${{ matrix.shard }}/4 for a matrix of shard: [1, 2, 3, 4]`,
    );
  }
  return { index, total };
}

/** Round-robin by topic order, so each shard's share is stable while the config does not change. */
export function topicsOfShard(topics: TopicConfig[], shard: ShardSpec): TopicConfig[] {
  return topics.filter((_topic, position) => position % shard.total === shard.index - 1);
}

export function shardName(shard: ShardSpec): string {
  return `shard ${shard.index} of ${shard.total}`;
}
