import { useEffect, useState } from 'react';
import type { ExposureResult } from '../../../../shared/contract/api';
import { assumptionLabel } from '../../../../shared/display/assumption-labels';

/** Fixed by the analysis, not an assumption the user can change here. */
const READ_ONLY = new Set(['residency']);
const NUMBER_KEYS = new Set(['incidents']);

interface Props {
  report: ExposureResult;
  settings: Readonly<Record<string, string>>;
  onSet: (key: string, value: string | null) => void;
  busy: boolean;
}

/** The values the report knows for a key: its sensitivity alternatives plus the current value. */
function choicesFor(report: ExposureResult, key: string): string[] {
  const row = report.sensitivity.find((r) => r.key === key);
  return [...new Set([report.assumptions[key]!.value, ...(row?.outcomes.map((o) => o.value) ?? [])])];
}

/** Every assumption in the report: a dropdown where the report lists alternatives, otherwise a text field. */
export function AssumptionEditor({ report, settings, onSet, busy }: Props) {
  const keys = Object.keys(report.assumptions).sort();
  return (
    <div className="assumptions" aria-busy={busy}>
      {keys.map((key) => {
        const a = report.assumptions[key]!;
        const choices = choicesFor(report, key);
        return (
          <label key={key} className={`assumption ${key in settings ? 'assumption-set' : ''}`} title={a.description}>
            <span>
              {assumptionLabel(key)} <span className="muted">· {key in settings ? 'set' : a.source}</span>
            </span>
            {READ_ONLY.has(key) ? (
              <input name={`assumption-${key}`} className="read-only" value={a.value} readOnly title={`${a.description} Change it by reconstructing with another residency rule.`} />
            ) : choices.length > 1 && !NUMBER_KEYS.has(key) ? (
              <select name={`assumption-${key}`} value={settings[key] ?? a.value} disabled={busy} onChange={(e) => onSet(key, e.target.value)}>
                {choices.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            ) : (
              <CommitInput name={`assumption-${key}`} value={settings[key] ?? a.value} type={NUMBER_KEYS.has(key) ? 'number' : 'text'} onCommit={(v) => onSet(key, v.trim() || null)} />
            )}
          </label>
        );
      })}
    </div>
  );
}

/** A text field that reports its value on Enter or when it loses focus, not on every keystroke. */
function CommitInput({ name, value, type, onCommit }: { name: string; value: string; type: 'text' | 'number'; onCommit: (value: string) => void }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const commit = () => text !== value && onCommit(text);
  return (
    <input
      name={name}
      type={type}
      min={type === 'number' ? 1 : undefined}
      className="mono"
      value={text}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
    />
  );
}
