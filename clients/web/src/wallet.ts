// Who signs: Keplr when the extension is there (the localnet suggested to it
// with the page's own /rpc and /rest), otherwise one of the localnet's public
// demo keys (scripts/localnet.sh) held in the page. Shows the address and its
// balances, and sends transactions for the forms.
import type { EncodeObject, OfflineSigner } from "@cosmjs/proto-signing";
import { TimeoutError, type DeliverTxResponse, type SigningStargateClient } from "@cosmjs/stargate";

import { LOCALNET, connectSigningClient, directWallet } from "../../ts/src/index.js";
import chainInfo from "../../registry/keplr/localnet.json";
import type { ChainInfo } from "../../registry/keplr.js";
import { balances, endpoints } from "./api.js";
import { formatCoin } from "./denoms.js";
import { errorText, fill, h } from "./dom.js";

interface Keplr {
  experimentalSuggestChain(info: ChainInfo): Promise<void>;
  enable(chainId: string): Promise<void>;
  getOfflineSigner(chainId: string): OfflineSigner;
  /** Keplr's amino-only signer for Ledger accounts, its direct signer otherwise. */
  getOfflineSignerAuto?(chainId: string): Promise<OfflineSigner>;
}

declare global {
  interface Window {
    keplr?: Keplr;
  }
}

export interface Wallet {
  kind: "keplr" | "demo";
  label: string;
  address: string;
  client: SigningStargateClient;
}

let current: Wallet | undefined;
const events = new EventTarget();

export function currentWallet(): Wallet | undefined {
  return current;
}

/** Runs fn whenever the wallet changes (connected, switched, gone). */
export function onWalletChange(fn: () => void): () => void {
  events.addEventListener("change", fn);
  return () => events.removeEventListener("change", fn);
}

function setWallet(w: Wallet | undefined): void {
  current?.client.disconnect();
  current = w;
  events.dispatchEvent(new Event("change"));
}

const clientOptions = { broadcastPollIntervalMs: 500, broadcastTimeoutMs: 60_000 };

async function connect(kind: Wallet["kind"], label: string, signer: OfflineSigner): Promise<Wallet> {
  const [account] = await signer.getAccounts();
  const client = await connectSigningClient(endpoints.rpc, signer, clientOptions);
  return { kind, label, address: account.address, client };
}

/** The Keplr chain info of the localnet, with the endpoints this page uses. */
export function keplrChainInfo(): ChainInfo {
  return { ...(chainInfo as ChainInfo), rpc: endpoints.rpc, rest: endpoints.rest };
}

async function connectKeplr(keplr: Keplr): Promise<Wallet> {
  const info = keplrChainInfo();
  await keplr.experimentalSuggestChain(info);
  await keplr.enable(info.chainId);
  // A Ledger in Keplr cannot sign direct: the auto signer then signs amino JSON,
  // which the smartpool amino converters support.
  const signer = keplr.getOfflineSignerAuto ? await keplr.getOfflineSignerAuto(info.chainId) : keplr.getOfflineSigner(info.chainId);
  return connect("keplr", "Keplr", signer);
}

async function connectDemo(name: keyof typeof LOCALNET.demoKeys): Promise<Wallet> {
  return connect("demo", `localnet demo key ${name}`, await directWallet(LOCALNET.demoKeys[name]));
}

/** A transaction the chain refused or that failed in its block. */
export class TxError extends Error {
  constructor(
    message: string,
    readonly code?: number,
    readonly txHash?: string,
    /** The tx reached the node but its fate is not known yet: sending again could do it twice. */
    readonly submitted = false,
  ) {
    super(message);
    this.name = "TxError";
  }
}

/** Signs and broadcasts msgs with the current wallet; resolves once the tx is in a block and succeeded. */
export async function sendTx(msgs: EncodeObject[], memo = "poold web page"): Promise<DeliverTxResponse> {
  const w = current;
  if (!w) throw new TxError("choose a wallet first (Keplr or a localnet demo key, top right)");
  let res: DeliverTxResponse;
  try {
    res = await w.client.signAndBroadcast(w.address, msgs, "auto", memo);
  } catch (e) {
    if (e instanceof TimeoutError) {
      refreshBalances();
      throw new TxError("sent, but not in a block yet: check your balances before sending again", undefined, e.txId, true);
    }
    // Simulation (gas estimate) and CheckTx failures land here, with the chain's reason.
    throw new TxError(`not sent: ${errorText(e)}`);
  }
  if (res.code !== 0) {
    throw new TxError(`failed in block ${res.height} with code ${res.code}: ${res.rawLog ?? ""}`, res.code, res.transactionHash);
  }
  refreshBalances();
  return res;
}

