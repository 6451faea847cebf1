import { LedgerError } from '../contract/errors';
import { isIsoDate } from './dates';
import { VIOLATION_KINDS, type ApplicabilityFact, type ConditionAssumption, type FactInput, type ViolationKind } from './types';

const YES_NO = ['yes', 'no', 'unknown'] as const;

/** Values a pack's remedy conditions may test (see RemedyCondition). */
export const CONDITION_VALUES = {
  cure: ['false', 'true'],
  'reasonable-security': ['not-maintained', 'maintained', 'unknown'],
  intent: ['standard', 'intentional'],
  'ccpa-business': YES_NO,
  'hipaa-covered': YES_NO,
  'glba-covered': YES_NO,
  'security-program': ['conforming', 'none', 'unknown'],
  'ftc-safeguards-covered': YES_NO,
  'sec-registrant': YES_NO,
  'nydfs-covered': YES_NO,
  'card-data': YES_NO,
} as const satisfies Record<ConditionAssumption, readonly string[]>;

/** Case facts that decide whether a regime or remedy applies to the company at all. */
const FACTS: Readonly<Record<ApplicabilityFact, string>> = {
  'ccpa-business': 'Whether the company is a CCPA "business" (revenue over the threshold in the California pack, 100,000+ consumers or households, or half its revenue from selling or sharing personal information)',
  'hipaa-covered': 'Whether the company is a HIPAA covered entity or business associate for the breached data',
  'glba-covered': 'Whether the company is a financial institution subject to Gramm-Leach-Bliley Act Title V',
  'security-program': 'Whether the company kept a written cybersecurity programme conforming to a recognised framework (state safe harbours: Ohio, Utah, Connecticut)',
  'ftc-safeguards-covered': 'Whether the company is a financial institution under FTC jurisdiction subject to the Safeguards Rule',
  'sec-registrant': 'Whether the company files reports with the SEC under the Exchange Act (Form 8-K)',
  'nydfs-covered': 'Whether the company is a covered entity licensed or chartered by the New York Department of Financial Services (Part 500)',
  'card-data': 'Whether payment card data was exposed and the company is bound by card-brand rules (merchant or service provider)',
};

export type ViolationSetting = 'assumed' | 'ruled-out';
export const VIOLATION_SETTINGS: readonly ViolationSetting[] = ['assumed', 'ruled-out'];
const VIOLATION_PREFIX = 'violation.';

export type AssumptionKey =
  | 'amount'
  | 'violations'
  | 'intent'
  | 'cure'
  | 'reasonable-security'
  | 'enforcer'
  | 'residency'
  | 'incidents'
  | 'amount-date'
  | 'notice-date'
  | ApplicabilityFact
  | FactInput;

interface AssumptionSpec {
  description: string;
  /** May be set as `<state>.<key>` (e.g. `ca.amount=max`) to override one jurisdiction. */
  perJurisdiction: boolean;
  global: boolean;
  defaultValue: string | null;
  /** Returns an error message, or null when the value is valid. */
  check(value: string): string | null;
  /** Values the sensitivity table tries; the current value is always added. */
  alternatives: readonly string[];
}

const PERCENT = /^(\d{1,3})%$/;
const POSITIVE_INTEGER = /^[1-9]\d{0,8}$/;

function choice(values: readonly string[]): (value: string) => string | null {
  return (value) => (values.includes(value) ? null : `must be one of ${values.join(', ')}`);
}

