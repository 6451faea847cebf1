import { ELEMENT_CODES } from '../contract/elements';
import { CONDITION_VALUES } from './assumptions';
import { Checker, join } from './checker';
import { CONTACT_FIELDS, noticeContacts } from './contacts/notice-contacts';
import { addDays, isIsoDate } from './dates';
import {
  CONFIDENCES,
  CONTACT_ITEM_KINDS,
  ELECTRONIC_CONDITION_KINDS,
  FACT_INPUTS,
  FORBIDDEN_ITEM_KINDS,
  LANGUAGE_RULE_KINDS,
  NOTICE_METHOD_KINDS,
  NOTICE_PARTIES,
  OPTIONAL_NOTICE_PARTIES,
  REQUIRED_ITEM_KINDS,
  SUBSTITUTE_COMPONENT_KINDS,
  VIOLATION_KINDS,
  type NoticeMethodKind,
  type RequiredItemKind,
  type RulePack,
} from './types';

export const PACK_SCHEMA_ID = 'breach-ledger/law-pack@1';
/** A state or territory (US-CA), or a federal or sectoral regime (US-FED-HIPAA). */
const JURISDICTION = /^US-(?:[A-Z]{2}|(?:FED|SECTOR)-[A-Z0-9]+(?:-[A-Z0-9]+)*)$/;
const VERSION = /^\d+\.\d+\.\d+$/;
const ID = /^[a-z0-9][a-z0-9.+-]*$/;
const URL_PATTERN = /^https?:\/\/\S+$/;
const MAX_DEADLINE_DAYS = 3650;

export type PackValidation = { ok: true; pack: RulePack } | { ok: false; errors: string[] };

type Json = Record<string, unknown>;

/**
 * Checks a parsed pack field by field. On success the value is the RulePack the checks describe;
 * on failure every problem is reported, each with the file name and the JSON path.
 */
export function validatePack(value: unknown, fileName: string): PackValidation {
  const check = new Checker(fileName);
  const root = [
    'schema', 'jurisdiction', 'name', 'version', 'status', 'effectiveFrom', 'lastReviewed', 'sources',
    'definitions', 'notices', 'identityProtection', 'noticeContent', 'remedies', 'unquantifiedRemedies', 'notes',
  ];
  if (!check.object(value, '', root, ['scope', 'appliesWhen', 'factTests'])) return { ok: false, errors: check.errors };
  const pack = value;
  if (pack.schema !== PACK_SCHEMA_ID) check.fail('schema', `expected "${PACK_SCHEMA_ID}"`, pack.schema);
  if (typeof pack.jurisdiction !== 'string' || !JURISDICTION.test(pack.jurisdiction)) {
    check.fail('jurisdiction', 'expected a code like US-CA, US-FED-NAME (federal regime) or US-SECTOR-NAME (sectoral or contractual regime)', pack.jurisdiction);
  }
  if (pack.scope !== undefined) check.oneOf(pack.scope, 'scope', ['jurisdiction', 'nationwide'] as const);
  if (pack.appliesWhen !== undefined) checkConditions(check, pack.appliesWhen, 'appliesWhen');
  const regime = typeof pack.jurisdiction === 'string' && /^US-(?:FED|SECTOR)-/.test(pack.jurisdiction);
  if (regime !== (pack.scope === 'nationwide')) check.fail('scope', 'must be "nationwide" exactly for US-FED-* and US-SECTOR-* packs', pack.scope);
  if (regime && !(Array.isArray(pack.appliesWhen) && pack.appliesWhen.length > 0)) check.fail('appliesWhen', 'a federal or sectoral pack must say which case facts make it apply');
  check.string(pack.name, 'name');
  if (typeof pack.version !== 'string' || !VERSION.test(pack.version)) check.fail('version', 'expected MAJOR.MINOR.PATCH', pack.version);
  check.oneOf(pack.status, 'status', ['researched', 'unverified'] as const);
  check.date(pack.effectiveFrom, 'effectiveFrom');
  check.date(pack.lastReviewed, 'lastReviewed');

  const sourceIds = checkSources(check, pack.sources);
  const refs = new References(check, sourceIds);
  const definitionIds = checkDefinitions(check, refs, pack.definitions);
  checkNotices(check, refs, definitionIds, pack.notices, pack.effectiveFrom);
  checkDatedList(check, pack.identityProtection, 'identityProtection', ['from', 'months', 'whenExposed', 'citation', 'sourceIds'], ['to', 'condition'], (rule, path) => {
    check.integer(rule.months, join(path, 'months'), 1, 120);
    checkElements(check, rule.whenExposed, join(path, 'whenExposed'));
    check.optionalString(rule.condition, join(path, 'condition'));
    refs.cited(rule, path);
  });
  checkNoticeContent(check, refs, pack.noticeContent, pack.effectiveFrom);
  checkRemedies(check, refs, definitionIds, pack.remedies);
  if (pack.factTests !== undefined) checkFactTests(check, refs, pack.factTests);
  if (check.array(pack.unquantifiedRemedies, 'unquantifiedRemedies', false)) {
    pack.unquantifiedRemedies.forEach((entry, i) => {
      const path = `unquantifiedRemedies[${i}]`;
      if (!check.object(entry, path, ['citation', 'description', 'sourceIds'])) return;
      check.string(entry.description, join(path, 'description'));
      refs.cited(entry, path);
    });
  }
  checkStrings(check, pack.notes, 'notes', false);
  return check.errors.length === 0 ? { ok: true, pack: pack as unknown as RulePack } : { ok: false, errors: check.errors };
}

