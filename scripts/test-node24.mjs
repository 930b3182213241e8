// The end-to-end tests with dist/index.js run on Node 24 as well as on the Node running the tests (CI runs this).
import { spawnSync } from "node:child_process";

const vitest = spawnSync(
  "npx",
  ["vitest", "run", ...(process.argv.length > 2 ? process.argv.slice(2) : ["e2e"])],
  {
    stdio: "inherit",
    shell: process.platform === "win32",
    env: { ...process.env, ARXIV_DIGEST_TEST_NODE24: "1" },
  },
);
process.exit(vitest.status ?? 1);
