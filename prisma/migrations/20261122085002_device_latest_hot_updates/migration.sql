-- DropIndex
DROP INDEX "Device_tenantId_lastSeenAt_idx";

-- Room in every page for the next version of a row: the latest-value update the worker makes per
-- telegram then stays on its page (a HOT update, pruned without VACUUM). Applies to pages written
-- from now on, existing pages get it as they are rewritten.
ALTER TABLE "Device" SET (fillfactor = 70);
