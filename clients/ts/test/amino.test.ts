// The amino converters against vectors the chain's own encoder wrote
// (tools/aminospec vectors): the same JSON for the same proto bytes, and
// back to a message the chain re-encodes to the very JSON that was signed.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fromBase64, toHex } from "@cosmjs/encoding";
import { serializeSignDoc, type StdSignDoc } from "@cosmjs/amino";
import { describe, expect, it } from "vitest";

import { createSmartpoolAminoTypes, createSmartpoolRegistry, msg, smartpoolTypes } from "../src/registry.js";
import { toBase64 } from "@cosmjs/encoding";
import { REPO } from "./support/localnet.js";
import { aminoFields, aminoNames, typeUrls } from "../src/generated/amino-spec.js";
import * as tx from "../src/generated/smartpool/v1/tx.js";

interface Vector {
  typeUrl: string;
  proto: string;
  amino: string;
}
const vectors: Vector[] = JSON.parse(readFileSync(new URL("../src/generated/amino-vectors.json", import.meta.url), "utf8"));
const registry = createSmartpoolRegistry();
const aminoTypes = createSmartpoolAminoTypes();

/** A message's JSON as it lands in the sign bytes (sorted keys, <>& escaped), via CosmJS itself. */
function signedJSON(msg: unknown): string {
  const doc = { msgs: [msg] } as unknown as StdSignDoc;
  const text = new TextDecoder().decode(serializeSignDoc(doc));
  return text.slice('{"msgs":['.length, -"]}".length);
}

describe("amino JSON vectors from the chain's encoder", () => {
  it("cover every Msg", () => {
    const covered = new Set(vectors.map((v) => v.typeUrl));
    expect([...covered].sort()).toEqual(Object.keys(aminoNames).sort());
    expect(vectors.length).toBeGreaterThanOrEqual(Object.keys(aminoNames).length * 8);
  });

  for (const [i, v] of vectors.entries()) {
    it(`${v.typeUrl} #${i % 8}: same JSON, and back to the same sign bytes`, () => {
      const value = registry.decode({ typeUrl: v.typeUrl, value: fromBase64(v.proto) });
      const amino = aminoTypes.toAmino({ typeUrl: v.typeUrl, value });
      expect(signedJSON(amino)).toBe(v.amino);

      // What CosmJS puts in the tx body after an amino signature ...
      const back = aminoTypes.fromAmino(JSON.parse(v.amino));
      expect(back.typeUrl).toBe(v.typeUrl);
      const bytes = registry.encode(back);
      // ... must be bytes the chain turns into the JSON that was signed.
      const again = aminoTypes.toAmino({ typeUrl: v.typeUrl, value: registry.decode({ typeUrl: v.typeUrl, value: bytes }) });
      expect(signedJSON(again)).toBe(v.amino);
    });
  }
});

describe("what CosmJS broadcasts after an amino signature", () => {
  it("is, for every vector, bytes the chain's own encoder turns into the JSON that was signed", () => {
    // The tx body CosmJS builds from the signed JSON (fromAmino, then the
    // registry's encoding), given to the chain's encoder (tools/aminospec encode).
    const bodies = vectors.map((v) => ({ typeUrl: v.typeUrl, proto: toBase64(registry.encode(aminoTypes.fromAmino(JSON.parse(v.amino)))) }));
    const out = execFileSync("go", ["run", "./tools/aminospec", "encode"], { cwd: REPO, input: JSON.stringify(bodies), maxBuffer: 64 << 20 });
    const chainJSON: string[] = JSON.parse(out.toString());
    expect(chainJSON).toHaveLength(vectors.length);
    for (const [i, v] of vectors.entries()) expect(chainJSON[i], `${v.typeUrl} #${i % 8}`).toBe(v.amino);
  }, 180_000);
});

