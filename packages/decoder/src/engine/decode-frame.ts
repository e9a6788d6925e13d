import { parseEsp3 } from "../esp3/parse";
import { DecodeError } from "../errors";
import { fromHex } from "../hex";
import { DecoderEngine } from "./decoder-engine";
import type { DeviceSettings } from "./device-settings";
import type { DecodeOutcome } from "./outcome";

/**
 * One-shot decoding of a single ESP3 frame (bytes or hex) with fresh in-memory state. `device`
 * applies to whichever sender the telegram names. Errors come back as an `error` outcome.
 */
export function decodeFrame(frame: Uint8Array | string, device?: DeviceSettings): DecodeOutcome {
  return decodeFrames([frame], device)[0]!;
}

/**
 * Decodes frames in order through one engine with fresh in-memory state (chained telegrams, secure
 * sequences, SEC_TI pairs); one outcome per frame. Each frame is parsed on its own: leading garbage
 * is skipped, and a frame without a valid packet gives its ESP3_* error.
 */
export function decodeFrames(frames: readonly (Uint8Array | string)[], device?: DeviceSettings): DecodeOutcome[] {
  const engine = new DecoderEngine();
  const resolve = () => device;
  return frames.map((frame): DecodeOutcome => {
    try {
      const bytes = typeof frame === "string" ? fromHex(frame) : frame;
      return engine.decodeSync(parseEsp3(bytes), resolve);
    } catch (error) {
      if (error instanceof DecodeError) return { kind: "error", error, telegram: undefined };
      throw error;
    }
  });
}
