-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('OWNER', 'ADMIN', 'VIEWER');

-- CreateEnum
CREATE TYPE "IngressCredentialKind" AS ENUM ('ARUBA', 'GATEWAY_TOKEN');

-- CreateEnum
CREATE TYPE "GatewayKind" AS ENUM ('ARUBA', 'GENERIC', 'SIMULATOR', 'TTN');

-- CreateEnum
CREATE TYPE "ConnectionState" AS ENUM ('CONNECTED', 'DISCONNECTED');

-- CreateEnum
CREATE TYPE "HealthStatus" AS ENUM ('HEALTHY', 'DEGRADED', 'UNAVAILABLE', 'UNPLUGGED', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "DeviceKind" AS ENUM ('ENOCEAN', 'LORAWAN', 'SMALL_DEVICE');

-- CreateEnum
CREATE TYPE "EgressKind" AS ENUM ('BUILTIN_MQTT', 'MQTT', 'AZURE_IOT_HUB', 'ENOS', 'AGRIROUTER');

-- CreateEnum
CREATE TYPE "PayloadFormat" AS ENUM ('IOTC', 'COMPACT');

-- CreateEnum
CREATE TYPE "TargetStatus" AS ENUM ('UNKNOWN', 'HEALTHY', 'FAILING', 'PAUSED', 'DISABLED');

-- CreateTable
CREATE TABLE "Tenant" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "retentionDays" INTEGER NOT NULL DEFAULT 30,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Tenant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "passwordHash" TEXT,
    "isPlatformAdmin" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastLoginAt" TIMESTAMP(3),

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Membership" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Invitation" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "invitedById" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "acceptedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Invitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PasswordResetToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PasswordResetToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "License" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "maxDevices" INTEGER NOT NULL,
    "maxGateways" INTEGER NOT NULL,
    "maxMessagesPerDay" INTEGER NOT NULL,
    "retentionDays" INTEGER NOT NULL DEFAULT 30,
    "validFrom" TIMESTAMP(3) NOT NULL,
    "validUntil" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "key" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "License_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "scopes" TEXT[],
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IngressCredential" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "kind" "IngressCredentialKind" NOT NULL,
    "name" TEXT NOT NULL,
    "username" TEXT,
    "passwordHash" TEXT,
    "tokenHash" TEXT,
    "tokenHint" TEXT,
    "allowedMacs" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),

    CONSTRAINT "IngressCredential_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Gateway" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "kind" "GatewayKind" NOT NULL,
    "mac" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "hardwareDescriptor" TEXT NOT NULL DEFAULT '',
    "softwareVersion" TEXT NOT NULL DEFAULT '',
    "credentialId" TEXT,
    "connectionState" "ConnectionState" NOT NULL DEFAULT 'DISCONNECTED',
    "apHealth" "HealthStatus" NOT NULL DEFAULT 'UNKNOWN',
    "usbHealth" "HealthStatus" NOT NULL DEFAULT 'UNKNOWN',
    "healthDetail" JSONB,
    "licensed" BOOLEAN NOT NULL DEFAULT true,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3),
    "lastHealthAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Gateway_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GatewayStats" (
    "gatewayId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "totalTelegramCount" BIGINT NOT NULL DEFAULT 0,
    "successfullyProcessed" BIGINT NOT NULL DEFAULT 0,
    "notProcessed" BIGINT NOT NULL DEFAULT 0,
    "notProcessedByReason" JSONB NOT NULL DEFAULT '{}',
    "lastSeenAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GatewayStats_pkey" PRIMARY KEY ("gatewayId")
);

-- CreateTable
CREATE TABLE "Device" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "kind" "DeviceKind" NOT NULL DEFAULT 'ENOCEAN',
    "sourceEurid" TEXT NOT NULL,
    "destinationEurid" TEXT NOT NULL DEFAULT 'ffffffff',
    "eep" TEXT NOT NULL,
    "friendlyId" TEXT NOT NULL DEFAULT '',
    "location" TEXT NOT NULL DEFAULT '',
    "tags" TEXT[],
    "custom" JSONB NOT NULL DEFAULT '{}',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "isPTM" BOOLEAN NOT NULL DEFAULT false,
    "aesKeyEnc" TEXT,
    "slf" TEXT,
    "pskEnc" TEXT,
    "expectedIntervalSec" INTEGER,
    "licensed" BOOLEAN NOT NULL DEFAULT true,
    "lastSeenAt" TIMESTAMP(3),
    "lastRssi" INTEGER,
    "lastMessage" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Device_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeviceSecurityState" (
    "deviceId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "rlc" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DeviceSecurityState_pkey" PRIMARY KEY ("deviceId")
);

-- CreateTable
CREATE TABLE "DeviceStats" (
    "deviceId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "totalTelegramCount" BIGINT NOT NULL DEFAULT 0,
    "successfullyProcessed" BIGINT NOT NULL DEFAULT 0,
    "notProcessed" BIGINT NOT NULL DEFAULT 0,
    "notProcessedByReason" JSONB NOT NULL DEFAULT '{}',
    "lastSeenAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DeviceStats_pkey" PRIMARY KEY ("deviceId")
);

