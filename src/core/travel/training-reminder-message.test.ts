import { describe, expect, it } from "vitest";
import { renderNotification } from "../notifications/notification-messages.ts";
import { trainingReminderMessage } from "./training-reminder-message.ts";

const facts = {
  personName: "Awa Traoré",
  courseCode: "BSAFE",
  courseNameEn: "BSAFE (basic security in the field)",
  courseNameFr: "BSAFE (sécurité de base sur le terrain)",
  expiresOn: "2027-02-25",
  daysLeft: 14,
};

describe("the training expiry reminder", () => {
  it("reads in the reader's language, the course under its name in that language, with French typography", () => {
    expect(renderNotification({ key: "training_expiry", params: facts }, "en")).toEqual({
      title: "Training certificate expiring: BSAFE — Awa Traoré",
      body: "BSAFE (basic security in the field): expires on 2027-02-25, in 14 days.",
    });
    expect(renderNotification({ key: "training_expiry", params: facts }, "fr")).toEqual({
      title: "Certificat de formation arrivant à expiration\u00A0: BSAFE — Awa Traoré",
      body: "BSAFE (sécurité de base sur le terrain)\u00A0: date d'expiration 2027-02-25, dans 14 jours.",
    });
  });

  it("says today and one day as such, and links the person's page in the e-mail", () => {
    const message = trainingReminderMessage({ ...facts, daysLeft: 0, link: "https://vigil.example.org/personnel/p1" }, "en");
    expect(message.text).toContain("Expires on: 2027-02-25 (today)");
    expect(message.text).toContain("Open the person's page: https://vigil.example.org/personnel/p1");
    expect(trainingReminderMessage({ ...facts, daysLeft: 1, link: "" }, "fr").body).toContain("dans 1 jour.");
  });
});
