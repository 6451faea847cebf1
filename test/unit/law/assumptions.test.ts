import { describe, expect, it } from 'vitest';
import { amountPercent, parseAssumptions } from '../../../shared/law/assumptions';
import { amountAt, formatCents, multiply } from '../../../shared/law/money';

describe('parseAssumptions', () => {
  it('parses global and per-state settings, sorted by key', () => {
    expect(parseAssumptions(['ca.amount=max', 'incidents=2', 'amount=40%', 'ca.enforcer=ag', 'notice-date=2026-03-01'])).toEqual({
      amount: '40%',
      'ca.amount': 'max',
      'ca.enforcer': 'ag',
      incidents: '2',
      'notice-date': '2026-03-01',
    });
  });

  it('lists every bad setting with what is allowed', () => {
    let message = '';
    try {
      parseAssumptions(['ca.amount=maxx', 'foo=1', 'incidents=0', 'ca.residency=x', 'enforcer=ag', 'amount=min', 'amount=max', 'nonsense', 'notice-date=2026-02-30']);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('"ca.amount=maxx": amount must be min, mid, max or a whole percentage from 0% to 100%');
    expect(message).toContain('"foo=1": unknown assumption "foo"; known: amount, amount-date, annual-revenue, card-data, ccpa-business, consumers-processed, cure, enforcer, ftc-safeguards-covered');
    expect(message).toContain('violation.late-notice-individuals, violation.late-notice-regulator, violation.late-notice-cra, violation.notice-content, violation.security-duty, violation.unlawful-disclosure;');
    expect(message).toContain('"incidents=0": incidents must be a whole number of at least 1');
    expect(message).toContain('"ca.residency=x": residency applies to the whole case and cannot be set per state');
    expect(message).toContain('"enforcer=ag": enforcer must be set per state, e.g. ca.enforcer=ag');
    expect(message).toContain('"amount=max": amount is set twice');
    expect(message).toContain('"nonsense": expected key=value');
    expect(message).toContain('"notice-date=2026-02-30": notice-date must be on-time or a date YYYY-MM-DD');
  });

  it('reads amount choices as percentages of the range', () => {
    expect([amountPercent('min'), amountPercent('mid'), amountPercent('max'), amountPercent('25%'), amountPercent('101%')]).toEqual([0, 50, 100, 25, null]);
  });
});

describe('integer money', () => {
  it('rounds a chosen amount half up to the cent', () => {
    expect(amountAt({ minCents: 0, maxCents: 5 }, 50)).toBe(3); // 2.5 → 3
    expect(amountAt({ minCents: 0, maxCents: 3 }, 50)).toBe(2); // 1.5 → 2
    expect(amountAt({ minCents: 0, maxCents: 149 }, 1)).toBe(1); // 1.49 → 1
    expect(amountAt({ minCents: 10, maxCents: 11 }, 49)).toBe(10); // 10.49 → 10
  });

  it('refuses products beyond exact integer range instead of losing cents', () => {
    expect(() => multiply(2 ** 40, 2 ** 20)).toThrow(/exceeds exact integer range/);
    expect(() => multiply(1.5, 2)).toThrow(/not a non-negative safe integer/);
  });

  it('formats cents for working text', () => {
    expect(formatCents(123456789)).toBe('$1,234,567.89');
    expect(formatCents(5)).toBe('$0.05');
  });
});
