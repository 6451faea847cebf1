import { useEffect, useState } from 'react';

/** Opens the system print dialog; the print stylesheet leaves out the app's chrome. */
export function PrintButton({ what }: { what: string }) {
  return (
    <button type="button" className="btn btn-small no-print" onClick={() => window.print()}>
      Print {what}
    </button>
  );
}

/** True while the page is being printed: lets a screen render in full what it virtualizes on screen. */
export function usePrinting(): boolean {
  const [printing, setPrinting] = useState(false);
  useEffect(() => {
    const on = () => setPrinting(true);
    const off = () => setPrinting(false);
    window.addEventListener('beforeprint', on);
    window.addEventListener('afterprint', off);
    return () => {
      window.removeEventListener('beforeprint', on);
      window.removeEventListener('afterprint', off);
    };
  }, []);
  return printing;
}
