-- One open registration link per leaver record (the unique index of the next migration). Two
-- invitations sent at the same moment could both stay pending before it; the newest one stays
-- open and the older ones become 'replaced', as a later invitation always made them.
UPDATE "alumni_invitations" AS i
SET "status" = 'replaced'
WHERE i."status" = 'pending'
  AND EXISTS (
    SELECT 1
    FROM "alumni_invitations" AS n
    WHERE n."tenant_id" = i."tenant_id"
      AND n."alumnus_id" = i."alumnus_id"
      AND n."status" = 'pending'
      AND (n."created_at", n."id") > (i."created_at", i."id")
  );