class References {
  constructor(private readonly check: Checker, private readonly sourceIds: ReadonlySet<string>) {}

  /** A citation string plus at least one declared source id. */
  cited(entry: Json, path: string): void {
    this.check.string(entry.citation, join(path, 'citation'));
    const ids = entry.sourceIds;
    if (!this.check.array(ids, join(path, 'sourceIds'), true)) return;
    ids.forEach((id, i) => {
      if (typeof id !== 'string' || !this.sourceIds.has(id)) {
        this.check.fail(`${join(path, 'sourceIds')}[${i}]`, `is not an id declared in sources (${[...this.sourceIds].join(', ')})`, id);
      }
    });
  }
}

function checkSources(check: Checker, value: unknown): Set<string> {
  const ids = new Set<string>();
  if (!check.array(value, 'sources', true)) return ids;
  value.forEach((source, i) => {
    const path = `sources[${i}]`;
    if (!check.object(source, path, ['id', 'citation', 'url', 'confidence'], ['note'])) return;
    if (checkId(check, source.id, join(path, 'id')) && !unique(check, ids, source.id as string, join(path, 'id'))) return;
    check.string(source.citation, join(path, 'citation'));
    if (typeof source.url !== 'string' || !URL_PATTERN.test(source.url)) check.fail(join(path, 'url'), 'expected an http(s) URL', source.url);
    check.oneOf(source.confidence, join(path, 'confidence'), CONFIDENCES);
    check.optionalString(source.note, join(path, 'note'));
  });
  return ids;
}

function checkDefinitions(check: Checker, refs: References, value: unknown): Set<string> {
  const ids = new Set<string>();
  if (!check.array(value, 'definitions', true)) return ids;
  value.forEach((definition, i) => {
    const path = `definitions[${i}]`;
    if (!check.object(definition, path, ['id', 'citation', 'sourceIds', 'complete', 'combinations'], ['note'])) return;
    if (checkId(check, definition.id, join(path, 'id'))) unique(check, ids, definition.id as string, join(path, 'id'));
    refs.cited(definition, path);
    check.boolean(definition.complete, join(path, 'complete'));
    check.optionalString(definition.note, join(path, 'note'));
    const combinationIds = new Set<string>();
    if (!check.array(definition.combinations, join(path, 'combinations'), true)) return;
    definition.combinations.forEach((combination, j) => {
      const cpath = `${path}.combinations[${j}]`;
      if (!check.object(combination, cpath, ['id', 'label', 'requires'], ['from', 'to'])) return;
      if (checkId(check, combination.id, join(cpath, 'id'))) unique(check, combinationIds, combination.id as string, join(cpath, 'id'));
      check.string(combination.label, join(cpath, 'label'));
      if (combination.from !== undefined || combination.to !== undefined) {
        check.optionalDate(combination.from, join(cpath, 'from'));
        check.optionalDate(combination.to, join(cpath, 'to'));
      }
      if (!check.array(combination.requires, join(cpath, 'requires'), true)) return;
      combination.requires.forEach((slot, k) => checkElements(check, slot, `${cpath}.requires[${k}]`));
    });
  });
  return ids;
}

function checkNotices(check: Checker, refs: References, definitionIds: Set<string>, value: unknown, effectiveFrom: unknown): void {
  if (!check.array(value, 'notices', true)) return;
  const seen = new Set<string>();
  value.forEach((duty, i) => {
    const path = `notices[${i}]`;
    if (!check.object(duty, path, ['party', 'definitionId', 'periods'])) return;
    if (check.oneOf(duty.party, join(path, 'party'), PARTIES)) unique(check, seen, duty.party, join(path, 'party'));
    checkDefinitionRef(check, definitionIds, duty.definitionId, join(path, 'definitionId'));
    if (!check.array(duty.periods, join(path, 'periods'), true)) return;
    const periods = duty.periods;
    periods.forEach((period, j) => checkNoticePeriod(check, refs, period, `${path}.periods[${j}]`, duty.party === 'individuals'));
    const objects = periods.filter(isJson);
    check.timeline(objects, join(path, 'periods'));
    checkCoverage(check, objects, join(path, 'periods'), effectiveFrom, 'notice rules cover the whole pack', 'notice');
  });
  for (const party of NOTICE_PARTIES) {
    if (!seen.has(party)) check.fail('notices', `needs an entry for party "${party}" (use duty "none" or "unknown" when there is no known duty)`);
  }
}

