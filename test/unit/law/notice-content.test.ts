import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validatePack } from '../../../shared/law/pack-schema';
import { DEFAULT_PACK_DIR, findPack } from '../../../shared/law/packs';
import type { NoticeContentRule, NoticeMethod, RequiredContent, RulePack } from '../../../shared/law/types';
import { packs } from './helpers';

type Json = Record<string | number, unknown>;

function raw(code: string): Json {
  return JSON.parse(readFileSync(join(DEFAULT_PACK_DIR, `${code}.json`), 'utf8')) as Json;
}

/** Validation errors of a shipped pack after one mutation of its parsed JSON. */
function errorsAfter(code: string, mutate: (pack: Json) => void): string[] {
  const pack = raw(code);
  mutate(pack);
  const result = validatePack(pack, `${code}.json`);
  return result.ok ? [] : result.errors;
}

/** The node at a path of keys and indexes in parsed JSON. */
function at(pack: Json, path: ReadonlyArray<string | number>): Json {
  return path.reduce<Json>((node, key) => node[key] as Json, pack);
}

function pack(code: string): RulePack {
  const loaded = findPack(packs(), code);
  if (!loaded) throw new Error(`no pack ${code}`);
  return loaded.pack;
}

function content(code: string, date = '2026-02-02'): NoticeContentRule {
  const found = pack(code).noticeContent.find((p) => p.from <= date && (p.to === undefined || date <= p.to));
  if (!found) throw new Error(`${code}: no content period on ${date}`);
  return found;
}

function required(code: string): RequiredContent {
  const aspect = content(code).required;
  if (aspect.rule !== 'stated') throw new Error(`${code}: required content is ${aspect.rule}`);
  return aspect;
}

function method<K extends NoticeMethod['kind']>(code: string, kind: K): Extract<NoticeMethod, { kind: K }> {
  const aspect = content(code).methods;
  if (aspect.rule !== 'stated') throw new Error(`${code}: methods are ${aspect.rule}`);
  const found = aspect.methods.find((m) => m.kind === kind);
  if (!found) throw new Error(`${code}: no ${kind} method`);
  return found as Extract<NoticeMethod, { kind: K }>;
}

const CA_ITEMS = ['noticeContent', 0, 'required', 'items'] as const;

