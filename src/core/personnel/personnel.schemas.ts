import { z } from "zod";
import { patchOf } from "../structure/patch.ts";
import { isoDate, requiredText, uuidSchema } from "../structure/structure.schemas.ts";

export const sexes = ["female", "male", "other"] as const;
export type Sex = (typeof sexes)[number];

export const recruitmentTypes = ["international", "locally_recruited", "national_not_locally_recruited"] as const;
export type RecruitmentType = (typeof recruitmentTypes)[number];

export const personnelCategories = [
  "professional",
  "general_service",
  "national_officer",
  "field_service",
  "senior_leadership",
  "consultant",
  "volunteer",
] as const;
export type PersonnelCategory = (typeof personnelCategories)[number];

export const dependantRelationships = ["spouse", "child", "other"] as const;
export type DependantRelationship = (typeof dependantRelationships)[number];

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { message: `must be one of ${values.join(", ")}` });

const phone = z
  .string()
  .trim()
  .max(40)
  .regex(/^[+0-9 ()./-]*$/, { message: "may contain only digits, spaces and + ( ) . / -" });

export const personPrivateInput = z.object({
  phone: phone.nullable().optional(),
  mobile: phone.nullable().optional(),
  email: z.email({ message: "must be an e-mail address" }).nullable().optional(),
  emergencyContact: z.string().trim().max(300).nullable().optional(),
  residentialAddress: z.string().trim().max(500).nullable().optional(),
});

export const dependantInput = z.object({
  givenName: requiredText(80),
  familyName: requiredText(80),
  relationship: oneOf(dependantRelationships),
  sex: oneOf(sexes),
  birthDate: isoDate.nullable().optional(),
  isEligible: z.boolean().default(true),
});
export type DependantInput = z.infer<typeof dependantInput>;

export const personInput = z.object({
  organisationId: uuidSchema,
  dutyStationId: uuidSchema,
  indexNumber: z.string().trim().max(20).nullable().optional(),
  givenName: requiredText(80),
  familyName: requiredText(80),
  sex: oneOf(sexes),
  recruitmentType: oneOf(recruitmentTypes),
  category: oneOf(personnelCategories),
  grade: z.string().trim().max(12).nullable().optional(),
  userId: uuidSchema.nullable().optional(),
  private: personPrivateInput.optional(),
  dependants: z.array(dependantInput).max(20).optional(),
});
export type PersonInput = z.infer<typeof personInput>;

export const personPatch = patchOf(personInput.omit({ dependants: true }));
export type PersonPatch = z.infer<typeof personPatch>;
