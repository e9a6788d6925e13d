import { ChainAssembler } from "../chain/chain-assembler";
import { MemoryChainStore, type ChainStore } from "../chain/chain-store";
import { unwrapAdt } from "../erp/adt";
import { parseErp1 } from "../erp/erp1";
import { parseErp2 } from "../erp/erp2";
import { isEepRorg, Rorg, rorgName } from "../erp/rorg";
import type { ParsedTelegram, TelegramFacts } from "../erp/telegram";
import type { Esp3Packet } from "../esp3/packet";
import { PacketType, packetTypeName } from "../esp3/packet-type";
import { DecodeError } from "../errors";
import { byteToHex, isHex, toHex } from "../hex";
import { isPromiseLike, type MaybePromise } from "../maybe-promise";
import { decodeProfile } from "../profiles/engine";
import { getCompiledProfile } from "../profiles/registry";
import { KeyCache } from "../security/key-cache";
import { normalisePsk } from "../security/psk";
import { DEFAULT_RLC_POLICY, type RlcPolicy } from "../security/rlc";
import { MemoryRlcStore, type RlcStore } from "../security/rlc-store";
import { openSecureTelegram, type OpenedSecureTelegram } from "../security/secure-telegram";
import { SecureTeachInAssembler } from "../security/secure-teach-in-assembler";
import { parseSlf, type SecurityLevelFormat } from "../security/slf";
import { decodeSignal } from "../signal/signal";
import { decodeFourBsTeachIn, isFourBsTeachIn } from "../teach-in/four-bs";
import { decodeOneBsTeachIn, isOneBsTeachIn } from "../teach-in/one-bs";
import { decodeUte } from "../teach-in/ute";
import type { DeviceResolver, DeviceSettings } from "./device-settings";
import type { ChainInfo, DecodeOutcome, ErrorOutcome, SecurityInfo } from "./outcome";

export interface DecoderEngineOptions {
  /** Partial chains (CDM, SEC_CDM, SEC_TI); default: a MemoryChainStore of this engine. */
  chainStore?: ChainStore;
  /** Rolling-code state of secure devices; default: a MemoryRlcStore of this engine. */
  rlcStore?: RlcStore;
  /** Implicit-RLC window: candidates tried after the expected RLC (default 128). */
  rlcWindow?: number;
  /** Largest accepted jump of an explicit RLC (default: unlimited, as the specification says). */
  explicitRlcWindow?: number;
  /** A chain fragment must follow the previous one within this time (default 3000 ms). */
  chainTimeoutMs?: number;
  /** Parts of a SEC_TI teach-in are kept this long (default 300000 ms). */
  secureTeachInTimeoutMs?: number;
  /** Clock in ms (default Date.now); used for chain timeouts. */
  now?: () => number;
}

/** Facts and state of one telegram while it moves through the layers. */
interface Context {
  facts: TelegramFacts;
  statusByte: number;
  sender: string;
  chain: ChainInfo | undefined;
  security: SecurityInfo | undefined;
  telegramId: string | undefined;
}

/** What the caller knows of the telegram being decoded. */
export interface DecodeOptions {
  /** the pipeline's id of this radio telegram: the same when the telegram is decoded again (a
   * retried batch), so the rolling-code store can recognise it (RlcStore) */
  telegramId?: string;
}

const SLF_CACHE = new Map<number, SecurityLevelFormat>();

/**
 * The EnOcean engine: ESP3 packet -> ERP1/ERP2 telegram -> ADT unwrap -> chain reassembly ->
 * security -> SIGNAL / teach-in / EEP decoding -> DecodeOutcome. Bad input never throws: it becomes
 * an `error` outcome. decode() stays synchronous while the stores and the device resolver answer
 * synchronously and returns a promise only when one of them does; it rejects only if a store fails.
 * Create one engine per tenant (or give the stores tenant-scoped keys): state is keyed by EURID.
 */
export class DecoderEngine {
  private readonly chains: ChainAssembler;
  private readonly secureTeachIns: SecureTeachInAssembler;
  private readonly rlcStore: RlcStore;
  private readonly rlcPolicy: RlcPolicy;
  private readonly keys = new KeyCache();