export const ASSUMPTIONS: Readonly<Record<AssumptionKey, AssumptionSpec>> = {
  amount: {
    description: 'Per-unit amount used in the expected scenario: min, mid (range midpoint) or max of each statutory range, or a percentage of the range like 25%',
    perJurisdiction: true,
    global: true,
    defaultValue: 'mid',
    check: (value) => (amountPercent(value) === null ? 'must be min, mid, max or a whole percentage from 0% to 100%' : null),
    alternatives: ['min', 'max'],
  },
  violations: {
    description: 'What counts as one violation for per-violation fines: per-consumer (each qualifying consumer), per-incident, or a custom whole number',
    perJurisdiction: true,
    global: true,
    defaultValue: 'per-consumer',
    check: (value) => (value === 'per-consumer' || value === 'per-incident' || POSITIVE_INTEGER.test(value) ? null : 'must be per-consumer, per-incident or a whole number of violations'),
    alternatives: ['per-consumer', 'per-incident'],
  },
  intent: {
    description: 'Whether violations are treated as intentional (or knowing, reckless, wilful, or involving minors), which selects the higher fine variants',
    perJurisdiction: true,
    global: true,
    defaultValue: 'standard',
    check: choice(CONDITION_VALUES.intent),
    alternatives: CONDITION_VALUES.intent,
  },
  cure: {
    description: 'Whether the business cured within the statutory cure period after a consumer notice (bars statutory damages where a pack says so)',
    perJurisdiction: true,
    global: true,
    defaultValue: 'false',
    check: choice(CONDITION_VALUES.cure),
    alternatives: CONDITION_VALUES.cure,
  },
  'reasonable-security': {
    description: 'Finding on reasonable security: not-maintained establishes the data-security-duty violation; maintained rules it out; unknown leaves it to the high scenario',
    perJurisdiction: true,
    global: true,
    defaultValue: 'unknown',
    check: choice(CONDITION_VALUES['reasonable-security']),
    alternatives: CONDITION_VALUES['reasonable-security'],
  },
  enforcer: {
    description: 'Which regulator pursues a violation where a fine and a civil penalty are alternatives (never both); default is the first listed in the pack',
    perJurisdiction: true,
    global: false,
    defaultValue: null,
    check: (value) => (/^[a-z0-9][a-z0-9-]*$/.test(value) ? null : 'must be an enforcer id from the rule pack, like cppa or ag'),
    alternatives: [],
  },
  residency: {
    description: 'Name of the residency rule used to assign consumers to jurisdictions (recorded, not interpreted here)',
    perJurisdiction: false,
    global: true,
    defaultValue: 'not stated',
    check: (value) => (value.trim() === '' ? 'must not be empty' : null),
    alternatives: [],
  },
  incidents: {
    description: 'Number of incidents (multiplies per-incident damages and fines)',
    perJurisdiction: false,
    global: true,
    defaultValue: '1',
    check: (value) => (POSITIVE_INTEGER.test(value) ? null : 'must be a whole number of at least 1'),
    alternatives: ['1', '2'],
  },
  'amount-date': {
    description: 'Which date picks the amount tables: incident or discovery',
    perJurisdiction: false,
    global: true,
    defaultValue: 'incident',
    check: choice(['incident', 'discovery']),
    alternatives: ['incident', 'discovery'],
  },
  'notice-date': {
    description: 'Date notice is (or will be) given: establishes late notice to each party whose deadline it misses; on-time means every notice is given on time and in the required form (no late-notice or notice-content violation)',
    perJurisdiction: false,
    global: true,
    defaultValue: null,
    check: (value) => (value === 'on-time' || isIsoDate(value) ? null : 'must be on-time or a date YYYY-MM-DD'),
    alternatives: ['on-time'],
  },
  ...factSpecs(),
  'annual-revenue': {
    description: "The company's annual gross revenue in whole US dollars (decides facts such as ccpa-business through the packs' thresholds)",
    perJurisdiction: false,
    global: true,
    defaultValue: null,
    check: (value) => (/^\d{1,15}$/.test(value) ? null : 'must be a whole number of US dollars'),
    alternatives: [],
  },
  'consumers-processed': {
    description: 'How many consumers or households whose personal information the company buys, sells or shares in a year',
    perJurisdiction: false,
    global: true,
    defaultValue: null,
    check: (value) => (/^\d{1,12}$/.test(value) ? null : 'must be a whole number'),
    alternatives: [],
  },
  'selling-revenue-share': {
    description: 'Percent of annual revenue the company derives from selling or sharing personal information',
    perJurisdiction: false,
    global: true,
    defaultValue: null,
    check: (value) => (/^\d{1,3}$/.test(value) && Number(value) <= 100 ? null : 'must be a whole percentage from 0 to 100'),
    alternatives: [],
  },
};

function factSpecs(): Record<ApplicabilityFact, AssumptionSpec> {
  const specs = {} as Record<ApplicabilityFact, AssumptionSpec>;
  for (const [fact, description] of Object.entries(FACTS) as Array<[ApplicabilityFact, string]>) {
    const values = CONDITION_VALUES[fact];
    specs[fact] = { description, perJurisdiction: false, global: true, defaultValue: 'unknown', check: choice(values), alternatives: values.filter((v) => v !== 'unknown') };
  }
  return specs;
}

