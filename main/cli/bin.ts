import { runCli } from './main';

// Progress only where someone watches it: a line rewritten in place on a terminal, nothing in a pipe or a log.
const progress = process.stderr.isTTY
  ? { update: (text: string) => process.stderr.write(`\r\x1b[K${text}`), end: () => process.stderr.write('\r\x1b[K') }
  : undefined;

/** Ctrl-C, once a long command asks for it, cancels that command; a second one ends the process as usual. */
const interrupt = () => {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  return controller.signal;
};

const code = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  progress,
  interrupt,
});
process.exitCode = code;
