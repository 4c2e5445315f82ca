import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { createLogger, memorySink } from '../../core/platform/logger';
import { canvasGray } from '../../fixtures/samples/intake';
import { createRealTools } from './real-tools';
import { archiveOcrSettings, defaultOcrSettings } from './settings';

/** A faded register line: grey ink on yellowed paper, the case the post room binarises. */
function faintPage() {
  const canvas = createCanvas(1200, 400);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#e4e0d4';
  ctx.fillRect(0, 0, 1200, 400);
  ctx.fillStyle = '#76726a';
  ctx.font = '64px sans-serif';
  ctx.fillText('Ratsprotokoll vom 3. Mai 1901', 60, 160);
  ctx.fillText('Anwesend: der Bürgermeister', 60, 300);
  const raster = canvasGray(ctx);
  return { raster, dpi: { x: 300, y: 300 } };
}

describe('archive settings of the intake', () => {
  it('keep the OCR copy of a faint page grey, where the post room binarises it', async () => {
    const binarized = [];
    for (const settings of [defaultOcrSettings, archiveOcrSettings(defaultOcrSettings)]) {
      const tools = await createRealTools(settings, createLogger([memorySink()]));
      try {
        const prepared = await tools.preparePage(faintPage(), new AbortController().signal);
        expect(prepared.blank.blank).toBe(false);
        binarized.push(prepared.binarized);
      } finally {
        await tools.close();
      }
    }
    expect(binarized).toEqual([true, false]);
  }, 60_000);
});
