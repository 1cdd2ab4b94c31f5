/** How one field of a message appears in amino JSON (see tools/aminospec). */
export interface AminoFieldSpec {
  /** Property name in the generated TypeScript type (the proto JSON name). */
  readonly name: string;
  /** Key in amino JSON. */
  readonly amino: string;
  readonly kind:
    | "string" | "bool" | "int32" | "uint32" | "int64" | "uint64"
    | "enum" | "bytes" | "message" | "timestamp" | "duration";
  readonly repeated?: boolean;
  /** Full proto name of a message field's type. */
  readonly type?: string;
  /** amino.dont_omitempty: written even when unset. */
  readonly dontOmitEmpty?: boolean;
  /** amino.encoding of a list: an unset list is written as []. */
  readonly encoding?: "legacy_coins" | "null_slice_as_empty";
  /** "dec": a LegacyDec carried as 18-decimal atomics in proto, as a decimal in amino JSON. */
  readonly scalar?: "dec" | "int";
  /** A math.Int or a LegacyDec's atomics (customtype), scalar or not: only canonical integers are sent. */
  readonly integer?: "dec" | "int";
}
