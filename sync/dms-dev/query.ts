import { CmisFault } from './faults';

/**
 * The subset of CMIS-QL the sync client and simple tools use:
 * `SELECT … FROM <type> [WHERE <cond> [AND <cond>]…] [ORDER BY …]` with
 * `<property> = '<text>'`, `IN_FOLDER('<id>')` and `IN_TREE('<id>')`.
 */
export type Condition =
  | { kind: 'equals'; property: string; value: string }
  | { kind: 'inFolder'; folderId: string }
  | { kind: 'inTree'; folderId: string };

export interface ParsedQuery {
  typeId: string;
  conditions: Condition[];
}

const literal = `'((?:[^']|'')*)'`;
const CONDITION = new RegExp(
  `^\\s*(?:(IN_FOLDER|IN_TREE)\\s*\\(\\s*${literal}\\s*\\)|([\\w:.-]+)\\s*=\\s*${literal})\\s*$`,
  'i',
);

export function parseQuery(statement: string): ParsedQuery {
  const m = /^\s*SELECT\s+.+?\s+FROM\s+([\w:.-]+)(?:\s+WHERE\s+(.+?))?(?:\s+ORDER\s+BY\s+.+)?\s*$/is.exec(statement);
  if (!m?.[1]) throw new CmisFault('invalidArgument', 'unsupported query');
  const conditions = (m[2] ? splitAnd(m[2]) : []).map((part) => {
    const c = CONDITION.exec(part);
    if (!c) throw new CmisFault('invalidArgument', `unsupported condition: ${part.slice(0, 80)}`);
    const unquote = (s: string | undefined) => (s ?? '').replace(/''/g, "'");
    if (c[1]) return { kind: c[1].toUpperCase() === 'IN_TREE' ? 'inTree' : 'inFolder', folderId: unquote(c[2]) } as Condition;
    return { kind: 'equals', property: c[3] ?? '', value: unquote(c[4]) } as Condition;
  });
  return { typeId: m[1], conditions };
}

/** Splits on AND outside quotes. */
function splitAnd(where: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < where.length; i++) {
    if (where[i] === "'") quoted = !quoted;
    else if (!quoted && /^\sAND\s/i.test(where.slice(i, i + 5))) {
      parts.push(where.slice(start, i));
      start = i + 5;
      i += 4;
    }
  }
  parts.push(where.slice(start));
  return parts;
}
