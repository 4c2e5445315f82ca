import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../contract/app-error';
import { clamavScanner, type VirusScanner } from '../virus-scan';

/**
 * Archive settings: `<data folder>/archiv.json`, e.g.
 * `{"repository": "/srv/dips/einlieferung", "virusScanner": {"command": "clamdscan", "args": ["--fdpass"]}}`,
 * then EAKTE_ARCHIV_REPOSITORY on top. The repository is the folder DiPS.kommunal takes submission packages
 * from; without a setting it is `archiv/magazin` in the data folder. Without `virusScanner` packages are
 * not scanned, and their PREMIS says so.
 */
const ArchivSettingsFile = z
  .object({
    repository: z.string().min(1).optional(),
    virusScanner: z
      .object({ command: z.string().min(1), args: z.array(z.string()).optional() })
      .strict()
      .optional(),
  })
  .strict();
type ArchivSettings = z.infer<typeof ArchivSettingsFile>;

function readSettings(dataDir: string): ArchivSettings {
  const file = path.join(dataDir, 'archiv.json');
  if (!existsSync(file)) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new AppError('archiv.bad_config', { detail: 'kein gültiges JSON' }, 'archiv.json is not JSON');
  }
  const parsed = ArchivSettingsFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      'archiv.bad_config',
      { detail: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}` },
      'invalid archiv.json',
    );
  }
  return parsed.data;
}

export function repositoryDir(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.EAKTE_ARCHIV_REPOSITORY) return path.resolve(env.EAKTE_ARCHIV_REPOSITORY);
  const { repository } = readSettings(dataDir);
  return repository ? path.resolve(dataDir, repository) : path.join(dataDir, 'archiv', 'magazin');
}

/** The configured virus scanner (ClamAV's command line), or undefined when none is set. */
export function virusScannerOf(dataDir: string): VirusScanner | undefined {
  const { virusScanner } = readSettings(dataDir);
  return virusScanner ? clamavScanner(virusScanner) : undefined;
}
