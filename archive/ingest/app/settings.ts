import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../contract/app-error';

/**
 * Archive settings: `<data folder>/archiv.json` (`{"repository": "/srv/dips/einlieferung"}`), then
 * EAKTE_ARCHIV_REPOSITORY on top. The repository is the folder DiPS.kommunal takes submission packages
 * from; without a setting it is `archiv/magazin` in the data folder.
 */
const ArchivSettingsFile = z.object({ repository: z.string().min(1).optional() }).strict();

export function repositoryDir(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.EAKTE_ARCHIV_REPOSITORY) return path.resolve(env.EAKTE_ARCHIV_REPOSITORY);
  const file = path.join(dataDir, 'archiv.json');
  if (!existsSync(file)) return path.join(dataDir, 'archiv', 'magazin');
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
  return parsed.data.repository
    ? path.resolve(dataDir, parsed.data.repository)
    : path.join(dataDir, 'archiv', 'magazin');
}
