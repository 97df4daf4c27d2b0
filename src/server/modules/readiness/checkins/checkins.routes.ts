import { z } from "zod";
import { checkinAnswers, messageInput, messageKinds, replyChannels, replyInput } from "../../../../core/readiness/checkins.ts";
import { replyPage } from "../../../../core/readiness/reply-page.ts";
import { languageFromAcceptLanguage } from "../../../../core/travel/clearance-verification.ts";
import { sendDownload } from "../../../platform/http/download.ts";
import { defineRoute } from "../../../platform/http/route.ts";
import { actionsField, errorResponses, idParams, pageOf, pagingQuery, timestamp } from "../../../platform/http/schemas.ts";
import { recipientsCsv, resendToUnanswered } from "./checkins-export.service.ts";
import { closeMessage, getMessage, listMessages, previewMessage, sendMessage } from "./checkins.service.ts";
import { recordFor, replyAsMe } from "./replies.service.ts";
import { replyByLink, replyFromForm, replyLinkPage } from "./reply-link.service.ts";
import { streamTally } from "./tally-stream.ts";
import { listRecipients, readTally } from "./tally.service.ts";

const messageOut = z.object({
  id: z.string(),
  kind: z.enum(messageKinds),
  placeId: z.string(),
  areaName: z.string(),
  title: z.string(),
  body: z.string(),
  channels: z.object({ app: z.boolean(), email: z.boolean(), sms: z.boolean() }),
  isTest: z.boolean(),
  sentByName: z.string(),
  sentAt: timestamp,
  expiresAt: timestamp.nullable(),
  closedAt: timestamp.nullable(),
  isOpen: z.boolean(),
  isRecipient: z.boolean(),
  myAnswer: z.enum(checkinAnswers).nullable(),
  actions: actionsField,
});

const counts = { recipients: z.number().int(), people: z.number().int(), replied: z.number().int(), noReply: z.number().int(), safe: z.number().int(), need_help: z.number().int(), not_in_area: z.number().int() };
const tallyOut = z.object({
  version: z.string().describe("The latest answer's number: a change means new answers"),
  totals: z.object(counts),
  byZone: z.array(z.object({ ...counts, zoneId: z.string().nullable(), name: z.string().nullable() })),
  byOrganisation: z.array(z.object({ ...counts, organisationId: z.string(), code: z.string() })),
  byChannel: z.record(z.enum(replyChannels), z.number().int()),
});
const previewOut = z.object({ recipients: z.number().int(), people: z.number().int(), unreachable: z.number().int(), travellers: z.number().int() });
const recipientOut = z.object({
  personId: z.string(),
  name: z.string(),
  organisationCode: z.string(),
  zoneId: z.string().nullable(),
  zoneName: z.string().nullable(),
  people: z.number().int(),
  answer: z.enum(checkinAnswers).nullable(),
  answerChannel: z.enum(replyChannels).nullable(),
  answeredAt: timestamp.nullable(),
  note: z.string().nullable(),
  contacts: z.object({ phone: z.string().nullable(), mobile: z.string().nullable() }).nullable().describe("Need-to-know: null when the caller may not see them"),
  canRecord: z.boolean(),
});
const replyOut = z.object({ status: z.literal("recorded"), answer: z.enum(checkinAnswers) });

const tags = ["Readiness: mass notification and check-ins"];
// The shape `reply-token.ts` makes; anything else is no link Vigil sent (400, as for clearance codes).
const tokenParams = z.object({ token: z.string().regex(/^[0-9a-z]{1,11}\.[A-Za-z0-9_-]{16}$/, { message: "is not a reply link" }) });
const html = (description: string) => z.string().describe(description);

