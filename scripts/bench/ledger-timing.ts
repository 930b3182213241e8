// How long a run takes to learn what the repository already holds, with years of history: `openIndex` (the ledger
// shards of a day's candidates and the catalogue) and a full `reindex` from the digests, reads counted.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openIndex, reindex } from "../../src/ledger/reindex.js";
import { LocalStore } from "../../src/publish/local.js";
import type { RepositoryStore } from "../../src/publish/store.js";
import { DIGESTS_DIR, type Digest, plannedDigests, writeDigests, writeIndex } from "./history.js";
import { timed } from "./stats.js";

export interface IndexTiming {
  digests: number;
  papers: number;
  medianMs: number;
  filesRead: number;
  bytesRead: number;
}

export interface LedgerReport {
  open: IndexTiming & { candidates: number; days: number };
  reindex: IndexTiming & { days: number };
}

const SHAPE = { topics: 5, papersPerDigest: 27, until: "2024-11-18" };

/** A store that counts what is read through it. */
export class CountingStore implements RepositoryStore {
  filesRead = 0;
  bytesRead = 0;

  constructor(private readonly inner: RepositoryStore) {}

  async read(path: string): Promise<string | undefined> {
    const text = await this.inner.read(path);
    this.filesRead += 1;
    this.bytesRead += text === undefined ? 0 : Buffer.byteLength(text);
    return text;
  }

  publish: RepositoryStore["publish"] = (request) => this.inner.publish(request);
  list: RepositoryStore["list"] = (dir) => this.inner.list(dir);
  pending: RepositoryStore["pending"] = (dir) => this.inner.pending(dir);
}

export async function measureLedger(days: number, reindexDays: number): Promise<LedgerReport> {
  const root = await mkdtemp(join(tmpdir(), "arxiv-digest-bench-history-"));
  try {
    const history = plannedDigests({ ...SHAPE, days: days + 1 });
    const today = history.slice(-SHAPE.topics);
    const past = history.slice(0, -SHAPE.topics);
    await writeIndex(join(root, "index"), past);
    const open = await timeOpen(join(root, "index"), past, candidates(past, today));
    const recent = past.slice(-reindexDays * SHAPE.topics);
    await writeDigests(join(root, "digests"), recent);
    const rebuilt = await timeRead(join(root, "digests"), recent, (store) => reindex(store, DIGESTS_DIR), 1);
    return { open: { ...open, days }, reindex: { ...rebuilt, days: reindexDays } };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** A day's candidates: that day's new papers, and one older paper per topic (a new version) from months back. */
function candidates(past: Digest[], today: Digest[]): string[] {
  const older = today.map((_, k) => past[Math.floor((past.length * k) / today.length)]?.ids[0] as string);
  return [...today.flatMap((digest) => digest.ids), ...older];
}

async function timeOpen(root: string, past: Digest[], ids: string[]) {
  const timing = await timeRead(root, past, async (store) => {
    const index = await openIndex(store, DIGESTS_DIR, ids);
    if (index.rebuilt) throw new Error("the generated index was not read: it was rebuilt");
  });
  return { ...timing, candidates: ids.length };
}

/** The median of 5 runs of `fn` (1 for slow ones), each on a fresh counting store; the reads of one run. */
async function timeRead(
  root: string,
  digests: Digest[],
  fn: (store: RepositoryStore) => Promise<unknown>,
  runs = 5,
): Promise<IndexTiming> {
  let store = new CountingStore(new LocalStore(root));
  const { medianMs } = await timed(runs, async () => {
    store = new CountingStore(new LocalStore(root));
    await fn(store);
  });
  return {
    digests: digests.length,
    papers: digests.reduce((sum, digest) => sum + digest.ids.length, 0),
    medianMs,
    filesRead: store.filesRead,
    bytesRead: store.bytesRead,
  };
}
