import { describe, expect, it } from 'vitest';
import { categoricalColumn, createTable, numericColumn } from '../../data/index.js';
import { unseenCategories } from './unseen-categories.js';

describe('unseenCategories', () => {
  const inputs = [
    { name: 'plan', kind: 'categorical' as const, categories: ['basic', 'plus'] },
    { name: 'seats', kind: 'categorical' as const, categories: ['1', '2'] },
    { name: 'x', kind: 'numeric' as const },
  ];

  it('counts rows per column, most frequent values first; missing values are not unseen', () => {
    const t = createTable([
      categoricalColumn('plan', ['basic', 'gold', null, 'gold', 'trial', 'plus', 'gold', 'x', 'y']),
      numericColumn('seats', [1, 2, 3, NaN, 1, 1, 1, 7, 1]),
      numericColumn('x', [1, 2, 3, 4, 5, 6, 7, 8, 9]),
    ]);
    expect(unseenCategories(inputs, t)).toEqual([
      { column: 'plan', rows: 6, distinct: 4, values: ['gold', 'trial', 'x'] },
      { column: 'seats', rows: 2, distinct: 2, values: ['3', '7'] },
    ]);
  });

  it('nothing when every value was seen, or the model records no categories', () => {
    const t = createTable([categoricalColumn('plan', ['basic', 'plus', null])]);
    expect(unseenCategories(inputs, t)).toEqual([]);
    expect(unseenCategories([{ name: 'plan', kind: 'categorical' }], createTable([categoricalColumn('plan', ['gold'])]))).toEqual([]);
  });
});
