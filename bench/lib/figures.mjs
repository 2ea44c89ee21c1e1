// Numbers as the reports print them, one rule per kind of figure so the classic and the database
// reports (and the lines the bench prints) always agree; a figure that was not measured prints "–".

export const int = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
export const ms = (n) => (Number.isFinite(n) ? (n >= 100 ? n.toFixed(0) : n.toFixed(1)) : '–');
export const mb = (bytes) => (Number.isFinite(bytes) ? (bytes / 1e6).toFixed(1) : '–');
export const secs = (msValue) => (Number.isFinite(msValue) ? (msValue / 1000).toFixed(2) : '–');
export const ratio = (r) => (Number.isFinite(r) ? `${r.toFixed(2)}×` : '–');
/**
 * A target with the figures that decide it; met is undefined when they were not all measured.
 * @typedef {{ name: string, measured: string, met: boolean | undefined }} Target
 */
export const verdict = (ok) => (ok === undefined ? 'not measured' : ok ? 'met' : '**not met**');

/** A ratio beside its target: a third decimal when two would round it onto the wrong side (0.845× is not 0.85×). */
export const ratioNear = (threshold) => (r) => (Number.isFinite(r) && Math.abs(r - threshold) < 0.005 ? `${r.toFixed(3)}×` : ratio(r));

/**
 * "plaintext 1.23×, JSON 0.98×": one figure per app (or test), each after its label.
 * @param {string[]} ids
 * @param {(id: string) => string} labelOf
 * @param {(id: string) => number} valueOf
 * @param {(n: number) => string} [format]
 */
export const labelled = (ids, labelOf, valueOf, format = ratio) => ids.map((id) => `${labelOf(id)} ${format(valueOf(id))}`).join(', ');

/**
 * A target's verdict over several figures: met when every one passes; undefined (not measured) when
 * one is missing, so a server that did not run never reads as a failed target.
 * @param {number[]} values
 * @param {(value: number) => boolean} passes
 */
export const allMet = (values, passes) => (values.every(Number.isFinite) ? values.every(passes) : undefined);
