#!/usr/bin/env node
// Launches the Vigil command line; TypeScript sources run through tsx's loader.
import { register } from "tsx/esm/api";

register();
await import("../src/server/cli.ts");
