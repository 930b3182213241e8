import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { main } from "../src/cli.js";

afterEach(() => vi.restoreAllMocks());

describe("the CLI", () => {
  it("prints a bad input's whole message, naming the input, and exits 1", async () => {
    const printed: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      printed.push(String(chunk));
      return true;
    });
    const cwd = await mkdtemp(join(tmpdir(), "arxiv-digest-cli-"));
    expect(await main(["--query", "abs:x", "--max-papers", "lots"], cwd)).toBe(1);
    expect(printed.join("")).toContain(
      'error: input max-papers: "lots" is not allowed; use a whole number from 1 to 1000',
    );
  });
});
