-- DropForeignKey
ALTER TABLE "TelemetryRecord" DROP CONSTRAINT "TelemetryRecord_tenantId_fkey";

-- DropForeignKey
ALTER TABLE "TelemetryRecord" DROP CONSTRAINT "TelemetryRecord_deviceId_fkey";

-- DropForeignKey
ALTER TABLE "TelemetryPoint" DROP CONSTRAINT "TelemetryPoint_deviceId_fkey";
