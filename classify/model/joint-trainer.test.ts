import { describe, expect, it } from 'vitest';
import { featurize } from './features';
import { createJointTrainer } from './joint-trainer';
import { createHead, logits, sgdStep } from './softmax-head';

const options = { hashBits: 12, maxChars: 2000 };
const texts = [
  'Mahnung zur Grundsteuer Kassenzeichen fällig',
  'Vollstreckungsankündigung Pfändung der Forderung',
  'Klage vor dem Verwaltungsgericht Aktenzeichen',
  'Antrag auf Erteilung einer Aufenthaltserlaubnis',
];
const rows = texts.map((t, i) => ({ x: featurize(t, options), labels: [i % 3, i % 2] }));
const freshHeads = () => {
  const a = createHead(['a', 'b', 'c'], options.hashBits);
  const d = createHead(['x', 'y'], options.hashBits);
  a.active.fill(1);
  d.active.fill(1);
  return [a, d] as const;
};

describe('joint trainer', () => {
  it('takes the same steps as sgdStep on each head, and publishes them into the heads', () => {
    const joint = freshHeads();
    const single = freshHeads();
    const trainer = createJointTrainer(joint, rows);
    for (const rate of [1, 0.7]) {
      rows.forEach((row, r) => {
        trainer.step(r, rate);
        single.forEach((head, h) => sgdStep(head, row.x, row.labels[h]!, rate));
      });
    }
    trainer.publish();
    rows.forEach((row, r) => {
      joint.forEach((head, h) => {
        const expected = logits(single[h]!, row.x);
        // Both the compact copy and the published head give the logits of per-head SGD (up to float32
        // rounding and the coarser cut for negligible steps).
        for (const got of [trainer.logits(r, h), logits(head, row.x)]) {
          for (let c = 0; c < expected.length; c++) expect(got[c]).toBeCloseTo(expected[c]!, 2);
        }
      });
      expect(logits(joint[0], row.x).indexOf(Math.max(...logits(joint[0], row.x)))).toBe(row.labels[0]);
    });
  });

  it('starts from the weights the heads already have', () => {
    const heads = freshHeads();
    const f = rows[0]!.x.indices[0]!;
    heads[0].weights[f * 3 + 2] = 5;
    const trainer = createJointTrainer(heads, rows);
    expect(trainer.logits(0, 0)[2]).toBeCloseTo(5 * rows[0]!.x.values[0]!, 5);
    trainer.publish();
    expect(heads[0].weights[f * 3 + 2]).toBe(5);
  });
});
