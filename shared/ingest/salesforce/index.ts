import type { SourceParser } from '../parser';
import { elfParser } from './elf';
import { loginHistoryParser } from './login-history';
import { rtemParser } from './rtem';
import { setupAuditTrailParser } from './setup-audit-trail';

export const salesforceParsers: readonly SourceParser[] = [elfParser, rtemParser, setupAuditTrailParser, loginHistoryParser];
