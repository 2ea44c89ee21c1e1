// The small benchmark scripts' flags: --name value pairs and --help, read by node's own parseArgs,
// with the script's usage text on any mistake (an unknown flag, a flag without its value).
import { parseArgs } from 'node:util';

/**
 * @param {string[]} argv
 * @param {string[]} names the flags that take a value (without the leading --)
 * @param {string} usage
 * @returns {{ values: Record<string, string | undefined>, help: boolean }}
 */
export function readFlags(argv, names, usage) {
  /** @type {Record<string, { type: 'string' | 'boolean', short?: string }>} */
  const options = { help: { type: 'boolean', short: 'h' } };
  for (const name of names) options[name] = { type: 'string' };
  try {
    const { values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false });
    const { help, ...rest } = values;
    return { values: /** @type {Record<string, string | undefined>} */ (rest), help: help === true };
  } catch (error) {
    throw new Error(`${/** @type {Error} */ (error).message}\n${usage}`, { cause: error });
  }
}