export const checkinRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/checkins",
    access: "authenticated",
    summary: "Broadcasts and check-ins of the caller's areas and those sent to the caller, newest first",
    tags,
    querystring: z.object({ ...pagingQuery }),
    response: { 200: pageOf(messageOut), ...errorResponses },
    handler: ({ context, query }) => listMessages(context, query),
  }),
  defineRoute({
    method: "POST",
    url: "/api/checkins/preview",
    access: "readiness.checkin.send",
    summary: "How many people an audience reaches now, and how many no chosen channel can reach",
    tags,
    body: messageInput.pick({ audience: true, channels: true, testPersonIds: true }),
    response: { 200: previewOut, ...errorResponses },
    handler: ({ context, body }) => previewMessage(context, body),
  }),
  defineRoute({
    method: "POST",
    url: "/api/checkins",
    access: "readiness.checkin.send",
    summary: "Send a broadcast or a check-in to an area's people (in-app, e-mail and SMS, each with a one-tap reply link)",
    tags,
    body: messageInput,
    response: { 201: messageOut, ...errorResponses },
    handler: async ({ context, body, reply }) => reply.code(201).send(await sendMessage(context, body)),
  }),
  defineRoute({
    method: "GET",
    url: "/api/checkins/:id",
    access: "authenticated",
    summary: "A message: to its area's readers and to its recipients",
    tags,
    params: idParams,
    response: { 200: messageOut, ...errorResponses },
    handler: ({ context, params }) => getMessage(context, params.id),
  }),
  defineRoute({
    method: "POST",
    url: "/api/checkins/:id/close",
    access: "readiness.checkin.send",
    summary: "Close a check-in before its expiry: no answer is taken afterwards",
    tags,
    params: idParams,
    response: { 200: messageOut, ...errorResponses },
    handler: ({ context, params }) => closeMessage(context, params.id),
  }),
  defineRoute({
    method: "POST",
    url: "/api/checkins/:id/reply",
    access: "authenticated",
    summary: "Answer a check-in for oneself (a later answer replaces the earlier one; both stay in its history)",
    tags,
    params: idParams,
    body: replyInput,
    response: { 200: replyOut, ...errorResponses },
    handler: ({ context, params, body }) => replyAsMe(context, params.id, body),
  }),
  defineRoute({
    method: "PUT",
    url: "/api/checkins/:id/recipients/:personId/answer",
    access: "readiness.checkin.record",
    summary: "Record a person's answer on their behalf (their warden, or the area's security staff)",
    tags,
    params: z.object({ id: z.uuid({ message: "must be a valid id" }), personId: z.uuid({ message: "must be a valid id" }) }),
    body: replyInput,
    response: { 200: replyOut, ...errorResponses },
    handler: ({ context, params, body }) => recordFor(context, params.id, params.personId, body),
  }),
  defineRoute({
    method: "GET",
    url: "/api/checkins/:id/tally",
    access: "readiness.checkin.read",
    summary: "The live tally: answers by zone, organisation and channel",
    tags,
    params: idParams,
    response: { 200: tallyOut, ...errorResponses },
    handler: ({ context, params }) => readTally(context, params.id),
  }),
  defineRoute({
    method: "GET",
    url: "/api/checkins/:id/tally/stream",
    access: "readiness.checkin.read",
    summary: "The tally as server-sent events (`Accept: text/event-stream`): a `tally` event at once and whenever an answer arrives, on any node; other clients get it once as JSON",
    tags,
    params: idParams,
    response: { 200: z.any().describe("text/event-stream"), ...errorResponses },
    handler: async ({ context, params, request, reply }) => streamTally(context, params.id, request, reply),
  }),
  defineRoute({
    method: "GET",
    url: "/api/checkins/:id/recipients",
    access: "readiness.checkin.read",
    summary: "Who was asked and their answers, those without one first (phone numbers need-to-know, audited)",
    tags,
    params: idParams,
    querystring: z.object({ ...pagingQuery, answer: z.enum([...checkinAnswers, "none"]).optional(), zoneId: z.uuid().optional() }),
    response: { 200: pageOf(recipientOut).extend({ hidden: z.number().int() }), ...errorResponses },
    handler: ({ context, params, query }) => listRecipients(context, params.id, query),
  }),
  defineRoute({
    method: "GET",
    url: "/api/checkins/:id/recipients.csv",
    access: "readiness.checkin.read",
    summary: "Who was asked and their answers as CSV (no contacts): headers and answers in `lang` (by default the caller's), or column codes with headers=codes",
    tags,
    params: idParams,
    querystring: z.object({
      lang: z.enum(["en", "fr"], { message: "must be en or fr" }).optional(),
      headers: z.enum(["names", "codes"], { message: "must be names or codes" }).default("names"),
    }),
    response: { 200: z.any().describe("The CSV file"), ...errorResponses },
    handler: async ({ context, params, query, reply }) => {
      const { fileName, stream } = await recipientsCsv(context, params.id, query);
      return sendDownload(reply, "csv", fileName, stream);
    },
  }),
  defineRoute({
    method: "POST",
    url: "/api/checkins/:id/resend",
    access: "readiness.checkin.send",
    summary: "Send an open check-in again to those who have not answered (in-app, e-mail and SMS as first sent, each with their own link)",
    tags,
    params: idParams,
    response: { 200: z.object({ resentTo: z.number().int(), emails: z.number().int(), sms: z.number().int() }), ...errorResponses },
    handler: ({ context, params }) => resendToUnanswered(context, params.id),
  }),
  defineRoute({
    method: "GET",
    url: "/r/:token",
    access: "public",
    summary: "The page a check-in's reply link opens (HTML, no sign-in): the question and the answers; opening it records nothing",
    tags,
    params: tokenParams,
    response: { ...errorResponses, 200: html("The HTML page"), 404: html("The HTML page, saying the link is no longer valid") },
    handler: async ({ params, request, reply }) => {
      const state = await replyLinkPage(request.server.database, params.token);
      return reply
        .code(state.kind === "invalid" ? 404 : 200)
        .type("text/html; charset=utf-8")
        .header("vary", "accept-language")
        .send(replyPage(state, languageFromAcceptLanguage(request.headers["accept-language"])));
    },
  }),
  defineRoute({
    method: "POST",
    url: "/r/:token",
    access: "public",
    summary: "The answer pressed on the reply page (a form: answer, note); a link no longer valid records nothing",
    tags,
    params: tokenParams,
    response: { ...errorResponses, 200: html("The HTML page, thanking"), 404: html("The HTML page, saying the link is no longer valid") },
    handler: async ({ params, request, reply }) => {
      const state = await replyByLink(request.server.database, params.token, replyFromForm(request.body), request.id);
      return reply
        .code(state.kind === "invalid" ? 404 : 200)
        .type("text/html; charset=utf-8")
        .send(replyPage(state, languageFromAcceptLanguage(request.headers["accept-language"])));
    },
  }),
];
