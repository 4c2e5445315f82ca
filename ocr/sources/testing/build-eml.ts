/** Builds a real multipart RFC 822 message (as a mail client writes it) for tests and samples. */
export interface EmlPart {
  fileName: string;
  mimeType: string;
  bytes: Uint8Array;
  inline?: { contentId: string };
}

const base64Lines = (b: Uint8Array) =>
  (
    Buffer.from(b)
      .toString('base64')
      .match(/.{1,76}/g) ?? []
  ).join('\r\n');

/** RFC 2047 encoded-word, so umlauts in headers survive transport. */
const encodeWord = (s: string) =>
  /^[\x20-\x7e]*$/.test(s) ? s : `=?UTF-8?B?${Buffer.from(s, 'utf8').toString('base64')}?=`;

export function buildEml(m: {
  from: string;
  to: string;
  subject: string;
  date: string;
  text: string;
  parts: EmlPart[];
}): Buffer {
  const boundary = '----=_eakte_test_boundary_7f3a';
  const lines = [
    `From: ${m.from}`,
    `To: ${m.to}`,
    `Subject: ${encodeWord(m.subject)}`,
    `Date: ${m.date}`,
    `Message-ID: <test-${Buffer.from(m.subject).toString('hex').slice(0, 16)}@example.invalid>`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    'This is a multi-part message in MIME format.',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(Buffer.from(m.text, 'utf8')),
  ];
  for (const p of m.parts) {
    const name = encodeWord(p.fileName);
    lines.push(
      `--${boundary}`,
      `Content-Type: ${p.mimeType}; name="${name}"`,
      'Content-Transfer-Encoding: base64',
      p.inline
        ? `Content-Disposition: inline; filename="${name}"`
        : `Content-Disposition: attachment; filename="${name}"`,
      ...(p.inline ? [`Content-ID: <${p.inline.contentId}>`] : []),
      '',
      base64Lines(p.bytes),
    );
  }
  lines.push(`--${boundary}--`, '');
  return Buffer.from(lines.join('\r\n'), 'utf8');
}
