import {
  type KeyObject,
  constants,
  createCipheriv,
  createDecipheriv,
  createHmac,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
  scrypt,
  timingSafeEqual,
} from "node:crypto";
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { type Readable, Transform } from "node:stream";
import type { AuditAnchor } from "../audit/audit-anchor.ts";

/**
 * Encrypted backups: the gzip'd backup stream under AES-256-GCM with a random key per file. The key
 * comes from a passphrase (scrypt) or is wrapped for a public key (RSA-OAEP-SHA256, or X25519 +
 * HKDF-SHA256). File: one JSON line (the envelope, authenticated as GCM's additional data), then
 * the ciphertext, then GCM's 16-byte tag. The envelope carries the audit anchor in the clear, so
 * `vigil audit verify --anchor` can read it without the key (it reveals a hash, nothing else).
 */
export class BackupError extends Error {}

export const encryptedFormat = "vigil-backup-encrypted";
const tagLength = 16;
// scrypt cost: N = 2^17, r = 8 (128 MiB, a fraction of a second): OWASP's current minimum.
const scryptCost = { N: 2 ** 17, r: 8, p: 1 };
const keyCheckLabel = "vigil-backup key check";

type KeyEnvelope =
  | { method: "scrypt"; salt: string; N: number; r: number; p: number }
  | { method: "rsa-oaep-sha256"; wrapped: string }
  | { method: "x25519-hkdf-sha256"; ephemeral: string };

export type EncryptedEnvelope = {
  format: typeof encryptedFormat;
  version: 1;
  cipher: "aes-256-gcm";
  iv: string;
  /** Tells a wrong passphrase or key at once, before anything is read or changed. */
  keyCheck: string;
  key: KeyEnvelope;
  anchor: AuditAnchor | null;
  createdAt: string;
};

export type EncryptOptions = { passphrase?: string; recipientPem?: string };
export type DecryptOptions = { passphrase?: string; identityPem?: string };

function deriveFromPassphrase(passphrase: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(passphrase.normalize("NFC"), salt, 32, { ...cost, maxmem: 256 * cost.N * cost.r + 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

function x25519Key(shared: Buffer, ephemeral: Buffer, recipient: Buffer): Buffer {
  return Buffer.from(hkdfSync("sha256", shared, Buffer.concat([ephemeral, recipient]), "vigil-backup v1", 32));
}

function keyCheckOf(dataKey: Buffer): string {
  return createHmac("sha256", dataKey).update(keyCheckLabel).digest("base64");
}

function publicKeyFrom(pem: string): KeyObject {
  try {
    return createPublicKey(pem);
  } catch {
    throw new BackupError("The recipient is not a public key in PEM format");
  }
}

/** A fresh data key, and how the envelope lets its owner find it again. */
export type DataKey = { dataKey: Buffer; key: KeyEnvelope };

export async function newDataKey(options: EncryptOptions): Promise<DataKey> {
  if (options.passphrase !== undefined) {
    if (options.passphrase.length < 12) throw new BackupError("The backup passphrase must hold at least 12 characters");
    const salt = randomBytes(16);
    return { dataKey: await deriveFromPassphrase(options.passphrase, salt, scryptCost), key: { method: "scrypt", salt: salt.toString("base64"), ...scryptCost } };
  }
  const recipient = publicKeyFrom(options.recipientPem ?? "");
  const dataKey = randomBytes(32);
  if (recipient.asymmetricKeyType === "rsa") {
    if ((recipient.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) throw new BackupError("An RSA recipient key needs at least 2048 bits");
    const wrapped = publicEncrypt({ key: recipient, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha256" }, dataKey);
    return { dataKey, key: { method: "rsa-oaep-sha256", wrapped: wrapped.toString("base64") } };
  }
  if (recipient.asymmetricKeyType === "x25519") {
    const ephemeral = generateKeyPairSync("x25519");
    const ephemeralDer = ephemeral.publicKey.export({ type: "spki", format: "der" });
    const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipient });
    const derived = x25519Key(shared, ephemeralDer, recipient.export({ type: "spki", format: "der" }));
    return { dataKey: derived, key: { method: "x25519-hkdf-sha256", ephemeral: ephemeralDer.toString("base64") } };
  }
  throw new BackupError("The recipient key must be an RSA or X25519 public key");
}

/** The envelope line (its bytes are GCM's additional data) and the encrypting stream. */
export function encryptingStream({ dataKey, key }: DataKey, anchor: AuditAnchor | null): { envelopeLine: string; cipher: Transform } {
  const iv = randomBytes(12);
  const envelope: EncryptedEnvelope = {
    format: encryptedFormat,
    version: 1,
    cipher: "aes-256-gcm",
    iv: iv.toString("base64"),
    keyCheck: keyCheckOf(dataKey),
    key,
    anchor,
    createdAt: new Date().toISOString(),
  };
  const envelopeLine = JSON.stringify(envelope);
  const gcm = createCipheriv("aes-256-gcm", dataKey, iv);
  gcm.setAAD(Buffer.from(envelopeLine, "utf8"));
  const cipher = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, gcm.update(chunk));
    },
    flush(callback) {
      this.push(gcm.final());
      callback(null, gcm.getAuthTag());
    },
  });
  return { envelopeLine: `${envelopeLine}\n`, cipher };
}

