/**
 * A small ICC v2 display profile for sRGB (IEC 61966-2.1), generated instead of shipped, so its origin and
 * licence are plain: the colorants are derived here from the sRGB primaries and D65 white, adapted to the
 * D50 profile connection space with the Bradford transform, as the ICC v2 matrix/TRC model expects.
 */

type Vec3 = readonly [number, number, number];
type Mat3 = readonly [Vec3, Vec3, Vec3];

const D50: Vec3 = [0.9642, 1.0, 0.8249];
const D65_XY = [0.3127, 0.329] as const;
const PRIMARIES_XY = [
  [0.64, 0.33],
  [0.3, 0.6],
  [0.15, 0.06],
] as const;
const BRADFORD: Mat3 = [
  [0.8951, 0.2664, -0.1614],
  [-0.7502, 1.7135, 0.0367],
  [0.0389, -0.0685, 1.0296],
];

export const SRGB_PROFILE_DESCRIPTION = 'sRGB IEC61966-2.1 (eAkte Desk)';
const COPYRIGHT = 'No copyright, use freely';
const CURVE_POINTS = 1024;

const xyToXyz = ([x, y]: readonly [number, number]): Vec3 => [x / y, 1, (1 - x - y) / y];

const mul = (m: Mat3, v: Vec3): Vec3 => [
  m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2],
  m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2],
  m[2][0] * v[0] + m[2][1] * v[1] + m[2][2] * v[2],
];

