import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { syncedReadme } from "../scripts/action-docs.js";
import { INPUT_NAMES } from "../src/config/inputs.js";
import { projectPath } from "./support/project.js";

const readme = readFileSync(projectPath("README.md"), "utf8");
const actionYml = readFileSync(projectPath("action.yml"), "utf8");

describe("the Action's documentation", () => {
  it("has the README's inputs and outputs tables exactly as action.yml renders them (npm run docs)", () => {
    expect(readme).toBe(syncedReadme(readme, actionYml));
  });

  it("declares in action.yml every input the code reads, each with a description", () => {
    const action = parse(actionYml) as {
      inputs: Record<string, { description?: string }>;
      runs: { using: string };
    };
    expect(Object.keys(action.inputs).sort()).toEqual([...INPUT_NAMES].sort());
    for (const input of Object.values(action.inputs)) expect(input.description?.length).toBeGreaterThan(10);
    expect(action.runs.using).toBe("node24");
  });

  it("names the test command that CI runs", () => {
    expect(readme).toContain("npm ci && npm test");
    expect(readFileSync(projectPath(".ci/run"), "utf8")).toContain("npm test");
  });
});
