/**
 * A minimal reader for the zip files that jars are: enough to pull two entries out of a
 * LangChain4j model jar without `unzip` or a JDK on the installing machine. Stored and deflated
 * entries only; zip64 (archives over 4 GiB) is refused, as no model jar needs it.
 */
import { crc32, inflateRawSync } from 'node:zlib';

const EOCD_SIG = 0x06054b50;
const CEN_SIG = 0x02014b50;
const LOC_SIG = 0x04034b50;

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

export class ZipFormatError extends Error {
  override readonly name = 'ZipFormatError';
}

/** The archive's entries, in central-directory order. Throws ZipFormatError on anything malformed. */
export function listEntries(zip: Buffer): ZipEntry[] {
  // The end-of-central-directory record sits in the last 22 bytes plus at most a 64 KiB comment.
  const floor = Math.max(0, zip.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = zip.length - 22; i >= floor; i--) {
    if (zip.readUInt32LE(i) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError('no end-of-central-directory record (truncated or not a zip)');
  const count = zip.readUInt16LE(eocd + 10);
  const cdSize = zip.readUInt32LE(eocd + 12);
  const cdOffset = zip.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new ZipFormatError('zip64 archives are not supported');
  if (cdOffset + cdSize > eocd) throw new ZipFormatError('central directory points past the end of the file');
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > zip.length || zip.readUInt32LE(p) !== CEN_SIG) {
      throw new ZipFormatError(`central directory entry ${i} is damaged`);
    }
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    entries.push({
      name: zip.toString('utf8', p + 46, p + 46 + nameLen),
      method: zip.readUInt16LE(p + 10),
      crc: zip.readUInt32LE(p + 16),
      compressedSize: zip.readUInt32LE(p + 20),
      size: zip.readUInt32LE(p + 24),
      localOffset: zip.readUInt32LE(p + 42),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The entry's bytes, inflated and checked against its CRC-32. */
export function readEntry(zip: Buffer, entry: ZipEntry): Buffer {
  const p = entry.localOffset;
  if (p + 30 > zip.length || zip.readUInt32LE(p) !== LOC_SIG) {
    throw new ZipFormatError(`local header of ${entry.name} is damaged`);
  }
  const start = p + 30 + zip.readUInt16LE(p + 26) + zip.readUInt16LE(p + 28);
  const end = start + entry.compressedSize;
  if (end > zip.length) throw new ZipFormatError(`${entry.name} runs past the end of the file (truncated)`);
  const raw = zip.subarray(start, end);
  let data: Buffer;
  if (entry.method === 0) data = Buffer.from(raw);
  else if (entry.method === 8) {
    try {
      data = inflateRawSync(raw);
    } catch (e) {
      throw new ZipFormatError(`${entry.name} does not inflate: ${(e as Error).message}`);
    }
  } else throw new ZipFormatError(`${entry.name} uses compression method ${entry.method}, not stored or deflate`);
  if (data.length !== entry.size)
    throw new ZipFormatError(`${entry.name} has ${data.length} bytes, expected ${entry.size}`);
  if (crc32(data) >>> 0 !== entry.crc >>> 0) throw new ZipFormatError(`${entry.name} fails its CRC-32 check`);
  return data;
}
