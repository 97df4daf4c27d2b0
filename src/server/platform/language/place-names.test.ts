import { describe, expect, it } from "vitest";
import { notificationText } from "../notify/notifications.ts";
import { areaNameIn, placeNameIn } from "./place-names.ts";

describe("country names on the server", () => {
  it("shows a country-named Designated Area in French, and keeps every other name", () => {
    const congo = { kind: "designated_area", name: "Democratic Republic of the Congo", countryCode: "CD" };
    expect(placeNameIn(congo, "fr")).toBe("République démocratique du Congo");
    expect(placeNameIn(congo, "en")).toBe("Democratic Republic of the Congo");
    expect(placeNameIn({ kind: "designated_area", name: "Haiti", countryCode: "HT" }, "fr")).toBe("Haïti");
    expect(placeNameIn({ kind: "security_area", name: "Mopti Security Area", countryCode: "ML" }, "fr")).toBe("Mopti Security Area");
    expect(placeNameIn({ kind: "designated_area", name: "Sahel", countryCode: "ML" }, "fr")).toBe("Sahel");
  });

  it("reads an area's name alone as its country's when it is one", () => {
    expect(areaNameIn("Haiti", "fr")).toBe("Haïti");
    expect(areaNameIn("Mopti Security Area", "fr")).toBe("Mopti Security Area");
    expect(areaNameIn("Haiti", "en")).toBe("Haiti");
  });
});

describe("notifications worded when read", () => {
  it("name a country-named area in the reader's language", () => {
    const row = { messageKey: "srm_submitted", params: { areaName: "Haiti", version: 2, submittedBy: "P/C/SA Haiti" }, title: null, body: null };
    expect(notificationText(row, "fr").title).toBe("GRS en attente de votre décision\u00a0: Haïti");
    expect(notificationText(row, "en").title).toBe("SRM awaiting your decision: Haiti");
  });
});