describe('notice-content schema', () => {
  it('accepts every shipped pack, each with content rules from its first day with no gap', () => {
    for (const { pack: p } of packs().packs) {
      expect(p.noticeContent.length, p.jurisdiction).toBeGreaterThan(0);
      expect(p.noticeContent[0]!.from, p.jurisdiction).toBe(p.effectiveFrom);
      expect(p.noticeContent[p.noticeContent.length - 1]!.to, p.jurisdiction).toBeUndefined();
    }
  });

  it('names the file and path of a dropped required field', () => {
    expect(errorsAfter('US-CA', (p) => delete at(p, ['noticeContent', 0]).forbidden)).toContain('US-CA.json: noticeContent[0].forbidden: is required');
    expect(errorsAfter('US-CA', (p) => delete at(p, [...CA_ITEMS, 0]).confidence)).toContain('US-CA.json: noticeContent[0].required.items[0].confidence: is required');
    expect(errorsAfter('US-CA', (p) => delete at(p, ['noticeContent', 0, 'methods', 'methods', 2]).insufficientContact)).toContain(
      'US-CA.json: noticeContent[0].methods.methods[2].insufficientContact: is required',
    );
    expect(errorsAfter('US-TX', (p) => (p.noticeContent = []))).toContain('US-TX.json: noticeContent: must not be empty');
  });

  it('rejects kinds outside the closed lists', () => {
    expect(errorsAfter('US-CA', (p) => (at(p, [...CA_ITEMS, 1]).kind = 'ssn-list')).join('\n')).toMatch(
      /US-CA\.json: noticeContent\[0\]\.required\.items\[1\]\.kind: expected one of business-contact, .*, got "ssn-list"/,
    );
    expect(errorsAfter('US-CA', (p) => (at(p, ['noticeContent', 0, 'methods', 'methods', 0]).kind = 'fax')).join('\n')).toMatch(
      /noticeContent\[0\]\.methods\.methods\[0\]\.kind: expected one of written, telephone, electronic, own-policy, substitute, other, got "fax"/,
    );
    expect(errorsAfter('US-CA', (p) => (at(p, ['noticeContent', 0]).forbidden = { rule: 'stated', citation: 'x', sourceIds: ['ca-82'], confidence: 'high', items: [{ id: 'a', kind: 'tone', text: 'x', citation: 'x', sourceIds: ['ca-82'], confidence: 'high' }] })).join('\n')).toMatch(
      /noticeContent\[0\]\.forbidden\.items\[0\]\.kind: expected one of nature-of-breach, resident-count, other, got "tone"/,
    );
    expect(errorsAfter('US-CA', (p) => (at(p, ['noticeContent', 0, 'language']).rule = 'silent')).join('\n')).toMatch(
      /noticeContent\[0\]\.language\.rule: expected one of stated, none, not-researched, got "silent"/,
    );
  });

  it('rejects a citation reference to an undeclared source, a missing citation and an unknown confidence', () => {
    expect(errorsAfter('US-CA', (p) => (at(p, [...CA_ITEMS, 2]).sourceIds = ['ca-nowhere'])).join('\n')).toMatch(
      /US-CA\.json: noticeContent\[0\]\.required\.items\[2\]\.sourceIds\[0\]: is not an id declared in sources .*got "ca-nowhere"/,
    );
    expect(errorsAfter('US-CA', (p) => (at(p, ['noticeContent', 0, 'required', 'title']).citation = ''))).toContain(
      'US-CA.json: noticeContent[0].required.title.citation: expected a non-empty string, got ""',
    );
    expect(errorsAfter('US-CA', (p) => (at(p, ['noticeContent', 0, 'forbidden']).confidence = 'certain')).join('\n')).toMatch(
      /noticeContent\[0\]\.forbidden\.confidence: expected one of high, medium-high, medium, low-medium, low, got "certain"/,
    );
  });

  it('rejects an item under an undeclared heading, a duplicate item id and an unknown element', () => {
    expect(errorsAfter('US-CA', (p) => (at(p, [...CA_ITEMS, 0]).heading = 'Contact Us')).join('\n')).toMatch(
      /items\[0\]\.heading: expected one of the headings \(What Happened, .*\), got "Contact Us"/,
    );
    expect(errorsAfter('US-CA', (p) => (at(p, [...CA_ITEMS, 1]).id = at(p, [...CA_ITEMS, 0]).id)).join('\n')).toMatch(/items\[1\]\.id: is a duplicate/);
    expect(errorsAfter('US-CA', (p) => (at(p, [...CA_ITEMS, 6]).whenExposed = ['social'])).join('\n')).toMatch(/items\[6\]\.whenExposed\[0\]: expected one of name/);
  });

  it('keeps "no rule" and "not researched" apart: a silent rule needs its citation, an unknown one carries none', () => {
    expect(errorsAfter('US-CA', (p) => (at(p, ['noticeContent', 0]).forbidden = { rule: 'none' })).join('\n')).toMatch(/noticeContent\[0\]\.forbidden\.citation: is required/);
    expect(errorsAfter('US-CA', (p) => (at(p, ['noticeContent', 0]).forbidden = { rule: 'not-researched', citation: 'x' })).join('\n')).toMatch(
      /noticeContent\[0\]\.forbidden\.citation: is not a known field/,
    );
    expect(errorsAfter('US-CA', (p) => {
      const r = at(p, ['noticeContent', 0, 'required']);
      for (const key of ['title', 'headings', 'minFontPoints']) delete r[key];
      Object.assign(r, { items: [], formatting: [] });
    }).join('\n')).toMatch(/noticeContent\[0\]\.required: states no rule: use rule "none"/);
  });

  it('checks substitute-notice conditions and components', () => {
    const substitute = ['noticeContent', 0, 'methods', 'methods', 2] as const;
    expect(errorsAfter('US-CA', (p) => {
      const s = at(p, substitute);
      delete s.costMoreThanUsd;
      delete s.personsMoreThan;
      s.insufficientContact = false;
    }).join('\n')).toMatch(/methods\[2\]: substitute notice needs at least one condition/);
    expect(errorsAfter('US-CA', (p) => (at(p, [...substitute, 'components', 'list', 0]).days = 30)).join('\n')).toMatch(/list\[0\]\.days: only a website posting has a number of days/);
    expect(errorsAfter('US-CA', (p) => (at(p, substitute).costMoreThanUsd = 250000.5)).join('\n')).toMatch(/methods\[2\]\.costMoreThanUsd: expected an integer/);
  });

  it('requires content periods to start at effectiveFrom and to leave no gap', () => {
    expect(errorsAfter('US-TX', (p) => (at(p, ['noticeContent', 0]).from = '2024-01-01')).join('\n')).toMatch(/US-TX\.json: noticeContent\[0\]\.from: must equal effectiveFrom 2023-09-01/);
    expect(errorsAfter('US-TX', (p) => {
      const first = at(p, ['noticeContent', 0]);
      (p.noticeContent as unknown[]).push({ ...first, from: '2025-01-01' });
      first.to = '2024-06-30';
    }).join('\n')).toMatch(/noticeContent\[1\]\.from: leaves a gap after 2024-06-30/);
  });
});

