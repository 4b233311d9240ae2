-- The 曝光台 tallies' trigger runs at COMMIT instead of at each row change. Every new or verified
-- finding adds to the same few rows (the country's and its province's counts of this month); a
-- row lock taken at the INSERT or UPDATE was held while the API went back and forth with the
-- rest of the transaction, so those rows serialised every workflow step. Deferred, the rows are
-- locked only for the commit itself. The tallies stay exact and are written in the same
-- transaction; only a query inside that transaction, before its commit, would not see them yet
-- (the API never reads the board inside a change).
DROP TRIGGER board_tally ON findings;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER board_tally AFTER INSERT OR UPDATE OR DELETE ON findings
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION board_tally();
