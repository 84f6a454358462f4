import { hash, verify } from '@node-rs/argon2';

/** Argon2id with the library's defaults (OWASP-recommended memory and time cost). */
export const hashPassword = (password: string) => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A real hash to verify against when the user does not exist, so timing does not reveal usernames. */
export const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$P+GJYg74iJUR5Rn4XkMDTg$a7MobvEjm7YeiLfP/oZm1rwhQh/kczLsgb7NqR6PEYA';
