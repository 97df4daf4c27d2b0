/** The translation groups made at build time by scripts/vite/translation-groups.ts. */
declare module "virtual:vigil-strings" {
  type Strings = Record<string, unknown>;
  /** The sign-in page's and the shell's strings, in both languages. */
  export const base: Record<"en" | "fr", Strings>;
  /** Every other group, one lazily loaded chunk per language. */
  export const groups: Record<"en" | "fr", Record<string, () => Promise<{ default: Strings }>>>;
}
