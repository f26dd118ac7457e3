/**
 * What the dashboard's demo buttons do (`POST /v1/demo/simulate-drift`, `POST /v1/demo/reset`), for
 * `driftwatch serve --demo`: the server names the operations, the demo command that runs the traffic
 * implements them.
 */
import { decideApproval } from '../../pipeline/index.js';
import { PRODUCTION } from '../../registry/index.js';
import type { Runtime } from '../../runtime/index.js';
import type { DemoController } from '../../server/start-server.js';
import type { DemoTraffic } from './demo-traffic.js';
import { DEMO_MODEL } from './serve-demo.js';

const BURST_ROWS = 600;

export function createDemoController(runtime: Runtime, traffic: () => DemoTraffic | undefined): DemoController {
  const running = (): DemoTraffic => {
    const t = traffic();
    if (t === undefined) throw new Error('the demo traffic is not running');
    return t;
  };
  return {
    async simulateHighDrift(actor) {
      const rows = await running().burst(BURST_ROWS);
      const check = await runtime.check(DEMO_MODEL, `demo: high drift simulated by ${actor}`);
      return { rows, reportId: check.reportId, drift: check.drift, driftShare: check.driftShare };
    },
    async reset(actor) {
      const { store, registry, clock } = runtime;
      running().restart();
      // Pending requests are rejected (a decision, recorded), never deleted.
      const pending = await store.approvals.list({ state: 'pending', modelName: DEMO_MODEL });
      for (const a of pending) await decideApproval({ store, clock, registry }, a.id, 'rejected', actor, 'demo reset');
      const production = await registry.getVersion({ name: DEMO_MODEL, alias: PRODUCTION });
      let productionVersion = production.version;
      if (production.version !== 1) productionVersion = (await registry.promote(DEMO_MODEL, 1, { actor, reason: 'demo reset' })).version;
      // Logged traffic goes (the next checks start from clean windows); reports, versions and the audit trail stay.
      const rows = await store.predictions.prune(DEMO_MODEL, clock.now() + 1);
      return { rejectedApprovals: pending.length, productionVersion, deletedRows: rows };
    },
  };
}
