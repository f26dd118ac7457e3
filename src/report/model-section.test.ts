/** The model section in the terminal summary and the HTML report (the JSON is pinned by json.test.ts). */
import { describe, expect, it } from 'vitest';
import { sampleModelReport } from '../../test/fixtures/report/sample-model-report.js';
import { sampleReport } from '../../test/fixtures/report/sample-report.js';
import { renderHtml } from './html.js';
import { renderTerminal } from './terminal.js';

describe('the model section', () => {
  it('terminal: the model block, every metric before and after, and the alert as the last line', () => {
    const text = renderTerminal(sampleModelReport, { width: 100 });
    const lines = text.trimEnd().split('\n');
    expect(lines.at(-1)).toBe('PERFORMANCE ALERT: F1 dropped from 0.531 to 0.447 (drop 0.083 > max 0.05)');
    expect(text).toContain('Model models/churn.json (gradient-boosted trees, binary: No, Yes)');
    expect(text).toMatch(/^ {2}classes {5}ztest \+ jensenshannon .* DRIFTED$/m);
    expect(text).toMatch(/^ {2}confidence {2}ks \+ wasserstein .* DRIFTED$/m);
    expect(text).toContain('mean 0.866 -> 0.895 (+0.029), below 0.6: 8% -> 7%');
    expect(text).toContain('    F1                0.531 -> 0.447 (-0.083) (watched)');
    expect(text).toContain('    ROC AUC           0.798 -> n/a (n/a)');
    // Without a model, the summary is as before.
    expect(renderTerminal(sampleReport, { width: 100 })).not.toContain('Model ');
  });

  it('HTML: the verdict banner, a before/after table, the per-class table, the confidence table and both histograms', () => {
    const html = renderHtml(sampleModelReport);
    expect(html).toContain('<section class="card" id="model"><h2>Model</h2>');
    expect(html).toContain('<div class="banner drift" role="alert">PERFORMANCE ALERT: F1 dropped from 0.531 to 0.447 (drop 0.083 &gt; max 0.05)</div>');
    expect(html).toMatch(/<tr><td>F1<\/td><td class="num">0\.531<\/td><td class="num">0\.447<\/td><td class="num">-0\.083<\/td><td class="small muted">watched: alert when it drops by more than 0\.05<\/td><\/tr>/);
    expect(html).toContain('<table id="model-per-class">');
    expect(html).toContain('<tr><th scope="row">Yes</th><td class="num">0.567</td><td class="num">0.603</td><td class="num">0.499</td><td class="num">0.356</td><td class="num">0.531</td><td class="num">0.447</td><td class="num">531</td><td class="num">447</td></tr>');
    expect(html).toMatch(/<tr><td>Rows below 0\.6<\/td><td class="num">8\.2%<\/td><td class="num">7\.1%<\/td>/);
    for (const id of ['model-predictions', 'model-confidence-histogram']) expect(html).toMatch(new RegExp(`<details class="dist" id="${id}"[^>]* open>[\\s\\S]*?<svg`));
    expect(renderHtml(sampleReport)).not.toContain('id="model"');
  });
});