-- CreateTable
CREATE TABLE "TelemetryRecord" (
    "id" BIGSERIAL NOT NULL,
    "tenantId" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "time" TIMESTAMP(3) NOT NULL,
    "telegramId" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "signal" JSONB NOT NULL DEFAULT '[]',
    "rssi" INTEGER,
    "rawData" TEXT NOT NULL,
    "receptions" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "TelemetryRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TenantDailyUsage" (
    "tenantId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "messages" BIGINT NOT NULL DEFAULT 0,
    "dropped" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "TenantDailyUsage_pkey" PRIMARY KEY ("tenantId","day")
);

-- CreateTable
CREATE TABLE "EgressTarget" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "kind" "EgressKind" NOT NULL,
    "name" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "config" JSONB NOT NULL DEFAULT '{}',
    "secretsEnc" TEXT,
    "filters" JSONB NOT NULL DEFAULT '{}',
    "payloadFormat" "PayloadFormat" NOT NULL DEFAULT 'IOTC',
    "status" "TargetStatus" NOT NULL DEFAULT 'UNKNOWN',
    "lastError" TEXT,
    "lastErrorAt" TIMESTAMP(3),
    "lastSuccessAt" TIMESTAMP(3),
    "delivered" BIGINT NOT NULL DEFAULT 0,
    "failed" BIGINT NOT NULL DEFAULT 0,
    "retried" BIGINT NOT NULL DEFAULT 0,
    "deadLettered" BIGINT NOT NULL DEFAULT 0,
    "stateEnc" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EgressTarget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeadLetter" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "error" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeadLetter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLogEntry" (
    "id" BIGSERIAL NOT NULL,
    "tenantId" TEXT,
    "actorUserId" TEXT,
    "actorApiKey" TEXT,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditLogEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Tenant_slug_key" ON "Tenant"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "Membership_userId_idx" ON "Membership"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_tenantId_userId_key" ON "Membership"("tenantId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "Invitation_tokenHash_key" ON "Invitation"("tokenHash");

-- CreateIndex
CREATE INDEX "Invitation_tenantId_idx" ON "Invitation"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "PasswordResetToken_tokenHash_key" ON "PasswordResetToken"("tokenHash");

-- CreateIndex
CREATE INDEX "License_tenantId_validUntil_idx" ON "License"("tenantId", "validUntil");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_keyId_key" ON "ApiKey"("keyId");

-- CreateIndex
CREATE INDEX "ApiKey_tenantId_idx" ON "ApiKey"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "IngressCredential_username_key" ON "IngressCredential"("username");

-- CreateIndex
CREATE UNIQUE INDEX "IngressCredential_tokenHash_key" ON "IngressCredential"("tokenHash");

-- CreateIndex
CREATE INDEX "IngressCredential_tenantId_idx" ON "IngressCredential"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "Gateway_tenantId_mac_key" ON "Gateway"("tenantId", "mac");

-- CreateIndex
CREATE INDEX "GatewayStats_tenantId_idx" ON "GatewayStats"("tenantId");

-- CreateIndex
CREATE INDEX "Device_tenantId_friendlyId_idx" ON "Device"("tenantId", "friendlyId");

-- CreateIndex
CREATE UNIQUE INDEX "Device_tenantId_sourceEurid_key" ON "Device"("tenantId", "sourceEurid");

-- CreateIndex
CREATE INDEX "DeviceStats_tenantId_idx" ON "DeviceStats"("tenantId");

-- CreateIndex
CREATE INDEX "TelemetryRecord_deviceId_time_idx" ON "TelemetryRecord"("deviceId", "time");

-- CreateIndex
CREATE INDEX "TelemetryRecord_tenantId_time_idx" ON "TelemetryRecord"("tenantId", "time");

-- CreateIndex
CREATE INDEX "EgressTarget_tenantId_idx" ON "EgressTarget"("tenantId");

-- CreateIndex
CREATE INDEX "DeadLetter_targetId_createdAt_idx" ON "DeadLetter"("targetId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditLogEntry_tenantId_createdAt_idx" ON "AuditLogEntry"("tenantId", "createdAt");

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PasswordResetToken" ADD CONSTRAINT "PasswordResetToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "License" ADD CONSTRAINT "License_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IngressCredential" ADD CONSTRAINT "IngressCredential_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Gateway" ADD CONSTRAINT "Gateway_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Gateway" ADD CONSTRAINT "Gateway_credentialId_fkey" FOREIGN KEY ("credentialId") REFERENCES "IngressCredential"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GatewayStats" ADD CONSTRAINT "GatewayStats_gatewayId_fkey" FOREIGN KEY ("gatewayId") REFERENCES "Gateway"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Device" ADD CONSTRAINT "Device_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeviceSecurityState" ADD CONSTRAINT "DeviceSecurityState_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeviceStats" ADD CONSTRAINT "DeviceStats_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TelemetryRecord" ADD CONSTRAINT "TelemetryRecord_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TelemetryRecord" ADD CONSTRAINT "TelemetryRecord_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TenantDailyUsage" ADD CONSTRAINT "TenantDailyUsage_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EgressTarget" ADD CONSTRAINT "EgressTarget_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeadLetter" ADD CONSTRAINT "DeadLetter_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "EgressTarget"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLogEntry" ADD CONSTRAINT "AuditLogEntry_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
