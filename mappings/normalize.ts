// Text as the legacy systems typed it: full-width letters and digits from Chinese input methods,
// ideographic spaces, stray blanks, and now and then bytes that went through the wrong code page.

const FULL_WIDTH_START = 0xff01; // ！
const FULL_WIDTH_END = 0xff5e; // ～
const FULL_WIDTH_OFFSET = 0xfee0;

/**
 * Folds the Full-width Forms block (U+FF01–U+FF5E: Ａ→A, ０→0, （→(, ，→,) to ASCII. CJK punctuation
 * (U+3000–U+303F: 、。「」【】《》) lives in another block and is left alone: it is part of the Chinese
 * text, and folding 。 to "." or 、 to "," would change what the text says.
 */
export function toHalfWidth(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    out += cp >= FULL_WIDTH_START && cp <= FULL_WIDTH_END ? String.fromCodePoint(cp - FULL_WIDTH_OFFSET) : ch;
  }
  return out;
}

// Zero-width characters and the BOM come from copy-paste and editors; they are never meaningful.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;
// \s covers U+3000 (ideographic space), NBSP and the other Unicode spaces, tabs and line breaks.
const SPACES = /\s+/g;

/**
 * Printable ASCII words separated by single spaces, nothing at either end (/^[!-~]+(?: [!-~]+)*$/):
 * every step of normalizeText leaves such text as it is (NFC, the full-width block, invisible
 * characters and whitespace runs are all outside it), and detectBadEncoding finds nothing in it.
 * Codes, numbers and dates of the billing tables are all like this, and a cycle load reads millions
 * of them: a char-code scan is cheaper than the steps, and than a regex call on a short value.
 */
export function isPlainAscii(text: string): boolean {
  const n = text.length;
  if (n === 0 || text.charCodeAt(0) === 0x20 || text.charCodeAt(n - 1) === 0x20) return false;
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || (c === 0x20 && prev === 0x20)) return false;
    prev = c;
  }
  return true;
}

/** Full-width folded, invisible characters removed, whitespace (incl. U+3000) collapsed, trimmed. */
export function normalizeText(text: string): string {
  if (isPlainAscii(text)) return text;
  return toHalfWidth(text.normalize('NFC')).replace(INVISIBLE, '').replace(SPACES, ' ').trim();
}

/** The text with every space removed (service numbers, item codes), the copy only when there is one. */
export function withoutSpaces(text: string): string {
  return text.includes(' ') ? text.replace(/ /g, '') : text;
}

/** A name as the hub stores it. */
export const normalizeName = normalizeText;

/** The form names are compared and searched in: case and spacing are not what tells names apart. */
export function searchKey(text: string): string {
  return normalizeText(text).toLowerCase().replace(/ /g, '');
}

// Tab, line feed and carriage return are whitespace that normalizeText collapses; every other C0
// control, DEL and the C1 range (U+0080–U+009F) never belong in typed text.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// String.prototype.isWellFormed is ES2024; the project targets ES2023.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const PRIVATE_USE = /[\uE000-\uF8FF\u{F0000}-\u{FFFFD}\u{100000}-\u{10FFFD}]/u;
// UTF-8 read as Latin-1 / Windows-1252: a lead byte shown as Â..ô followed by a continuation byte
// shown as a Latin-1 (U+0080–U+00BF) or cp1252 character. 中 (E4 B8 AD) becomes "ä¸­", é becomes "Ã©".
const UTF8_AS_LATIN1 =
  /[\u00C2-\u00F4][\u0080-\u00BF\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC\u2013\u2014\u2018-\u201A\u201C-\u201E\u2020-\u2022\u2026\u2030\u2039\u203A\u20AC\u2122]/;
// GBK read as Latin-1 gives runs of accented letters (中文 → "ÖÐÎÄ"); Chinese business text never
// has three Latin-1 letters in a row.
const LATIN1_RUN = /[\u00C0-\u00FF]{3,}/;
const ASCII_TEXT = /^[\t\n\r -~]*$/;

/**
 * Why the text looks mangled by a wrong encoding, or null when it looks clean. The caller turns a
 * non-null answer into the quarantine reason `bad_encoding`: mangled text cannot be repaired safely.
 */
