import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { describe, expect, it } from 'vitest';
import { plainNanpE164 } from '../../../shared/normalize/nanp-phone';
import { normalizePhone } from '../../../shared/normalize/phone';

/** What normalizePhone answered before the fast path: libphonenumber-js alone. */
function libphonenumber(text: string, region: CountryCode): string | null {
  try {
    const parsed = parsePhoneNumberFromString(text, { defaultCountry: region, extract: false });
    return parsed && parsed.isPossible() ? parsed.number : null;
  } catch {
    return null;
  }
}

const LAYOUTS: ReadonlyArray<(a: string, e: string, s: string) => string> = [
  (a, e, s) => `(${a}) ${e}-${s}`, (a, e, s) => `(${a})${e}-${s}`, (a, e, s) => `${a}-${e}-${s}`, (a, e, s) => `${a}.${e}.${s}`,
  (a, e, s) => `${a} ${e} ${s}`, (a, e, s) => `${a}${e}${s}`, (a, e, s) => `+1 ${a} ${e} ${s}`, (a, e, s) => `+1 (${a}) ${e}-${s}`,
  (a, e, s) => `+1-${a}-${e}-${s}`, (a, e, s) => `+1${a}${e}${s}`, (a, e, s) => `1-${a}-${e}-${s}`, (a, e, s) => `1 (${a}) ${e}-${s}`,
  (a, e, s) => `${a}-${e}-${s} x12`, (a, e, s) => `${a}  ${e}  ${s}`, (a, e, s) => `(${a} ${e}-${s}`, (a, e, s) => `${a}/${e}/${s}`,
];
// Exchanges and subscriber numbers that libphonenumber's metadata treats differently: N11, 0xx/1xx, 555, 958/959, toll-free.
const EXCHANGES = ['000', '100', '199', '211', '411', '555', '911', '958', '959', '200', '867', '999'];
const SUBSCRIBERS = ['0000', '0100', '0199', '1212', '9999'];
const pad = (n: number): string => String(n).padStart(3, '0');

/** Every area code 000–999 with a spread of exchanges, subscriber numbers and layouts. */
function* generated(): Generator<string> {
  for (let area = 0; area < 1000; area++) {
    for (const [i, exchange] of EXCHANGES.entries()) {
      const layout = LAYOUTS[(area + i) % LAYOUTS.length]!;
      yield layout(pad(area), exchange, SUBSCRIBERS[(area + i) % SUBSCRIBERS.length]!);
    }
  }
}

describe('plainNanpE164', () => {
  it('reads the everyday NANP layouts', () => {
    for (const text of ['(415) 555-0100', '(415)555-0100', '415-555-0100', '415.555.0100', '415 555 0100', '4155550100', '+1 415 555 0100', '+1 (415) 555-0100', '+14155550100']) {
      expect(plainNanpE164(text)).toBe('+14155550100');
    }
  });

  it('leaves area codes starting with 0 or 1, a bare national 1, extensions and odd spacing to libphonenumber', () => {
    for (const text of ['(015) 555-0100', '115-555-0100', '1-415-555-0100', '415-555-0100 x12', '415  555  0100', '555-0100', '+44 20 7946 0958', '４１５５５５０１００']) {
      expect(plainNanpE164(text)).toBeNull();
    }
  });

  it('gives what libphonenumber-js gives, for US and CA, wherever it answers', () => {
    let answered = 0;
    for (const text of generated()) {
      const fast = plainNanpE164(text);
      if (fast === null) continue;
      answered++;
      expect([text, libphonenumber(text, 'US'), libphonenumber(text, 'CA')]).toEqual([text, fast, fast]);
    }
    expect(answered).toBeGreaterThan(4000);
  });
});

describe('normalizePhone', () => {
  it('equals libphonenumber-js for generated numbers in NANP and other regions', () => {
    const regions: Array<[string | null, CountryCode]> = [[null, 'US'], ['US', 'US'], ['CA', 'CA'], ['ZZ', 'US'], ['GB', 'GB'], ['PR', 'PR']];
    let i = 0;
    for (const text of generated()) {
      const [region, effective] = regions[i++ % regions.length]!;
      expect([text, region, normalizePhone(text, region)]).toEqual([text, region, libphonenumber(text, effective)]);
    }
  });
});
