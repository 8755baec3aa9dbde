import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export type Role = 'read' | 'admin';

/** One configured key (`API_KEYS`): only its digest is ever configured. */
export interface ApiKeyEntry {
  readonly name: string;
  readonly role: Role;
  /** SHA-256 of the key, lowercase hex. */
  readonly sha256: string;
}

/** Who is calling: nobody in particular, someone with a key we do not know, or a known key. */
export type Caller =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'invalid' }
  | { readonly kind: 'key'; readonly name: string; readonly role: Role };

export const ANONYMOUS: Caller = { kind: 'anonymous' };

/** 32 random bytes, base64url: 256 bits, safe in headers and shells as is. */
export const newApiKey = (): string => randomBytes(32).toString('base64url');

export const sha256Of = (key: string): Buffer => createHash('sha256').update(key, 'utf8').digest();

/** The `API_KEYS` entry for a key: only its digest is ever configured. */
export const apiKeyEntry = (name: string, role: Role, key: string): string =>
  `${name}:${role}:${sha256Of(key).toString('hex')}`;

/** Does `role` grant what `needed` asks? Admin keys may also read. */
export const grants = (role: Role, needed: Role): boolean => role === 'admin' || needed === 'read';

/** The configured keys, by digest. */
export class KeyRing {
  private readonly entries: { readonly name: string; readonly role: Role; readonly digest: Buffer }[];

  constructor(entries: readonly ApiKeyEntry[]) {
    this.entries = entries.map((e) => ({ name: e.name, role: e.role, digest: Buffer.from(e.sha256, 'hex') }));
  }

  /**
   * The caller a presented key stands for. Digests are compared in constant time and every entry is
   * compared, so neither the answer's timing nor an early exit tells how close a guess was.
   */
  identify(presented: string | undefined): Caller {
    if (presented === undefined) return ANONYMOUS;
    const digest = sha256Of(presented);
    let found: Caller = { kind: 'invalid' };
    for (const e of this.entries) {
      if (timingSafeEqual(e.digest, digest) && found.kind === 'invalid')
        found = { kind: 'key', name: e.name, role: e.role };
    }
    return found;
  }
}
