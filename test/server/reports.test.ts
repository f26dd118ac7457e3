/**
 * `POST /v1/analyze` and the reports routes through Fastify inject, on SQLite and Postgres: the CLI's
 * analysis of two uploads (with and without a model), the stored report as JSON, CSV and HTML, file errors
 * answered with the CLI's messages, temporary files removed; and the audit trail's filters.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { selectRows, tableToCsvString, type Table } from '../../src/data/index.js';
import { DriftwatchError } from '../../src/core/index.js';
import { saveNativeModel, trainModel } from '../../src/models/index.js';
import { CSV_COLUMNS, renderJson, reviveReport } from '../../src/report/index.js';
import { buildApp, uploadsFolder } from '../../src/server/index.js';
import type { Runtime } from '../../src/runtime/index.js';
import { analyzeFiles } from '../../src/workflows/index.js';
import { describeEachBackend, type TestBackend } from '../helpers/store-backends.js';
import { churnTable, createKey, multipart, registerChurnModel, testRuntime } from './helpers.js';

/** Reference: the first 800 rows; current: month-to-month customers only (tenure, charges and churn shift). */
async function pair(): Promise<{ reference: string; current: string; table: Table }> {
  const table = await churnTable(1500);
  const contract = table.column('contract')!;
  if (contract.storage !== 'categorical') throw new Error('contract is categorical');
  const monthly = contract.dictionary.indexOf('Month-to-month');
  const idx: number[] = [];
  for (let i = 800; i < table.rowCount; i++) if (contract.codes[i] === monthly) idx.push(i);
  return { reference: tableToCsvString(selectRows(table, Int32Array.from({ length: 800 }, (_, i) => i))), current: tableToCsvString(selectRows(table, Int32Array.from(idx))), table };
}

/** Uploads waiting in a runtime's data directory (each request empties its own). */
async function uploadDirs(home: string): Promise<number> {
  return (await readdir(uploadsFolder(home)).catch(() => [])).length;
}

