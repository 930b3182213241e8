import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { releaseNotes } from "../scripts/release-notes.js";
import { INPUT_NAMES } from "../src/config/inputs.js";
import { PARTS_DIR } from "../src/shard/part.js";
import { projectPath } from "./support/project.js";

const read = (path: string) => readFileSync(projectPath(path), "utf8");
const pkg = JSON.parse(read("package.json")) as { version: string };
const changelog = read("CHANGELOG.md");

// The expression as the workflow spells it (built here so it is not mistaken for a template placeholder).
const MATRIX_SHARD = `$${"{{ matrix.shard }}"}`;

interface Step {
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string | number | boolean>;
}
interface Workflow {
  on: { push?: { tags?: string[] } };
  permissions: Record<string, string>;
  jobs: Record<string, { needs?: string; strategy?: { matrix: { shard: number[] } }; steps: Step[] }>;
}

describe("releases", () => {
  it("has a semantic version in package.json with its section in CHANGELOG.md", () => {
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
    expect(changelog).toMatch(/^# Changelog\n/);
    expect(changelog).toContain(`## [${pkg.version}] - `);
    expect(changelog).toContain(
      `[${pkg.version}]: https://github.com/arxiv-digest/arxiv-digest/releases/tag/v${pkg.version}`,
    );
  });

  it("takes a release's notes from its dated changelog section, and refuses a tag that disagrees", () => {
    const text =
      "# Changelog\n\n## [1.1.0] - 2026-12-01\n\n### Fixed\n\n- A fix.\n\n## [1.0.0] - 2026-11-30\n\n- First.\n";
    expect(releaseNotes(text, "v1.1.0", "1.1.0")).toBe("### Fixed\n\n- A fix.\n");
    expect(releaseNotes(text, "v1.0.0", "1.0.0")).toBe("- First.\n");
    expect(() => releaseNotes(text, "v1.1.0", "1.0.0")).toThrow(
      "tag v1.1.0 does not match package.json's version 1.0.0",
    );
    expect(() => releaseNotes(text, "v1.2.0", "1.2.0")).toThrow("CHANGELOG.md has no section ## [1.2.0]");
    expect(() => releaseNotes("## [2.0.0] - Unreleased\n", "v2.0.0", "2.0.0")).toThrow(
      /give ## \[2\.0\.0\] its release date/,
    );
    expect(() => releaseNotes(text, "latest", "1.0.0")).toThrow("tag latest is not a version");
  });

  it("releases on a version tag: builds, checks dist/, tests, publishes the notes and moves the major tag", () => {
    const workflow = parse(read(".github/workflows/release.yml")) as Workflow;
    expect(workflow.on.push?.tags).toEqual(["v*.*.*"]);
    expect(workflow.permissions).toEqual({ contents: "write" });
    const steps = workflow.jobs.release?.steps ?? [];
    const script = steps
      .map((step) => `${step.uses ?? ""} ${JSON.stringify(step.with ?? {})} ${step.run ?? ""}`)
      .join("\n");
    const order = [
      "actions/checkout@",
      '"node-version":24',
      "npm ci",
      "release-notes.js",
      "npm run build",
      "git status --porcelain -- dist",
      "npm test",
      "gh release create",
      'git push -f origin "$major"',
    ];
    const positions = order.map((needle) => script.indexOf(needle));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it("has branding for the Marketplace", () => {
    const action = parse(read("action.yml")) as { branding: { icon: string; color: string } };
    expect(action.branding.icon).toMatch(/^[a-z-]+$/);
    expect(["white", "black", "yellow", "blue", "green", "orange", "red", "purple", "gray-dark"]).toContain(
      action.branding.color,
    );
  });
});

describe("the matrix example (examples/matrix.yml)", () => {
  const workflow = parse(read("examples/matrix.yml")) as Workflow;
  const digestSteps = (job: string) =>
    (workflow.jobs[job]?.steps ?? []).filter((step) => step.uses?.startsWith("arxiv-digest/arxiv-digest@v1"));

  it("runs one shard per matrix entry, uploads its part, and merges the downloaded parts in a job after them", () => {
    const shards = workflow.jobs.shard?.strategy?.matrix.shard ?? [];
    const [shardStep] = digestSteps("shard");
    expect(shardStep?.with?.shard).toBe(`${MATRIX_SHARD}/${shards.length}`);
    expect(shards).toEqual(Array.from({ length: shards.length }, (_, index) => index + 1));
    const upload = workflow.jobs.shard?.steps.find((step) =>
      step.uses?.startsWith("actions/upload-artifact@"),
    );
    expect(upload?.with?.path).toBe(`${PARTS_DIR}/`);
    expect(workflow.jobs.publish?.needs).toBe("shard");
    const download = workflow.jobs.publish?.steps.find((step) =>
      step.uses?.startsWith("actions/download-artifact@"),
    );
    const [mergeStep] = digestSteps("publish");
    expect(mergeStep?.with?.["merge-parts"]).toBe(download?.with?.path);
    expect(download?.with?.pattern).toBe(String(upload?.with?.name).replace(MATRIX_SHARD, "*"));
  });

  it("gives the shard and merge steps the same inputs, all of them inputs of the Action", () => {
    const [shardStep] = digestSteps("shard");
    const [mergeStep] = digestSteps("publish");
    const { shard: _shard, ...shardInputs } = shardStep?.with ?? {};
    const { "merge-parts": _parts, ...mergeInputs } = mergeStep?.with ?? {};
    expect(mergeInputs).toEqual(shardInputs);
    for (const name of [...Object.keys(shardStep?.with ?? {}), ...Object.keys(mergeStep?.with ?? {})])
      expect(INPUT_NAMES).toContain(name);
  });
});
