import { LedgerError } from '../contract/errors';
import type { Db } from '../store/db';

export interface AnalysisRecord {
  id: number;
  scopeId: number;
  scope: Record<string, unknown>;
  scopeSha256: string;
  options: Record<string, unknown>;
  inputDigest: string;
  outputDigest: string;
  engineVersion: string;
  summary: { total: number; byBasis: Record<string, number>; inferredMinimum: number } & Record<string, unknown>;
  startedAt: string;
  finishedAt: string;
}

interface AnalysisRow {
  id: number;
  scope_id: number;
  options: string;
  input_digest: string;
  output_digest: string;
  engine_version: string;
  summary: string;
  started_at: string;
  finished_at: string;
  definition: string;
  scope_sha256: string;
}

export function readAnalysis(db: Db, analysisId: number): AnalysisRecord {
  const row = db
    .prepare(
      `SELECT a.*, s.definition, s.sha256 AS scope_sha256 FROM analyses a JOIN scopes s ON s.id = a.scope_id WHERE a.id = ?`,
    )
    .get(analysisId) as AnalysisRow | undefined;
  if (!row) throw new LedgerError('NOT_FOUND', `No analysis ${analysisId} in this case.`);
  return {
    id: row.id,
    scopeId: row.scope_id,
    scope: JSON.parse(row.definition) as Record<string, unknown>,
    scopeSha256: row.scope_sha256,
    options: JSON.parse(row.options) as Record<string, unknown>,
    inputDigest: row.input_digest,
    outputDigest: row.output_digest,
    engineVersion: row.engine_version,
    summary: JSON.parse(row.summary) as AnalysisRecord['summary'],
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}
