-- CreateEnum
CREATE TYPE "AlarmKind" AS ENUM ('SILENT', 'ENERGY_LOW', 'WEAK_SIGNAL');

-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "alarmsToMqtt" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "oidcSubject" TEXT;

-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "rateLimitPerMinute" INTEGER,
ADD COLUMN     "rateLimitPerSecond" INTEGER;

-- AlterTable
ALTER TABLE "DeadLetter" ADD COLUMN     "replayedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "TelemetryPoint" (
    "deviceId" TEXT NOT NULL,
    "time" TIMESTAMP(3) NOT NULL,
    "key" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "TelemetryPoint_pkey" PRIMARY KEY ("deviceId","time","key")
);

-- CreateTable
CREATE TABLE "Alarm" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "kind" "AlarmKind" NOT NULL,
    "message" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',
    "raisedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "clearedAt" TIMESTAMP(3),
    "openKey" TEXT,

    CONSTRAINT "Alarm_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Alarm_openKey_key" ON "Alarm"("openKey");

-- CreateIndex
CREATE INDEX "Alarm_tenantId_clearedAt_idx" ON "Alarm"("tenantId", "clearedAt");

-- CreateIndex
CREATE INDEX "Alarm_deviceId_raisedAt_idx" ON "Alarm"("deviceId", "raisedAt");

-- CreateIndex
CREATE UNIQUE INDEX "User_oidcSubject_key" ON "User"("oidcSubject");

-- CreateIndex
CREATE INDEX "Device_tenantId_createdAt_idx" ON "Device"("tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "Device_tenantId_lastSeenAt_idx" ON "Device"("tenantId", "lastSeenAt");

-- AddForeignKey
ALTER TABLE "TelemetryPoint" ADD CONSTRAINT "TelemetryPoint_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alarm" ADD CONSTRAINT "Alarm_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alarm" ADD CONSTRAINT "Alarm_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Energy alarms look up the newest energy value of every device. Signal telegrams are rare next
-- to data telegrams, so a partial index on just those points keeps that lookup to one short
-- index probe per device without indexing the whole history a second time. It is not
-- expressible in schema.prisma, and schema-to-schema diffs leave it alone.
CREATE INDEX "TelemetryPoint_energy_idx" ON "TelemetryPoint" ("deviceId", "time" DESC) WHERE "key" = 'signal.energy';

-- A chart reads one device's points over a time range. Carrying the value (and the tenant the
-- query also filters on) in the primary key's index lets that be an index-only scan: the table
-- rows, interleaved with every other device's, are not visited. schema.prisma cannot say
-- INCLUDE, so the key Prisma created above is replaced here.
ALTER TABLE "TelemetryPoint" DROP CONSTRAINT "TelemetryPoint_pkey";
ALTER TABLE "TelemetryPoint" ADD CONSTRAINT "TelemetryPoint_pkey" PRIMARY KEY ("deviceId", "time", "key") INCLUDE ("value", "tenantId");
