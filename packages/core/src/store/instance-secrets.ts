import { Repo } from './repo.js';

/**
 * Secrets an instance makes once and keeps with its data, by name. A `:memory:` store keeps
 * them for its own life only, which is what a throwaway instance wants.
 */
export class InstanceSecretRepo extends Repo {
  get(name: string): string | undefined {
    const row = this.stmt('SELECT value FROM instance_secrets WHERE name = ?').get(name) as { value: string } | undefined;
    return row?.value;
  }

  /**
   * The secret stored under `name`, else `create()`'s value stored now. Two processes starting
   * on one new data directory at once agree: the insert that loses keeps the winner's value.
   */
  getOrCreate(name: string, create: () => string): string {
    const existing = this.get(name);
    if (existing !== undefined) return existing;
    this.stmt('INSERT OR IGNORE INTO instance_secrets (name, value, created_at) VALUES (?, ?, ?)').run(name, create(), new Date().toISOString());
    return this.get(name) as string;
  }

  /** Stores `value` under `name`, replacing what was there (an explicit setting wins over a created one). */
  set(name: string, value: string): void {
    this.stmt('INSERT INTO instance_secrets (name, value, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value')
      .run(name, value, new Date().toISOString());
  }
}
