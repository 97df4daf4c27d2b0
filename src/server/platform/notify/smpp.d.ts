// The parts of the `smpp` package (node-smpp, no types of its own) that Vigil uses.
declare module "smpp" {
  import type { EventEmitter } from "node:events";
  export type Pdu = Record<string, unknown> & { command: string; command_status: number; response(fields?: Record<string, unknown>): Pdu };
  export class Session extends EventEmitter {
    bind_transceiver(fields: Record<string, unknown>, callback: (pdu: Pdu) => void): void;
    submit_sm(fields: Record<string, unknown>, callback: (pdu: Pdu) => void): void;
    deliver_sm(fields: Record<string, unknown>, callback?: (pdu: Pdu) => void): void;
    send(pdu: Pdu): void;
    pause(): void;
    resume(): void;
    close(callback?: () => void): void;
    destroy(): void;
  }
  export class Server extends EventEmitter {
    listen(port: number, host: string, callback?: () => void): void;
    address(): { port: number };
    close(callback?: () => void): void;
  }
  export function connect(options: { url: string; auto_enquire_link_period?: number; connectTimeout?: number }, listener?: () => void): Session;
  export function createServer(options: Record<string, unknown>, listener: (session: Session) => void): Server;
  export const ESME_RBINDFAIL: number;
  export const ESME_ROK: number;
}
