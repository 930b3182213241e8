import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEMO_DIGEST, runDemo } from "../scripts/demo.js";
import { readFrontMatter } from "../src/digest/frontmatter.js";
import { parseFeed } from "../src/fetch/atom.js";
import { parseCatalogue } from "../src/ledger/catalogue.js";
import { LocalStore } from "../src/publish/local.js";
import { markdownText } from "../src/safe/markdown.js";
import { fixture } from "./support/arxiv-server.js";
import { projectPath } from "./support/project.js";

describe("npm run demo", () => {
  it("rebuilds the reference day with all six papers' titles, authors, abstracts and links from arXiv's record", async () => {
    const cwd = await mkdtemp(join(tmpdir(), "arxiv-digest-demo-"));
    expect(await runDemo(cwd)).toBe(0);
    const digest = await readFile(join(cwd, DEMO_DIGEST), "utf8");
    const papers = parseFeed(fixture("seed_day_2024-11-17_diffusion.xml")).papers;
    expect(papers).toHaveLength(6);
    for (const paper of papers) {
      expect(digest).toContain(`. ${markdownText(paper.title)}\n`);
      expect(digest).toContain(`**Authors:** ${paper.authors.map((author) => author.name).join(", ")}\n`);
      expect(digest).toContain(markdownText(paper.abstract));
      expect(digest).toContain(`[arXiv:${paper.id}](https://arxiv.org/abs/${paper.id})`);
      expect(digest).toContain(`[PDF](https://arxiv.org/pdf/${paper.id}v${paper.version})`);
    }
    expect(digest).toContain("[github.com/JasonFu1998/DiffPAD](https://github.com/JasonFu1998/DiffPAD)");
    expect(digest).toContain(
      "**Comment:** Accepted to 2025 IEEE/CVF Winter Conference on Applications of Computer Vision (WACV)",
    );
    // Every link in the digest is one the code built from the arXiv record.
    const allowed = new Set(
      papers.flatMap((paper) => [paper.links.abs, paper.links.pdf, paper.links.html, ...paper.codeLinks]),
    );
    for (const [, target] of digest.matchAll(/\]\((https?:[^)]+)\)/g)) expect(allowed).toContain(target);
    expect(readFrontMatter(digest).data.papers).toHaveLength(6);
  });

  it("is the showcase committed in digests/, listed by the committed archive and index", async () => {
    const cwd = await mkdtemp(join(tmpdir(), "arxiv-digest-demo-"));
    await runDemo(cwd);
    const written = await new LocalStore(cwd).list("digests");
    expect(written).toEqual(
      expect.arrayContaining([
        DEMO_DIGEST,
        "digests/README.md",
        "digests/feed.xml",
        "digests/.ledger/archive.json",
      ]),
    );
    expect(await readFile(projectPath(DEMO_DIGEST), "utf8")).toBe(
      await readFile(join(cwd, DEMO_DIGEST), "utf8"),
    );
    // The repository's own scheduled workflow adds real digests over time: the archive grows, the showcase stays.
    const catalogue = parseCatalogue(await readFile(projectPath("digests/.ledger/archive.json"), "utf8"));
    expect(catalogue?.digests.map((entry) => entry.path)).toContain(DEMO_DIGEST);
    expect(await readFile(projectPath("digests/README.md"), "utf8")).toContain(
      "(2024/11/2024-11-17-diffusion-models.md)",
    );
  });
});
