import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir';

const root = join(import.meta.dirname, '..', '..');
const check = (dir?: string) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(process.execPath, [join(root, 'scripts', 'check-licenses.mjs'), ...(dir ? [dir] : [])], (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );

describe('licences of the shipped dependencies', () => {
  const fake = tempDir('eakte-licences-');
  afterAll(() => fake.remove());

  it('are all on the allowed list', async () => {
    const r = await check();
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d{2,} ausgelieferte Pakete geprüft, 0 mit nicht freigegebener Lizenz/);
  });

  it('are refused when a runtime package is GPL or undeclared, while dev tools do not count', async () => {
    const pkg = (name: string, license?: string) => {
      mkdirSync(join(fake.path, 'node_modules', name), { recursive: true });
      writeFileSync(join(fake.path, 'node_modules', name, 'package.json'), JSON.stringify({ name, version: '1.0.0', license }));
    };
    pkg('fine', '(MIT OR GPL-3.0-only)');
    pkg('both', 'MIT AND GPL-2.0-only');
    pkg('copyleft', 'GPL-3.0-or-later');
    pkg('devtool', 'AGPL-3.0-only');
    writeFileSync(
      join(fake.path, 'package-lock.json'),
      JSON.stringify({
        packages: {
          '': { name: 'x' },
          'node_modules/fine': { version: '1.0.0' },
          'node_modules/both': { version: '1.0.0' },
          'node_modules/copyleft': { version: '1.0.0' },
          'node_modules/devtool': { version: '1.0.0', dev: true },
          'node_modules/undeclared': { version: '2.0.0' },
        },
      }),
    );
    const r = await check(fake.path);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n').sort()).toEqual([
      'Lizenz nicht freigegeben: both@1.0.0 (MIT AND GPL-2.0-only)',
      'Lizenz nicht freigegeben: copyleft@1.0.0 (GPL-3.0-or-later)',
      'Lizenz nicht freigegeben: undeclared@2.0.0 (UNKNOWN)',
    ]);
  });
});
