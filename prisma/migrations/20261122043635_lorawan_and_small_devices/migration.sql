-- CreateEnum
CREATE TYPE "IntegrationStatus" AS ENUM ('UNKNOWN', 'CONNECTED', 'FAILING', 'DISABLED');

-- AlterTable
ALTER TABLE "Device" ADD COLUMN     "hmacKeyEnc" TEXT,
ADD COLUMN     "lastSequence" BIGINT,
ADD COLUMN     "payloadDecoder" TEXT,
ADD COLUMN     "ttsApplicationId" TEXT;

-- CreateTable
CREATE TABLE "TtsIntegration" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "webhookSecretHash" TEXT,
    "webhookSecretHint" TEXT,
    "mqttEnabled" BOOLEAN NOT NULL DEFAULT false,
    "mqttUrl" TEXT,
    "mqttUsername" TEXT,
    "mqttApiKeyEnc" TEXT,
    "mqttStatus" "IntegrationStatus" NOT NULL DEFAULT 'UNKNOWN',
    "mqttLastError" TEXT,
    "mqttLastErrorAt" TIMESTAMP(3),
    "mqttConnectedAt" TIMESTAMP(3),
    "lastUplinkAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TtsIntegration_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "TtsIntegration_tenantId_key" ON "TtsIntegration"("tenantId");

-- AddForeignKey
ALTER TABLE "TtsIntegration" ADD CONSTRAINT "TtsIntegration_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
