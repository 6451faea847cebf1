/** Plain-language names for assumption keys (`amount`, `ca.violations`, `violation.late-notice`, `hipaa-covered`). */
const LABELS: Readonly<Record<string, string>> = {
  amount: 'Amount within each statutory range',
  violations: 'What counts as one violation',
  intent: 'Intentional or knowing violation',
  cure: 'Cured within the cure period',
  'reasonable-security': 'Reasonable security maintained',
  enforcer: 'Which regulator enforces',
  residency: 'Residency rule',
  incidents: 'Number of incidents',
  'amount-date': 'Date that picks the amount tables',
  'notice-date': 'Date notice is given',
  'ccpa-business': 'Company is a CCPA business',
  'hipaa-covered': 'Company is HIPAA-covered',
  'glba-covered': 'Company is covered by GLBA',
  'security-program': 'Written security programme kept',
  'ftc-safeguards-covered': 'Company is under the FTC Safeguards Rule',
  'sec-registrant': 'Company is an SEC registrant',
};

const VIOLATION_PREFIX = 'violation.';

function words(key: string): string {
  const text = key.replace(/[-_.]+/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function baseLabel(key: string): string {
  if (key.startsWith(VIOLATION_PREFIX)) return `Violation assumed: ${words(key.slice(VIOLATION_PREFIX.length)).toLowerCase()}`;
  return LABELS[key] ?? words(key);
}

/** `ca.violations` is the California override of `violations`: "CA: What counts as one violation". */
export function assumptionLabel(key: string): string {
  if (LABELS[key] || key.startsWith(VIOLATION_PREFIX)) return baseLabel(key);
  const dot = key.indexOf('.');
  if (dot > 0 && /^[a-z]{2}(-[a-z0-9]+)?$/i.test(key.slice(0, dot))) return `${key.slice(0, dot).toUpperCase()}: ${baseLabel(key.slice(dot + 1))}`;
  return baseLabel(key);
}
