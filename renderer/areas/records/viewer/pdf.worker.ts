// pdf.js's parser as a worker bundled by Vite from our own origin (CSP worker-src 'self'): no CDN, no
// network. The module starts listening for the main thread's messages when loaded in a worker.
import 'pdfjs-dist/build/pdf.worker.min.mjs';
