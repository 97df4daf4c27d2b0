import { Readable, pipeline } from "node:stream";
import { stringify } from "csv-stringify";
import { type SQL, and, asc, count, eq, sql } from "drizzle-orm";
import { addDays } from "../../../../core/appointments/continuity.ts";
import { type HeaderNames, type HeaderStyle, headerRow } from "../../../../core/language/csv-headers.ts";
import { reminderDays } from "../../../../core/travel/training.ts";
import { scopeCondition } from "../../../platform/access/scope-sql.ts";
import { todayIso } from "../../../platform/clock.ts";
import { callerLanguage } from "../../../platform/language/caller-language.ts";
import type { ServiceContext } from "../../../platform/http/context.ts";
import { NotFoundError, RuleError } from "../../../platform/http/errors.ts";
import { persons } from "../../personnel/index.ts";
import { organisations, placeInScope, places } from "../../structure/index.ts";
import { trainingCertificates, trainingCourses } from "./training.tables.ts";

/**
 * The training view per area and organisation (issue 13 §1): for one course (BSAFE unless the
 * caller names another), how many of the people in scope hold it valid, expiring within 60 days,
 * expired or not at all, and who they are. The scope is `training.certificate.read` in SQL (the
 * area's security professionals and ASC; a representative or focal point only their
 * organisation's people), so a person out of scope is never counted nor listed.
 *
 * A person's standing is that of their certificate of the course expiring last: a renewal
 * replaces the old certificate, whatever order they were entered in.
 */
export const overviewStatuses = ["valid", "expiring", "expired", "missing"] as const;
export type OverviewStatus = (typeof overviewStatuses)[number];
type Language = "en" | "fr";

export type OverviewFilter = { placeId?: string; organisationId?: string; courseId?: string; status?: OverviewStatus };

type Course = typeof trainingCourses.$inferSelect;

/** The course asked for, or the catalogue's BSAFE (required of every person). */
async function courseOf(context: ServiceContext, courseId: string | undefined): Promise<Course> {
  const { db } = context.database;
  if (courseId) {
    const [course] = await db.select().from(trainingCourses).where(eq(trainingCourses.id, courseId));
    if (!course) throw new NotFoundError("Course");
    return course;
  }
  const [bsafe] = await db
    .select()
    .from(trainingCourses)
    .where(and(eq(trainingCourses.kind, "bsafe"), eq(trainingCourses.isActive, true)))
    .orderBy(asc(trainingCourses.code))
    .limit(1);
  if (!bsafe) throw new RuleError("courseId", "is required: the catalogue holds no BSAFE course");
  return bsafe;
}

/** The people of the filter, each with the expiry of their last certificate of the course (null: none). */
async function peopleOf(context: ServiceContext, filter: OverviewFilter) {
  const place = filter.placeId ? await placeInScope(context, filter.placeId, "training.certificate.read") : undefined;
  const course = await courseOf(context, filter.courseId);
  const where = and(
    scopeCondition(context.actor, "training.certificate.read", persons.placePath, persons.organisationId),
    place ? sql`${persons.placePath} like ${`${place.path}%`}` : undefined,
    filter.organisationId ? eq(persons.organisationId, filter.organisationId) : undefined,
  );
  const people = context.database.db
    .select({
      personId: sql<string>`${persons.id}`.as("person_id"),
      givenName: persons.givenName,
      familyName: persons.familyName,
      indexNumber: persons.indexNumber,
      organisationId: persons.organisationId,
      organisationCode: sql<string>`${organisations.code}`.as("organisation_code"),
      dutyStationId: persons.dutyStationId,
      dutyStationName: sql<string>`${places.name}`.as("duty_station_name"),
      // As text: the same ISO date from PGlite and PostgreSQL; compared as a date below.
      expiresOn: sql<string | null>`(select max(${trainingCertificates.expiresOn})::text from ${trainingCertificates}
        where ${trainingCertificates.personId} = ${persons.id} and ${trainingCertificates.courseId} = ${course.id})`.as("expires_on"),
    })
    .from(persons)
    .innerJoin(organisations, eq(organisations.id, persons.organisationId))
    .innerJoin(places, eq(places.id, persons.dutyStationId))
    .where(where)
    .as("people");
  return { course, people };
}

type People = Awaited<ReturnType<typeof peopleOf>>["people"];

/** The SQL reading of `certificateStatus` (core/travel/training.ts), plus "missing". */
function statusConditions(people: People, today: string): Record<OverviewStatus, SQL> {
  const until = addDays(today, reminderDays[0]);
  return {
    missing: sql`${people.expiresOn} is null`,
    expired: sql`${people.expiresOn}::date < ${today}::date`,
    expiring: sql`${people.expiresOn}::date between ${today}::date and ${until}::date`,
    valid: sql`${people.expiresOn}::date > ${until}::date`,
  };
}

function statusOf(expiresOn: string | null, today: string): OverviewStatus {
  if (expiresOn === null) return "missing";
  if (expiresOn < today) return "expired";
  return expiresOn <= addDays(today, reminderDays[0]) ? "expiring" : "valid";
}

const courseOut = (course: Course) => ({ id: course.id, code: course.code, kind: course.kind, nameEn: course.nameEn, nameFr: course.nameFr });

