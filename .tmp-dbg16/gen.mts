import { generateBreach } from '/work/main/shared/demo';
import { mkdtempSync } from 'node:fs';
for (let i = 0; i < 3; i++) { const t = performance.now(); await generateBreach({ outDir: mkdtempSync('/tmp/g16-'), seed: 'timing', size: 'tiny' }); console.log(performance.now() - t); }
