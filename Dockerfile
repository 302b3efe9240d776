# imsim as a container image: what docs/k8s-sweep.yaml runs (sweeps, years, merges).
# Build and push it as docs/k8s.md says:
#   docker build -t registry.example.com/imsim:0.1.0 .
# Two stages: the first installs everything and compiles; the second keeps the compiled
# code, the scenarios and the production dependencies only, and runs as a non-root user.
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts yet: `prepare` would build before the sources are copied in.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY machines ./machines
COPY scenarios ./scenarios
COPY scripts/copy-assets.mjs ./scripts/copy-assets.mjs
COPY src ./src
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/bin ./bin
COPY --from=build /app/dist ./dist
COPY --from=build /app/scenarios ./scenarios
RUN ln -s /app/bin/imsim /usr/local/bin/imsim
# The image's own unprivileged user (uid 1000); Kubernetes pods add fsGroup 1000 so it can write to /results.
USER node
WORKDIR /results
CMD ["imsim", "--help"]
