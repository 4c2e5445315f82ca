import {
  receivePackageInto,
  withDuplicateFinding,
  type IngestSummary,
  type ObjectRow,
  type ReceiveOptions,
} from './receive';

/** An object of the report with its children: the whole tree, for small packages and tests. */
export interface ObjectNode extends Omit<ObjectRow, 'position' | 'depth' | 'top'> {
  readonly children: readonly ObjectNode[];
}

/** A received 0503 with its whole object tree in memory. */
export interface IngestReport extends Omit<IngestSummary, 'duplicates'> {
  readonly objects: readonly ObjectNode[];
}

/** Visits the report tree, parents first. */
export function walkNodes(nodes: readonly ObjectNode[], visit: (node: ObjectNode) => void): void {
  for (const node of nodes) {
    visit(node);
    walkNodes(node.children, visit);
  }
}

type MutableNode = ObjectNode & { children: ObjectNode[] };

/** The tree of rows in preorder: each row's parent is the last row one level up before it. */
export function treeOf(rows: readonly ObjectRow[]): ObjectNode[] {
  const roots: ObjectNode[] = [];
  const open: MutableNode[] = [];
  for (const { position: _p, depth, top: _t, ...row } of [...rows].sort((a, b) => a.position - b.position)) {
    const node: MutableNode = { ...row, children: [] };
    open.length = depth;
    (depth === 0 ? roots : open[depth - 1]!.children).push(node);
    open.push(node);
  }
  return roots;
}

/**
 * `receivePackageInto` with the rows collected into a tree: the whole report in memory, which is fine for
 * the examples and tests; the register streams the rows into its tables instead.
 */
export async function receivePackage(
  input: string,
  workDir: string,
  options: ReceiveOptions = {},
): Promise<IngestReport> {
  const rows: ObjectRow[] = [];
  const { duplicates, ...summary } = await receivePackageInto(input, workDir, (row) => void rows.push(row), options);
  return {
    ...summary,
    objects: summary.refused ? [] : treeOf(rows.map((r) => withDuplicateFinding(r, duplicates))),
  };
}
