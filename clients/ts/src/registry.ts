/** The protobuf registry and amino types of every smartpool Msg, for CosmJS. */
import { Registry, type EncodeObject, type GeneratedType } from "@cosmjs/proto-signing";
import { AminoTypes, createDefaultAminoConverters, defaultRegistryTypes } from "@cosmjs/stargate";

import { checkIntegers, createSmartpoolAminoConverters } from "./amino.js";
import type { DeepPartial } from "./partial.js";
import { typeUrls } from "./generated/amino-spec.js";
import * as tx from "./generated/smartpool/v1/tx.js";

type TxTypes = typeof tx;
/** Names of the smartpool Msgs ("MsgSwapExactAmountIn", …). */
export type MsgName = { [K in keyof typeof typeUrls]: K extends `${string}Response` ? never : K }[keyof typeof typeUrls];
/** The value of a Msg as fromPartial accepts it: every field optional. */
export type MsgValue<K extends MsgName> = DeepPartial<ReturnType<TxTypes[K]["fromPartial"]>>;

function generated(name: string): GeneratedType {
  const t = (tx as unknown as Record<string, GeneratedType | undefined>)[name];
  if (!t) throw new Error(`generated code has no ${name}`);
  return t;
}

const names = Object.keys(typeUrls) as (keyof typeof typeUrls)[];

/** [type URL, generated type] of every smartpool Msg and Msg response. */
export const smartpoolTypes: ReadonlyArray<[string, GeneratedType]> = names.map((n) => [typeUrls[n], generated(n)]);

/** The SDK's default types plus every smartpool Msg. */
export function createSmartpoolRegistry(): Registry {
  return new Registry([...defaultRegistryTypes, ...smartpoolTypes]);
}

/** The SDK's default amino converters plus every smartpool Msg. */
export function createSmartpoolAminoTypes(): AminoTypes {
  return new AminoTypes({ ...createDefaultAminoConverters(), ...createSmartpoolAminoConverters() });
}

/**
 * A typed EncodeObject: msg("MsgSwapExactAmountIn", { sender, routes, tokenIn, tokenOutMinAmount }).
 * Throws on a cosmos.Int or cosmos.Dec string that is not a plain base-10
 * integer: the chain would read "0100" as octal.
 */
export function msg<K extends MsgName>(name: K, value: MsgValue<K>): EncodeObject {
  const t = generated(name) as unknown as { fromPartial(v: unknown): Record<string, unknown> };
  const full = t.fromPartial(value);
  checkIntegers(typeUrls[name].slice(1), full);
  return { typeUrl: typeUrls[name], value: full };
}

/** Decodes the Msg responses of a delivered tx ({typeUrl, value} pairs) into generated types. */
export function decodeMsgResponses(responses: ReadonlyArray<{ typeUrl: string; value: Uint8Array }>): unknown[] {
  const registry = createSmartpoolRegistry();
  return responses.map((r) => registry.decode(r));
}
