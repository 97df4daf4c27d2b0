import { Skeleton, Stack } from "@mantine/core";
import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { QueryError } from "./query-error.component.tsx";

/** A title bar and a few blocks: the shape of a record page while it loads. */
export function PageSkeleton({ blocks = [160] }: { blocks?: number[] }) {
  return (
    <Stack>
      <Skeleton height={32} width="40%" />
      {blocks.map((height, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity.
        <Skeleton key={index} height={height} />
      ))}
    </Stack>
  );
}

type QueryBoundaryProps<T> = {
  query: UseQueryResult<T>;
  /** Shown while the first answer is awaited. */
  pending?: ReactNode;
  /** Shown above the error, so a failed page still says where the user is. */
  errorHeader?: ReactNode;
  children: (data: T) => ReactNode;
};

/** Placeholder while loading, the error with a retry button on failure, else the content. */
export function QueryBoundary<T>({ query, pending = <PageSkeleton />, errorHeader, children }: QueryBoundaryProps<T>) {
  if (query.isPending) return pending;
  if (query.isError) {
    return (
      <>
        {errorHeader}
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  return children(query.data);
}
