import { describe, expect, it } from "vitest";
import { transportModes } from "../../../core/travel/clearance.ts";
import { requestKinds } from "../../../core/travel/itinerary.ts";
import en from "../../app/i18n/en.json";
import fr from "../../app/i18n/fr.json";
import { legStatuses, requestStatuses, stepActions } from "./travel-labels.ts";

// Statuses, transport and the trip's steps are shown in words everywhere (lists, trip page, queue, history).
describe("the travel pages' wording", () => {
  it("translates every value of the travel enumerations in English and French", () => {
    const groups = [
      ["statuses", requestStatuses],
      ["legStatuses", legStatuses],
      ["transport", transportModes],
      ["kinds", requestKinds],
    ] as const;
    for (const catalogue of [en.travel, fr.travel]) {
      for (const [group, values] of groups) {
        expect(Object.keys(catalogue[group]).sort(), group).toEqual([...values].sort());
      }
      expect(Object.keys(catalogue.history.actions).sort()).toEqual([...stepActions].sort());
      // Every standing a leg can be in that is not spelt out by its reviewer.
      for (const status of legStatuses.filter((one) => one !== "cleared" && one !== "review")) expect(catalogue.standing).toHaveProperty(status);
    }
  });
});
