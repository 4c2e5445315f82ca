import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AppError } from '../../../contract/app-error';
import type { IntakeBatch, IntakeJob } from '../../../contract/methods/intake';
import { readVersionContent } from '../../../core/records/documents';
import { batchOutcome } from '../../../ocr';
import type { Command } from '../command';
import { openIntakeWorker, progressReporter } from './intake-worker';

interface DocumentLine {
  source: string;
  document: string;
  status: IntakeJob['status'];
  documentUuid: string | null;
  outputPath: string | null;
  pages: number | null;
  ocrConfidence: number | null;
  ocrSkipped: boolean | null;
  textLength: number | null;
  error: { code: string; message: string } | null;
}

const lineOf = (batch: IntakeBatch, job: IntakeJob, outputPath: string | null): DocumentLine => ({
  source: batch.original.fileName,
  document: job.label,
  status: job.status,
  documentUuid: job.result?.documentUuid ?? null,
  outputPath,
  pages: job.result?.pages ?? null,
  ocrConfidence: job.result?.ocr.meanConfidence ?? null,
  ocrSkipped: job.result ? !job.result.ocr.performed : null,
  textLength: job.result?.textLength ?? null,
  error: job.error ? { code: job.error.code, message: job.error.message } : null,
});

const describe = (d: DocumentLine) =>
  d.error
    ? `  ✗ ${d.document}: ${d.error.message}`
    : `  ✓ ${d.document}: ${d.pages} S., ${d.ocrSkipped ? 'Textebene übernommen' : `OCR ${d.ocrConfidence ?? '–'} %`}, ${d.textLength} Zeichen${d.outputPath ? ` → ${d.outputPath}` : ''}`;

export const intakeCommand: Command = {
  path: ['intake'],
  summary: 'Liest Dateien und Ordner in den Posteingang ein (Trennblätter, OCR, PDF/A)',
  usage: 'eakte intake <Dateien oder Ordner…> [--out DIR] [--force-ocr] [--stamp] [--amt NN] [--json]',
  options: {
    out: { type: 'string' },
    'force-ocr': { type: 'boolean' },
    stamp: { type: 'boolean' },
    amt: { type: 'string' },
  },
  async run(ctx) {
    if (ctx.positionals.length === 0)
      throw new AppError('cli.usage', { detail: 'Dateien oder Ordner fehlen' }, 'intake without paths');
    const worker = await openIntakeWorker(ctx.global);
    const { session, service } = worker;
    let interrupted = false;
    void ctx.interrupted.then(() => {
      interrupted = true;
      void service.queue.stop();
    });
    try {
      const labels = new Map<string, string>();
      const stop = progressReporter(
        (l) => session.app.events.subscribe(l),
        (id) => labels.get(id) ?? '',
        process.stderr,
      );
      const started = await session.call('intake.start', {
        paths: ctx.positionals.map((p) => resolve(p)),
        forceOcr: Boolean(ctx.options['force-ocr']),
        stamp: Boolean(ctx.options.stamp),
        ...(ctx.options.amt ? { amtId: String(ctx.options.amt) } : {}),
      });
      for (const b of started.batches) labels.set(b.uuid, b.label);
      service.queue.onSettled((j) => {
        labels.set(j.uuid, j.label);
      });
      await service.queue.idle();
      stop();

      const out = ctx.options.out ? resolve(String(ctx.options.out)) : null;
      if (out) await mkdir(out, { recursive: true });
      const documents: DocumentLine[] = [];
      let allDone = true;
      for (const b of started.batches) {
        const batch = await session.call('intake.getJob', { uuid: b.uuid });
        if (batchOutcome(batch) !== 'done') allDone = false;
        if (batch.error) documents.push(lineOf(batch, batch, null));
        for (const child of batch.children) {
          let outputPath: string | null = null;
          if (out && child.result) {
            const file = await readVersionContent(
              { store: session.app.store, caller: worker.caller },
              child.result.versionUuid,
            );
            outputPath = join(out, `${child.result.documentUuid}-${file.fileName}`);
            await writeFile(outputPath, file.bytes);
          }
          documents.push(lineOf(batch, child, outputPath));
        }
      }
      const value = {
        documents,
        rejected: started.rejected.map((r) => ({
          path: r.path,
          code: r.error.code,
          message: r.error.message,
        })),
        interrupted,
      };
      const text = [
        ...documents.map(describe),
        ...value.rejected.map((r) => `  ✗ ${r.path}: ${r.message}`),
        interrupted ? 'Abgebrochen; offene Aufträge werden beim nächsten Start fortgesetzt.' : '',
      ]
        .filter(Boolean)
        .join('\n');
      const failed = value.rejected.length > 0 || !allDone;
      return { value, text, exitCode: interrupted ? 130 : failed ? 1 : 0 };
    } finally {
      await worker.close();
    }
  },
};
