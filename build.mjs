// Bundles the CLI into dist/ (ESM, code-split so the reader's Ink chunk loads only when used).
import { build } from 'esbuild';
import { rm, writeFile, mkdir } from 'node:fs/promises';

await rm('dist', { recursive: true, force: true });
await mkdir('dist', { recursive: true });
await writeFile('dist/devtools-stub.js', 'export default {};\n');
await build({
  entryPoints: ['src/cli.tsx'],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  jsx: 'automatic',
  alias: { 'react-devtools-core': './dist/devtools-stub.js' },
  define: { 'process.env.NODE_ENV': '"production"' },
  banner: { js: "import { createRequire as __bylineRequire } from 'node:module'; const require = __bylineRequire(import.meta.url);" },
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
});
