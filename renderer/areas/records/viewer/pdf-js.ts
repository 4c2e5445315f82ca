import { getDocument, GlobalWorkerOptions, type PDFDocumentProxy } from 'pdfjs-dist';
import type { TextItem } from 'pdfjs-dist/types/src/display/api';
import type { ViewerDocument } from './document';

let port: Worker | null = null;

/** One parser worker for the window, started on the first document (pdf.js reuses a given port). */
function workerPort(): Worker {
  port ??= new Worker(new URL('./pdf.worker.ts', import.meta.url), { type: 'module' });
  return port;
}

/**
 * Opens PDF bytes with pdf.js under the app's CSP: no eval (fonts are drawn through the canvas path
 * API), no XFA, no scripting, no wasm decoders, nothing fetched: standard fonts and CMaps are not
 * requested because our PDF/A files embed their fonts.
 */
export async function openPdf(bytes: ArrayBuffer): Promise<ViewerDocument> {
  GlobalWorkerOptions.workerPort = workerPort();
  const pdf: PDFDocumentProxy = await getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    enableXfa: false,
    useWorkerFetch: false,
    stopAtErrors: false,
  }).promise;
  return {
    numPages: pdf.numPages,
    async pageSize(n) {
      const { width, height } = (await pdf.getPage(n)).getViewport({ scale: 1 });
      return { width, height };
    },
    render(n, canvas, pixelScale) {
      let task: ReturnType<Awaited<ReturnType<PDFDocumentProxy['getPage']>>['render']> | null = null;
      let cancelled = false;
      const done = pdf.getPage(n).then(async (page) => {
        if (cancelled) return;
        const viewport = page.getViewport({ scale: pixelScale });
        canvas.width = Math.ceil(viewport.width);
        canvas.height = Math.ceil(viewport.height);
        task = page.render({ canvas, viewport });
        await task.promise;
      });
      return {
        done,
        cancel() {
          cancelled = true;
          task?.cancel();
        },
      };
    },
    async textRuns(n) {
      const content = await (await pdf.getPage(n)).getTextContent();
      return content.items.filter((i): i is TextItem => 'str' in i);
    },
    destroy: () => void pdf.destroy(),
  };
}
