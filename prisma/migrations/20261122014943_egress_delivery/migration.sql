-- AlterTable
ALTER TABLE "EgressTarget" ADD COLUMN     "backlog" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "overflowed" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "DeadLetter" ADD COLUMN     "devices" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "reason" TEXT NOT NULL DEFAULT 'MAX_AGE',
ADD COLUMN     "sequence" BIGSERIAL NOT NULL;

-- CreateIndex
CREATE INDEX "DeadLetter_targetId_sequence_idx" ON "DeadLetter"("targetId", "sequence");
