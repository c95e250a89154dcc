import { readFileSync } from 'node:fs';
import { YAMLParseError, parse } from 'yaml';
import { oneLine } from './errors.js';

/** A config file that cannot be read or parsed; the message names the file. */
export class ConfigFileError extends Error {
  override name = 'ConfigFileError';
}

/**
 * Reads a config document (YAML, or JSON, which is YAML too) as plain data; `-` is stdin.
 * Validation is core's parseApplyDocument; this only turns text into values.
 */
export function readConfigFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigFileError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : oneLine(String((err as Error).message))}`);
  }
  try {
    return parse(text) as unknown;
  } catch (err) {
    if (err instanceof YAMLParseError) throw new ConfigFileError(`${file}: ${oneLine(err.message)}`);
    throw err;
  }
}