const PARTIES = [...NOTICE_PARTIES, ...OPTIONAL_NOTICE_PARTIES];

function checkNoticePeriod(check: Checker, refs: References, period: unknown, path: string, forIndividuals: boolean): void {
  if (!check.object(period, path, ['from', 'duty', 'citation', 'sourceIds'], ['to', 'recipients', 'threshold', 'deadline', 'note', 'deemedCompliance'])) return;
  check.period(period, path);
  refs.cited(period, path);
  check.optionalString(period.note, join(path, 'note'));
  if (period.deemedCompliance !== undefined) checkConditions(check, period.deemedCompliance, join(path, 'deemedCompliance'));
  if (!check.oneOf(period.duty, join(path, 'duty'), ['required', 'none', 'unknown'] as const)) return;
  if (period.duty !== 'required') {
    for (const key of ['recipients', 'threshold', 'deadline']) {
      if (period[key] !== undefined) check.fail(join(path, key), `must be omitted when duty is "${period.duty}"`);
    }
    return;
  }
  check.string(period.recipients, join(path, 'recipients'));
  checkThreshold(check, period.threshold, join(path, 'threshold'));
  checkDeadline(check, period.deadline, join(path, 'deadline'), forIndividuals);
}

function checkThreshold(check: Checker, value: unknown, path: string): void {
  if (!check.object(value, path, ['kind'], ['residents', 'perJurisdiction'])) return;
  if (!check.oneOf(value.kind, join(path, 'kind'), ['any', 'more-than', 'at-least'] as const)) return;
  if (value.kind === 'any') {
    for (const key of ['residents', 'perJurisdiction']) if (value[key] !== undefined) check.fail(join(path, key), 'must be omitted when kind is "any"');
  } else {
    check.integer(value.residents, join(path, 'residents'), 0);
    if (value.perJurisdiction !== undefined) check.boolean(value.perJurisdiction, join(path, 'perJurisdiction'));
  }
}

function checkDeadline(check: Checker, value: unknown, path: string, forIndividuals: boolean): void {
  const kinds = ['days', 'hours', 'no-later-than-individual-notice', 'before-individual-notice', 'without-unreasonable-delay', 'none', 'unknown'] as const;
  if (typeof value !== 'object' || value === null || !check.oneOf((value as Json).kind, join(path, 'kind'), kinds)) {
    if (typeof value !== 'object' || value === null) check.fail(path, 'expected an object', value);
    return;
  }
  const deadline = value as Json;
  switch (deadline.kind) {
    case 'days':
      if (!check.object(deadline, path, ['kind', 'days', 'dayType', 'after'])) return;
      check.integer(deadline.days, join(path, 'days'), 0, MAX_DEADLINE_DAYS);
      check.oneOf(deadline.dayType, join(path, 'dayType'), ['calendar', 'business'] as const);
      if (check.oneOf(deadline.after, join(path, 'after'), ['discovery', 'individual-notice'] as const) && forIndividuals && deadline.after === 'individual-notice') {
        check.fail(join(path, 'after'), 'individual notice cannot be counted from itself', deadline.after);
      }
      return;
    case 'hours':
      if (!check.object(deadline, path, ['kind', 'hours', 'after'])) return;
      check.integer(deadline.hours, join(path, 'hours'), 1, MAX_DEADLINE_DAYS * 24);
      check.oneOf(deadline.after, join(path, 'after'), ['discovery'] as const);
      return;
    case 'without-unreasonable-delay':
    case 'none':
    case 'unknown':
      if (check.object(deadline, path, ['kind', 'text'])) check.string(deadline.text, join(path, 'text'));
      return;
    default:
      if (check.object(deadline, path, ['kind']) && forIndividuals) check.fail(join(path, 'kind'), 'is only valid for regulator or CRA notice', deadline.kind);
  }
}

/** Notice content covers the whole pack: each aspect is stated, stated as having no rule (cited), or not researched. */
function checkNoticeContent(check: Checker, refs: References, value: unknown, effectiveFrom: unknown): void {
  const path = 'noticeContent';
  checkDatedList(check, value, path, ['from', 'citation', 'sourceIds', 'required', 'forbidden', 'language', 'methods'], ['to', 'note'], (rule, rpath) => {
    refs.cited(rule, rpath);
    check.optionalString(rule.note, join(rpath, 'note'));
    checkAspect(check, refs, rule.required, join(rpath, 'required'), ['items', 'formatting'], ['title', 'headings', 'minFontPoints'], (aspect, apath) => checkRequiredContent(check, refs, aspect, apath));
    checkAspect(check, refs, rule.forbidden, join(rpath, 'forbidden'), ['items'], [], (aspect, apath) => {
      checkCitedList(check, refs, aspect.items, join(apath, 'items'), ['id', 'kind', 'text'], [], (item, ipath, ids) => {
        if (checkId(check, item.id, join(ipath, 'id'))) unique(check, ids, item.id as string, join(ipath, 'id'));
        check.oneOf(item.kind, join(ipath, 'kind'), FORBIDDEN_ITEM_KINDS);
        check.string(item.text, join(ipath, 'text'));
      });
    });
    checkAspect(check, refs, rule.language, join(rpath, 'language'), ['rules'], [], (aspect, apath) => {
      checkCitedList(check, refs, aspect.rules, join(apath, 'rules'), ['kind', 'text'], ['languages'], (entry, epath) => {
        check.oneOf(entry.kind, join(epath, 'kind'), LANGUAGE_RULE_KINDS);
        check.string(entry.text, join(epath, 'text'));
        if (entry.languages !== undefined) checkStrings(check, entry.languages, join(epath, 'languages'), true);
      });
    });
    checkAspect(check, refs, rule.methods, join(rpath, 'methods'), ['methods'], [], (aspect, apath) => checkMethods(check, refs, aspect.methods, join(apath, 'methods')));
  }, true);
  if (Array.isArray(value)) {
    checkCoverage(check, value.filter(isJson), path, effectiveFrom, 'content rules cover the whole pack (use "not-researched" aspects where unknown)', 'content');
  }
}

