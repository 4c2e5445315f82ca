import { runCli } from './main';

// Process edge: wires stdout/stderr and Ctrl+C, then exits with the command's code.
const interrupted = new Promise<void>((resolve) => {
  process.once('SIGINT', () => resolve());
  process.once('SIGTERM', () => resolve());
});
const code = await runCli(
  process.argv.slice(2),
  { out: (t) => process.stdout.write(t + '\n'), err: (t) => process.stderr.write(t + '\n') },
  interrupted,
);
process.exit(code);
