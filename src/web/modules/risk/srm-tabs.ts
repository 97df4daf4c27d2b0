/** The sections of an assessment's page, named in its URL (`?tab=`), so a section can be linked to. */
export const assessmentTabs = ["summary", "programme", "threats", "scenarios", "heatmap", "acceptable", "history"] as const;
export type AssessmentTab = (typeof assessmentTabs)[number];
