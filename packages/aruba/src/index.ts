export { arubaSchema, type ArubaSchema } from "./schema";
export {
  decodeTelemetry,
  encodeTelemetry,
  ArubaDecodeError,
  type ArubaTelemetry,
  type ArubaReporter,
  type ArubaApHealth,
  type ArubaUsbDevice,
  type ArubaHealth,
  type NbTopicName,
} from "./telemetry";
export { encodeTokenExpired, decodeSouthbound } from "./southbound";
