/** The legal questions each finding bears on, read from the versioned legal-questions.json (citations are data). */
import data from './legal-questions.json';
import type { LegalQuestion } from './types';

interface QuestionEntry {
  citation: string;
  question: string;
  source: string;
}

const questions = data.questions as Record<string, QuestionEntry>;
const byFinding = data.findings as Record<string, string[]>;

export const LEGAL_QUESTIONS_VERSION: string = data.version;

/** The questions a finding kind bears on; an id without an entry is a programming error, caught by the unit test. */
export function questionsFor(findingId: string): LegalQuestion[] {
  const ids = byFinding[findingId];
  if (!ids) throw new Error(`legal-questions.json names no questions for finding "${findingId}".`);
  return ids.map((id) => {
    const entry = questions[id];
    if (!entry) throw new Error(`legal-questions.json: finding "${findingId}" names unknown question "${id}".`);
    return { id, citation: entry.citation, question: entry.question };
  });
}

export const FINDING_IDS: readonly string[] = Object.keys(byFinding);