export function detectBadEncoding(text: string): string | null {
  // Printable ASCII and ordinary whitespace cannot hold any of the signs below (all are control
  // characters or code points past U+007F): one test instead of seven for most legacy values.
  if (ASCII_TEXT.test(text)) return null;
  if (LONE_SURROGATE.test(text)) return 'lone UTF-16 surrogate';
  if (text.includes('\uFFFD')) return 'replacement character U+FFFD';
  if (text.includes('ï¿½')) return "UTF-8 replacement character read as Latin-1 ('ï¿½')";
  const control = CONTROL.exec(text);
  if (control) return `control character U+${hex(control[0])}`;
  const privateUse = PRIVATE_USE.exec(text);
  if (privateUse) return `private-use code point U+${hex(privateUse[0])}`;
  const latin = UTF8_AS_LATIN1.exec(text);
  if (latin) return `UTF-8 read as Latin-1 ('${latin[0]}')`;
  const run = LATIN1_RUN.exec(text);
  if (run) return `run of Latin-1 letters typical of a wrong code page ('${run[0]}')`;
  return null;
}

function hex(ch: string): string {
  return ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
}

/** A Chinese postcode: six digits (full-width digits folded, blanks dropped); null when it is not one. */
export function normalizePostcode(text: string): string | null {
  const compact = normalizeText(text).replace(/ /g, '');
  return /^\d{6}$/.test(compact) ? compact : null;
}

const MOBILE = /^1[3-9]\d{9}$/;
// Area code 0 + 2..3 digits (010, 0871), subscriber number 7..8 digits.
const AREA_AND_LOCAL = /^(0\d{2,3})(\d{7,8})$/;
const LOCAL = /^[2-9]\d{6,7}$/;
const SERVICE_NUMBER = /^(1\d{2,4}|[48]00\d{7})$/; // 112, 10000, 400/800 numbers
const EXTENSION_MARK = /\s*(?:转|分机|ext\.?|x|#)\s*(\d{1,6})$/i;

/**
 * One telephone number in its canonical form: digits only, area code joined to the number
 * (0871-1234567 → 08711234567), +86 / 0086 dropped, an extension kept after "-"
 * (0871-1234567转123 → 08711234567-123). Null when the text is not a recognisable number: contact
 * phones are free text in the 97 system, so the caller keeps such text as typed.
 */
export function normalizePhone(text: string): string | null {
  let rest = normalizeText(text);
  let extension: string | null = null;
  const mark = EXTENSION_MARK.exec(rest);
  if (mark) {
    extension = mark[1]!;
    rest = rest.slice(0, mark.index);
  }
  // With no explicit mark, a third dash-separated group after area code and number is an extension.
  const groups = rest.split(/\s*-\s*/);
  if (extension === null && groups.length === 3 && /^0\d{2,3}$/.test(groups[0]!.replace(/[()\s]/g, ''))) {
    extension = /^\d{1,6}$/.test(groups[2]!) ? groups[2]! : null;
    if (extension !== null) rest = `${groups[0]}${groups[1]}`;
  }
  if (/[^\d\s()+\-.]/.test(rest)) return null;
  let digits = rest.replace(/[\s()\-.]/g, '');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.startsWith('0086')) digits = digits.slice(4);
  if (digits.includes('+')) return null;
  const known = MOBILE.test(digits) || AREA_AND_LOCAL.test(digits) || LOCAL.test(digits) || SERVICE_NUMBER.test(digits);
  if (!known) return null;
  // A mobile number has no extension; "138…-123" would be a typo we must not make look canonical.
  if (extension !== null && MOBILE.test(digits)) return null;
  return extension === null ? digits : `${digits}-${extension}`;
}

/**
 * A contact-phone field: each of several numbers (separated by / , ; 、 or a space between whole
 * numbers) normalised, joined with "/"; text that holds no recognisable number is kept normalised
 * as typed, because a contact field saying "同上" or "王经理办公室" is still information.
 */
export function normalizeContactPhone(text: string): string {
  const cleaned = normalizeText(text);
  const whole = normalizePhone(cleaned);
  if (whole !== null) return whole;
  const parts = cleaned.split(/\s*[/,;、，；]\s*|\s+(?=[+0-9])/).filter((p) => p !== '');
  const numbers = parts.map(normalizePhone);
  if (parts.length > 1 && numbers.every((n) => n !== null)) return numbers.join('/');
  return cleaned;
}
