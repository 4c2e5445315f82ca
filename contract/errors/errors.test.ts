import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorTable } from './index';
import type { ErrorSpec } from './define';

describe('error catalogue', () => {
  it('has every area table registered and no code defined twice', async () => {
    const files = readdirSync(import.meta.dirname).filter((f) => f.endsWith('.ts') && !/^(index|define)\.ts$|\.test\.ts$/.test(f));
    const seen = new Map<string, string>();
    for (const file of files) {
      const mod = (await import(`./${file}`)) as Record<string, Record<string, ErrorSpec>>;
      for (const table of Object.values(mod)) {
        for (const code of Object.keys(table)) {
          expect(seen.get(code), `${code} in ${file} and ${seen.get(code)}`).toBeUndefined();
          seen.set(code, file);
          expect(Object.hasOwn(errorTable, code), `${code} from ${file} is not registered in index.ts`).toBe(true);
        }
      }
    }
    expect(seen.size).toBe(Object.keys(errorTable).length);
  });

  it('gives every code a stable name and a German sentence', () => {
    for (const [code, spec] of Object.entries(errorTable) as [string, ErrorSpec][]) {
      expect(code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*\.[a-z0-9_]+$/);
      const text = spec.de(new Proxy({}, { get: () => 'X' }));
      expect(text.length, code).toBeGreaterThan(10);
      expect(text, code).toBe(text.trim());
      expect(text, code).not.toMatch(/undefined|\[object/);
    }
  });
});
