import { Notifications } from "@mantine/notifications";

/**
 * The toasts' container, loaded after the first screen (app.component.tsx): with its transitions,
 * swipe and scroll-lock code it is a good part of a kilobyte budget, and the sign-in page shows no
 * toast. Pages import `notifications` (the store) directly; a toast asked for before the container
 * is there waits in the store and shows when it arrives.
 */
export function Toasts() {
  return <Notifications position="top-right" limit={3} />;
}
