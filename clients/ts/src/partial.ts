/** A message with every field optional, nested too: what the generated fromPartial fills with defaults. */
export type DeepPartial<T> = T extends string | number | boolean | bigint | Uint8Array | undefined
  ? T
  : T extends ReadonlyArray<infer U>
    ? DeepPartial<U>[]
    : { [K in keyof T]?: DeepPartial<T[K]> };
