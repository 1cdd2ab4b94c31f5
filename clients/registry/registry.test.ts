// The wallet metadata in clients/registry: schema-valid chain-registry files
// that agree with the chain's own sources, and a Keplr config derived from them.
//
//   cd clients && npx vitest run registry       (add -u to rewrite keplr/localnet.json)
import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Ajv2019 } from "ajv/dist/2019.js";
import { fullFormats } from "ajv-formats/dist/formats.js";
import draft7MetaSchema from "ajv/dist/refs/json-schema-draft-07.json" with { type: "json" };
import { currency, keplrChainInfo, shareAsset, shareCurrency, SHARE_EXPONENT } from "./keplr.js";
import type { RegistryAsset, RegistryAssetList, RegistryChain } from "./keplr.js";

const here = new URL("./", import.meta.url);
const root = new URL("../../", import.meta.url);
const text = (path: string, base = root) => readFileSync(new URL(path, base), "utf8");
const json = (path: string) => JSON.parse(text(path, here));
// A fresh copy each call, so that a test may break it.
const localChain = (): RegistryChain => json("localnet/chain.json");
const localAssets = (): RegistryAssetList => json("localnet/assetlist.json");

// The chain-registry schemas declare draft-07 but use 2019-09 keywords ($defs,
// minContains), so Ajv2019 runs them; their https spelling of the draft-07
// meta-schema id is added as an alias. strict: false because Ajv's strict mode
// is Ajv's own lint (it rejects the schema's valid if/then "required"), not
// JSON Schema. ajv-formats' formats check "uri" and "uri-reference".
const ajv = new Ajv2019({ allErrors: true, strict: false, formats: fullFormats });
ajv.addMetaSchema(draft7MetaSchema);
ajv.addMetaSchema({ ...draft7MetaSchema, $id: "https://json-schema.org/draft-07/schema" });
const validChain = ajv.compile(json("schema/chain.schema.json"));
const validAssetList = ajv.compile(json("schema/assetlist.schema.json"));

/** The first group of re's match in s; fails the test if there is none. */
function grab(s: string, re: RegExp): string {
  const m = s.match(re);
  expect(m, `${re} in source`).not.toBeNull();
  return m![1];
}

/** What the schema cannot say: base is the exponent-0 unit and display is a unit. */
function checkUnits(asset: RegistryAsset) {
  expect(asset.denom_units.find((u) => u.exponent === 0)?.denom, asset.base).toBe(asset.base);
  expect(asset.denom_units.map((u) => u.denom), asset.base).toContain(asset.display);
}

describe("chain-registry files", () => {
  for (const net of ["localnet", "testnet"]) {
    it(`${net}/chain.json and assetlist.json match the chain-registry schemas`, () => {
      expect(validChain(json(`${net}/chain.json`)), ajv.errorsText(validChain.errors)).toBe(true);
      const assets: RegistryAssetList = json(`${net}/assetlist.json`);
      expect(validAssetList(assets), ajv.errorsText(validAssetList.errors)).toBe(true);
      expect(assets.chain_name).toBe(json(`${net}/chain.json`).chain_name);
      assets.assets.forEach(checkUnits);
    });
  }

  it("rejects broken copies", () => {
    const noChainId: Partial<RegistryChain> = localChain();
    delete noChainId.chain_id;
    expect(validChain(noChainId)).toBe(false);
    expect(validChain({ ...localChain(), network_type: "localnet" })).toBe(false);
    expect(validChain({ ...localChain(), website: "not a uri" })).toBe(false); // formats are on

    const badUnits = localAssets();
    badUnits.assets[0].denom_units = [{ denom: "upool", exponent: "6" as unknown as number }];
    expect(validAssetList(badUnits)).toBe(false);
    const noUnits = localAssets() as unknown as { assets: Record<string, unknown>[] };
    delete noUnits.assets[1].denom_units;
    expect(validAssetList(noUnits)).toBe(false);

    // Schema-valid, but its display unit is missing: the generator refuses it.
    const noDisplay = localAssets();
    noDisplay.assets[0].display = "kpool";
    expect(validAssetList(noDisplay)).toBe(true);
    expect(() => currency(noDisplay.assets[0])).toThrow(/display unit kpool/);
  });
});

