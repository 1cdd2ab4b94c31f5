// Keplr chain info derived from poold's chain-registry files (chain.json and
// assetlist.json, https://github.com/cosmos/chain-registry), so that the
// wallet config is never copied by hand. keplr/localnet.json is
// keplrChainInfo(localnet/chain.json, localnet/assetlist.json); the test
// registry.test.ts checks it.

/** The part of a chain-registry chain.json that Keplr needs. */
export interface RegistryChain {
  chain_name: string;
  chain_id: string;
  pretty_name?: string;
  bech32_prefix: string;
  /** Overrides of the prefixes that bech32_prefix implies. */
  bech32_config?: Partial<Bech32Config>;
  slip44?: number;
  fees?: { fee_tokens: RegistryFeeToken[] };
  staking?: { staking_tokens: { denom: string }[] };
  apis?: { rpc?: { address: string }[]; rest?: { address: string }[] };
}

export interface RegistryFeeToken {
  denom: string;
  fixed_min_gas_price?: number;
  low_gas_price?: number;
  average_gas_price?: number;
  high_gas_price?: number;
}

/** One asset of a chain-registry assetlist.json. */
export interface RegistryAsset {
  description?: string;
  denom_units: { denom: string; exponent: number; aliases?: string[] }[];
  type_asset?: string;
  base: string;
  name: string;
  display: string;
  symbol: string;
}

export interface RegistryAssetList {
  chain_name: string;
  assets: RegistryAsset[];
}

export interface Bech32Config {
  bech32PrefixAccAddr: string;
  bech32PrefixAccPub: string;
  bech32PrefixValAddr: string;
  bech32PrefixValPub: string;
  bech32PrefixConsAddr: string;
  bech32PrefixConsPub: string;
}

/** A Keplr currency. */
export interface Currency {
  coinDenom: string;
  coinMinimalDenom: string;
  coinDecimals: number;
}

export interface FeeCurrency extends Currency {
  gasPriceStep: { low: number; average: number; high: number };
}

/** The argument of window.keplr.experimentalSuggestChain. */
export interface ChainInfo {
  chainId: string;
  chainName: string;
  rpc: string;
  rest: string;
  bip44: { coinType: number };
  bech32Config: Bech32Config;
  currencies: Currency[];
  feeCurrencies: FeeCurrency[];
  stakeCurrency: Currency;
}

/** Decimals of a pool share's display unit (x/smartpool/types ShareExponent). */
export const SHARE_EXPONENT = 18;

/**
 * The assetlist entry of pool poolId's share token: the bank denom metadata
 * that x/smartpool writes when it creates the pool (shareMetadata).
 */
export function shareAsset(poolId: number | bigint): RegistryAsset {
  if (typeof poolId === "number" && !Number.isSafeInteger(poolId)) throw new Error(`bad pool id ${poolId}`);
  if (poolId < 1) throw new Error(`bad pool id ${poolId}: pool ids start at 1`);
  const id = String(poolId);
  return {
    description: `Share of smart pool ${id}: a claim on its whole basket`,
    denom_units: [
      { denom: `smartpool/${id}`, exponent: 0 },
      { denom: `smartpool-${id}`, exponent: SHARE_EXPONENT },
    ],
    type_asset: "sdk.coin",
    base: `smartpool/${id}`,
    name: `Smart pool ${id} share`,
    display: `smartpool-${id}`,
    symbol: `SP${id}`,
  };
}

/** The Keplr currency of pool poolId's share token (18 decimals). */
export function shareCurrency(poolId: number | bigint): Currency {
  return currency(shareAsset(poolId));
}

/** An asset as a Keplr currency: its symbol, base denom and display exponent. */
export function currency(asset: RegistryAsset): Currency {
  const unit = asset.denom_units.find((u) => u.denom === asset.display);
  if (!unit) throw new Error(`asset ${asset.base}: display unit ${asset.display} is not in denom_units`);
  return { coinDenom: asset.symbol, coinMinimalDenom: asset.base, coinDecimals: unit.exponent };
}

/** Keplr's ChainInfo for a chain-registry chain.json and its assetlist.json. */
export function keplrChainInfo(chain: RegistryChain, assetlist: RegistryAssetList): ChainInfo {
  if (assetlist.chain_name !== chain.chain_name) {
    throw new Error(`assetlist is for ${assetlist.chain_name}, chain is ${chain.chain_name}`);
  }
  const byDenom = (denom: string): Currency => {
    const asset = assetlist.assets.find((a) => a.base === denom);
    if (!asset) throw new Error(`${denom} is not in the assetlist of ${chain.chain_name}`);
    return currency(asset);
  };
  const first = (list: { address: string }[] | undefined, what: string): string => {
    if (!list?.length) throw new Error(`${chain.chain_name} has no ${what} endpoint`);
    return list[0].address;
  };
  if (chain.slip44 === undefined) throw new Error(`${chain.chain_name} has no slip44`);
  const fees = chain.fees?.fee_tokens ?? [];
  const staking = chain.staking?.staking_tokens ?? [];
  if (!fees.length) throw new Error(`${chain.chain_name} has no fee token`);
  if (!staking.length) throw new Error(`${chain.chain_name} has no staking token`);

  const p = chain.bech32_prefix;
  return {
    chainId: chain.chain_id,
    chainName: chain.pretty_name ?? chain.chain_name,
    rpc: first(chain.apis?.rpc, "rpc"),
    rest: first(chain.apis?.rest, "rest"),
    bip44: { coinType: chain.slip44 },
    bech32Config: {
      bech32PrefixAccAddr: p,
      bech32PrefixAccPub: `${p}pub`,
      bech32PrefixValAddr: `${p}valoper`,
      bech32PrefixValPub: `${p}valoperpub`,
      bech32PrefixConsAddr: `${p}valcons`,
      bech32PrefixConsPub: `${p}valconspub`,
      ...chain.bech32_config,
    },
    currencies: assetlist.assets.map(currency),
    feeCurrencies: fees.map((t) => {
      // Missing steps take the step below: the chain's minimum, then low, then average.
      const low = t.low_gas_price ?? t.fixed_min_gas_price ?? 0;
      const average = t.average_gas_price ?? low;
      const high = t.high_gas_price ?? average;
      return { ...byDenom(t.denom), gasPriceStep: { low, average, high } };
    }),
    stakeCurrency: byDenom(staking[0].denom),
  };
}
