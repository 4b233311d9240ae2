CREATE TABLE "journal_pending" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "journal_pending_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"unit_path" text,
	"before" text,
	"after" text,
	"hash_prefix" text NOT NULL,
	"hash_suffix" text NOT NULL,
	"notify" boolean NOT NULL
);
--> statement-breakpoint
-- 日志 journal rows are chained at COMMIT. A change writes its row to journal_pending; this
-- deferred trigger then takes the journal lock, reads the last row, gives the row the next seq and
-- its hash = sha256(prev_hash ‖ prefix ‖ seq ‖ suffix) (prefix and suffix: the row's canonical
-- JSON around its seq, computed by the API), and wakes the live nodes. The lock used to be taken
-- by the API's own statement and held while the reply went back to the API and the COMMIT came
-- in, so every workflow step in the country waited for the slowest event loop; now it is held for
-- the commit alone, and still until the commit is durable and visible, so seq order stays commit
-- order. Each statement of a plpgsql function takes a new snapshot in READ COMMITTED, so the last
-- row is read after the lock is granted.
CREATE OR REPLACE FUNCTION journal_chain() RETURNS trigger AS $$
DECLARE
  last_seq bigint;
  last_hash text;
  next_seq bigint;
BEGIN
  PERFORM pg_advisory_xact_lock(7262002);
  SELECT seq, hash INTO last_seq, last_hash FROM journal ORDER BY seq DESC LIMIT 1;
  next_seq := coalesce(last_seq, 0) + 1;
  last_hash := coalesce(last_hash, repeat('0', 64));
  INSERT INTO journal (seq, at, actor, action, entity, entity_id, unit_path, before, after, prev_hash, hash)
  VALUES (next_seq, NEW.at, NEW.actor, NEW.action, NEW.entity, NEW.entity_id, NEW.unit_path, NEW.before::jsonb, NEW.after::jsonb,
    last_hash, encode(sha256(convert_to(last_hash || NEW.hash_prefix || next_seq::text || NEW.hash_suffix, 'UTF8')), 'hex'));
  DELETE FROM journal_pending WHERE id = NEW.id;
  IF NEW.notify THEN
    PERFORM pg_notify('journal', next_seq::text);
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER journal_chain AFTER INSERT ON journal_pending
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION journal_chain();
--> statement-breakpoint
-- The 曝光台 tallies' trigger (also deferred, migration 0010) takes the journal lock before it
-- locks a tally row. Deferred triggers fire in the order of their rows' changes, and a change may
-- journal before it writes a finding (a 整改通知书 journals the notice, then records its
-- findings); without this, one commit could hold the journal lock and wait for a tally row while
-- another held that row and waited for the journal lock. Now every commit takes the journal lock
-- first. The tallies are written inside the same short section as the journal row.
CREATE OR REPLACE FUNCTION board_tally() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND board_tally_key(OLD.status) = board_tally_key(NEW.status) AND OLD.unit_path = NEW.unit_path
     AND OLD.deadline = NEW.deadline AND OLD.warning_at = NEW.warning_at AND OLD.found_at = NEW.found_at
     AND OLD.verified_at IS NOT DISTINCT FROM NEW.verified_at THEN
    RETURN NULL;
  END IF;
  PERFORM pg_advisory_xact_lock(7262002);
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM board_tally_apply(OLD.unit_path, OLD.status, OLD.deadline, OLD.warning_at, OLD.found_at, OLD.verified_at, -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM board_tally_apply(NEW.unit_path, NEW.status, NEW.deadline, NEW.warning_at, NEW.found_at, NEW.verified_at, 1);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
