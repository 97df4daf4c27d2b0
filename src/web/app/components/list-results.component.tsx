import type { ReactNode } from "react";
import { ListPagination } from "./list-pagination.component.tsx";
import { QueryError } from "./query-error.component.tsx";

type PagedQuery = {
  isError: boolean;
  error: unknown;
  data?: { total: number; pageSize: number };
  refetch: () => unknown;
};

/** A list's table with, above it, the load error (and retry) and, below it, the pages. */
export function ListResults({
  query,
  page,
  onPageChange,
  children,
}: {
  query: PagedQuery;
  page: number;
  onPageChange: (page: number) => void;
  children: ReactNode;
}) {
  return (
    <>
      {query.isError && <QueryError error={query.error} onRetry={() => void query.refetch()} />}
      {children}
      {query.data && (
        <ListPagination total={query.data.total} page={page} pageSize={query.data.pageSize} onChange={onPageChange} />
      )}
    </>
  );
}
