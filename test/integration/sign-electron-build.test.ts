import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir';

const root = join(import.meta.dirname, '..', '..');
const out = tempDir('eakte-electron-build-');
afterAll(() => out.remove());

describe('Electron bundle and signature cards', () => {
  it('keeps the native PKCS#11 addon out of the bundle, loads it from node_modules and unpacks it from the asar', () => {
    execFileSync(process.execPath, [join(root, 'scripts', 'build-electron.mjs')], { cwd: root, env: { ...process.env, EAKTE_ELECTRON_OUT: out.path } });
    const main = readFileSync(join(out.path, 'main.cjs'), 'utf8');
    // The card driver is loaded lazily with the signing handlers: the bundle requires the package by name.
    expect(main).toMatch(/require\("pkcs11js"\)/);
    // What electron-builder ships: the package with its built addon, outside the asar.
    const addon = join(root, 'node_modules', 'pkcs11js', 'build', 'Release', 'pkcs11.node');
    expect(existsSync(addon)).toBe(true);
    // From where the bundle lives in the app (dist/electron/), the package resolves and its addon loads.
    expect(createRequire(join(root, 'dist', 'electron', 'main.cjs'))('pkcs11js').PKCS11).toBeTypeOf('function');
    expect(readFileSync(join(root, 'electron-builder.yml'), 'utf8')).toMatch(/asarUnpack:[\s\S]*"\*\*\/node_modules\/pkcs11js\/\*\*"/);
    expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).dependencies.pkcs11js).toBeDefined();
  });
});
