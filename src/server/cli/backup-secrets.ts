import { readFileSync } from "node:fs";

/** The command line's encryption options for `vigil backup` and `vigil restore`. */
export type BackupSecretOptions = { passphraseFile?: string; recipient?: string; identity?: string };

/**
 * Reads the secrets from their files (never from the command line, where other users of the
 * machine could read them in the process list): a passphrase file's last line break is not part
 * of the passphrase; VIGIL_BACKUP_PASSPHRASE stands in for --passphrase-file.
 */
export function readBackupSecrets(options: BackupSecretOptions, environment: NodeJS.ProcessEnv = process.env) {
  const fromFile = options.passphraseFile ? readFileSync(options.passphraseFile, "utf8").replace(/\r?\n$/, "") : undefined;
  const passphrase = fromFile ?? (environment.VIGIL_BACKUP_PASSPHRASE || undefined);
  if (passphrase !== undefined && (options.recipient || options.identity)) {
    throw new Error("Give either a passphrase (--passphrase-file or VIGIL_BACKUP_PASSPHRASE) or a key (--recipient, --identity), not both");
  }
  return {
    passphrase,
    recipientPem: options.recipient ? readFileSync(options.recipient, "utf8") : undefined,
    identityPem: options.identity ? readFileSync(options.identity, "utf8") : undefined,
  };
}