/** Periods from effectiveFrom onward, without gaps, the last open-ended. */
function checkCoverage(check: Checker, periods: Json[], path: string, effectiveFrom: unknown, why: string, what: string): void {
  const first = periods[0];
  if (first && typeof effectiveFrom === 'string' && first.from !== effectiveFrom) {
    check.fail(`${path}[0].from`, `must equal effectiveFrom ${effectiveFrom} so ${why}`, first.from);
  }
  const last = periods[periods.length - 1];
  if (last && last.to !== undefined) check.fail(`${path}[${periods.length - 1}].to`, `the last ${what} period must be open-ended`, last.to);
  periods.forEach((period, i) => {
    const previous = periods[i - 1];
    if (previous && isIsoDate(previous.to) && isIsoDate(period.from) && addDays(previous.to, 1) < period.from) {
      check.fail(`${path}[${i}].from`, `leaves a gap after ${previous.to}`, period.from);
    }
  });
}

/** `stated` with its fields and citation, `none` with the citation of the silent section, or `not-researched`. */
function checkAspect(
  check: Checker,
  refs: References,
  value: unknown,
  path: string,
  required: string[],
  optional: string[],
  checkStated: (aspect: Json, path: string) => void,
): void {
  if (!isJson(value)) {
    check.fail(path, 'expected an object', value);
    return;
  }
  if (!check.oneOf(value.rule, join(path, 'rule'), ['stated', 'none', 'not-researched'] as const)) return;
  if (value.rule === 'not-researched') {
    if (check.object(value, path, ['rule'], ['note'])) check.optionalString(value.note, join(path, 'note'));
    return;
  }
  const shape = value.rule === 'stated' ? { required, optional } : { required: [], optional: [] };
  if (!check.object(value, path, ['rule', ...CITED, ...shape.required], ['note', ...shape.optional])) return;
  checkCited(check, refs, value, path);
  if (value.rule === 'stated') checkStated(value, path);
}

const CITED = ['citation', 'sourceIds', 'confidence'];

function checkCited(check: Checker, refs: References, value: Json, path: string): void {
  refs.cited(value, path);
  check.oneOf(value.confidence, join(path, 'confidence'), CONFIDENCES);
  check.optionalString(value.note, join(path, 'note'));
}

/** A list of cited rules; `ids` collects ids unique within the list. */
function checkCitedList(
  check: Checker,
  refs: References,
  value: unknown,
  path: string,
  required: string[],
  optional: string[],
  checkEntry: (entry: Json, path: string, ids: Set<string>) => void,
  nonEmpty = false,
): void {
  if (!check.array(value, path, nonEmpty)) return;
  const ids = new Set<string>();
  value.forEach((entry, i) => {
    const epath = `${path}[${i}]`;
    if (!check.object(entry, epath, [...required, ...CITED], ['note', ...optional])) return;
    checkCited(check, refs, entry, epath);
    checkEntry(entry, epath, ids);
  });
}

