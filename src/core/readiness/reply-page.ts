import { typeset } from "../language/french-typography.ts";
import { escapeHtml } from "../language/html.ts";
import { answerWords, replyPageWords, type WordsLanguage } from "./checkin-words.ts";
import { type CheckinAnswer, checkinAnswers } from "./checkins.ts";

/**
 * The page a check-in's one-tap link opens (issue 14 §4), on any phone browser and without signing
 * in: the question and three buttons, a plain HTML form with no script, no font and no image (a
 * basic phone on a poor link). Opening the link records nothing (mail scanners open links); only
 * pressing a button does. It shows the message's title and words and nothing else of Vigil.
 */
export type ReplyPageState =
  | { kind: "form"; token: string; title: string; body: string; areaName: string; current: CheckinAnswer | null; isTest: boolean }
  | { kind: "recorded"; answer: CheckinAnswer }
  | { kind: "invalid" };

const colours: Record<CheckinAnswer, string> = { safe: "#1b7a2f", need_help: "#b3261e", not_in_area: "#455a64" };

const style =
  "body{font:17px/1.5 system-ui,sans-serif;margin:0;padding:16px;color:#1b1b1b;background:#f4f6f8}" +
  "main{max-width:28rem;margin:auto;background:#fff;border-radius:8px;padding:20px;border-top:8px solid #1b3a57}" +
  "h1{font-size:1.2rem;margin:0 0 8px}p{margin:8px 0}button{display:block;width:100%;margin:10px 0;padding:14px;font:inherit;font-weight:700;color:#fff;border:0;border-radius:6px}" +
  "textarea{width:100%;box-sizing:border-box;font:inherit;min-height:3.5em}label{display:block;margin-top:12px;color:#444}small{color:#555}";

export function replyPage(state: ReplyPageState, language: WordsLanguage): string {
  const w = replyPageWords[language];
  const say = (text: string) => escapeHtml(typeset(text, language));
  let body: string;
  if (state.kind === "invalid") {
    body = `<h1>${say(w.invalid)}</h1><p>${say(w.invalidHint)}</p>`;
  } else if (state.kind === "recorded") {
    body = [`<h1>${say(w.recorded(answerWords[language][state.answer]))}</h1>`, state.answer === "need_help" ? `<p>${say(w.help)}</p>` : "", `<p><small>${say(w.change)}</small></p>`].join("");
  } else {
    const buttons = checkinAnswers
      .map((answer) => `<button type="submit" name="answer" value="${answer}" style="background:${colours[answer]}">${say(answerWords[language][answer])}</button>`)
      .join("");
    body = [
      `<h1>${state.isTest ? "[TEST] " : ""}${say(state.title)}</h1>`,
      `<p><small>${say(state.areaName)}</small></p>`,
      state.body ? `<p>${say(state.body)}</p>` : "",
      `<p><strong>${say(w.question)}</strong></p>`,
      state.current ? `<p><small>${say(w.current(answerWords[language][state.current]))}</small></p>` : "",
      `<form method="post" action="/r/${escapeHtml(state.token)}">`,
      `<label for="note">${say(w.note)}</label><textarea id="note" name="note" maxlength="500"></textarea>`,
      buttons,
      "</form>",
    ].join("");
  }
  return [
    "<!doctype html>",
    `<html lang="${language}"><head><meta charset="utf-8">`,
    '<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><meta name="referrer" content="no-referrer">',
    `<title>${say(w.title)}</title><style>${style}</style></head>`,
    `<body><main>${body}</main></body></html>`,
  ].join("");
}
