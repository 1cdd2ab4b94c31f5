// The pools page: a header with the chain's status and the wallet, and two
// views chosen by the URL's hash: the pool list (#/) and one pool (#/pool/N).
import { latestBlock, endpoints } from "./api.js";
import { errorText, fill } from "./dom.js";
import { describeError } from "./forms.js";
import { startCountdowns } from "./pending.js";
import { showPoolDetail } from "./pool-detail.js";
import { showPoolList } from "./pool-list.js";
import { walletPanel } from "./wallet.js";

const app = document.getElementById("app")!;
const banner = document.getElementById("banner")!;
const status = document.getElementById("chain-status")!;
document.getElementById("wallet-slot")!.replaceWith(walletPanel());

let bannerTimer: ReturnType<typeof setTimeout> | undefined;
/** Shows a failure to load (node down, pool missing) until the next success clears it. */
function showError(e: unknown): void {
  banner.textContent = describeError(e);
  banner.hidden = false;
  clearTimeout(bannerTimer);
  bannerTimer = setTimeout(() => (banner.hidden = true), 15_000);
}

async function updateStatus(): Promise<void> {
  try {
    const b = await latestBlock();
    fill(status, `${b.chainId} · block ${b.height} · ${b.time.toLocaleTimeString("en-GB", { hour12: false })}`);
    status.dataset.height = String(b.height);
    status.classList.remove("down");
  } catch (e) {
    fill(status, `node unreachable (${endpoints.rest}): ${errorText(e)}`);
    status.classList.add("down");
  }
}

let stop: (() => void) | undefined;
function route(): void {
  stop?.();
  banner.hidden = true;
  const m = /^#\/pool\/(\d+)$/.exec(location.hash);
  if (m) {
    stop = showPoolDetail(app, BigInt(m[1]), showError);
    document.title = `Pool ${m[1]} · poold smart pools`;
  } else {
    stop = showPoolList(app, showError);
    document.title = "poold smart pools";
  }
  window.scrollTo(0, 0);
}

window.addEventListener("hashchange", route);
route();
startCountdowns();
void updateStatus();
setInterval(() => void updateStatus(), 3000);
