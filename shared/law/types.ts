import type { Basis, ElementCode } from '../contract/elements';

/** Calendar date `YYYY-MM-DD`. Every `from`/`to` pair in a pack is inclusive at both ends. */
export type IsoDate = string;

export type Confidence = 'high' | 'medium-high' | 'medium' | 'low-medium' | 'low';
export const CONFIDENCES: readonly Confidence[] = ['high', 'medium-high', 'medium', 'low-medium', 'low'];

export type PackStatus = 'researched' | 'unverified';
export const UNVERIFIED_NOTICE = 'unverified — counsel must review';

/** Shown instead of a number whenever a figure cannot be computed from the packs. Never 0. */
export const UNKNOWN_AMOUNT = 'unknown — counsel must review';
export type Money = number | typeof UNKNOWN_AMOUNT;

// ---------------------------------------------------------------------------------------------
// Rule pack (the JSON in shared/law/packs/, checked by pack-schema.ts)
// ---------------------------------------------------------------------------------------------

export interface Dated {
  from: IsoDate;
  to?: IsoDate;
}

export interface PackSource {
  id: string;
  citation: string;
  url: string;
  confidence: Confidence;
  note?: string;
}

/** Every slot must be satisfied by at least one of its element codes. */
export interface Combination {
  id: string;
  label: string;
  requires: ElementCode[][];
  from?: IsoDate;
  to?: IsoDate;
}

export interface PiDefinition {
  id: string;
  citation: string;
  sourceIds: string[];
  /** False when the pack lists only part of the statute's list: a non-match is then "unknown", not "no". */
  complete: boolean;
  combinations: Combination[];
  note?: string;
}

export type NoticeParty = 'individuals' | 'regulator' | 'consumer-reporting-agencies' | 'media';
/** Parties every pack must address (duty "none" or "unknown" when there is no known duty). */
export const NOTICE_PARTIES: readonly NoticeParty[] = ['individuals', 'regulator', 'consumer-reporting-agencies'];
/** Parties a pack may add when its law names them (HIPAA's media notice). */
export const OPTIONAL_NOTICE_PARTIES: readonly NoticeParty[] = ['media'];

/** `perJurisdiction`: the count is of residents of any one jurisdiction (HIPAA: "more than 500 residents of a State"). */
export type Threshold = { kind: 'any' } | { kind: 'more-than' | 'at-least'; residents: number; perJurisdiction?: boolean };

export type Deadline =
  | { kind: 'days'; days: number; dayType: 'calendar' | 'business'; after: 'discovery' | 'individual-notice' }
  | { kind: 'hours'; hours: number; after: 'discovery' }
  | { kind: 'no-later-than-individual-notice' }
  | { kind: 'before-individual-notice' }
  | { kind: 'without-unreasonable-delay'; text: string }
  /** The statute sets no deadline at all (distinct from a deadline the pack does not know). */
  | { kind: 'none'; text: string }
  | { kind: 'unknown'; text: string };

export interface NoticePeriod extends Dated {
  duty: 'required' | 'none' | 'unknown';
  recipients?: string;
  threshold?: Threshold;
  deadline?: Deadline;
  citation: string;
  sourceIds: string[];
  note?: string;
  /** The duty is deemed met when the company complies with a federal regime (a deemed-compliance clause). */
  deemedCompliance?: RemedyCondition[];
}

export interface NoticeDuty {
  party: NoticeParty;
  definitionId: string;
  periods: NoticePeriod[];
}

export interface IdentityProtectionRule extends Dated {
  months: number;
  whenExposed: ElementCode[];
  condition?: string;
  citation: string;
  sourceIds: string[];
}

// ---------------------------------------------------------------------------------------------
// Notice content: what a notice to individuals must and must not say, its language and its methods
// ---------------------------------------------------------------------------------------------

/** Where the law says it: every content rule carries its own citation, sources and confidence. */
export interface CitedRule {
  citation: string;
  sourceIds: string[];
  confidence: Confidence;
  note?: string;
}

