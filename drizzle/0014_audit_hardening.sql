-- Issue 11, item 6: the row trigger of 0001 does not see TRUNCATE, and the head could be rewound
-- to hide a deleted tail. Refuse both in the database; `vigil restore` lifts these triggers inside
-- its own transaction only. An owner or superuser can still drop them: the signed anchors kept
-- outside the database (audit-anchor.ts) are what detect that.
CREATE OR REPLACE FUNCTION audit_trail_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % on % is refused', TG_OP, TG_TABLE_NAME;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate
  BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_trail_refuse();
--> statement-breakpoint
CREATE TRIGGER audit_head_no_truncate
  BEFORE TRUNCATE ON audit_head
  FOR EACH STATEMENT EXECUTE FUNCTION audit_trail_refuse();
--> statement-breakpoint
CREATE TRIGGER audit_head_no_delete
  BEFORE DELETE ON audit_head
  FOR EACH ROW EXECUTE FUNCTION audit_trail_refuse();
--> statement-breakpoint
-- The head only moves forward; the WHEN clause keeps the cost off every audited write.
CREATE TRIGGER audit_head_no_rewind
  BEFORE UPDATE ON audit_head
  FOR EACH ROW WHEN (NEW.seq < OLD.seq OR NEW.id <> OLD.id) EXECUTE FUNCTION audit_trail_refuse();
--> statement-breakpoint
-- Rights the application never uses. The application usually owns these tables, and an owner may
-- grant them back: this stops an accident or a plain SQL injection, not the owner.
REVOKE TRUNCATE, UPDATE, DELETE ON audit_log FROM PUBLIC;
--> statement-breakpoint
REVOKE TRUNCATE, UPDATE, DELETE ON audit_log FROM CURRENT_USER;
--> statement-breakpoint
REVOKE TRUNCATE, DELETE ON audit_head FROM PUBLIC;
--> statement-breakpoint
REVOKE TRUNCATE, DELETE ON audit_head FROM CURRENT_USER;
