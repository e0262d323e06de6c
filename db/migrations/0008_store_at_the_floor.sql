-- The log close to the floor (docs in ../shared/design/store-at-the-floor.md): an integer rowid for each entry,
-- the case as an integer key, hashes as 32-byte BLOBs, each entry's text stored once (the search index reads it
-- from the log itself), counts kept as the log grows. The canonical entry encoding and every hash stay exactly
-- as they were: only how the same values are stored changes, so every chain and printed fingerprint verifies.
-- Runs in one transaction with foreign key enforcement off (db/open.ts), so a process killed halfway leaves the
-- vault as it was and the next unlock runs it again from the start.
ALTER TABLE `cases` ADD `key` integer;--> statement-breakpoint
UPDATE `cases` SET `key` = rowid;--> statement-breakpoint
CREATE UNIQUE INDEX `cases_key` ON `cases` (`key`);--> statement-breakpoint
CREATE TRIGGER `cases_key_on_insert` AFTER INSERT ON `cases` WHEN new.`key` IS NULL
BEGIN
	UPDATE `cases` SET `key` = (SELECT coalesce(max(`key`), 0) + 1 FROM `cases`) WHERE rowid = new.rowid;
END;
--> statement-breakpoint
-- Triggers that name the old table's columns go first, or renaming the new table would fail on them.
DROP TRIGGER `signals_check_insert`;--> statement-breakpoint
CREATE TABLE `__new_log_entries` (
	`n` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`case_key` integer NOT NULL,
	`seq` integer NOT NULL,
	`type` text NOT NULL,
	`text` text NOT NULL,
	`occurred_at` text NOT NULL,
	`recorded_at` text NOT NULL,
	`author_id` text,
	`author_name` text NOT NULL,
	`source` text,
	`source_reliability` text,
	`information_credibility` text,
	`corrects_entry_id` text,
	`personal_data` integer NOT NULL,
	`phase_id` text NOT NULL,
	`location` text,
	`prev_hash` blob NOT NULL,
	`hash` blob NOT NULL,
	FOREIGN KEY (`case_key`) REFERENCES `cases`(`key`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`corrects_entry_id`) REFERENCES `log_entries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`phase_id`) REFERENCES `phases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
-- In log order within each case, so a case's rowids rise with its seq.
INSERT INTO `__new_log_entries`(`id`, `case_key`, `seq`, `type`, `text`, `occurred_at`, `recorded_at`, `author_id`,
	`author_name`, `source`, `source_reliability`, `information_credibility`, `corrects_entry_id`, `personal_data`,
	`phase_id`, `location`, `prev_hash`, `hash`)
SELECT e.`id`, c.`key`, e.`seq`, e.`type`, e.`text`, e.`occurred_at`, e.`recorded_at`, e.`author_id`, e.`author_name`,
	e.`source`, e.`source_reliability`, e.`information_credibility`, e.`corrects_entry_id`, e.`personal_data`,
	e.`phase_id`, e.`location`, unhex(e.`prev_hash`), unhex(e.`hash`)
FROM `log_entries` e JOIN `cases` c ON c.`id` = e.`case_id`
ORDER BY c.`key`, e.`seq`;--> statement-breakpoint
DROP TABLE `log_entries`;--> statement-breakpoint
ALTER TABLE `__new_log_entries` RENAME TO `log_entries`;--> statement-breakpoint
CREATE UNIQUE INDEX `log_entries_id` ON `log_entries` (`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `log_entries_case_seq` ON `log_entries` (`case_key`,`seq`);--> statement-breakpoint
CREATE INDEX `log_entries_timeline` ON `log_entries` (`case_key`,`occurred_at`,`seq`);--> statement-breakpoint
CREATE INDEX `log_entries_corrects` ON `log_entries` (`corrects_entry_id`) WHERE corrects_entry_id IS NOT NULL;--> statement-breakpoint
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
-- The services check these first; the database holds the line for any other writer.
CREATE TRIGGER `signals_check_insert` BEFORE INSERT ON `signals`
BEGIN
	SELECT RAISE(ABORT, 'signals: entry must be a signaal entry of the same case')
	WHERE NOT EXISTS (
		SELECT 1 FROM `log_entries` e JOIN `cases` c ON c.`key` = e.`case_key`
		WHERE e.`id` = new.`entry_id` AND c.`id` = new.`case_id` AND e.`type` = 'signaal'
	);
	SELECT RAISE(ABORT, 'signals: a closed channel needs a legal ground')
	WHERE new.channel = 'besloten' AND trim(coalesce(new.legal_ground, '')) = '';
END;
--> statement-breakpoint
-- Entries leave the shared search documents: their text is indexed straight from the log. The documents' index is
-- dropped and rebuilt rather than emptied row by row, which would re-tokenise every entry to delete it.
DROP TRIGGER `search_documents_ai`;--> statement-breakpoint
DROP TRIGGER `search_documents_ad`;--> statement-breakpoint
DROP TRIGGER `search_documents_au`;--> statement-breakpoint
DROP TABLE `search_index`;--> statement-breakpoint
DELETE FROM `search_documents` WHERE `kind` = 'entry';--> statement-breakpoint
-- No query looks documents up by case alone (tests/unit/store-layout.test.ts).
DROP INDEX `search_documents_case`;--> statement-breakpoint
CREATE VIRTUAL TABLE `search_index` USING fts5(
	body,
	content = 'search_documents',
	content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
INSERT INTO `search_index` (`search_index`) VALUES ('rebuild');--> statement-breakpoint
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
-- The log's own search index: external content over `log_entries`, keyed by `n`. The case key is indexed as a
-- column of its own, so a search within a case is one match (`case_key : "7" AND text : (…)`) and a word common
-- in another case costs nothing here.
CREATE VIRTUAL TABLE `entry_search` USING fts5(
	text,
	case_key,
	content = 'log_entries',
	content_rowid = 'n',
	tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
INSERT INTO `entry_search` (`entry_search`) VALUES ('rebuild');--> statement-breakpoint
CREATE TRIGGER `log_entries_search` AFTER INSERT ON `log_entries`
BEGIN
	INSERT INTO entry_search (rowid, text, case_key) VALUES (new.n, new.text, new.case_key);
END;
--> statement-breakpoint
CREATE TABLE `entry_counts` (
	`case_key` integer NOT NULL,
	`type` text NOT NULL,
	`personal_data` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`case_key`, `type`, `personal_data`),
	FOREIGN KEY (`case_key`) REFERENCES `cases`(`key`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `entry_counts` (`case_key`, `type`, `personal_data`, `n`)
SELECT `case_key`, `type`, `personal_data`, count(*) FROM `log_entries` GROUP BY 1, 2, 3;--> statement-breakpoint
CREATE TRIGGER `log_entries_count` AFTER INSERT ON `log_entries`
BEGIN
	INSERT INTO entry_counts (case_key, type, personal_data, n) VALUES (new.case_key, new.type, new.personal_data, 1)
	ON CONFLICT DO UPDATE SET n = n + 1;
END;
