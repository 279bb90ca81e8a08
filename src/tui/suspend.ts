// Ctrl-z and SIGTSTP, done the way less and vim do it: give the terminal back (main screen,
// cooked mode, cursor), stop with the signal's default action, and when continued take the
// screen again and redraw it. In raw mode the terminal sends Ctrl-z as a byte, so the key
// router calls suspend(); a SIGTSTP from outside (kill -TSTP) comes here as a signal.

export interface SuspendHooks {
  /** Main screen, cursor shown, raw mode off. */
  leave(): void;
  /** Alternate screen (cleared), raw mode on. */
  enter(): void;
  /** Draw the whole last frame again. */
  redraw(): void;
}

export interface Suspender {
  suspend(): void;
  /** Stops listening: SIGTSTP stops the process plainly again (after the reader ends). */
  dispose(): void;
}

export function handleSuspend(hooks: SuspendHooks): Suspender {
  const resume = () => {
    hooks.enter();
    hooks.redraw();
  };
  const onTstp = () => suspend();
  let listening = false;
  const listen = (on: boolean) => {
    if (on === listening) return;
    listening = on;
    if (on) {
      process.on('SIGTSTP', onTstp);
      // A SIGSTOP from outside cannot be caught: the terminal stayed as the reader left it,
      // but a shell may have written "Stopped" over the screen. Take it back on SIGCONT.
      process.on('SIGCONT', resume);
    } else {
      process.off('SIGTSTP', onTstp);
      process.off('SIGCONT', resume);
    }
  };

  function suspend(): void {
    if (!listening) return;
    hooks.leave();
    // With no listener left, SIGTSTP has its default action again: stop (and SIGCONT just
    // continues, not queued for resume() as well). Sent to the whole process group (pid 0),
    // as vim does, so a wrapper (npm start, a shell script) stops too and the shell gets its
    // prompt back. The process stops inside kill() and goes on from here when continued;
    // when the kernel discards the signal instead (an orphaned process group, which nothing
    // could ever continue) it goes on at once. Either way: take the terminal back.
    listen(false);
    try {
      process.kill(0, 'SIGTSTP');
    } finally {
      listen(true);
      resume();
    }
  }

  listen(true);
  return { suspend, dispose: () => listen(false) };
}
