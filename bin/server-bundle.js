// The server built ahead of time: src/server/cli.ts and everything it imports from src/ as one
// ES module, dist/server/cli.js, so that a start loads plain JavaScript instead of compiling
// TypeScript through tsx (about 3 s of a 3–5 s start). Packages stay in node_modules (PGlite's
// wasm, pg-boss, argon2's native binding load from there as they do without the bundle).
//
// The bundle is used only while it matches its sources: the manifest beside it lists every file
// the build read (esbuild's metafile) with its size and modification time, and any difference,
// newer or older, makes it stale. Checking it costs one stat per source file (a few milliseconds).
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
export const defaultOutDir = path.join(root, "dist", "server");
const entry = path.join(root, "src", "server", "cli.ts");
/** This file decides how the bundle is made: a change to it makes every bundle stale. */
const thisFile = fileURLToPath(import.meta.url);

/** `{ file: [mtimeMs, size] }` of the files given (paths relative to the repository). */
function stamps(files) {
  return Object.fromEntries(
    files.map((file) => {
      const stat = statSync(path.join(root, file));
      return [file, [stat.mtimeMs, stat.size]];
    }),
  );
}

/** True when the bundle in outDir was built from the sources as they are now. */
export function isFresh(outDir = defaultOutDir) {
  try {
    const manifest = JSON.parse(readFileSync(path.join(outDir, "cli.inputs.json"), "utf8"));
    if (!existsSync(path.join(outDir, "cli.js"))) return false;
    return Object.entries(manifest.inputs).every(([file, [mtimeMs, size]]) => {
      const stat = statSync(path.join(root, file), { throwIfNoEntry: false });
      return stat !== undefined && stat.mtimeMs === mtimeMs && stat.size === size;
    });
  } catch {
    return false;
  }
}

/**
 * esbuild puts every module in one file, so `import.meta.url` would name the bundle instead of the
 * source file, and paths computed from it (the migrations folder, dist/web) would miss. It is
 * rewritten into the source file's URL, relative to the bundle, so the repository can move.
 */
function sourceLocationPlugin(outDir) {
  return {
    name: "source-location",
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        const text = readFileSync(args.path, "utf8");
        if (!text.includes("import.meta")) return undefined;
        if (/import\.meta\.(?:dirname|filename|resolve)\b/.test(text)) {
          return { errors: [{ text: "only import.meta.url is relocated in the server bundle: derive paths from it" }] };
        }
        const relative = path.relative(outDir, args.path).split(path.sep).join("/");
        return { contents: text.replaceAll("import.meta.url", `new URL(${JSON.stringify(relative)}, import.meta.url).href`), loader: "ts" };
      });
    },
  };
}

/**
 * Builds the bundle into outDir. Two processes may build at the same moment (tests start several
 * servers at once): each writes its own temporary files and renames them into place, the bundle
 * before its manifest, so a reader never sees a half-written file nor a manifest newer than the
 * bundle it describes.
 */
export async function buildBundle(outDir = defaultOutDir) {
  const esbuild = await import("esbuild");
  // Stamped before the build reads them: a file saved during the build leaves the bundle stale.
  const before = new Map();
  const outfile = path.join(outDir, "cli.js");
  try {
    const result = await esbuild.build({
      absWorkingDir: root,
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      packages: "external",
      // Class and function names as in the sources (error names, logs): no renaming on collisions.
      keepNames: true,
      sourcemap: "linked",
      sourcesContent: false,
      metafile: true,
      write: false,
      logLevel: "silent",
      plugins: [
        {
          name: "stamp-inputs",
          setup(build) {
            build.onLoad({ filter: /.*/ }, (args) => {
              const stat = statSync(args.path);
              before.set(path.relative(root, args.path).split(path.sep).join("/"), [stat.mtimeMs, stat.size]);
              return undefined;
            });
          },
        },
        sourceLocationPlugin(outDir),
      ],
    });
    const inputs = Object.fromEntries(Object.keys(result.metafile.inputs).map((file) => [file, before.get(file) ?? [0, -1]]));
    Object.assign(inputs, stamps([path.relative(root, thisFile).split(path.sep).join("/")]));
    mkdirSync(outDir, { recursive: true });
    const unique = `${process.pid}-${Math.random().toString(36).slice(2)}`;
    const written = [];
    try {
      for (const file of result.outputFiles) {
        const temporary = `${file.path}.${unique}.tmp`;
        writeFileSync(temporary, file.contents);
        written.push([temporary, file.path]);
      }
      const manifest = path.join(outDir, "cli.inputs.json");
      writeFileSync(`${manifest}.${unique}.tmp`, JSON.stringify({ builtAt: new Date().toISOString(), inputs }));
      written.push([`${manifest}.${unique}.tmp`, manifest]);
      // The source map, then the bundle, then the manifest that declares it fresh.
      written.sort(([, a], [, b]) => rank(a) - rank(b));
      for (const [temporary, final] of written) renameSync(temporary, final);
    } finally {
      for (const [temporary] of written) rmSync(temporary, { force: true });
    }
    return outfile;
  } finally {
    await esbuild.stop();
  }
}

function rank(file) {
  if (file.endsWith(".map")) return 0;
  if (file.endsWith(".js")) return 1;
  return 2;
}

/**
 * Runs the command line in this process: from the bundle, rebuilt first when stale, or through
 * tsx when it cannot be built (the error is shown; tsx then reports a syntax error where it is).
 */
export async function runCli() {
  let bundle = null;
  if (isFresh()) bundle = path.join(defaultOutDir, "cli.js");
  else {
    try {
      bundle = await buildBundle();
    } catch (error) {
      console.warn(`The server bundle could not be built (${error instanceof Error ? error.message.split("\n")[0] : error}); running the TypeScript sources through tsx.`);
    }
  }
  if (bundle) {
    // Stack traces name the bundle's lines, under each module's original path in a comment above
    // them. NODE_OPTIONS=--enable-source-maps names the TypeScript files instead: not by default,
    // as node then reads the source map of every package that ships one (0.3 s more to start).
    await import(pathToFileURL(bundle).href);
    return;
  }
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/server/cli.ts");
}

// `node bin/server-bundle.js`: builds the bundle when it is stale (npm run build, npm test).
if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  if (isFresh()) console.log("The server bundle is up to date.");
  else {
    await buildBundle();
    console.log(`Built the server: ${path.relative(process.cwd(), path.join(defaultOutDir, "cli.js"))}`);
  }
}
