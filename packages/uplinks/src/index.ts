export { UplinkError, isUplinkError, type UplinkErrorCode } from "./uplink-error";
export { parseTtsUplink, ttsUplinkSchema, uplinkIdentity, type LorawanUplink, type UplinkReception } from "./tts/tts-uplink";
export { decodeCayenneLpp } from "./decoders/cayenne-lpp";
export { objectEntries } from "./decoders/object-entries";
export { isPayloadDecoderName, PAYLOAD_DECODER_LABELS, PAYLOAD_DECODERS, type PayloadDecoderName } from "./decoders/decoder-names";
export { uplinkValues } from "./decoders/payload-decoders";
export {
  openSmallDeviceMessage,
  smallDeviceEnvelopeSchema,
  smallDeviceMac,
  type SmallDeviceEnvelope,
  type SmallDeviceKeys,
  type SmallDeviceReading,
} from "./small-device/small-device-message";
export { bestRssi, buildUplinkMessage, type UplinkKind, type UplinkMessageInput } from "./output/uplink-message";
