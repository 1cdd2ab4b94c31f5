/**
 * Amino JSON (SIGN_MODE_LEGACY_AMINO_JSON) for every smartpool Msg, driven by
 * the table tools/aminospec makes from the chain's descriptors, so that the
 * JSON a wallet signs is byte for byte what the chain's x/tx encoder writes:
 * proto field names, unset fields left out unless amino.dont_omitempty,
 * 64-bit integers as strings, LegacyDec as an 18-place decimal, timestamps as
 * RFC 3339 and durations as nanoseconds.
 */
import { fromBase64, toBase64 } from "@cosmjs/encoding";
import type { AminoConverters } from "@cosmjs/stargate";

import type { AminoFieldSpec } from "./amino-types.js";
import { atomicsToDecimal, decimalToAtomics } from "./decimal.js";
import { aminoFields, aminoNames } from "./generated/amino-spec.js";
import { durationToNanos, formatTimestamp, nanosToDuration, parseTimestamp, type Duration, type Timestamp } from "./time.js";

type Json = Record<string, unknown>;

function fieldsOf(typeName: string): readonly AminoFieldSpec[] {
  const fields = aminoFields[typeName];
  if (!fields) throw new Error(`no amino description of ${typeName}`);
  return fields;
}

/** Whether the chain's encoder sees the field as set (proto3 presence). */
function isSet(f: AminoFieldSpec, v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (f.repeated) return (v as unknown[]).length > 0;
  switch (f.kind) {
    case "message":
    case "timestamp":
    case "duration":
      return true;
    case "string":
      return v !== "";
    case "bool":
      return v === true;
    case "int64":
    case "uint64":
      return BigInt(v as bigint) !== 0n;
    case "bytes":
      return (v as Uint8Array).length > 0;
    default:
      return v !== 0;
  }
}

/** What the chain writes for an unset field marked amino.dont_omitempty. */
function unsetValue(f: AminoFieldSpec): unknown {
  if (f.repeated) return f.encoding ? [] : null;
  if (f.scalar) return "0";
  switch (f.kind) {
    // The chain cannot encode these unset, so the converters sign them as
    // present and empty, and fromAmino puts them in the tx body that way.
    case "message":
      return encodeMessage(f.type!, {});
    case "timestamp":
      return formatTimestamp({ seconds: 0n, nanos: 0 });
    case "duration":
      return "0";
    case "string":
      return "";
    case "bool":
      return false;
    case "int64":
    case "uint64":
      return "0";
    case "bytes":
      return "";
    default:
      return 0;
  }
}

/**
 * The chain reads cosmos.Int and LegacyDec strings with Go's base prefixes
 * ("010" is 8, "0x10" is 16, "1_0" is 10), so only canonical base-10
 * integers are let through: what a wallet shows is then what executes.
 */
const CANONICAL_INTEGER = /^-?(0|[1-9]\d*)$/;

function checkInteger(f: AminoFieldSpec, v: string): string {
  if (!CANONICAL_INTEGER.test(v)) {
    const what = (f.integer ?? f.scalar) === "dec" ? "a cosmos.Dec's atomics (use dec(\"0.5\"))" : "a cosmos.Int";
    throw new Error(`${f.name}: ${JSON.stringify(v)} is not ${what} as a plain base-10 integer`);
  }
  return v;
}

/** Characters CosmJS's sign bytes and the chain's encoder write differently (raw vs escaped). */
const UNSIGNABLE = /[\u2028\u2029]|\p{Cs}/u;

function checkText(f: AminoFieldSpec, v: string): string {
  if (UNSIGNABLE.test(v)) {
    throw new Error(`${f.name}: U+2028, U+2029 and lone surrogates cannot be signed in amino JSON; sign in direct mode`);
  }
  return v;
}

