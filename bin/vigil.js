#!/usr/bin/env node
// Launches the Vigil command line; TypeScript sources run through tsx's loader.
import { relaunchWithHeapLimit } from "./heap-limit.js";

// The server runs under a V8 heap limit (VIGIL_HEAP_MB); one-off commands keep node's default,
// so a large restore or import from the command line is not bounded by the server's setting.
// Before tsx is loaded: a relaunching process stays small while it waits for the server.
if (process.argv[2] === "serve") await relaunchWithHeapLimit();
const { register } = await import("tsx/esm/api");
register();
await import("../src/server/cli.ts");
