// @vitest-environment happy-dom
/**
 * The app against an HTTP API on a real socket (testing/stub-api.ts, PLAN.md's routes): cards filled from the
 * summary and refreshed by the event stream, sign-in with a key, viewer vs operator buttons, approve with a
 * comment, and failures shown with the server's message.
 */
import { act, cleanup, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { App } from './App.tsx';
import { MODEL_DETAIL, MODELS, PENDING, SUMMARY } from './testing/fixtures.ts';
import { startStubApi, type StubApi } from './testing/stub-api.ts';

// Lazy pages and a real socket: under a loaded test run the first render can take more than the default 1 s.
configure({ asyncUtilTimeout: 5000 });

let stub: StubApi;
const OPERATOR = { name: 'local', role: 'operator', keyless: true, demo: true };

beforeAll(async () => {
  stub = await startStubApi({});
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`${stub.url}/`);
});
afterAll(async () => {
  await stub.close();
});
beforeEach(() => {
  window.sessionStorage.clear();
  stub.requests.length = 0;
  stub.on('GET /v1/me', { body: OPERATOR });
  stub.on('GET /v1/models', { body: { models: MODELS } });
  stub.on('GET /v1/models/churn/summary', { body: SUMMARY });
  stub.on('GET /v1/events', { body: { events: [] } });
  stub.on('GET /v1/approvals', { body: { approvals: [PENDING] } });
  stub.on('GET /v1/models/churn', { body: MODEL_DETAIL });
  stub.on('GET /v1/models/churn/aliases/history', { body: { history: [{ alias: 'production', version: 1, previous_version: null, at: '2026-12-01T10:00:00Z', actor: 'ops', reason: null, kind: 'promote' }] } });
});
afterEach(() => {
  cleanup();
  window.location.hash = '';
});

const go = (hash: string): void => {
  act(() => {
    window.location.hash = hash;
  });
};

