import { InvalidArgumentError } from 'commander';

/** Option parser for whole numbers; commander reports the failure as a usage error. */
export function integer(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number.');
  return Number(value);
}

export function port(value: string): number {
  const n = integer(value);
  if (n > 65_535) throw new InvalidArgumentError('expected a port between 0 and 65535.');
  return n;
}

/** Repeatable option: `--audience a --audience b` → ['a', 'b']. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Option parser for a count or duration that must be at least 1. */
export function positive(max = Number.MAX_SAFE_INTEGER): (value: string) => number {
  return (value) => {
    const n = integer(value);
    if (n < 1) throw new InvalidArgumentError('expected a whole number greater than 0.');
    if (n > max) throw new InvalidArgumentError(`expected at most ${max}.`);
    return n;
  };
}
