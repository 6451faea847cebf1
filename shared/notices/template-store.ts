import { LedgerError } from '../contract/errors';
import { findPack, type PackSet } from '../law/packs';
import type { IsoDate } from '../law/types';
import { appendCustody } from '../store/custody';
import type { Db } from '../store/db';
import { sha256Hex } from '../util/hash';
import { checkTemplate, type TemplateCheck } from './check-template';
import { defaultTemplate } from './default-template';
import { letterRules, type LetterRules } from './letter-rules';

export interface TemplateInUse {
  jurisdiction: string;
  text: string;
  /** `counsel`: an edited template recorded in the case; `default`: generated from the pack. */
  source: 'default' | 'counsel';
  id: number | null;
  sha256: string;
  rules: LetterRules;
  check: TemplateCheck;
}

export function rulesFor(packs: PackSet, jurisdiction: string, date: IsoDate): LetterRules {
  const loaded = findPack(packs, jurisdiction);
  if (!loaded) throw new LedgerError('NOT_FOUND', `No rule pack for ${jurisdiction} is installed.`);
  return letterRules(loaded.pack, date);
}

/**
 * Records counsel's template for a jurisdiction (append-only, logged in custody). A template that fails the check
 * against the pack is refused, naming every problem.
 */
export function recordNoticeTemplate(db: Db, packs: PackSet, jurisdiction: string, text: string, actor: string, date: IsoDate, now: Date = new Date()): { id: number; sha256: string; check: TemplateCheck } {
  const rules = rulesFor(packs, jurisdiction, date);
  const check = checkTemplate(text, rules);
  if (!check.ok) {
    throw new LedgerError('INVALID_INPUT', `The ${jurisdiction} notice template is refused: ${check.problems.map((p) => p.message).join('; ')}.`, { problems: check.problems });
  }
  const sha256 = sha256Hex(text);
  const id = db.transaction(() => {
    const inserted = Number(
      db.prepare('INSERT INTO notice_templates (created_at, actor, jurisdiction, template, sha256) VALUES (?, ?, ?, ?, ?)').run(now.toISOString(), actor, jurisdiction, text, sha256).lastInsertRowid,
    );
    appendCustody(db, { actor, action: 'notice-template', subject: `notice template ${jurisdiction} ${inserted}`, details: { templateId: inserted, jurisdiction, sha256, pack: `${rules.jurisdiction} ${rules.packVersion}` } }, now);
    return inserted;
  })();
  return { id, sha256, check };
}

/** The template letters use: counsel's latest for the jurisdiction, else the default generated from the pack, checked against the pack in force. */
export function templateInUse(db: Db, packs: PackSet, jurisdiction: string, date: IsoDate): TemplateInUse {
  const rules = rulesFor(packs, jurisdiction, date);
  const row = db.prepare('SELECT id, template, sha256 FROM notice_templates WHERE jurisdiction = ? ORDER BY id DESC LIMIT 1').get(jurisdiction) as
    | { id: number; template: string; sha256: string }
    | undefined;
  const text = row?.template ?? defaultTemplate(rules);
  return { jurisdiction, text, source: row ? 'counsel' : 'default', id: row?.id ?? null, sha256: row?.sha256 ?? sha256Hex(text), rules, check: checkTemplate(text, rules) };
}
