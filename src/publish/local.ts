import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, relative } from "node:path";
import { resolveUnder } from "../safe/path.js";
import type { PublishRequest, PublishResult, RepositoryStore, StoreFile } from "./store.js";

/** Writes digests into a folder (the Action's workspace, or the CLI's current directory). */
export class LocalStore implements RepositoryStore {
  constructor(private readonly root: string) {}

  async read(path: string): Promise<string | undefined> {
    try {
      return await readFile(resolveUnder(this.root, path), "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
  }

  async publish(request: PublishRequest): Promise<PublishResult> {
    const changedFiles: StoreFile[] = [];
    for (const file of [...request.files, ...(request.baseFiles ?? [])]) {
      if ((await this.read(file.path)) !== file.content) changedFiles.push(file);
    }
    // Every path is checked before anything is written, so a bad path never leaves half a digest behind.
    const targets = changedFiles.map((file) => ({ file, target: resolveUnder(this.root, file.path) }));
    for (const { file, target } of targets) {
      await mkdir(dirname(target), { recursive: true });
      const temporary = `${target}.tmp-${process.pid}`;
      await writeFile(temporary, file.content, "utf8");
      await rename(temporary, target);
    }
    return { changed: changedFiles.length > 0, files: request.files.map((file) => file.path) };
  }

  async list(dir: string): Promise<string[]> {
    const root = resolveUnder(this.root, dir);
    try {
      const entries = await readdir(root, { recursive: true, withFileTypes: true });
      return entries
        .filter((entry) => entry.isFile())
        .map((entry) => relative(this.root, `${entry.parentPath}/${entry.name}`).split("\\").join("/"))
        .sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw error;
    }
  }

  async pending(): Promise<StoreFile[]> {
    return [];
  }
}
