import path from 'node:path';

/** Public sample files kept byte-identical in the repository (origins in test/fixtures/samples/SOURCES.txt). */
export const sample = (name: string): string => path.resolve(__dirname, '../../../fixtures/samples', name);
export const fixture = (name: string): string => path.resolve(__dirname, '../../../fixtures/salesforce', name);
