// `npm run demo`: the reference day (2024-11-17, diffusion models) rebuilt offline. A local server stands in for
// the arXiv API and answers with the six papers of that day, recorded in the current API format; the CLI then
// writes the digest into ./digests, exactly as `npm run digest` would against arXiv.
import { pathToFileURL } from "node:url";
import { main } from "../src/cli.js";
import { always, startArxivServer } from "../test/support/arxiv-server.js";

export const DEMO_DIGEST = "digests/2024/11/2024-11-17-diffusion-models.md";

export async function runDemo(cwd = process.cwd()): Promise<number> {
  const server = await startArxivServer(always("seed_day_2024-11-17_diffusion.xml"));
  try {
    return await main(
      [
        ["--topic", "Diffusion Models"],
        ["--query", 'abs:"diffusion model"'],
        ["--date", "2024-11-17"],
        ["--summarize", "extractive"],
        ["--arxiv-api-url", server.url],
        ["--arxiv-interval-ms", "0"],
      ].flat(),
      cwd,
    );
  } finally {
    await server.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runDemo();
}
