const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every record id in Vigil is a UUID: anything else cannot name a record. */
export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}
