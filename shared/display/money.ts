/** Integer cents as dollars, e.g. 123456 → "$1,234.56". Text (an unknown figure) is shown as is. */
export function formatCents(value: number | string): string {
  if (typeof value === 'string') return value;
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  const dollars = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}$${dollars}.${String(abs % 100).padStart(2, '0')}`;
}
