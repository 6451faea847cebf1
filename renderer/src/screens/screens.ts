/** Navigation: every screen of a case, in sidebar order. Alt+digit jumps to a screen. */
export type ScreenId = 'evidence' | 'verify' | 'custody' | 'triage' | 'scope' | 'consumers' | 'obligations' | 'exposure' | 'exports' | 'notices' | 'findings';

export interface ScreenEntry {
  id: ScreenId;
  title: string;
  group: 'Evidence' | 'Analysis';
}

export const SCREENS: readonly ScreenEntry[] = [
  { id: 'evidence', title: 'Evidence', group: 'Evidence' },
  { id: 'verify', title: 'Verify', group: 'Evidence' },
  { id: 'custody', title: 'Custody log', group: 'Evidence' },
  { id: 'triage', title: 'Triage', group: 'Analysis' },
  { id: 'scope', title: 'Scope', group: 'Analysis' },
  { id: 'consumers', title: 'Affected consumers', group: 'Analysis' },
  { id: 'obligations', title: 'Obligations', group: 'Analysis' },
  { id: 'exposure', title: 'Exposure', group: 'Analysis' },
  { id: 'exports', title: 'Exports', group: 'Analysis' },
  { id: 'notices', title: 'Notices', group: 'Analysis' },
  { id: 'findings', title: 'Security findings', group: 'Analysis' },
];

export function isScreenId(value: string): value is ScreenId {
  return SCREENS.some((s) => s.id === value);
}
