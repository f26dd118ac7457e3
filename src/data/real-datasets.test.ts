import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readTable } from './read-table.js';
import { categoryAt, type CategoricalColumn } from './table/index.js';

// The bundled copies of ../shared/data (examples/data), so these tests run wherever the repository is.
const repoRoot = resolve(fileURLToPath(import.meta.url), '../../..');
const breast = resolve(repoRoot, 'examples/data/breast_cancer_wisconsin.csv');
const telco = resolve(repoRoot, 'examples/data/telco_churn.csv');

describe('breast_cancer_wisconsin.csv', () => {
  it('reads 569 rows x 31 numeric columns with a 0/1 numeric target', async () => {
    const t = await readTable(breast);
    expect(t.rowCount).toBe(569);
    expect(t.columns).toHaveLength(31);
    expect(t.names[0]).toBe('mean radius');
    for (const c of t.columns) expect([c.name, c.storage, c.kind]).toEqual([c.name, 'numeric', 'numeric']);
    const target = t.column('target')!;
    const values = target.storage === 'numeric' ? Array.from(target.values) : [];
    expect(values.filter((v) => v === 0)).toHaveLength(212);
    expect(values.filter((v) => v === 1)).toHaveLength(357);
  });

  it('gives the same table at a small chunk size', async () => {
    const a = await readTable(breast);
    const b = await readTable(breast, { chunkSize: 997 });
    for (const c of a.columns) {
      const other = b.column(c.name)!;
      expect(c.storage === 'numeric' && other.storage === 'numeric' && Buffer.from(c.values.buffer, c.values.byteOffset, c.values.byteLength).equals(Buffer.from(other.values.buffer, other.values.byteOffset, other.values.byteLength))).toBe(true);
    }
  });
});

describe('telco_churn.csv', () => {
  it('reads 7043 rows with the documented kinds and missing values', async () => {
    const t = await readTable(telco);
    expect(t.rowCount).toBe(7043);
    expect(t.columns).toHaveLength(20);
    const total = t.column('total_charges')!;
    expect(total.kind).toBe('numeric');
    expect(total.storage === 'numeric' && total.values.filter(Number.isNaN).length).toBe(11);
    const contract = t.column('contract') as CategoricalColumn;
    expect([contract.kind, [...contract.dictionary].sort()]).toEqual(['categorical', ['Month-to-month', 'One year', 'Two year']]);
    const churn = t.column('churn') as CategoricalColumn;
    expect(churn.kind).toBe('boolean');
    const counts = new Map<string | null, number>();
    for (let i = 0; i < t.rowCount; i++) counts.set(categoryAt(churn, i), (counts.get(categoryAt(churn, i)) ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual({ Yes: 1869, No: 5174 });
    for (const name of ['female', 'senior_citizen', 'partner', 'dependents', 'phone_service', 'paperless_billing', 'tenure', 'monthly_charges']) {
      expect([name, t.column(name)!.kind]).toEqual([name, 'numeric']);
    }
    const payment = t.column('payment_method') as CategoricalColumn;
    expect(payment.dictionary).toHaveLength(4);
  });
});
