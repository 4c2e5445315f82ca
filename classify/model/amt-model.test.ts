import { beforeAll, describe, expect, it } from 'vitest';
import { classesOfAmt, generateCorpus, splitBySender, type CorpusDocument } from '../../fixtures/corpus';
import { isAppError } from '../../contract/app-error';
import { classifyDocument, learnFromFiling, trainAmtModel, trainAmtModelInBackground, type AmtModel, type AmtModelSpec } from './amt-model';
import { reliability } from './calibration';
import { deserializeAmtModel, serializeAmtModel } from './serialize';

const specOf = (amtId: string): AmtModelSpec => ({
  amtId,
  aktenplanNumbers: classesOfAmt(amtId).map((c) => c.number),
  documentTypes: [...new Set(classesOfAmt(amtId).flatMap((c) => c.documentTypes))],
});
const example = (d: CorpusDocument) => ({ text: d.text, aktenplanNumber: d.aktenplanNumber, documentType: d.documentType, sender: d.senderId });
const options = { hashBits: 17 };

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return isAppError(e) ? e.code : 'not an AppError';
  }
  return undefined;
};

describe('per-Amt model on the sender split', () => {
  const { train, test } = splitBySender(generateCorpus({ documents: 3600, seed: 77 }));
  const models = new Map<string, AmtModel>();
  beforeAll(() => {
    for (const amtId of ['21', '30', '32']) {
      models.set(amtId, trainAmtModel(specOf(amtId), train.filter((d) => d.amtId === amtId).map(example), options));
    }
  }, 240_000);
  const heldOut = () => test.map((d) => ({ d, c: classifyDocument(models.get(d.amtId)!, d.text) }));

  it('proposes the right Aktenplan position for letters of unseen senders', () => {
    const results = heldOut();
    const top1 = results.filter(({ d, c }) => c.aktenplan[0]?.label === d.aktenplanNumber).length / results.length;
    const top3 = results.filter(({ d, c }) => c.aktenplan.some((p) => p.label === d.aktenplanNumber)).length / results.length;
    const type = results.filter(({ d, c }) => c.documentType[0]?.label === d.documentType).length / results.length;
    expect(results.length).toBeGreaterThan(500);
    expect(top1).toBeGreaterThan(0.9);
    expect(top3).toBeGreaterThan(0.98);
    expect(type).toBeGreaterThan(0.95);
    for (const { c } of results.slice(0, 20)) {
      expect(c.aktenplan).toHaveLength(3);
      expect(c.aktenplan[0]!.drivers.length).toBeGreaterThan(0);
    }
  });

  it('is calibrated on held-out letters: accuracy matches confidence in every populated bin', () => {
    const preds = heldOut().map(({ d, c }) => ({ confidence: c.aktenplan[0]!.confidence, correct: c.aktenplan[0]!.label === d.aktenplanNumber }));
    const r = reliability(preds, 10);
    expect(r.expectedCalibrationError).toBeLessThan(0.04);
    // About two binomial standard deviations for a bin of 50 at 80 % accuracy.
    for (const bin of r.bins.filter((b) => b.count >= 50)) expect(Math.abs(bin.accuracy - bin.meanConfidence)).toBeLessThan(0.12);
  });

  it('never proposes another Amt’s class and refuses to learn one', () => {
    const model21 = models.get('21')!;
    const own = new Set(specOf('21').aktenplanNumbers);
    for (const d of test.filter((x) => x.amtId === '32').slice(0, 60)) {
      for (const p of classifyDocument(model21, d.text).aktenplan) expect(own.has(p.label)).toBe(true);
    }
    const foreign = test.find((x) => x.amtId === '32')!;
    expect(codeOf(() => learnFromFiling(model21, example(foreign)))).toBe('classify.unknown_class');
    expect(codeOf(() => deserializeAmtModel(serializeAmtModel(model21), '32'))).toBe('classify.wrong_amt');
  });

  it('gives identical proposals after a serialisation round trip', () => {
    const model = models.get('30')!;
    const bytes = serializeAmtModel(model);
    const copy = deserializeAmtModel(bytes, '30');
    expect(Buffer.from(serializeAmtModel(copy)).equals(Buffer.from(bytes))).toBe(true);
    for (const d of test.filter((x) => x.amtId === '30').slice(0, 40)) {
      expect(classifyDocument(copy, d.text)).toEqual(classifyDocument(model, d.text));
    }
    expect(codeOf(() => deserializeAmtModel(bytes.subarray(0, 100)))).toBe('classify.model_unreadable');
    const future = bytes.slice();
    future[4] = 99;
    expect(codeOf(() => deserializeAmtModel(future))).toBe('classify.model_version_unsupported');
  });

  it('gives low confidence for empty, foreign-language, garbled and huge input without failing', () => {
    const model = models.get('32')!;
    const active = model.aktenplan.active.reduce((a, b) => a + b, 0);
    const empty = classifyDocument(model, '');
    expect(empty.familiarity).toBe(0);
    expect(empty.aktenplan[0]!.confidence).toBeCloseTo(1 / active, 6);
    const english = classifyDocument(model, 'Dear Sir or Madam, please find enclosed the requested quarterly report on ' +
      'our shipping volumes. We look forward to your reply and remain with kind regards, the management team.');
    expect(english.aktenplan[0]!.confidence).toBeLessThan(0.5);
    const garbled = classifyDocument(model, '~~ ;l1I| ,.,. 0O0 ||| qx zv jk '.repeat(50));
    expect(garbled.aktenplan[0]!.confidence).toBeLessThan(0.5);
    const huge = classifyDocument(model, test.find((x) => x.amtId === '32')!.text.repeat(3000));
    expect(huge.aktenplan).toHaveLength(3);
  });
});

