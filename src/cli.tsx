// byline: the command line on the real process (src/main.ts does the work).
// The reader (Ink, React) is loaded only when it is needed, so commands start fast.
import { main } from './main.js';

/** A closed pipe (`byline read x | head -1`) is a normal end, not an error. Any other
 * failure to write the output (a full disk: `byline export > /dev/full`) is one line, exit 1. */
function quietOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') process.exit(0);
      if (stream === process.stdout) {
        try {
          process.stderr.write(`byline: cannot write the output: ${error.message}\n`);
        } catch {
          // stderr is gone too: the exit code says it
        }
      }
      process.exit(1);
    });
  }
}

/** One line typed at the terminal, after a question on stderr. */
async function ask(question: string): Promise<string | undefined> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}

quietOnClosedPipe();
process.exitCode = await main({
  argv: process.argv.slice(2),
  env: process.env,
  stdout: { isTTY: Boolean(process.stdout.isTTY), columns: process.stdout.columns, write: (text) => void process.stdout.write(text) },
  stderr: { isTTY: Boolean(process.stderr.isTTY), write: (text) => void process.stderr.write(text) },
  stdinIsTTY: Boolean(process.stdin.isTTY),
  ask: process.stdin.isTTY && process.stderr.isTTY ? ask : undefined,
});
