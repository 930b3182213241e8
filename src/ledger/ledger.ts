import { frontMatterPapers, readFrontMatter } from "../digest/frontmatter.js";
import type { RepositoryStore, StoreFile } from "../publish/store.js";

/**
 * What the repository already published, so no paper appears twice. Derived data, sharded by the month in the
 * arXiv id (`2411.09502` → `2411`): a run reads only the shards of the papers it is looking at, however long the
 * history grows. `reindex` rebuilds it from the digests' front matter.
 */
export interface LedgerEntry {
  version: number;
  topic: string;
  date: string;
}

interface Shard {
  version: 1;
  papers: Record<string, LedgerEntry>;
}

export function ledgerDir(digestsDir: string): string {
  return `${digestsDir}/.ledger`;
}

/** The shard key of an id: its YYMM, from new-style `2411.09502` and old-style `astro-ph/0601001` alike. */
export function shardKey(id: string): string {
  const match = /^(\d{4})\./.exec(id) ?? /\/(\d{4})\d{3}$/.exec(id);
  return match?.[1] ?? "other";
}

export class Ledger {
  private readonly shards = new Map<string, Shard>();
  private readonly dirty = new Set<string>();
  private readonly pendingIds = new Set<string>();
  /** True when a shard could not be read: the index needs rebuilding. */
  damaged = false;

  /** `complete`: every shard is in memory (a ledger rebuilt from the digests); nothing is read from the store. */
  constructor(
    private readonly dir: string,
    private readonly complete = false,
  ) {}

  /** Loads the shards that can hold `ids`. */
  static async load(store: RepositoryStore, digestsDir: string, ids: string[]): Promise<Ledger> {
    const ledger = new Ledger(ledgerDir(digestsDir));
    await ledger.include(store, ids);
    return ledger;
  }

  /** Loads the shards of `ids` not loaded yet (each shard is read once a run). */
  async include(store: RepositoryStore, ids: string[]): Promise<void> {
    if (this.complete) return;
    const keys = [...new Set(ids.map(shardKey))].filter((key) => !this.shards.has(key));
    await Promise.all(keys.map((key) => this.loadShard(store, key)));
  }

  private async loadShard(store: RepositoryStore, key: string): Promise<void> {
    const text = await store.read(`${this.dir}/${key}.json`);
    const shard = parseShard(text);
    if (!shard) this.damaged = true;
    this.shards.set(key, shard ?? { version: 1, papers: {} });
  }

  /**
   * Papers of digests of other dates still under review (open digest pull requests): yesterday's digest awaiting
   * merge must not be repeated today.
   */
  addPending(files: StoreFile[], date: string): void {
    for (const file of files) {
      if (!file.path.endsWith(".md") || file.path.slice(file.path.lastIndexOf("/") + 1).startsWith(date))
        continue;
      for (const id of frontMatterPapers(readFrontMatter(file.content).data)) this.pendingIds.add(id);
    }
  }

  previous(id: string): LedgerEntry | undefined {
    return this.shards.get(shardKey(id))?.papers[id];
  }

  /** True when the paper is in a digest of another date (or another topic that date), or awaiting review. */
  isPublished(id: string, date: string, topic: string): boolean {
    const entry = this.previous(id);
    if (entry && !(entry.date === date && entry.topic === topic)) return true;
    return this.pendingIds.has(id);
  }

  record(id: string, entry: LedgerEntry): void {
    const key = shardKey(id);
    // Writing back a shard that was never read would drop every paper it already held.
    if (!this.complete && !this.shards.has(key))
      throw new Error(`ledger shard ${key} recorded before it was read`);
    const shard = this.shards.get(key) ?? { version: 1, papers: {} };
    this.shards.set(key, shard);
    shard.papers[id] = entry;
    this.dirty.add(key);
  }

  /** The shards this run changed, as files to publish with the digests. */
  files(): StoreFile[] {
    return [...this.dirty].sort().map((key) => ({
      path: `${this.dir}/${key}.json`,
      content: serialiseShard(this.shards.get(key) as Shard),
    }));
  }
}

/** A shard's content; `{}` papers when absent, undefined when damaged. */
function parseShard(text: string | undefined): Shard | undefined {
  if (text === undefined) return { version: 1, papers: {} };
  try {
    const data = JSON.parse(text) as Shard;
    if (data && typeof data.papers === "object" && !Array.isArray(data.papers))
      return { version: 1, papers: { ...data.papers } };
  } catch {
    // fall through: damaged
  }
  return undefined;
}

/** One paper a line, sorted, so diffs of the ledger stay small and readable. */
function serialiseShard(shard: Shard): string {
  const ids = Object.keys(shard.papers).sort();
  const lines = ids.map((id) => `    ${JSON.stringify(id)}: ${JSON.stringify(shard.papers[id])}`);
  return `{\n  "version": 1,\n  "papers": {\n${lines.join(",\n")}\n  }\n}\n`;
}
