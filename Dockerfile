# syntax=docker/dockerfile:1
#
# One image for every Hydrator service; the command picks the service:
#   node dist/apps/gateway/src/main.js      GraphQL API, Jenkins webhook, Bull Board (port 3000)
#   node dist/apps/registry/src/main.js     records Jenkins reports
#   node dist/apps/scheduler/src/main.js    plans the weekly rollout
#   node dist/apps/runner/src/main.js       runs rollouts through Jenkins (any number of replicas)
#   node dist/apps/notifier/src/main.js     delivers Slack and Jira messages
#   node dist/apps/hydrator/src/main.js     everything in one process (the default; demo/small installs)
#   node dist/libs/database/src/migrate.js  applies the database migrations, then exits
# Every service listens on PORT (default 3000) and answers /health/live and /health/ready.
#
#   docker build -t hydrator .
#   docker compose up        (see docker-compose.yml)

ARG NODE_IMAGE=node:20-bookworm-slim

# --- build: all dependencies, compile TypeScript to dist/, then drop the dev dependencies --------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV npm_config_audit=false \
    npm_config_fund=false \
    npm_config_update_notifier=false
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --include=dev
COPY . .
RUN npm run build \
 && rm -f dist/.tsbuildinfo dist/tsconfig.tsbuildinfo \
 && npm prune --omit=dev

# --- runtime: compiled code and production dependencies only, as the unprivileged `node` user ----
FROM ${NODE_IMAGE} AS runtime
# git: shortlogs can come from local bare mirrors (GIT_MIRROR_DIR, a mounted volume) instead of the
# GitHub API; mirrors mounted from elsewhere belong to another user, hence safe.directory.
RUN apt-get update \
 && apt-get install -y --no-install-recommends git ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && git config --system --add safe.directory '*'
ENV NODE_ENV=production \
    PORT=3000
WORKDIR /app
# Code stays owned by root (read-only to the service); only .hydrator/ (state of the all-in-one
# `hydrator` command when it has to run an embedded PostgreSQL) is writable.
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
RUN mkdir -p /app/.hydrator && chown node:node /app/.hydrator
USER node
EXPOSE 3000
# Nest registers SIGTERM handlers, so node as PID 1 shuts down gracefully on `docker stop` / pod deletion.
STOPSIGNAL SIGTERM
CMD ["node", "dist/apps/hydrator/src/main.js"]
