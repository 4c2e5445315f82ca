import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { matchAppraisals, matchImportResults } from './matching';
import type { AppraisalMessage, OfferMessage } from './model';
import { readMessage } from './read/read-message';
import { appraisal, aussonderung, importConfirmation, offer } from './testing/sample-messages';
import { example } from './testing/system-xmllint';
import { writeMessage } from './write/write-message';

const UNKNOWN = 'ffffffff-0000-4000-8000-00000000dead';

describe('matchAppraisals', () => {
  it('matches the real Thüringen 0502 to its 0501 without surprises', () => {
    const read = (name: string) =>
      readMessage(readFileSync(example(`thueringen-toolkit-v3.0.0/${name}`))).message;
    const match = matchAppraisals(
      read('xx_Aussonderung.Anbieteverzeichnis.0501.xml') as OfferMessage,
      read('xx_Aussonderung.Bewertungsverzeichnis.0502.xml') as AppraisalMessage,
    );
    expect(match.unknown).toEqual([]);
    expect(match.duplicates).toEqual([]);
    expect(match.unappraised).toEqual([]);
    expect([...match.decisions]).toEqual([['cbdbfccc-72e5-44b2-9e71-937e6f4f8ce9', 'A']]);
  });

  it('gives every decision of a 0502 that fits the offer', () => {
    const match = matchAppraisals(offer, appraisal);
    expect(match).toMatchObject({ prozessIdMatches: true, unknown: [], duplicates: [], unappraised: [] });
    expect(match.decisions.size).toBe(3);
  });

  it('reports UUIDs the offer never contained, so the caller can reject the 0502', () => {
    // Through XML, as a received 0502 would arrive.
    const hostile: AppraisalMessage = {
      ...appraisal,
      appraisals: [...appraisal.appraisals, { xdomeaUuid: UNKNOWN.toUpperCase(), decision: 'A' }],
    };
    const received = readMessage(writeMessage(hostile)).message as AppraisalMessage;
    const match = matchAppraisals(offer, received);
    expect(match.unknown).toEqual([UNKNOWN]);
    expect(match.decisions.has(UNKNOWN)).toBe(false);
    expect(match.decisions.size).toBe(3);
  });

  it('reports duplicates, unappraised objects and a foreign ProzessID', () => {
    const first = appraisal.appraisals[0]!;
    const match = matchAppraisals(offer, {
      ...appraisal,
      header: { ...appraisal.header, prozessId: '00000000-0000-4000-8000-000000000000' },
      appraisals: [first, { ...first, decision: 'V' }],
    });
    expect(match.prozessIdMatches).toBe(false);
    expect(match.duplicates).toEqual([first.xdomeaUuid]);
    expect(match.decisions.get(first.xdomeaUuid)).toBe('A');
    expect(match.unappraised).toEqual([offer.objects[1]!.xdomeaUuid]);
  });
});

describe('matchImportResults', () => {
  it('separates imported, failed, unknown and missing objects', () => {
    const match = matchImportResults(aussonderung, {
      ...importConfirmation,
      results: [...importConfirmation.results, { xdomeaUuid: UNKNOWN, success: true }],
    });
    expect([...match.imported]).toEqual([[aussonderung.objects[0]!.xdomeaUuid, 'StA DU Best. 32 Nr. 4711']]);
    expect(match.failed.map((f) => f.errorMessages)).toEqual([importConfirmation.results[1]!.errorMessages]);
    expect(match.unknown).toEqual([UNKNOWN]);
    expect(match.missing).toEqual([]);

    const partial = matchImportResults(aussonderung, {
      ...importConfirmation,
      results: importConfirmation.results.slice(1),
    });
    expect(partial.imported.size).toBe(0);
    expect(partial.missing).toEqual([aussonderung.objects[0]!.xdomeaUuid]);
  });
});