describe("integers the chain would read otherwise", () => {
  const swap = (tokenOutMinAmount: string, amount = "1000") => ({
    sender: "pool1x",
    routes: [{ poolId: 1n, tokenOutDenom: "uusdc" }],
    tokenIn: { denom: "uatom", amount },
    tokenOutMinAmount,
  });

  it.each(["0100000", "0x10", "1_000", "+5", " 5", "1e3", "5.0"])("refuses cosmos.Int %j (Go reads base prefixes)", (bad) => {
    expect(() => msg("MsgSwapExactAmountIn", swap(bad))).toThrow(/plain base-10 integer/);
    expect(() => msg("MsgSwapExactAmountIn", swap("5", bad))).toThrow(/plain base-10 integer/);
    const value = tx.MsgSwapExactAmountIn.fromPartial(swap(bad));
    expect(() => aminoTypes.toAmino({ typeUrl: typeUrls.MsgSwapExactAmountIn, value })).toThrow(/plain base-10 integer/);
    const signed = { type: "smartpool/MsgSwapExactAmountIn", value: { sender: "pool1x", token_out_min_amount: bad } };
    expect(() => aminoTypes.fromAmino(signed)).toThrow(/plain base-10 integer/);
  });

  it("refuses cosmos.Dec atomics that are not plain integers", () => {
    expect(() => msg("MsgSetSwapFee", { sender: "pool1x", poolId: 1n, swapFee: "03000000000000000" })).toThrow(/atomics/);
    expect(() => msg("MsgSetSwapFee", { sender: "pool1x", poolId: 1n, swapFee: "0.003" })).toThrow(/atomics/);
    expect(msg("MsgSetSwapFee", { sender: "pool1x", poolId: 1n, swapFee: "3000000000000000" }).typeUrl).toBe(typeUrls.MsgSetSwapFee);
  });

  it("checks integers of custom types without a scalar too (weights, kappas)", () => {
    expect(() => msg("MsgScheduleWeights", { sender: "pool1x", poolId: 1n, schedule: { targetWeights: ["60", "040"] } })).toThrow(/plain base-10 integer/);
    expect(msg("MsgScheduleWeights", { sender: "pool1x", poolId: 1n, schedule: { targetWeights: ["60", "40"] } }).typeUrl).toBe(typeUrls.MsgScheduleWeights);
  });

  it("refuses text CosmJS and the chain would write differently", () => {
    for (const sender of ["pool1\u2028x", "pool1\u2029x", "pool1\ud800x"]) {
      const value = tx.MsgCancelChange.fromPartial({ sender, changeId: 1n });
      expect(() => aminoTypes.toAmino({ typeUrl: typeUrls.MsgCancelChange, value })).toThrow(/direct mode/);
    }
    // A valid surrogate pair (an emoji) is fine.
    const value = tx.MsgCancelChange.fromPartial({ sender: "pool1\u{1F600}", changeId: 1n });
    expect(aminoTypes.toAmino({ typeUrl: typeUrls.MsgCancelChange, value }).value.sender).toBe("pool1\u{1F600}");
  });
});

describe("registry and spec", () => {
  it("register every Msg of the generated code and its response", () => {
    const generated = tx as unknown as Record<string, unknown>;
    const msgNames = Object.keys(tx).filter(
      (k) => /^Msg[A-Za-z]+$/.test(k) && !k.endsWith("Response") && typeof (generated[k] as { encode?: unknown }).encode === "function",
    );
    expect(msgNames.length).toBeGreaterThan(25);
    for (const name of msgNames) {
      const url = `/smartpool.v1.${name}`;
      expect(registry.lookupType(url), url).toBeDefined();
      expect(registry.lookupType(`${url}Response`), `${url}Response`).toBeDefined();
      expect(aminoNames[url], url).toMatch(/^smartpool\//);
    }
    expect(smartpoolTypes.length).toBe(Object.keys(typeUrls).length);
  });

  it("names fields as the generated types do", () => {
    const generated = tx as unknown as Record<string, { fromPartial(v: object): object }>;
    for (const [typeName, fields] of Object.entries(aminoFields)) {
      if (!typeName.startsWith("smartpool.v1.")) continue;
      const t = generated[typeName.slice("smartpool.v1.".length)];
      if (!t) continue; // types of other smartpool files are checked through the Msgs' vectors
      const keys = Object.keys(t.fromPartial({}));
      expect(keys.sort(), typeName).toEqual(fields.map((f) => f.name).sort());
    }
  });

  it("signs a required message left unset as present and empty, as the tx body then carries it", () => {
    // MsgScheduleWeights.schedule is a non-nullable message marked dont_omitempty:
    // the chain cannot amino-encode it absent, so it must reach the body present.
    const value = tx.MsgScheduleWeights.fromPartial({ sender: "pool1x", poolId: 3n });
    const amino = aminoTypes.toAmino({ typeUrl: typeUrls.MsgScheduleWeights, value });
    expect(amino.value.schedule).toEqual({});
    const body = registry.encode(aminoTypes.fromAmino(amino));
    const decoded = registry.decode({ typeUrl: typeUrls.MsgScheduleWeights, value: body }) as tx.MsgScheduleWeights;
    expect(decoded.schedule).toBeDefined();
    expect(signedJSON(aminoTypes.toAmino({ typeUrl: typeUrls.MsgScheduleWeights, value: decoded }))).toBe(signedJSON(amino));
  });

  it("refuses a cosmos.Dec given as a decimal instead of atomics", () => {
    const value = { ...tx.MsgSetSwapFee.fromPartial({}), swapFee: "0.3" };
    expect(() => aminoTypes.toAmino({ typeUrl: typeUrls.MsgSetSwapFee, value })).toThrow(/atomics/);
  });

  it("gives identical bytes for a vector's decode and encode", () => {
    // ts-proto and Go's deterministic marshalling agree on field order and defaults.
    let same = 0;
    for (const v of vectors) {
      const value = registry.decode({ typeUrl: v.typeUrl, value: fromBase64(v.proto) });
      if (toHex(registry.encode({ typeUrl: v.typeUrl, value })) === toHex(fromBase64(v.proto))) same++;
    }
    expect(same).toBe(vectors.length);
  });
});
