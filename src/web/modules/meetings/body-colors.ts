import type { MeetingBody } from "../../app/domain.ts";

export const bodyColors: Record<MeetingBody, string> = { smt: "vigil", asmt: "indigo", security_cell: "teal" };