/** The law is silent on this aspect: stated with the section that would hold such a rule, never assumed. */
export interface NoRule extends CitedRule {
  rule: 'none';
}

/** Not researched yet: treated as unknown (counsel must review), never as "no rule". */
export const NOT_RESEARCHED_NOTE = 'not yet researched — counsel must review';
export interface NotResearched {
  rule: 'not-researched';
  note?: string;
}

/** One aspect of notice content: rules stated, no rule (cited), or not researched. */
export type ContentAspect<T> = (T & CitedRule & { rule: 'stated' }) | NoRule | NotResearched;

/** What the letter engine can fill from the case or check in a template. */
export type RequiredItemKind =
  | 'business-contact'
  | 'toll-free-number'
  | 'elements-involved'
  | 'breach-date'
  | 'discovery-date'
  | 'notice-date'
  | 'law-enforcement-delay'
  | 'incident-description'
  | 'actions-taken'
  | 'cra-contacts'
  | 'ftc-contact'
  | 'state-ag-contact'
  | 'regulator-contact'
  | 'identity-protection-offer'
  | 'remain-vigilant-advice'
  | 'protective-steps-advice'
  | 'report-identity-theft-advice'
  | 'credit-freeze-rights'
  | 'fraud-alert-rights'
  | 'fcra-rights'
  | 'police-report-right'
  | 'biometric-reliance'
  | 'credential-change-advice'
  | 'other';
export const REQUIRED_ITEM_KINDS: readonly RequiredItemKind[] = [
  'business-contact',
  'toll-free-number',
  'elements-involved',
  'breach-date',
  'discovery-date',
  'notice-date',
  'law-enforcement-delay',
  'incident-description',
  'actions-taken',
  'cra-contacts',
  'ftc-contact',
  'state-ag-contact',
  'regulator-contact',
  'identity-protection-offer',
  'remain-vigilant-advice',
  'protective-steps-advice',
  'report-identity-theft-advice',
  'credit-freeze-rights',
  'fraud-alert-rights',
  'fcra-rights',
  'police-report-right',
  'biometric-reliance',
  'credential-change-advice',
  'other',
];

/** `if-known`: include when the fact is known (a breach date); `if-applicable`: when the circumstance exists (a delay). */
export interface ItemCondition {
  kind: 'if-known' | 'if-applicable';
  text: string;
}

export interface RequiredItem extends CitedRule {
  /** Unique within the period; templates and error messages name the item by it. */
  id: string;
  kind: RequiredItemKind;
  /** Reader-facing statement of what the notice must contain. */
  text: string;
  /** One of the period's headings, where the law places the item under it. */
  heading?: string;
  /** Required only for a person with any of these elements exposed (e.g. CRA contacts when SSN or DL exposed). */
  whenExposed?: ElementCode[];
  condition?: ItemCondition;
  /** Ids in the notice contact directory (shared/law/contacts/) whose details the letter prints for this item. */
  contacts?: string[];
  /** The parts of each contact the law asks for (default: address, phone and website). */
  contactFields?: Array<'address' | 'phone' | 'website'>;
}

/** Item kinds whose letter text may carry agency contact details (`RequiredItem.contacts`). */
export const CONTACT_ITEM_KINDS: readonly RequiredItemKind[] = [
  'cra-contacts',
  'ftc-contact',
  'state-ag-contact',
  'regulator-contact',
  'credit-freeze-rights',
  'fraud-alert-rights',
  'report-identity-theft-advice',
];

export interface RequiredContent {
  title?: CitedRule & { text: string };
  /** In the order the notice must present them. */
  headings?: CitedRule & { texts: string[] };
  minFontPoints?: CitedRule & { points: number };
  items: RequiredItem[];
  /** Other presentation rules (e.g. "designed to call attention to the nature and significance of the information"). */
  formatting: Array<CitedRule & { text: string }>;
}

