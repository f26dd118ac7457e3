/**
 * Every resource of the API is one Fastify plugin here, registered in this order by buildApp. A new
 * resource: write `routes/<resource>.ts` (schemas in src/contracts/<resource>.ts), export a
 * `FastifyPluginAsync<RouteContext>`, and add it to the list.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { RouteContext } from '../build-app.js';
import { systemRoutes } from './system.js';
import { meRoutes } from './me.js';
import { keyRoutes } from './keys.js';
import { servingRoutes } from './serving.js';
import { seedRoutes } from './seed.js';
import { modelRoutes } from './models.js';
import { jobRoutes } from './jobs.js';
import { approvalRoutes } from './approvals.js';
import { auditRoutes } from './audit.js';
import { reportRoutes } from './reports.js';
import { analyzeRoutes } from './analyze.js';
import { alertRoutes } from './alerts.js';
import { monitoringRoutes } from './monitoring.js';
import { eventRoutes } from './events.js';
import { demoRoutes } from './demo.js';
import { webRoutes } from './web.js';

export const ROUTES: readonly FastifyPluginAsync<RouteContext>[] = [systemRoutes, meRoutes, keyRoutes, servingRoutes, seedRoutes, modelRoutes, jobRoutes, approvalRoutes, auditRoutes, reportRoutes, analyzeRoutes, alertRoutes, monitoringRoutes, eventRoutes, demoRoutes, webRoutes];
