// Where an archive's index is: known to the command line before the store is loaded (the
// store, with its writers, is most of a read's code; see src/archive/library.ts).
import { join } from 'node:path';

export const indexPath = (dir: string): string => join(dir, 'index.json');