  constructor(options: DecoderEngineOptions = {}) {
    const now = options.now ?? Date.now;
    const chainStore = options.chainStore ?? new MemoryChainStore();
    this.chains = new ChainAssembler(chainStore, options.chainTimeoutMs ?? 3000, now);
    this.secureTeachIns = new SecureTeachInAssembler(chainStore, options.secureTeachInTimeoutMs ?? 300_000, now);
    this.rlcStore = options.rlcStore ?? new MemoryRlcStore();
    this.rlcPolicy = {
      window: options.rlcWindow ?? DEFAULT_RLC_POLICY.window,
      explicitWindow: options.explicitRlcWindow ?? DEFAULT_RLC_POLICY.explicitWindow,
    };
    if (!(this.rlcPolicy.window >= 1)) throw new RangeError("rlcWindow must be at least 1");
  }

  /** Decodes one ESP3 packet (from Esp3Framer or parseEsp3). */
  decode(packet: Esp3Packet, resolveDevice: DeviceResolver, options: DecodeOptions = {}): MaybePromise<DecodeOutcome> {
    let parsed: ParsedTelegram;
    try {
      if (packet.type === PacketType.RADIO_ERP1) parsed = parseErp1(packet);
      else if (packet.type === PacketType.RADIO_ERP2) parsed = parseErp2(packet);
      else {
        const name = packetTypeName(packet.type);
        return {
          kind: "unsupported",
          code: "UNSUPPORTED_PACKET_TYPE",
          message: `ESP3 packet type 0x${byteToHex(packet.type)} (${name}) is not a radio telegram this engine decodes`,
          packetType: packet.type,
          packetTypeName: name,
          telegram: undefined,
        };
      }
    } catch (error) {
      return errorOutcome(error, undefined);
    }
    const facts = parsed.facts;
    const context: Context = {
      facts,
      statusByte: parsed.statusByte,
      sender: facts.sender,
      chain: undefined,
      security: undefined,
      telegramId: options.telegramId,
    };
    try {
      const outcome = this.unwrap(facts.rorg, parsed.userData, context, resolveDevice);
      if (isPromiseLike(outcome))
        return Promise.resolve(outcome).then(undefined, (error) => errorOutcome(error, facts));
      return outcome;
    } catch (error) {
      return errorOutcome(error, facts);
    }
  }

  /** decode() for callers whose stores and resolver are synchronous (tests, CLI, memory stores). */
  decodeSync(packet: Esp3Packet, resolveDevice: DeviceResolver, options: DecodeOptions = {}): DecodeOutcome {
    const outcome = this.decode(packet, resolveDevice, options);
    if (isPromiseLike(outcome)) {
      throw new TypeError("a store or the device resolver answered asynchronously: use decode() or decodeAsync()");
    }
    return outcome;
  }

  /** decode() as a promise in every case. */
  decodeAsync(packet: Esp3Packet, resolveDevice: DeviceResolver, options: DecodeOptions = {}): Promise<DecodeOutcome> {
    return Promise.resolve(this.decode(packet, resolveDevice, options));
  }

  // Addressing and chaining layers: both come before security (a SEC_CDM chain carries one SEC_R).
  private unwrap(
    rorg: number,
    payload: Uint8Array,
    context: Context,
    resolveDevice: DeviceResolver,
  ): MaybePromise<DecodeOutcome> {
    if (rorg === Rorg.ADT) {
      const inner = unwrapAdt(payload);
      if (inner.rorg === Rorg.ADT)
        throw new DecodeError("TELEGRAM_MALFORMED", "addressed telegram inside an addressed telegram");
      context.facts.adtDestination = inner.destination;
      rorg = inner.rorg;
      payload = inner.payload;
    }
    if (rorg === Rorg.CDM || rorg === Rorg.SEC_CDM) {
      const step = this.chains.add(context.sender, rorg, payload);
      const next = (result: Awaited<typeof step>): MaybePromise<DecodeOutcome> => {
        if (result instanceof DecodeError) return errorOutcome(result, context.facts);
        if ("pending" in result) return { kind: "none", reason: "chainFragment", telegram: context.facts };
        context.chain = { chainRorg: result.chainRorg, seq: result.seq, fragments: result.fragments };
        const innerRorg = result.rorg ?? Rorg.SEC_R;
        if (innerRorg === Rorg.CDM || innerRorg === Rorg.SEC_CDM || innerRorg === Rorg.ADT) {
          throw new DecodeError("TELEGRAM_MALFORMED", `reassembled chain carries R-ORG ${rorgName(innerRorg)}`);
        }
        return this.withDevice(innerRorg, result.data, context, resolveDevice);
      };
      return isPromiseLike(step) ? Promise.resolve(step).then(next) : next(step);
    }
    return this.withDevice(rorg, payload, context, resolveDevice);
  }

