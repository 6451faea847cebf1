import { useCallback, useEffect, useState } from 'react';
import type { CaseSummary, VerifyResult } from '../../shared/contract/api';
import type { Transport } from './api/transport';
import { EmptyState } from './components/States';
import { rememberCase } from './recent-cases';
import { CasePicker } from './screens/CasePicker';
import { CaseShell } from './screens/CaseShell';
import { isScreenId, type ScreenId } from './screens/screens';

export function App({ transport }: { transport: Transport }) {
  const [openCase, setOpenCase] = useState<CaseSummary | null>(null);
  const [screen, setScreen] = useState<ScreenId>('evidence');
  const [lastVerify, setLastVerify] = useState<VerifyResult | null>(null);
  const [pendingFiles, setPendingFiles] = useState<string[]>([]);
  const [menuCaseDir, setMenuCaseDir] = useState<string | null>(null);
  const [examiner, setExaminer] = useState('');

  const enterCase = useCallback((summary: CaseSummary, examinerName: string) => {
    rememberCase(summary);
    setExaminer(examinerName);
    setOpenCase(summary);
    setLastVerify(null);
    setScreen('evidence');
  }, []);

  const desktop = transport.kind === 'electron' ? transport.desktop : null;
  useEffect(() => {
    if (!desktop) return;
    return desktop.onMenuCommand((menu) => {
      if (menu.command === 'new-case') setOpenCase(null);
      if (menu.command === 'open-case') {
        setOpenCase(null);
        setMenuCaseDir(menu.caseDir);
      }
      if (menu.command === 'add-evidence') {
        setScreen('evidence');
        setPendingFiles(menu.files);
      }
      if (menu.command === 'show' && isScreenId(menu.screen)) setScreen(menu.screen);
    });
  }, [desktop]);

  if (transport.kind === 'none') {
    return (
      <main className="fullscreen-message">
        <EmptyState title="No connection to the Breach Ledger engine">
          <p>Open this page from the desktop app, or start the browser bridge with <code>npm run bridge</code> and use the address it prints (it carries the access token).</p>
        </EmptyState>
      </main>
    );
  }
  if (!openCase) {
    return <CasePicker api={transport.api} desktop={desktop} onOpened={enterCase} openOnMount={menuCaseDir} onOpenOnMountDone={() => setMenuCaseDir(null)} />;
  }
  return (
    <CaseShell
      key={openCase.caseDir}
      api={transport.api}
      desktop={desktop}
      transportKind={transport.kind}
      summary={openCase}
      onSummary={setOpenCase}
      examiner={examiner}
      onClose={() => setOpenCase(null)}
      screen={screen}
      onScreen={setScreen}
      lastVerify={lastVerify}
      onVerified={setLastVerify}
      pendingFiles={pendingFiles}
      onPendingTaken={() => setPendingFiles([])}
    />
  );
}