describe('California notice content as Cal. Civ. Code § 1798.82(d) and (j) write it', () => {
  it('title, the five headings in order, 10-point type and plain language', () => {
    const r = required('US-CA');
    expect(r.title?.text).toBe('Notice of Data Breach');
    expect(r.headings?.texts).toEqual(['What Happened', 'What Information Was Involved', 'What We Are Doing', 'What You Can Do', 'For More Information']);
    expect(r.minFontPoints?.points).toBe(10);
    const language = content('US-CA').language;
    expect(language.rule === 'stated' && language.rules.map((l) => l.kind)).toEqual(['plain-language']);
  });

  it('credit-agency contacts only when SSN or driver\'s licence is exposed; the identity-protection offer for government IDs', () => {
    const items = required('US-CA').items;
    expect(items.find((i) => i.kind === 'cra-contacts')?.whenExposed).toEqual(['ssn', 'drivers_license']);
    expect(items.find((i) => i.kind === 'identity-protection-offer')?.whenExposed).toEqual(expect.arrayContaining(['ssn', 'drivers_license', 'passport']));
    for (const kind of ['business-contact', 'elements-involved', 'notice-date'] as const) expect(items.find((i) => i.kind === kind)?.whenExposed, kind).toBeUndefined();
    expect(content('US-CA').forbidden.rule).toBe('none');
  });

  it('written, E-SIGN electronic and substitute notice above $250,000 or 500,000 persons with a 30-day posting', () => {
    expect(method('US-CA', 'electronic').anyOf.map((c) => c.kind)).toEqual(['esign-consent']);
    const substitute = method('US-CA', 'substitute');
    expect(substitute).toMatchObject({ costMoreThanUsd: 250000, personsMoreThan: 500000, insufficientContact: true });
    expect(substitute.components.require).toBe('all');
    expect(substitute.components.list.map((c) => [c.kind, c.days])).toEqual([['email', undefined], ['website-posting', 30], ['statewide-media', undefined]]);
  });
});

describe('content rules of the other example jurisdictions', () => {
  it('Massachusetts forbids the nature of the breach and the resident count (c. 93H § 3(b)) and requires police-report and freeze rights', () => {
    const forbidden = content('US-MA').forbidden;
    if (forbidden.rule !== 'stated') throw new Error(`MA forbidden content is ${forbidden.rule}`);
    expect(forbidden.items.map((i) => i.kind)).toEqual(['nature-of-breach', 'resident-count']);
    expect(forbidden.citation).toBe('M.G.L. c. 93H § 3(b)');
    const kinds = required('US-MA').items.map((i) => i.kind);
    expect(kinds).toEqual(expect.arrayContaining(['police-report-right', 'credit-freeze-rights', 'identity-protection-offer']));
    expect(kinds).not.toContain('incident-description');
    expect(method('US-MA', 'substitute')).toMatchObject({ costMoreThanUsd: 250000, personsMoreThan: 500000 });
  });

  it('Illinois forbids the number of Illinois residents affected (815 ILCS 530/10(a))', () => {
    const forbidden = content('US-IL').forbidden;
    expect(forbidden.rule === 'stated' && forbidden.items.map((i) => i.kind)).toEqual(['resident-count']);
  });

  it('Connecticut requires the 24-month offer with credit-freeze information only when SSN or taxpayer ID is exposed', () => {
    const items = required('US-CT').items;
    expect(items.map((i) => [i.kind, i.whenExposed])).toEqual([
      ['identity-protection-offer', ['ssn', 'tax_id']],
      ['credit-freeze-rights', ['ssn', 'tax_id']],
    ]);
    expect(pack('US-CT').identityProtection[0]!.months).toBe(24);
  });

  it('New York: contact details, agency contacts and the elements; electronic notice only with express consent', () => {
    expect(required('US-NY').items.map((i) => i.kind)).toEqual(['business-contact', 'regulator-contact', 'elements-involved']);
    expect(method('US-NY', 'electronic').anyOf.map((c) => c.kind)).toEqual(['other']);
  });

  it('Texas states "no content rule" with its citation rather than leaving it unknown', () => {
    const aspect = content('US-TX').required;
    expect(aspect).toMatchObject({ rule: 'none', citation: 'Tex. Bus. & Com. Code § 521.053' });
    expect(method('US-TX', 'substitute').components.require).toBe('any');
  });

  it('"any two of" substitute components (Guam) and a rejected atLeast without require "any"', () => {
    expect(method('US-GU', 'substitute').components).toMatchObject({ require: 'any', atLeast: 2 });
    expect(errorsAfter('US-GU', (p) => (at(p, ['noticeContent', 0, 'methods', 'methods', 3, 'components']).require = 'all')).join('\n')).toMatch(
      /methods\[3\]\.components\.atLeast: is only meaningful when require is "any"/,
    );
  });

  it('every mandatory identity-protection offer item matches the identity-protection rule in force (same elements)', () => {
    let checked = 0;
    for (const { pack: p } of packs().packs) {
      for (const period of p.noticeContent) {
        if (period.required.rule !== 'stated') continue;
        const rule = p.identityProtection.find((r) => r.from <= period.from && (r.to === undefined || period.from <= r.to)) ?? p.identityProtection[0];
        for (const offer of period.required.items.filter((i) => i.kind === 'identity-protection-offer')) {
          // "describe any services offered" (RI) needs no months rule; a mandated offer does.
          if (!rule && offer.condition?.kind === 'if-applicable') continue;
          expect(rule, `${p.jurisdiction} has an offer item but no identityProtection rule`).toBeDefined();
          expect([...(offer.whenExposed ?? [])].sort(), p.jurisdiction).toEqual([...rule!.whenExposed].sort());
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(5);
  });
});
