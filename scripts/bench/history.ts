// A generated history of digests, written with the project's own serialisers: the index files a run reads
// (ledger shards and catalogue, as `Ledger.files` and `archiveFiles` write them) and, for a full reindex, the
// digests themselves (as `renderDigest` writes them).
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Paper } from "../../src/common/paper.js";
import type { TopicConfig } from "../../src/config/settings.js";
import { digestPath } from "../../src/digest/paths.js";
import { parseFeed } from "../../src/fetch/atom.js";
import { type ArchiveEntry, updateCatalogue } from "../../src/ledger/catalogue.js";
import { Ledger, ledgerDir } from "../../src/ledger/ledger.js";
import { LocalStore } from "../../src/publish/local.js";
import { archiveFiles } from "../../src/render/archive.js";
import { renderDigest } from "../../src/render/digest.js";
import { extractiveSummary } from "../../src/summarise/extractive.js";
import { syntheticFeed } from "../../test/support/feeds.js";

export const DIGESTS_DIR = "digests";

export interface HistoryShape {
  topics: number;
  /** Announcement days (Monday to Friday in UTC), ending the day before `until`. */
  days: number;
  papersPerDigest: number;
  until: string;
}

export interface Digest {
  date: string;
  topic: string;
  ids: string[];
}

/** Every digest of the history, oldest first; ids number on per month (`YYMM.NNNNN`) as arXiv's do. */
export function plannedDigests(shape: HistoryShape): Digest[] {
  const counters = new Map<string, number>();
  const digests: Digest[] = [];
  for (const date of announcementDays(shape.until, shape.days)) {
    const month = `${date.slice(2, 4)}${date.slice(5, 7)}`;
    for (let topic = 0; topic < shape.topics; topic++) {
      const first = counters.get(month) ?? 1;
      counters.set(month, first + shape.papersPerDigest);
      const ids = Array.from(
        { length: shape.papersPerDigest },
        (_, k) => `${month}.${String(first + k).padStart(5, "0")}`,
      );
      digests.push({ date, topic: `topic-${topic}`, ids });
    }
  }
  return digests;
}

export function announcementDays(until: string, count: number): string[] {
  const days: string[] = [];
  for (let time = Date.parse(`${until}T00:00:00Z`) - 86_400_000; days.length < count; time -= 86_400_000) {
    const weekday = new Date(time).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(new Date(time).toISOString().slice(0, 10));
  }
  return days.reverse();
}

/** The ledger shards, the catalogue and the archive pages of `digests`, written under `root`. */
export async function writeIndex(root: string, digests: Digest[]): Promise<void> {
  const ledger = new Ledger(ledgerDir(DIGESTS_DIR), true);
  const entries: ArchiveEntry[] = digests.map(({ date, topic, ids }) => {
    for (const id of ids) ledger.record(id, { version: 1, topic, date });
    return { date, topic, name: topic, papers: ids.length, path: digestPath(DIGESTS_DIR, date, topic) };
  });
  const catalogue = updateCatalogue({ version: 1, digests: [] }, entries);
  const now = new Date(`${digests.at(-1)?.date ?? "2024-11-15"}T00:00:00Z`);
  const files = [...ledger.files(), ...archiveFiles(catalogue, { digestsDir: DIGESTS_DIR, now })];
  await new LocalStore(root).publish({ date: "history", files, title: "history", body: "" });
}

/** Every digest rendered as a run renders it (real abstracts, extractive summaries), written under `root`. */
export async function writeDigests(root: string, digests: Digest[]): Promise<void> {
  const template = parseFeed(syntheticFeed(6)).papers;
  for (const digest of digests) {
    const papers = digest.ids.map((id, k): Paper => ({ ...(template[k % template.length] as Paper), id }));
    const topic: TopicConfig = {
      name: digest.topic,
      slug: digest.topic,
      categories: [],
      keywords: [],
      exclude: [],
      maxPapers: papers.length,
      language: "English",
    };
    const window = { from: new Date(`${digest.date}T00:00:00Z`), to: new Date(`${digest.date}T23:59:59Z`) };
    const entries = papers.map((paper) => ({
      paper,
      outcome: { ok: true as const, summary: extractiveSummary(paper) },
    }));
    const content = renderDigest({
      topic,
      date: digest.date,
      window,
      entries,
      overflow: [],
      elsewhere: [],
      summarizer: { kind: "extractive" },
    });
    const target = join(root, digestPath(DIGESTS_DIR, digest.date, digest.topic));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content);
  }
}
