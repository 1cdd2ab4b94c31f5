// The TypeScript client against a real poold chain: the addresses the CLI
// derives, pool actions signed both ways (direct and amino JSON), the
// estimates the REST queries give matched by what the chain then does, a
// queued change cancelled, and errors a client can tell apart.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { QueryClient, assertIsDeliverTxSuccess, createProtobufRpcClient, type DeliverTxResponse, type SigningStargateClient } from "@cosmjs/stargate";
import { connectComet } from "@cosmjs/tendermint-rpc";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  GrpcCode,
  LOCALNET,
  QueryError,
  aminoWallet,
  atomicsToDecimal,
  connectSigningClient,
  dec,
  decodeMsgResponses,
  directWallet,
  durationOf,
  grpcWebQueries,
  msg,
  restQueries,
  type SmartpoolRestQueries,
} from "../src/index.js";
import { QueryClientImpl } from "../src/generated/smartpool/v1/query.js";
import type { MsgCreatePoolResponse, MsgExitPoolResponse, MsgSwapExactAmountInResponse } from "../src/types.js";
import { REPO, startLocalnet, type Localnet } from "./support/localnet.js";

let net: Localnet;
let rest: SmartpoolRestQueries;
let alice: { address: string; direct: SigningStargateClient; amino: SigningStargateClient };
let bob: { address: string; amino: SigningStargateClient };
let poolId: bigint;
const ONE_SHARE = 10n ** 18n;

async function balance(address: string, denom: string): Promise<bigint> {
  const r = await fetch(`${net.rest}/cosmos/bank/v1beta1/balances/${address}/by_denom?denom=${encodeURIComponent(denom)}`);
  const b = (await r.json()) as { balance: { amount: string } };
  return BigInt(b.balance.amount);
}

function keysShow(name: string): string {
  const poold = join(REPO, "build", "poold");
  return execFileSync(poold, ["keys", "show", name, "-a", "--keyring-backend", "test", "--home", net.home]).toString().trim();
}

function ok(res: DeliverTxResponse): DeliverTxResponse {
  assertIsDeliverTxSuccess(res);
  return res;
}

async function expectQueryError(p: Promise<unknown>, httpStatus: number, code: GrpcCode): Promise<QueryError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(QueryError);
  const q = err as QueryError;
  expect({ status: q.httpStatus, code: q.code, message: q.message }).toMatchObject({ status: httpStatus, code });
  return q;
}

beforeAll(async () => {
  net = await startLocalnet(27_700);
  rest = restQueries(net.rest);
  const aliceDirect = await directWallet(LOCALNET.demoKeys.alice);
  const aliceAmino = await aminoWallet(LOCALNET.demoKeys.alice);
  const bobAmino = await aminoWallet(LOCALNET.demoKeys.bob);
  const [a] = await aliceDirect.getAccounts();
  const [b] = await bobAmino.getAccounts();
  alice = {
    address: a.address,
    direct: await connectSigningClient(net.rpc, aliceDirect),
    amino: await connectSigningClient(net.rpc, aliceAmino),
  };
  bob = { address: b.address, amino: await connectSigningClient(net.rpc, bobAmino) };
});

afterAll(async () => {
  alice?.direct.disconnect();
  alice?.amino.disconnect();
  bob?.amino.disconnect();
  await net?.stop();
});

