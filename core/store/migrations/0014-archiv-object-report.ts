import { runScript, type Migration } from './types';

/**
 * Archive ingest: the per-object report of a received 0503 as rows beside `archiv_object` (same receipt
 * and preorder position) instead of one JSON document per receipt, so a receipt of 20,000 files is
 * written, paged through and packaged without holding its whole tree. `findings` and `versions` are the
 * object's own JSON (its findings; its versions with formats, file checks and their findings);
 * `top_position` is its top-level object, to which the 0506 reports it. Receipts stored before keep their
 * report column; their objects are copied into rows here.
 */
interface LegacyNode {
  xdomeaUuid: string;
  title?: string;
  aktenzeichen?: string;
  findings: unknown[];
  versions: unknown[];
  children: LegacyNode[];
}

export const m0014: Migration = {
  version: 14,
  name: 'archiv-object-report',
  up: async (tx) => {
    await runScript(
      tx,
      `
CREATE TABLE archiv_object_report (
  receipt_id INTEGER NOT NULL REFERENCES archiv_receipt(id),
  position INTEGER NOT NULL,
  depth INTEGER NOT NULL,
  top_position INTEGER NOT NULL,
  title TEXT,
  aktenzeichen TEXT,
  findings TEXT NOT NULL,
  versions TEXT NOT NULL,
  PRIMARY KEY (receipt_id, position)
);
CREATE TRIGGER archiv_object_report_no_update BEFORE UPDATE ON archiv_object_report BEGIN
  SELECT RAISE(ABORT, 'archiv_object_report is append-only');
END;
CREATE TRIGGER archiv_object_report_no_delete BEFORE DELETE ON archiv_object_report BEGIN
  SELECT RAISE(ABORT, 'archiv_object_report is append-only');
END;
`,
    );
    const receipts = await tx.all<{ id: number; report: string }>('SELECT id, report FROM archiv_receipt');
    for (const receipt of receipts) {
      const objects = (JSON.parse(receipt.report) as { objects?: LegacyNode[] }).objects ?? [];
      let position = 0;
      // Preorder, parents first: the order in which insertReceipt numbered `archiv_object`.
      const visit = async (node: LegacyNode, depth: number, top: number): Promise<void> => {
        const own = position++;
        await tx.run('INSERT INTO archiv_object_report VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
          receipt.id,
          own,
          depth,
          depth === 0 ? own : top,
          node.title ?? null,
          node.aktenzeichen ?? null,
          JSON.stringify(node.findings),
          JSON.stringify(node.versions),
        ]);
        for (const child of node.children) await visit(child, depth + 1, depth === 0 ? own : top);
      };
      for (const node of objects) await visit(node, 0, 0);
    }
  },
};
