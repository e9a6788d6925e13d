import protobuf from "protobufjs";

// The emulator's own copy of the agrirouter message definitions it reads and writes, from
// DKE-Data/agrirouter-api-protobuf-definitions (messaging/request/request.proto,
// …/payload/endpoint/capabilities.proto, messaging/response/response.proto, commons/message.proto,
// commons/chunk.proto) as listed in the reference (agrirouter.md §5.1, §5.2, §6). It is written
// separately from packages/egress on purpose: the emulator checks Tidewire's encoding, it must not
// share it.
const SOURCES = [
  `syntax = "proto3";
package google.protobuf;
message Any { string type_url = 1; bytes value = 2; }
message Timestamp { int64 seconds = 1; int32 nanos = 2; }`,
  `syntax = "proto3";
package agrirouter.commons;
message ChunkComponent { string context_id = 1; int64 current = 2; int64 total = 3; int64 total_size = 4; }
message Metadata { string file_name = 1; }
message Message { string message = 1; string message_code = 2; map<string, string> args = 3; }
message Messages { repeated Message messages = 1; }`,
  `syntax = "proto3";
package agrirouter.request;
message RequestEnvelope {
  enum Mode { DIRECT = 0; PUBLISH = 1; PUBLISH_WITH_DIRECT = 2; }
  string application_message_id = 1;
  int64 application_message_seq_no = 2;
  string technical_message_type = 3;
  string team_set_context_id = 4;
  Mode mode = 5;
  repeated string recipients = 6;
  agrirouter.commons.ChunkComponent chunk_info = 7;
  google.protobuf.Timestamp timestamp = 8;
  agrirouter.commons.Metadata metadata = 9;
}
message RequestPayloadWrapper { google.protobuf.Any details = 1; }`,
  `syntax = "proto3";
package agrirouter.request.payload.endpoint;
message CapabilitySpecification {
  enum Direction { SEND = 0; RECEIVE = 1; SEND_RECEIVE = 2; }
  enum PushNotification { DISABLED = 0; ENABLED = 1; ENABLED_HIGH_FREQUENCY = 2; }
  message Capability { string technical_message_type = 1; Direction direction = 2; }
  repeated Capability capabilities = 1;
  string app_certification_id = 2;
  string app_certification_version_id = 3;
  PushNotification enable_push_notifications = 4;
}`,
  `syntax = "proto3";
package agrirouter.response;
message ResponseEnvelope {
  enum ResponseBodyType {
    MESSAGES = 0; ACK = 1; ACK_WITH_MESSAGES = 2; ACK_WITH_FAILURE = 3; ACK_FOR_FEED_HEADER_LIST = 6;
    ACK_FOR_FEED_MESSAGE = 7; ACK_FOR_FEED_FAILED_MESSAGE = 8; ENDPOINTS_LISTING = 10; CLOUD_REGISTRATIONS = 11; PUSH_NOTIFICATION = 12;
  }
  int32 response_code = 1;
  ResponseBodyType type = 2;
  string application_message_id = 3;
  string message_id = 4;
  google.protobuf.Timestamp timestamp = 5;
}
message ResponsePayloadWrapper { google.protobuf.Any details = 1; }`,
];

const root = new protobuf.Root();
for (const source of SOURCES) protobuf.parse(source, root, { keepCase: true });
root.resolveAll();

export const wire = {
  Any: root.lookupType("google.protobuf.Any"),
  Messages: root.lookupType("agrirouter.commons.Messages"),
  RequestEnvelope: root.lookupType("agrirouter.request.RequestEnvelope"),
  RequestPayloadWrapper: root.lookupType("agrirouter.request.RequestPayloadWrapper"),
  CapabilitySpecification: root.lookupType("agrirouter.request.payload.endpoint.CapabilitySpecification"),
  ResponseEnvelope: root.lookupType("agrirouter.response.ResponseEnvelope"),
  ResponsePayloadWrapper: root.lookupType("agrirouter.response.ResponsePayloadWrapper"),
};

export const TYPE_URL_PREFIX = "types.agrirouter.com/";
export const CAPABILITIES_TYPE_URL = `${TYPE_URL_PREFIX}agrirouter.request.payload.endpoint.CapabilitySpecification`;
export const MESSAGES_TYPE_URL = `${TYPE_URL_PREFIX}agrirouter.commons.Messages`;
export const RESPONSE_TYPES = { ACK: 1, ACK_WITH_MESSAGES: 2, ACK_WITH_FAILURE: 3 } as const;

export interface DecodedRequest {
  envelope: {
    application_message_id: string;
    application_message_seq_no: number;
    technical_message_type: string;
    team_set_context_id: string;
    mode: number;
    recipients: string[];
    timestamp?: { seconds: number; nanos: number };
  };
  /** the payload wrapper's Any, when there is one */
  details?: { type_url: string; value: Buffer };
}

/** Reads varint(len) ‖ RequestEnvelope ‖ varint(len) ‖ RequestPayloadWrapper from base64;
 * throws on anything else (trailing bytes included). */
export function decodeRequest(base64: string): DecodedRequest {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 !== 0) throw new Error("message is not standard padded base64");
  const reader = protobuf.Reader.create(Buffer.from(base64, "base64"));
  const envelope = wire.RequestEnvelope.toObject(wire.RequestEnvelope.decodeDelimited(reader), { longs: Number, enums: Number, defaults: true, arrays: true }) as DecodedRequest["envelope"];
  const wrapper = wire.RequestPayloadWrapper.toObject(wire.RequestPayloadWrapper.decodeDelimited(reader), { defaults: false }) as { details?: { type_url?: string; value?: Uint8Array } };
  if (reader.pos !== reader.len) throw new Error(`${reader.len - reader.pos} bytes after the payload wrapper`);
  const details = wrapper.details ? { type_url: wrapper.details.type_url ?? "", value: Buffer.from(wrapper.details.value ?? []) } : undefined;
  return { envelope, ...(details ? { details } : {}) };
}

/** varint(len) ‖ ResponseEnvelope ‖ varint(len) ‖ ResponsePayloadWrapper, base64. */
export function encodeResponse(
  envelope: { response_code: number; type: number; application_message_id: string; message_id: string; timestampMs: number },
  messages: { message: string; message_code: string }[],
): string {
  const writer = protobuf.Writer.create();
  wire.ResponseEnvelope.encodeDelimited(
    wire.ResponseEnvelope.fromObject({
      response_code: envelope.response_code,
      type: envelope.type,
      application_message_id: envelope.application_message_id,
      message_id: envelope.message_id,
      timestamp: { seconds: Math.floor(envelope.timestampMs / 1000), nanos: (envelope.timestampMs % 1000) * 1_000_000 },
    }),
    writer,
  );
  const details = messages.length ? { type_url: MESSAGES_TYPE_URL, value: wire.Messages.encode(wire.Messages.fromObject({ messages })).finish() } : undefined;
  wire.ResponsePayloadWrapper.encodeDelimited(wire.ResponsePayloadWrapper.fromObject(details ? { details } : {}), writer);
  return Buffer.from(writer.finish()).toString("base64");
}
