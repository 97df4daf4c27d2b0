import type { IncidentSex, IncidentSource } from "../../../core/incidents/incident.schemas.ts";
import type { AssetKind, PersonOutcome, PremisesKind } from "../../../core/incidents/incident-taxonomy.types.ts";
import type { RecruitmentType } from "../../app/domain.ts";
import type { Incident, IncidentBody } from "./incidents.api.ts";
import { browserTimeZone, isoToLocal, localToIso } from "./incident-time.ts";

export type PeopleValues = {
  outcome: PersonOutcome | "";
  recruitmentType: RecruitmentType | "";
  sex: IncidentSex;
  count: number | string;
  organisationId: string | null;
  personId: string | null;
  personName: string | null;
};

export type ItemValues<K> = { kind: K | ""; description: string };

/** The form mirrors the API body, so that the API's field paths land on the right inputs. */
export type IncidentFormValues = {
  date: string;
  time: string;
  timeZone: string;
  placeMode: "station" | "coordinates";
  place: { dutyStationId: string | null; coordinates: { latitude: number | string; longitude: number | string } };
  categoryCode: string | null;
  description: string;
  source: IncidentSource | "";
  sourceDetail: string;
  reporter: { name: string; personId: string | null; contact: string };
  affectsUn: boolean;
  isNearMiss: boolean;
  involvesMilitaryOrFormedPolice: "yes" | "no" | "";
  organisationsAffected: string[];
  peopleAffected: PeopleValues[];
  premisesAffected: ItemValues<PremisesKind>[];
  assetsAffected: ItemValues<AssetKind>[];
};

/** API fields whose input has another name in the form. */
export const formFieldMap: Record<string, string> = {
  occurredAt: "date",
  place: "place.dutyStationId",
  "place.coordinates": "place.coordinates.latitude",
};

export const blankPeopleLine = (): PeopleValues => ({
  outcome: "",
  recruitmentType: "",
  sex: "unknown",
  count: 1,
  organisationId: null,
  personId: null,
  personName: null,
});

export function initialValues(incident: Incident | undefined, reporterName: string): IncidentFormValues {
  if (!incident) {
    const timeZone = browserTimeZone();
    const [date, time] = isoToLocal(new Date().toISOString(), timeZone);
    return {
      date,
      time,
      timeZone,
      placeMode: "station",
      place: { dutyStationId: null, coordinates: { latitude: "", longitude: "" } },
      categoryCode: null,
      description: "",
      source: "",
      sourceDetail: "",
      reporter: { name: reporterName, personId: null, contact: "" },
      affectsUn: true,
      isNearMiss: false,
      involvesMilitaryOrFormedPolice: "",
      organisationsAffected: [],
      peopleAffected: [],
      premisesAffected: [],
      assetsAffected: [],
    };
  }
  const [date, time] = isoToLocal(incident.occurredAt, incident.timeZone);
  const hasStation = Boolean(incident.dutyStationId);
  return {
    date,
    time,
    timeZone: incident.timeZone,
    placeMode: hasStation ? "station" : "coordinates",
    place: {
      dutyStationId: incident.dutyStationId,
      coordinates: { latitude: hasStation ? "" : (incident.latitude ?? ""), longitude: hasStation ? "" : (incident.longitude ?? "") },
    },
    categoryCode: incident.categoryCode,
    description: incident.description,
    source: incident.source,
    sourceDetail: incident.sourceDetail ?? "",
    reporter: { name: incident.reporter.name, personId: incident.reporter.personId, contact: incident.reporter.contact ?? "" },
    affectsUn: incident.affectsUn,
    isNearMiss: incident.isNearMiss,
    involvesMilitaryOrFormedPolice: "no",
    organisationsAffected: incident.organisationsAffected,
    peopleAffected: incident.peopleAffected.map((line) => ({ ...line, personName: null })),
    premisesAffected: incident.premisesAffected,
    assetsAffected: incident.assetsAffected,
  };
}

const text = (value: string) => value.trim();
const optional = (value: string) => (value.trim() === "" ? null : value.trim());

export function toBody(values: IncidentFormValues): IncidentBody {
  const occurredAt = localToIso(values.date, values.time, values.timeZone) ?? "";
  return {
    occurredAt,
    timeZone: values.timeZone,
    place:
      values.placeMode === "station"
        ? { dutyStationId: values.place.dutyStationId ?? "" }
        : { coordinates: { latitude: Number(values.place.coordinates.latitude), longitude: Number(values.place.coordinates.longitude) } },
    categoryCode: values.categoryCode ?? "",
    description: text(values.description),
    source: values.source as IncidentSource,
    sourceDetail: optional(values.sourceDetail),
    reporter: { name: text(values.reporter.name), personId: values.reporter.personId, contact: optional(values.reporter.contact) },
    affectsUn: values.affectsUn,
    isNearMiss: values.isNearMiss,
    involvesMilitaryOrFormedPolice: values.involvesMilitaryOrFormedPolice === "yes",
    organisationsAffected: values.organisationsAffected,
    peopleAffected: values.peopleAffected.map(({ personName: _name, ...line }) => ({
      ...line,
      outcome: line.outcome as PersonOutcome,
      recruitmentType: line.recruitmentType as RecruitmentType,
      count: Number(line.count),
    })),
    premisesAffected: values.premisesAffected.map((item) => ({ kind: item.kind as PremisesKind, description: text(item.description) })),
    assetsAffected: values.assetsAffected.map((item) => ({ kind: item.kind as AssetKind, description: text(item.description) })),
  };
}

/** Only what changed, so a revision records exactly the fields the user revised. */
export function changedFields(before: IncidentBody, after: IncidentBody): Partial<IncidentBody> {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof IncidentBody)[]) {
    if (key === "involvesMilitaryOrFormedPolice") continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) patch[key] = after[key];
  }
  // The exclusion answer is not stored: send it whenever it is "yes", so the server refuses with its explanation.
  if (after.involvesMilitaryOrFormedPolice) patch.involvesMilitaryOrFormedPolice = true;
  // A new time in the same zone still needs its zone: the server checks the pair.
  if (patch.occurredAt || patch.timeZone) Object.assign(patch, { occurredAt: after.occurredAt, timeZone: after.timeZone });
  return patch as Partial<IncidentBody>;
}
