import { z } from "zod";
import { systemRoles } from "./roles.ts";

export const locales = ["en", "fr"] as const;
export type Locale = (typeof locales)[number];

export const loginInput = z.object({
  email: z.string().trim().min(1, { message: "is required" }).max(254),
  password: z.string().min(1, { message: "is required" }).max(256),
});

export const passwordField = z.string().min(1, { message: "is required" }).max(256);

export const userInput = z.object({
  email: z.email({ message: "must be an e-mail address" }).transform((value) => value.toLowerCase()),
  displayName: z.string().trim().min(1, { message: "is required" }).max(120),
  password: passwordField,
  systemRoles: z.array(z.enum(systemRoles)).default([]),
  personId: z.uuid().nullable().optional(),
  locale: z.enum(locales).default("en"),
});

export const userPatch = z.object({
  displayName: z.string().trim().min(1, { message: "is required" }).max(120).optional(),
  systemRoles: z.array(z.enum(systemRoles)).optional(),
  isActive: z.boolean().optional(),
  password: passwordField.optional(),
  personId: z.uuid().nullable().optional(),
  locale: z.enum(locales).optional(),
});

export const mePatch = z.object({
  locale: z.enum(locales).optional(),
  displayName: z.string().trim().min(1).max(120).optional(),
  currentPassword: z.string().max(256).optional(),
  newPassword: passwordField.optional(),
});

/** What a personal API token may do: `read` (GET and HEAD only) or `read_write`. */
export const tokenScopes = ["read", "read_write"] as const;
export type TokenScope = (typeof tokenScopes)[number];

export const tokenInput = z.object({
  name: z.string().trim().min(1, { message: "is required" }).max(80),
  scope: z.enum(tokenScopes, { message: "must be read or read_write" }).default("read"),
  expiresInDays: z.number().int().min(1).max(730).nullable().optional(),
});