export type BackupKind = { isEncrypted: false } | { isEncrypted: true; envelope: EncryptedEnvelope; envelopeBytes: number };

/** Tells a plain (gzip) backup from an encrypted one by its first bytes. */
export async function backupKind(file: string): Promise<BackupKind> {
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const start = buffer.subarray(0, bytesRead);
    if (!start.subarray(0, 64).toString("latin1").startsWith(`{"format":"${encryptedFormat}"`)) return { isEncrypted: false };
    const end = start.indexOf(0x0a);
    if (end < 0) throw new BackupError("The backup file is damaged or not a Vigil backup");
    try {
      return { isEncrypted: true, envelope: JSON.parse(start.subarray(0, end).toString("utf8")) as EncryptedEnvelope, envelopeBytes: end + 1 };
    } catch {
      throw new BackupError("The backup file is damaged or not a Vigil backup");
    }
  } finally {
    await handle.close();
  }
}

async function recoverDataKey(envelope: EncryptedEnvelope, options: DecryptOptions): Promise<Buffer> {
  const key = envelope.key;
  if (key.method === "scrypt") {
    if (options.passphrase === undefined) throw new BackupError("This backup is encrypted with a passphrase: give --passphrase-file (or VIGIL_BACKUP_PASSPHRASE)");
    return deriveFromPassphrase(options.passphrase, Buffer.from(key.salt, "base64"), { N: key.N, r: key.r, p: key.p });
  }
  if (options.identityPem === undefined) throw new BackupError("This backup is encrypted for a key pair: give --identity with the private key");
  let identity: KeyObject;
  try {
    identity = createPrivateKey(options.identityPem);
  } catch {
    throw new BackupError("The identity is not a private key in PEM format");
  }
  const wrongKey = new BackupError("The private key does not open this backup");
  if (key.method === "rsa-oaep-sha256") {
    if (identity.asymmetricKeyType !== "rsa") throw wrongKey;
    try {
      return privateDecrypt({ key: identity, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: "sha256" }, Buffer.from(key.wrapped, "base64"));
    } catch {
      throw wrongKey;
    }
  }
  if (key.method === "x25519-hkdf-sha256") {
    if (identity.asymmetricKeyType !== "x25519") throw wrongKey;
    const ephemeralDer = Buffer.from(key.ephemeral, "base64");
    const ephemeral = createPublicKey({ key: ephemeralDer, format: "der", type: "spki" });
    const shared = diffieHellman({ privateKey: identity, publicKey: ephemeral });
    return x25519Key(shared, ephemeralDer, createPublicKey(identity).export({ type: "spki", format: "der" }));
  }
  throw new BackupError("The backup is encrypted in a way this Vigil does not know");
}

/**
 * The gzip'd backup stream of an encrypted file. The key is checked first (a wrong one changes
 * nothing); GCM's tag is checked at the very end, where the stream fails instead of ending, so a
 * restore reading it never reaches its COMMIT with altered data.
 */
export async function decryptingStream(file: string, kind: Extract<BackupKind, { isEncrypted: true }>, options: DecryptOptions): Promise<Readable> {
  const { envelope, envelopeBytes } = kind;
  if (envelope.version !== 1 || envelope.cipher !== "aes-256-gcm") throw new BackupError("The backup is encrypted in a way this Vigil does not know");
  const dataKey = await recoverDataKey(envelope, options);
  const check = Buffer.from(keyCheckOf(dataKey), "base64");
  const stored = Buffer.from(String(envelope.keyCheck), "base64");
  if (stored.length !== check.length || !timingSafeEqual(stored, check)) {
    throw new BackupError(envelope.key.method === "scrypt" ? "Wrong passphrase for this backup" : "The private key does not open this backup");
  }
  const handle = await open(file, "r");
  const { size } = await handle.stat();
  const tag = Buffer.alloc(tagLength);
  const tagRead = size - tagLength >= envelopeBytes ? (await handle.read(tag, 0, tagLength, size - tagLength)).bytesRead : 0;
  await handle.close();
  if (tagRead !== tagLength) throw new BackupError("The backup file is damaged (it ends too early)");
  const gcm = createDecipheriv("aes-256-gcm", dataKey, Buffer.from(envelope.iv, "base64"));
  gcm.setAAD(await envelopeAad(file, envelopeBytes));
  gcm.setAuthTag(tag);
  const source = createReadStream(file, { start: envelopeBytes, end: size - tagLength - 1 });
  const plain = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, gcm.update(chunk));
    },
    flush(callback) {
      try {
        callback(null, gcm.final());
      } catch {
        callback(new BackupError("The backup file is damaged or was altered (its authentication tag does not match); nothing was restored"));
      }
    },
  });
  source.on("error", (error) => plain.destroy(error));
  return source.pipe(plain);
}

/** The envelope's exact bytes, as they were authenticated (not a re-serialisation). */
async function envelopeAad(file: string, envelopeBytes: number): Promise<Buffer> {
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(envelopeBytes - 1);
    await handle.read(buffer, 0, buffer.length, 0);
    return buffer;
  } finally {
    await handle.close();
  }
}
