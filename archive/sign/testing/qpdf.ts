/** qpdf as an independent reader of PDF structure. */
import { execFileSync, spawnSync } from 'node:child_process';

export type QpdfValue = string | number | boolean | null | QpdfValue[] | { [key: string]: QpdfValue };

/** Every object of the file as qpdf resolves it (qpdf JSON v2: names "/X", strings "u:…"). */
export function qpdfObjects(file: string): Map<string, QpdfValue> {
  const json = JSON.parse(execFileSync('qpdf', ['--json=2', '--json-key=qpdf', file], { encoding: 'utf8', maxBuffer: 1 << 28 }));
  const objects = json.qpdf[1] as Record<string, { value?: QpdfValue; stream?: { dict: QpdfValue } }>;
  return new Map(Object.entries(objects).map(([k, v]) => [k, v.value ?? v.stream?.dict ?? null]));
}

/** `qpdf --check`: exit 0 means no syntax or stream errors; 3 means warnings only. */
export function qpdfCheck(file: string): { status: number | null; output: string } {
  const r = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
  return { status: r.status, output: r.stdout + r.stderr };
}
