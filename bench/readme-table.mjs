// Copies the results table of bench/results/latest.md into README.md between the markers.
import { readFileSync, writeFileSync } from 'node:fs';

const results = readFileSync('bench/results/latest.md', 'utf8');
const head = results.split('\n').find((l) => l.startsWith('Machine:')) ?? '';
const table = results.split('\n').filter((l) => l.startsWith('|')).join('\n');
const readme = readFileSync('README.md', 'utf8');
const start = readme.indexOf('<!-- bench:start -->');
const end = readme.indexOf('<!-- bench:end -->');
writeFileSync('README.md', `${readme.slice(0, start)}<!-- bench:start -->\n${head}\n\n${table}\n${readme.slice(end)}`);
