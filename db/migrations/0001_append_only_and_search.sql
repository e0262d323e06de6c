-- The log, the phase history and the audit trail are append-only, enforced by the database itself so no
-- code path (and no one with only the application) can change history. A correction is a new entry.
-- `db/open.ts` maps the 'append-only' abort message to the APPEND_ONLY error code.
CREATE TRIGGER `log_entries_no_update` BEFORE UPDATE ON `log_entries`
BEGIN
	SELECT RAISE(ABORT, 'append-only: log_entries');
END;
--> statement-breakpoint
CREATE TRIGGER `log_entries_no_delete` BEFORE DELETE ON `log_entries`
BEGIN
	SELECT RAISE(ABORT, 'append-only: log_entries');
END;
--> statement-breakpoint
CREATE TRIGGER `phase_transitions_no_update` BEFORE UPDATE ON `phase_transitions`
BEGIN
	SELECT RAISE(ABORT, 'append-only: phase_transitions');
END;
--> statement-breakpoint
CREATE TRIGGER `phase_transitions_no_delete` BEFORE DELETE ON `phase_transitions`
BEGIN
	SELECT RAISE(ABORT, 'append-only: phase_transitions');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_lines_no_update` BEFORE UPDATE ON `audit_lines`
BEGIN
	SELECT RAISE(ABORT, 'append-only: audit_lines');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_lines_no_delete` BEFORE DELETE ON `audit_lines`
BEGIN
	SELECT RAISE(ABORT, 'append-only: audit_lines');
END;
--> statement-breakpoint
-- Full-text search, inside the encrypted file. `search_documents` holds the text; the FTS5 index uses it as
-- external content keyed by its integer id. Diacritics are folded, so "geescaleerd" finds "geëscaleerd".
CREATE VIRTUAL TABLE `search_index` USING fts5(
	body,
	content = 'search_documents',
	content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `search_documents_ai` AFTER INSERT ON `search_documents`
BEGIN
	INSERT INTO search_index (rowid, body) VALUES (new.id, new.body);
END;
--> statement-breakpoint
CREATE TRIGGER `search_documents_ad` AFTER DELETE ON `search_documents`
BEGIN
	INSERT INTO search_index (search_index, rowid, body) VALUES ('delete', old.id, old.body);
END;
--> statement-breakpoint
CREATE TRIGGER `search_documents_au` AFTER UPDATE ON `search_documents`
BEGIN
	INSERT INTO search_index (search_index, rowid, body) VALUES ('delete', old.id, old.body);
	INSERT INTO search_index (rowid, body) VALUES (new.id, new.body);
END;
--> statement-breakpoint
-- Entries are only ever inserted; tasks and decisions may change, and are re-indexed by their key.
CREATE TRIGGER `log_entries_search` AFTER INSERT ON `log_entries`
BEGIN
	INSERT INTO search_documents (kind, object_id, case_id, body) VALUES ('entry', new.id, new.case_id, new.text);
END;
--> statement-breakpoint
CREATE TRIGGER `tasks_search_insert` AFTER INSERT ON `tasks`
BEGIN
	INSERT INTO search_documents (kind, object_id, case_id, body) VALUES ('task', new.id, new.case_id, new.text);
END;
--> statement-breakpoint
CREATE TRIGGER `tasks_search_update` AFTER UPDATE OF `text` ON `tasks`
BEGIN
	UPDATE search_documents SET body = new.text WHERE kind = 'task' AND object_id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `tasks_search_delete` AFTER DELETE ON `tasks`
BEGIN
	DELETE FROM search_documents WHERE kind = 'task' AND object_id = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER `decisions_search_insert` AFTER INSERT ON `decisions`
BEGIN
	INSERT INTO search_documents (kind, object_id, case_id, body)
	VALUES ('decision', new.id, new.case_id,
		new.text || char(10) || new.necessity || char(10) || new.proportionality || char(10) || new.subsidiarity);
END;
--> statement-breakpoint
CREATE TRIGGER `decisions_search_update` AFTER UPDATE OF `text`, `necessity`, `proportionality`, `subsidiarity` ON `decisions`
BEGIN
	UPDATE search_documents
	SET body = new.text || char(10) || new.necessity || char(10) || new.proportionality || char(10) || new.subsidiarity
	WHERE kind = 'decision' AND object_id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `decisions_search_delete` AFTER DELETE ON `decisions`
BEGIN
	DELETE FROM search_documents WHERE kind = 'decision' AND object_id = old.id;
END;
--> statement-breakpoint
-- Rows written before this migration become searchable too.
INSERT INTO search_documents (kind, object_id, case_id, body)
SELECT 'entry', id, case_id, text FROM log_entries ORDER BY case_id, seq;
--> statement-breakpoint
INSERT INTO search_documents (kind, object_id, case_id, body)
SELECT 'task', id, case_id, text FROM tasks;
--> statement-breakpoint
INSERT INTO search_documents (kind, object_id, case_id, body)
SELECT 'decision', id, case_id, text || char(10) || necessity || char(10) || proportionality || char(10) || subsidiarity
FROM decisions;
