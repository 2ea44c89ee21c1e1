// The database suite: the six TechEmpower tests as routes of bench/app-techempower/main.py, the
// tables the bench seeds, and what a correct answer to each test looks like (every server is checked
// once before it is loaded: a fast wrong answer must not win). Pure: no database, no HTTP here.

/** The six tests, in the order the tests' own reports show them. */
export const TECHEMPOWER_TESTS = [
  { id: 'plaintext', path: '/plaintext', label: 'plaintext' },
  { id: 'json', path: '/json', label: 'JSON' },
  { id: 'db', path: '/db', label: '1 query' },
  { id: 'queries', path: '/queries?queries=20', label: '20 queries' },
  { id: 'fortunes', path: '/fortunes', label: 'fortunes' },
  { id: 'updates', path: '/updates?queries=20', label: '20 updates' },
];

/** The tests where the app mostly waits on its database: where a worker's concurrency shows. */
export const DATABASE_TESTS = ['db', 'queries', 'fortunes', 'updates'];

export const WORLD_ROWS = 10000;

/**
 * The fortune table, written for this bench (the tests ask for a dozen rows including markup that
 * must be escaped and text beyond ASCII; these are our own sentences). The app adds one at request
 * time, so the page lists 13.
 */
export const FORTUNES = [
  'A bug reported twice is a feature someone relies on.',
  'Caching is remembering the wrong thing quickly.',
  '<script>document.title = "escaping failed";</script>',
  'Every benchmark measures the machine it ran on first.',
  'Ninety percent of latency is waiting for something else.',
  'Premature optimization is a loan at a high interest rate.',
  'The database was fast until someone needed the data.',
  'Two cores, three opinions.',
  'A request that never ends is the cheapest one to serve.',
  'Quotes like "this" and ampersands & friends must survive the trip.',
  'Größe, naïve café, 日本語のテキスト: bytes are not characters.',
  'Zero errors is a number too.',
];

/** A SQL string literal: single quotes doubled (standard_conforming_strings is on by default). */
export const sqlString = (text) => `'${String(text).replace(/'/g, "''")}'`;

/**
 * The SQL that creates and fills both tables: World with WORLD_ROWS rows of random numbers 1..10000
 * drawn by PostgreSQL, Fortune with FORTUNES (ids 1..n).
 * @returns {string}
 */
export function seedSql() {
  return [
    'DROP TABLE IF EXISTS world, fortune;',
    'CREATE TABLE world (id integer PRIMARY KEY, randomnumber integer NOT NULL);',
    `INSERT INTO world (id, randomnumber) SELECT n, 1 + floor(random() * ${WORLD_ROWS})::integer FROM generate_series(1, ${WORLD_ROWS}) AS n;`,
    'CREATE TABLE fortune (id integer PRIMARY KEY, message varchar(2048) NOT NULL);',
    `INSERT INTO fortune (id, message) VALUES\n${FORTUNES.map((m, i) => `  (${i + 1}, ${sqlString(m)})`).join(',\n')};`,
    'ANALYZE world; ANALYZE fortune;',
    '',
  ].join('\n');
}

/** HTML escaping as Jinja2's autoescape does it: what the fortunes page must contain for each message. */
export const htmlEscape = (text) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');

const ENTITIES = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&#34;': '"', '&quot;': '"', '&#39;': "'", '&#x27;': "'" };
const htmlUnescape = (text) => text.replace(/&(?:amp|lt|gt|quot|#34|#39|#x27);/g, (entity) => ENTITIES[entity] ?? entity);

const isWorld = (w) =>
  w !== null &&
  typeof w === 'object' &&
  Number.isInteger(w.id) &&
  w.id >= 1 &&
  w.id <= WORLD_ROWS &&
  Number.isInteger(w.randomNumber) &&
  w.randomNumber >= 1 &&
  w.randomNumber <= WORLD_ROWS;

/**
 * What is wrong with one answer to a test, or null when it is right: status, content type and body
 * as the tests require them. Fortunes: every message escaped, the added one present, sorted.
 * @param {string} test a TECHEMPOWER_TESTS id
 * @param {{ status: number, contentType: string, body: string }} answer
 * @returns {string | null}
 */
export function answerProblem(test, { status, contentType, body }) {
  if (status !== 200) return `status ${status}, expected 200`;
  const type = (contentType || '').toLowerCase();
  const json = () => {
    if (!type.startsWith('application/json')) return { problem: `content type ${contentType}, expected application/json` };
    try {
      return { value: JSON.parse(body) };
    } catch {
      return { problem: `body is not JSON: ${body.slice(0, 80)}` };
    }
  };
  if (test === 'plaintext') {
    if (!type.startsWith('text/plain')) return `content type ${contentType}, expected text/plain`;
    return body === 'Hello, World!' ? null : `body ${JSON.stringify(body.slice(0, 80))}, expected "Hello, World!"`;
  }
  if (test === 'json') {
    const { value, problem } = json();
    if (problem) return problem;
    return value && value.message === 'Hello, World!' && Object.keys(value).length === 1
      ? null
      : `body ${body.slice(0, 80)}, expected {"message": "Hello, World!"}`;
  }
  if (test === 'db') {
    const { value, problem } = json();
    if (problem) return problem;
    return isWorld(value) ? null : `body ${body.slice(0, 80)}, expected one {"id", "randomNumber"} object`;
  }
  if (test === 'queries' || test === 'updates') {
    const { value, problem } = json();
    if (problem) return problem;
    if (!Array.isArray(value) || value.length !== 20)
      return `expected an array of 20 rows, got ${Array.isArray(value) ? value.length : typeof value}`;
    return value.every(isWorld) ? null : `a row is not {"id": 1..${WORLD_ROWS}, "randomNumber": 1..${WORLD_ROWS}}`;
  }
  if (test === 'fortunes') {
    if (!type.startsWith('text/html')) return `content type ${contentType}, expected text/html`;
    const missing = FORTUNES.find((m) => !body.includes(htmlEscape(m)));
    if (missing !== undefined) return `the page lacks the escaped fortune ${JSON.stringify(missing)}`;
    if (body.includes('<script>')) return 'the page holds an unescaped <script>';
    const cells = [...body.matchAll(/<td>\d+<\/td><td>([^<]*)<\/td>/g)].map((m) => m[1]);
    if (cells.length !== FORTUNES.length + 1)
      return `the page lists ${cells.length} fortunes, expected ${FORTUNES.length + 1} (one added at request time)`;
    // Sorted by the message itself, not by its escaped form ("&lt;" sorts apart from "<").
    const messages = cells.map(htmlUnescape);
    const sorted = [...messages].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return messages.every((c, i) => c === sorted[i]) ? null : 'the fortunes are not sorted by message';
  }
  return `unknown test ${test}`;
}
