import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * Runs xmllint (libxml2 compiled to WebAssembly, from xmllint-wasm) in a worker thread with the document to
 * check as a device of its file system: libxml2 pulls the bytes as it parses, from a file on disk read
 * 64 KB at a time or from bytes in memory. xmllint-wasm's own `validateXML` copies the whole document into
 * the worker and once more into its in-memory file system; with `--stream` libxml2 itself never holds the
 * document, so through the device the memory of a check no longer grows with the message.
 */

export interface XmllintFile {
  readonly fileName: string;
  readonly contents: Uint8Array;
}

/** The document xmllint reads as `fileName`: a file on this machine or bytes already in memory. */
export type XmllintInput =
  | { readonly fileName: string; readonly path: string }
  | { readonly fileName: string; readonly bytes: Uint8Array };

export interface XmllintRun {
  /** xmllint's exit code: 0 valid, 3 or 4 invalid (as xmllint-wasm reads them); -1 when the run failed. */
  readonly exitCode: number;
  /** Its error output: the first `maxLines` lines and the last one (xmllint's verdict on the file). */
  readonly stderr: string;
  /** Lines of error output left out between those, so a message full of errors costs no more memory. */
  readonly omittedLines: number;
  /** Size of libxml2's WebAssembly memory when it finished: what the check needed at its peak. */
  readonly heapBytes: number;
}

const XMLLINT_MODULE = createRequire(import.meta.url).resolve('xmllint-wasm/xmllint-node.js');

// Compiled once per process and handed to every worker: V8 shares the machine code (including what it
// optimised in earlier runs) instead of compiling 780 KB of WebAssembly per check.
let compiled: Promise<WebAssembly.Module> | undefined;
function xmllintWasm(): Promise<WebAssembly.Module> {
  if (!compiled) {
    compiled = readFile(path.join(path.dirname(XMLLINT_MODULE), 'xmllint.wasm')).then((b) => WebAssembly.compile(b));
    compiled.catch(() => (compiled = undefined));
  }
  return compiled;
}

// Plain CommonJS evaluated as the worker, so it needs no file of ours beside a bundle. It uses the
// Emscripten module options xmllint-wasm's own worker uses, plus `onRuntimeInitialized` (the file system
// is ready, main has not run) to add the document as a character device before xmllint opens it.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { openSync, readSync, closeSync } = require('node:fs');
const Module = require(workerData.module);
const { wasm, input, files, args, memory, maxLines } = workerData;
let fd = -1;
let chunk = input.bytes;
let length = input.bytes ? input.bytes.length : 0;
let at = 0;
let failure = null;
function nextByte() {
  if (at === length) {
    if (fd < 0) return null;
    try {
      length = readSync(fd, chunk, 0, chunk.length, null);
    } catch (error) {
      failure = 'reading ' + input.fileName + ': ' + error.message;
      throw error;
    }
    at = 0;
    if (length === 0) return null;
  }
  return chunk[at++];
}
const wasmMemory = new WebAssembly.Memory({ initial: memory.initial, maximum: memory.maximum });
let stderr = '';
let lines = 0;
let omittedLines = 0;
let lastLine = null;
function finish(exitCode, text) {
  if (fd >= 0) closeSync(fd);
  fd = -1;
  parentPort.postMessage({ exitCode, stderr: text, omittedLines, heapBytes: wasmMemory.buffer.byteLength });
}
// An unreadable file fails the worker, which rejects the run.
if (input.path !== undefined) {
  fd = openSync(input.path, 'r');
  chunk = Buffer.allocUnsafe(64 * 1024);
}
const options = {
  inputFiles: files,
  arguments: args,
  wasmMemory,
  instantiateWasm(imports, receive) {
    WebAssembly.instantiate(wasm, imports).then((instance) => receive(instance, wasm), options.onAbort);
    return {};
  },
  print() {},
  printErr(text) {
    if (lines++ < maxLines) stderr += text + '\\n';
    else {
      if (lastLine !== null) omittedLines++;
      lastLine = text;
    }
  },
  onRuntimeInitialized() {
    options.FS_createDevice('/', input.fileName, nextByte, null);
  },
  onExit(exitCode) {
    if (lastLine !== null) stderr += lastLine + '\\n';
    finish(failure === null ? exitCode : -1, failure === null ? stderr : failure);
  },
  onAbort(reason) {
    finish(-1, 'WASM Abort: ' + reason);
  },
};
Module(options);
`;

/**
 * Runs xmllint with `args` (which name `input.fileName` and the `files`) and settles with its exit code and
 * error output (at most `maxLines` + 1 lines of it); rejects only when the worker itself fails.
 */
export async function runXmllint(
  args: readonly string[],
  input: XmllintInput,
  files: readonly XmllintFile[],
  memory: { readonly initial: number; readonly maximum: number },
  maxLines: number,
): Promise<XmllintRun> {
  const wasm = await xmllintWasm();
  return new Promise<XmllintRun>((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      // The worker is plain JavaScript: no loader hooks of the parent (tsx in development) to start up.
      execArgv: [],
      workerData: { module: XMLLINT_MODULE, wasm, input, files, args, memory, maxLines },
    });
    let settled = false;
    worker.once('message', (run: XmllintRun) => {
      settled = true;
      resolve(run);
      void worker.terminate();
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`xmllint worker ended with code ${code} before answering`));
    });
  });
}
