export { createFakeOcrEngine } from './fake-engine';
export { languageFolder, packagedTraineddata } from './language-data';
export type { OcrEngine, OcrWord, RawRecognition, RecognizeOptions } from './ocr-engine';
export { placeWords, type Placement } from './place-words';
export { recognizePage, type PageOcrResult } from './recognize-page';
export { createTesseractEngine, type TesseractOptions } from './tesseract-engine';
export { createTesseractOrientation } from './tesseract-osd';
