import { describe, expect, it } from 'vitest';
import { run, workFolder } from '../testing/system-tools';
import { SRGB_PROFILE_DESCRIPTION, srgbColorantsD50, srgbIccProfile } from './srgb-profile';

/** transicc prints "L*=54.2900 a*=80.8108 b*=69.8956" for one input line. */
function lab(profile: string, rgb: string): [number, number, number] {
  const { stdout, status, stderr } = run('transicc', [`-i${profile}`, '-o*Lab', '-t1'], `${rgb}\n`);
  expect(status, stderr).toBe(0);
  const m = /L\*=(-?[\d.]+)\s+a\*=(-?[\d.]+)\s+b\*=(-?[\d.]+)/.exec(stdout);
  if (!m) throw new Error(`unexpected transicc output: ${stdout}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

describe('generated sRGB ICC profile', () => {
  it('has the colorants published for sRGB adapted to D50 (Bradford)', () => {
    const [r, g, b] = srgbColorantsD50();
    const published = [
      [0.4360747, 0.2225045, 0.0139322],
      [0.3850649, 0.7168786, 0.0971045],
      [0.1430804, 0.0606169, 0.7141733],
    ];
    [r, g, b].forEach((colorant, i) =>
      colorant.forEach((v, j) => expect(v).toBeCloseTo(published[i]![j]!, 3)),
    );
  });

  it('is read by exiftool as an ICC v2 RGB display profile with white point, colorants and texts (the curves are checked by converting)', () => {
    const folder = workFolder();
    try {
      const file = folder.write('srgb.icc', srgbIccProfile());
      const { stdout, status } = run('exiftool', ['-j', '-G1', file]);
      expect(status).toBe(0);
      const tags = JSON.parse(stdout)[0] as Record<string, unknown>;
      expect(tags['ICC-header:ProfileVersion']).toBe('2.1.0');
      expect(tags['ICC-header:ProfileClass']).toBe('Display Device Profile');
      expect(tags['ICC-header:ColorSpaceData']).toBe('RGB ');
      expect(tags['ICC-header:ProfileConnectionSpace']).toBe('XYZ ');
      expect(tags['ICC_Profile:ProfileDescription']).toBe(SRGB_PROFILE_DESCRIPTION);
      for (const tag of [
        'MediaWhitePoint',
        'RedMatrixColumn',
        'GreenMatrixColumn',
        'BlueMatrixColumn',
        'ProfileCopyright',
      ]) {
        expect(tags[`ICC_Profile:${tag}`], tag).toBeDefined();
      }
    } finally {
      folder.cleanup();
    }
  });

  it('converts colours like Little CMS’s built-in sRGB (ΔE below 0.05)', () => {
    const folder = workFolder();
    try {
      const file = folder.write('srgb.icc', srgbIccProfile());
      for (const rgb of [
        '255 0 0',
        '0 255 0',
        '0 0 255',
        '128 128 128',
        '255 255 255',
        '10 200 90',
        '0 0 0',
      ]) {
        const ours = lab(file, rgb);
        const reference = lab('*sRGB', rgb);
        const deltaE = Math.hypot(ours[0] - reference[0], ours[1] - reference[1], ours[2] - reference[2]);
        expect(deltaE, rgb).toBeLessThan(0.05);
      }
    } finally {
      folder.cleanup();
    }
  });

  it('declares its own length and is identical on every call', () => {
    const profile = srgbIccProfile();
    expect(new DataView(profile.buffer, profile.byteOffset).getUint32(0)).toBe(profile.length);
    expect(srgbIccProfile()).toBe(profile);
  });
});
