/**
 * The SHA-256 manifest inside the 0503 ZIP (xdomea 3 has no checksum field): one line per entry in the
 * format of GNU `sha256sum`, so the archive can check the unpacked files with `sha256sum -c`.
 */

export interface ManifestLine {
  readonly name: string;
  readonly sha256: string;
}

export const manifestFileName = (prozessId: string): string => `${prozessId}_Aussonderung.Aussonderung.0503.sha256`;

export const formatManifest = (lines: readonly ManifestLine[]): string =>
  lines.map((l) => `${l.sha256}  ${l.name}\n`).join('');

/** Lines of a manifest; malformed lines are returned in `invalid` rather than dropped. */
export function parseManifest(text: string): { lines: ManifestLine[]; invalid: string[] } {
  const lines: ManifestLine[] = [];
  const invalid: string[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (m) lines.push({ sha256: m[1]!, name: m[2]! });
    else invalid.push(line);
  }
  return { lines, invalid };
}
