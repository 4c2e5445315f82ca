import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { IntakeBatch, IntakeJob } from '../../../contract/methods/intake';
import type { User } from '../../../contract/schemas/identity';
import { uuid } from '../../test/data';
import { renderAsUser } from '../../test/render';
import { JobList } from './JobList';

const post: User = {
  uuid: uuid(),
  username: 'poststelle',
  displayName: 'Petra Krämer (Poststelle)',
  grants: [{ role: 'poststelle', amtId: null }],
};

const job = (over: Partial<IntakeJob>): IntakeJob => ({
  uuid: uuid(),
  parentUuid: null,
  label: 'Stapel.pdf',
  status: 'running',
  stage: 'recognize',
  attempt: 1,
  error: null,
  stages: [],
  channel: 'papier',
  sender: null,
  receivedAt: '2026-11-23T08:00:00.000Z',
  original: { sha256: 'a'.repeat(64), size: 10, fileName: 'Stapel.pdf' },
  notices: [],
  result: null,
  createdAt: '2026-11-23T08:00:00.000Z',
  updatedAt: '2026-11-23T08:00:00.000Z',
  ...over,
});

describe('JobList', () => {
  it('shows per-page progress from job.progress events and reloads when a job changes', async () => {
    const teil1 = job({ label: 'Stapel.pdf – Teil 1' });
    let batch: IntakeBatch = { ...job({ status: 'waiting', stage: 'split' }), children: [teil1] };
    const reviewed: string[] = [];
    const { transport } = await renderAsUser(
      <JobList version={0} onReview={(j) => reviewed.push(j.uuid)} />,
      post,
      {
        'intake.listJobs': () => ({ items: [batch], total: 1 }),
      },
    );
    await screen.findByText('Stapel.pdf – Teil 1');
    expect(screen.queryByRole('progressbar')).toBeNull();

    transport.emit({ type: 'job.progress', jobId: teil1.uuid, stage: 'recognize', done: 2, total: 4 });
    const bar = await screen.findByRole('progressbar', { name: 'Fortschritt Stapel.pdf – Teil 1' });
    expect([bar.getAttribute('value'), bar.getAttribute('max')]).toEqual(['2', '4']);
    expect(screen.getByText('Texterkennung: Seite 2 von 4')).toBeTruthy();

    // Recognised: the document waits for review, which the list offers as a button.
    batch = { ...batch, children: [{ ...teil1, status: 'waiting', stage: 'review' }] };
    transport.emit({ type: 'records.changed', objectType: 'job', uuid: teil1.uuid });
    const review = await screen.findByRole('button', { name: 'Stapel.pdf – Teil 1 prüfen' });
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(transport.callsOf('intake.listJobs')).toHaveLength(2);
    fireEvent.click(review);
    expect(reviewed).toEqual([teil1.uuid]);
  });

  it('lists the facts of a finished document: pages, OCR, Eingangsstempel, dropped blank pages', async () => {
    const done = job({
      label: 'Stapel.pdf – Teil 1',
      status: 'done',
      stage: null,
      result: {
        documentUuid: uuid(),
        versionUuid: uuid(),
        sha256: 'b'.repeat(64),
        title: 'Stapel.pdf – Teil 1',
        pages: 2,
        blankPagesRemoved: [3],
        ocr: { performed: true, skippedReason: null, pagesRecognized: 2, meanConfidence: 91.6 },
        textLength: 1200,
        aktenzeichen: null,
        mimeType: 'application/pdf',
      },
    });
    await renderAsUser(<JobList version={0} onReview={() => undefined} />, post, {
      'intake.listJobs': () => ({ items: [{ ...job({ status: 'done' }), children: [done] }], total: 1 }),
    });
    await waitFor(() =>
      expect(
        screen.getByText(
          /2 Seiten · Texterkennung 92 % · Eingangsstempel 23\.11\.2026 · Leerseiten entfernt: 3/,
        ),
      ).toBeTruthy(),
    );
  });
});
