/** The generated smartpool message types (ts-proto, from proto/smartpool/v1), and Coin. */
export * from "./generated/smartpool/v1/control.js";
export * from "./generated/smartpool/v1/denom.js";
export * from "./generated/smartpool/v1/events.js";
export * from "./generated/smartpool/v1/fees.js";
export * from "./generated/smartpool/v1/genesis.js";
export * from "./generated/smartpool/v1/oracle.js";
export * from "./generated/smartpool/v1/params.js";
export * from "./generated/smartpool/v1/pool.js";
export * from "./generated/smartpool/v1/query.js";
export * from "./generated/smartpool/v1/strategy.js";
export * from "./generated/smartpool/v1/tx.js";
export * from "./generated/smartpool/v1/waypoint.js";
export { Coin, DecCoin } from "./generated/cosmos/base/v1beta1/coin.js";
export { PageRequest, PageResponse } from "./generated/cosmos/base/query/v1beta1/pagination.js";
export { Timestamp as ProtoTimestamp } from "./generated/google/protobuf/timestamp.js";
export { Duration as ProtoDuration } from "./generated/google/protobuf/duration.js";
