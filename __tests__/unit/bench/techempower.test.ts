import { describe, expect, it } from 'vitest';
import { answerProblem, FORTUNES, htmlEscape, seedSql, sqlString } from '../../../bench/lib/techempower.mjs';

const json = (value: unknown) => ({ status: 200, contentType: 'application/json', body: JSON.stringify(value) });
const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i + 1, randomNumber: 10000 - i }));

/** A fortunes page as the app renders it: escaped, the added fortune in, sorted by message. */
function page(messages: string[]) {
  const sorted = [...messages].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `<table>${sorted.map((m, i) => `<tr><td>${i}</td><td>${htmlEscape(m)}</td></tr>`).join('\n')}</table>`;
}

describe('seedSql', () => {
  it('creates both tables, fills World in the database and quotes every fortune', () => {
    const sql = seedSql();
    expect(sql).toContain('CREATE TABLE world (id integer PRIMARY KEY, randomnumber integer NOT NULL);');
    expect(sql).toContain('FROM generate_series(1, 10000)');
    expect(sql).toContain(`(${FORTUNES.length}, ${sqlString(FORTUNES.at(-1)!)})`);
    expect(sqlString("it's")).toBe("'it''s'");
  });
});

describe('answerProblem', () => {
  it('accepts right answers to the six tests', () => {
    expect(answerProblem('plaintext', { status: 200, contentType: 'text/plain; charset=utf-8', body: 'Hello, World!' })).toBe(null);
    expect(answerProblem('json', json({ message: 'Hello, World!' }))).toBe(null);
    expect(answerProblem('db', json({ id: 17, randomNumber: 4242 }))).toBe(null);
    expect(answerProblem('queries', json(rows(20)))).toBe(null);
    expect(answerProblem('updates', json(rows(20)))).toBe(null);
    const body = page([...FORTUNES, 'Added at request time.']);
    expect(answerProblem('fortunes', { status: 200, contentType: 'text/html; charset=utf-8', body })).toBe(null);
  });

  it('names what is wrong', () => {
    expect(answerProblem('plaintext', { status: 500, contentType: 'text/plain', body: '' })).toBe('status 500, expected 200');
    expect(answerProblem('json', { status: 200, contentType: 'text/html', body: '{}' })).toMatch(/content type text\/html/);
    expect(answerProblem('db', json({ id: 0, randomNumber: 1 }))).toMatch(/one \{"id", "randomNumber"\}/);
    expect(answerProblem('queries', json(rows(1)))).toBe('expected an array of 20 rows, got 1');
    expect(answerProblem('updates', json([...rows(19), { id: 3 }]))).toMatch(/a row is not/);
  });

  it('fortunes: escaping, the added row and the order are checked', () => {
    const html = (body: string) => ({ status: 200, contentType: 'text/html; charset=utf-8', body });
    const raw = `<table>${[...FORTUNES, 'x'].map((m, i) => `<tr><td>${i}</td><td>${m}</td></tr>`).join('')}</table>`;
    expect(answerProblem('fortunes', html(raw))).toMatch(/lacks the escaped fortune|unescaped/);
    expect(answerProblem('fortunes', html(page(FORTUNES)))).toMatch(/lists 12 fortunes, expected 13/);
    const all = [...FORTUNES, 'Added.'].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    [all[1], all[2]] = [all[2]!, all[1]!];
    const unsorted = all.map((m, i) => `<tr><td>${i}</td><td>${htmlEscape(m)}</td></tr>`).join('');
    expect(answerProblem('fortunes', html(unsorted))).toBe('the fortunes are not sorted by message');
  });
});
