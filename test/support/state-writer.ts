// A child process that writes reader state the way the reader does (UserState), for the
// two-process and kill tests in test/e2e/hardening/faults.test.ts. Bundled by esbuild at test time.
//   node state-writer.mjs STATE_PATH PREFIX COUNT   (COUNT 0: until killed)
// Marks PREFIX-0, PREFIX-1, … read, waiting for each save; prints "saved i" after each one.
import { UserState } from '../../src/archive/user-state.js';

const [path, prefix, countArg] = process.argv.slice(2);
const count = Number(countArg);
const state = await UserState.load(path);
if (state.warning) process.stdout.write(`warning ${state.warning}\n`);
for (let i = 0; count === 0 || i < count; i++) {
  state.update(`${prefix}-${i}`, { read: true, percent: i % 101 });
  await state.flush();
  if (state.saveError) {
    process.stdout.write(`error ${state.saveError}\n`);
    process.exit(1);
  }
  process.stdout.write(`saved ${i}\n`);
}
process.stdout.write('done\n');
