import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finalizePdfA, preflightPdfA } from '../pdfa';
import { signPdf } from './index';
import { pdfsig } from './testing/pdfsig';
import { qpdfCheck } from './testing/qpdf';
import { createSignFixture, type SignFixture } from './testing/sign-fixture';

let fx: SignFixture;
beforeAll(async () => {
  fx = await createSignFixture();
});
afterAll(() => fx.remove());

async function pdfaLetter(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(fx.font, { subset: true });
  doc.addPage([595.28, 841.89]).drawText('Bescheid über die Zulassung zur Mitzeichnung', { x: 60, y: 760, size: 12, font });
  return finalizePdfA(doc, { title: 'Bescheid', createdAt: new Date('2026-11-02T08:00:00Z') });
}

describe('signing a PDF/A-2b', () => {
  it('keeps every preflight check as it was, through a visible signature and a second one', async () => {
    const pdfa = await pdfaLetter();
    const before = preflightPdfA(pdfa);
    expect(before.conforming).toBe(true);

    const first = await signPdf(pdfa, {
      signer: await fx.signer(fx.pki.signer),
      clock: fx.clock,
      reason: 'Freigabe',
      stamp: { page: 1, x: 60, y: 60, width: 220, height: 70, font: fx.font },
    });
    const second = await signPdf(first.pdf, { signer: await fx.signer(fx.pki.ecSigner), clock: fx.clock, reason: 'Mitzeichnung' });

    for (const signed of [first.pdf, second.pdf]) {
      const after = preflightPdfA(signed);
      expect(after.claimed).toEqual(before.claimed);
      expect(after.checks.map((c) => [c.id, c.status])).toEqual(before.checks.map((c) => [c.id, c.status]));
      expect(after.conforming).toBe(true);
    }
    const file = fx.write('signed-pdfa.pdf', second.pdf);
    expect(qpdfCheck(file).status).toBe(0);
    expect(pdfsig(file, fx.nssDir).map((s) => s.signatureValidation)).toEqual(['Signature is Valid.', 'Signature is Valid.']);
  });
});
