import type { AppointmentRole } from "./roles.ts";

/**
 * Which sections of the register apply to the holder of each appointment: their own
 * section, plus the body they sit on (Framework of Accountability annex). Every person
 * also carries the "personnel" section. Wardens and desk officers have no section of their own in
 * the annex.
 */
export const responsibilityKeysByRole: Record<AppointmentRole, readonly string[]> = {
  do: ["do", "smt"],
  do_ai: ["do", "smt"],
  asc: ["asc", "asmt"],
  asc_ai: ["asc", "asmt"],
  pcsa: ["pcsa", "smt", "security_cell"],
  asa: ["asa", "asmt"],
  csfp: ["csfp", "smt"],
  org_representative: ["org_representative", "smt"],
  org_security_focal_point: ["org_security_focal_point", "security_cell"],
  security_cell_member: ["security_cell_member", "security_cell"],
  warden: [],
  desk_officer: [],
};

export function responsibilityKeysFor(roles: readonly AppointmentRole[]): string[] {
  return [...new Set(roles.flatMap((role) => responsibilityKeysByRole[role])), "personnel"];
}
