import { randomUUID } from "node:crypto";
import {
  CAPABILITIES_TYPE_URL,
  decodeRequest,
  encodeResponse,
  RESPONSE_TYPES,
  TYPE_URL_PREFIX,
  wire,
  type DecodedRequest,
} from "./agrirouter-wire-types";

// What agrirouter does with a measures publish (reference agrirouter.md §5, §6): the JSON wrapper
// must name the endpoint's sensorAlternateId and capabilityAlternateId; every measures entry is
// base64 of a delimited RequestEnvelope and RequestPayloadWrapper; the capabilities message
// comes first and names the application; a data message needs a SEND capability of its technical
// message type. Every request gets an answer on the commands topic, correlated by
// application_message_id: ACK, or ACK_WITH_FAILURE with agrirouter.commons.Messages.

const MAX_MESSAGE_BYTES = 1024 * 1024;
const MODES = ["DIRECT", "PUBLISH", "PUBLISH_WITH_DIRECT"] as const;
const SEND = 0;
const SEND_RECEIVE = 2;

export interface EmulatedEndpoint {
  externalId: string;
  accountId: string;
  applicationId: string;
  certificationVersionId: string;
  deviceAlternateId: string;
  sensorAlternateId: string;
  capabilityAlternateId: string;
  /** SHA-256 fingerprint of the client certificate issued at onboarding */
  certificateFingerprint256: string;
  /** set by the capabilities message */
  capabilities?: { technicalMessageType: string; direction: number }[];
  lastSeqNo: number;
}

export interface ReceivedMessage {
  endpointId: string;
  technicalMessageType: string;
  applicationMessageId: string;
  seqNo: number;
  mode: (typeof MODES)[number];
  recipients: string[];
  typeUrl: string;
  value: Buffer;
  /** the value read as UTF-8 JSON, for a payload without a protobuf type */
  json?: unknown;
  /** the envelope's timestamp, Unix ms */
  timestamp: number;
}

export interface TelemetryFailure {
  responseCode: number;
  messageCode: string;
  message: string;
}

export class MessageRouter {
  /** accepted requests in arrival order, capabilities included */
  readonly received: ReceivedMessage[] = [];
  /** what a well-behaved endpoint never does; a test expects this to stay empty */
  readonly violations: string[] = [];
  /** answers sent, in order: application message id, response code and type */
  readonly answers: { applicationMessageId: string; responseCode: number; type: number }[] = [];
  /** while set, data messages are refused with this failure (an agrirouter having a problem) */
  failTelemetry: TelemetryFailure | null = null;
  /** the same for single endpoints, by deviceAlternateId */
  readonly failTelemetryOf = new Map<string, TelemetryFailure>();

  constructor(private readonly now: () => number) {}

  /** Handles one publish on measures/<endpoint>; returns the command payloads to answer with. */
  handle(endpoint: EmulatedEndpoint, payload: Buffer): string[] {
    let wrapper: unknown;
    try {
      wrapper = JSON.parse(payload.toString("utf8"));
    } catch {
      this.violations.push("measures payload is not JSON");
      return [];
    }
    const w = wrapper as { sensorAlternateId?: unknown; capabilityAlternateId?: unknown; measures?: unknown };
    if (w.sensorAlternateId !== endpoint.sensorAlternateId || w.capabilityAlternateId !== endpoint.capabilityAlternateId) {
      this.violations.push("measures wrapper does not name the endpoint's sensorAlternateId and capabilityAlternateId");
      return [];
    }
    if (!Array.isArray(w.measures) || w.measures.length === 0) {
      this.violations.push("measures wrapper has no measures");
      return [];
    }
    const commands: string[] = [];
    for (const entry of w.measures as unknown[]) {
      // positional [message, timestamp] (Java SDK, interface documentation) or named (Python SDK)
      const message = Array.isArray(entry) ? entry[0] : (entry as { message?: unknown } | null)?.message;
      const timestamp = Array.isArray(entry) ? entry[1] : (entry as { timestamp?: unknown } | null)?.timestamp;
      if (typeof message !== "string" || (typeof timestamp !== "number" && typeof timestamp !== "string")) {
        this.violations.push("measures entry is not [message, timestamp]");
        continue;
      }
      let decoded: DecodedRequest;
      try {
        decoded = decodeRequest(message);
      } catch (err) {
        this.violations.push(`measures entry does not decode: ${(err as Error).message}`);
        continue;
      }
      const answer = this.process(endpoint, decoded, Buffer.byteLength(message, "base64"));
      this.answers.push({ applicationMessageId: decoded.envelope.application_message_id, responseCode: answer.responseCode, type: answer.type });
      commands.push(
        JSON.stringify({
          sensorAlternateId: endpoint.sensorAlternateId,
          capabilityAlternateId: endpoint.capabilityAlternateId,
          command: {
            message: encodeResponse(
              { response_code: answer.responseCode, type: answer.type, application_message_id: decoded.envelope.application_message_id, message_id: randomUUID(), timestampMs: this.now() },
              answer.messages,
            ),
          },
        }),
      );
    }
    return commands;
  }

