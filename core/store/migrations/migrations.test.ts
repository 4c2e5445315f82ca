import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { migrations } from './index';

describe('migration list', () => {
  it('is numbered 1..N without gaps, in order, one file each, all registered', () => {
    // A gap would let a store pass a number that is filled in later, and never run that migration.
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    const files = readdirSync(import.meta.dirname).filter((f) => /^\d{4}-.*\.ts$/.test(f) && !f.endsWith('.test.ts'));
    expect(files.map((f) => Number(f.slice(0, 4))).sort((a, b) => a - b)).toEqual(migrations.map((m) => m.version));
  });
});
