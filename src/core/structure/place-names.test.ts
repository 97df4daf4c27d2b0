import { describe, expect, it } from "vitest";
import { displayPlaceName } from "./place-names.ts";

const congo = ["Democratic Republic of the Congo", "Congo"];

describe("country-level Designated Area names", () => {
  it("shows a Designated Area named after its country in the reader's language", () => {
    const place = { kind: "designated_area", name: "Democratic Republic of the Congo", countryCode: "CD" };
    expect(displayPlaceName(place, congo, "République démocratique du Congo")).toBe("République démocratique du Congo");
    expect(displayPlaceName({ kind: "designated_area", name: "Haiti", countryCode: "HT" }, ["Haiti"], "Haïti")).toBe("Haïti");
  });

  it("keeps proper names: other kinds of place, and areas not named after their country", () => {
    expect(displayPlaceName({ kind: "duty_station", name: "Congo", countryCode: "CD" }, congo, "République démocratique du Congo")).toBe("Congo");
    expect(displayPlaceName({ kind: "designated_area", name: "Eastern DRC", countryCode: "CD" }, congo, "République démocratique du Congo")).toBe("Eastern DRC");
    expect(displayPlaceName({ kind: "designated_area", name: "Mali", countryCode: null }, ["Mali"], "Mali")).toBe("Mali");
  });
});
