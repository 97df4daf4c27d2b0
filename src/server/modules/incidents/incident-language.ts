// The caller's language is shared by every module that words a refusal (platform/language).
export { callerLanguage } from "../../platform/language/caller-language.ts";
