// Bundles bench/fixtures/hello.tsx with the shipped bundle's own esbuild options
// (build-options.mjs: whatever makes any Ink app start faster counts for the floor too) and
// starts it the way bin/byline.js starts dist/cli.js (compile cache on, when this Node has it).
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleOptions } from '../../build-options.mjs';
import { BUILD, ROOT } from './env.js';

export async function buildHello(): Promise<string> {
  const out = join(BUILD, 'hello');
  mkdirSync(out, { recursive: true });
  await build({
    ...bundleOptions,
    entryPoints: [join(ROOT, 'bench', 'fixtures', 'hello.tsx')],
    outfile: join(out, 'hello.js'),
    absWorkingDir: ROOT,
  });
  const bin = join(out, 'hello-bin.js');
  writeFileSync(bin, "import module from 'node:module';\nmodule.enableCompileCache?.();\nawait import('./hello.js');\n");
  return bin;
}
