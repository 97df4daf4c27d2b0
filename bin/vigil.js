#!/usr/bin/env node
// Launches the Vigil command line from the server bundle (bin/server-bundle.js: rebuilt first when
// a source changed), or through tsx when the bundle cannot be built.
import { relaunchWithHeapLimit } from "./heap-limit.js";

// The server runs under a V8 heap limit (VIGIL_HEAP_MB); one-off commands keep node's default,
// so a large restore or import from the command line is not bounded by the server's setting.
// Before anything else is loaded: a relaunching process stays small while it waits for the server.
if (process.argv[2] === "serve") await relaunchWithHeapLimit();
const { runCli } = await import("./server-bundle.js");
await runCli();
