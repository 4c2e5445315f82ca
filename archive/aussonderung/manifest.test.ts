import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/temp-dir';
import { formatManifest, parseManifest } from './manifest';

const dirs: { remove(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

describe('SHA-256 manifest', () => {
  it('is what GNU sha256sum checks, and reads back; a changed file fails the check', () => {
    const dir = tempDir();
    dirs.push(dir);
    const files = { 'a1b2c3d4-0001-4000-8000-000000000001.pdf': '%PDF-1.7 eins', 'Nachricht mit Leerzeichen.xml': '<x/>' };
    const lines = Object.entries(files).map(([name, content]) => {
      writeFileSync(join(dir.path, name), content);
      return { name, sha256: createHash('sha256').update(content).digest('hex') };
    });
    const text = formatManifest(lines);
    writeFileSync(join(dir.path, 'm.sha256'), text);
    expect(spawnSync('sha256sum', ['--check', '--strict', 'm.sha256'], { cwd: dir.path }).status).toBe(0);
    expect(parseManifest(text)).toEqual({ lines, invalid: [] });

    writeFileSync(join(dir.path, 'Nachricht mit Leerzeichen.xml'), '<y/>');
    expect(spawnSync('sha256sum', ['--check', '--strict', 'm.sha256'], { cwd: dir.path }).status).toBe(1);
    expect(parseManifest(`${text}kaputt\n`).invalid).toEqual(['kaputt']);
  });
});