/** `violation.<kind>=assumed|ruled-out`: counsel's assumption about one violation, case-wide or per state. */
const VIOLATION_SPEC: AssumptionSpec = {
  description: 'Counsel assumes this violation occurred (assumed) or that it did not (ruled-out); otherwise it follows the facts (notice-date, reasonable-security)',
  perJurisdiction: true,
  global: true,
  defaultValue: null,
  check: choice(VIOLATION_SETTINGS),
  alternatives: [],
};

export function violationKey(kind: ViolationKind): string {
  return `${VIOLATION_PREFIX}${kind}`;
}

function specFor(key: string): AssumptionSpec | undefined {
  if (key.startsWith(VIOLATION_PREFIX)) {
    return (VIOLATION_KINDS as readonly string[]).includes(key.slice(VIOLATION_PREFIX.length)) ? VIOLATION_SPEC : undefined;
  }
  return ASSUMPTIONS[key as AssumptionKey];
}

export function describeSetting(key: string): string {
  return specFor(key)?.description ?? '';
}

/** The explicit violation setting in force for a jurisdiction, if any. */
export function violationSetting(settings: AssumptionSettings, kind: ViolationKind, jurisdiction: string): ViolationSetting | undefined {
  const key = violationKey(kind);
  return (settings[`${settingPrefix(jurisdiction)}.${key}`] ?? settings[key]) as ViolationSetting | undefined;
}

export const ASSUMPTION_KEYS = Object.keys(ASSUMPTIONS).sort() as AssumptionKey[];

/** Explicitly set assumptions, keyed `amount` or `ca.amount`. */
export type AssumptionSettings = Readonly<Record<string, string>>;

const SETTING = /^(?:([a-z]{2})\.)?([a-z-]+(?:\.[a-z-]+)?)=(.*)$/;

/**
 * Parses `key=value` strings such as `amount=max`, `ca.enforcer=ag`, `incidents=2`.
 * Throws BAD_USAGE listing every bad setting.
 */
export function parseAssumptions(args: readonly string[]): AssumptionSettings {
  const settings: Record<string, string> = {};
  const errors: string[] = [];
  for (const arg of args) {
    const match = SETTING.exec(arg.trim());
    if (!match) {
      errors.push(`"${arg}": expected key=value or <state>.key=value, e.g. amount=max or ca.amount=max`);
      continue;
    }
    const [, state, key, rawValue] = match as unknown as [string, string | undefined, string, string];
    const value = rawValue.trim();
    const spec = specFor(key);
    const name = state ? `${state}.${key}` : key;
    if (!spec) {
      errors.push(`"${arg}": unknown assumption "${key}"; known: ${ASSUMPTION_KEYS.join(', ')}, ${VIOLATION_KINDS.map(violationKey).join(', ')}`);
    } else if (state && !spec.perJurisdiction) {
      errors.push(`"${arg}": ${key} applies to the whole case and cannot be set per state`);
    } else if (!state && !spec.global) {
      errors.push(`"${arg}": ${key} must be set per state, e.g. ca.${key}=${value || '…'}`);
    } else if (name in settings) {
      errors.push(`"${arg}": ${name} is set twice`);
    } else {
      const problem = spec.check(value);
      if (problem) errors.push(`"${arg}": ${key} ${problem}`);
      else settings[name] = value;
    }
  }
  if (errors.length > 0) throw new LedgerError('BAD_USAGE', `Invalid assumptions: ${errors.join('; ')}.`, { errors });
  return Object.freeze(Object.fromEntries(Object.entries(settings).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}

/** Percentage of a statutory range for an `amount` value (min = 0, mid = 50, max = 100), or null if invalid. */
export function amountPercent(value: string): number | null {
  if (value === 'min') return 0;
  if (value === 'mid') return 50;
  if (value === 'max') return 100;
  const match = PERCENT.exec(value);
  if (!match) return null;
  const percent = Number(match[1]);
  return percent <= 100 ? percent : null;
}

/** `US-CA` → `ca`: the prefix used for per-jurisdiction settings. */
export function settingPrefix(jurisdiction: string): string {
  return jurisdiction.slice(3).toLowerCase();
}

/** The value in force for a jurisdiction: its own setting, else the global setting, else the default. */
export function assumptionFor(settings: AssumptionSettings, key: AssumptionKey, jurisdiction?: string): string | undefined {
  if (jurisdiction) {
    const own = settings[`${settingPrefix(jurisdiction)}.${key}`];
    if (own !== undefined) return own;
  }
  return settings[key] ?? ASSUMPTIONS[key].defaultValue ?? undefined;
}
