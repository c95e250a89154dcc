/** dist/eksid.mjs, absolute. */
export declare const RUNTIME_FILE: string;
/** Builds dist/eksid.mjs from the CLI's sources and returns its path. */
export declare function buildRuntime(): Promise<string>;
