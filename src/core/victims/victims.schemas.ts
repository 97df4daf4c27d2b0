import { z } from "zod";
import { isoDate, requiredText, uuidSchema } from "../structure/structure.schemas.ts";
import { patchOf } from "../structure/patch.ts";
import { investigationStatuses, judicialStatuses, perpetratorKinds } from "./victim-enums.ts";

const oneOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { message: `must be one of ${values.join(", ")}` });
const optionalText = (max: number) => z.string().trim().max(max, { message: `must be at most ${max} characters` }).nullable().optional();

/**
 * A case of the confidential follow-up register: one victim of a serious crime or act of
 * violence, linked to its incident (IASMN 2015, "ending impunity").
 */
export const victimCaseInput = z.object({
  incidentId: uuidSchema.describe("The incident the case follows up; the caller must be able to read it"),
  victimPersonId: uuidSchema.nullable().optional().describe("The victim's personnel record; the name is then taken from it"),
  victimName: requiredText(200).nullable().optional().describe("The victim's name, when there is no personnel record"),
  perpetratorKind: oneOf(perpetratorKinds),
  perpetratorDetail: optionalText(1000),
  investigationStatus: oneOf(investigationStatuses).default("not_reported"),
  judicialStatus: oneOf(judicialStatuses).default("none"),
  nextOfKinFocalPointName: optionalText(200).describe("Who keeps in touch with the next of kin"),
  nextOfKinFocalPointContact: optionalText(200),
  notes: optionalText(5000),
});
export type VictimCaseInput = z.infer<typeof victimCaseInput>;

/** The incident of a case never changes: its place decides who may see the case. */
export const victimCasePatch = patchOf(victimCaseInput.omit({ incidentId: true }));
export type VictimCasePatch = z.infer<typeof victimCasePatch>;

export const victimCaseTransition = z.object({
  to: z.enum(["open", "closed"], { message: "must be open or closed" }).describe("closed to close the case, open to reopen it"),
});

export const followUpInput = z.object({
  action: requiredText(1000),
  dueDate: isoDate,
  ownerName: optionalText(200).describe("Who is to act"),
});
export type FollowUpInput = z.infer<typeof followUpInput>;

export const followUpPatch = patchOf(followUpInput).extend({
  isDone: z.boolean({ message: "must be true or false" }).optional().describe("true marks the action done (time-stamped), false undone"),
});
export type FollowUpPatch = z.infer<typeof followUpPatch>;
