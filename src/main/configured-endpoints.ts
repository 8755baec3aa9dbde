import type { RequestBudget } from '../domain/request-budget.js';

/**
 * The budget as this process sees it: a provider named without an endpoint means the endpoint this
 * configuration talks to, so the quota routes and metrics show the count that requests actually spend.
 */
export function withConfiguredEndpoints(
  budget: RequestBudget,
  endpoints: Readonly<Record<string, string>>,
): RequestBudget {
  const at = (provider: string, endpoint: string | undefined) => endpoint ?? endpoints[provider];
  return {
    tryTake: (provider, now, endpoint) => budget.tryTake(provider, now, at(provider, endpoint)),
    reportRemaining: (provider, remaining, now, endpoint) =>
      budget.reportRemaining(provider, remaining, now, at(provider, endpoint)),
    status: (provider, now, endpoint) => budget.status(provider, now, at(provider, endpoint)),
  };
}
