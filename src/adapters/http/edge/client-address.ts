import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';

/**
 * Which peers may tell us who the client is through `X-Forwarded-For`: nobody (the default, so a
 * caller cannot pick its own rate-limit bucket by sending the header), the N nearest hops, or the
 * proxies at the given addresses, subnets and named ranges (`loopback`, `linklocal`, `uniquelocal`),
 * with the meaning Express gives its `trust proxy` setting.
 */
export type TrustProxy = { readonly hops: number } | { readonly addresses: readonly string[] };

/** The address a request counts as: the socket's peer, or the forwarded client behind trusted proxies. */
export function clientAddressOf(trust: TrustProxy | undefined): (req: IncomingMessage) => string {
  if (!trust) return (req) => req.socket.remoteAddress ?? '?';
  const trusted =
    'hops' in trust ? (_addr: string, i: number) => i < trust.hops : proxyAddr.compile([...trust.addresses]);
  return (req) => proxyAddr(req, trusted);
}
