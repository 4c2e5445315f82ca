import PostalMime, { type Email } from 'postal-mime';
import { AppError } from '../../contract/app-error';
import { blockReason } from './attachment-policy';

export interface MailAttachment {
  readonly fileName: string;
  readonly mimeType: string;
  readonly bytes: Uint8Array;
}

export interface MailMessage {
  readonly subject: string;
  /** "Name <address>" of From (or Sender), for the Posteingang's sender. */
  readonly sender: string | null;
  /** The Date header as ISO date-time, when it is valid. */
  readonly sentAt: string | null;
  readonly messageId: string | null;
  /** Plain text body (HTML-only mails: tags stripped), for the full-text index. */
  readonly text: string;
  readonly attachments: readonly MailAttachment[];
  readonly blocked: readonly { name: string; reason: string }[];
}

// A mail's text and its attachments each need the header block; a file without one is not a mail.
const HEADER_LINE = /^[A-Za-z][A-Za-z0-9-]*:[ \t]/;

/** Cheap check on the first line, so other content is not handed to the MIME parser. */
export function looksLikeMail(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  const lines = head.split(/\r?\n/).slice(0, 8);
  const headers = lines
    .filter((l) => HEADER_LINE.test(l))
    .map((l) => l.slice(0, l.indexOf(':')).toLowerCase());
  return (
    headers.length >= 2 &&
    headers.some((h) => ['from', 'received', 'return-path', 'message-id', 'date', 'mime-version'].includes(h))
  );
}

const stripHtml = (html: string) =>
  html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<br\s*\/?>|<\/p>|<\/div>/gi, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/[ \t]+/g, ' ');

const toBytes = (c: ArrayBuffer | Uint8Array | string) =>
  typeof c === 'string' ? Buffer.from(c, 'utf8') : c instanceof Uint8Array ? c : new Uint8Array(c);

/** Parses an .eml file; attachments that must not be taken in are listed in `blocked` with the reason. */
export async function readMail(bytes: Uint8Array): Promise<MailMessage> {
  if (!looksLikeMail(bytes))
    throw new AppError('intake.mail_unreadable', { reason: 'keine Kopfzeilen' }, 'not an RFC 822 message');
  let mail: Email;
  try {
    mail = await PostalMime.parse(bytes, { attachmentEncoding: 'arraybuffer', maxNestingDepth: 50 });
  } catch (err) {
    throw new AppError(
      'intake.mail_unreadable',
      { reason: 'MIME-Struktur fehlerhaft' },
      'mime parse failed',
      { cause: err },
    );
  }
  const from = mail.from ?? mail.sender;
  const mailbox = from && 'address' in from && from.address ? from : null;
  const sender = mailbox
    ? mailbox.name
      ? `${mailbox.name} <${mailbox.address}>`
      : (mailbox.address ?? null)
    : null;
  const date = mail.date ? new Date(mail.date) : null;
  const attachments: MailAttachment[] = [];
  const blocked: { name: string; reason: string }[] = [];
  for (const [i, a] of mail.attachments.entries()) {
    // Images referenced from the HTML body (logos, signatures) belong to the mail, not to the Posteingang.
    if (a.related || (a.disposition === 'inline' && a.contentId && a.mimeType.startsWith('image/'))) continue;
    const fileName = (a.filename ?? '').trim() || `Anhang-${i + 1}`;
    const content = toBytes(a.content);
    const reason = blockReason(fileName, content);
    if (reason) blocked.push({ name: fileName, reason });
    else attachments.push({ fileName, mimeType: a.mimeType, bytes: content });
  }
  return {
    subject: (mail.subject ?? '').trim(),
    sender,
    sentAt: date && !Number.isNaN(date.getTime()) ? date.toISOString() : null,
    messageId: mail.messageId ?? null,
    text: (mail.text ?? (mail.html ? stripHtml(mail.html) : '')).trim(),
    attachments,
    blocked,
  };
}
