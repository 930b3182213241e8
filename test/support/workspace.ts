import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Three topics over the seed day's six papers (the fixture answers every query): their keywords overlap, so some
 * papers match two topics, and the second topic's cap leaves one match over the limit.
 */
export const THREE_TOPICS = `topics:
  - name: Text to image
    query: abs:"diffusion model"
    keywords: [text-to-image]
  - name: Generation
    query: abs:"diffusion model"
    keywords: [generation, noise, attention]
    max-papers: 2
  - name: Robustness
    query: abs:"diffusion model"
    keywords: [adversarial, medical, attention]
`;

/** A fresh checkout holding `.github/arxiv-digest.yml`. */
export async function workspaceWithConfig(config = THREE_TOPICS): Promise<string> {
  const workspace = await mkdtemp(join(tmpdir(), "arxiv-digest-ws-"));
  await mkdir(join(workspace, ".github"), { recursive: true });
  await writeFile(join(workspace, ".github/arxiv-digest.yml"), config);
  return workspace;
}

/** Every file under `dir`, by relative path, with its content. */
export async function readTree(dir: string): Promise<Record<string, string>> {
  const names = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
  const files = await Promise.all(names.map(async (name) => [name, await readFile(join(dir, name), "utf8")]));
  return Object.fromEntries(files);
}
