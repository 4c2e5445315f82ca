import { describe, expect, it } from 'vitest';
import { isAppError } from '../../contract/app-error';
import type { AppraisalMessage } from '../xdomea/index';
import { appraisal, aussonderung, importConfirmation, offer } from '../xdomea/testing/sample-messages';
import { appraisalDecisions, importResultsPerAkte } from './answers';

const codeOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (isAppError(e)) return e.code;
    throw e;
  }
  return 'no error';
};

const akte = offer.objects[0]!.xdomeaUuid;
const lose = offer.objects[1]!.xdomeaUuid;

describe('taking over an appraisal', () => {
  it('gives the decision per offered object and leaves parts inside to their Akte', () => {
    expect(Object.fromEntries(appraisalDecisions(offer, appraisal))).toEqual({ [akte]: 'A', [lose]: 'V' });
  });

  it('refuses values outside A/B/V, repeated objects, unknown objects and another ProzessID', () => {
    const with_ = (appraisals: AppraisalMessage['appraisals'], prozessId = offer.header.prozessId): AppraisalMessage => ({
      ...appraisal,
      header: { ...appraisal.header, prozessId },
      appraisals,
    });
    expect(codeOf(() => appraisalDecisions(offer, with_([{ xdomeaUuid: akte, decision: { configured: 'Sample 10 %' } }])))).toBe(
      'aussonderung.unsupported_decision',
    );
    expect(codeOf(() => appraisalDecisions(offer, with_([{ xdomeaUuid: akte, decision: 'A' }, { xdomeaUuid: akte, decision: 'V' }])))).toBe(
      'aussonderung.duplicate_objects',
    );
    expect(codeOf(() => appraisalDecisions(offer, with_([{ xdomeaUuid: 'ffffffff-0000-4000-8000-00000000dead', decision: 'A' }])))).toBe(
      'aussonderung.unknown_objects',
    );
    expect(codeOf(() => appraisalDecisions(offer, with_([{ xdomeaUuid: akte, decision: 'A' }], 'ffffffff-0000-4000-8000-00000000beef')))).toBe(
      'aussonderung.prozess_mismatch',
    );
  });
});

describe('import results per Akte', () => {
  it('does not count an Akte as imported when something inside it failed', () => {
    const [result] = importResultsPerAkte(aussonderung, importConfirmation);
    expect(result).toMatchObject({ akteUuid: akte, ok: false, archiveId: null });
    expect(result!.error).toMatch(/Formatvalidierung fehlgeschlagen/);
  });

  it('counts a confirmed Akte with its Archivkennung, and an unanswered one as open', () => {
    const ok = importResultsPerAkte(aussonderung, { ...importConfirmation, results: [importConfirmation.results[0]!] });
    expect(ok).toEqual([{ akteUuid: akte, ok: true, archiveId: 'StA DU Best. 32 Nr. 4711', error: null }]);
    const open = importResultsPerAkte(aussonderung, { ...importConfirmation, results: [{ ...importConfirmation.results[1]!, success: true }] });
    expect(open).toEqual([{ akteUuid: akte, ok: null, archiveId: null, error: null }]);
  });
});
