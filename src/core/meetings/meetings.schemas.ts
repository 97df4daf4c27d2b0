import { z } from "zod";
import { patchOf } from "../structure/patch.ts";
import { isoDate, requiredText, uuidSchema } from "../structure/structure.schemas.ts";

export const meetingBodies = ["smt", "asmt", "security_cell"] as const;
export type MeetingBody = (typeof meetingBodies)[number];

export const attendances = ["present", "absent", "observer"] as const;
export type Attendance = (typeof attendances)[number];

export const actionPointKinds = ["decision", "action"] as const;
export type ActionPointKind = (typeof actionPointKinds)[number];

export const actionPointStatuses = ["open", "done", "cancelled"] as const;
export type ActionPointStatus = (typeof actionPointStatuses)[number];

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { message: `must be one of ${values.join(", ")}` });

export const attendeeInput = z.object({ personId: uuidSchema, attendance: oneOf(attendances) });

export const meetingInput = z.object({
  body: oneOf(meetingBodies),
  placeId: uuidSchema,
  heldOn: isoDate,
  title: requiredText(200),
  location: z.string().trim().max(200).nullable().optional(),
  minutesHtml: z.string().max(200_000, { message: "is too long" }).default(""),
  attendees: z.array(attendeeInput).max(200).default([]),
});
export type MeetingInput = z.infer<typeof meetingInput>;
export const meetingPatch = patchOf(meetingInput.omit({ body: true, placeId: true }));

export const actionPointInput = z.object({
  kind: oneOf(actionPointKinds),
  text: requiredText(2000),
  ownerPersonId: uuidSchema.nullable().optional(),
  dueOn: isoDate.nullable().optional(),
  status: oneOf(actionPointStatuses).default("open"),
});
export const actionPointPatch = patchOf(actionPointInput);

/** Which place kind each body sits on: the SMT and Security Cell per Designated Area, the ASMT per Security Area. */
export const bodyPlaceKind: Record<MeetingBody, "designated_area" | "security_area"> = {
  smt: "designated_area",
  asmt: "security_area",
  security_cell: "designated_area",
};
