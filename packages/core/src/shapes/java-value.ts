import { memberName } from './violations.js';
import type { ServiceShapes } from './types.js';

/**
 * A value as AWS prints it in a violation, the way its Java request classes' toString() does:
 * lists as `[a, b]`, structures as `Tag(key=k, value=null)` with the model's shape name and the
 * lower-camel member names the violation paths use.
 */
export function javaValue(model: ServiceShapes, shapeName: string, items: readonly unknown[]): string {
  return `[${items.map((item) => render(model, shapeName, item)).join(', ')}]`;
}

function render(model: ServiceShapes, shapeName: string, value: unknown): string {
  const shape = model.shapes[shapeName];
  if (Array.isArray(value)) return javaValue(model, shape?.member ?? '', value);
  if (shape?.type === 'structure' && typeof value === 'object' && value !== null) {
    const fields = Object.entries(shape.members ?? {}).map(([name, ref]) => {
      const field = (value as Record<string, unknown>)[name];
      return `${memberName(name)}=${field === undefined ? 'null' : render(model, ref.shape, field)}`;
    });
    return `${shapeName}(${fields.join(', ')})`;
  }
  return String(value);
}
