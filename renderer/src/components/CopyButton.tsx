import { useContext, useState } from 'react';
import { InGrid } from './VirtualTable';

export function CopyButton({ value }: { value: string }) {
  const [copied, setCopied] = useState(false);
  const inGrid = useContext(InGrid);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 1200);
    } catch {
      setCopied(false);
    }
  };
  return (
    <button type="button" className="copy" onClick={() => void copy()} title={`Copy ${value}`} aria-label={`Copy ${value}`} tabIndex={inGrid ? -1 : undefined}>
      {copied ? 'Copied' : 'Copy'}
    </button>
  );
}
