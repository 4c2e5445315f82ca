import type { PDFContext, PDFDict } from 'pdf-lib';
import type { Findings } from '../findings';
import type { FoundDict } from '../inspect/all-dicts';
import type { Inventory } from '../inspect/inventory';
import type { ParsedPdf } from '../parse/parse-pdf';
import type { WorkBudget } from '../parse/work-budget';

/** What every check reads: the parsed file, the catalog and what the pages use. */
export interface Inspected {
  readonly parsed: ParsedPdf;
  readonly context: PDFContext;
  readonly catalog: PDFDict;
  readonly inventory: Inventory;
  readonly budget: WorkBudget;
  /** Strings and streams are encrypted, so their content cannot be judged. */
  readonly encrypted: boolean;
  /** Every dictionary in the file (see allDicts), walked once on first use and shared by the whole-file checks. */
  dicts(): readonly FoundDict[];
}

export type Check = (pdf: Inspected, findings: Findings) => void;
