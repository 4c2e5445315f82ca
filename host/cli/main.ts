import { parseArgs } from 'node:util';
import { AppError, isAppError } from '../../contract/app-error';
import { frontEndSetup } from '../config/front-end';
import { exitCodeFor, type Command, type CommandIo, type OptionSpec } from './command';
import { commands } from './commands';

const globalOptions: OptionSpec = {
  data: { type: 'string' },
  user: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

function findCommand(argv: string[]): { command: Command; rest: string[] } | null {
  const words = argv.filter((a) => !a.startsWith('-'));
  const matches = commands.filter((c) => c.path.every((w, i) => words[i] === w));
  const best = matches.sort((a, b) => b.path.length - a.path.length)[0];
  if (!best) return null;
  const rest = [...argv];
  for (const w of best.path) rest.splice(rest.indexOf(w), 1);
  return { command: best, rest };
}

const help = () =>
  [
    'eAkte Desk – Befehlszeile',
    '',
    ...commands.map((c) => `  ${c.usage.padEnd(58)} ${c.summary}`),
    '',
    'Für alle Befehle: --data DIR (oder EAKTE_DATA_DIR), --user NAME (oder EAKTE_USER), --json',
  ].join('\n');

/** Runs one command; returns the exit code. Failures print one German line (or the JSON envelope). */
export async function runCli(argv: string[], io: CommandIo, interrupted: Promise<void>): Promise<number> {
  const found = findCommand(argv);
  const wantsJson = argv.includes('--json');
  try {
    if (!found || argv.includes('--help') || argv.includes('-h')) {
      io.out(help());
      return found || argv.length === 0 || argv.includes('--help') || argv.includes('-h') ? 0 : 2;
    }
    let parsed;
    try {
      parsed = parseArgs({ args: found.rest, options: { ...globalOptions, ...found.command.options }, allowPositionals: true, strict: true });
    } catch (err) {
      throw new AppError('cli.usage', { detail: `${(err as Error).message} – ${found.command.usage}` }, 'bad arguments');
    }
    const v = parsed.values as Record<string, string | boolean | undefined>;
    const setup = frontEndSetup({ explicitDataDir: v.data as string | undefined });
    const global = {
      dataDir: setup.dataDir,
      keys: setup.keys,
      hotFolder: setup.loaded.config.hotFolder,
      admin: setup.admin,
      logLimits: setup.logLimits,
      user: (v.user as string | undefined) ?? process.env.EAKTE_USER ?? null,
      json: Boolean(v.json),
    };
    const result = await found.command.run({ global, positionals: parsed.positionals, options: v, io, interrupted });
    if (global.json && result.value !== null) io.out(JSON.stringify(result.value, null, 2));
    else if (!global.json && result.text) io.out(result.text);
    return result.exitCode ?? 0;
  } catch (err) {
    if (isAppError(err)) {
      if (wantsJson) io.out(JSON.stringify({ ok: false, error: { code: err.code, params: err.params, message: err.germanText } }));
      else io.err(`Fehler: ${err.germanText}`);
      return exitCodeFor(err.code);
    }
    io.err(`Fehler: unerwarteter Programmfehler – ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}
