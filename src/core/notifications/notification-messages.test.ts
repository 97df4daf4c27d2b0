import { describe, expect, it } from "vitest";
import { notificationTemplates, renderNotification } from "./notification-messages.ts";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe("notification catalogue", () => {
  it("has every template in English and French with the same placeholders", () => {
    for (const [key, byLanguage] of Object.entries(notificationTemplates)) {
      expect(Object.keys(byLanguage).sort(), key).toEqual(["en", "fr"]);
      for (const part of ["title", "body"] as const) {
        expect(placeholders(byLanguage.fr[part]), `${key}.${part}`).toEqual(placeholders(byLanguage.en[part]));
        expect(byLanguage.fr[part], `${key}.${part}`).not.toBe(byLanguage.en[part]);
      }
    }
  });

  it("words a template in the reader's language, with French typography", () => {
    const message = { key: "srm_submitted", params: { areaName: "Mopti", version: 2, submittedBy: "P/C/SA Mali" } } as const;
    expect(renderNotification(message, "en").title).toBe("SRM awaiting your decision: Mopti");
    expect(renderNotification(message, "fr").title).toBe("GRS en attente de votre décision\u00A0: Mopti");
  });

  it("says nothing of a sensitive incident but that one was submitted", () => {
    const rendered = renderNotification({ key: "flash_alert", params: { isSensitive: true } }, "fr");
    expect(rendered.title).toBe("Alerte flash\u00A0: incident sensible signalé");
  });
});