describe("localnet files agree with the chain", () => {
  const localnetSh = text("scripts/localnet.sh");
  const configGo = text("app/config.go");

  it("chain id, endpoints and minimum gas price are scripts/localnet.sh's", () => {
    const chain = localChain();
    expect(chain.chain_id).toBe(grab(localnetSh, /CHAIN_ID="\$\{CHAIN_ID:-([^}]+)\}"/));
    const port = (name: string) => grab(localnetSh, new RegExp(`${name}="\\$\\{${name}:-(\\d+)\\}"`));
    expect(chain.apis?.rpc?.[0].address).toBe(`http://127.0.0.1:${port("RPC_PORT")}`);
    expect(chain.apis?.rest?.[0].address).toBe(`http://127.0.0.1:${port("API_PORT")}`);
    expect(json("localnet/chain.json").apis.grpc[0].address).toBe(`127.0.0.1:${port("GRPC_PORT")}`);
    const [, price, denom] = grab(localnetSh, /minimum-gas-prices '"([^"]+)"'/).match(/^([\d.]+)(\w+)$/)!;
    expect(chain.fees?.fee_tokens[0]).toMatchObject({ denom, fixed_min_gas_price: Number(price) });
  });

  it("bond denom, bech32 prefixes and coin type are app/config.go's", () => {
    const chain = localChain();
    const bond = grab(configGo, /BondDenom = "(\w+)"/);
    expect(chain.staking?.staking_tokens[0].denom).toBe(bond);
    expect(chain.fees?.fee_tokens[0].denom).toBe(bond);
    expect(chain.bech32_prefix).toBe(grab(configGo, /Bech32Prefix = "(\w+)"/));

    // Evaluate config.go's prefix expressions with the SDK's constants (types/address.go).
    const sdk: Record<string, string> = {
      Bech32Prefix: chain.bech32_prefix,
      "sdk.PrefixPublic": "pub",
      "sdk.PrefixValidator": "val",
      "sdk.PrefixOperator": "oper",
      "sdk.PrefixConsensus": "cons",
    };
    const prefixes = [...configGo.matchAll(/^\s*Bech32Prefix(\w+)\s*=\s*(.+)$/gm)].map(([, kind, expr]) => [
      `bech32Prefix${kind}`,
      expr.split("+").map((t) => sdk[t.trim()]).join(""),
    ]);
    expect(prefixes).toHaveLength(6);
    expect(keplrChainInfo(chain, localAssets()).bech32Config).toEqual(Object.fromEntries(prefixes));

    // No Go file of the app or the CLI sets another coin type or HD path: the SDK's 118 holds.
    const goFiles = (dir: string): string[] =>
      readdirSync(new URL(dir, root), { recursive: true, encoding: "utf8" })
        .filter((f) => f.endsWith(".go"))
        .map((f) => text(`${dir}/${f}`));
    for (const src of [...goFiles("app"), ...goFiles("cmd")]) {
      expect(src).not.toMatch(/SetCoinType|SetPurpose|SetFullFundraiserPath|CoinType\s*=/);
    }
    expect(chain.slip44).toBe(118);
  });

  it("assets are the denoms funded at genesis plus pool 1's share token", () => {
    const funded = grab(localnetSh, /DEMO_FUNDS="([^"]+)"/)
      .split(",")
      .map((coin) => coin.replace(/^\d+/, ""));
    expect(funded).toEqual(["upool", "uatom", "uusdc", "ueth"]);
    const assets = localAssets().assets;
    expect(assets.map((a) => a.base)).toEqual([...funded, "smartpool/1"]);
    for (const a of assets.slice(0, funded.length)) expect(currency(a).coinDecimals).toBe(6);
  });

  it("share tokens follow x/smartpool's denom metadata", () => {
    const keys = text("x/smartpool/types/keys.go");
    const createPool = text("x/smartpool/keeper/create_pool.go");
    expect(SHARE_EXPONENT).toBe(Number(grab(keys, /ShareExponent = (\d+)/)));
    expect(grab(keys, /ModuleName = "(\w+)"/) + "/1").toBe(shareAsset(1).base);
    const sprintf = (field: string) => grab(createPool, new RegExp(`${field}\\s*:=?\\s*fmt\\.Sprintf\\("([^"]+)", id\\)`));
    for (const id of [1, 7]) {
      const share = shareAsset(id);
      const fill = (format: string) => format.replace("%d", String(id));
      expect(share.display).toBe(fill(sprintf("display")));
      expect(share.name).toBe(fill(sprintf("Name")));
      expect(share.symbol).toBe(fill(sprintf("Symbol")));
      expect(share.description).toBe(fill(sprintf("Description")));
      expect(share.denom_units).toEqual([
        { denom: `smartpool/${id}`, exponent: 0 },
        { denom: `smartpool-${id}`, exponent: SHARE_EXPONENT },
      ]);
    }
    expect(localAssets().assets.find((a) => a.base === "smartpool/1")).toEqual(shareAsset(1));
    expect(shareCurrency(1)).toEqual({ coinDenom: "SP1", coinMinimalDenom: "smartpool/1", coinDecimals: 18 });
    expect(() => shareAsset(0)).toThrow();
  });

  it("codebase versions are go.mod's", () => {
    const goMod = text("go.mod");
    const codebase = json("localnet/chain.json").codebase;
    expect(codebase.sdk.version).toBe(grab(goMod, /github\.com\/cosmos\/cosmos-sdk (v\S+)/));
    expect(codebase.consensus.version).toBe(grab(goMod, /github\.com\/cometbft\/cometbft (v\S+)/));
    expect(codebase.ibc.version).toBe(grab(goMod, /github\.com\/cosmos\/ibc-go\/v\d+ (v\S+)/));
    expect(codebase.language.version).toBe(grab(goMod, /^go (\S+)$/m));
    expect(json("testnet/chain.json").codebase).toMatchObject(codebase);
  });
});

