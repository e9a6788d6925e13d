import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import protobuf from "protobufjs";

const PROTO_FILES = ["aruba-iot-nb.proto", "aruba-iot-sb.proto"];

/** Where the .proto files are: found through the package itself, so that the lookup also works
 * from a bundle (apps/ingest/dist/main.js) that has this package in its node_modules. */
function protoDirectory(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve("@tidewire/aruba/package.json")), "proto");
}

/** The Aruba schema, parsed once from proto/*.proto with protobufjs. */
export interface ArubaSchema {
  Telemetry: protobuf.Type;
  IotSbMessage: protobuf.Type;
}

let loaded: ArubaSchema | undefined;

export function arubaSchema(): ArubaSchema {
  if (loaded) return loaded;
  const dir = protoDirectory();
  const root = new protobuf.Root();
  // Imports name sibling files; resolve them inside the proto directory.
  root.resolvePath = (_origin, target) => (path.isAbsolute(target) && existsSync(target) ? target : path.join(dir, path.basename(target)));
  root.loadSync(PROTO_FILES.map((f) => path.join(dir, f)), { keepCase: true });
  root.resolveAll();
  loaded = {
    Telemetry: root.lookupType("aruba_telemetry.Telemetry"),
    IotSbMessage: root.lookupType("aruba_telemetry.IotSbMessage"),
  };
  return loaded;
}
