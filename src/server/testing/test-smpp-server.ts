import smpp, { type Pdu, type Session } from "smpp";

export type SubmittedSms = { to: string; from: string; text: string; hasUdh: boolean };

/**
 * A real SMPP server on a free local port, standing for the operator in tests (issue 14 §4): it
 * accepts a transceiver bind, keeps every SMS submitted (with whether it carried a concatenation
 * header), and sends SMS "from a phone" to the bound session as an operator delivers them.
 */
export async function startTestSmppServer() {
  const submitted: SubmittedSms[] = [];
  const sessions: Session[] = [];
  let counter = 0;
  const server = smpp.createServer({}, (session) => {
    session.on("error", () => undefined);
    session.on("bind_transceiver", (pdu: Pdu) => {
      session.send(pdu.response());
      sessions.push(session);
    });
    session.on("enquire_link", (pdu: Pdu) => session.send(pdu.response()));
    session.on("unbind", (pdu: Pdu) => {
      session.send(pdu.response());
      session.close();
    });
    session.on("submit_sm", (pdu: Pdu) => {
      const message = pdu.short_message as { message?: string; udh?: unknown[] } | string;
      submitted.push({
        to: String(pdu.destination_addr),
        from: String(pdu.source_addr),
        text: typeof message === "string" ? message : String(message.message ?? ""),
        hasUdh: typeof message !== "string" && Array.isArray(message.udh) && message.udh.length > 0,
      });
      counter += 1;
      session.send(pdu.response({ message_id: `smsc-${counter}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address();
  return {
    url: `smpp://vigil:secret@127.0.0.1:${port}`,
    submitted,
    /** An SMS from a phone to the deployment, delivered to the session Vigil bound. */
    async fromPhone(from: string, text: string) {
      for (let tries = 0; sessions.length === 0 && tries < 300; tries += 1) await new Promise((resolve) => setTimeout(resolve, 100));
      const session = sessions.at(-1);
      if (!session) throw new Error("Vigil never bound to the test SMPP server");
      session.deliver_sm({ source_addr: from, destination_addr: "VIGIL", short_message: text });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const session of sessions) session.close();
        server.close(() => resolve());
      }),
  };
}
