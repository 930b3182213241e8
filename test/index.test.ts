import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveTopics } from "../src/config/file.js";
import { resolveSettings } from "../src/config/settings.js";
import { ArxivClient } from "../src/fetch/client.js";
import { updateCatalogue } from "../src/ledger/catalogue.js";
import { Ledger, ledgerDir, shardKey } from "../src/ledger/ledger.js";
import { ingestMerged, openIndex } from "../src/ledger/reindex.js";
import { runDigest } from "../src/pipeline.js";
import { LocalStore } from "../src/publish/local.js";
import type { RepositoryStore } from "../src/publish/store.js";
import { archiveFiles } from "../src/render/archive.js";
import { extractiveSummariser } from "../src/summarise/summariser.js";
import { type ArxivServer, startArxivServer } from "./support/arxiv-server.js";
import { ArxivWorld, addDays, isWeekday } from "./support/arxiv-world.js";
import { memoryLog } from "./support/log.js";
import { runAction } from "./support/run-action.js";
import { readTree, workspaceWithConfig } from "./support/workspace.js";

const CONFIG =
  "topics:\n  - name: Diffusion\n    query: abs:diffusion\n  - name: Vision\n    query: abs:vision\n";
const world = new ArxivWorld();
for (let day = 0; day < 14; day++) {
  const date = addDays("2024-11-04", day);
  if (isWeekday(date)) for (const topic of ["diffusion", "vision"]) world.announce(date, [topic]);
}
let today = "2024-11-04";
let arxiv: ArxivServer;
beforeAll(async () => {
  arxiv = await startArxivServer((params) => ({ body: world.page(today, params) }));
});
afterAll(() => arxiv.close());

function workspace(): Promise<string> {
  return workspaceWithConfig(CONFIG);
}

function run(dir: string, date: string, extra: Record<string, string> = {}) {
  today = date;
  return runAction({
    workspace: dir,
    inputs: {
      date,
      mode: "files",
      summarize: "extractive",
      "arxiv-api-url": arxiv.url,
      "arxiv-interval-ms": "0",
      ...extra,
    },
  });
}

async function history(dir: string, until: string): Promise<void> {
  for (let date = "2024-11-04"; date <= until; date = addDays(date, 1))
    expect((await run(dir, date)).code).toBe(0);
}

describe("the digests index", () => {
  it("is rebuilt to the same content when deleted or damaged", async () => {
    const dir = await workspace();
    await history(dir, "2024-11-15");
    const index = await readTree(join(dir, "digests/.ledger"));
    expect(Object.keys(index)).toEqual(["2411.json", "archive.json"]);

    await rm(join(dir, "digests/.ledger"), { recursive: true });
    const rebuilt = await run(dir, "2024-11-15");
    expect(rebuilt.stdout).toContain("rebuilt from the digests");
    expect(await readTree(join(dir, "digests/.ledger"))).toEqual(index);

    await writeFile(join(dir, "digests/.ledger/2411.json"), '{"version": 1, "papers": [tru');
    await run(dir, "2024-11-15");
    expect(await readTree(join(dir, "digests/.ledger"))).toEqual(index);
  });

  it("keeps a digest a person edited, and says so", async () => {
    const dir = await workspace();
    await history(dir, "2024-11-05");
    const path = join(dir, "digests/2024/11/2024-11-05-diffusion.md");
    const edited = (await readFile(path, "utf8")).replace("**TL;DR**", "**TL;DR (checked by a person)**");
    await writeFile(path, edited);
    const again = await run(dir, "2024-11-05");
    expect(again.code).toBe(0);
    expect(await readFile(path, "utf8")).toBe(edited);
    expect(again.summary).toContain("2024-11-05-diffusion.md was edited by a person");
    // The kept digest still counts in the archive with the papers it lists.
    const catalogue = JSON.parse(await readFile(join(dir, "digests/.ledger/archive.json"), "utf8"));
    const entry = catalogue.digests.find((item: { path: string }) =>
      item.path.endsWith("2024-11-05-diffusion.md"),
    );
    expect(entry.papers).toBeGreaterThan(0);
    expect(entry.titles.length).toBe(entry.papers);
  });

  it("lists a new version of a published paper under Updated papers when asked", async () => {
    const local = new ArxivWorld();
    const paper = local.announce("2024-11-04", ["diffusion"]);
    local.revise(paper, "2024-11-06");
    const server = await startArxivServer((params) => ({ body: local.page(today, params) }));
    const dir = await workspace();
    const inputs = { "arxiv-api-url": server.url, "include-updates": "true" };
    expect((await run(dir, "2024-11-04", inputs)).outputs.papers).toBe("1");
    const second = await run(dir, "2024-11-06", inputs);
    await server.close();
    const digest = await readFile(join(dir, "digests/2024/11/2024-11-06-diffusion.md"), "utf8");
    expect(second.outputs.papers).toBe("0");
    expect(digest).toContain("## Updated papers");
    expect(digest).toContain(
      `v2 of 2024-11-05; v1 was in the [digest of 2024-11-04](../../2024/11/2024-11-04-diffusion.md)`,
    );
  });
});