function checkRequiredContent(check: Checker, refs: References, content: Json, path: string): void {
  if (content.title !== undefined && check.object(content.title, join(path, 'title'), ['text', ...CITED], ['note'])) {
    checkCited(check, refs, content.title, join(path, 'title'));
    check.string(content.title.text, join(path, 'title.text'));
  }
  const headings = new Set<string>();
  if (content.headings !== undefined && check.object(content.headings, join(path, 'headings'), ['texts', ...CITED], ['note'])) {
    checkCited(check, refs, content.headings, join(path, 'headings'));
    const texts = content.headings.texts;
    if (check.array(texts, join(path, 'headings.texts'), true)) {
      texts.forEach((text, i) => {
        if (check.string(text, `${join(path, 'headings.texts')}[${i}]`)) unique(check, headings, text, `${join(path, 'headings.texts')}[${i}]`);
      });
    }
  }
  if (content.minFontPoints !== undefined && check.object(content.minFontPoints, join(path, 'minFontPoints'), ['points', ...CITED], ['note'])) {
    checkCited(check, refs, content.minFontPoints, join(path, 'minFontPoints'));
    check.integer(content.minFontPoints.points, join(path, 'minFontPoints.points'), 1, 72);
  }
  checkCitedList(check, refs, content.items, join(path, 'items'), ['id', 'kind', 'text'], ['heading', 'whenExposed', 'condition', 'contacts', 'contactFields'], (item, ipath, ids) => {
    if (checkId(check, item.id, join(ipath, 'id'))) unique(check, ids, item.id as string, join(ipath, 'id'));
    check.oneOf(item.kind, join(ipath, 'kind'), REQUIRED_ITEM_KINDS);
    check.string(item.text, join(ipath, 'text'));
    if (item.heading !== undefined && (typeof item.heading !== 'string' || !headings.has(item.heading))) {
      check.fail(join(ipath, 'heading'), `expected one of the headings (${[...headings].join(', ') || 'none declared'})`, item.heading);
    }
    if (item.whenExposed !== undefined) checkElements(check, item.whenExposed, join(ipath, 'whenExposed'));
    if (item.condition !== undefined && check.object(item.condition, join(ipath, 'condition'), ['kind', 'text'])) {
      check.oneOf(item.condition.kind, join(ipath, 'condition.kind'), ['if-known', 'if-applicable'] as const);
      check.string(item.condition.text, join(ipath, 'condition.text'));
    }
    checkItemContacts(check, item, ipath);
  });
  checkCitedList(check, refs, content.formatting, join(path, 'formatting'), ['text'], [], (entry, epath) => check.string(entry.text, join(epath, 'text')));
  const empty = content.title === undefined && content.headings === undefined && content.minFontPoints === undefined;
  if (empty && Array.isArray(content.items) && content.items.length === 0 && Array.isArray(content.formatting) && content.formatting.length === 0) {
    check.fail(path, 'states no rule: use rule "none" with the citation of the silent section instead');
  }
}

/** `contacts` name entries of the shared contact directory; only items that print agency details may carry them. */
function checkItemContacts(check: Checker, item: Json, path: string): void {
  if (item.contacts === undefined) {
    if (item.contactFields !== undefined) check.fail(join(path, 'contactFields'), 'is only allowed with contacts');
    return;
  }
  if (!CONTACT_ITEM_KINDS.includes(item.kind as RequiredItemKind)) check.fail(join(path, 'contacts'), `is only allowed on items of kind ${CONTACT_ITEM_KINDS.join(', ')}`, item.kind);
  const directory = noticeContacts().contacts;
  if (check.array(item.contacts, join(path, 'contacts'), true)) {
    const seen = new Set<string>();
    item.contacts.forEach((id, i) => {
      const ipath = `${join(path, 'contacts')}[${i}]`;
      if (typeof id !== 'string' || !directory.has(id)) check.fail(ipath, `expected a contact id of shared/law/contacts/notice-contacts.json (${[...directory.keys()].join(', ')})`, id);
      else unique(check, seen, id, ipath);
    });
  }
  if (item.contactFields !== undefined && check.array(item.contactFields, join(path, 'contactFields'), true)) {
    const seen = new Set<string>();
    item.contactFields.forEach((field, i) => {
      const fpath = `${join(path, 'contactFields')}[${i}]`;
      if (check.oneOf(field, fpath, CONTACT_FIELDS)) unique(check, seen, field, fpath);
    });
  }
}

function checkMethods(check: Checker, refs: References, value: unknown, path: string): void {
  if (!check.array(value, path, true)) return;
  const seen = new Set<string>();
  value.forEach((method, i) => {
    const mpath = `${path}[${i}]`;
    if (!isJson(method)) {
      check.fail(mpath, 'expected an object', method);
      return;
    }
    if (!check.oneOf(method.kind, join(mpath, 'kind'), NOTICE_METHOD_KINDS)) return;
    if (method.kind !== 'other') unique(check, seen, method.kind, join(mpath, 'kind'));
    const extra: Record<NoticeMethodKind, { required: string[]; optional: string[] }> = {
      written: { required: [], optional: [] },
      telephone: { required: [], optional: ['condition'] },
      electronic: { required: ['anyOf'], optional: [] },
      'own-policy': { required: [], optional: [] },
      substitute: { required: ['insufficientContact', 'components'], optional: ['costMoreThanUsd', 'personsMoreThan'] },
      other: { required: [], optional: [] },
    };
    const shape = extra[method.kind];
    if (!check.object(method, mpath, ['kind', 'text', ...CITED, ...shape.required], ['note', ...shape.optional])) return;
    checkCited(check, refs, method, mpath);
    check.string(method.text, join(mpath, 'text'));
    check.optionalString(method.condition, join(mpath, 'condition'));
    if (method.kind === 'electronic' && check.array(method.anyOf, join(mpath, 'anyOf'), false)) {
      method.anyOf.forEach((condition, j) => {
        const cpath = `${join(mpath, 'anyOf')}[${j}]`;
        if (!check.object(condition, cpath, ['kind', 'text'])) return;
        check.oneOf(condition.kind, join(cpath, 'kind'), ELECTRONIC_CONDITION_KINDS);
        check.string(condition.text, join(cpath, 'text'));
      });
    }
    if (method.kind === 'substitute') checkSubstitute(check, method, mpath);
  });
}

