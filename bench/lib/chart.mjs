// The chart a person looks at: one panel per app, a bar per server (requests/s, p99 beside it), ours
// in blue. Drawn as SVG by hand (no charting library offline) and turned into PNG by rsvg-convert.
import * as fs from 'node:fs';
import { onPath, run } from './exec.mjs';
import { ENDPOINTS } from './load.mjs';

const COLORS = { ours: '#1f6feb', oursVariant: '#79b8ff', sweep: '#f0883e', peer: '#8b949e' };
const escape = (text) => String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The bars of one panel: our servers, every peer, and the best sweep point for that app. */
export function panelBars(servers, rows, analysis, endpoint) {
  const ok = servers.filter((s) => rows.get(s.id)?.ok);
  const bestSweepId = analysis.perEndpoint[endpoint]?.bestSweep?.id;
  const allRoundId = analysis.allRound.find((p) => p.id !== 'ours')?.id;
  return ok
    .filter((s) => s.role !== 'sweep' || s.id === bestSweepId || s.id === allRoundId)
    .map((s) => {
      const e = rows.get(s.id).endpoints[endpoint];
      let label = s.label;
      if (s.role === 'sweep') label += s.id === bestSweepId ? ' (best sweep)' : ' (best all-round)';
      const color =
        s.id === 'ours'
          ? COLORS.ours
          : s.role === 'ours' || s.role === 'candidate'
            ? COLORS.oursVariant
            : s.role === 'sweep'
              ? COLORS.sweep
              : COLORS.peer;
      return { label, rps: e.rps, p99: e.p99Ms, errors: e.errors, color };
    });
}

export function renderSvg({ servers, rows, analysis, title, subtitle }) {
  const panelWidth = 720;
  const labelWidth = 290;
  const barArea = 260;
  const barHeight = 22;
  const gap = 6;
  const panels = ENDPOINTS.map((e) => ({ ...e, bars: panelBars(servers, rows, analysis, e.id) }));
  const maxBars = Math.max(1, ...panels.map((p) => p.bars.length));
  const panelHeight = 40 + maxBars * (barHeight + gap) + 10;
  const top = 70;
  const width = panelWidth * 2 + 20;
  const height = top + panelHeight * 2 + 40;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="DejaVu Sans, sans-serif">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="20" y="30" font-size="20" font-weight="bold">${escape(title)}</text>`,
    `<text x="20" y="52" font-size="13" fill="#555">${escape(subtitle)}</text>`,
  ];
  panels.forEach((panel, index) => {
    const x0 = 10 + (index % 2) * panelWidth;
    const y0 = top + Math.floor(index / 2) * panelHeight;
    const max = Math.max(1, ...panel.bars.map((b) => b.rps));
    parts.push(
      `<text x="${x0 + 10}" y="${y0 + 20}" font-size="15" font-weight="bold">${escape(panel.label)} (${escape(panel.path)}) — requests/s, p99</text>`,
    );
    panel.bars.forEach((bar, i) => {
      const y = y0 + 34 + i * (barHeight + gap);
      const w = Math.max(1, (bar.rps / max) * barArea);
      const errors = bar.errors > 0 ? ` · ${bar.errors} err` : '';
      parts.push(
        `<text x="${x0 + labelWidth - 6}" y="${y + 16}" font-size="12" text-anchor="end">${escape(bar.label)}</text>`,
        `<rect x="${x0 + labelWidth}" y="${y}" width="${w.toFixed(1)}" height="${barHeight}" fill="${bar.color}"/>`,
        `<text x="${x0 + labelWidth + w + 5}" y="${y + 16}" font-size="12">${Math.round(bar.rps).toLocaleString('en-US')} · p99 ${bar.p99.toFixed(0)} ms${errors}</text>`,
      );
    });
  });
  const legendY = height - 15;
  const legend = [
    [COLORS.ours, 'ours, auto-tuned default'],
    [COLORS.oursVariant, 'ours: other Python or settings'],
    [COLORS.sweep, 'sweep point (our image, counts forced)'],
    [COLORS.peer, 'peer'],
  ];
  legend.forEach(([color, text], i) => {
    const x = 20 + i * 350;
    parts.push(
      `<rect x="${x}" y="${legendY - 11}" width="12" height="12" fill="${color}"/>`,
      `<text x="${x + 18}" y="${legendY}" font-size="12">${escape(text)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}

/**
 * Writes SVG, and PNG when rsvg-convert is there. Returns the PNG path, or '' when only the SVG was made.
 * @param {string} svg
 * @param {string} svgPath
 * @param {string} pngPath
 * @returns {Promise<string>}
 */
export async function writeChart(svg, svgPath, pngPath) {
  fs.writeFileSync(svgPath, svg);
  if (!(await onPath('rsvg-convert'))) return '';
  const result = await run('rsvg-convert', ['--format', 'png', '--output', pngPath, svgPath]);
  return result.code === 0 ? pngPath : '';
}