export type ForbiddenItemKind = 'nature-of-breach' | 'resident-count' | 'other';
export const FORBIDDEN_ITEM_KINDS: readonly ForbiddenItemKind[] = ['nature-of-breach', 'resident-count', 'other'];

export interface ForbiddenItem extends CitedRule {
  id: string;
  kind: ForbiddenItemKind;
  text: string;
}

export interface ForbiddenContent {
  items: ForbiddenItem[];
}

export type LanguageRuleKind = 'plain-language' | 'translation' | 'other';
export const LANGUAGE_RULE_KINDS: readonly LanguageRuleKind[] = ['plain-language', 'translation', 'other'];

export interface LanguageRule extends CitedRule {
  kind: LanguageRuleKind;
  text: string;
  /** For `translation`: the languages named (free text, e.g. "Spanish"). */
  languages?: string[];
}

export interface LanguageRules {
  rules: LanguageRule[];
}

/** `esign-consent`: consistent with the federal E-SIGN Act (the consumer's prior consent); `primary-communication`: the business's primary means of contact is electronic. */
export type ElectronicConditionKind = 'esign-consent' | 'primary-communication' | 'other';
export const ELECTRONIC_CONDITION_KINDS: readonly ElectronicConditionKind[] = ['esign-consent', 'primary-communication', 'other'];

export type SubstituteComponentKind = 'email' | 'website-posting' | 'statewide-media' | 'regulator-notice' | 'other';
export const SUBSTITUTE_COMPONENT_KINDS: readonly SubstituteComponentKind[] = ['email', 'website-posting', 'statewide-media', 'regulator-notice', 'other'];

export interface SubstituteComponent {
  kind: SubstituteComponentKind;
  text: string;
  /** Website posting: the minimum number of days. */
  days?: number;
  condition?: string;
}

export type NoticeMethod = CitedRule &
  (
    | { kind: 'written'; text: string }
    | { kind: 'telephone'; text: string; condition?: string }
    /** Allowed when any one of `anyOf` holds; an empty list means no condition. */
    | { kind: 'electronic'; text: string; anyOf: Array<{ kind: ElectronicConditionKind; text: string }> }
    /** Notice under the business's own information-security policy, deemed compliant when its timing is consistent. */
    | { kind: 'own-policy'; text: string }
    | {
        kind: 'substitute';
        text: string;
        /** Substitute notice is allowed when the cost exceeds this, or the count exceeds that, or contact details are insufficient. */
        costMoreThanUsd?: number;
        personsMoreThan?: number;
        insufficientContact: boolean;
        /** `all`: every component (each subject to its own condition); `any`: `atLeast` of them (default one). */
        components: { require: 'all' | 'any'; atLeast?: number; list: SubstituteComponent[] };
      }
    | { kind: 'other'; text: string }
  );
export type NoticeMethodKind = NoticeMethod['kind'];
export const NOTICE_METHOD_KINDS: readonly NoticeMethodKind[] = ['written', 'telephone', 'electronic', 'own-policy', 'substitute', 'other'];

export interface NoticeMethods {
  methods: NoticeMethod[];
}

/** The content rules for notice to individuals in force over a period; the list covers the whole pack without gaps. */
export interface NoticeContentRule extends Dated {
  /** The section(s) on notice content and method as a whole. */
  citation: string;
  sourceIds: string[];
  required: ContentAspect<RequiredContent>;
  forbidden: ContentAspect<ForbiddenContent>;
  language: ContentAspect<LanguageRules>;
  methods: ContentAspect<NoticeMethods>;
  note?: string;
}

export interface AmountRange {
  minCents: number;
  maxCents: number;
}

export type ApplicabilityFact =
  | 'ccpa-business'
  | 'hipaa-covered'
  | 'glba-covered'
  | 'security-program'
  | 'ftc-safeguards-covered'
  | 'sec-registrant'
  | 'nydfs-covered'
  | 'card-data';

