# syntax=docker/dockerfile:1
# fxrates: the API (and its scheduled ingestion) as a container. TypeScript runs through tsx, a runtime
# dependency, so there is no build output: the final stage is production dependencies plus the sources.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# Production dependencies only; no install scripts (the embedded-MongoDB package would download mongod).
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json ./
COPY bin ./bin
COPY src ./src
# Not root: the service needs no privilege, and a compromise gets none.
USER node
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node as PID 1 gets SIGTERM from `docker stop` and shuts down gracefully (SHUTDOWN_TIMEOUT_MS).
CMD ["node", "--import", "tsx", "src/app/main.ts"]
