import protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import { types } from "./agrirouter-protos";
import { capabilitiesPayload, decodeResponse, encodeRequest, jsonPayload } from "./agrirouter-messages";

// Worked vector of reference agrirouter.md §5.3 (computed there with protobufjs from DKE's files).
const VECTOR_MESSAGE =
  "QgokMDAwMDAwMDAtMDAwMC00MDAwLTgwMDAtMDAwMDAwMDAwMDAxEAEaEGRrZTpjYXBhYmlsaXRpZXNCBgiA4s+qBqABCp0BClB0eXBlcy5hZ3Jpcm91dGVyLmNvbS9hZ3Jpcm91dGVyLnJlcXVlc3QucGF5bG9hZC5lbmRwb2ludC5DYXBhYmlsaXR5U3BlY2lmaWNhdGlvbhJJCiEKH2lzbzoxMTc4MzotMTA6dGltZV9sb2c6cHJvdG9idWYKCgoIZ3BzOmluZm8SCmFwcC1pZC0xMjMaDGNlcnQtdmVyLTQ1Ng==";

describe("agrirouter messages", () => {
  it("encode the documented capabilities request byte for byte", () => {
    const payload = capabilitiesPayload({ applicationId: "app-id-123", certificationVersionId: "cert-ver-456", technicalMessageTypes: ["iso:11783:-10:time_log:protobuf", "gps:info"] });
    expect(Buffer.from(payload.value).toString("hex")).toBe(
      "0a210a1f69736f3a31313738333a2d31303a74696d655f6c6f673a70726f746f6275660a0a0a086770733a696e666f120a6170702d69642d3132331a0c636572742d7665722d343536",
    );
    const message = encodeRequest(
      { applicationMessageId: "00000000-0000-4000-8000-000000000001", seqNo: 1, technicalMessageType: "dke:capabilities", mode: "DIRECT", timestamp: 1_700_000_000_000 },
      payload,
    );
    expect(message).toBe(VECTOR_MESSAGE);
  });

  it("carry a telemetry JSON as the raw UTF-8 value of an Any with an empty type URL, as DKE's SDKs send non-protobuf content", () => {
    const message = encodeRequest(
      { applicationMessageId: "m-2", seqNo: 7, technicalMessageType: "enocean:telemetry:json", mode: "PUBLISH", timestamp: 1_700_000_000_500 },
      jsonPayload({ sensor: { id: "051b03c9" }, co2: 627.45 }),
    );
    const reader = protobuf.Reader.create(Buffer.from(message, "base64"));
    const envelope = types.RequestEnvelope.toObject(types.RequestEnvelope.decodeDelimited(reader), { longs: Number, enums: String });
    expect(envelope).toEqual({ application_message_id: "m-2", application_message_seq_no: 7, technical_message_type: "enocean:telemetry:json", mode: "PUBLISH", timestamp: { seconds: 1_700_000_000, nanos: 500_000_000 } });
    const wrapper = types.RequestPayloadWrapper.decodeDelimited(reader) as unknown as { details: { type_url: string; value: Uint8Array } };
    expect(reader.pos).toBe(reader.len);
    expect(wrapper.details.type_url).toBe("");
    expect(JSON.parse(Buffer.from(wrapper.details.value).toString("utf8"))).toEqual({ sensor: { id: "051b03c9" }, co2: 627.45 });
    // proto3 leaves an empty string out: after varint(len envelope) ‖ envelope ‖ varint(len
    // wrapper) ‖ 0x0a (details) ‖ varint(len Any), the Any starts with its value field (0x12)
    const raw = Buffer.from(message, "base64");
    const envelopeLength = raw[0]!;
    expect(raw[1 + envelopeLength + 1]).toBe(0x0a);
    expect(raw[1 + envelopeLength + 3]).toBe(0x12);
  });

  it("read acknowledgements and failures from the commands topic", () => {
    const writer = protobuf.Writer.create();
    types.ResponseEnvelope.encodeDelimited(types.ResponseEnvelope.fromObject({ response_code: 400, type: 3, application_message_id: "m-1", message_id: "ar-1" }), writer);
    const messages = types.Messages.encode(types.Messages.fromObject({ messages: [{ message: "no route", message_code: "VAL_000004" }] })).finish();
    types.ResponsePayloadWrapper.encodeDelimited(types.ResponsePayloadWrapper.fromObject({ details: { type_url: "types.agrirouter.com/agrirouter.commons.Messages", value: messages } }), writer);
    expect(decodeResponse(Buffer.from(writer.finish()).toString("base64"))).toEqual({
      responseCode: 400,
      type: 3,
      applicationMessageId: "m-1",
      messageId: "ar-1",
      messages: [{ message: "no route", messageCode: "VAL_000004" }],
    });
  });
});
