import { useTranslation } from "react-i18next";

/**
 * The words of the shared import steps. Each import page keeps them under its own namespace
 * (`incidentExchange.import.read`, `certificateImport.import.read`…), worded for its records
 * ("3 incidents added", "3 certificates added"); the steps read them from the namespace they are
 * given. file-import.strings.test.ts checks that every namespace has every key in both languages.
 */
export const fileImportKeys = [
  "import.step1",
  "import.fileHint",
  "import.file",
  "import.chooseFile",
  "import.read",
  "import.step2",
  "import.found",
  "import.noRows",
  "import.sample",
  "import.row",
  "import.mappingHint",
  "import.mappedCount",
  "import.notMapped",
  "import.example",
  "import.step3",
  "import.importHint",
  "import.needsTitle",
  "import.submit",
  "import.another",
  "result.title",
  "result.inserted",
  "result.duplicates",
  "result.rejected",
  "result.errorsExplained",
  "result.errorsTable",
  "result.column",
  "result.problem",
] as const;
export type FileImportKey = (typeof fileImportKeys)[number];

/** The namespaces of the import pages. */
export const fileImportNamespaces = ["incidentExchange", "certificateImport"] as const;
export type FileImportNamespace = (typeof fileImportNamespaces)[number];

/** `text("import.read")` in the page's namespace. */
export function useImportText(namespace: FileImportNamespace) {
  const { t, i18n } = useTranslation();
  const text = (key: FileImportKey, values?: Record<string, unknown>): string => t(`${namespace}.${key}`, values ?? {});
  return { text, t, i18n };
}
