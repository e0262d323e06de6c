CREATE TABLE `signal_reads` (
	`user_id` text NOT NULL,
	`case_id` text NOT NULL,
	`read_at` text NOT NULL,
	PRIMARY KEY(`user_id`, `case_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
-- Null for every entry written before: those keep their `ordelog-entry/1` hashes (db/chain.ts), so every chain
-- already in a vault verifies as it did.
ALTER TABLE `log_entries` ADD `location` text;--> statement-breakpoint
ALTER TABLE `people` ADD `phone` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `decisions_follows` ON `decisions` (`follows_decision_id`);--> statement-breakpoint
CREATE INDEX `tasks_open_due` ON `tasks` (`case_id`,`due_at`) WHERE status IN ('open', 'bezig') AND due_at IS NOT NULL;