/**
 * The local chain `make localnet` starts (scripts/localnet.sh): its id, its
 * loopback endpoints and its demo keys. The mnemonics are public demo keys,
 * funded only on that chain; never use them for value.
 */
export const LOCALNET = {
  chainId: "poolnet-1",
  rpc: "http://127.0.0.1:26657",
  rest: "http://127.0.0.1:1317",
  feeDenom: "upool",
  demoKeys: {
    alice: "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about",
    bob: "zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong",
  },
} as const;
