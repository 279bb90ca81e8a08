import { renderTask } from './suites/render.js';
await renderTask(1000, 'bench/cache/archive-1000', 'bench/cache/archive-30');
