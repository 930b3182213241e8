import pLimit from "p-limit";
import { frontMatterPapers, readFrontMatter } from "../digest/frontmatter.js";
import type { RepositoryStore } from "../publish/store.js";
import {
  type ArchiveEntry,
  type Catalogue,
  cataloguePath,
  parseCatalogue,
  updateCatalogue,
} from "./catalogue.js";
import { Ledger, ledgerDir } from "./ledger.js";

/** `<dir>/YYYY/MM/YYYY-MM-DD-<slug>.md`: the digests, and nothing else under the folder. */
const DIGEST = /\/(\d{4})\/(\d{2})\/(\d{4}-\d{2}-\d{2})-([a-z0-9-]+)\.md$/;

export interface Index {
  ledger: Ledger;
  catalogue: Catalogue;
  /** True when the index was missing or damaged and was rebuilt from the digests. */
  rebuilt: boolean;
}

/**
 * The index a run needs: the catalogue and the ledger shards of the papers it looks at. When the catalogue is
 * missing or a shard is damaged, everything is rebuilt from the digests' front matter (and all of it written back).
 */
export async function openIndex(store: RepositoryStore, digestsDir: string, ids: string[]): Promise<Index> {
  const [catalogue, ledger] = await Promise.all([
    store.read(cataloguePath(digestsDir)).then(parseCatalogue),
    Ledger.load(store, digestsDir, ids),
  ]);
  if (catalogue && !ledger.damaged) return { ledger, catalogue, rebuilt: false };
  return { ...(await reindex(store, digestsDir)), rebuilt: true };
}

/**
 * Loads the shards of more papers into an open index; a damaged one rebuilds the whole index in place.
 * Returns true when it did (the ledger is then a new object).
 */
export async function includeInIndex(
  store: RepositoryStore,
  digestsDir: string,
  index: Index,
  ids: string[],
): Promise<boolean> {
  await index.ledger.include(store, ids);
  if (!index.ledger.damaged) return false;
  Object.assign(index, await reindex(store, digestsDir), { rebuilt: true });
  return true;
}

/** What one digest's front matter says: its catalogue entry and the papers (with versions) it published. */
interface DigestRecord {
  entry: ArchiveEntry;
  papers: { id: string; version: number }[];
}

/**
 * Pull-request mode: digests merged since the last run (on the base branch, in the given months, not yet in the
 * catalogue) are read and recorded, so the index tells what the base branch really holds. Returns how many.
 */
export async function ingestMerged(
  store: RepositoryStore,
  digestsDir: string,
  index: Index,
  months: string[],
): Promise<number> {
  const known = new Set(index.catalogue.digests.map((entry) => entry.path));
  const prefixes = months.map((month) => `${digestsDir}/${month.replace("-", "/")}/`);
  const fresh = (await store.list(digestsDir)).filter(
    (path) => DIGEST.test(path) && !known.has(path) && prefixes.some((prefix) => path.startsWith(prefix)),
  );
  const records: DigestRecord[] = [];
  for (const path of fresh.sort()) {
    const text = await store.read(path);
    const record = text === undefined ? undefined : readDigest(path, text);
    if (record) records.push(record);
  }
  await includeInIndex(
    store,
    digestsDir,
    index,
    records.flatMap((record) => record.papers.map((paper) => paper.id)),
  );
  for (const record of records) recordDigest(index.ledger, record);
  if (records.length)
    index.catalogue = updateCatalogue(
      index.catalogue,
      records.map((record) => record.entry),
    );
  return records.length;
}

/** Rebuilds the ledger and the catalogue from every digest's front matter, oldest first. */
export async function reindex(
  store: RepositoryStore,
  digestsDir: string,
): Promise<{ ledger: Ledger; catalogue: Catalogue }> {
  const paths = (await store.list(digestsDir)).filter(
    (path) => path.startsWith(`${digestsDir}/`) && DIGEST.test(path),
  );
  const limit = pLimit(8);
  const digests = await Promise.all(
    paths.map((path) => limit(async () => ({ path, text: await store.read(path) }))),
  );
  const ledger = new Ledger(ledgerDir(digestsDir), true);
  const entries: ArchiveEntry[] = [];
  for (const { path, text } of digests.sort((a, b) => a.path.localeCompare(b.path))) {
    const record = text === undefined ? undefined : readDigest(path, text);
    if (!record) continue;
    recordDigest(ledger, record);
    entries.push(record.entry);
  }
  return { ledger, catalogue: updateCatalogue({ version: 1, digests: [] }, entries) };
}

function readDigest(path: string, text: string): DigestRecord | undefined {
  const [, , , date, topic] = DIGEST.exec(path) as RegExpExecArray;
  let data: Record<string, unknown>;
  try {
    data = readFrontMatter(text).data;
  } catch {
    return undefined;
  }
  const ids = frontMatterPapers(data);
  const versions = Array.isArray(data.versions) ? data.versions.map(Number) : [];
  const papers = ids.map((id, index) => ({ id, version: versions[index] || 1 }));
  for (const update of Array.isArray(data.updated) ? data.updated : []) {
    const { id, version } = (update ?? {}) as { id?: unknown; version?: unknown };
    if (typeof id === "string") papers.push({ id, version: Number(version) || 1 });
  }
  const entry: ArchiveEntry = {
    date: date as string,
    topic: topic as string,
    name: typeof data.topic === "string" ? data.topic : (topic as string),
    papers: ids.length,
    path,
    titles: strings(data.titles),
  };
  return { entry, papers };
}

function recordDigest(ledger: Ledger, { entry, papers }: DigestRecord): void {
  for (const paper of papers)
    ledger.record(paper.id, { version: paper.version, topic: entry.topic, date: entry.date });
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}
