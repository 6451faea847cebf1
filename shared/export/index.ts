export { exportCase, type ExportOptions, type ExportResult } from './export-case';
export { verifyExport, type ExportFileCheck, type ExportVerification } from './verify-export';
export { neutralizeFormula } from './cell-safety';
