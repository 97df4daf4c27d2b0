// The real SMTP server for tests, for test files outside the notifications module (which keeps
// it beside the flash-alert tests): modules import one another only through their index.ts,
// and the test harness is where shared test support lives.
export { type ReceivedMail, readMail, startTestMailServer, waitFor } from "../modules/notifications/test-mail-server.ts";
