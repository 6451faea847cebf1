/** What the Electron preload adds to the contract: native dialogs, dropped-file paths and menu commands. */
import type { LedgerApi } from '../../../shared/contract/api';

export type MenuCommand = { command: 'new-case' } | { command: 'open-case'; caseDir: string } | { command: 'add-evidence'; files: string[] } | { command: 'show'; screen: string };

export interface DesktopLedger extends LedgerApi {
  desktop: {
    chooseCaseFolder(purpose: 'create' | 'open'): Promise<string | null>;
    chooseEvidenceFiles(): Promise<string[]>;
    /** Absolute path of a file dropped on the window. */
    pathForFile(file: File): string;
    onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  };
}

declare global {
  interface Window {
    ledger?: DesktopLedger;
  }
}