  private withDevice(
    rorg: number,
    payload: Uint8Array,
    context: Context,
    resolveDevice: DeviceResolver,
  ): MaybePromise<DecodeOutcome> {
    const device = resolveDevice(context.sender);
    if (isPromiseLike(device)) return Promise.resolve(device).then((d) => this.secure(rorg, payload, context, d));
    return this.secure(rorg, payload, context, device);
  }

  // Security layer: SEC_TI teach-in, SEC / SEC_R verification and decryption, and the check that a
  // device onboarded with a key does not send plain telegrams.
  private secure(
    rorg: number,
    payload: Uint8Array,
    context: Context,
    device: DeviceSettings | undefined,
  ): MaybePromise<DecodeOutcome> {
    if (rorg === Rorg.SEC_TI) {
      const step = this.secureTeachIns.add(context.sender, payload, () =>
        device?.psk === undefined ? {} : { psk: this.keys.get(normalisePsk(device.psk), "psk") },
      );
      const next = (result: Awaited<typeof step>): DecodeOutcome => {
        if (result instanceof DecodeError) return errorOutcome(result, context.facts);
        if ("pending" in result) return { kind: "none", reason: "secureTeachInPart", telegram: context.facts };
        return {
          kind: "secureTeachIn",
          telegram: context.facts,
          security: undefined,
          chain: context.chain,
          secureTeachIn: result,
        };
      };
      return isPromiseLike(step) ? Promise.resolve(step).then(next) : next(step);
    }
    if (rorg === Rorg.SEC || rorg === Rorg.SEC_R) {
      const keyHex = device?.aesKey;
      if (device === undefined || keyHex === undefined || keyHex === "") {
        throw new DecodeError(
          "NO_KEY",
          `secure telegram (${rorgName(rorg)}) from ${context.sender}, which has no AES key`,
        );
      }
      const slf = slfOf(device);
      const opened = openSecureTelegram(
        { rorg, body: payload, key: this.keys.get(keyHex), slf, isPtm: device.isPTM === true },
        context.sender,
        rlcNextOf(device),
        this.rlcStore,
        this.rlcPolicy,
        context.telegramId,
      );
      const next = (result: OpenedSecureTelegram | DecodeError): DecodeOutcome => {
        if (result instanceof DecodeError) return errorOutcome(result, context.facts);
        const nested =
          result.rorg === Rorg.ADT || result.rorg === Rorg.CDM || (rorg === Rorg.SEC_R && isSecureRorg(result.rorg));
        if (nested) {
          throw new DecodeError("TELEGRAM_MALFORMED", `secure telegram carries R-ORG ${rorgName(result.rorg)}`);
        }
        context.security = {
          slf: byteToHex(slf.byte),
          rlc: result.rlc === undefined ? undefined : result.rlcHex,
          implicitRlc: slf.rlcSize > 0 && slf.rlcTransmitted === 0,
          cmacLength: slf.cmacSize,
          encrypted: slf.encrypted,
          decryptedRorg: result.rorg,
          decryptedData: toHex(result.payload),
        };
        return this.interpret(result.rorg, result.payload, context, device);
      };
      return isPromiseLike(opened) ? Promise.resolve(opened).then(next) : next(opened);
    }
    if (isSecureRorg(rorg)) return unsupportedRorg(rorg, context);
    return this.interpret(rorg, payload, context, device);
  }

