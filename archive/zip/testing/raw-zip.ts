import { crc32, deflateRawSync } from 'node:zlib';

/**
 * Builds ZIP files byte by byte for tests, including the malformed and hostile ones no ZIP library
 * would write: traversal names, symlinks, lying sizes, wrong CRCs, overlapping entries.
 */
export interface RawEntry {
  readonly name: string;
  readonly data?: Buffer;
  readonly method?: number;
  /** Uncompressed size written into the headers instead of the real one. */
  readonly declaredSize?: number;
  readonly crc?: number;
  readonly flags?: number;
  /** High byte 3 = UNIX, whose mode bits sit in the upper half of externalAttributes. */
  readonly versionMadeBy?: number;
  readonly externalAttributes?: number;
  /** Central-directory offset of the local header, to point several entries at the same data. */
  readonly localHeaderOffset?: number;
}

const DOS_DATE_1980_01_01 = 0x21;

export function buildRawZip(entries: readonly RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const data = entry.data ?? Buffer.alloc(0);
    const method = entry.method ?? 0;
    const stored = method === 8 ? deflateRawSync(data) : data;
    const crc = entry.crc ?? crc32(data);
    const size = entry.declaredSize ?? data.length;
    const name = Buffer.from(entry.name, 'utf8');
    const flags = (entry.flags ?? 0) | 0x800;

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(DOS_DATE_1980_01_01, 12);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const localRecord = Buffer.concat([local, name, stored]);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(entry.versionMadeBy ?? 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(DOS_DATE_1980_01_01, 14);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(stored.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE((entry.externalAttributes ?? 0) >>> 0, 38);
    central.writeUInt32LE(entry.localHeaderOffset ?? offset, 42);
    centrals.push(Buffer.concat([central, name]));

    if (entry.localHeaderOffset === undefined) {
      locals.push(localRecord);
      offset += localRecord.length;
    }
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
