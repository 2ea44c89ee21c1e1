// Reading the raw inputs the same way for every concern: trimmed text, booleans, whole numbers, lists
// and KEY=VALUE lines. A bad value is noted, not thrown, and the reader falls back to the default, so
// parseSettings can report every problem at once.

const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

export class InputReader {
  /** Every problem found so far, in the order found. */
  readonly problems: string[] = [];
  /** What reading changed (e.g. a lower-cased image), for notices in the log. */
  readonly notices: string[] = [];

  constructor(private readonly raw: Record<string, string | undefined>) {}

  /** The input, trimmed; '' when not given. */
  get(name: string): string {
    return (this.raw[name] ?? '').trim();
  }

  /** The input exactly as given, for values whose spaces may matter (a password, a regular expression). */
  verbatim(name: string): string {
    return this.raw[name] ?? '';
  }

  fail(message: string): void {
    this.problems.push(message);
  }

  notice(message: string): void {
    this.notices.push(message);
  }

  bool(name: string, fallback: boolean): boolean {
    const value = this.get(name).toLowerCase();
    if (value === '') return fallback;
    if (['true', 'yes', '1', 'on'].includes(value)) return true;
    if (['false', 'no', '0', 'off'].includes(value)) return false;
    this.fail(`${name}: "${this.get(name)}" is not a boolean; use true or false.`);
    return fallback;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const value = this.get(name);
    if (value === '') return fallback;
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      this.fail(`${name}: "${value}" is not a whole number from ${min} to ${max}.`);
      return fallback;
    }
    return Number(value);
  }

  /** A list given one per line or comma-separated. */
  list(name: string): string[] {
    return this.get(name)
      .split(/[\n,]/)
      .map((item) => item.trim())
      .filter((item) => item !== '');
  }

  /** KEY=VALUE lines; values are kept verbatim (they travel as argument array items, never through a shell). */
  keyValues(name: string): Record<string, string> {
    const result: Record<string, string> = {};
    for (const line of this.get(name).split('\n')) {
      if (line.trim() === '' || line.trim().startsWith('#')) continue;
      const eq = line.indexOf('=');
      const key = eq < 0 ? line.trim() : line.slice(0, eq).trim();
      if (eq < 0 || !ENV_KEY.test(key)) {
        this.fail(`${name}: "${line.trim()}" is not KEY=VALUE with a KEY of letters, digits and _ (e.g. LOG_LEVEL=debug).`);
        continue;
      }
      result[key] = line.slice(eq + 1);
    }
    return result;
  }
}