describe('learning from filings', () => {
  it('changes the next proposal after a correction, without a retrain', () => {
    const docs = generateCorpus({ documents: 1400, seed: 5 }).filter((d) => d.amtId === '21');
    const { train, test } = splitBySender(docs);
    const model = trainAmtModel(specOf('21'), train.map(example), options);
    const doc = test.find((d) => d.documentType === 'mahnung' && d.noise === 'clean')!;
    const others = test.filter((d) => d.aktenplanNumber !== doc.aktenplanNumber);
    const rightOnOthers = () => others.filter((d) => classifyDocument(model, d.text).aktenplan[0]!.label === d.aktenplanNumber).length / others.length;
    const othersBefore = rightOnOthers();
    const before = classifyDocument(model, doc.text).aktenplan[0]!;
    expect(before.label).toBe(doc.aktenplanNumber);
    // The clerk files this Mahnung elsewhere (say the Amt now keeps them with the Vollstreckung files).
    const corrected = specOf('21').aktenplanNumbers.find((n) => n !== doc.aktenplanNumber && n.startsWith('21.30'))!;
    learnFromFiling(model, { ...example(doc), aktenplanNumber: corrected });
    const similar = doc.text.replace(/Mit freundlichen Grüßen|Freundliche Grüße|Hochachtungsvoll|Mit freundlichem Gruß/, 'Gruß')
      .replace(/\n\n[^\n]*$/, '\n');
    expect(similar).not.toBe(doc.text);
    expect(classifyDocument(model, similar).aktenplan[0]!.label).toBe(corrected);
    // One correction moves letters like this one, not the whole model.
    expect(rightOnOthers()).toBeGreaterThan(othersBefore - 0.05);
  });

  it('learns a class it has never seen from filings alone', () => {
    const docs = generateCorpus({ documents: 900, seed: 6 }).filter((d) => d.amtId === '30');
    const unseen = '30.50.02';
    const model = trainAmtModel(specOf('30'), docs.filter((d) => d.aktenplanNumber !== unseen).slice(0, 200).map(example), options);
    const fresh = docs.filter((d) => d.aktenplanNumber === unseen);
    expect(classifyDocument(model, fresh[0]!.text).aktenplan.map((p) => p.label)).not.toContain(unseen);
    for (const d of fresh.slice(0, 5)) learnFromFiling(model, example(d));
    const hits = fresh.slice(5).filter((d) => classifyDocument(model, d.text).aktenplan[0]!.label === unseen).length;
    expect(hits / fresh.slice(5).length).toBeGreaterThan(0.7);
  });
});

describe('training as an idle job', () => {
  it('gives the event loop back between steps and the same model as the blocking training', async () => {
    const docs = generateCorpus({ documents: 900, seed: 5 }).filter((d) => d.amtId === '21').map(example);
    let timerRuns = 0; // a timer only runs when the training lets the event loop go on
    const timer = setInterval(() => timerRuns++, 1);
    const background = await trainAmtModelInBackground(specOf('21'), docs, options);
    clearInterval(timer);
    expect(timerRuns).toBeGreaterThan(0);
    const blocking = trainAmtModel(specOf('21'), docs, options);
    // Buffer comparison: a deep toEqual over megabytes of model bytes alone took half a minute.
    expect(Buffer.from(serializeAmtModel(background)).equals(Buffer.from(serializeAmtModel(blocking)))).toBe(true);
  }, 120_000);
});

describe('positions without filed documents', () => {
  it('keep their share: a model that has learned one position of an Amt is not sure of it', () => {
    const spec = specOf('21');
    const docs = generateCorpus({ documents: 600, seed: 9 }).filter((d) => d.amtId === '21');
    const only = docs.filter((d) => d.aktenplanNumber === docs[0]!.aktenplanNumber).map(example);
    const narrow = trainAmtModel(spec, only, options);
    const [top] = classifyDocument(narrow, only[0]!.text).aktenplan;
    expect(top!.label).toBe(docs[0]!.aktenplanNumber);
    expect(top!.confidence).toBeLessThan(2 / spec.aktenplanNumbers.length);
    // with every position learned, the same kind of letter is proposed with confidence
    const broad = trainAmtModel(spec, docs.map(example), options);
    expect(classifyDocument(broad, only[0]!.text).aktenplan[0]!.confidence).toBeGreaterThan(0.5);
  }, 120_000);
});
