import path from 'node:path';

/** The team's shared sample files, read in place (/work/shared/samples). */
export const sample = (name: string): string => path.resolve(__dirname, '../../../../../shared/samples', name);
export const fixture = (name: string): string => path.resolve(__dirname, '../../../fixtures/salesforce', name);
