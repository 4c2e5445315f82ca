import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../host/security/csp';

/**
 * A static scan of the Electron code and build configuration, in the spirit of electronegativity
 * (which needs network access to run and so cannot run here): every insecure setting it would flag
 * fails this test.
 */
const root = join(import.meta.dirname, '..');
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
const code = sources(join(root, 'electron')).map((p) => ({ p, text: readFileSync(p, 'utf8') }));

describe('Electron security configuration', () => {
  it.each([
    ['nodeIntegration enabled', /nodeIntegration(InWorker|InSubFrames)?\s*:\s*true/],
    ['contextIsolation disabled', /contextIsolation\s*:\s*false/],
    ['sandbox disabled', /sandbox\s*:\s*false/],
    ['webSecurity disabled', /webSecurity\s*:\s*false/],
    ['insecure content allowed', /allowRunningInsecureContent\s*:\s*true/],
    ['experimental features', /experimentalFeatures\s*:\s*true/],
    ['webview tag', /webviewTag\s*:\s*true/],
    ['remote module', /enableRemoteModule|@electron\/remote/],
    ['shell.openExternal', /openExternal\s*\(/],
    ['insecure protocol registration', /bypassCSP\s*:\s*true|corsEnabled\s*:\s*true/],
    ['loading remote content', /loadURL\(\s*['"`]https?:/],
    ['certificate errors ignored', /certificate-error|ignore-certificate-errors/],
    ['blink features', /enableBlinkFeatures/],
  ])('has no %s', (_name, pattern) => {
    for (const { p, text } of code) expect(pattern.test(text), p).toBe(false);
  });

  it('sets the hardening handlers for every web contents', () => {
    const all = code.map((c) => c.text).join('\n');
    for (const needed of ['setWindowOpenHandler', "'will-navigate'", 'setPermissionRequestHandler', 'setPermissionCheckHandler', 'onBeforeRequest', 'requestSingleInstanceLock', 'isTrustedSender']) {
      expect(all).toContain(needed);
    }
  });

  it('uses a strict CSP without unsafe sources', () => {
    expect(CONTENT_SECURITY_POLICY).toMatch(/default-src 'none'/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(eval|inline)|\*|https?:/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/object-src 'none'/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/frame-ancestors 'none'/);
  });

  it('builds with hardened fuses, per-machine installers and no auto-update', () => {
    const cfg = load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, any>;
    expect(cfg.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    expect(cfg.asar).toBe(true);
    expect(cfg.publish).toBeNull();
    expect(cfg.nsis).toMatchObject({ perMachine: true, oneClick: false });
    expect(cfg.msi).toMatchObject({ perMachine: true });
    const targets = (cfg.win.target as { target: string }[]).map((t) => t.target);
    expect(targets).toEqual(expect.arrayContaining(['nsis', 'msi', 'portable']));
    expect(cfg.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
  });
});
