/**
 * Roles of the UNSMS (Framework of Accountability, annex). Appointment roles are held
 * through a written appointment scoped to a place (and sometimes an organisation);
 * system roles are flags on an account and are not appointments.
 */
export const appointmentRoles = [
  "do",
  "do_ai",
  "asc",
  "asc_ai",
  "pcsa",
  "asa",
  "csfp",
  "org_representative",
  "org_security_focal_point",
  "security_cell_member",
  "warden",
  "desk_officer",
] as const;
export type AppointmentRole = (typeof appointmentRoles)[number];

// aviation_risk: the headquarters aviation risk role (issue 13 §5): keeps the categories of air
// operators and records the USG UNDSS's decision on a very high Risk Management Tool assessment.
export const systemRoles = ["system_admin", "global_analyst", "aviation_risk"] as const;
export type SystemRole = (typeof systemRoles)[number];

/**
 * Every signed-in user holds "authenticated" everywhere. Every user with a person record also
 * holds "personnel" at their own duty station (DOMAIN: personnel must report incidents), with
 * or without an appointment; what a person may do over their own record is in the personnel policy.
 */
export type Role = AppointmentRole | SystemRole | "authenticated" | "personnel";

export type PlaceKind = "designated_area" | "security_area" | "duty_station";

type RoleRule = {
  /** Kind of place the appointment is made on. */
  placeKinds: readonly PlaceKind[];
  /** Whether the appointment names an organisation (representatives, organisation SFPs). */
  hasOrganisation: boolean;
  /**
   * Single-holder "slot": appointments in the same slot may not overlap. The DO function
   * must be continuous and held by exactly one DO or DO a.i. (Framework of Accountability),
   * so DO and DO a.i. share one slot; likewise ASC and ASC a.i.
   */
  slot: string | null;
};

export const roleRules: Record<AppointmentRole, RoleRule> = {
  do: { placeKinds: ["designated_area"], hasOrganisation: false, slot: "do" },
  do_ai: { placeKinds: ["designated_area"], hasOrganisation: false, slot: "do" },
  asc: { placeKinds: ["security_area"], hasOrganisation: false, slot: "asc" },
  asc_ai: { placeKinds: ["security_area"], hasOrganisation: false, slot: "asc" },
  pcsa: { placeKinds: ["designated_area"], hasOrganisation: false, slot: "pcsa" },
  asa: { placeKinds: ["security_area"], hasOrganisation: false, slot: "asa" },
  csfp: { placeKinds: ["designated_area"], hasOrganisation: false, slot: "csfp" },
  org_representative: { placeKinds: ["designated_area"], hasOrganisation: true, slot: "org_representative" },
  org_security_focal_point: {
    placeKinds: ["designated_area", "security_area"],
    hasOrganisation: true,
    slot: null,
  },
  security_cell_member: {
    placeKinds: ["designated_area", "security_area"],
    hasOrganisation: true,
    slot: null,
  },
  warden: { placeKinds: ["designated_area", "security_area", "duty_station"], hasOrganisation: false, slot: null },
  // The UNDSS headquarters desk officer for a country: follows its SRM and endorses its
  // security levels for UNDSS. Not a member of the SMT.
  desk_officer: { placeKinds: ["designated_area"], hasOrganisation: false, slot: null },
};

/** Roles whose function must be continuous: an area without one in force is a gap. */
export const continuousSlots = { designated_area: "do", security_area: "asc" } as const;
