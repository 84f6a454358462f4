import { createCipheriv, createDecipheriv, createHmac, createSecretKey, type KeyObject, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;

/**
 * Application-level encryption of identity and health data (AES-256-GCM, docs/domain.md#participants-and-data-protection): the
 * database, its backups and its logs only ever hold ciphertext. The row id is bound in as
 * additional authenticated data, so a ciphertext copied onto another participant does not decrypt.
 */
export class FieldCipher {
  /** Prepared once: a raw Buffer key would be imported again on every encryption (measurable at a million rows). */
  private readonly key: KeyObject;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('The data encryption key must be 32 bytes.');
    this.key = createSecretKey(key);
  }

  encrypt(value: unknown, boundTo: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(boundTo, 'utf8'));
    const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':');
  }

  decrypt<T>(payload: string, boundTo: string): T {
    const [version, iv, tag, body] = payload.split(':');
    if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('Unknown ciphertext format.');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
    decipher.setAAD(Buffer.from(boundTo, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    const text = Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
    return JSON.parse(text) as T;
  }
}

/** Normalises a name so that spelling variants of the same person compare equal ("Müller" = "mueller"). */
export function normaliseName(name: string): string {
  return name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .sort()
    .join(' ');
}

/** Sozialversicherungsnummer without blanks, upper case. */
export function normaliseSocialInsuranceNumber(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/**
 * Keyed hashes (HMAC-SHA256 with a key of its own) for the duplicate check: equal persons give
 * equal hashes, so a unique index finds duplicates without decrypting any row, and without the key
 * the hashes cannot be recomputed from guessed names and birth dates.
 */
export class IdentityHasher {
  private readonly key: KeyObject;

  constructor(key: Buffer) {
    this.key = createSecretKey(key);
  }

  nameAndBirthDate(firstName: string, lastName: string, dateOfBirth: string): string {
    return this.hash(`name-dob|${normaliseName(`${firstName} ${lastName}`)}|${dateOfBirth}`);
  }

  socialInsuranceNumber(value: string): string {
    return this.hash(`svnr|${normaliseSocialInsuranceNumber(value)}`);
  }

  private hash(text: string): string {
    return createHmac('sha256', this.key).update(text, 'utf8').digest('base64url');
  }
}
