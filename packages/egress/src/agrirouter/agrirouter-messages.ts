import { createHash } from "node:crypto";
import protobuf from "protobufjs";
import { TYPE_URL_PREFIX, types } from "./agrirouter-protos";

export const MODES = { DIRECT: 0, PUBLISH: 1, PUBLISH_WITH_DIRECT: 2 } as const;
export const RESPONSE_TYPES = { ACK: 1, ACK_WITH_MESSAGES: 2, ACK_WITH_FAILURE: 3 } as const;

export interface RequestHeader {
  applicationMessageId: string;
  seqNo: number;
  technicalMessageType: string;
  mode: keyof typeof MODES;
  recipients?: string[];
  /** Unix ms */
  timestamp: number;
}

/** protobufjs writes a field that is present even when it holds the proto3 default; agrirouter's
 * canonical encoding leaves defaults out (reference §5.3), so they are dropped before encoding. */
function withoutDefaults<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== 0 && v !== "" && !(Array.isArray(v) && v.length === 0))) as Partial<T>;
}

/** varint(len(envelope)) ‖ envelope ‖ varint(len(wrapper)) ‖ wrapper, base64 (reference §5). */
export function encodeRequest(header: RequestHeader, payload: { typeUrl: string; value: Uint8Array } | null): string {
  const envelope = types.RequestEnvelope.fromObject(
    withoutDefaults({
      application_message_id: header.applicationMessageId,
      application_message_seq_no: header.seqNo,
      technical_message_type: header.technicalMessageType,
      mode: MODES[header.mode],
      recipients: header.recipients ?? [],
      timestamp: withoutDefaults({ seconds: Math.floor(header.timestamp / 1000), nanos: (header.timestamp % 1000) * 1_000_000 }),
    }),
  );
  const wrapper = types.RequestPayloadWrapper.fromObject(payload ? { details: withoutDefaults({ type_url: payload.typeUrl, value: payload.value }) } : {});
  const writer = protobuf.Writer.create();
  types.RequestEnvelope.encodeDelimited(envelope, writer);
  types.RequestPayloadWrapper.encodeDelimited(wrapper, writer);
  return Buffer.from(writer.finish()).toString("base64");
}

export function capabilitiesPayload(input: { applicationId: string; certificationVersionId: string; technicalMessageTypes: string[] }) {
  // Direction SEND (0) and push notifications DISABLED (0) are the proto3 defaults.
  const spec = types.CapabilitySpecification.fromObject({
    capabilities: input.technicalMessageTypes.map((t) => ({ technical_message_type: t })),
    app_certification_id: input.applicationId,
    app_certification_version_id: input.certificationVersionId,
  });
  return { typeUrl: `${TYPE_URL_PREFIX}agrirouter.request.payload.endpoint.CapabilitySpecification`, value: types.CapabilitySpecification.encode(spec).finish() };
}

/** Telemetry for a proprietary technical message type: the UTF-8 JSON itself as Any.value, with
 * an empty type_url. That is how DKE's SDKs send every payload that is not an agrirouter
 * protobuf type (ContentMessageType doc:pdf, img:jpeg, iso:11783:-10:taskdata:zip… all have the
 * type URL ""); see docs/egress.md "agrirouter decisions". DKE base64-encodes those binary
 * contents so they can be chunked; a telemetry message stays far below the 1 MB limit and is
 * never chunked, so its JSON goes in as is. */
export function jsonPayload(json: unknown) {
  return { typeUrl: "", value: new Uint8Array(Buffer.from(JSON.stringify(json), "utf8")) };
}

export interface DecodedResponse {
  responseCode: number;
  type: number;
  applicationMessageId: string;
  messageId: string;
  /** agrirouter.commons.Messages texts, for ACK_WITH_MESSAGES / ACK_WITH_FAILURE */
  messages: { message: string; messageCode: string }[];
}

export function decodeResponse(base64: string): DecodedResponse {
  const reader = protobuf.Reader.create(Buffer.from(base64, "base64"));
  const envelope = types.ResponseEnvelope.toObject(types.ResponseEnvelope.decodeDelimited(reader), { longs: Number, enums: Number, defaults: true }) as {
    response_code: number;
    type: number;
    application_message_id: string;
    message_id: string;
  };
  let messages: DecodedResponse["messages"] = [];
  if (reader.pos < reader.len) {
    const wrapper = types.ResponsePayloadWrapper.decodeDelimited(reader) as unknown as { details?: { type_url: string; value: Uint8Array } };
    if (wrapper.details?.type_url.endsWith("agrirouter.commons.Messages")) {
      const decoded = types.Messages.toObject(types.Messages.decode(wrapper.details.value)) as { messages?: { message?: string; message_code?: string }[] };
      messages = (decoded.messages ?? []).map((m) => ({ message: m.message ?? "", messageCode: m.message_code ?? "" }));
    }
  }
  return { responseCode: envelope.response_code, type: envelope.type, applicationMessageId: envelope.application_message_id, messageId: envelope.message_id, messages };
}

/** A UUID made from the telegram id, so a retried telegram carries the same message id. */
export function messageIdFor(telegramId: string, salt = ""): string {
  const h = createHash("sha256").update(`${salt}${telegramId}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