export type ConditionAssumption = 'cure' | 'reasonable-security' | 'intent' | ApplicabilityFact;

/** The remedy applies only while the named assumption has one of `appliesWhen`. */
export interface RemedyCondition {
  assumption: ConditionAssumption;
  appliesWhen: string[];
  reason: string;
  /** The section creating the exemption or safe harbour. */
  citation?: string;
}

/** What a defendant must have done wrong, beyond suffering the breach, for a remedy to apply. */
export type ViolationKind =
  | 'late-notice-individuals'
  | 'late-notice-regulator'
  | 'late-notice-cra'
  | 'notice-content'
  | 'security-duty'
  | 'unlawful-disclosure';
export const VIOLATION_KINDS: readonly ViolationKind[] = [
  'late-notice-individuals',
  'late-notice-regulator',
  'late-notice-cra',
  'notice-content',
  'security-duty',
  'unlawful-disclosure',
];

/** One duty whose breach triggers a remedy; a remedy applies when any one of its triggers is established or assumed. */
export interface Trigger {
  violation: ViolationKind;
  citation: string;
  note?: string;
}

/** Case figures from which a pack can decide an applicability fact (e.g. whether the company is a CCPA business). */
export type FactInput = 'annual-revenue' | 'consumers-processed' | 'selling-revenue-share';
export const FACT_INPUTS: readonly FactInput[] = ['annual-revenue', 'consumers-processed', 'selling-revenue-share'];

/** One prong: the input compared with the threshold in force (revenue in cents, others as counts or percent). */
export interface FactProng {
  input: FactInput;
  label: string;
  compare: 'more-than' | 'at-least';
  schedule: Array<Dated & { value: number }>;
}

/** The fact is "yes" when any prong holds, "no" when every prong is known not to hold. */
export interface FactTest {
  fact: ApplicabilityFact;
  citation: string;
  sourceIds: string[];
  anyOf: FactProng[];
}

/** Why an amount table ends: a scheduled adjustment whose figures are not published yet. */
export interface PendingAdjustment {
  kind: 'cpi';
  text: string;
  citation: string;
}

interface ScheduleEntry extends Dated {
  citation?: string;
  /** Conditions of this table only (e.g. a cure period that the statute later removed). */
  conditions?: RemedyCondition[];
}

export interface ConsumerDamagesEntry extends ScheduleEntry {
  standard: AmountRange;
  intentional?: AmountRange;
}

export interface FineEntry extends ScheduleEntry {
  standard: AmountRange;
  intentional?: AmountRange;
  /** The first violation's range when it differs from later ones (e.g. first offense vs later offenses). */
  first?: AmountRange;
  capPerIncidentCents?: number;
}

export interface PerDayEntry extends ScheduleEntry {
  standard: AmountRange;
  dailyCapCents?: number;
  capCents?: number;
}

export type Tier = { throughDay: number; perDayCents: number } | { throughDay: number; perPeriodCents: number; periodDays: number };

export interface TieredEntry extends ScheduleEntry {
  tiers: Tier[];
  beyondLastTierMaxCents: number;
}

export interface GreaterOfEntry extends ScheduleEntry {
  floorCents: number;
  perNoticeCents: number;
  perNoticeCapCents: number;
}

interface RemedyBase {
  id: string;
  label: string;
  citation: string;
  sourceIds: string[];
  conditions: RemedyCondition[];
  /** Absent in packs not yet migrated: treated as any notice failure (see DEFAULT_TRIGGERS). */
  triggers?: Trigger[];
  adjustment?: PendingAdjustment;
  /** `all-affected`: counts everyone owed notice under the pack's law, resident anywhere (the Texas per-day penalty). */
  counts?: 'residents' | 'all-affected';
  note?: string;
}

export interface ConsumerDamagesRemedy extends RemedyBase {
  kind: 'per-consumer-damages';
  definitionId: string;
  schedule: ConsumerDamagesEntry[];
}

