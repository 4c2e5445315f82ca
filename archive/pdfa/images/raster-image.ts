/**
 * An image ready to become a PDF image XObject: the stream data as it goes into the file, and the
 * dictionary entries that describe it. Produced from PNG or JPEG bytes, consumed by the page builder.
 */
export interface RasterImage {
  readonly width: number;
  readonly height: number;
  readonly bitsPerComponent: number;
  /** 'DeviceGray' | 'DeviceRGB', or an Indexed space over DeviceRGB with its palette. */
  readonly colorSpace: 'DeviceGray' | 'DeviceRGB' | { readonly indexed: Uint8Array };
  readonly filter: 'DCTDecode' | 'FlateDecode';
  /** PNG predictor parameters when the PNG's compressed data is passed through unchanged. */
  readonly pngPredictor?: { readonly colors: number; readonly columns: number };
  readonly data: Uint8Array;
  /** The original bytes went into the file unchanged (JPEG, or PNG data without alpha). */
  readonly passthrough: boolean;
}

/** Why an image cannot be used; mapped to an AppError with the page number by the caller. */
export class ImageProblem extends Error {
  constructor(
    readonly kind: 'unreadable' | 'unsupported',
    readonly reason: string,
    readonly logDetail: string,
  ) {
    super(logDetail);
    this.name = 'ImageProblem';
  }
}

/** 100 megapixels: an A3 page at 600 dpi with room to spare. */
export const MAX_IMAGE_PIXELS = 100_000_000;
