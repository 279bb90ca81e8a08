#!/usr/bin/env node
import module from 'node:module';
module.enableCompileCache?.();
try {
  await import('../dist/cli.js');
} catch (error) {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli.js')) {
    process.stderr.write('byline: not built yet; run `npm run build` first\n');
    process.exit(1);
  }
  throw error;
}