/** A store that counts what the run reads. */
function counting(store: RepositoryStore) {
  const reads: string[] = [];
  const lists: string[] = [];
  const wrapped: RepositoryStore = {
    read: (path) => {
      reads.push(path);
      return store.read(path);
    },
    list: (dir) => {
      lists.push(dir);
      return store.list(dir);
    },
    publish: (request) => store.publish(request),
    pending: (dir) => store.pending(dir),
  };
  return { store: wrapped, reads, lists };
}

describe("recording merged digests", () => {
  it("reads a ledger shard before adding to it, so the papers it held are kept", async () => {
    const dir = await mkdtemp(join(tmpdir(), "arxiv-digest-merge-"));
    const local = new LocalStore(dir);
    const old = new Ledger(ledgerDir("digests"), true);
    old.record("2410.00001", { version: 1, topic: "vision", date: "2024-10-30" });
    const merged =
      '---\ndate: 2024-11-04\ntopic: Vision\npapers:\n  - "2410.00002"\nversions: [2]\n---\n\n# Vision\n';
    await local.publish({
      date: "2024-11-04",
      files: [
        ...old.files(),
        ...archiveFiles({ version: 1, digests: [] }, { digestsDir: "digests", now: new Date() }),
        { path: "digests/2024/11/2024-11-04-vision.md", content: merged },
      ],
      title: "setup",
      body: "",
    });
    const index = await openIndex(local, "digests", []);
    expect(await ingestMerged(local, "digests", index, ["2024-11"])).toBe(1);
    const shard = JSON.parse(
      index.ledger.files().find((file) => file.path.endsWith("2410.json"))?.content ?? "{}",
    );
    expect(Object.keys(shard.papers)).toEqual(["2410.00001", "2410.00002"]);
    expect(shard.papers["2410.00002"]).toEqual({ version: 2, topic: "vision", date: "2024-11-04" });
    expect(() =>
      new Ledger(ledgerDir("digests")).record("2411.00001", { version: 1, topic: "t", date: "d" }),
    ).toThrow(/before it was read/);
  });
});

describe("a three-year history", () => {
  it("costs a run a bounded number of reads: the catalogue, the shards of its papers, its own digests", async () => {
    const dir = await mkdtemp(join(tmpdir(), "arxiv-digest-3y-"));
    const topics = ["alpha", "beta", "gamma", "delta", "epsilon"];
    const ledger = new Ledger(ledgerDir("digests"), true);
    const entries = [];
    let serial = 0;
    for (let day = 0; day < 3 * 365; day++) {
      const date = addDays("2021-11-01", day);
      if (!isWeekday(date)) continue;
      const month = `${date.slice(2, 4)}${date.slice(5, 7)}`;
      for (const topic of topics) {
        for (let n = 0; n < 20; n++)
          ledger.record(`${month}.${String(serial++ % 99999).padStart(5, "0")}`, { version: 1, topic, date });
        entries.push({
          date,
          topic,
          name: topic,
          papers: 20,
          path: `digests/${date.slice(0, 4)}/${date.slice(5, 7)}/${date}-${topic}.md`,
        });
      }
    }
    const catalogue = updateCatalogue({ version: 1, digests: [] }, entries);
    const local = new LocalStore(dir);
    await local.publish({
      date: "2024-11-01",
      files: [
        ...ledger.files(),
        ...archiveFiles(catalogue, { digestsDir: "digests", now: new Date("2024-11-01T00:00:00Z") }),
      ],
      title: "history",
      body: "",
    });
    expect(catalogue.digests.length).toBeGreaterThan(3500);

    today = "2024-11-08";
    const { store, reads, lists } = counting(local);
    const config = {
      ...resolveSettings(
        { date: today, mode: "files", "arxiv-interval-ms": "0", "arxiv-api-url": arxiv.url },
        new Date(),
      ),
      topics: resolveTopics({}, { path: "c.yml", text: CONFIG }),
    };
    const log = memoryLog();
    const source = new ArxivClient({
      apiUrl: arxiv.url,
      intervalMs: 0,
      pageSize: 100,
      retries: 0,
      maxResults: 2000,
      log,
    });
    const report = await runDigest(config, { source, summariser: extractiveSummariser, store, log });
    expect(report.papers).toBeGreaterThan(0);
    const shards = new Set(world.visible(today).map((paper) => shardKey(paper.id)));
    // archive.json + one shard per month of the candidates + each topic's digest of the day (hand-edit check).
    expect(reads).toHaveLength(1 + shards.size + config.topics.length);
    expect(lists).toEqual([]);
  });
});
