/** The examiner the app logs actions as, remembered per case folder (and the last one named, for new cases). */
const KEY = 'breach-ledger.examiner';

export function rememberedExaminer(caseDir: string | null, storage: Storage = localStorage): string {
  return (caseDir && storage.getItem(`${KEY}:${caseDir}`)) || storage.getItem(KEY) || '';
}

export function rememberExaminer(caseDir: string, examiner: string, storage: Storage = localStorage): void {
  storage.setItem(`${KEY}:${caseDir}`, examiner);
  storage.setItem(KEY, examiner);
}
