import { ValueError } from '../errors';
import { closestName, nameKey } from './suggest';

/**
 * Every string-identified thing (layers, initializers, regularizers, activations, losses,
 * metrics, optimizers, schedules) resolves through one of these, with one name rule: camelCase,
 * snake_case and the class name all name the same entry ('glorotUniform', 'glorot_uniform',
 * 'GlorotUniform'). An unknown name is a ValueError listing the valid names and the closest.
 */
export class Registry<T> {
  private readonly entries = new Map<string, { name: string; value: T }>();
  private readonly shown: string[] = [];

  /** `kind` names the things in messages ("loss", "layer class"). */
  constructor(readonly kind: string) {}

  /**
   * Registers `value` under `name` (shown in messages) and any `aliases` (e.g. 'mse', or a
   * class name whose spelling differs from the camelCase one). Re-registering replaces.
   */
  register(name: string, value: T, aliases: readonly string[] = []): this {
    if (!this.entries.has(nameKey(name))) this.shown.push(name);
    for (const n of [name, ...aliases]) this.entries.set(nameKey(n), { name, value });
    return this;
  }

  has(name: string): boolean {
    return typeof name === 'string' && this.entries.has(nameKey(name));
  }

  /** The value for `name`, or a ValueError from `who` listing the valid names. */
  get(name: unknown, who: string): T {
    const entry = typeof name === 'string' ? this.entries.get(nameKey(name)) : undefined;
    if (entry) return entry.value;
    const shown = typeof name === 'string' ? `'${name}'` : JSON.stringify(name) ?? String(name);
    const meant = typeof name === 'string' ? closestName(name, this.shown) : null;
    throw new ValueError(`${who}: unknown ${this.kind} ${shown}.${meant ? ` Did you mean '${meant}'?` : ''} Valid: ${this.shown.join(', ')}.`);
  }

  /** The display name an identifier resolves to (its registered name), or null. */
  canonicalName(name: string): string | null {
    return this.entries.get(nameKey(name))?.name ?? null;
  }

  /** The registered names, as shown in messages. */
  names(): string[] {
    return [...this.shown];
  }
}
