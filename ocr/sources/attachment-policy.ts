/**
 * Which e-mail attachments are never taken in: programs and scripts, names that hide their real type
 * behind a second extension ("Rechnung.pdf.exe", "Scan.pdf .js"), and content that is a program
 * whatever its name says. Returns the reason in German for the Klärfall notice, or null.
 */
const EXECUTABLE = new Set([
  'exe',
  'com',
  'scr',
  'pif',
  'bat',
  'cmd',
  'msi',
  'msp',
  'dll',
  'cpl',
  'sys',
  'drv',
  'ocx',
  'js',
  'jse',
  'vbs',
  'vbe',
  'wsf',
  'wsh',
  'wsc',
  'ps1',
  'psm1',
  'psd1',
  'hta',
  'jar',
  'lnk',
  'url',
  'reg',
  'inf',
  'scf',
  'gadget',
  'application',
  'appref-ms',
  'msc',
  'sh',
  'bash',
  'app',
  'run',
  'elf',
  'docm',
  'xlsm',
  'pptm',
  'dotm',
  'xltm',
  'xlam',
  'ppam',
  'iso',
  'img',
  'vhd',
  'vhdx',
  'chm',
  'settingcontent-ms',
]);

/** Extensions a masquerading name puts first, so the file looks like a document. */
const DOCUMENT_LIKE = new Set([
  'pdf',
  'doc',
  'docx',
  'xls',
  'xlsx',
  'odt',
  'ods',
  'txt',
  'rtf',
  'jpg',
  'jpeg',
  'png',
  'tif',
  'tiff',
  'gif',
  'zip',
  'eml',
]);

const MAGIC: readonly { bytes: readonly number[]; what: string }[] = [
  { bytes: [0x4d, 0x5a], what: 'Windows-Programm' }, // MZ
  { bytes: [0x7f, 0x45, 0x4c, 0x46], what: 'Linux-Programm' }, // \x7fELF
  { bytes: [0xcf, 0xfa, 0xed, 0xfe], what: 'macOS-Programm' }, // Mach-O 64
  { bytes: [0x23, 0x21], what: 'Skript' }, // #!
];

export function blockReason(fileName: string, content: Uint8Array): string | null {
  const name = fileName.trim().toLowerCase();
  const parts = name.split('.').map((p) => p.trim());
  const last = parts.length > 1 ? (parts.at(-1) ?? '') : '';
  if (EXECUTABLE.has(last)) return `ausführbare Datei (.${last})`;
  if (parts.length > 2) {
    const inner = parts.at(-2) ?? '';
    if (DOCUMENT_LIKE.has(inner) && inner !== last && !DOCUMENT_LIKE.has(last)) {
      return `doppelte Dateiendung (.${inner}.${last})`;
    }
  }
  // Blank padding before the real extension hides it in most file views.
  if (/\s{2,}\.[a-z0-9]+$/.test(name)) return 'verschleierte Dateiendung';
  for (const m of MAGIC) {
    if (m.bytes.every((b, i) => content[i] === b)) return `Inhalt ist ein ${m.what}`;
  }
  return null;
}
