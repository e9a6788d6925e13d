import protobuf from "protobufjs";

// The subset of DKE-Data/agrirouter-api-protobuf-definitions Tidewire sends and reads (field
// numbers as in the reference, §5.1, §5.2, §6). Parsed once into one root.
const GOOGLE = `
syntax = "proto3";
package google.protobuf;
message Any { string type_url = 1; bytes value = 2; }
message Timestamp { int64 seconds = 1; int32 nanos = 2; }
`;

const COMMONS = `
syntax = "proto3";
package agrirouter.commons;
message ChunkComponent { string context_id = 1; int64 current = 2; int64 total = 3; int64 total_size = 4; }
message Metadata { string file_name = 1; }
message Message { string message = 1; string message_code = 2; map<string, string> args = 3; }
message Messages { repeated Message messages = 1; }
`;

const REQUEST = `
syntax = "proto3";
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
message RequestPayloadWrapper { google.protobuf.Any details = 1; }
`;

const CAPABILITIES = `
syntax = "proto3";
package agrirouter.request.payload.endpoint;
message CapabilitySpecification {
  enum Direction { SEND = 0; RECEIVE = 1; SEND_RECEIVE = 2; }
  enum PushNotification { DISABLED = 0; ENABLED = 1; ENABLED_HIGH_FREQUENCY = 2; }
  message Capability { string technical_message_type = 1; Direction direction = 2; }
  repeated Capability capabilities = 1;
  string app_certification_id = 2;
  string app_certification_version_id = 3;
  PushNotification enable_push_notifications = 4;
}
`;

const RESPONSE = `
syntax = "proto3";
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
message ResponsePayloadWrapper { google.protobuf.Any details = 1; }
`;

export const agrirouterRoot = new protobuf.Root();
for (const source of [GOOGLE, COMMONS, REQUEST, CAPABILITIES, RESPONSE]) protobuf.parse(source, agrirouterRoot, { keepCase: true });
agrirouterRoot.resolveAll();

export const types = {
  Any: agrirouterRoot.lookupType("google.protobuf.Any"),
  Messages: agrirouterRoot.lookupType("agrirouter.commons.Messages"),
  RequestEnvelope: agrirouterRoot.lookupType("agrirouter.request.RequestEnvelope"),
  RequestPayloadWrapper: agrirouterRoot.lookupType("agrirouter.request.RequestPayloadWrapper"),
  CapabilitySpecification: agrirouterRoot.lookupType("agrirouter.request.payload.endpoint.CapabilitySpecification"),
  ResponseEnvelope: agrirouterRoot.lookupType("agrirouter.response.ResponseEnvelope"),
  ResponsePayloadWrapper: agrirouterRoot.lookupType("agrirouter.response.ResponsePayloadWrapper"),
};

export const TYPE_URL_PREFIX = "types.agrirouter.com/";
