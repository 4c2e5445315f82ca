export { createZxingReader, type BarcodeReader, type FoundBarcode } from './barcode-reader';
export { splitBatch, type BatchPage, type SplitDocument, type SplitResult } from './split-batch';
export { classifyBarcode, trennblattOf, trennblattPayload, type Trennblatt } from './trennblatt';
