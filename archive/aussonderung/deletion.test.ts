import { describe, expect, it } from 'vitest';
import { deletionVerdict } from './deletion';
import type { AussonderungRow, ObjectRow } from './repository';

const row = (exported: boolean): AussonderungRow => ({
  id: 1,
  prozess_id: '3f0c1d2e-4b5a-4c6d-8e7f-901a2b3c4d5e',
  amt_id: '32',
  created_by: 'archiv',
  created_at: '2026-11-23T08:00:00.000Z',
  offer_received_at: null,
  appraised_at: '2026-12-01T10:00:00.000Z',
  exported_at: exported ? '2026-12-02T10:00:00.000Z' : null,
  export_received_at: null,
  import_confirmed_at: null,
  completed_at: null,
});

const object = (o: Partial<ObjectRow>): ObjectRow => ({
  position: 1,
  akte_uuid: 'a1b2c3d4-0003-4000-8000-000000000001',
  aktenzeichen: '32.10.02-0001/2010',
  archival_hint: 'B',
  decision: null,
  selected: 0,
  import_ok: null,
  archive_id: null,
  import_error: null,
  deleted_at: null,
  legal_hold: null,
  ...o,
});

const zda = { status: 'zda' };

describe('when an offered Akte may be deleted', () => {
  it.each([
    ['V after appraisal', row(false), object({ decision: 'V' }), { delete: true, ground: 'destroyed' }],
    ['B not chosen, before the 0503', row(false), object({ decision: 'B' }), { delete: false }],
    ['B not chosen, after the 0503', row(true), object({ decision: 'B' }), { delete: true, ground: 'destroyed' }],
    ['A without import confirmation', row(true), object({ decision: 'A', selected: 1 }), { delete: false }],
    ['A with failed import', row(true), object({ decision: 'A', selected: 1, import_ok: 0, import_error: 'PDF/A' }), { delete: false }],
    ['A with import confirmed', row(true), object({ decision: 'A', selected: 1, import_ok: 1 }), { delete: true, ground: 'archived' }],
    ['B chosen with import confirmed', row(true), object({ decision: 'B', selected: 1, import_ok: 1 }), { delete: true, ground: 'archived' }],
    ['not appraised', row(true), object({}), { delete: false }],
    ['V under legal hold', row(true), object({ decision: 'V', legal_hold: 'Klage anhängig' }), { delete: false }],
    ['imported but under legal hold', row(true), object({ decision: 'A', selected: 1, import_ok: 1, legal_hold: 'x' }), { delete: false }],
  ] as const)('%s', (_, r, o, expected) => {
    expect(deletionVerdict(r, o, zda)).toMatchObject(expected);
  });

  it('keeps an Akte that was reopened or is gone', () => {
    expect(deletionVerdict(row(true), object({ decision: 'V' }), { status: 'open' })).toMatchObject({ delete: false, reason: expect.stringMatching(/nicht mehr zdA/) });
    expect(deletionVerdict(row(true), object({ decision: 'V' }), undefined)).toMatchObject({ delete: false });
  });
});
