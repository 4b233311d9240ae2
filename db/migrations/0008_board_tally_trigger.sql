-- 曝光台 tallies (db/tables/board.ts) kept exact by a trigger on findings, in the same transaction
-- as the change. A finding counts for every unit on its path ('/1/20/57/' → units 1, 20 and 57).
-- Ancestors are applied root first, so concurrent transactions lock tally rows in one order.
CREATE OR REPLACE FUNCTION board_tally_apply(p text, st finding_status, dl date, wa timestamptz, fa timestamptz, va timestamptz, sign integer) RETURNS void AS $$
DECLARE
  ids integer[] := string_to_array(trim(both '/' from p), '/')::integer[];
BEGIN
  IF st IN ('OPEN', 'RECTIFYING', 'SUBMITTED') THEN
    INSERT INTO board_active AS b (unit_id, deadline, warning_at, n)
      SELECT u, dl, wa, sign FROM unnest(ids) WITH ORDINALITY AS a(u, i) ORDER BY i
      ON CONFLICT (unit_id, deadline, warning_at) DO UPDATE SET n = b.n + excluded.n;
    IF sign < 0 THEN
      DELETE FROM board_active WHERE unit_id = ANY(ids) AND deadline = dl AND warning_at = wa AND n = 0;
    END IF;
  END IF;
  IF st <> 'WITHDRAWN' THEN
    INSERT INTO board_months AS b (unit_id, month, opened, verified)
      SELECT u, to_char(fa AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM'), sign, 0 FROM unnest(ids) WITH ORDINALITY AS a(u, i) ORDER BY i
      ON CONFLICT (unit_id, month) DO UPDATE SET opened = b.opened + excluded.opened;
  END IF;
  IF st = 'VERIFIED' AND va IS NOT NULL THEN
    INSERT INTO board_months AS b (unit_id, month, opened, verified)
      SELECT u, to_char(va AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM'), 0, sign FROM unnest(ids) WITH ORDINALITY AS a(u, i) ORDER BY i
      ON CONFLICT (unit_id, month) DO UPDATE SET verified = b.verified + excluded.verified;
  END IF;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- What a finding contributes: nothing changes when a step keeps it in the same group (e.g.
-- RECTIFYING → SUBMITTED), so most workflow steps cost no tally write.
CREATE OR REPLACE FUNCTION board_tally_key(st finding_status) RETURNS text AS $$
  SELECT CASE WHEN st IN ('OPEN', 'RECTIFYING', 'SUBMITTED') THEN 'active' ELSE st::text END;
$$ LANGUAGE sql IMMUTABLE;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION board_tally() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND board_tally_key(OLD.status) = board_tally_key(NEW.status) AND OLD.unit_path = NEW.unit_path
     AND OLD.deadline = NEW.deadline AND OLD.warning_at = NEW.warning_at AND OLD.found_at = NEW.found_at
     AND OLD.verified_at IS NOT DISTINCT FROM NEW.verified_at THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM board_tally_apply(OLD.unit_path, OLD.status, OLD.deadline, OLD.warning_at, OLD.found_at, OLD.verified_at, -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM board_tally_apply(NEW.unit_path, NEW.status, NEW.deadline, NEW.warning_at, NEW.found_at, NEW.verified_at, 1);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER board_tally AFTER INSERT OR UPDATE OR DELETE ON findings
  FOR EACH ROW EXECUTE FUNCTION board_tally();
--> statement-breakpoint
-- Existing findings, in one pass (the bulk generator disables the trigger and runs the same).
CREATE OR REPLACE FUNCTION board_tally_rebuild() RETURNS void AS $$
BEGIN
  DELETE FROM board_active;
  DELETE FROM board_months;
  INSERT INTO board_active (unit_id, deadline, warning_at, n)
    SELECT a.u, f.deadline, f.warning_at, count(*)::int
    FROM findings f, unnest(string_to_array(trim(both '/' from f.unit_path), '/')::integer[]) AS a(u)
    WHERE f.status IN ('OPEN', 'RECTIFYING', 'SUBMITTED')
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
  INSERT INTO board_months (unit_id, month, opened, verified)
    SELECT u, month, sum(opened)::int, sum(verified)::int FROM (
      SELECT a.u, to_char(f.found_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month, 1 AS opened, 0 AS verified
        FROM findings f, unnest(string_to_array(trim(both '/' from f.unit_path), '/')::integer[]) AS a(u)
        WHERE f.status <> 'WITHDRAWN'
      UNION ALL
      SELECT a.u, to_char(f.verified_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM'), 0, 1
        FROM findings f, unnest(string_to_array(trim(both '/' from f.unit_path), '/')::integer[]) AS a(u)
        WHERE f.status = 'VERIFIED' AND f.verified_at IS NOT NULL
    ) t GROUP BY 1, 2 ORDER BY 1, 2;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- A unit's rows are written together (ORDER BY in the rebuild), so a board reads a few pages;
-- free space in each page lets the trigger's updates stay in place (HOT).
ALTER TABLE board_active SET (fillfactor = 80);
--> statement-breakpoint
ALTER TABLE board_months SET (fillfactor = 80);
--> statement-breakpoint
SELECT board_tally_rebuild();
--> statement-breakpoint
ANALYZE board_active;
--> statement-breakpoint
ANALYZE board_months;
