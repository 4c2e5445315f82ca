/**
 * Undoes the PNG row predictors (/Predictor 10–15) that PDF writers apply to xref streams before
 * compression; pdf-lib's decoders do not.
 */
export function unpredictPng(data: Uint8Array, columns: number): Uint8Array {
  const rowLength = columns + 1;
  if (data.length % rowLength !== 0) throw new Error(`predicted data length ${data.length} is no multiple of ${rowLength}`);
  const rows = data.length / rowLength;
  const out = new Uint8Array(rows * columns);
  for (let r = 0; r < rows; r++) {
    const filter = data[r * rowLength]!;
    const row = data.subarray(r * rowLength + 1, (r + 1) * rowLength);
    const base = r * columns;
    for (let i = 0; i < columns; i++) {
      const left = i > 0 ? out[base + i - 1]! : 0;
      const up = r > 0 ? out[base - columns + i]! : 0;
      const upLeft = r > 0 && i > 0 ? out[base - columns + i - 1]! : 0;
      out[base + i] = (row[i]! + predict(filter, left, up, upLeft)) & 0xff;
    }
  }
  return out;
}

function predict(filter: number, left: number, up: number, upLeft: number): number {
  switch (filter) {
    case 0:
      return 0;
    case 1:
      return left;
    case 2:
      return up;
    case 3:
      return (left + up) >> 1;
    case 4: {
      const p = left + up - upLeft;
      const pa = Math.abs(p - left);
      const pb = Math.abs(p - up);
      const pc = Math.abs(p - upLeft);
      return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
    }
    default:
      throw new Error(`unknown PNG predictor ${filter}`);
  }
}
