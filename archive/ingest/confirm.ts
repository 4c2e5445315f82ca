import {
  writeValidatedMessage,
  type ImportConfirmationMessage,
  type ImportResult,
  type MessageHeader,
  type ReceiptMessage,
} from '../xdomea/index';
import type { Finding } from './findings';
import { walkNodes, type IngestReport, type ObjectNode } from './report-tree';

/**
 * The archive's answers to a received 0503: the receipt (0507 AussonderungEmpfangBestaetigen; 0504 is the
 * receipt of a 0501) and the import confirmation 0506 with a result per top-level object. Both go back with
 * the same ProzessID, from the archive to the office.
 */
export interface Confirmations {
  readonly receipt: ReceiptMessage;
  readonly importConfirmation: ImportConfirmationMessage;
}

export interface WrittenConfirmations {
  readonly receiptXml: string;
  readonly importConfirmationXml: string;
}

const describe = (f: Finding): string => (f.detail !== undefined ? `${f.code}: ${f.detail}` : f.code);

/** What the 0506 needs of a received 0503: its header, the package's errors, each top-level object's. */
export interface ConfirmationInput {
  readonly header: MessageHeader;
  readonly packageErrors: readonly string[];
  /** Per top-level object, the errors of it and everything below it (`<uuid> <code>: <detail>`). */
  readonly objects: readonly { readonly xdomeaUuid: string; readonly errors: readonly string[] }[];
}

export const errorsOf = (findings: readonly Finding[]): string[] =>
  findings.filter((f) => f.status === 'error').map(describe);

/** One object's own errors and those of its files, each prefixed with its UUID. */
export const objectErrors = (o: Pick<ObjectNode, 'xdomeaUuid' | 'findings' | 'versions'>): string[] =>
  [...errorsOf(o.findings), ...o.versions.flatMap((v) => v.formats.flatMap((f) => errorsOf(f.findings)))].map(
    (e) => `${o.xdomeaUuid} ${e}`,
  );

/** The confirmation input of a report held as a tree. */
export function confirmationInputOf(report: IngestReport): ConfirmationInput {
  if (report.header === undefined) throw new Error('refused package has no message to confirm');
  return {
    header: report.header,
    packageErrors: errorsOf(report.packageFindings),
    objects: report.objects.map((node) => {
      const errors: string[] = [];
      walkNodes([node], (n) => errors.push(...objectErrors(n)));
      return { xdomeaUuid: node.xdomeaUuid, errors };
    }),
  };
}

/**
 * An Aussonderung is taken over as a whole or not at all: when any object or the package has an error, no
 * object counts as imported, and each result names its own problems or the package's.
 */
export function buildConfirmations(input: ConfirmationInput, createdAt: string): Confirmations {
  const office = input.header;
  const header: MessageHeader = {
    prozessId: office.prozessId,
    createdAt,
    sender: office.recipient,
    recipient: office.sender,
  };
  const accepted = input.packageErrors.length === 0 && input.objects.every((o) => o.errors.length === 0);
  const results: ImportResult[] = input.objects.map(({ xdomeaUuid, errors }) => {
    if (accepted) return { xdomeaUuid, success: true };
    const reasons = [...input.packageErrors, ...errors];
    return {
      xdomeaUuid,
      success: false,
      errorMessages:
        reasons.length > 0 ? reasons : ['not imported: other objects of this Aussonderung failed'],
    };
  });
  return {
    receipt: { type: '0507', header },
    importConfirmation: { type: '0506', header, results },
  };
}

export async function writeConfirmations(confirmations: Confirmations): Promise<WrittenConfirmations> {
  return {
    receiptXml: await writeValidatedMessage(confirmations.receipt),
    importConfirmationXml: await writeValidatedMessage(confirmations.importConfirmation),
  };
}
