// The esbuild options of the shipped bundle, shared by the build and the benchmarks so
// that what is measured is what ships.
export const bundleOptions = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
  banner: { js: "import { createRequire as __bylineRequire } from 'node:module'; const require = __bylineRequire(import.meta.url);" },
  // clipboardy finds its bundled xsel/clip helpers next to its own files: loaded from
  // node_modules, and only when something is copied.
  // react-devtools-core is Ink's optional peer dependency, imported only when DEV=true; byline
  // does not install it, and Ink then warns and goes on (the way its readme and
  // vadimdemedes/ink#571 leave it to bundlers).
  external: ['clipboardy', 'react-devtools-core'],
  logLevel: 'warning',
};
