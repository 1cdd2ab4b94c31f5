/** Signing clients that know every smartpool Msg, for direct and amino-JSON signers. */
import { Secp256k1HdWallet } from "@cosmjs/amino";
import { DirectSecp256k1HdWallet, type OfflineSigner } from "@cosmjs/proto-signing";
import { GasPrice, SigningStargateClient, type SigningStargateClientOptions } from "@cosmjs/stargate";

import { createSmartpoolAminoTypes, createSmartpoolRegistry } from "./registry.js";

/** Bech32 prefix of poold account addresses. */
export const BECH32_PREFIX = "pool";

/**
 * Connects to a node's CometBFT RPC with a signer. A direct signer signs
 * SIGN_MODE_DIRECT; an amino-only signer (a Ledger, Keplr's signAmino) signs
 * SIGN_MODE_LEGACY_AMINO_JSON through the smartpool amino converters.
 */
export async function connectSigningClient(
  rpcUrl: string,
  signer: OfflineSigner,
  options: SigningStargateClientOptions = {},
): Promise<SigningStargateClient> {
  return SigningStargateClient.connectWithSigner(rpcUrl, signer, {
    registry: createSmartpoolRegistry(),
    aminoTypes: createSmartpoolAminoTypes(),
    gasPrice: GasPrice.fromString("0upool"),
    ...options,
  });
}

/** A direct-signing wallet from a mnemonic, with poold's prefix. */
export function directWallet(mnemonic: string): Promise<DirectSecp256k1HdWallet> {
  return DirectSecp256k1HdWallet.fromMnemonic(mnemonic, { prefix: BECH32_PREFIX });
}

/** An amino-JSON-only wallet from a mnemonic (signs as a Ledger would), with poold's prefix. */
export function aminoWallet(mnemonic: string): Promise<Secp256k1HdWallet> {
  return Secp256k1HdWallet.fromMnemonic(mnemonic, { prefix: BECH32_PREFIX });
}