export type OverviewQuery = OverviewFilter & { page: number; pageSize: number };

export async function trainingOverview(context: ServiceContext, query: OverviewQuery) {
  const { db } = context.database;
  const today = todayIso();
  const { course, people } = await peopleOf(context, query);
  const conditions = statusConditions(people, today);
  const counted = (status: OverviewStatus) => sql<number>`count(*) filter (where ${conditions[status]})`.mapWith(Number);
  // Who needs acting on first: no certificate, then expired, then expiring soonest, then the valid.
  const rank = sql`case when ${conditions.missing} then 0 when ${conditions.expired} then 1 when ${conditions.expiring} then 2 else 3 end`;
  const listed = query.status ? conditions[query.status] : undefined;
  const [rows, [counts], [{ total }]] = await Promise.all([
    db
      .select()
      .from(people)
      .where(listed)
      .orderBy(rank, asc(people.expiresOn), asc(people.familyName), asc(people.givenName), asc(people.personId))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db
      .select({
        personnel: count(),
        valid: counted("valid"),
        expiring: counted("expiring"),
        expired: counted("expired"),
        missing: counted("missing"),
      })
      .from(people),
    db.select({ total: count() }).from(people).where(listed),
  ]);
  const holding = counts.valid + counts.expiring;
  return {
    course: courseOut(course),
    counts,
    validShare: counts.personnel === 0 ? null : Math.round((holding / counts.personnel) * 1000) / 1000,
    items: rows.map((row) => ({ ...row, status: statusOf(row.expiresOn, today) })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

// ----- CSV -------------------------------------------------------------------------------

export const overviewCsvColumns = [
  "person_id",
  "family_name",
  "given_name",
  "index_number",
  "organisation",
  "duty_station",
  "course",
  "status_code",
  "status",
  "expires_on",
] as const;

const headerNames: HeaderNames<(typeof overviewCsvColumns)[number]> = {
  person_id: { en: "Person (ID)", fr: "Personne (identifiant)" },
  family_name: { en: "Family name", fr: "Nom" },
  given_name: { en: "Given name", fr: "Prénom" },
  index_number: { en: "Index number", fr: "Numéro d'index" },
  organisation: { en: "Organisation", fr: "Organisation" },
  duty_station: { en: "Duty station", fr: "Lieu d'affectation" },
  course: { en: "Course", fr: "Formation" },
  status_code: { en: "Status (code)", fr: "Statut (code)" },
  status: { en: "Status", fr: "Statut" },
  expires_on: { en: "Expires on", fr: "Date d'expiration" },
};

const statusLabels: Record<OverviewStatus, Record<Language, string>> = {
  valid: { en: "Valid", fr: "Valide" },
  expiring: { en: "Expiring within 60 days", fr: "Expire dans les 60 jours" },
  expired: { en: "Expired", fr: "Expiré" },
  missing: { en: "Missing", fr: "Manquant" },
};

// A cell starting with = + - @ (or a tab or carriage return) would run as a formula in a
// spreadsheet (CSV injection): such text gets a leading quote.
const neutralise = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/**
 * The same people as the view (every page), by name: a spreadsheet sorts and filters the rest.
 * Read `batchSize` rows at a time (smaller in a test, to cross batches with a few people).
 */
export async function trainingOverviewCsv(
  context: ServiceContext,
  filter: OverviewFilter & { lang?: Language; headers?: HeaderStyle },
  batchSize = 500,
): Promise<Readable> {
  const { db } = context.database;
  const today = todayIso();
  const { course, people } = await peopleOf(context, filter);
  const lang = filter.lang ?? (await callerLanguage(context));
  const listed = filter.status ? statusConditions(people, today)[filter.status] : undefined;
  type Cursor = { familyName: string; givenName: string; personId: string };
  const pageAfter = (after: Cursor | null) =>
    db
      .select()
      .from(people)
      .where(
        and(
          listed,
          after ? sql`(${people.familyName}, ${people.givenName}, ${people.personId}) > (${after.familyName}, ${after.givenName}, ${after.personId}::uuid)` : undefined,
        ),
      )
      .orderBy(asc(people.familyName), asc(people.givenName), asc(people.personId))
      .limit(batchSize);
  async function* rows() {
    // Keyset on (family name, given name, id): the last page costs what the first does.
    let after: Cursor | null = null;
    for (;;) {
      const page = await pageAfter(after);
      for (const row of page) {
        const status = statusOf(row.expiresOn, today);
        yield [
          row.personId,
          row.familyName,
          row.givenName,
          row.indexNumber ?? "",
          row.organisationCode,
          row.dutyStationName,
          course.code,
          status,
          statusLabels[status][lang],
          row.expiresOn ?? "",
        ].map(neutralise);
      }
      if (page.length < batchSize) return;
      const last = page[page.length - 1];
      after = { familyName: last.familyName, givenName: last.givenName, personId: last.personId };
    }
  }
  // pipeline (not pipe) so a failing query ends the response instead of leaving it hanging.
  return pipeline(Readable.from(rows()), stringify({ header: true, columns: headerRow(overviewCsvColumns, headerNames, lang, filter.headers ?? "names") }), () => {});
}
