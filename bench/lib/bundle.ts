// Bundles bench/fixtures/hello.tsx exactly as build.mjs bundles the CLI (esbuild, ESM,
// react-devtools-core aliased to a stub, NODE_ENV=production) and starts it the way
// bin/byline.js starts dist/cli.js (compile cache on, when this Node has it).
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD, ROOT } from './env.js';

export async function buildHello(): Promise<string> {
  const out = join(BUILD, 'hello');
  mkdirSync(out, { recursive: true });
  const stub = join(out, 'devtools-stub.js');
  writeFileSync(stub, 'export default {};\n');
  await build({
    entryPoints: [join(ROOT, 'bench', 'fixtures', 'hello.tsx')],
    outfile: join(out, 'hello.js'),
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    jsx: 'automatic',
    alias: { 'react-devtools-core': stub },
    define: { 'process.env.NODE_ENV': '"production"' },
    banner: { js: "import { createRequire as __bylineRequire } from 'node:module'; const require = __bylineRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  const bin = join(out, 'hello-bin.js');
  writeFileSync(bin, "import module from 'node:module';\nmodule.enableCompileCache?.();\nawait import('./hello.js');\n");
  return bin;
}
