/**
 * @poold/client: a TypeScript client of poold's x/smartpool.
 *
 * - generated message types (ts-proto, from proto/) and a CosmJS registry and
 *   amino converters for every Msg: {@link createSmartpoolRegistry},
 *   {@link createSmartpoolAminoTypes}, {@link msg}, {@link connectSigningClient}
 * - typed REST queries with errors a client can act on: {@link restQueries},
 *   {@link QueryError}
 * - exact cosmos.Dec conversion: {@link dec}, {@link atomicsToDecimal}
 */
import { FetchRestTransport, type FetchTransportOptions } from "./rest-transport.js";
import { SmartpoolRestQueries } from "./generated/rest.js";

export * from "./amino.js";
export * from "./decimal.js";
export * from "./errors.js";
export * from "./localnet.js";
export * from "./registry.js";
export * from "./rest-transport.js";
export * from "./signing.js";
export * from "./time.js";
export { typeUrls, aminoNames } from "./generated/amino-spec.js";
export { SmartpoolRestQueries } from "./generated/rest.js";
export * as smartpool from "./types.js";

/** Every smartpool query over a node's REST API (port 1317 on the localnet). */
export function restQueries(baseUrl: string, options?: FetchTransportOptions): SmartpoolRestQueries {
  return new SmartpoolRestQueries(new FetchRestTransport(baseUrl, options));
}
export type { DeepPartial } from "./partial.js";
export * from "./grpc-web.js";