  private process(endpoint: EmulatedEndpoint, request: DecodedRequest, size: number): { responseCode: number; type: number; messages: { message: string; message_code: string }[] } {
    const ack = { responseCode: 201, type: RESPONSE_TYPES.ACK, messages: [] };
    const refuse = (responseCode: number, messageCode: string, message: string, violation = true) => {
      if (violation) this.violations.push(`${request.envelope.technical_message_type || "(no type)"} ${request.envelope.application_message_id}: ${message}`);
      return { responseCode, type: RESPONSE_TYPES.ACK_WITH_FAILURE, messages: [{ message, message_code: messageCode }] };
    };
    const e = request.envelope;
    if (!e.application_message_id) return refuse(400, "EMULATOR-ENVELOPE", "application_message_id is required");
    if (!(e.application_message_seq_no > 0)) return refuse(400, "EMULATOR-ENVELOPE", "application_message_seq_no must be greater than 0");
    if (e.application_message_seq_no <= endpoint.lastSeqNo) return refuse(400, "EMULATOR-ENVELOPE", `application_message_seq_no ${e.application_message_seq_no} does not increase (last ${endpoint.lastSeqNo})`);
    endpoint.lastSeqNo = e.application_message_seq_no;
    if (!e.technical_message_type) return refuse(400, "EMULATOR-ENVELOPE", "technical_message_type is required");
    if (!e.timestamp || !(e.timestamp.seconds > 0)) return refuse(400, "EMULATOR-ENVELOPE", "timestamp is required");
    const mode = MODES[e.mode];
    if (!mode) return refuse(400, "EMULATOR-ENVELOPE", `unknown mode ${e.mode}`);
    if (size > MAX_MESSAGE_BYTES) return refuse(413, "EMULATOR-SIZE", "message larger than 1 MB");
    const details = request.details;
    // The "3 extra bytes" symptom: an Any packed into another Any.
    if (details?.type_url === `${TYPE_URL_PREFIX}google.protobuf.Any`) return refuse(400, "EMULATOR-PAYLOAD", "payload is an Any inside an Any");
    const record = (json?: unknown) =>
      this.received.push({
        endpointId: endpoint.deviceAlternateId,
        technicalMessageType: e.technical_message_type,
        applicationMessageId: e.application_message_id,
        seqNo: e.application_message_seq_no,
        mode,
        recipients: e.recipients,
        typeUrl: details?.type_url ?? "",
        value: details?.value ?? Buffer.alloc(0),
        ...(json !== undefined ? { json } : {}),
        timestamp: e.timestamp!.seconds * 1000 + Math.floor(e.timestamp!.nanos / 1_000_000),
      });

    if (e.technical_message_type === "dke:capabilities") {
      if (mode !== "DIRECT" || e.recipients.length) return refuse(400, "EMULATOR-ENVELOPE", "capabilities are sent DIRECT without recipients");
      if (details?.type_url !== CAPABILITIES_TYPE_URL) return refuse(400, "EMULATOR-PAYLOAD", `capabilities need type_url ${CAPABILITIES_TYPE_URL}, got ${details?.type_url ?? "none"}`);
      const spec = wire.CapabilitySpecification.toObject(wire.CapabilitySpecification.decode(details.value), { enums: Number, defaults: true, arrays: true }) as {
        capabilities: { technical_message_type: string; direction: number }[];
        app_certification_id: string;
        app_certification_version_id: string;
      };
      if (spec.app_certification_id !== endpoint.applicationId || spec.app_certification_version_id !== endpoint.certificationVersionId)
        return refuse(400, "EMULATOR-CERTIFICATION", "capabilities name another application or certification version");
      // Sending capabilities replaces the endpoint's capabilities (and deletes its subscriptions).
      endpoint.capabilities = spec.capabilities.map((c) => ({ technicalMessageType: c.technical_message_type, direction: c.direction }));
      record();
      return ack;
    }
    if (e.technical_message_type.startsWith("dke:")) return refuse(400, "EMULATOR-UNSUPPORTED", "the emulator answers dke:capabilities and data messages only");
    if (!endpoint.capabilities) return refuse(400, "EMULATOR-NO-CAPABILITIES", "no capabilities message was sent before this message");
    if (!endpoint.capabilities.some((c) => c.technicalMessageType === e.technical_message_type && (c.direction === SEND || c.direction === SEND_RECEIVE)))
      return refuse(400, "EMULATOR-NOT-A-CAPABILITY", `${e.technical_message_type} is not among the endpoint's SEND capabilities`);
    if (!details || details.value.length === 0) return refuse(400, "EMULATOR-PAYLOAD", "message has no payload");
    if (mode === "DIRECT" && e.recipients.length === 0) return refuse(400, "EMULATOR-ENVELOPE", "DIRECT without recipients");
    const failure = this.failTelemetryOf.get(endpoint.deviceAlternateId) ?? this.failTelemetry;
    if (failure) return refuse(failure.responseCode, failure.messageCode, failure.message, false);
    let json: unknown;
    if (details.type_url === "") {
      try {
        json = JSON.parse(details.value.toString("utf8"));
      } catch {
        json = undefined;
      }
    }
    record(json);
    return ack;
  }
}
