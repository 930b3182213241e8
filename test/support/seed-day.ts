import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import type { Log } from "../../src/common/log.js";
import { runFromInputs } from "../../src/run.js";
import { type ArxivServer, always, startArxivServer } from "./arxiv-server.js";

/** The reference day's inputs: one topic, the date of the recorded seed day, files mode. */
export const SEED_DAY_INPUTS = {
  topic: "Diffusion Models",
  query: 'abs:"diffusion model"',
  date: "2024-11-17",
  mode: "files",
};

export const SEED_DAY_DIGEST = "digests/2024/11/2024-11-17-diffusion-models.md";

/** The pipeline in-process on the seed day against a local arXiv server, in a fresh workspace. */
export async function runSeedDay(arxivUrl: string, inputs: Record<string, string>, log: Log) {
  const workspace = await mkdtemp(join(tmpdir(), "arxiv-digest-seed-"));
  const run = await runFromInputs(
    { ...SEED_DAY_INPUTS, "arxiv-api-url": arxivUrl, "arxiv-interval-ms": "0", ...inputs },
    { workspace, today: new Date("2024-11-18T00:00:00Z"), log },
  );
  return { ...run, workspace };
}

/** A local arXiv API answering with the seed day, for the calling file's tests (started before, closed after). */
export function seedDayArxiv(): { readonly server: ArxivServer } {
  let server: ArxivServer | undefined;
  beforeAll(async () => {
    server = await startArxivServer(always("seed_day_2024-11-17_diffusion.xml"));
  });
  afterAll(() => server?.close());
  return {
    get server() {
      if (!server) throw new Error("the seed-day arXiv server is not started");
      return server;
    },
  };
}