function checkSubstitute(check: Checker, method: Json, path: string): void {
  if (method.costMoreThanUsd !== undefined) check.integer(method.costMoreThanUsd, join(path, 'costMoreThanUsd'), 0);
  if (method.personsMoreThan !== undefined) check.integer(method.personsMoreThan, join(path, 'personsMoreThan'), 0);
  check.boolean(method.insufficientContact, join(path, 'insufficientContact'));
  if (method.costMoreThanUsd === undefined && method.personsMoreThan === undefined && method.insufficientContact === false) {
    check.fail(path, 'substitute notice needs at least one condition (costMoreThanUsd, personsMoreThan or insufficientContact)');
  }
  const cpath = join(path, 'components');
  if (!check.object(method.components, cpath, ['require', 'list'], ['atLeast'])) return;
  check.oneOf(method.components.require, join(cpath, 'require'), ['all', 'any'] as const);
  if (!check.array(method.components.list, join(cpath, 'list'), true)) return;
  const atLeast = method.components.atLeast;
  if (atLeast !== undefined && check.integer(atLeast, join(cpath, 'atLeast'), 2, method.components.list.length) && method.components.require !== 'any') {
    check.fail(join(cpath, 'atLeast'), 'is only meaningful when require is "any"', atLeast);
  }
  method.components.list.forEach((component, i) => {
    const ppath = `${join(cpath, 'list')}[${i}]`;
    if (!check.object(component, ppath, ['kind', 'text'], ['days', 'condition'])) return;
    check.oneOf(component.kind, join(ppath, 'kind'), SUBSTITUTE_COMPONENT_KINDS);
    check.string(component.text, join(ppath, 'text'));
    check.optionalString(component.condition, join(ppath, 'condition'));
    if (component.days !== undefined) {
      if (component.kind !== 'website-posting') check.fail(join(ppath, 'days'), 'only a website posting has a number of days', component.days);
      else check.integer(component.days, join(ppath, 'days'), 1, 3650);
    }
  });
}

const REMEDY_FIELDS = ['id', 'kind', 'label', 'citation', 'sourceIds', 'conditions', 'definitionId'];

