import type { SandboxAnswer } from './sandbox-server.js';

/** A server error as the proxy in front of an API answers it: HTML, never the API's format (524: Cloudflare's bare text). */
export function errorPage(status: number): string {
  if (status === 524) return 'error code: 524';
  return `<html><head><title>${status} Service Error</title></head><body><center><h1>${status}</h1></center><hr><center>sandbox</center></body></html>`;
}

export const MAINTENANCE_PAGE =
  '<!DOCTYPE html><html><head><title>Maintenance</title></head><body><h1>We&rsquo;ll be back soon!</h1></body></html>';

export const failAnswer = (status: number): SandboxAnswer => ({
  status,
  text: errorPage(status),
  contentType: 'text/html',
});

/** A maintenance page with HTTP 200: a client that trusts the status alone takes it for data. */
export const MAINTENANCE_ANSWER: SandboxAnswer = {
  status: 200,
  text: MAINTENANCE_PAGE,
  contentType: 'text/html; charset=UTF-8',
};