describeEachBackend('analyze and reports routes', (backend: TestBackend) => {
  let runtime: Runtime | undefined;
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    await runtime?.close();
    runtime = undefined;
    app = undefined;
  });

  const setup = async () => {
    const opened = await backend.open();
    ({ runtime } = await testRuntime(opened));
    app = await buildApp(runtime);
    return { opened, app, runtime };
  };

  it('analyses two uploads like the CLI, stores the report and serves it as JSON, CSV and HTML', async () => {
    const { app } = await setup();
    const { reference, current } = await pair();
    const before = await uploadDirs(runtime!.home);
    const res = await app.inject({ method: 'POST', url: '/v1/analyze', ...multipart({ reference: { filename: 'reference.csv', content: reference }, current: { filename: 'current.csv', content: current }, label: 'churn', preset: 'default' }) });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.report_id).toEqual(expect.any(Number));
    expect(body.schema_version).toEqual(expect.any(String));
    expect(body.reference.path).toBe('reference.csv');
    expect(body.current.path).toBe('current.csv');
    expect(body.dataset.dataset_drift).toBe(true);
    expect(body.target_drift.name).toBe('churn');
    expect(body.columns.find((c: { name: string }) => c.name === 'tenure').drifted).toBe(true);
    expect(await uploadDirs(runtime!.home)).toBe(before);

    const stored = await app.inject({ url: `/v1/reports/${body.report_id}` });
    expect(stored.statusCode).toBe(200);
    expect(stored.headers['content-type']).toContain('application/json');
    const { report_id: _id, ...report } = body;
    expect(stored.json()).toEqual(report);
    const download = await app.inject({ url: `/v1/reports/${body.report_id}?format=json` });
    expect(download.headers['content-disposition']).toContain(`drift-report-${body.report_id}.json`);
    // Streamed in pieces, the same bytes as drift_report.json: indented, in key order, with its final newline.
    expect(download.body).toBe(renderJson(reviveReport(JSON.parse(download.body))));
    expect(download.json()).toEqual(report);
    const csv = await app.inject({ url: `/v1/reports/${body.report_id}?format=csv` });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split(/\r?\n/)[0]).toBe(CSV_COLUMNS.join(','));
    expect(csv.body).toContain('tenure');
    const html = await app.inject({ url: `/v1/reports/${body.report_id}?format=html` });
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toMatch(/^<!DOCTYPE html>/i);
    expect(html.body).toContain('tenure');
    expect((await app.inject({ url: `/v1/reports/${body.report_id}?format=pdf` })).statusCode).toBe(400);
    expect((await app.inject({ url: '/v1/reports/999999' })).statusCode).toBe(404);

    const list = (await app.inject({ url: '/v1/reports?limit=5' })).json().reports;
    expect(list[0]).toMatchObject({ id: body.report_id, model: null, dataset_drift: true, drifted_columns: body.dataset.drifted_columns });
  });

  it('adds the model section with an uploaded model file', async () => {
    const { app, opened } = await setup();
    const { reference, current, table } = await pair();
    const { model } = await trainModel(selectRows(table, Int32Array.from({ length: 800 }, (_, i) => i)), { label: 'churn', algo: 'gbdt', params: { n_estimators: 10, max_depth: 3 }, seed: 1, validFraction: 0 });
    const file = join(opened.home, 'm.json');
    await saveNativeModel(model, file);
    const res = await app.inject({ method: 'POST', url: '/v1/analyze', ...multipart({ reference: { filename: 'ref.csv', content: reference }, current: { filename: 'cur.csv', content: current }, model: { filename: 'model.json', content: await readFile(file) }, label: 'churn', store: 'false' }) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().report_id).toBeNull();
    expect(res.json().model).toMatchObject({ prediction_drift: expect.any(Object), performance: expect.any(Object) });
  });

  it("answers file problems with the CLI's message, the file as sent, its line and the part", async () => {
    const { app } = await setup();
    const { reference } = await pair();
    const ragged = 'a,b,c\n1,2,3\n4,5\n';
    const res = await app.inject({ method: 'POST', url: '/v1/analyze', ...multipart({ reference: { filename: 'reference.csv', content: reference }, current: { filename: 'current.csv', content: ragged } }) });
    expect(res.statusCode).toBe(400);
    // The CLI's workflow on the same files, named the same: the same sentence.
    const dir = await mkdtemp(join(tmpdir(), 'dw-cli-'));
    try {
      await writeFile(join(dir, 'reference.csv'), reference);
      await writeFile(join(dir, 'current.csv'), ragged);
      const cli = await analyzeFiles({ reference: { absolute: join(dir, 'reference.csv'), display: 'reference.csv' }, current: { absolute: join(dir, 'current.csv'), display: 'current.csv' } }).then(() => undefined, (e: unknown) => e);
      expect(cli).toBeInstanceOf(DriftwatchError);
      expect(res.json().error).toEqual({ code: (cli as DriftwatchError).code, message: (cli as DriftwatchError).toDisplayString(), field: 'current' });
      expect(res.json().error.message).toMatch(/^current\.csv:3: /);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }

    const label = await app.inject({ method: 'POST', url: '/v1/analyze', ...multipart({ reference: { filename: 'reference.csv', content: reference }, current: { filename: 'current.csv', content: reference }, label: 'churned' }) });
    expect(label.statusCode).toBe(400);
    expect(label.json().error.code).toBe('COLUMN_NOT_FOUND');
    expect(label.json().error.message).toContain('churn');

    const empty = await app.inject({ method: 'POST', url: '/v1/analyze', ...multipart({ reference: { filename: 'reference.csv', content: reference }, current: { filename: 'empty.csv', content: '' } }) });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error).toMatchObject({ code: 'FILE_EMPTY', field: 'current' });
    expect(empty.json().error.message).toContain('empty.csv');

    const headerOnly = await app.inject({ method: 'POST', url: '/v1/analyze', ...multipart({ reference: { filename: 'reference.csv', content: reference }, current: { filename: 'current.csv', content: 'a,b\n' } }) });
    expect([400, 422]).toContain(headerOnly.statusCode);

    const model = await app.inject({ method: 'POST', url: '/v1/analyze', ...multipart({ reference: { filename: 'reference.csv', content: reference }, current: { filename: 'current.csv', content: reference }, model: { filename: 'model.pkl', content: Buffer.from([0x80, 0x04, 0x95, 0x00]) } }) });
    expect([415, 422]).toContain(model.statusCode);
    expect(model.json().error.message).toContain('model.pkl');

    const missing = await app.inject({ method: 'POST', url: '/v1/analyze', ...multipart({ reference: { filename: 'reference.csv', content: reference } }) });
    expect(missing.json().error).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'current' });
    const share = await app.inject({ method: 'POST', url: '/v1/analyze', ...multipart({ reference: { filename: 'r.csv', content: reference }, current: { filename: 'c.csv', content: reference }, drift_share: '2' }) });
    expect(share.json().error).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'drift_share' });
  });

  it('refuses uploads over the size limit with a 413', async () => {
    const opened = await backend.open();
    ({ runtime } = await testRuntime(opened, { server: { body_limit_mb: 0.01 } }));
    app = await buildApp(runtime);
    const big = `a,b\n${'1,2\n'.repeat(5000)}`;
    const res = await app.inject({ method: 'POST', url: '/v1/analyze', ...multipart({ reference: { filename: 'r.csv', content: big }, current: { filename: 'c.csv', content: 'a,b\n1,2\n' } }) });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', field: 'reference' });
  });

  it('filters the audit trail by actor, action, model and time, newest first', async () => {
    const { app, opened } = await setup();
    await registerChurnModel(opened.store, opened.home);
    await registerChurnModel(opened.store, opened.home, { promote: false, seed: 4 });
    const ops = await createKey(opened.store, 'ops', 'operator');
    const viewer = await createKey(opened.store, 'viewer', 'viewer');
    expect((await app.inject({ method: 'POST', url: '/v1/models/churn/promote', headers: ops, payload: { version: 2 } })).statusCode).toBe(200);
    const mine = (await app.inject({ url: '/v1/audit?actor=ops', headers: viewer })).json().events;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((e: { actor: string }) => e.actor === 'ops')).toBe(true);
    const promoted = (await app.inject({ url: '/v1/audit?action=model.promoted', headers: viewer })).json().events;
    expect(promoted.map((e: { actor: string; model: string }) => [e.actor, e.model])).toEqual([['ops', 'churn'], ['test', 'churn']]);
    const model = (await app.inject({ url: '/v1/audit?model=churn&limit=3', headers: viewer })).json().events;
    expect(model).toHaveLength(3);
    expect(model[0].id).toBeGreaterThan(model[2].id);
    expect((await app.inject({ url: `/v1/audit?since=${Date.now() + 3_600_000}`, headers: viewer })).json().events).toEqual([]);
    const bad = await app.inject({ url: '/v1/audit?since=yesterday', headers: viewer });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('since');
  });
});