function checkRemedies(check: Checker, refs: References, definitionIds: Set<string>, value: unknown): void {
  if (!check.array(value, 'remedies', false)) return;
  const ids = new Set<string>();
  const groups = new Map<string, number>();
  value.forEach((remedy, i) => {
    const path = `remedies[${i}]`;
    if (!isJson(remedy)) {
      check.fail(path, 'expected an object', remedy);
      return;
    }
    const kinds = ['per-consumer-damages', 'per-violation-fine', 'late-notice-per-day', 'late-notice-tiered', 'late-notice-greater-of', 'unknown-amount'] as const;
    if (!check.oneOf(remedy.kind, join(path, 'kind'), kinds)) return;
    const extra: Record<(typeof kinds)[number], { required: string[]; optional: string[] }> = {
      'per-consumer-damages': { required: ['schedule'], optional: [] },
      'per-violation-fine': { required: ['schedule', 'enforcer', 'countedPer'], optional: ['exclusiveGroup'] },
      'late-notice-per-day': { required: ['schedule', 'unit'], optional: [] },
      'late-notice-tiered': { required: ['schedule'], optional: [] },
      'late-notice-greater-of': { required: ['schedule'], optional: [] },
      'unknown-amount': { required: ['description'], optional: [] },
    };
    const shape = extra[remedy.kind];
    if (!check.object(remedy, path, [...REMEDY_FIELDS, ...shape.required], ['note', 'triggers', 'adjustment', 'counts', ...shape.optional])) return;
    if (remedy.triggers !== undefined) checkTriggers(check, remedy.triggers, join(path, 'triggers'));
    if (remedy.counts !== undefined) check.oneOf(remedy.counts, join(path, 'counts'), ['residents', 'all-affected'] as const);
    if (remedy.adjustment !== undefined && check.object(remedy.adjustment, join(path, 'adjustment'), ['kind', 'text', 'citation'])) {
      check.oneOf(remedy.adjustment.kind, join(path, 'adjustment.kind'), ['cpi'] as const);
      check.string(remedy.adjustment.text, join(path, 'adjustment.text'));
      check.string(remedy.adjustment.citation, join(path, 'adjustment.citation'));
    }
    if (checkId(check, remedy.id, join(path, 'id'))) unique(check, ids, remedy.id as string, join(path, 'id'));
    check.string(remedy.label, join(path, 'label'));
    check.optionalString(remedy.note, join(path, 'note'));
    refs.cited(remedy, path);
    checkDefinitionRef(check, definitionIds, remedy.definitionId, join(path, 'definitionId'));
    checkConditions(check, remedy.conditions, join(path, 'conditions'));
    switch (remedy.kind) {
      case 'unknown-amount':
        check.string(remedy.description, join(path, 'description'));
        return;
      case 'per-consumer-damages':
        checkSchedule(check, remedy.schedule, path, ['standard'], ['intentional'], (entry, epath) => {
          checkRange(check, entry.standard, join(epath, 'standard'));
          if (entry.intentional !== undefined) checkRange(check, entry.intentional, join(epath, 'intentional'));
        });
        return;
      case 'per-violation-fine':
        if (check.object(remedy.enforcer, join(path, 'enforcer'), ['id', 'name'])) {
          checkId(check, remedy.enforcer.id, join(path, 'enforcer.id'));
          check.string(remedy.enforcer.name, join(path, 'enforcer.name'));
        }
        check.oneOf(remedy.countedPer, join(path, 'countedPer'), ['violation', 'incident', 'defendant'] as const);
        if (remedy.exclusiveGroup !== undefined && checkId(check, remedy.exclusiveGroup, join(path, 'exclusiveGroup'))) {
          groups.set(remedy.exclusiveGroup as string, (groups.get(remedy.exclusiveGroup as string) ?? 0) + 1);
        }
        checkSchedule(check, remedy.schedule, path, ['standard'], ['intentional', 'first', 'capPerIncidentCents'], (entry, epath) => {
          for (const key of ['standard', 'intentional', 'first']) {
            if (key === 'standard' || entry[key] !== undefined) checkRange(check, entry[key], join(epath, key));
          }
          if (entry.capPerIncidentCents !== undefined) check.integer(entry.capPerIncidentCents, join(epath, 'capPerIncidentCents'), 1);
        });
        return;
      case 'late-notice-per-day':
        check.oneOf(remedy.unit, join(path, 'unit'), ['individual', 'breach'] as const);
        checkSchedule(check, remedy.schedule, path, ['standard'], ['dailyCapCents', 'capCents'], (entry, epath) => {
          checkRange(check, entry.standard, join(epath, 'standard'));
          for (const key of ['dailyCapCents', 'capCents']) {
            if (entry[key] !== undefined) check.integer(entry[key], join(epath, key), 1);
          }
        });
        return;
      case 'late-notice-tiered':
        checkSchedule(check, remedy.schedule, path, ['tiers', 'beyondLastTierMaxCents'], [], (entry, epath) => {
          checkTiers(check, entry.tiers, join(epath, 'tiers'));
          check.integer(entry.beyondLastTierMaxCents, join(epath, 'beyondLastTierMaxCents'), 0);
        });
        return;
      case 'late-notice-greater-of':
        checkSchedule(check, remedy.schedule, path, ['floorCents', 'perNoticeCents', 'perNoticeCapCents'], [], (entry, epath) => {
          for (const key of ['floorCents', 'perNoticeCents', 'perNoticeCapCents']) check.integer(entry[key], join(epath, key), 0);
        });
    }
  });
  for (const [group, members] of groups) {
    if (members < 2) check.fail('remedies', `exclusiveGroup "${group}" has only one member; alternatives need at least two`);
  }
}

function checkFactTests(check: Checker, refs: References, value: unknown, path: string = 'factTests'): void {
  if (!check.array(value, path, true)) return;
  value.forEach((test, i) => {
    const tpath = `${path}[${i}]`;
    if (!check.object(test, tpath, ['fact', 'citation', 'sourceIds', 'anyOf'])) return;
    check.oneOf(test.fact, join(tpath, 'fact'), Object.keys(CONDITION_VALUES).filter((k) => !['cure', 'intent', 'reasonable-security'].includes(k)));
    refs.cited(test, tpath);
    if (!check.array(test.anyOf, join(tpath, 'anyOf'), true)) return;
    test.anyOf.forEach((prong, j) => {
      const ppath = `${tpath}.anyOf[${j}]`;
      if (!check.object(prong, ppath, ['input', 'label', 'compare', 'schedule'])) return;
      check.oneOf(prong.input, join(ppath, 'input'), FACT_INPUTS);
      check.string(prong.label, join(ppath, 'label'));
      check.oneOf(prong.compare, join(ppath, 'compare'), ['more-than', 'at-least'] as const);
      checkDatedList(check, prong.schedule, join(ppath, 'schedule'), ['from', 'value'], ['to'], (entry, epath) => check.integer(entry.value, join(epath, 'value'), 0), true);
    });
  });
}

function checkTriggers(check: Checker, value: unknown, path: string): void {
  if (!check.array(value, path, true)) return;
  const seen = new Set<string>();
  value.forEach((trigger, i) => {
    const tpath = `${path}[${i}]`;
    if (!check.object(trigger, tpath, ['violation', 'citation'], ['note'])) return;
    if (check.oneOf(trigger.violation, join(tpath, 'violation'), VIOLATION_KINDS)) unique(check, seen, trigger.violation, join(tpath, 'violation'));
    check.string(trigger.citation, join(tpath, 'citation'));
    check.optionalString(trigger.note, join(tpath, 'note'));
  });
}

