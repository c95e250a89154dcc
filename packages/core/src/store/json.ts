/** Columns holding JSON are written and read through these two, so a bad row fails loudly. */
export function toJson(value: unknown): string {
  return JSON.stringify(value);
}

export function fromJson<T>(text: string): T {
  return JSON.parse(text) as T;
}
