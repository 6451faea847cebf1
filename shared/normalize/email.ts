export interface NormalizedEmail {
  /** Trimmed and lowercased, plus-tag kept. */
  email: string;
  /** The matching key: `email` without a `+tag` in the local part. */
  emailKey: string;
}

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Null when the value is empty or not shaped like an address (the raw value stays in the record's fields). */
export function normalizeEmail(raw: string | null | undefined): NormalizedEmail | null {
  if (!raw) return null;
  const email = raw.trim().replace(/^mailto:/i, '').toLowerCase();
  if (!EMAIL_SHAPE.test(email)) return null;
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  const plus = local.indexOf('+');
  const emailKey = plus > 0 ? `${local.slice(0, plus)}${email.slice(at)}` : email;
  return { email, emailKey };
}
