# syntax=docker/dockerfile:1
# fxrates: the API (and its scheduled ingestion) as a container. The build stage compiles src/ into dist/;
# the runtime stage runs it with plain node over production dependencies only: no TypeScript, no tsx, no esbuild
# (the build stage bundles the home page into dist/page), and
# no embedded MongoDB (an optional dependency left out here), so MONGODB_URI must be set.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts: the embedded-MongoDB package would download mongod, which nothing here runs.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/build.mjs scripts/client-declarations.mjs ./scripts/
COPY src ./src
RUN npm run build

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# @trpc/server and @trpc/client name TypeScript as a peer (for their type declarations), so npm installs it
# even here; nothing loads it at run time.
RUN npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund \
 && rm -rf node_modules/typescript node_modules/.bin/tsc node_modules/.bin/tsserver

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY bin ./bin
COPY --from=build /app/dist ./dist
# Not root: the service needs no privilege, and a compromise gets none.
USER node
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node as PID 1 gets SIGTERM from `docker stop` and shuts down gracefully (SHUTDOWN_TIMEOUT_MS).
# Without MONGODB_URI it exits at once saying so.
CMD ["node", "--enable-source-maps", "dist/main/serve.js"]
