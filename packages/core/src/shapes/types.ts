/**
 * The subset of a botocore service model that request validation reads (scripts/generate-shapes.py
 * writes it to models/<service>.ts). Field names are botocore's.
 */
export interface MemberRef {
  shape: string;
  /** rest-json only: where the member travels (uri, querystring, header). */
  location?: string;
  locationName?: string;
  idempotencyToken?: boolean;
}

export interface Shape {
  type: 'structure' | 'list' | 'map' | 'string' | 'integer' | 'long' | 'float' | 'double' | 'boolean' | 'timestamp' | 'blob' | (string & {});
  /** Strings: length in characters (see length.ts); lists and maps: number of entries; numbers: the range. */
  min?: number;
  max?: number;
  /** A Java regular expression the whole value must match (see java-pattern.ts). */
  pattern?: string;
  enum?: string[];
  /** AWS leaves the value out of violation messages. */
  sensitive?: boolean;
  required?: string[];
  members?: Record<string, MemberRef>;
  /** Target shape of a list's items, a map's keys and values. */
  member?: string;
  key?: string;
  value?: string;
  flattened?: boolean;
}

/** One service's operations (name → input shape) and the shapes their inputs reach. */
export interface ServiceShapes<Inputs = unknown> {
  service: string;
  version: string;
  /** The botocore release the data was read from. */
  botocore: string;
  operations: Record<string, string>;
  shapes: Record<string, Shape>;
  /** Type-level only: each operation's typed input. Never set. */
  readonly inputs?: Inputs;
}
