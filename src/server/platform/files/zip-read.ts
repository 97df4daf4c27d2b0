import { inflateRawSync } from "node:zlib";

/**
 * Reads chosen entries of an uploaded zip (an XLSX is one) with bounded memory, before any
 * parser sees them: a zip of 1 MB can unpack to gigabytes. The central directory's declared
 * sizes are checked against the budget first, then every entry is inflated with its declared
 * size as the hard ceiling, so a directory that understates a size is caught while inflating
 * rather than trusted.
 */

export type ZipLimits = { maxEntries: number; maxUnpackedBytes: number };

export type ZipProblem = "entries" | "unpacked" | "unreadable";

export class ZipError extends Error {
  constructor(
    readonly problem: ZipProblem,
    message: string,
  ) {
    super(message);
  }
}

type DirectoryEntry = { name: string; method: number; flags: number; compressedSize: number; size: number; localHeaderOffset: number };

const endOfDirectorySignature = 0x06054b50;
const directorySignature = 0x02014b50;
const localHeaderSignature = 0x04034b50;
/** Sizes and offsets of 0xFFFFFFFF (and counts of 0xFFFF) mean ZIP64, which no workbook within the limits needs. */
const zip64Marker = 0xffffffff;

const unreadable = (message: string) => new ZipError("unreadable", message);

/** The end-of-directory record is in the last 22 bytes, plus a comment of at most 65,535. */
function endOfDirectoryOffset(content: Buffer): number {
  const earliest = Math.max(0, content.length - 22 - 0xffff);
  for (let offset = content.length - 22; offset >= earliest; offset -= 1) {
    if (content.readUInt32LE(offset) === endOfDirectorySignature) return offset;
  }
  throw unreadable("it is not a zip archive (no central directory)");
}

function readDirectory(content: Buffer, limits: ZipLimits): DirectoryEntry[] {
  if (content.length < 22) throw unreadable("it is not a zip archive (too short)");
  const end = endOfDirectoryOffset(content);
  const count = content.readUInt16LE(end + 10);
  const directorySize = content.readUInt32LE(end + 12);
  const directoryOffset = content.readUInt32LE(end + 16);
  if (count === 0xffff || directoryOffset === zip64Marker) throw new ZipError("entries", "it is a ZIP64 archive");
  if (count > limits.maxEntries) throw new ZipError("entries", `it has ${count} entries`);
  if (directoryOffset + directorySize > end) throw unreadable("its central directory lies outside the file");
  const entries: DirectoryEntry[] = [];
  let offset = directoryOffset;
  for (let index = 0; index < count; index += 1) {
    if (offset + 46 > end || content.readUInt32LE(offset) !== directorySignature) throw unreadable("its central directory is damaged");
    const nameLength = content.readUInt16LE(offset + 28);
    const extraLength = content.readUInt16LE(offset + 30);
    const commentLength = content.readUInt16LE(offset + 32);
    entries.push({
      flags: content.readUInt16LE(offset + 8),
      method: content.readUInt16LE(offset + 10),
      compressedSize: content.readUInt32LE(offset + 20),
      size: content.readUInt32LE(offset + 24),
      localHeaderOffset: content.readUInt32LE(offset + 42),
      name: content.toString("utf8", offset + 46, offset + 46 + nameLength),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The entry's compressed bytes, found through its local header (whose name and extra lengths may differ from the directory's). */
function compressedBytes(content: Buffer, entry: DirectoryEntry): Buffer {
  const at = entry.localHeaderOffset;
  if (at + 30 > content.length || content.readUInt32LE(at) !== localHeaderSignature) throw unreadable(`the entry ${entry.name} is damaged`);
  const start = at + 30 + content.readUInt16LE(at + 26) + content.readUInt16LE(at + 28);
  if (start + entry.compressedSize > content.length) throw unreadable(`the entry ${entry.name} is cut short`);
  return content.subarray(start, start + entry.compressedSize);
}

function inflateEntry(content: Buffer, entry: DirectoryEntry): Buffer {
  if (entry.flags & 0x1) throw unreadable(`the entry ${entry.name} is encrypted`);
  const data = compressedBytes(content, entry);
  if (entry.method === 0) {
    if (data.length !== entry.size) throw unreadable(`the entry ${entry.name} is damaged`);
    return data;
  }
  if (entry.method !== 8) throw unreadable(`the entry ${entry.name} uses an unsupported compression method`);
  if (entry.size === 0) return Buffer.alloc(0);
  let inflated: Buffer;
  try {
    // The declared size is the ceiling: zlib stops as soon as the output would pass it.
    inflated = inflateRawSync(data, { maxOutputLength: entry.size });
  } catch (error) {
    // A directory that understates a size is a forged or damaged archive, not merely a big one.
    if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw unreadable(`the entry ${entry.name} unpacks to more than the ${entry.size} bytes its directory declares`);
    throw unreadable(`the entry ${entry.name} cannot be inflated: ${(error as Error).message}`);
  }
  if (inflated.length !== entry.size) throw unreadable(`the entry ${entry.name} unpacks to ${inflated.length} bytes, not the ${entry.size} its directory declares`);
  return inflated;
}

/**
 * An archive opened for reading: its directory is read and checked at once, and each entry read
 * counts against one budget of unpacked bytes. Entries never read are never inflated, so their
 * size does not count. Throws ZipError when the archive is unreadable or passes a limit.
 */
export class ZipReader {
  private readonly entries = new Map<string, DirectoryEntry>();
  private unpacked = 0;

  constructor(
    private readonly content: Buffer,
    private readonly limits: ZipLimits,
  ) {
    for (const entry of readDirectory(content, limits)) {
      if (this.entries.has(entry.name)) throw unreadable(`the entry ${entry.name} appears twice`);
      this.entries.set(entry.name, entry);
    }
  }

  /** The entry's inflated content, or null when the archive has no such entry. */
  read(name: string): Buffer | null {
    const entry = this.entries.get(name);
    if (!entry) return null;
    if (entry.size === zip64Marker || entry.compressedSize === zip64Marker) throw new ZipError("unpacked", `the entry ${entry.name} is a ZIP64 entry`);
    if (this.unpacked + entry.size > this.limits.maxUnpackedBytes) throw new ZipError("unpacked", `its entries declare more than ${this.limits.maxUnpackedBytes} bytes unpacked`);
    this.unpacked += entry.size;
    return inflateEntry(this.content, entry);
  }
}
