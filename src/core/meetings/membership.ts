import type { AppointmentRole } from "../access/roles.ts";
import type { MeetingBody } from "./meetings.schemas.ts";

export type Membership = "chair" | "member" | "observer";

/**
 * Who sits on each body, derived from appointments (Framework of Accountability, annex):
 * - SMT: chaired by the DO; representatives, the P/C/SA and a CSFP are members; organisation
 *   security personnel attend as observers (N.7, O.5).
 * - Area SMT: chaired by the ASC, advised by the ASA.
 * - Security Cell: chaired by the P/C/SA (K.14); organisation security personnel are members.
 */
export const bodyMembership: Record<MeetingBody, Partial<Record<AppointmentRole, Membership>>> = {
  smt: {
    do: "chair",
    do_ai: "chair",
    org_representative: "member",
    pcsa: "member",
    csfp: "member",
    org_security_focal_point: "observer",
  },
  asmt: {
    asc: "chair",
    asc_ai: "chair",
    asa: "member",
    org_representative: "member",
    org_security_focal_point: "observer",
  },
  security_cell: {
    pcsa: "chair",
    csfp: "member",
    asa: "member",
    org_security_focal_point: "member",
    security_cell_member: "member",
  },
};

const rank: Record<Membership, number> = { chair: 0, member: 1, observer: 2 };

/** One line per person, keeping their highest standing when they hold several roles. */
export function deriveMembers<T extends { personId: string; role: AppointmentRole }>(
  body: MeetingBody,
  appointments: readonly T[],
): (T & { membership: Membership })[] {
  const byPerson = new Map<string, T & { membership: Membership }>();
  for (const appointment of appointments) {
    const membership = bodyMembership[body][appointment.role];
    if (!membership) continue;
    const existing = byPerson.get(appointment.personId);
    if (!existing || rank[membership] < rank[existing.membership]) {
      byPerson.set(appointment.personId, { ...appointment, membership });
    }
  }
  return [...byPerson.values()].sort((a, b) => rank[a.membership] - rank[b.membership]);
}
