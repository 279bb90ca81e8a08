// The esbuild options of the shipped bundle, shared by the build and the benchmarks so
// that what is measured is what ships.
import { resolve } from 'node:path';

/** Ink and the packages it uses measure text with byline's widths (src/vendor/string-width-memo.js);
 * byline's own code (src/text/width.ts) keeps the real string-width, which the memo builds on. */
const inkStringWidth = {
  name: 'ink-string-width',
  setup(build) {
    const memo = resolve(build.initialOptions.absWorkingDir ?? process.cwd(), 'src/vendor/string-width-memo.js');
    build.onResolve({ filter: /^string-width$/ }, ({ importer }) => (/[\\/]node_modules[\\/]/.test(importer) ? { path: memo } : undefined));
  },
};

export const bundleOptions = {
  plugins: [inkStringWidth],
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  jsx: 'automatic',
  alias: {
    'react-devtools-core': './src/vendor/devtools-stub.js',
  },
  define: { 'process.env.NODE_ENV': '"production"' },
  banner: { js: "import { createRequire as __bylineRequire } from 'node:module'; const require = __bylineRequire(import.meta.url);" },
  // clipboardy finds its bundled xsel/clip helpers next to its own files: loaded from
  // node_modules, and only when something is copied.
  external: ['clipboardy'],
  logLevel: 'warning',
};
