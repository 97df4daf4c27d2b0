import type { AppointmentRole, Role } from "./roles.ts";

/**
 * The one permission registry: every `resource.action` and the roles that grant it.
 * A grant from an appointment is scoped to the appointment's place (and everything below
 * it) and, for organisation roles, to the appointment's organisation. Per-record rules
 * (which roles may be appointed by whom, self-access, need-to-know) live in each module's
 * `*.policy.ts`.
 */
const areaLeaders = ["do", "do_ai", "asc", "asc_ai"] as const satisfies readonly AppointmentRole[];
const securityProfessionals = ["pcsa", "asa", "csfp"] as const satisfies readonly AppointmentRole[];
const organisationRoles = [
  "org_representative",
  "org_security_focal_point",
  "security_cell_member",
] as const satisfies readonly AppointmentRole[];
const everyAppointment = [...areaLeaders, ...securityProfessionals, ...organisationRoles, "warden"] as const;

export const permissions = {
  "organisation.read": ["authenticated"],
  "organisation.create": ["system_admin"],
  "organisation.update": ["system_admin"],
  "organisation.delete": ["system_admin"],

  // "personnel": a person sees their own duty station (where they report incidents).
  "place.read": ["system_admin", "global_analyst", ...everyAppointment, "desk_officer", "personnel"],
  "place.create": ["system_admin", "do", "pcsa"],
  "place.update": ["system_admin", "do", "pcsa"],
  "place.delete": ["system_admin"],

  "appointment.read": ["system_admin", "global_analyst", ...everyAppointment],
  "appointment.create": ["system_admin", "do", "do_ai", "asc", "pcsa"],
  "appointment.update": ["system_admin", "do", "do_ai", "asc", "pcsa"],
  "appointment.delete": ["system_admin", "do", "do_ai", "pcsa"],

  "meeting.read": ["global_analyst", ...areaLeaders, ...securityProfessionals, ...organisationRoles],
  "meeting.create": [...areaLeaders, ...securityProfessionals],
  "meeting.update": [...areaLeaders, ...securityProfessionals],
  "meeting.delete": ["do", "do_ai", "asc", "asc_ai", "pcsa"],

  "personnel.read": ["system_admin", "global_analyst", ...areaLeaders, ...securityProfessionals, ...organisationRoles, "warden"],
  "personnel.create": [...securityProfessionals, "org_representative", "org_security_focal_point"],
  "personnel.update": [...securityProfessionals, "org_representative", "org_security_focal_point"],
  "personnel.delete": ["pcsa", "csfp", "org_representative", "org_security_focal_point"],
  // Contacts and residential addresses: need-to-know only (security professionals of the
  // area, the organisation's focal point, wardens who must reach people). Not the system
  // administrator and not the global analyst.
  "personnel.read_sensitive": [...securityProfessionals, "org_security_focal_point", "warden"],

  "responsibility.read": ["authenticated"],

  // Incidents (SSIRS): security professionals record and verify; focal points and wardens report;
  // every person reports what happens at their own duty station ("personnel", DOMAIN §1), and
  // reads back only what they reported themselves (incident policy), not the area's incidents.
  "incident.read": ["global_analyst", ...areaLeaders, ...securityProfessionals, ...organisationRoles, "warden"],
  "incident.create": [...areaLeaders, ...securityProfessionals, "org_representative", "org_security_focal_point", "security_cell_member", "warden", "personnel"],
  "incident.update": [...securityProfessionals],
  // Verified or endorsed by the P/C/SA or a delegate (IASMN 2015, SSIRS decisions).
  "incident.verify": [...securityProfessionals],
  // Sexual-assault narratives and victims: the area's P/C/SA, plus people named on the incident.
  "incident.read_sensitive": ["pcsa"],
  // Bulk import of incident records (CSV/XLSX): security professionals of the area.
  "incident.import": [...securityProfessionals],
  // Dashboards, maps, generated reports and exports show what `incident.read` shows, in
  // counts for sensitive incidents; kept separate so a deployment can narrow it.
  "incident.analyse": ["global_analyst", ...areaLeaders, ...securityProfessionals, ...organisationRoles],

  // The confidential follow-up register of serious crimes against personnel (IASMN 2015):
  // the P/C/SA, or the CSFP where there is none. Not the DO, not the analyst.
  "victim.read": ["pcsa", "csfp"],
  "victim.manage": ["pcsa", "csfp"],

  // Subscriptions of other systems to events (webhooks): the system administrator.
  "webhook.manage": ["system_admin"],

  // ----- Security risk management (issue 4) -------------------------------------------
  // Matrices are reference data every signed-in user may read; the system administrator keeps them.
  "risk_matrix.read": ["authenticated"],
  "risk_matrix.manage": ["system_admin"],
  // SRM assessments: read by the area's leaders, security professionals and organisations,
  // the UNDSS desk officer for the country and the global analyst; drafted by the security
  // professionals and the ASC; approved by the DO (or DO a.i.) only, after SMT consultation.
  "srm.read": ["global_analyst", ...areaLeaders, ...securityProfessionals, ...organisationRoles, "desk_officer"],
  "srm.update": [...securityProfessionals, "asc", "asc_ai"],
  "srm.approve": ["do", "do_ai"],
  // Measures: security professionals manage every measure of their area; representatives and
  // organisation focal points only their own organisation's (organisation-scoped grants).
  // Training certificates (issue 13 §1): the course catalogue is the system administrator's;
  // certificates are read by the area's security professionals and ASC (clearance reviewers) and
  // the organisation's representative and focal point, entered by those who manage training
  // (security professionals, the focal point for their staff). A person reads and uploads their own
  // (training.policy.ts).
  "training.course.manage": ["system_admin"],
  "training.certificate.read": [...securityProfessionals, "asc", "asc_ai", "org_representative", "org_security_focal_point"],
  "training.certificate.write": [...securityProfessionals, "org_security_focal_point"],

  // Travel (issue 13 §3). Anyone files and reads their own trips (requests.policy.ts); an
  // organisation's focal point files for their staff, the area's security professionals for the
  // people they cover (a visiting mission, a staff member without an account). Itineraries are need-to-know: the area's
  // security and leaders (the trip touches their area) and the travellers' organisation focal
  // point and representative, never the global analyst (who sees headcounts) or another organisation.
  "travel.request.read": [...areaLeaders, ...securityProfessionals, "org_representative", "org_security_focal_point"],
  "travel.request.file": [...securityProfessionals, "org_security_focal_point"],
  // Reviewers of a leg into their area: the ASC of the Security Area, the P/C/SA, the ASA (and
  // the CSFP where there is no P/C/SA); at levels 5 and 6 the DO decides.
  "travel.clearance.review": ["asc", "asc_ai", ...securityProfessionals],
  "travel.clearance.approve_high": ["do", "do_ai"],
  // The area manages its clearance system: its rules by its security professionals, the
  // suspension of an organisation's clearance by the DO.
  "travel.rules.manage": [...securityProfessionals],
  "travel.suspension.manage": ["do", "do_ai"],
  // The headcount (issue 13 §4): who is in an area at a moment. Counts are not need-to-know: the
  // area's leaders and security professionals, its organisations' representatives and focal
  // points (every organisation's figures), the UNDSS desk officer and the global analyst. The
  // list of people: the area's leaders and security professionals, and an organisation's focal
  // point for their own staff (organisation-scoped grant); never the analyst.
  "travel.headcount.read": ["global_analyst", ...areaLeaders, ...securityProfessionals, "org_representative", "org_security_focal_point", "desk_officer"],
  "travel.headcount.list": [...areaLeaders, ...securityProfessionals, "org_security_focal_point"],
  // In-trip alerts (issue 13 §4): the travellers in an incident's area and those due within 72 h,
  // for whoever answers for the area when a flash alert is raised: the DO (who receives it), the
  // ASC and the area's security professionals (the P/C/SA receives it). Contacts on that list
  // stay need-to-know (`personnel.read_sensitive`).
  "travel.alert.read": [...areaLeaders, ...securityProfessionals],

  // Air travel (issue 13 §5). The register of air operators is read by everyone signed in (a
  // traveller chooses the operator of a leg) and kept by the headquarters aviation risk role or
  // the system administrator. RMT assessments are need-to-know of the route's areas and the
  // organisation: filed by the area's security professionals and the organisation's focal point;
  // decided by the DO of either end up to a high rating, at very high by the USG UNDSS, whose
  // decision the aviation role records (which of the two: air.policy.ts, by the computed level).
  // Whether an RMT is mandatory for Conditional operators is each organisation's setting,
  // decided and documented by the aviation role (or the system administrator).
  "air.operators.read": ["authenticated"],
  "air.operators.manage": ["aviation_risk", "system_admin"],
  "air.rmt.read": ["do", "do_ai", ...securityProfessionals, "org_representative", "org_security_focal_point", "aviation_risk"],
  "air.rmt.file": [...securityProfessionals, "org_security_focal_point"],
  "air.rmt.approve": ["do", "do_ai", "aviation_risk"],
  "air.rmt_policy.manage": ["aviation_risk", "system_admin"],

  "measure.read": ["global_analyst", ...areaLeaders, ...securityProfessionals, ...organisationRoles, "desk_officer"],
  "measure.update": [...securityProfessionals, "asc", "asc_ai", "org_representative", "org_security_focal_point"],
  // Implemented measures across every area (the cross-country view): managers learn from each other.
  "measure.compare": ["global_analyst", ...areaLeaders, ...securityProfessionals, ...organisationRoles, "desk_officer"],
  // Programme criticality is each organisation's own assessment of its activities.
  "programme.read": ["global_analyst", ...areaLeaders, ...securityProfessionals, ...organisationRoles, "desk_officer"],
  "programme.update": [...securityProfessionals, "org_representative", "org_security_focal_point"],
  // Recording an acceptance of a High or Very high residual risk: the DO (a Very high one on
  // the USG UNDSS's decision, which the DO records).
  "risk.accept": ["do", "do_ai"],
  // Security levels: known to everyone signed in (travellers need them); proposed by the
  // security professionals, approved by the DO, endorsed by UNDSS (the country's desk officer).
  "security_level.read": ["authenticated"],
  "security_level.propose": [...securityProfessionals],
  "security_level.approve": ["do", "do_ai"],
  "security_level.endorse": ["desk_officer"],
  // Rejecting a proposed change is the DO's (before approval), an approved one UNDSS's.
  "security_level.reject": ["do", "do_ai", "desk_officer"],

  // Readiness (issue 14 §2). Warden zones are known to the area's leaders, security professionals,
  // organisations and wardens; drawn and staffed by the security professionals and the ASC, who
  // appoints wardens. Households are placed in a zone by them or, for their own staff, by the
  // organisation's focal point (organisation-scoped grant). Who may see a zone's list of people,
  // and their contacts, is per record (zones.policy.ts): a warden only their own zones.
  "readiness.zone.read": [...areaLeaders, ...securityProfessionals, ...organisationRoles, "warden"],
  "readiness.zone.manage": [...securityProfessionals, "asc", "asc_ai"],
  "readiness.household.assign": [...securityProfessionals, "asc", "asc_ai", "org_security_focal_point"],
  // Mass notification and check-ins (issue 14 §4): sent by the DO, the ASC and the security
  // professionals to an area; followed (the tally, who has not answered) by them, the
  // organisations' focal points and the wardens; a warden records an answer for the people of
  // their zones, a security professional or the ASC for anyone in the area. Everyone answers for
  // themselves (the recipient's own row, readiness policy) or through the reply link.
  "readiness.checkin.send": [...areaLeaders, ...securityProfessionals],
  "readiness.checkin.read": [...areaLeaders, ...securityProfessionals, "org_security_focal_point", "warden"],
  "readiness.checkin.record": [...securityProfessionals, "asc", "asc_ai", "warden"],

  "user.read": ["system_admin"],
  "user.create": ["system_admin"],
  "user.update": ["system_admin"],

  "audit.verify": ["system_admin"],
  "dashboard.read": ["authenticated"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export function rolesGranting(permission: Permission): readonly Role[] {
  return permissions[permission];
}
