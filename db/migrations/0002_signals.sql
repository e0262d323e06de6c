CREATE TABLE `signals` (
	`entry_id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`platform` text NOT NULL,
	`url` text,
	`account_handle` text,
	`channel` text NOT NULL,
	`legal_ground` text,
	`posted_at` text,
	`seen_at` text NOT NULL,
	`reach` integer,
	`content_class` text NOT NULL,
	`phase_id` text,
	`captured_by` text,
	`captured_by_name` text NOT NULL,
	FOREIGN KEY (`entry_id`) REFERENCES `log_entries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`phase_id`) REFERENCES `phases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`captured_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `signals_case` ON `signals` (`case_id`,`seen_at`);--> statement-breakpoint
-- A signal is part of the log: like its entry it is never changed or deleted (a correction is a new entry).
-- `db/open.ts` maps the 'append-only' abort message to the APPEND_ONLY error code.
CREATE TRIGGER `signals_no_update` BEFORE UPDATE ON `signals`
BEGIN
	SELECT RAISE(ABORT, 'append-only: signals');
END;
--> statement-breakpoint
CREATE TRIGGER `signals_no_delete` BEFORE DELETE ON `signals`
BEGIN
	SELECT RAISE(ABORT, 'append-only: signals');
END;
--> statement-breakpoint
-- The services check these first; the database holds the line for any other writer.
CREATE TRIGGER `signals_check_insert` BEFORE INSERT ON `signals`
BEGIN
	SELECT RAISE(ABORT, 'signals: entry must be a signaal entry of the same case')
	WHERE NOT EXISTS (SELECT 1 FROM log_entries WHERE id = new.entry_id AND case_id = new.case_id AND type = 'signaal');
	SELECT RAISE(ABORT, 'signals: a closed channel needs a legal ground')
	WHERE new.channel = 'besloten' AND trim(coalesce(new.legal_ground, '')) = '';
END;
