// Pools for the browser test and for trying the page by hand: a pool whose
// weights are moving on a schedule and which has a swap-fee change queued
// behind its time-lock, and a plain pool whose weights stay put (so that a
// swap's outcome is exactly its estimate).
import { assertIsDeliverTxSuccess, type SigningStargateClient } from "@cosmjs/stargate";

import { LOCALNET, connectSigningClient, dec, decodeMsgResponses, directWallet, durationOf, msg, timestampOf } from "../../../ts/src/index.js";
import type { MsgCreatePoolResponse, MsgSetSwapFeeResponse } from "../../../ts/src/types.js";

export interface Seeded {
  alice: string;
  bob: string;
  /** The pool with a running weight schedule and a pending swap-fee change. */
  scheduled: bigint;
  /** A 50/50 ATOM/USDC pool without a schedule. */
  plain: bigint;
  scheduleEnd: Date;
  pendingChangeId: bigint;
  pendingDue: Date;
}

async function createPool(client: SigningStargateClient, sender: string, value: Parameters<typeof msg<"MsgCreatePool">>[1]): Promise<bigint> {
  const res = await client.signAndBroadcast(sender, [msg("MsgCreatePool", { sender, ...value })], "auto");
  assertIsDeliverTxSuccess(res);
  const [created] = decodeMsgResponses(res.msgResponses) as MsgCreatePoolResponse[];
  return created.poolId;
}

/** Creates the two pools as alice; scheduleSeconds is how long the weights move. */
export async function seedPools(rpc: string, scheduleSeconds = 180): Promise<Seeded> {
  const aliceWallet = await directWallet(LOCALNET.demoKeys.alice);
  const bobWallet = await directWallet(LOCALNET.demoKeys.bob);
  const [{ address: alice }] = await aliceWallet.getAccounts();
  const [{ address: bob }] = await bobWallet.getAccounts();
  const client = await connectSigningClient(rpc, aliceWallet, { broadcastPollIntervalMs: 300 });
  try {
    const now = new Date();
    const scheduleEnd = new Date(now.getTime() + scheduleSeconds * 1000);
    // An ATOM/ETH/USDC pool moving from 60/15/25 to 20/50/30 (a liquidity
    // bootstrapping pool for ATOM): ATOM's price in USDC falls as its weight does.
    const scheduled = await createPool(client, alice, {
      assets: [
        { denom: "uatom", balance: "1000000000", weight: "60" },
        { denom: "ueth", balance: "100000000", weight: "15" },
        { denom: "uusdc", balance: "2500000000", weight: "25" },
      ],
      swapFee: dec("0.003"),
      controller: alice,
      rights: { changeSwapFee: true, changeWeights: true },
      timelock: durationOf(3600),
      weightSchedule: { startTime: timestampOf(now), endTime: timestampOf(scheduleEnd), targetWeights: ["20", "50", "30"] },
    });
    const plain = await createPool(client, alice, {
      assets: [
        { denom: "uatom", balance: "100000000", weight: "50" },
        { denom: "uusdc", balance: "1000000000", weight: "50" },
      ],
      swapFee: dec("0.003"),
    });
    const res = await client.signAndBroadcast(alice, [msg("MsgSetSwapFee", { sender: alice, poolId: scheduled, swapFee: dec("0.01") })], "auto");
    assertIsDeliverTxSuccess(res);
    const [queued] = decodeMsgResponses(res.msgResponses) as MsgSetSwapFeeResponse[];
    const due = queued.dueTime!;
    return {
      alice,
      bob,
      scheduled,
      plain,
      scheduleEnd,
      pendingChangeId: queued.changeId,
      pendingDue: new Date(Number(due.seconds) * 1000 + Math.floor(due.nanos / 1e6)),
    };
  } finally {
    client.disconnect();
  }
}