  // Content layer: SIGNAL, teach-in, EEP data.
  private interpret(
    rorg: number,
    payload: Uint8Array,
    context: Context,
    device: DeviceSettings | undefined,
  ): DecodeOutcome {
    const { facts, security, chain } = context;
    const plain = security === undefined;
    const decodable =
      isEepRorg(rorg) || rorg === Rorg.SIGNAL || rorg === Rorg.UTE || rorg === Rorg.MSC || rorg === Rorg.SEC_D;
    if (!decodable) return unsupportedRorg(rorg, context);
    if (plain && device?.aesKey) {
      throw new DecodeError(
        "DEVICE_SEND_NOW_UNSECURE",
        `${context.sender} is onboarded with an AES key but sent a non-secure ${rorgName(rorg)} telegram`,
      );
    }
    if (rorg === Rorg.SIGNAL) {
      const signal = decodeSignal(payload);
      return {
        kind: "signal",
        telegram: facts,
        security,
        chain,
        mid: signal.mid,
        signal: signal.signal,
        sensorHealth: signal.sensorHealth,
      };
    }
    if (rorg === Rorg.UTE) return { kind: "teachIn", telegram: facts, security, chain, teachIn: decodeUte(payload) };
    if (rorg === Rorg.BS4 && isFourBsTeachIn(payload)) {
      return { kind: "teachIn", telegram: facts, security, chain, teachIn: decodeFourBsTeachIn(payload) };
    }
    if (rorg === Rorg.BS1 && isOneBsTeachIn(payload)) {
      return { kind: "teachIn", telegram: facts, security, chain, teachIn: decodeOneBsTeachIn() };
    }
    const eep = device?.eep;
    if (rorg === Rorg.MSC || rorg === Rorg.SEC_D || eep === undefined || eep === "") {
      if (security !== undefined || chain !== undefined) {
        return { kind: "reassembly", telegram: facts, security, chain, rorg, data: toHex(payload) };
      }
      return { kind: "none", reason: rorg === Rorg.MSC ? "manufacturerSpecific" : "noEep", telegram: facts };
    }
    const profile = getCompiledProfile(eep);
    if (profile === undefined) {
      throw new DecodeError("EEP_NOT_FOUND_ERROR", `EEP ${eep} of ${context.sender} is not supported`, { eep });
    }
    if (profile.rorg !== rorg) {
      throw new DecodeError(
        "EEP_DECODE_ERROR",
        `${rorgName(rorg)} telegram does not fit EEP ${profile.eep} (a ${rorgName(profile.rorg)} profile)`,
        { eep: profile.eep, rorg },
      );
    }
    if (profile.usesStatus && facts.packetType === PacketType.RADIO_ERP2) {
      throw new DecodeError(
        "EEP_DECODE_ERROR",
        `${profile.eep} depends on the ERP1 status bits T21/NU, which ERP2 telegrams do not carry`,
        { eep: profile.eep },
      );
    }
    const data = decodeProfile(profile, payload, context.statusByte);
    return { kind: "data", telegram: facts, security, chain, eep: profile.eep, data };
  }
}

function isSecureRorg(rorg: number): boolean {
  return rorg >= Rorg.SEC && rorg <= Rorg.SEC_TI;
}

function slfOf(device: DeviceSettings): SecurityLevelFormat {
  const text = device.slf;
  if (text === undefined || !isHex(text, 2)) {
    throw new DecodeError("SECURITY_CONFIG_INVALID", "a device with an AES key needs its SLF (2 hex digits)");
  }
  const byte = parseInt(text, 16);
  let slf = SLF_CACHE.get(byte);
  if (slf === undefined) {
    slf = parseSlf(byte);
    SLF_CACHE.set(byte, slf);
  }
  return slf;
}

function rlcNextOf(device: DeviceSettings): number | undefined {
  const text = device.rlcNext;
  if (text === undefined || text === "") return undefined;
  if (!/^[0-9a-fA-F]{1,8}$/.test(text)) {
    throw new DecodeError("SECURITY_CONFIG_INVALID", "rlcNext must be up to 8 hex digits");
  }
  return parseInt(text, 16);
}

function unsupportedRorg(rorg: number, context: Context): DecodeOutcome {
  return {
    kind: "unsupported",
    code: "UNSUPPORTED_RORG",
    message: `R-ORG 0x${byteToHex(rorg)} (${rorgName(rorg)}) is not decoded by this engine`,
    packetType: context.facts.packetType,
    packetTypeName: packetTypeName(context.facts.packetType),
    telegram: context.facts,
  };
}

function errorOutcome(error: unknown, telegram: TelegramFacts | undefined): ErrorOutcome {
  if (error instanceof DecodeError) return { kind: "error", error, telegram };
  throw error;
}
