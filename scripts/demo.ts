// `npm run demo`: the reference day (2024-11-17, diffusion models) rebuilt offline. A local server stands in for
// the arXiv API and answers with the six papers of that day, recorded in the current API format; the Action's CLI
// then writes the digest into ./digests, exactly as `npm run digest` would against arXiv.
import { always, startArxivServer } from "../test/support/arxiv-server.js";
import { main } from "../src/cli.js";

const server = await startArxivServer(always("seed_day_2024-11-17_diffusion.xml"));
try {
  process.exitCode = await main([
    "--topic", "Diffusion Models",
    "--query", 'abs:"diffusion model"',
    "--date", "2024-11-17",
    "--summarize", "extractive",
    "--arxiv-api-url", server.url,
    "--arxiv-interval-ms", "0",
  ]);
} finally {
  await server.close();
}
