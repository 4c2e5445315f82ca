import { describe, expect, it } from 'vitest';
import { blockReason } from './attachment-policy';
import { looksLikeMail, readMail } from './mail';
import { buildEml } from './testing/build-eml';

const pdfBytes = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');
const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const mz = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62)]);

describe('readMail', () => {
  it('reads sender, date, body and attachments, and blocks programs and disguised names', async () => {
    const eml = buildEml({
      from: '"Müller, Anna" <anna.mueller@example.invalid>',
      to: 'poststelle@stadt.example.invalid',
      subject: 'Widerspruch gegen Bescheid – Kassenzeichen 123',
      date: 'Mon, 23 Nov 2026 08:15:00 +0100',
      text: 'Sehr geehrte Damen und Herren,\nanbei mein Widerspruch.',
      parts: [
        { fileName: 'Widerspruch.pdf', mimeType: 'application/pdf', bytes: pdfBytes },
        { fileName: 'Rechnung.pdf.exe', mimeType: 'application/octet-stream', bytes: mz },
        { fileName: 'Foto Zählerstand.png', mimeType: 'image/png', bytes: png },
        { fileName: 'scan.pdf', mimeType: 'application/pdf', bytes: mz },
        { fileName: 'logo.png', mimeType: 'image/png', bytes: png, inline: { contentId: 'logo@x' } },
      ],
    });
    expect(looksLikeMail(eml)).toBe(true);
    const mail = await readMail(eml);
    expect(mail.subject).toBe('Widerspruch gegen Bescheid – Kassenzeichen 123');
    expect(mail.sender).toBe('Müller, Anna <anna.mueller@example.invalid>');
    expect(mail.sentAt).toBe('2026-11-23T07:15:00.000Z');
    expect(mail.text).toContain('anbei mein Widerspruch');
    expect(mail.attachments.map((a) => [a.fileName, a.mimeType])).toEqual([
      ['Widerspruch.pdf', 'application/pdf'],
      ['Foto Zählerstand.png', 'image/png'],
    ]);
    expect(Buffer.from(mail.attachments[0]!.bytes).equals(pdfBytes)).toBe(true);
    expect(mail.blocked).toEqual([
      { name: 'Rechnung.pdf.exe', reason: 'ausführbare Datei (.exe)' },
      { name: 'scan.pdf', reason: 'Inhalt ist ein Windows-Programm' },
    ]);
  });

  it('refuses a file that is not a mail', async () => {
    expect(looksLikeMail(pdfBytes)).toBe(false);
    await expect(readMail(pdfBytes)).rejects.toMatchObject({ code: 'intake.mail_unreadable' });
  });
});

describe('blockReason', () => {
  it.each([
    ['Bescheid.pdf', pdfBytes, null],
    ['bericht.2024.pdf', pdfBytes, null],
    ['tool.EXE', pdfBytes, 'ausführbare Datei (.exe)'],
    ['Rechnung.pdf.xyz', pdfBytes, 'doppelte Dateiendung (.pdf.xyz)'],
    ['Rechnung.pdf     .txt', pdfBytes, 'verschleierte Dateiendung'],
    ['makro.docm', pdfBytes, 'ausführbare Datei (.docm)'],
    ['install.sh', pdfBytes, 'ausführbare Datei (.sh)'],
    ['notiz.txt', Buffer.from('#!/bin/sh\nrm -rf /\n'), 'Inhalt ist ein Skript'],
  ])('%s → %s', (name, bytes, expected) => {
    expect(blockReason(name, bytes)).toBe(expected);
  });
});
