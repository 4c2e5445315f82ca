import {
  writeValidatedMessage,
  type ImportConfirmationMessage,
  type ImportResult,
  type MessageHeader,
  type ReceiptMessage,
} from '../xdomea/index';
import type { Finding } from './findings';
import { walkNodes, type IngestReport, type ObjectNode } from './receive';

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

function subtreeErrors(node: ObjectNode): string[] {
  const errors: string[] = [];
  walkNodes([node], (n) => {
    const own = n.findings.filter((f) => f.status === 'error').map(describe);
    const files = n.versions.flatMap((v) =>
      v.formats.flatMap((f) => f.findings.filter((x) => x.status === 'error').map(describe)),
    );
    errors.push(...[...own, ...files].map((e) => `${n.xdomeaUuid} ${e}`));
  });
  return errors;
}

/**
 * An Aussonderung is taken over as a whole or not at all: when any object or the package has an error, no
 * object counts as imported, and each result names its own problems or the package's.
 */
export function buildConfirmations(report: IngestReport, createdAt: string): Confirmations {
  if (report.message === undefined) throw new Error('refused package has no message to confirm');
  const office = report.message.header;
  const header: MessageHeader = {
    prozessId: office.prozessId,
    createdAt,
    sender: office.recipient,
    recipient: office.sender,
  };
  const packageErrors = report.packageFindings.filter((f) => f.status === 'error').map(describe);
  const perObject = report.objects.map((node) => ({ node, errors: subtreeErrors(node) }));
  const accepted = packageErrors.length === 0 && perObject.every((o) => o.errors.length === 0);
  const results: ImportResult[] = perObject.map(({ node, errors }) => {
    if (accepted) return { xdomeaUuid: node.xdomeaUuid, success: true };
    const reasons = [...packageErrors, ...errors];
    return {
      xdomeaUuid: node.xdomeaUuid,
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
