import type { Command } from '../command';
import { add } from './add';
import { caseInit } from './case-init';
import { custody } from './custody';
import { evidence } from './evidence';
import { formats } from './formats';
import { verify } from './verify';

export const COMMANDS: readonly Command[] = [caseInit, add, evidence, custody, verify, formats];