function invert(m: Mat3): Mat3 {
  const [[a, b, c], [d, e, f], [g, h, i]] = m;
  const det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
  return [
    [(e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det],
    [(f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det],
    [(d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det],
  ];
}

const columns = (a: Vec3, b: Vec3, c: Vec3): Mat3 => [
  [a[0], b[0], c[0]],
  [a[1], b[1], c[1]],
  [a[2], b[2], c[2]],
];

/** The red, green and blue colorants of sRGB in D50 PCS XYZ (what rXYZ, gXYZ and bXYZ hold). */
export function srgbColorantsD50(): readonly [Vec3, Vec3, Vec3] {
  const white = xyToXyz(D65_XY);
  const [r, g, b] = PRIMARIES_XY.map(xyToXyz) as unknown as [Vec3, Vec3, Vec3];
  const scale = mul(invert(columns(r, g, b)), white);
  const toXyz = (p: Vec3, s: number): Vec3 => [p[0] * s, p[1] * s, p[2] * s];
  const coneWhite = mul(BRADFORD, white);
  const coneD50 = mul(BRADFORD, D50);
  const adapt = (xyz: Vec3): Vec3 => {
    const cone = mul(BRADFORD, xyz);
    return mul(invert(BRADFORD), [
      (cone[0] * coneD50[0]) / coneWhite[0],
      (cone[1] * coneD50[1]) / coneWhite[1],
      (cone[2] * coneD50[2]) / coneWhite[2],
    ]);
  };
  return [adapt(toXyz(r, scale[0])), adapt(toXyz(g, scale[1])), adapt(toXyz(b, scale[2]))];
}

/** The sRGB transfer function (encoded value 0..1 to linear light 0..1). */
export const srgbToLinear = (v: number): number => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);

class ByteWriter {
  private readonly parts: Uint8Array[] = [];
  length = 0;
  raw(bytes: Uint8Array): this {
    this.parts.push(bytes);
    this.length += bytes.length;
    return this;
  }
  u8(v: number): this {
    return this.raw(Uint8Array.of(v));
  }
  u16(v: number): this {
    return this.raw(Uint8Array.of(v >>> 8, v & 0xff));
  }
  u32(v: number): this {
    return this.raw(Uint8Array.of(v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff));
  }
  s15f16(v: number): this {
    return this.u32(Math.round(v * 65536) >>> 0);
  }
  ascii(s: string): this {
    return this.raw(Uint8Array.from(s, (c) => c.charCodeAt(0)));
  }
  zeros(n: number): this {
    return this.raw(new Uint8Array(n));
  }
  padTo4(): this {
    return this.zeros((4 - (this.length % 4)) % 4);
  }
  bytes(): Uint8Array {
    const out = new Uint8Array(this.length);
    let offset = 0;
    for (const part of this.parts) {
      out.set(part, offset);
      offset += part.length;
    }
    return out;
  }
}

const xyzTag = (v: Vec3): Uint8Array =>
  new ByteWriter().ascii('XYZ ').zeros(4).s15f16(v[0]).s15f16(v[1]).s15f16(v[2]).bytes();

const textTag = (text: string): Uint8Array =>
  new ByteWriter().ascii('text').zeros(4).ascii(`${text}\0`).padTo4().bytes();

/** ICC v2 textDescriptionType: ASCII part, empty Unicode and ScriptCode parts. */
const descTag = (text: string): Uint8Array =>
  new ByteWriter()
    .ascii('desc')
    .zeros(4)
    .u32(text.length + 1)
    .ascii(`${text}\0`)
    .u32(0)
    .u32(0)
    .u16(0)
    .u8(0)
    .zeros(67)
    .padTo4()
    .bytes();

function curveTag(): Uint8Array {
  const w = new ByteWriter().ascii('curv').zeros(4).u32(CURVE_POINTS);
  for (let i = 0; i < CURVE_POINTS; i++) w.u16(Math.round(srgbToLinear(i / (CURVE_POINTS - 1)) * 65535));
  return w.padTo4().bytes();
}

function buildProfile(): Uint8Array {
  const [red, green, blue] = srgbColorantsD50();
  const curve = curveTag();
  // Tags in table order; the three TRC tags share one data block, which ICC allows.
  const tags: readonly (readonly [string, Uint8Array])[] = [
    ['desc', descTag(SRGB_PROFILE_DESCRIPTION)],
    ['cprt', textTag(COPYRIGHT)],
    ['wtpt', xyzTag(D50)],
    ['rXYZ', xyzTag(red)],
    ['gXYZ', xyzTag(green)],
    ['bXYZ', xyzTag(blue)],
    ['rTRC', curve],
    ['gTRC', curve],
    ['bTRC', curve],
  ];
  const tableSize = 4 + tags.length * 12;
  const data = new ByteWriter();
  const placed = new Map<Uint8Array, number>();
  const entries = tags.map(([signature, bytes]) => {
    let offset = placed.get(bytes);
    if (offset === undefined) {
      offset = 128 + tableSize + data.length;
      placed.set(bytes, offset);
      data.raw(bytes);
    }
    return { signature, offset, size: bytes.length };
  });
  const size = 128 + tableSize + data.length;

  const header = new ByteWriter()
    .u32(size)
    .zeros(4) // preferred CMM: none
    .u32(0x02100000) // version 2.1.0
    .ascii('mntr')
    .ascii('RGB ')
    .ascii('XYZ ')
    .u16(2024)
    .u16(1)
    .u16(1)
    .u16(0)
    .u16(0)
    .u16(0) // fixed date keeps the profile byte-identical
    .ascii('acsp')
    .zeros(4) // primary platform
    .u32(0) // flags
    .zeros(4) // device manufacturer
    .zeros(4) // device model
    .zeros(8) // device attributes
    .u32(0) // rendering intent: perceptual
    .s15f16(D50[0])
    .s15f16(D50[1])
    .s15f16(D50[2])
    .zeros(4) // creator
    .zeros(16) // profile ID (v4 only)
    .zeros(28);
  const table = new ByteWriter().u32(entries.length);
  for (const e of entries) table.ascii(e.signature).u32(e.offset).u32(e.size);

  return new ByteWriter().raw(header.bytes()).raw(table.bytes()).raw(data.bytes()).bytes();
}

let cached: Uint8Array | undefined;

/** The profile bytes; built once, identical on every call (callers must not modify them). */
export function srgbIccProfile(): Uint8Array {
  cached ??= buildProfile();
  return cached;
}
