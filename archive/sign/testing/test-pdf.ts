/** Small real PDFs made with pdf-lib: pages of German text in an embedded font. */
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';

/** `lines` adds that many lines of running text per page, for files of realistic size. */
export async function makeTestPdf(opts: { pages?: number; objectStreams?: boolean; font: Uint8Array; lines?: number }): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(opts.font, { subset: true });
  doc.setTitle('Bescheid');
  doc.setCreationDate(new Date('2026-11-02T08:00:00Z'));
  doc.setModificationDate(new Date('2026-11-02T08:00:00Z'));
  for (let i = 0; i < (opts.pages ?? 1); i++) {
    const page = doc.addPage([595.28, 841.89]);
    page.drawText(`Stadt Musterstadt – Rechtsamt – Seite ${i + 1}`, { x: 60, y: 780, size: 12, font });
    page.drawText('Bescheid über die Festsetzung von Gebühren. Gegen diesen Bescheid ist die Klage zulässig.', { x: 60, y: 740, size: 9, font });
    for (let l = 0; l < (opts.lines ?? 0); l++)
      page.drawText(`${i + 1}.${l + 1} Die Angaben wurden geprüft; die Frist beginnt mit der Zustellung (Zeile ${l + 1}).`, {
        x: 60,
        y: 720 - l * 14,
        size: 9,
        font,
      });
  }
  return doc.save({ useObjectStreams: opts.objectStreams ?? true });
}

/**
 * Appends a hand-written incremental update (new object versions and a classic xref table), the way
 * another tool would change a file after it was signed. Written here independently of the code under
 * test.
 */
export function appendRawUpdate(pdf: Uint8Array, objects: ReadonlyArray<{ num: number; body: string }>): Uint8Array {
  const text = Buffer.from(pdf).toString('latin1');
  const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)![1]);
  const root = [...text.matchAll(/\/Root (\d+ \d+ R)/g)].at(-1)![1];
  const size = Math.max(...[...text.matchAll(/\/Size (\d+)/g)].map((m) => Number(m[1])), ...objects.map((o) => o.num + 1));
  let out = text.endsWith('\n') ? text : `${text}\n`;
  const offsets: Array<[number, number]> = [];
  for (const o of objects) {
    offsets.push([o.num, Buffer.byteLength(out, 'latin1')]);
    out += `${o.num} 0 obj\n${o.body}\nendobj\n`;
  }
  const xrefAt = Buffer.byteLength(out, 'latin1');
  out += 'xref\n';
  for (const [num, offset] of offsets) out += `${num} 1\n${String(offset).padStart(10, '0')} 00000 n\r\n`;
  out += `trailer\n<< /Size ${size} /Root ${root} /Prev ${prev} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}
