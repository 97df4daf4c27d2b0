import { randomUUID } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { hasPermission } from "../../core/access/scope.ts";
import { importLimitMessages, maxImportFileBytes } from "../../core/import-limits.ts";
import { importDefaultsInput, importMappingInput } from "../../core/incidents/incident-import-fields.ts";
import { findUserByEmail } from "../modules/accounts/index.ts";
import { loadAppointmentGrants } from "../modules/appointments/index.ts";
import { importIncidentFile } from "../modules/incidents/index.ts";
import { systemGrants } from "../platform/auth/auth.service.ts";
import type { Database } from "../platform/db/database.ts";
import { serviceContext } from "../platform/http/context.ts";
import { AppError } from "../platform/http/errors.ts";
import { insertGeneratedIncidents } from "../seed/incident-generator.ts";

/** Exit codes: 1 nothing could be imported, 2 the file, mapping or user is unusable. */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

const shownErrors = 20;

/** `{"mapping": {...}, "defaults": {...}}`, or a mapping alone (target field → column header). */
const mappingFile = z.union([
  z.object({ mapping: importMappingInput.optional(), defaults: importDefaultsInput.optional() }).strict(),
  importMappingInput.transform((mapping) => ({ mapping, defaults: undefined })),
]);

async function readMappingFile(file: string) {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new CommandError(`Cannot read the mapping file ${file}: ${(error as Error).message}`, 2);
  }
  const parsed = mappingFile.safeParse(value);
  if (!parsed.success) throw new CommandError(`The mapping file ${file} is not valid: ${parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`).join("; ")}`, 2);
  return parsed.data;
}

/** The account's rights, as the web would give them: system roles plus appointments in force today. */
async function actingAs(database: Database, email: string) {
  const user = await findUserByEmail(database.db, email);
  if (!user) throw new CommandError(`No account with e-mail ${email}`, 2);
  const fromAppointments = await loadAppointmentGrants(database, user.id);
  const actor = { userId: user.id, personId: fromAppointments.personId, displayName: user.displayName, grants: [...systemGrants(user), ...fromAppointments.grants] };
  if (!hasPermission(actor, "incident.import")) throw new CommandError(`${email} may not import incidents (incident.import: the P/C/SA, ASA or CSFP of an area)`, 2);
  return serviceContext(database, actor, `cli-import-${randomUUID()}`);
}

export async function importIncidentsCommand(database: Database, file: string, options: { user: string; mapping?: string }) {
  let content: Buffer;
  try {
    // The import limits hold here as on the web: a file over the size limit is not even read.
    if ((await stat(file)).size > maxImportFileBytes) throw new CommandError(`${file} ${importLimitMessages.fileBytes}`, 2);
    content = await readFile(file);
  } catch (error) {
    if (error instanceof CommandError) throw error;
    throw new CommandError(`Cannot read ${file}: ${(error as Error).message}`, 2);
  }
  const settings = options.mapping ? await readMappingFile(options.mapping) : { mapping: undefined, defaults: undefined };
  const context = await actingAs(database, options.user);
  // Loaded here: `vigil serve` never draws a progress bar, so its start does not load it.
  const { default: cliProgress } = await import("cli-progress");
  const bar = new cliProgress.SingleBar({ format: "Storing incidents [{bar}] {value}/{total} rows | {duration}s", hideCursor: true }, cliProgress.Presets.shades_classic);
  let started = false;
  const result = await importIncidentFile(context, {
    fileName: path.basename(file),
    content,
    mapping: settings.mapping,
    defaults: settings.defaults,
    onProgress: ({ done, total }) => {
      if (!started) bar.start(total, 0);
      started = true;
      bar.update(done);
    },
  })
    .catch((error: unknown) => {
      if (error instanceof AppError) throw new CommandError(`${error.message}`, 2);
      throw error;
    })
    .finally(() => started && bar.stop());
  console.log(`Imported ${result.inserted} incident(s); ${result.duplicates} duplicate(s) already imported; ${result.rejected} row(s) refused.`);
  for (const error of result.errors.slice(0, shownErrors)) console.log(`  row ${error.row}, ${error.field}: ${error.message}`);
  if (result.errors.length > shownErrors) console.log(`  … and ${result.errors.length - shownErrors} more problem(s), ${result.errors.length} in all.`);
  if (result.inserted + result.duplicates === 0) throw new CommandError("Nothing could be imported.", 1);
}

export async function generateIncidentsCommand(database: Database, options: { count: string; seed?: string; audit?: "each" | "batch"; batchSize?: string }) {
  const count = Number(options.count);
  const seed = options.seed === undefined ? undefined : Number(options.seed);
  if (!Number.isInteger(count) || count < 1) throw new CommandError("--count must be a whole number of incidents", 2);
  if (seed !== undefined && !Number.isInteger(seed)) throw new CommandError("--seed must be a whole number", 2);
  const { default: cliProgress } = await import("cli-progress");
  const bar = new cliProgress.SingleBar({ format: "Generating incidents [{bar}] {value}/{total} | {duration}s", hideCursor: true }, cliProgress.Presets.shades_classic);
  const started = performance.now();
  bar.start(count, 0);
  try {
    const { inserted } = await insertGeneratedIncidents(database, {
      count,
      seed,
      audit: options.audit,
      batchSize: options.batchSize ? Number(options.batchSize) : undefined,
      onProgress: (done) => bar.update(done),
    });
    bar.stop();
    const seconds = (performance.now() - started) / 1000;
    console.log(`Generated ${inserted} incident(s) in ${seconds.toFixed(1)} s (${Math.round(inserted / seconds)} a second)${inserted < count ? `; ${count - inserted} already there (same seed)` : ""}.`);
  } catch (error) {
    bar.stop();
    throw error;
  }
}
