/**
 * Enumerations the screens need. Roles come straight from src/core (plain data). The other lists
 * live in zod schema files; importing those would pull zod into every page, so they are repeated
 * here and tied to the core types at compile time: a value added on one side and not the other
 * fails `tsc`.
 */

import { appointmentRoles as appointmentRolesList } from "../../core/access/roles.ts";
import type {
  ActionPointKind,
  ActionPointStatus,
  Attendance,
  MeetingBody,
} from "../../core/meetings/meetings.schemas.ts";
import type {
  DependantRelationship,
  PersonnelCategory,
  RecruitmentType,
  Sex,
} from "../../core/personnel/personnel.schemas.ts";
import type { OrganisationKind, PlaceKind } from "../../core/structure/structure.schemas.ts";

export {
  type AppointmentRole,
  appointmentRoles,
  roleRules,
  type SystemRole,
  systemRoles,
} from "../../core/access/roles.ts";
export type {
  ActionPointKind,
  ActionPointStatus,
  Attendance,
  DependantRelationship,
  MeetingBody,
  OrganisationKind,
  PersonnelCategory,
  PlaceKind,
  RecruitmentType,
  Sex,
};

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
function exactly<T>() {
  return <const V extends readonly T[]>(values: V & (Same<V[number], T> extends true ? unknown : never)) => values;
}

export const organisationKinds = exactly<OrganisationKind>()([
  "secretariat",
  "fund_programme",
  "specialised_agency",
  "related_organisation",
]);
export const placeKinds = exactly<PlaceKind>()(["designated_area", "security_area", "duty_station"]);
export const sexes = exactly<Sex>()(["female", "male", "other"]);
export const recruitmentTypes = exactly<RecruitmentType>()([
  "international",
  "locally_recruited",
  "national_not_locally_recruited",
]);
export const personnelCategories = exactly<PersonnelCategory>()([
  "professional",
  "general_service",
  "national_officer",
  "field_service",
  "senior_leadership",
  "consultant",
  "volunteer",
]);
export const dependantRelationships = exactly<DependantRelationship>()(["spouse", "child", "other"]);
export const meetingBodies = exactly<MeetingBody>()(["smt", "asmt", "security_cell"]);
export const attendances = exactly<Attendance>()(["present", "absent", "observer"]);
export const actionPointKinds = exactly<ActionPointKind>()(["decision", "action"]);
export const actionPointStatuses = exactly<ActionPointStatus>()(["open", "done", "cancelled"]);

/** Which place kind each body sits on (mirrors bodyPlaceKind in src/core/meetings). */
export const bodyPlaceKind: Record<MeetingBody, "designated_area" | "security_area"> = {
  smt: "designated_area",
  asmt: "security_area",
  security_cell: "designated_area",
};

/** Role keys of the responsibilities register (GET /api/responsibilities?role=): roles, personnel and bodies. */
export const registerBodyKeys = ["smt", "asmt", "security_cell"] as const;
export const registerRoleKeys = [...appointmentRolesList, "personnel", ...registerBodyKeys] as const;
export type RegisterRoleKey = (typeof registerRoleKeys)[number];