export interface Enforcer {
  id: string;
  name: string;
}

export interface FineRemedy extends RemedyBase {
  kind: 'per-violation-fine';
  definitionId: string;
  enforcer: Enforcer;
  /** Remedies sharing a group are alternatives for the same violation: only one is counted. */
  exclusiveGroup?: string;
  /** defendant: one amount in total, however many incidents or violations (e.g. a cap "against any person"). */
  countedPer: 'violation' | 'incident' | 'defendant';
  schedule: FineEntry[];
}

export interface PerDayRemedy extends RemedyBase {
  kind: 'late-notice-per-day';
  definitionId: string;
  unit: 'individual' | 'breach';
  schedule: PerDayEntry[];
}

export interface TieredRemedy extends RemedyBase {
  kind: 'late-notice-tiered';
  definitionId: string;
  schedule: TieredEntry[];
}

export interface GreaterOfRemedy extends RemedyBase {
  kind: 'late-notice-greater-of';
  definitionId: string;
  schedule: GreaterOfEntry[];
}

export interface UnknownAmountRemedy extends RemedyBase {
  kind: 'unknown-amount';
  definitionId: string;
  description: string;
}

export type Remedy = ConsumerDamagesRemedy | FineRemedy | PerDayRemedy | TieredRemedy | GreaterOfRemedy | UnknownAmountRemedy;
export type RemedyKind = Remedy['kind'];

export interface RulePack {
  schema: 'breach-ledger/law-pack@1';
  /** `US-XX` for a state or territory; `US-FED-NAME` for a federal regime; `US-SECTOR-NAME` for a sectoral or contractual one. */
  jurisdiction: string;
  /** `nationwide` packs (federal regimes) count affected people of every jurisdiction; default: the pack's own residents. */
  scope?: 'jurisdiction' | 'nationwide';
  /** The pack applies only when these case facts hold (federal and sectoral coverage). */
  appliesWhen?: RemedyCondition[];
  /** How case figures decide applicability facts the user has not set. */
  factTests?: FactTest[];
  name: string;
  version: string;
  status: PackStatus;
  effectiveFrom: IsoDate;
  lastReviewed: IsoDate;
  sources: PackSource[];
  definitions: PiDefinition[];
  notices: NoticeDuty[];
  identityProtection: IdentityProtectionRule[];
  noticeContent: NoticeContentRule[];
  remedies: Remedy[];
  /** Remedies that cannot be quantified from the statute (actual damages, injunctions), shown as notes. */
  unquantifiedRemedies: Array<{ citation: string; description: string; sourceIds: string[] }>;
  notes: string[];
}

export interface LoadedPack {
  pack: RulePack;
  sha256: string;
  file: string;
}

export interface PackRef {
  jurisdiction: string;
  version: string;
  sha256: string;
  status: PackStatus;
}

// ---------------------------------------------------------------------------------------------
// Assessment input
// ---------------------------------------------------------------------------------------------

export interface ConsumerGroup {
  jurisdiction: string;
  basis: Basis;
  elements: readonly ElementCode[];
  count: number;
}

export interface AssessmentInput {
  /** Case discovery date; starts every notice clock. */
  discoveredDate: IsoDate;
  /** Picks amount tables unless the `amount-date` assumption switches to discovery. */
  incidentDate: IsoDate;
  /** Consumers aggregated by (state, basis, element set); inferred groups are upper bounds. */
  groups: ReadonlyArray<ConsumerGroup>;
  /** Lower bound of inferred consumers overall (not attributable to any state). */
  inferredMinimum: number;
  plannedNoticeDate?: IsoDate;
}

/** low = exact basis; stated = exact + derived; high = all bases incl. inferred upper bounds. */
export interface ScenarioCounts {
  low: number;
  stated: number;
  high: number;
}

export interface BasisCounts {
  exact: number;
  derived: number;
  inferredUpperBound: number;
}
