import type { Permission } from "../../../core/access/permissions.ts";
import { type Actor, grantCovers, grantsFor, pathCovers } from "../../../core/access/scope.ts";
import type { AssessmentStatus, LevelChangeStatus } from "../../../core/risk/risk-enums.ts";
import { allowedActions } from "../../platform/access/scope-sql.ts";

/**
 * Who may do what in the risk module. Assessments and security levels belong to an area, not
 * to an organisation: an organisation role covers them by place. Measures and programme
 * criticality may belong to one organisation: an organisation-scoped grant (representative,
 * organisation focal point) covers only its own organisation's records, never another's and
 * never an area-wide (baseline or area) measure.
 */
type AreaRecord = { placePath: string };
type OrganisationRecord = { placePath: string; organisationId: string | null };

const coversArea = (actor: Actor, permission: Permission, record: AreaRecord) =>
  grantsFor(actor, permission).some((grant) => pathCovers(grant.placePath, record.placePath));
const coversOrganisation = (actor: Actor, permission: Permission, record: OrganisationRecord) =>
  grantsFor(actor, permission).some((grant) => grantCovers(grant, record));

export const assessmentPolicy = {
  canRead: (actor: Actor, record: AreaRecord) => coversArea(actor, "srm.read", record),
  canUpdate: (actor: Actor, record: AreaRecord) => coversArea(actor, "srm.update", record),
  /** Only the area's DO (or DO a.i.): a DO's grant on the Designated Area covers its Security Areas. */
  canApprove: (actor: Actor, record: AreaRecord) => coversArea(actor, "srm.approve", record),
  actions: (actor: Actor, record: AreaRecord & { status: AssessmentStatus }) => {
    const canUpdate = assessmentPolicy.canUpdate(actor, record);
    return allowedActions({
      update: canUpdate && record.status === "draft",
      submit: canUpdate && record.status === "draft",
      return_to_draft: canUpdate && record.status === "in_review",
      new_version: canUpdate && record.status === "approved",
      approve: assessmentPolicy.canApprove(actor, record) && record.status === "in_review",
      return_for_revision: assessmentPolicy.canApprove(actor, record) && record.status === "in_review",
      delete: canUpdate && record.status === "draft",
    });
  },
};

export const measurePolicy = {
  // Every role that reads the area's measures sees all of them (baseline, area and every
  // organisation's): coordination needs the whole picture.
  canRead: (actor: Actor, record: AreaRecord) => coversArea(actor, "measure.read", record),
  canUpdate: (actor: Actor, record: OrganisationRecord) => coversOrganisation(actor, "measure.update", record),
  actions: (actor: Actor, record: OrganisationRecord) => allowedActions({ update: measurePolicy.canUpdate(actor, record), delete: measurePolicy.canUpdate(actor, record) }),
};

export const programmePolicy = {
  canRead: (actor: Actor, record: AreaRecord) => coversArea(actor, "programme.read", record),
  canUpdate: (actor: Actor, record: OrganisationRecord) => coversOrganisation(actor, "programme.update", record),
  canAccept: (actor: Actor, record: AreaRecord) => coversArea(actor, "risk.accept", record),
  actions: (actor: Actor, record: OrganisationRecord) => allowedActions({ update: programmePolicy.canUpdate(actor, record), delete: programmePolicy.canUpdate(actor, record) }),
};

export const securityLevelPolicy = {
  canPropose: (actor: Actor, record: AreaRecord) => coversArea(actor, "security_level.propose", record),
  canApprove: (actor: Actor, record: AreaRecord) => coversArea(actor, "security_level.approve", record),
  canEndorse: (actor: Actor, record: AreaRecord) => coversArea(actor, "security_level.endorse", record),
  /**
   * Levels in force are for everyone; a change still in the making (or rejected) only for those
   * who take part in it or read the area's SRM, so that an unendorsed level is not taken as real.
   */
  canSeeProposals: (actor: Actor, record: AreaRecord) =>
    ["security_level.propose", "security_level.approve", "security_level.endorse", "srm.read"].some((permission) =>
      coversArea(actor, permission as Permission, record),
    ),
  actions: (actor: Actor, record: AreaRecord & { status: LevelChangeStatus }) =>
    allowedActions({
      approve: record.status === "proposed" && securityLevelPolicy.canApprove(actor, record),
      endorse: record.status === "approved" && securityLevelPolicy.canEndorse(actor, record),
      reject:
        (record.status === "proposed" && securityLevelPolicy.canApprove(actor, record)) ||
        (record.status === "approved" && securityLevelPolicy.canEndorse(actor, record)),
    }),
};
