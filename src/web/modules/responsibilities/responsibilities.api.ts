import { useQuery } from "@tanstack/react-query";
import { api } from "../../app/api.ts";
import type { RegisterRoleKey } from "../../app/domain.ts";

export type RegisterItem = { number: number | string; heading: string | null; text: string };
export type RegisterSection = {
  section: string;
  actor: string;
  roleKey: RegisterRoleKey | null;
  items: RegisterItem[];
};

export function useResponsibilities(role: RegisterRoleKey | undefined) {
  return useQuery({
    queryKey: ["responsibilities", role ?? "all"],
    queryFn: ({ signal }) => api.get<{ sections: RegisterSection[] }>("/api/responsibilities", { role }, signal),
    staleTime: 60 * 60_000,
  });
}