describe('dashboard against the API', () => {
  it('fills the overview cards from the summary and refreshes them when the event stream reports', async () => {
    go('#/overview');
    render(<App />);
    const cards = await screen.findByTestId('cards', {}, { timeout: 5000 });
    expect(within(cards).getByRole('region', { name: 'Total predictions' }).textContent).toContain('4,200');
    expect(within(cards).getByRole('region', { name: 'Drifted columns' }).textContent).toContain('3 / 19');
    expect(within(cards).getByRole('region', { name: 'Highest drift score' }).textContent).toContain('tenure');
    expect(screen.getByTestId('severity').textContent).toContain('MEDIUM');
    expect(screen.queryByTestId('alert-banner')).toBeNull();

    await waitFor(() => expect(screen.getByTestId('stream-state').textContent).toContain('live'), { timeout: 5000 });
    stub.on('GET /v1/models/churn/summary', { body: { ...SUMMARY, total_predictions: 5300, active_alerts: [{ kind: 'dataset_drift', severity: 'HIGH', summary: '12 of 19 columns drifted' }] } });
    stub.push({ id: 1, model: 'churn', kind: 'drift_started', severity: 'HIGH', at: '2026-12-06T12:00:00Z', summary: 'drift started' });
    await waitFor(() => expect(within(screen.getByTestId('cards')).getByRole('region', { name: 'Total predictions' }).textContent).toContain('5,300'), { timeout: 5000 });
    expect(screen.getByTestId('alert-banner').textContent).toContain('Dataset drift (HIGH): 12 of 19 columns drifted');
    expect(screen.getByTestId('events').textContent).toContain('drift started');
  });

  it('asks for a key when keys are required, keeps it in sessionStorage, and shows a viewer no operator buttons', async () => {
    stub.on('GET /v1/me', (r) => (r.auth === 'Bearer viewer-key' ? { body: { name: 'alice', role: 'viewer', keyless: false } } : { status: 401, body: { error: { code: 'UNAUTHORIZED', message: 'an API key is required' } } }));
    go('#/approvals');
    render(<App />);
    const keyInput = await screen.findByLabelText('API key');
    fireEvent.change(keyInput, { target: { value: 'wrong-key' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText(/That key was refused/)).toBeTruthy();
    expect(window.sessionStorage.getItem('driftwatch.apiKey')).toBeNull();

    fireEvent.change(screen.getByLabelText('API key'), { target: { value: 'viewer-key' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByTestId('approval')).toBeTruthy();
    expect(window.sessionStorage.getItem('driftwatch.apiKey')).toBe('viewer-key');
    expect(screen.getByTestId('who').textContent).toContain('viewer');
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Refresh analysis' })).toBeNull();
    expect(screen.getByText('Only operators can approve or reject.')).toBeTruthy();
    expect(stub.requests.filter((r) => r.path === '/v1/approvals').every((r) => r.auth === 'Bearer viewer-key')).toBe(true);
  });

  it('lets an operator approve with a comment after confirming, and shows why a rejection failed', async () => {
    stub.on('POST /v1/approvals/7/approve', { body: { ...PENDING, state: 'approved' } });
    stub.on('POST /v1/approvals/7/reject', { status: 409, body: { error: { code: 'CONFLICT', message: 'approval 7 was already decided' } } });
    go('#/approvals');
    render(<App />);
    const card = await screen.findByTestId('approval');
    expect(card.textContent).toContain('Promote churn v2');
    expect(card.textContent).toContain('vs champion');

    fireEvent.click(within(card).getByRole('button', { name: 'Reject' }));
    fireEvent.click(within(card).getByRole('button', { name: 'Confirm reject' }));
    expect((await within(card).findByRole('alert')).textContent).toContain('approval 7 was already decided');

    fireEvent.click(within(card).getByRole('button', { name: 'Approve' }));
    fireEvent.change(within(card).getByLabelText('Comment (optional)'), { target: { value: 'looks good' } });
    fireEvent.click(within(card).getByRole('button', { name: 'Confirm approve' }));
    await waitFor(() => expect(stub.requests.some((r) => r.path === '/v1/approvals/7/approve')).toBe(true));
    expect(JSON.parse(stub.requests.find((r) => r.path === '/v1/approvals/7/approve')!.body)).toEqual({ comment: 'looks good' });
    expect(screen.getByRole('button', { name: 'Simulate high drift' })).toBeTruthy();
  });

  it('shows models with the production alias and promotes only after confirmation', async () => {
    stub.on('POST /v1/models/churn/promote', { body: { ok: true } });
    go('#/models/churn');
    render(<App />);
    expect((await screen.findByTestId('production-version')).textContent).toBe('v1');
    expect(screen.getByTestId('timeline').textContent).toContain('v1');
    fireEvent.click(screen.getByRole('button', { name: 'Promote v2' }));
    expect(stub.requests.some((r) => r.path === '/v1/models/churn/promote')).toBe(false);
    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: 'better f1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Confirm promote v2' }));
    await waitFor(() => expect(stub.requests.some((r) => r.path === '/v1/models/churn/promote')).toBe(true));
    expect(JSON.parse(stub.requests.find((r) => r.path === '/v1/models/churn/promote')!.body)).toEqual({ version: 2, alias: 'production', reason: 'better f1' });
  });

  it('shows an analyze error beside the file it is about', async () => {
    stub.on('POST /v1/analyze', { status: 400, body: { error: { code: 'INVALID_INPUT', message: 'current.csv line 4: expected 20 fields, found 3', field: 'current' } } });
    go('#/analyze');
    render(<App />);
    const ref = await screen.findByLabelText('Reference file');
    fireEvent.change(ref, { target: { files: [new File(['a,b\n1,2\n'], 'reference.csv', { type: 'text/csv' })] } });
    fireEvent.change(screen.getByLabelText('Current file'), { target: { files: [new File(['a,b\n1\n'], 'current.csv', { type: 'text/csv' })] } });
    // Submitted as the button would; happy-dom's constraint validation does not see files set by a test.
    fireEvent.submit(screen.getByRole('button', { name: 'Run analysis' }).closest('form')!);
    const alert = await screen.findByRole('alert', {}, { timeout: 5000 });
    expect(alert.textContent).toContain('Current file:');
    // Beside the file, the upload's name is not repeated ("Current file: current: …").
    expect(alert.textContent).toContain('Current file: current.csv line 4: expected 20 fields, found 3');
    expect(screen.getByLabelText('Current file').getAttribute('aria-invalid')).toBe('true');
    const sent = stub.requests.find((r) => r.path === '/v1/analyze')!;
    expect(sent.body).toContain('name="reference"; filename="reference.csv"');
    expect(sent.body).toContain('name="preset"');
  });

  it('shows a viewer the models without promote, rollback or retraining buttons', async () => {
    stub.on('GET /v1/me', { body: { name: 'viewer-1', role: 'viewer', keyless: false } });
    go('#/models/churn');
    render(<App />);
    expect((await screen.findByTestId('production-version', {}, { timeout: 5000 })).textContent).toBe('v1');
    expect(screen.getByTestId('versions').textContent).toContain('Accuracy 0.86');
    for (const name of [/^Promote/, /^Roll back/, /^Start retraining/]) expect(screen.queryByRole('button', { name })).toBeNull();
  });

  it('goes back to sign-in when a call answers 401 mid-session', async () => {
    window.sessionStorage.setItem('driftwatch.apiKey', 'revoked-key');
    let revoked = false;
    stub.on('GET /v1/me', (r) => (revoked || r.auth !== 'Bearer revoked-key' ? { status: 401, body: { error: { code: 'UNAUTHORIZED', message: 'unknown API key' } } } : { body: { name: 'ops', role: 'operator', keyless: false } }));
    stub.on('GET /v1/jobs', () => ({ status: 401, body: { error: { code: 'UNAUTHORIZED', message: 'unknown API key' } } }));
    stub.on('GET /v1/audit', { body: { events: [] } });
    stub.on('GET /v1/alerts', { body: { alerts: [] } });
    stub.on('GET /v1/alerts/deliveries', { body: { deliveries: [] } });
    go('#/approvals');
    render(<App />);
    await screen.findByTestId('approval', {}, { timeout: 5000 });
    revoked = true;
    go('#/jobs');
    expect(await screen.findByLabelText('API key', {}, { timeout: 5000 })).toBeTruthy();
    expect(window.sessionStorage.getItem('driftwatch.apiKey')).toBeNull();
  });
});