describe("TypeScript client on a localnet", () => {
  it("derives the CLI's addresses from the demo mnemonics", () => {
    expect(alice.address).toBe(keysShow("alice"));
    expect(bob.address).toBe(keysShow("bob"));
  });

  it("creates a pool (direct signing) and reads it back over REST", async () => {
    const res = ok(
      await alice.direct.signAndBroadcast(
        alice.address,
        [
          msg("MsgCreatePool", {
            sender: alice.address,
            assets: [
              { denom: "uatom", balance: "100000000", weight: "60" },
              { denom: "uusdc", balance: "200000000", weight: "40" },
            ],
            swapFee: dec("0.003"),
            controller: alice.address,
            rights: { changeSwapFee: true },
            timelock: durationOf(3600),
          }),
        ],
        "auto",
      ),
    );
    const [created] = decodeMsgResponses(res.msgResponses) as MsgCreatePoolResponse[];
    poolId = created.poolId;
    expect(poolId).toBeGreaterThan(0n);
    expect(created.sharesOut?.denom).toBe(`smartpool/${poolId}`);

    const { pool } = await rest.pool({ poolId });
    expect(pool?.assets.map((a) => [a.denom, a.balance, a.weight])).toEqual([
      ["uatom", "100000000", "60"],
      ["uusdc", "200000000", "40"],
    ]);
    // REST writes a cosmos.Dec as a decimal, a duration as proto3 JSON.
    expect(pool?.swapFee).toBe("0.003000000000000000");
    expect(pool?.timelock).toEqual({ seconds: 3600n, nanos: 0 });
    const { spotPrice } = await rest.spotPrice({ poolId, baseAssetDenom: "uatom", quoteAssetDenom: "uusdc" });
    expect(Number(spotPrice)).toBeGreaterThan(2.9);
  });

  it("swaps exactly what the estimate says (amino-JSON signing)", async () => {
    const { tokenOutAmount } = await rest.estimateSwapExactAmountIn({
      tokenIn: "1000000uatom",
      routePoolIds: [poolId],
      routeTokenOutDenoms: ["uusdc"],
    });
    const before = await balance(bob.address, "uusdc");
    const res = ok(
      await bob.amino.signAndBroadcast(
        bob.address,
        [
          msg("MsgSwapExactAmountIn", {
            sender: bob.address,
            routes: [{ poolId, tokenOutDenom: "uusdc" }],
            tokenIn: { denom: "uatom", amount: "1000000" },
            tokenOutMinAmount: tokenOutAmount,
          }),
        ],
        "auto",
      ),
    );
    const [swap] = decodeMsgResponses(res.msgResponses) as MsgSwapExactAmountInResponse[];
    expect(swap.tokenOutAmount).toBe(tokenOutAmount);
    expect((await balance(bob.address, "uusdc")) - before).toBe(BigInt(tokenOutAmount));
  });

  it("refuses a swap whose minimum is above the estimate, and nothing moves", async () => {
    const { tokenOutAmount } = await rest.estimateSwapExactAmountIn({ tokenIn: "1000000uatom", routePoolIds: [poolId], routeTokenOutDenoms: ["uusdc"] });
    const before = await balance(bob.address, "uatom");
    const res = await bob.amino.signAndBroadcast(
      bob.address,
      [
        msg("MsgSwapExactAmountIn", {
          sender: bob.address,
          routes: [{ poolId, tokenOutDenom: "uusdc" }],
          tokenIn: { denom: "uatom", amount: "1000000" },
          tokenOutMinAmount: (BigInt(tokenOutAmount) + 1n).toString(),
        }),
      ],
      { amount: [], gas: "400000" },
    );
    expect(res.code).toBe(8); // smartpool ErrSlippage
    expect(res.rawLog).toMatch(/slippage/);
    expect(await balance(bob.address, "uatom")).toBe(before);
  });

  it("joins for one share (amino) at the estimated deposit and exits it (direct) at the estimated payout", async () => {
    const share = `smartpool/${poolId}`;
    const join = await rest.estimateJoin({ poolId, shareOutAmount: ONE_SHARE.toString() });
    expect(join.shareOutAmount).toBe(ONE_SHARE.toString());
    const uatomBefore = await balance(bob.address, "uatom");
    ok(
      await bob.amino.signAndBroadcast(
        bob.address,
        [msg("MsgJoinPool", { sender: bob.address, poolId, shareOutAmount: ONE_SHARE.toString(), tokenInMaxs: join.tokensIn })],
        "auto",
      ),
    );
    expect(await balance(bob.address, share)).toBe(ONE_SHARE);
    const paid = join.tokensIn.find((c) => c.denom === "uatom")!;
    expect(uatomBefore - (await balance(bob.address, "uatom"))).toBe(BigInt(paid.amount));

    const exit = await rest.estimateExit({ poolId, shareInAmount: ONE_SHARE.toString() });
    const res = ok(
      await alice.direct.signAndBroadcast(
        alice.address,
        [msg("MsgExitPool", { sender: alice.address, poolId, shareInAmount: ONE_SHARE.toString(), tokenOutMins: exit.tokensOut })],
        "auto",
      ),
    );
    const [out] = decodeMsgResponses(res.msgResponses) as MsgExitPoolResponse[];
    expect(out.tokensOut).toEqual(exit.tokensOut);
  });

  it("queues a swap-fee change (amino) behind the time-lock and cancels it (direct)", async () => {
    ok(
      await alice.amino.signAndBroadcast(alice.address, [msg("MsgSetSwapFee", { sender: alice.address, poolId, swapFee: dec("0.01") })], "auto"),
    );
    const { changes } = await rest.poolPendingChanges({ poolId });
    expect(changes).toHaveLength(1);
    const change = changes[0];
    expect(change.swapFee?.swapFee).toBe("0.010000000000000000");
    expect(change.proposer).toBe(alice.address);
    // Due one time-lock (an hour) after it was queued.
    expect(change.dueTime!.seconds - change.queuedAt!.seconds).toBe(3600n);

    ok(await alice.direct.signAndBroadcast(alice.address, [msg("MsgCancelChange", { sender: alice.address, changeId: change.id })], "auto"));
    expect((await rest.poolPendingChanges({ poolId })).changes).toEqual([]);
    // The fee never changed.
    expect((await rest.pool({ poolId })).pool?.swapFee).toBe(atomicsToDecimal(dec("0.003")));
  });

  it("pages, and takes timestamps with their nanoseconds as query parameters", async () => {
    const page = await rest.pools({ pagination: { limit: 1n, countTotal: true } });
    expect(page.pools).toHaveLength(1);
    expect(page.pagination?.total).toBe(1n);
    const { pool } = await rest.pool({ poolId });
    // The oracle's first observation is the pool's creation, to the nanosecond.
    const { twaps } = await rest.poolTwaps({ poolId, start: pool!.createdAt });
    expect(twaps.length).toBeGreaterThan(0);
    for (const t of twaps) expect(Number(t.price)).toBeGreaterThan(0);
  });

  it("answers over CometBFT's ABCI query too (generated QueryClientImpl), cosmos.Dec as atomics", async () => {
    const comet = await connectComet(net.rpc);
    try {
      const queries = new QueryClientImpl(createProtobufRpcClient(new QueryClient(comet)));
      const { pool } = await queries.Pool({ poolId });
      expect(pool?.swapFee).toBe(dec("0.003"));
      expect(pool?.assets.map((a) => a.denom)).toEqual(["uatom", "uusdc"]);
      await expect(queries.Pool({ poolId: 999_999n })).rejects.toThrow(/not found/);
    } finally {
      comet.disconnect();
    }
  });

  it("answers over gRPC-web with gRPC status codes", async () => {
    const queries = grpcWebQueries(net.rest);
    const { pool } = await queries.Pool({ poolId });
    expect(pool?.swapFee).toBe(dec("0.003"));
    const { spotPrice } = await queries.SpotPrice({ poolId, baseAssetDenom: "uatom", quoteAssetDenom: "uusdc" });
    expect(atomicsToDecimal(spotPrice)).toBe((await rest.spotPrice({ poolId, baseAssetDenom: "uatom", quoteAssetDenom: "uusdc" })).spotPrice);
    const err = await queries.Pool({ poolId: 999_999n }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QueryError);
    expect((err as QueryError).code).toBe(GrpcCode.NotFound);
  });

  it("tells a missing pool (404) from bad input (400)", async () => {
    const missing = await expectQueryError(rest.pool({ poolId: 999_999n }), 404, GrpcCode.NotFound);
    expect(missing.isNotFound).toBe(true);
    expect(missing.isUnavailable).toBe(false);
    await expectQueryError(rest.spotPrice({ poolId, baseAssetDenom: "1bad", quoteAssetDenom: "uusdc" }), 400, GrpcCode.InvalidArgument);
    await expectQueryError(
      rest.estimateSwapExactAmountIn({ tokenIn: "-5uatom", routePoolIds: [poolId], routeTokenOutDenoms: ["uusdc"] }),
      400,
      GrpcCode.InvalidArgument,
    );
    await expectQueryError(rest.estimateExit({ poolId, shareInAmount: "abc" }), 400, GrpcCode.InvalidArgument);
  });

  it("reports an unreachable node as unavailable", async () => {
    const q = await expectQueryError(restQueries("http://127.0.0.1:9").params(), 0, GrpcCode.Unavailable);
    expect(q.isUnavailable).toBe(true);
  });
});
