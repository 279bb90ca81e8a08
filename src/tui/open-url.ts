// `o`: an article's address to the browser. The system opener (xdg-open, open) or the
// command in BYLINE_OPEN gets the address as its one argument — never through a shell, so
// nothing in an address from a saved page can run as a command.
import { spawn } from 'node:child_process';

export interface Opener {
  command: string;
  args: string[];
}

export function openerCommand(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): Opener {
  if (env.BYLINE_OPEN) return { command: env.BYLINE_OPEN, args: [] };
  if (platform === 'darwin') return { command: 'open', args: [] };
  // `start` would need cmd.exe, a shell: the URL handler is called directly instead.
  if (platform === 'win32') return { command: 'rundll32', args: ['url.dll,FileProtocolHandler'] };
  return { command: 'xdg-open', args: [] };
}

/**
 * Starts the opener and returns at once; the reader does not wait for the browser. `failed`
 * gets one line if the opener cannot be started or exits with an error; `done` (for tests)
 * is called when it has exited well. The address must already be checked (see webAddress).
 */
export function openInBrowser(url: string, failed: (why: string) => void, env: NodeJS.ProcessEnv = process.env, done?: () => void): void {
  const { command, args } = openerCommand(env);
  let settled = false;
  const settle = (why?: string) => {
    if (settled) return;
    settled = true;
    if (why) failed(`Could not open the address: ${why}`);
    else done?.();
  };
  try {
    const child = spawn(command, [...args, url], { stdio: 'ignore', detached: true, windowsHide: true, env });
    child.on('error', (error: NodeJS.ErrnoException) =>
      settle(error.code === 'ENOENT' ? `${command} not found (set BYLINE_OPEN to a browser command)` : `${command}: ${error.message}`),
    );
    child.on('exit', (code, signal) =>
      settle(code ? `${command} exited with status ${code}` : signal ? `${command} was stopped by ${signal}` : undefined),
    );
    child.unref();
  } catch (error) {
    settle(`${command}: ${(error as Error).message}`);
  }
}
