import { describe, expect, it } from "vitest";
import {
  investigationStatuses,
  judicialStatuses,
  perpetratorKinds,
  victimCaseStatuses,
} from "../../../core/victims/victim-enums.ts";
import en from "../../app/i18n/en.json";
import fr from "../../app/i18n/fr.json";

// The register's enumerations are shown translated everywhere (list, form, history).
describe("the victims register's wording", () => {
  it("translates every value of its enumerations in English and French", () => {
    const groups = [
      ["perpetratorKinds", perpetratorKinds],
      ["investigationStatuses", investigationStatuses],
      ["judicialStatuses", judicialStatuses],
      ["statuses", victimCaseStatuses],
    ] as const;
    for (const catalogue of [en.victims, fr.victims]) {
      for (const [group, values] of groups) {
        const labels = catalogue[group] as Record<string, string>;
        expect(Object.keys(labels).sort(), group).toEqual([...values].sort());
      }
    }
  });
});
