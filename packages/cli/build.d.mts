/** dist/eksid.mjs, absolute. */
export declare const RUNTIME_FILE: string;
/** Builds dist/ from the CLI's sources (with `clean`, emptied first) and returns the CLI's path. */
export declare function buildRuntime(options?: { clean?: boolean }): Promise<string>;
