/**
 * Connecting to MongoDB: the connection string (which hosts, which database), bounded timeouts, and
 * turning "cannot reach the server" into `StoreUnavailableError` (exit code 3) with the password
 * redacted and the hosts named.
 */
import {
  type MongoClientOptions,
  MongoNetworkError,
  MongoNotConnectedError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
} from "mongodb";
import { redact } from "../../config/env.js";
import { StoreUnavailableError } from "../store.js";

export interface MongoUriInfo {
  /** `host:port[,host:port…]` as written (an SRV name for mongodb+srv). */
  hosts: string;
  /** The database in the path, when there is one. */
  database?: string;
}

const URI = /^(mongodb(?:\+srv)?):\/\/(?:[^@/?#]*@)?([^/?#]*)(?:\/([^?#]*))?/i;

/** Hosts and database of a connection string; throws a RangeError (without the URI) when it is not one. */
export function describeMongoUri(uri: string): MongoUriInfo {
  const m = URI.exec(uri.trim());
  if (!m?.[2])
    throw new RangeError("MONGODB_URI must look like mongodb://[user:password@]host[:port]/database");
  const database = m[3] ? decodeURIComponent(m[3]) : undefined;
  return database ? { hosts: m[2], database } : { hosts: m[2] };
}

/** The same connection string with another database in its path (options and credentials kept). */
export function withDatabase(uri: string, database: string): string {
  const m = URI.exec(uri.trim());
  if (!m) throw new RangeError("not a mongodb:// connection string");
  const head = uri.trim().slice(0, m[0].length - (m[3] !== undefined ? m[3].length + 1 : 0));
  const rest = uri.trim().slice(m[0].length);
  return `${head}/${encodeURIComponent(database)}${rest}`;
}

export interface TimeoutOptions {
  /**
   * How long an operation waits for a usable server before failing (the "server is down" bound).
   * @default 5000
   */
  serverSelectionTimeoutMS?: number;
  /** TCP connect timeout. @default 5000 */
  connectTimeoutMS?: number;
  /** A reply that takes longer than this fails the operation (a hung server). @default 60000 */
  socketTimeoutMS?: number;
}

/** Driver options: ours as defaults, while any option written in the URI wins. */
export function clientOptions(uri: string, t: TimeoutOptions): MongoClientOptions {
  const inUri = (name: string) => new RegExp(`[?&]${name}=`, "i").test(uri);
  const o: MongoClientOptions = { appName: "repwatch", maxPoolSize: 10 };
  if (!inUri("serverSelectionTimeoutMS")) o.serverSelectionTimeoutMS = t.serverSelectionTimeoutMS ?? 5_000;
  if (!inUri("connectTimeoutMS")) o.connectTimeoutMS = t.connectTimeoutMS ?? 5_000;
  if (!inUri("socketTimeoutMS")) o.socketTimeoutMS = t.socketTimeoutMS ?? 60_000;
  return o;
}

/** Socket errors the driver sometimes passes on as they are (a server killed mid-write: EPIPE). */
const NETWORK_CODES = new Set([
  "EPIPE",
  "ECONNRESET",
  "ECONNREFUSED",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);

/** Errors that mean "the server cannot be reached (any more)", as opposed to a refused operation. */
export function isConnectivityError(err: unknown): boolean {
  if (typeof err !== "object" || err === null) return false;
  // a bulk write that failed as a whole carries the network error inside
  const inner =
    (err as { errorResponse?: unknown; cause?: unknown }).errorResponse ?? (err as { cause?: unknown }).cause;
  if (inner !== undefined && inner !== err && isConnectivityError(inner)) return true;
  const code = (err as { code?: unknown }).code;
  return (
    (typeof code === "string" && NETWORK_CODES.has(code)) ||
    err instanceof MongoNetworkError ||
    err instanceof MongoServerSelectionError ||
    err instanceof MongoTopologyClosedError ||
    err instanceof MongoNotConnectedError
  );
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A StoreUnavailableError naming the hosts, with every secret in the message redacted. */
export function unavailable(what: string, uri: string, err: unknown): StoreUnavailableError {
  let hosts = "?";
  try {
    hosts = describeMongoUri(uri).hosts;
  } catch {
    // an invalid URI: the driver's message says why
  }
  const text = redact(`${what} MongoDB at ${hosts}: ${message(err)}`, { MONGODB_URI: uri });
  return new StoreUnavailableError(text.replace(/[^@\s/]+:[^@\s/]+@/g, "[redacted]@"), { cause: err });
}
