/**
 * The dashboard (web/, built by `npm run build` into dist/web) served at `/` as static files. They are
 * public: the page has to load before it can ask for a key, and it holds no data of its own. Vite names
 * the files under `assets/` by content hash, so they are cached for a year; index.html is revalidated on
 * every load so a new build is picked up at once. Routing is by hash (`#/report/12`): no fallback route.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import type { RouteContext } from '../build-app.js';

/** src/server/routes (or dist/server/routes once compiled) → the package root → dist/web. */
export const DEFAULT_WEB_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'dist', 'web');

const HASHED_ASSET = /[\\/]assets[\\/][^\\/]+-[\w-]{8,}\.\w+$/;

export const webRoutes: FastifyPluginAsync<RouteContext> = async (app, { options }) => {
  if (options.web === false) return;
  const root = options.webRoot ?? DEFAULT_WEB_ROOT;
  if (!existsSync(join(root, 'index.html'))) {
    app.log.warn({ root }, `the dashboard is not built (no ${join(root, 'index.html')}): run \`npm run build\` to serve it at /; the API works without it`);
    return;
  }
  // @fastify/static takes no route config, so the routes it adds are marked public here, in their own scope,
  // for buildApp's auth hook (which skips routes whose config says public).
  app.addHook('onRoute', (route) => {
    route.config = { ...(route.config ?? {}), public: true } as typeof route.config;
  });
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    // Only the dashboard's files: no directory listings, no dotfiles, and not in the OpenAPI document.
    list: false,
    dotfiles: 'deny',
    schemaHide: true,
    cacheControl: false,
    setHeaders: (reply, path) => {
      void reply.header('cache-control', HASHED_ASSET.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      void reply.header('x-content-type-options', 'nosniff');
    },
  });
  app.log.debug({ root }, 'serving the dashboard at /');
};
