import { badInput } from '../errors/app-error.js';

/**
 * One text policy for every input. Refused: characters PostgreSQL cannot store (NUL,
 * lone UTF-16 surrogates), control characters other than tab and line breaks (terminal escapes),
 * and invisible format characters (zero-width spaces and joiners, bidirectional overrides, the
 * byte-order mark) that would make two spellings of one receipt number look alike.
 */
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- the policy's purpose is to find control characters
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u200B-\u200F\u2028\u2029\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Fields whose text is a secret or an opaque value and is passed on byte for byte. */
const VERBATIM_FIELD = /password|secret|token|markdown/i;

export function describeForbidden(char: string): string {
  const code = char.codePointAt(0)!;
  if (code === 0) return 'a NUL byte';
  if (code >= 0xd800 && code <= 0xdfff) return 'a broken Unicode character (lone surrogate)';
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return `the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `the invisible character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * The stored form of a text: Unicode NFC, trimmed, and on one line every run of white space (also
 * non-breaking and other Unicode spaces) one plain space. Multi-line text keeps its line breaks.
 * Throws BAD_USER_INPUT naming `field` for a character that is refused.
 */
export function cleanText(value: string, field: string): string {
  const forbidden = FORBIDDEN.exec(value);
  if (forbidden) throw badInput(field, `${field} contains ${describeForbidden(forbidden[0])}; please remove it.`);
  const text = value.normalize('NFC').trim();
  return /[\r\n]/.test(text) ? text.replace(/[^\S\r\n\t]+/g, (run) => (run === ' ' ? run : ' ')) : text.replace(/\s+/g, ' ');
}

/** Whether a field's text is passed on unchanged (passwords, tokens, Markdown). */
export const isVerbatimField = (field: string): boolean => VERBATIM_FIELD.test(field.split('.').at(-1) ?? field);

/** Only the forbidden-character check, for verbatim fields (PostgreSQL still cannot store NUL or lone surrogates). */
export function checkStorable(value: string, field: string): string {
  // eslint-disable-next-line no-control-regex -- NUL is what PostgreSQL cannot store
  const forbidden = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.exec(value);
  if (forbidden) throw badInput(field, `${field} contains ${describeForbidden(forbidden[0])}; please remove it.`);
  return value;
}

/**
 * The comparison form of a receipt number: the stored form with ASCII letters in lower case. The
 * database's generated receipt_key column computes the same (`lower(… collate "C")`, ASCII only on
 * every server whatever its locale), and its unique index holds it.
 */
export const receiptKey = (receiptNumber: string): string => asciiLower(cleanText(receiptNumber, 'receiptNumber'));

export const asciiLower = (text: string): string => text.replace(/[A-Z]/g, (c) => c.toLowerCase());
