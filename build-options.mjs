// The esbuild options of the shipped bundle, shared by the build and the benchmarks so
// that what is measured is what ships.
import { readFile } from 'node:fs/promises';

/** meow's bundled dependencies evaluate normalize-package-data (with its SPDX licence tables)
 * and @babel/code-frame as soon as meow is imported, though they serve only to normalise a
 * package.json and to point at a syntax error in one — neither of which byline asks for.
 * That costs ~20 ms of every start. They are made lazy here: evaluated on first use. If a
 * meow release changes these lines, the build says so and ships meow as it is. */
const LAZY_MEOW = [
  ['var libExports = requireLib$1();', 'var libExports = { codeFrameColumns: (...a) => requireLib$1().codeFrameColumns(...a) };'],
  [
    'var normalizeExports = requireNormalize();\nconst normalizePackageData = getDefaultExportFromCjs(normalizeExports);',
    'const normalizePackageData = (...a) => getDefaultExportFromCjs(requireNormalize())(...a);',
  ],
];

const lazyMeowDependencies = {
  name: 'lazy-meow-dependencies',
  setup(build) {
    build.onLoad({ filter: /[\\/]meow[\\/]build[\\/]dependencies\.js$/ }, async ({ path }) => {
      let contents = await readFile(path, 'utf8');
      const warnings = [];
      for (const [eager, lazy] of LAZY_MEOW) {
        if (contents.includes(eager)) contents = contents.replace(eager, lazy);
        else warnings.push({ text: `meow changed: "${eager.split('\n')[0]}" not found; left as it is (start-up ~10 ms slower)` });
      }
      return { contents, loader: 'js', warnings };
    });
  },
};

export const bundleOptions = {
  plugins: [lazyMeowDependencies],
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  jsx: 'automatic',
  alias: {
    'react-devtools-core': './src/vendor/devtools-stub.js',
    'string-width': './src/vendor/string-width-memo.js',
  },
  // byline never uses the network. yoga-layout's wasm loader checks for a global fetch and, if
  // there is one, fetches its own inlined data: URI through it — which loads Node's HTTP client
  // (undici) first: ~20 ms of start-up. Without fetch it decodes the bytes directly.
  define: { 'process.env.NODE_ENV': '"production"', fetch: 'undefined' },
  banner: { js: "import { createRequire as __bylineRequire } from 'node:module'; const require = __bylineRequire(import.meta.url);" },
  logLevel: 'warning',
};
