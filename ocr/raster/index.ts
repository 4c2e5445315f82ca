export { fromRgba, grayRaster, pageSizePoints, toGray, type GrayRaster, type PageImage, type Raster } from './raster';
export { rotateGray, rotateQuarter, type QuarterTurn } from './rotate';
export { boxBlur3, crop, downscale } from './resample';
export { encodePgm, encodePng, toRgba } from './encode';
export type { StepContext } from './step-context';
export { pixelBoxToPoints, type PixelBox, type WordBox } from './geometry';
