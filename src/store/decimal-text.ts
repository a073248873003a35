// The decimal a numeric value's text names, as PostgreSQL's numeric input reads it: what the binary
// COPY writes for an amount given as text (copy-binary.ts).

export interface Decimal {
  negative: boolean;
  /** Every significant digit, without the point; at least `point` long. */
  digits: string;
  /** Digits before the decimal point. */
  point: number;
  /** Digits after the point as written (the display scale). */
  scale: number;
}

const DECIMAL = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/;

/** The decimal a numeric's text input names ([-]digits[.digits][e±n]); null for anything else. */
export function decimalOf(text: string): Decimal | null {
  const m = DECIMAL.exec(text);
  if (m === null) return null;
  const whole = m[2]!;
  const fraction = m[3] ?? '';
  if (whole === '' && fraction === '') return null;
  const exponent = m[4] === undefined ? 0 : Number(m[4]);
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 1000) return null;
  let digits = whole + fraction;
  let point = whole.length + exponent;
  const scale = Math.max(0, fraction.length - exponent);
  // Make the point fall inside (or at an end of) the digits.
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits += '0'.repeat(point - digits.length);
  return { negative: m[1] === '-', digits, point, scale };
}
