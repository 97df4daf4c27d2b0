import type { Caller, Fixtures, MatrixRequest, Response } from "../../authorization/matrix-driver.ts";
import { type RouteRule, everyone, isGlobal, maliScoped } from "../../authorization/matrix-rules.ts";

/**
 * The authorization table, part: incident import and export. Importing is for the security
 * professionals of an area (incident.import: of the demo callers, the P/C/SA of Mali); a row at
 * a duty station outside the importer's scope is reported exactly as an unknown station.
 * Exporting shows what the list shows (incident.analyse), sexual assaults only to their
 * need-to-know list.
 */
const allBut = (...kept: Caller[]) => everyone.filter((user) => !kept.includes(user));

export const incidentImportHeader = "occurred_at,time_zone,duty_station,category_code,description,people_affected,assets";

/** An incident CSV upload: the header above and the given rows. */
export function incidentCsv(rows: string[]): NonNullable<MatrixRequest["multipart"]> {
  return { field: "file", fileName: "incidents.csv", contentType: "text/csv", content: [incidentImportHeader, ...rows].join("\n") };
}

const roadAccidentAt = (station: string, description: string) =>
  `2026-01-10 09:30,Africa/Bamako,${station},road_traffic_accident,${description},injured/international/male/1,vehicle: UN-1234`;

function csvIds(response: Response): string[] {
  return response.body
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => line.split(",")[0]);
}

function exportShowsOnlyNeedToKnow(caller: Caller, response: Response, f: Fixtures) {
  const ids = csvIds(response);
  if (ids.includes(f.haitiSensitiveIncident)) return "exports the Haiti sexual assault";
  const seesSensitive = ids.includes(f.maliSensitiveIncident);
  if (seesSensitive !== (caller === "pcsaMali")) return seesSensitive ? "exports the sexual assault without need-to-know" : "does not export the sexual assault it has need-to-know of";
  if (!ids.includes(f.maliIncident)) return "does not export the Mali incident at Mopti";
  if (isGlobal(caller) !== ids.includes(f.haitiIncident)) return isGlobal(caller) ? "the global analyst does not export the Haiti incident" : "exports an incident outside Mali";
  return undefined;
}

const importers = ["pcsaMali"] as const satisfies Caller[];

export const incidentExchangeRules: Record<string, RouteRule> = {
  "POST /api/incidents/imports/preview": {
    access: "incident.import",
    inScope: {
      name: "a CSV file of incidents",
      request: () => ({ multipart: incidentCsv([roadAccidentAt("Mopti", "Preview (matrix)")]) }),
      expect: { ok: [...importers], forbidden: allBut(...importers) },
      check: (_caller, response) => (response.json().suggestedMapping.dutyStation === "duty_station" ? undefined : `suggests ${response.body}`),
    },
    outOfScope: { notApplicable: "the preview reads only the uploaded file: it touches no record" },
  },
  "POST /api/incidents/imports": {
    access: "incident.import",
    inScope: {
      name: "a CSV row for a road traffic accident at Mopti",
      request: ({ setup }) => ({ multipart: incidentCsv([roadAccidentAt("Mopti", setup.unique("Imported by the matrix"))]) }),
      expect: { ok: [...importers], forbidden: allBut(...importers) },
      check: (_caller, response) => {
        const { inserted, errors } = response.json();
        return inserted === 1 ? undefined : `inserted ${inserted}: ${JSON.stringify(errors)}`;
      },
    },
    outOfScope: {
      name: "a CSV row for a road traffic accident at Port-au-Prince",
      request: ({ setup }) => ({ multipart: incidentCsv([roadAccidentAt("Port-au-Prince", setup.unique("Imported by the matrix"))]) }),
      expect: { ok: [...importers], forbidden: allBut(...importers) },
      why: "the import answers 200 and reports the row it refused",
      // A station outside scope is reported exactly as one that does not exist.
      check: (_caller, response) => {
        const { inserted, errors } = response.json();
        const expected = JSON.stringify([{ row: 2, field: "duty_station", message: 'Unknown duty station "Port-au-Prince"' }]);
        return inserted === 0 && JSON.stringify(errors) === expected ? undefined : `answers ${response.body}`;
      },
    },
  },
  "GET /api/incidents/export": {
    access: "incident.analyse",
    inScope: {
      name: "the incidents the caller may see, as CSV",
      request: () => ({ query: { format: "csv" } }),
      expect: { ok: ["analyst", "doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali"], forbidden: ["admin", "wardenBamako", "staff"] },
      check: exportShowsOnlyNeedToKnow,
    },
    outOfScope: {
      name: "the incidents of Haiti, as CSV (a place out of scope is not found)",
      request: ({ f }) => ({ query: { format: "csv", placeId: f.haiti } }),
      expect: { ok: ["analyst"], notFound: ["doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali"], forbidden: ["admin", "wardenBamako", "staff"] },
      check: (caller, response, f) => {
        const ids = csvIds(response);
        if (ids.includes(f.haitiSensitiveIncident)) return "exports the Haiti sexual assault";
        if (maliScoped.includes(caller) && ids.length > 0) return `exports ${ids.length} incident(s) outside scope`;
        if (isGlobal(caller) && !ids.includes(f.haitiIncident)) return "the global analyst does not export the Haiti incident";
        return undefined;
      },
    },
    more: [
      {
        name: "the incidents the caller may see, as GeoJSON",
        request: () => ({ query: { format: "geojson" } }),
        expect: { ok: ["analyst", "doMali", "pcsaMali", "ascMopti", "repUnicefMali", "sfpWfpMali"], forbidden: ["admin", "wardenBamako", "staff"] },
        check: (caller, response, f) => {
          const ids = (response.json().features as { id: string }[]).map((feature) => feature.id);
          return ids.includes(f.maliSensitiveIncident) === (caller === "pcsaMali") ? undefined : "need-to-know not applied to the GeoJSON export";
        },
      },
    ],
  },
};