describe("Keplr chain info", () => {
  it("keplr/localnet.json is keplrChainInfo(localnet files)", async () => {
    const info = keplrChainInfo(localChain(), localAssets());
    expect(info).toMatchObject({
      chainId: "poolnet-1",
      rpc: "http://127.0.0.1:26657",
      rest: "http://127.0.0.1:1317",
      bip44: { coinType: 118 },
      stakeCurrency: { coinDenom: "POOL", coinMinimalDenom: "upool", coinDecimals: 6 },
      feeCurrencies: [{ coinMinimalDenom: "upool", gasPriceStep: { low: 0, average: 0.025, high: 0.04 } }],
    });
    expect(info.currencies).toContainEqual(shareCurrency(1));
    await expect(JSON.stringify(info, null, 2) + "\n").toMatchFileSnapshot("keplr/localnet.json");
  });

  it("the testnet template derives too", () => {
    const info = keplrChainInfo(json("testnet/chain.json"), json("testnet/assetlist.json"));
    expect(info.chainId).toBe("poolnet-testnet-1");
    expect(info.rpc).toBe("https://rpc.testnet.example.org");
  });

  it("refuses mismatched or incomplete input", () => {
    expect(() => keplrChainInfo(localChain(), json("testnet/assetlist.json"))).toThrow(/assetlist is for/);
    expect(() => keplrChainInfo({ ...localChain(), apis: {} }, localAssets())).toThrow(/no rpc endpoint/);
    expect(() => keplrChainInfo({ ...localChain(), slip44: undefined }, localAssets())).toThrow(/slip44/);
  });
});
