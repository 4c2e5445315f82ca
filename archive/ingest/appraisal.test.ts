import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readValidatedMessage, type AppraisalMessage } from '../xdomea/index';
import { example } from '../xdomea/testing/system-xmllint';
import { applyAppraisal } from './appraisal';
import { receivePackage } from './report-tree';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ingest-appraisal-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const lavnrw = example(
  'lavnrw-v3.0.0/9fde4e7a-b41b-11ec-9225-005056871b7c_Aussonderung.Aussonderung.0503.xml',
);
const lavnrwFile = example('lavnrw-v3.0.0/f4bcaaf7-d7cb-11ef-a278-005056871b7c.txt');
const thueringen0502 = example('thueringen-toolkit-v3.0.0/xx_Aussonderung.Bewertungsverzeichnis.0502.xml');
const thueringen0503 = example('thueringen-toolkit-v3.0.0/xx_Aussonderung.Aussonderung.0503.xml');

async function received(files: readonly string[]) {
  const folder = path.join(dir, 'in');
  await mkdir(folder);
  for (const f of files) await copyFile(f, path.join(folder, path.basename(f)));
  return receivePackage(folder, path.join(dir, 'work'));
}

const appraisalOf = async (file: string) =>
  (await readValidatedMessage(await readFile(file))).message as AppraisalMessage;

describe('applyAppraisal', () => {
  it("finds that the Thüringen toolkit's 0503 does not deliver the object its 0502 appraised A", async () => {
    // The toolkit's 0502 appraises cbdbfccc… (an object of its 0501); its 0503 sends another Dokument.
    const report = applyAppraisal(await received([thueringen0503]), await appraisalOf(thueringen0502));
    expect(report.packageFindings).toEqual([
      { status: 'error', code: 'archival_object_missing', detail: 'cbdbfccc-72e5-44b2-9e71-937e6f4f8ce9' },
    ]);
    expect(report.objects[0]!.findings.map((f) => f.code)).toEqual(['not_appraised']);
  });

  it('flags objects that were not appraised, and A objects that were not delivered', async () => {
    const report = applyAppraisal(await received([lavnrw, lavnrwFile]), await appraisalOf(thueringen0502));
    expect(report.packageFindings.map((f) => f.code)).toEqual([
      'appraisal_prozess_id_mismatch',
      'archival_object_missing',
    ]);
    expect(report.objects.map((n) => n.findings.map((f) => f.code))).toEqual([['not_appraised']]);
    expect(report.status).toBe('error');
  });

  it('refuses objects appraised V', async () => {
    const appraisal = await appraisalOf(thueringen0502);
    const base = await received([lavnrw, lavnrwFile]);
    const destroyed: AppraisalMessage = {
      ...appraisal,
      header: { ...appraisal.header, prozessId: base.prozessId! },
      appraisals: [{ xdomeaUuid: base.objects[0]!.xdomeaUuid, decision: 'V' }],
    };
    const report = applyAppraisal(base, destroyed);
    expect(report.objects[0]!.findings.map((f) => f.code)).toEqual(['appraised_destroy']);
    expect(report.packageFindings).toEqual([]);
  });
});
