import type { Command } from '../command';
import { add, reimport } from './add';
import { caseInit } from './case-init';
import { custody } from './custody';
import { evidence } from './evidence';
import { formats } from './formats';
import { verify } from './verify';
import { events, people } from './browse';
import { classify, consumers, explain, population, reconstruct, resolve, review, scope, triage } from './investigate';
import { exposure, obligations, rules, rulesAdd } from './law';
import { findings } from './findings';
import { exportCommand, verifyExportCommand } from './exports';
import { noticesCheckTemplate, noticesFacts, noticesImportTemplate, noticesPreview, noticesSubmissions, noticesTemplate, noticesWrite } from './notices';
import { caseEncrypt, casePassphrase } from './encryption';
import { dispose, share } from './share-dispose';

export const COMMANDS: readonly Command[] = [
  caseInit,
  add,
  reimport,
  evidence,
  custody,
  verify,
  formats,
  events,
  people,
  triage,
  findings,
  scope,
  reconstruct,
  consumers,
  review,
  population,
  explain,
  resolve,
  classify,
  rules,
  rulesAdd,
  obligations,
  exposure,
  noticesFacts,
  noticesTemplate,
  noticesCheckTemplate,
  noticesImportTemplate,
  noticesPreview,
  noticesSubmissions,
  noticesWrite,
  exportCommand,
  verifyExportCommand,
  caseEncrypt,
  casePassphrase,
  share,
  dispose,
];
