import type { WriteTx } from '../db';

/** One numbered step; never renumbered or edited once shipped. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(tx: WriteTx): Promise<void>;
}

/** Runs a script of statements separated by blank-line-free semicolons inside the migration's transaction. */
export async function runScript(tx: WriteTx, script: string): Promise<void> {
  for (const statement of splitStatements(script)) await tx.run(statement);
}

/** Splits on `;` at line ends, keeping trigger bodies (BEGIN … END;) together. */
export function splitStatements(script: string): string[] {
  const out: string[] = [];
  let current: string[] = [];
  let depth = 0;
  for (const line of script.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('--')) continue;
    current.push(line);
    if (/\bBEGIN$/i.test(trimmed)) depth++;
    if (/^END;$/i.test(trimmed)) depth--;
    if (depth === 0 && trimmed.endsWith(';')) {
      out.push(current.join('\n'));
      current = [];
    }
  }
  if (current.length) out.push(current.join('\n'));
  return out;
}