let refreshBalancesNow: () => void = () => undefined;

/** Re-reads the wallet's balances (after a transaction, say) and tells whoever shows them. */
export function refreshBalances(): void {
  refreshBalancesNow();
  events.dispatchEvent(new Event("balances"));
}

/** Runs fn when the wallet's balances may have changed (a transaction went through). */
export function onBalancesChange(fn: () => void): () => void {
  events.addEventListener("balances", fn);
  return () => events.removeEventListener("balances", fn);
}

/** The wallet panel: Keplr's connect button or the demo-key selector, the address and its balances. */
export function walletPanel(): HTMLElement {
  const status = h("p", { class: "error", "data-testid": "wallet-error", hidden: true });
  const address = h("p", { class: "address", "data-testid": "wallet-address" });
  const list = h("ul", { class: "balances", "data-testid": "wallet-balances" });
  const panel = h("section", { class: "wallet", "data-testid": "wallet" });

  const showError = (e: unknown) => {
    status.textContent = errorText(e);
    status.hidden = false;
  };

  let generation = 0;
  const loadBalances = async () => {
    const w = current;
    const mine = ++generation;
    if (!w) {
      address.textContent = "no wallet";
      list.replaceChildren();
      return;
    }
    address.replaceChildren(h("span", { class: "muted" }, `${w.label}: `), h("code", {}, w.address));
    try {
      const coins = await balances(w.address);
      if (mine !== generation) return;
      fill(
        list,
        ...coins.map((c) => h("li", { "data-denom": c.denom, "data-amount": c.amount }, formatCoin(c.amount, c.denom))),
      );
      if (!coins.length) list.append(h("li", { class: "muted" }, "no balances"));
    } catch (e) {
      if (mine === generation) showError(e);
    }
  };
  refreshBalancesNow = () => void loadBalances();
  onWalletChange(() => {
    status.hidden = true;
    void loadBalances();
  });

  const forceDemo = new URLSearchParams(location.search).has("demo");
  if (window.keplr && !forceDemo) {
    const keplr = window.keplr;
    const button = h("button", { type: "button", "data-testid": "keplr-connect" }, "Connect Keplr");
    const doConnect = async () => {
      status.hidden = true;
      button.disabled = true;
      try {
        setWallet(await connectKeplr(keplr));
      } catch (e) {
        showError(e);
      } finally {
        button.disabled = false;
      }
    };
    button.addEventListener("click", () => void doConnect());
    // Another account chosen in Keplr: follow it.
    window.addEventListener("keplr_keystorechange", () => {
      if (current?.kind === "keplr") void doConnect();
    });
    panel.append(h("div", { class: "wallet-choice" }, button, h("span", { class: "muted" }, " signs with the Keplr extension")));
  } else {
    const select = h(
      "select",
      { "data-testid": "demo-key", id: "demo-key" },
      h("option", { value: "" }, "— none —"),
      ...Object.keys(LOCALNET.demoKeys).map((k) => h("option", { value: k }, k)),
    );
    select.addEventListener("change", async () => {
      status.hidden = true;
      const name = select.value as keyof typeof LOCALNET.demoKeys | "";
      if (!name) return setWallet(undefined);
      select.disabled = true;
      try {
        setWallet(await connectDemo(name));
      } catch (e) {
        setWallet(undefined);
        showError(e);
      } finally {
        select.disabled = false;
      }
    });
    panel.append(
      h("div", { class: "wallet-choice" }, h("label", { for: "demo-key" }, "localnet demo key "), select),
      h("p", { class: "hint" }, "Public test mnemonics from scripts/localnet.sh, funded only on the localnet. No Keplr extension found."),
    );
  }
  panel.append(address, list, status);
  void loadBalances();
  setInterval(() => void loadBalances(), 10_000);
  return panel;
}
