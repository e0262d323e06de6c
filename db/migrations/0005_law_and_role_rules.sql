CREATE TABLE `decision_council_meetings` (
	`id` text PRIMARY KEY NOT NULL,
	`decision_id` text NOT NULL,
	`council_meeting_at` text NOT NULL,
	`at` text NOT NULL,
	`recorded_at` text NOT NULL,
	`by` text,
	`by_name` text NOT NULL,
	`entry_id` text,
	FOREIGN KEY (`decision_id`) REFERENCES `decisions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entry_id`) REFERENCES `log_entries`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `decision_council_meetings_decision` ON `decision_council_meetings` (`decision_id`);--> statement-breakpoint
ALTER TABLE `case_roles` ADD `single_holder` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- The roles that have one holder at a time in the default catalogue (shared/catalogue/roles.ts), for vaults
-- seeded before the column existed; a role a municipality added keeps several holders.
UPDATE `case_roles` SET `single_holder` = 1
WHERE `id` IN ('burgemeester', 'oov-adviseur', 'communicatieadviseur', 'officier-van-justitie', 'informatiecoordinator');
--> statement-breakpoint
-- A date added to a decision is a record like the log: corrected by a newer row, never changed or deleted.
-- `db/open.ts` maps the 'append-only' abort message to the APPEND_ONLY error code.
CREATE TRIGGER `decision_council_meetings_no_update` BEFORE UPDATE ON `decision_council_meetings`
BEGIN
	SELECT RAISE(ABORT, 'append-only: decision_council_meetings');
END;
--> statement-breakpoint
CREATE TRIGGER `decision_council_meetings_no_delete` BEFORE DELETE ON `decision_council_meetings`
BEGIN
	SELECT RAISE(ABORT, 'append-only: decision_council_meetings');
END;
