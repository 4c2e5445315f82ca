import { z } from 'zod';

/**
 * Filesystem paths in method inputs, by what the core does with them. Over Electron IPC a page may name
 * only paths the user handed over (electron/main/file-grants.ts): `read` ones by dropping or choosing a
 * file or folder, `write` ones (out folders) in a folder dialog. Every path argument uses one of these.
 */
export const fsPaths = z.registry<{ access: 'read' | 'write' }>();

/** A file or folder on the machine running the core that the method reads. */
export const ReadPath = z.string().min(1).max(4096).register(fsPaths, { access: 'read' });

/** A folder on the machine running the core that the method writes into. */
export const OutDir = z.string().min(1).max(4096).register(fsPaths, { access: 'write' });