function encodeValue(f: AminoFieldSpec, v: unknown): unknown {
  switch (f.kind) {
    case "message":
      return encodeMessage(f.type!, v as Json);
    case "timestamp":
      return formatTimestamp(v as Timestamp);
    case "duration":
      return durationToNanos(v as Duration);
    case "string":
      if (f.scalar || f.integer) checkInteger(f, v as string);
      return f.scalar === "dec" ? atomicsToDecimal(v as string) : checkText(f, v as string);
    case "int64":
    case "uint64":
      return BigInt(v as bigint).toString();
    case "bytes":
      return toBase64(v as Uint8Array);
    default:
      return v;
  }
}

function decodeValue(f: AminoFieldSpec, v: unknown): unknown {
  switch (f.kind) {
    case "message":
      return decodeMessage(f.type!, v as Json);
    case "timestamp":
      return parseTimestamp(v as string);
    case "duration":
      return nanosToDuration(v as string);
    case "string":
      if (f.scalar === "dec") {
        // The chain writes an unset LegacyDec as "0", a set one always with 18 places.
        return v === "0" ? "" : decimalToAtomics(v as string);
      }
      if (f.scalar === "int" || f.integer) return checkInteger(f, String(v));
      return String(v);
    case "int64":
    case "uint64":
      return BigInt(v as string);
    case "int32":
    case "uint32":
    case "enum":
      return Number(v);
    case "bool":
      return Boolean(v);
    case "bytes":
      return fromBase64(v as string);
  }
}

function defaultValue(f: AminoFieldSpec): unknown {
  if (f.repeated) return [];
  switch (f.kind) {
    case "message":
    case "timestamp":
    case "duration":
      return undefined;
    case "string":
      return "";
    case "bool":
      return false;
    case "int64":
    case "uint64":
      return 0n;
    case "bytes":
      return new Uint8Array();
    default:
      return 0;
  }
}

/** The amino JSON value of a message of the generated type `typeName` (full proto name). */
export function encodeMessage(typeName: string, msg: Json): Json {
  const out: Json = {};
  for (const f of fieldsOf(typeName)) {
    const v = msg[f.name];
    if (!isSet(f, v)) {
      if (f.dontOmitEmpty) out[f.amino] = unsetValue(f);
      continue;
    }
    out[f.amino] = f.repeated ? (v as unknown[]).map((e) => encodeValue(f, e)) : encodeValue(f, v);
  }
  return out;
}

/**
 * Throws if a message of `typeName` holds a cosmos.Int or LegacyDec string
 * that is not a plain base-10 integer (see CANONICAL_INTEGER), at any depth.
 */
export function checkIntegers(typeName: string, msg: Json): void {
  for (const f of fieldsOf(typeName)) {
    const v = msg[f.name];
    if (v === undefined || v === null) continue;
    const values = f.repeated ? (v as unknown[]) : [v];
    for (const e of values) {
      if (f.kind === "message") checkIntegers(f.type!, e as Json);
      else if ((f.scalar || f.integer) && e !== "") checkInteger(f, e as string);
    }
  }
}

/** The generated-type value of an amino JSON value of `typeName`. */
export function decodeMessage(typeName: string, json: Json): Json {
  const out: Json = {};
  for (const f of fieldsOf(typeName)) {
    const v = json?.[f.amino];
    if (v === undefined || v === null) {
      out[f.name] = defaultValue(f);
    } else if (f.repeated) {
      if (!Array.isArray(v)) throw new Error(`${typeName}.${f.amino} must be a list`);
      out[f.name] = v.map((e) => decodeValue(f, e));
    } else {
      out[f.name] = decodeValue(f, v);
    }
  }
  return out;
}

/** CosmJS amino converters of every smartpool Msg, keyed by type URL. */
export function createSmartpoolAminoConverters(): AminoConverters {
  const converters: AminoConverters = {};
  for (const [typeUrl, aminoType] of Object.entries(aminoNames)) {
    const typeName = typeUrl.slice(1);
    converters[typeUrl] = {
      aminoType,
      toAmino: (value: Json) => encodeMessage(typeName, value),
      fromAmino: (value: Json) => decodeMessage(typeName, value),
    };
  }
  return converters;
}
