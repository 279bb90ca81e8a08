// The esbuild options of the shipped bundle, shared by the build and the benchmarks so
// that what is measured is what ships.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

/** meow bundles normalize-package-data (with semver, hosted-git-info and the SPDX licence
 * tables) and @babel/code-frame, and evaluates them as soon as it is imported: 170 KB that
 * every start of byline compiled and ran (~40 ms). byline needs neither: normalising only
 * happens if `cli.pkg` is read (byline never does; it would then get its package.json as
 * written), and a code frame only decorates the error for a malformed package.json (byline
 * reads only its own). Both are replaced by no-ops here, which lets esbuild drop that code.
 * If a meow release changes these lines, the build says so and ships meow as it is. */
const MEOW_PATCHES = [
  ['var libExports = requireLib$1();', 'var libExports = { codeFrameColumns: () => "" };'],
  ['var normalizeExports = requireNormalize();\nconst normalizePackageData = getDefaultExportFromCjs(normalizeExports);', 'const normalizePackageData = () => {};'],
  // A bundled helper's unused `promisify(execFile)` that loads node:child_process on every start.
  ['promisify(execFile);\n', ''],
];

const slimMeow = {
  name: 'slim-meow',
  setup(build) {
    build.onLoad({ filter: /[\\/]meow[\\/]build[\\/]dependencies\.js$/ }, async ({ path }) => {
      let contents = await readFile(path, 'utf8');
      const warnings = [];
      for (const [from, to] of MEOW_PATCHES) {
        if (contents.includes(from)) contents = contents.replace(from, to);
        else warnings.push({ text: `meow changed: "${from.split('\n')[0]}" not found; left as it is (start-up ~20 ms slower)` });
      }
      return { contents, loader: 'js', warnings };
    });
  },
};

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
  plugins: [slimMeow, inkStringWidth],
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  jsx: 'automatic',
  alias: {
    'react-devtools-core': './src/vendor/devtools-stub.js',
    '@alcalzone/ansi-tokenize': './src/vendor/ansi-tokenize-fast.js',
  },
  define: { 'process.env.NODE_ENV': '"production"' },
  banner: { js: "import { createRequire as __bylineRequire } from 'node:module'; const require = __bylineRequire(import.meta.url);" },
  // clipboardy finds its bundled xsel/clip helpers next to its own files: loaded from
  // node_modules, and only when something is copied.
  external: ['clipboardy'],
  logLevel: 'warning',
};
