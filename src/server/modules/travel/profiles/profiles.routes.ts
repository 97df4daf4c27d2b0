import { z } from "zod";
import { travelProfileInput } from "../../../../core/travel/profile.ts";
import { defineRoute } from "../../../platform/http/route.ts";
import { actionsField, dateOnly, errorResponses, idParams, timestamp } from "../../../platform/http/schemas.ts";
import { myProfiles, personProfiles, saveDependantProfile, saveOwnProfile } from "./profiles.service.ts";

const profileOut = z.object({
  personId: z.string(),
  dependantId: z.string().nullable().describe("Null for the person's own profile"),
  name: z.string(),
  relationship: z.string().nullable().describe("A dependant's relationship to the person"),
  emergencyContactName: z.string().nullable(),
  emergencyContactRelationship: z.string().nullable(),
  emergencyContactPhone: z.string().nullable(),
  travelPhone: z.string().nullable(),
  nationality: z.string().nullable(),
  passportNumber: z.string().nullable(),
  passportCountry: z.string().nullable(),
  passportExpiresOn: dateOnly.nullable(),
  proofOfLife: z.array(z.object({ question: z.string(), answer: z.string() })),
  updatedAt: timestamp.nullable().describe("Null for a profile never filled (returned empty)"),
});

const profilesOut = z.object({
  personId: z.string(),
  name: z.string(),
  own: profileOut,
  dependants: z.array(profileOut).describe("One per eligible dependant"),
  actions: actionsField,
});

const tags = ["Travel"];

export const profileRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/travel/profiles/me",
    access: "authenticated",
    summary: "The caller's travel profile and their eligible dependants' (empty shapes for those never filled; the read is audited)",
    tags,
    response: { 200: profilesOut, ...errorResponses },
    handler: ({ context }) => myProfiles(context),
  }),
  defineRoute({
    method: "PUT",
    url: "/api/travel/profiles/me",
    access: "authenticated",
    summary: "Replace the caller's own travel profile (the passport number and proof-of-life answers are never written in clear to the audit trail)",
    tags,
    body: travelProfileInput,
    response: { 200: profileOut, ...errorResponses },
    handler: ({ context, body }) => saveOwnProfile(context, body),
  }),
  defineRoute({
    method: "PUT",
    url: "/api/travel/profiles/me/dependants/:id",
    access: "authenticated",
    summary: "Replace the travel profile of one of the caller's eligible dependants (anyone else's is not found)",
    tags,
    params: idParams,
    body: travelProfileInput,
    response: { 200: profileOut, ...errorResponses },
    handler: ({ context, params, body }) => saveDependantProfile(context, params.id, body),
  }),
  defineRoute({
    method: "GET",
    url: "/api/travel/profiles/person/:personId",
    // Need-to-know exactly as contacts: whoever may read a person's contacts (the policy adds the person).
    access: "personnel.read_sensitive",
    summary: "A person's travel profiles, for whoever may see their contacts (the read is audited; anyone else: not found)",
    tags,
    params: z.object({ personId: idParams.shape.id }),
    response: { 200: profilesOut, ...errorResponses },
    handler: ({ context, params }) => personProfiles(context, params.personId),
  }),
];
