import * as tables from "./tables.ts";

/** The typed schema Drizzle uses for queries on either database. */
export const schema = tables;
export type Schema = typeof tables;