function checkConditions(check: Checker, value: unknown, path: string): void {
  if (!check.array(value, path, false)) return;
  value.forEach((condition, i) => {
    const cpath = `${path}[${i}]`;
    if (!check.object(condition, cpath, ['assumption', 'appliesWhen', 'reason'], ['citation'])) return;
    check.string(condition.reason, join(cpath, 'reason'));
    check.optionalString(condition.citation, join(cpath, 'citation'));
    const assumption = condition.assumption;
    if (!check.oneOf(assumption, join(cpath, 'assumption'), Object.keys(CONDITION_VALUES) as Array<keyof typeof CONDITION_VALUES>)) return;
    if (!check.array(condition.appliesWhen, join(cpath, 'appliesWhen'), true)) return;
    condition.appliesWhen.forEach((v, j) => check.oneOf(v, `${join(cpath, 'appliesWhen')}[${j}]`, CONDITION_VALUES[assumption]));
  });
}

function checkSchedule(
  check: Checker,
  value: unknown,
  remedyPath: string,
  required: string[],
  optional: string[],
  checkEntry: (entry: Json, path: string) => void,
): void {
  checkDatedList(check, value, join(remedyPath, 'schedule'), ['from', ...required], ['to', 'citation', 'conditions', ...optional], (entry, path) => {
    check.optionalString(entry.citation, join(path, 'citation'));
    if (entry.conditions !== undefined) checkConditions(check, entry.conditions, join(path, 'conditions'));
    checkEntry(entry, path);
  }, true);
}

function checkDatedList(
  check: Checker,
  value: unknown,
  path: string,
  required: string[],
  optional: string[],
  checkEntry: (entry: Json, path: string) => void,
  nonEmpty = false,
): void {
  if (!check.array(value, path, nonEmpty)) return;
  const entries: Json[] = [];
  value.forEach((entry, i) => {
    const epath = `${path}[${i}]`;
    if (!check.object(entry, epath, required, optional)) return;
    check.period(entry, epath);
    checkEntry(entry, epath);
    entries.push(entry);
  });
  if (entries.length === value.length) check.timeline(entries, path);
}

function checkRange(check: Checker, value: unknown, path: string): void {
  if (!check.object(value, path, ['minCents', 'maxCents'])) return;
  const minOk = check.integer(value.minCents, join(path, 'minCents'), 0);
  const maxOk = check.integer(value.maxCents, join(path, 'maxCents'), 0);
  if (minOk && maxOk && (value.minCents as number) > (value.maxCents as number)) {
    check.fail(join(path, 'minCents'), `exceeds maxCents ${value.maxCents as number}`, value.minCents);
  }
}

function checkTiers(check: Checker, value: unknown, path: string): void {
  if (!check.array(value, path, true)) return;
  let previousDay = 0;
  value.forEach((tier, i) => {
    const tpath = `${path}[${i}]`;
    if (!isJson(tier)) {
      check.fail(tpath, 'expected an object', tier);
      return;
    }
    const perDay = 'perDayCents' in tier;
    const ok = perDay
      ? check.object(tier, tpath, ['throughDay', 'perDayCents']) && check.integer(tier.perDayCents, join(tpath, 'perDayCents'), 0)
      : check.object(tier, tpath, ['throughDay', 'perPeriodCents', 'periodDays']) &&
        check.integer(tier.perPeriodCents, join(tpath, 'perPeriodCents'), 0) &&
        check.integer(tier.periodDays, join(tpath, 'periodDays'), 1);
    if (ok && check.integer(tier.throughDay, join(tpath, 'throughDay'), 1, MAX_DEADLINE_DAYS)) {
      if (tier.throughDay <= previousDay) check.fail(join(tpath, 'throughDay'), `must be after the previous tier's day ${previousDay}`, tier.throughDay);
      previousDay = tier.throughDay;
    }
  });
}

function checkElements(check: Checker, value: unknown, path: string): void {
  if (!check.array(value, path, true)) return;
  value.forEach((code, i) => check.oneOf(code, `${path}[${i}]`, ELEMENT_CODES));
}

function checkStrings(check: Checker, value: unknown, path: string, nonEmpty: boolean): void {
  if (!check.array(value, path, nonEmpty)) return;
  value.forEach((item, i) => check.string(item, `${path}[${i}]`));
}

function checkDefinitionRef(check: Checker, definitionIds: Set<string>, value: unknown, path: string): void {
  if (typeof value !== 'string' || !definitionIds.has(value)) {
    check.fail(path, `expected a definition id (${[...definitionIds].join(', ')})`, value);
  }
}

function checkId(check: Checker, value: unknown, path: string): boolean {
  if (typeof value !== 'string' || !ID.test(value)) return check.fail(path, 'expected a lower-case id like "ccpa-damages"', value);
  return true;
}

function unique(check: Checker, seen: Set<string>, id: string, path: string): boolean {
  if (seen.has(id)) return check.fail(path, 'is a duplicate', id);
  seen.add(id);
  return true;
}

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
