import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CertificateSource, CertificateStatus } from "../../../core/travel/training.ts";
import { api, uploadFile } from "../../app/api.ts";

/** The training API's answers (src/server/modules/travel/training/training.routes.ts). */

export type Course = { id: string; code: string; nameEn: string; nameFr: string; validityMonths: number; isActive: boolean };

export type Certificate = {
  id: string;
  personId: string;
  courseId: string;
  courseCode: string;
  courseNameEn: string;
  courseNameFr: string;
  completedOn: string;
  expiresOn: string;
  expiryReason: string | null;
  issuer: string | null;
  source: CertificateSource;
  hasFile: boolean;
  status: CertificateStatus;
  createdAt: string;
  actions: string[];
};

export type CertificateBody = { personId: string; courseId: string; completedOn: string; issuer: string | null };

const certificatesKey = (personId: string) => ["training", "certificates", personId] as const;

export const certificateFileUrl = (id: string) => `/api/training/certificates/${id}/file`;

export function useCertificates(personId: string | null) {
  return useQuery({
    queryKey: certificatesKey(personId ?? ""),
    queryFn: ({ signal }) => api.get<{ items: Certificate[] }>(`/api/personnel/${personId}/certificates`, undefined, signal),
    enabled: personId !== null,
  });
}

export function useCourses() {
  return useQuery({
    queryKey: ["training", "courses"],
    queryFn: ({ signal }) => api.get<{ items: Course[] }>("/api/training/courses", undefined, signal),
    staleTime: 5 * 60_000,
  });
}

/**
 * A new certificate, then its file: two requests, as an incident and its attachments. The
 * certificate counts for clearance at once (a blocked trip is re-evaluated on the server), so trips
 * are refreshed too. A refused file leaves the certificate recorded, without a file: the error
 * names `file` and the row offers to add it again.
 */
export function useAddCertificate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, file }: { body: CertificateBody; file: File | null }) => {
      const created = await api.post<Certificate>("/api/training/certificates", body);
      if (!file) return created;
      try {
        return await uploadFile<Certificate>(certificateFileUrl(created.id), file);
      } catch (error) {
        throw Object.assign(error as Error, { certificate: created });
      }
    },
    onSettled: (_data, _error, { body }) =>
      Promise.all([queryClient.invalidateQueries({ queryKey: certificatesKey(body.personId) }), queryClient.invalidateQueries({ queryKey: ["travel"] })]),
  });
}

export function useUploadCertificateFile(personId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, file }: { id: string; file: File }) => uploadFile<Certificate>(certificateFileUrl(id), file),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: certificatesKey(personId) }),
  });
}
