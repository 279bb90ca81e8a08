import { EventEmitter } from 'node:events';
import { render } from 'ink';
import { Archive } from '../src/archive/store.js';
import { UserState } from '../src/archive/user-state.js';
import { App } from '../src/tui/app.js';

class Out extends EventEmitter { columns = 100; rows = 30; isTTY = true; bytes = 0; last = 0; write = (s: string) => { this.bytes += s.length; this.last = performance.now(); return true; }; }
class In extends EventEmitter { isTTY = true; data: string | null = null; setRawMode() {} setEncoding() {} resume() {} pause() {} ref() {} unref() {} read = () => { const d = this.data; this.data = null; return d; }; write(d: string) { this.data = d; this.emit('readable'); } }
const archive = await Archive.open(process.argv[2]);
const userState = await UserState.load('/tmp/frame-state.json');
const out = new Out(); const inp = new In();
const renders: number[] = [];
render(<App archive={archive} userState={userState} engine={null} onQuit={() => {}} />, { stdout: out as never, stdin: inp as never, stderr: out as never, exitOnCtrlC: false, patchConsole: false, onRender: ({ renderTime }) => void renders.push(renderTime) });
await new Promise((r) => setTimeout(r, 200));
const times: number[] = [];
for (let i = 0; i < 60; i++) {
  const t0 = performance.now(); const before = out.last;
  inp.write('j');
  while (out.last === before) await new Promise((r) => setImmediate(r));
  times.push(out.last - t0);
  await new Promise((r) => setTimeout(r, 40));
}
times.sort((a, b) => a - b); renders.sort((a, b) => a - b);
console.log('key→frame p50', times[30].toFixed(1), 'p95', times[57].toFixed(1), '| ink renderTime p50', renders[renders.length >> 1].toFixed(1), 'p95', renders[Math.floor(renders.length * 0.95)].toFixed(1));
process.exit(0);
