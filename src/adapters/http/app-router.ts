import { currenciesRouter } from './routers/currencies-router.js';
import { ingestRouter } from './routers/ingest-router.js';
import { providersRouter } from './routers/providers-router.js';
import { ratesRouter } from './routers/rates-router.js';
import { statusRouter } from './routers/status-router.js';
import { router } from './trpc.js';

/** Every procedure the service offers; served over tRPC at /trpc and as REST through OpenAPI. */
export const appRouter = router({
  rates: ratesRouter,
  currencies: currenciesRouter,
  providers: providersRouter,
  ingest: ingestRouter,
  status: statusRouter,
});

export type AppRouter = typeof appRouter;
