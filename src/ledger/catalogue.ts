// The catalogue of published digests (`.ledger/archive.json`): one small file the archive pages and the feed are
// regenerated from, so a run reads one file however long the history.
import { ledgerDir } from "./ledger.js";

/**
 * The browsable archive: `<dir>/README.md` (newest first, per-topic counts, a chart), one page per topic and an Atom
 * feed, all regenerated each run from one small catalogue of the digests (`.ledger/archive.json`), never from the
 * digests themselves, so a run reads one file however long the history.
 */
export interface ArchiveEntry {
  date: string;
  /** Topic slug. */
  topic: string;
  /** Topic name, as the config gives it. */
  name: string;
  papers: number;
  /** Repository path of the digest. */
  path: string;
  /** Paper titles, kept for the newest entries only (the feed shows them). */
  titles?: string[];
}

export interface Catalogue {
  version: 1;
  digests: ArchiveEntry[];
}

/** Titles are kept for the newest entries only: the feed shows them. */
export const FEED_ENTRIES = 30;

export function cataloguePath(digestsDir: string): string {
  return `${ledgerDir(digestsDir)}/archive.json`;
}

export function parseCatalogue(text: string | undefined): Catalogue | undefined {
  if (!text) return undefined;
  try {
    const data = JSON.parse(text) as Catalogue;
    return Array.isArray(data?.digests) ? { version: 1, digests: data.digests.filter(isEntry) } : undefined;
  } catch {
    return undefined;
  }
}

/** The catalogue is read back from the repository: its slugs become file names and its dates link labels. */
function isEntry(entry: ArchiveEntry): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}$/.test(String(entry?.date)) &&
    /^[a-z0-9-]+$/.test(String(entry.topic)) &&
    typeof entry.name === "string" &&
    Number.isInteger(entry.papers) &&
    typeof entry.path === "string" &&
    entry.path.endsWith(`/${entry.date}-${entry.topic}.md`)
  );
}

/** The catalogue with this run's digests in place of any earlier entry for the same date and topic. */
export function updateCatalogue(catalogue: Catalogue, entries: ArchiveEntry[]): Catalogue {
  const key = (entry: ArchiveEntry) => `${entry.date}/${entry.topic}`;
  const replaced = new Set(entries.map(key));
  const digests = [...catalogue.digests.filter((entry) => !replaced.has(key(entry))), ...entries].sort(
    (a, b) => b.date.localeCompare(a.date) || a.topic.localeCompare(b.topic),
  );
  // Titles only for what the feed shows, so the catalogue stays small over years.
  const trimmed = digests.map((entry, index) => (index < FEED_ENTRIES ? entry : withoutTitles(entry)));
  return { version: 1, digests: trimmed };
}

function withoutTitles(entry: ArchiveEntry): ArchiveEntry {
  const { titles: _titles, ...rest } = entry;
  return rest;
}

export function serialiseCatalogue(catalogue: Catalogue): string {
  const lines = catalogue.digests.map((entry) => `    ${JSON.stringify(entry)}`);
  return `{\n  "version": 1,\n  "digests": [\n${lines.join(",\n")}\n  ]\n}\n`;
}
