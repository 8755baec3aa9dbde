/** The key lives for this tab only: sessionStorage, never localStorage or a cookie. */
const SLOT = 'fxrates.apiKey';

export const currentKey = (): string | null => sessionStorage.getItem(SLOT);

export function rememberKey(key: string): void {
  if (key) sessionStorage.setItem(SLOT, key);
  else sessionStorage.removeItem(SLOT);
}
