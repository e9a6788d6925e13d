-- AlterTable
ALTER TABLE "IngressCredential" ADD COLUMN     "certFingerprint" TEXT;

-- AlterTable
ALTER TABLE "Gateway" ADD COLUMN     "connectedAt" TIMESTAMP(3),
ADD COLUMN     "ipAddress" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "IngressCredential_certFingerprint_key" ON "IngressCredential"("certFingerprint");
