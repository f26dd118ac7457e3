/**
 * Demo mode only: `POST /v1/demo/simulate-drift` (a burst of drifted, labelled traffic and a check now) and
 * `POST /v1/demo/reset` (back to the start). Operators, like every other change; both audited.
 */
import type { FastifyPluginAsync } from 'fastify';
import { resetDemoResponseSchema, simulateDriftResponseSchema, type ResetDemoResponse, type SimulateDriftResponse } from '../../contracts/index.js';
import { DriftwatchError } from '../../core/index.js';
import type { RouteContext } from '../build-app.js';
import type { DemoController } from '../demo-controller.js';
import { optionalBody } from '../optional-body.js';
import { routeSchema } from '../route-schema.js';

export const demoRoutes: FastifyPluginAsync<RouteContext> = async (app, { options }) => {
  if (options.demo !== true) return;
  const controller = (): DemoController => {
    if (options.demoController === undefined) throw new DriftwatchError('CONFLICT', 'this process runs no demo traffic (start it with `driftwatch serve --demo`)');
    return options.demoController;
  };

  app.post('/v1/demo/simulate-drift', {
    preValidation: optionalBody,
    config: { audit: { action: 'demo.drift_simulated', subjectKind: 'model' } },
    schema: routeSchema({
      tags: ['demo'],
      summary: 'Demo: send strongly drifted traffic and check now',
      description: 'Sends a burst of drifted rows with their labels through the predict and feedback routes, jumps the traffic to full drift, and runs the drift check at once.',
      response: { 200: simulateDriftResponseSchema },
    }),
  }, async (req): Promise<SimulateDriftResponse> => {
    const r = await controller().simulateHighDrift(req.principal.name);
    req.auditDetails = { rows: r.rows, report: r.reportId };
    return { rows: r.rows, report_id: r.reportId, drift: r.drift, drift_share: r.driftShare };
  });

  app.post('/v1/demo/reset', {
    preValidation: optionalBody,
    config: { audit: { action: 'demo.reset', subjectKind: 'model' } },
    schema: routeSchema({
      tags: ['demo'],
      summary: 'Demo: back to the start',
      description: 'Undrifted traffic again, pending approvals rejected (recorded), version 1 back in production with its baseline, logged rows cleared. Reports, versions and the audit trail are kept.',
      response: { 200: resetDemoResponseSchema },
    }),
  }, async (req): Promise<ResetDemoResponse> => {
    const r = await controller().reset(req.principal.name);
    req.auditDetails = { ...r };
    return { rejected_approvals: r.rejectedApprovals, production_version: r.productionVersion, deleted_rows: r.deletedRows };
  });
};
