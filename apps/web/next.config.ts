import { fileURLToPath } from "node:url";
import type { NextConfig } from "next";

const config: NextConfig = {
  // Workspace packages ship TypeScript source.
  transpilePackages: [
    "@tidewire/config",
    "@tidewire/db",
    "@tidewire/decoder",
    "@tidewire/egress",
    "@tidewire/housekeeping",
    "@tidewire/license",
    "@tidewire/ui",
  ],
  // Loaded from node_modules at run time rather than bundled: native bindings, Lua scripts read
  // from disk (BullMQ), or worker threads (pino).
  serverExternalPackages: [
    "pg",
    "ioredis",
    "@prisma/adapter-pg",
    "pino",
    "bullmq",
    "mqtt",
    "nodemailer",
    // @tidewire/egress's connectors (test connection)
    "azure-iot-common",
    "azure-iot-device",
    "azure-iot-device-mqtt",
    "protobufjs",
    "node-forge",
  ],
  // The standalone server (Docker image) must include the workspace packages from the repo root.
  output: "standalone",
  outputFileTracingRoot: fileURLToPath(new URL("../..", import.meta.url)),
  poweredByHeader: false,
  // IoTC clients keep their paths: IoTC's own base path is served as is, /iotc/... as a shorter alias.
  async rewrites() {
    return [{ source: "/iotc/:path*", destination: "/api.beta/v1/:path*" }];
  },
};

export default config;
