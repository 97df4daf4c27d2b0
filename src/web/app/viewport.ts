import { useMediaQuery } from "@mantine/hooks";

/** Below Mantine's `sm` breakpoint (48em). Read on the first render, so a phone never flashes the desktop layout. */
export function useIsPhone(): boolean {
  return useMediaQuery("(max-width: 47.99em)", false, { getInitialValueInEffect: false });
}
