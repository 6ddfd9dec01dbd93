# repwatch: multi-stage build. Runtime = Node 22 slim + Debian chromium, non-root, tini as PID 1.
# Build: docker build -t repwatch .      Run: docker run --rm -e SLACK_BOT_TOKEN -v $PWD:/config repwatch
# Daemon: docker run -d -e SLACK_BOT_TOKEN -e REPWATCH_STORE=mongodb -e MONGODB_URI repwatch repwatch daemon

FROM node:22-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

FROM node:22-bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium tini ca-certificates fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    REPWATCH_CHROMIUM_PATH=/usr/bin/chromium \
    REPWATCH_DB=/data/repwatch.db
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY sources ./sources
COPY rules ./rules
COPY schemas ./schemas
RUN ln -s /app/dist/cli.js /usr/local/bin/repwatch && chmod +x /app/dist/cli.js \
 && mkdir -p /data && chown node:node /data
# node (uid 1000): numeric, so Kubernetes runAsNonRoot can verify it
USER 1000:1000
VOLUME ["/data"]
# Daemon mode (`repwatch daemon`) serves /metrics and /healthz here; a one-shot `repwatch run` serves nothing.
ENV REPWATCH_METRICS_PORT=9464
EXPOSE 9464
# Daemon containers: healthy while /healthz answers 200 (scheduler alive, store reachable). One-shot
# run containers count as healthy: their exit code is what matters (see src/ops/healthcheck.ts).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "/app/dist/ops/healthcheck.js"]
# tini as PID 1 forwards SIGTERM to repwatch, which stops gracefully (20 s grace) and reaps Chromium.
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["repwatch", "run"]
