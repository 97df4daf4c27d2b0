// The hostile workbooks are shared by every import's limit tests (platform/import).
export { paddedSheet, sheetOfRows, wideSheet, withDeclaredSize, workbookWithSheet } from "../../platform/import/hostile-workbooks.testing.ts";
