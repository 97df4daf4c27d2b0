/** Valid request bodies and upload files for the authorization matrix and the fuzz test. */
export const pdfLetter = {
  field: "file",
  fileName: "letter.pdf",
  contentType: "application/pdf",
  content: "%PDF-1.4\n% appointment letter\n",
};

/** A witness statement attached to an incident, with its description. */
export const textAttachment = {
  field: "file",
  fileName: "statement.txt",
  contentType: "text/plain",
  content: "Witness statement (matrix).",
  fields: { description: "Statement of the driver" },
};

export function personBody(f: { unicef: string; wfp: string }, organisation: "unicef" | "wfp", dutyStationId: string, familyName: string) {
  return {
    organisationId: f[organisation],
    dutyStationId,
    givenName: "Matrix",
    familyName,
    sex: "female",
    recruitmentType: "locally_recruited",
    category: "general_service",
    private: { phone: "+223 20 22 33 44", residentialAddress: "12 Rue 312" },
  };
}

export function meetingBody(f: { today: string }, body: "smt" | "asmt", placeId: string) {
  return { body, placeId, heldOn: f.today, title: `${body.toUpperCase()} matrix meeting`, location: "Office" };
}

export const actionPointBody = { kind: "action", text: "Check the radio room", status: "open" };

/** A valid incident at a duty station: a road traffic accident with one person injured. */
export function incidentBody(dutyStationId: string, overrides: Record<string, unknown> = {}) {
  return {
    occurredAt: "2026-01-10T09:30:00Z",
    timeZone: "Africa/Bamako",
    place: { dutyStationId },
    categoryCode: "road_traffic_accident",
    description: "A UN vehicle left the road (matrix).",
    source: "un_security",
    reporter: { name: "Matrix Reporter" },
    peopleAffected: [{ outcome: "injured", recruitmentType: "international", sex: "male", count: 1 }],
    assetsAffected: [{ kind: "vehicle", description: "Land Cruiser UN-1234" }],
    ...overrides,
  };
}

/** A case of the victims register; the victim typed in by name. */
export function victimCaseBody(incidentId: string, overrides: Record<string, unknown> = {}) {
  return { incidentId, victimName: "Matrix Victim", perpetratorKind: "non_state", nextOfKinFocalPointName: "Matrix HR", ...overrides };
}

export const followUpBody = { action: "Ask the police for the file", dueDate: "2026-01-31", ownerName: "Matrix P/C/SA" };

/** An abduction: critical, so submitting it raises a flash alert. */
export function criticalIncidentBody(dutyStationId: string) {
  return incidentBody(dutyStationId, {
    categoryCode: "abduction",
    description: "A driver was abducted at a checkpoint (matrix).",
    peopleAffected: [{ outcome: "abducted", recruitmentType: "locally_recruited", sex: "male", count: 1 }],
    assetsAffected: [],
  });
}

/** An inactive subscription to a closed local port: the matrix never sends anything out. */
export function webhookBody(placeId: string | null, overrides: Record<string, unknown> = {}) {
  return { name: "Matrix receiver", url: "http://127.0.0.1:9/vigil-matrix", eventTypes: ["incident.verified"], placeId, isActive: false, ...overrides };
}

/** A sexual assault: need-to-know. */
export function sensitiveIncidentBody(dutyStationId: string, overrides: Record<string, unknown> = {}) {
  return incidentBody(dutyStationId, {
    categoryCode: "sexual_assault",
    description: "Narrative restricted to the need-to-know list (matrix).",
    peopleAffected: [{ outcome: "sexually_assaulted", recruitmentType: "international", sex: "female", count: 1 }],
    assetsAffected: [],
    ...overrides,
  });
}

export function stationBody(parentId: string, name: string) {
  return { kind: "duty_station", parentId, name, latitude: 14.5, longitude: -4.2 };
}

export function appointmentBody(f: { today: string }, personId: string, role: string, placeId: string) {
  return { personId, role, placeId, startsOn: f.today, appointedBy: "Matrix test" };
}

export function csvFile(rows: string[]) {
  return {
    field: "file",
    fileName: "people.csv",
    contentType: "text/csv",
    content: ["given_name,family_name,sex,recruitment_type,category,organisation,duty_station", ...rows].join("\n"),
  };
}
