import { readFileSync } from 'node:fs';

/** Parses JSON text written by the product, typed as the document the product writes (a test fails if the shape differs). */
export function parseJson<T>(text: string): T {
  return JSON.parse(text) as T;
}

/** Reads a UTF-8 JSON file written by the product, typed as the document the product writes. */
export function readJson<T>(file: string): T {
  return parseJson<T>(readFileSync(file, 'utf8'));
}
