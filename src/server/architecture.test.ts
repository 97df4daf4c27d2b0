import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const srcRoot = fileURLToPath(new URL("..", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

const files = sourceFiles(srcRoot);
const importPattern = /(?:import|export)[^"']*?from\s+["'](\.[^"']+)["']|import\(\s*["'](\.[^"']+)["']\s*\)/g;

function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const found: string[] = [];
  for (const match of text.matchAll(importPattern)) {
    const specifier = match[1] ?? match[2];
    found.push(path.resolve(path.dirname(file), specifier));
  }
  return found;
}

const graph = new Map(files.map((file) => [file, importsOf(file)]));
const relative = (file: string) => path.relative(srcRoot, file);

describe("module boundaries", () => {
  it("has no import cycles", () => {
    const cycles: string[] = [];
    const state = new Map<string, "visiting" | "done">();
    const stack: string[] = [];
    const visit = (file: string) => {
      if (state.get(file) === "done") return;
      if (state.get(file) === "visiting") {
        cycles.push([...stack.slice(stack.indexOf(file)), file].map(relative).join(" → "));
        return;
      }
      state.set(file, "visiting");
      stack.push(file);
      for (const target of graph.get(file) ?? []) if (graph.has(target)) visit(target);
      stack.pop();
      state.set(file, "done");
    };
    for (const file of files) visit(file);
    expect(cycles).toEqual([]);
  });

  it("imports another server module only through its index.ts", () => {
    const offences: string[] = [];
    for (const [file, targets] of graph) {
      const from = /server\/modules\/([^/]+)\//.exec(file)?.[1];
      for (const target of targets) {
        const to = /server\/modules\/([^/]+)\/(.+)$/.exec(target);
        if (!to || to[1] === from) continue;
        const isTestHarness = file.includes("/server/testing/");
        // A module's authorization matrix cases are test data for the matrix and the input tests outside any module.
        const isMatrixCases = !from && to[2].endsWith(".matrix.ts");
        if (to[2] !== "index.ts" && !isTestHarness && !isMatrixCases) offences.push(`${relative(file)} imports ${relative(target)}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it("keeps the platform free of modules and the core free of server and web code", () => {
    const offences: string[] = [];
    for (const [file, targets] of graph) {
      for (const target of targets) {
        if (file.includes("/server/platform/") && target.includes("/server/modules/") && !file.endsWith(".test.ts")) {
          offences.push(`${relative(file)} imports ${relative(target)}`);
        }
        if (file.includes("/core/") && (target.includes("/server/") || target.includes("/web/"))) {
          offences.push(`${relative(file)} imports ${relative(target)}`);
        }
        if (file.includes("/web/") && target.includes("/server/")) offences.push(`${relative(file)} imports ${relative(target)}`);
      }
    }
    expect(offences).toEqual([]);
  });
});

describe("docs/ARCHITECTURE.md", () => {
  const projectRoot = fileURLToPath(new URL("../..", import.meta.url));
  const listed = new Set(
    [...readFileSync(path.join(projectRoot, "docs/ARCHITECTURE.md"), "utf8").matchAll(/^\| `([^`]+\/)` \|/gm)].map((match) => match[1]),
  );

  function folders(relativeDir: string): string[] {
    const inside = readdirSync(path.join(projectRoot, relativeDir), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .flatMap((entry) => folders(`${relativeDir}${entry.name}/`));
    return [relativeDir, ...inside];
  }

  it("has one line for every folder, and none for a folder that is gone", () => {
    const actual = ["src/", "bench/", "e2e/", "scripts/", "bin/", "drizzle/", "docs/"].flatMap(folders);
    expect(actual.filter((folder) => !listed.has(folder))).toEqual([]);
    expect([...listed].filter((folder) => !actual.includes(folder))).toEqual([]);
  });
});
