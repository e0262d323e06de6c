CREATE TABLE `attachments` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`entry_id` text,
	`file_name` text NOT NULL,
	`media_type` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`personal_data` integer NOT NULL,
	`bytes` blob NOT NULL,
	`added_at` text NOT NULL,
	`added_by` text,
	`added_by_name` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entry_id`) REFERENCES `log_entries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`added_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `attachments_case` ON `attachments` (`case_id`);--> statement-breakpoint
CREATE TABLE `audit_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor_id` text,
	`action` text NOT NULL,
	`object` text NOT NULL,
	`result` text NOT NULL,
	`origin` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_lines_at` ON `audit_lines` (`at`);--> statement-breakpoint
CREATE TABLE `briefing_exports` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`at` text NOT NULL,
	`by` text,
	`by_name` text NOT NULL,
	`fingerprint` text NOT NULL,
	`classification` text NOT NULL,
	`redacted` integer NOT NULL,
	`page_count` integer NOT NULL,
	`entry_id` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entry_id`) REFERENCES `log_entries`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `briefing_exports_case` ON `briefing_exports` (`case_id`,`at`);--> statement-breakpoint
CREATE TABLE `case_interventions` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`intervention_id` text NOT NULL,
	`status` text NOT NULL,
	`reason` text NOT NULL,
	`effect` text NOT NULL,
	`at` text NOT NULL,
	`by` text,
	`by_name` text NOT NULL,
	`entry_id` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`intervention_id`) REFERENCES `interventions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entry_id`) REFERENCES `log_entries`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_interventions_case` ON `case_interventions` (`case_id`,`at`);--> statement-breakpoint
CREATE TABLE `case_roles` (
	`id` text PRIMARY KEY NOT NULL,
	`ordinal` integer NOT NULL,
	`name` text NOT NULL,
	`description` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `cases` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`municipality` text,
	`status` text NOT NULL,
	`classification` text NOT NULL,
	`content_class` text NOT NULL,
	`current_phase_id` text NOT NULL,
	`retention_category` text,
	`created_at` text NOT NULL,
	`created_by` text,
	`created_by_name` text NOT NULL,
	`closed_at` text,
	`archived_at` text,
	`head_seq` integer DEFAULT 0 NOT NULL,
	`head_hash` text NOT NULL,
	FOREIGN KEY (`current_phase_id`) REFERENCES `phases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `cases_status` ON `cases` (`status`);--> statement-breakpoint
CREATE TABLE `decision_entries` (
	`decision_id` text NOT NULL,
	`entry_id` text NOT NULL,
	PRIMARY KEY(`decision_id`, `entry_id`),
	FOREIGN KEY (`decision_id`) REFERENCES `decisions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entry_id`) REFERENCES `log_entries`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `decisions` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`number` integer NOT NULL,
	`text` text NOT NULL,
	`decided_by` text NOT NULL,
	`legal_basis_id` text,
	`necessity` text NOT NULL,
	`proportionality` text NOT NULL,
	`subsidiarity` text NOT NULL,
	`decided_at` text NOT NULL,
	`council_meeting_at` text,
	`follows_decision_id` text,
	`entry_id` text,
	`recorded_at` text NOT NULL,
	`recorded_by` text,
	`recorded_by_name` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`legal_basis_id`) REFERENCES `legal_bases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`follows_decision_id`) REFERENCES `decisions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entry_id`) REFERENCES `log_entries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `decisions_case_number` ON `decisions` (`case_id`,`number`);--> statement-breakpoint
CREATE TABLE `intervention_phases` (
	`intervention_id` text NOT NULL,
	`phase_id` text NOT NULL,
	PRIMARY KEY(`intervention_id`, `phase_id`),
	FOREIGN KEY (`intervention_id`) REFERENCES `interventions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`phase_id`) REFERENCES `phases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `interventions` (
	`id` text PRIMARY KEY NOT NULL,
	`ordinal` integer NOT NULL,
	`name` text NOT NULL,
	`description` text NOT NULL,
	`type` text NOT NULL,
	`decided_by` text NOT NULL,
	`legal_basis_id` text,
	`caveats` text NOT NULL,
	FOREIGN KEY (`legal_basis_id`) REFERENCES `legal_bases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `legal_bases` (
	`id` text PRIMARY KEY NOT NULL,
	`ordinal` integer NOT NULL,
	`citation` text NOT NULL,
	`name` text NOT NULL,
	`description` text NOT NULL,
	`deadline_rules` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `log_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
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
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`corrects_entry_id`) REFERENCES `log_entries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`phase_id`) REFERENCES `phases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `log_entries_case_seq` ON `log_entries` (`case_id`,`seq`);--> statement-breakpoint
CREATE INDEX `log_entries_timeline` ON `log_entries` (`case_id`,`occurred_at`,`seq`);--> statement-breakpoint
CREATE INDEX `log_entries_corrects` ON `log_entries` (`corrects_entry_id`);--> statement-breakpoint
CREATE TABLE `organisations` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`contact` text NOT NULL,
	`notes` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `people` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`organisation_id` text,
	`function` text NOT NULL,
	`contact` text NOT NULL,
	`notes` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `people_name` ON `people` (`name`);--> statement-breakpoint
CREATE TABLE `phase_transitions` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`from_phase_id` text,
	`to_phase_id` text NOT NULL,
	`reason` text NOT NULL,
	`at` text NOT NULL,
	`by` text,
	`by_name` text NOT NULL,
	`entry_id` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`from_phase_id`) REFERENCES `phases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_phase_id`) REFERENCES `phases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entry_id`) REFERENCES `log_entries`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `phase_transitions_case` ON `phase_transitions` (`case_id`,`at`);--> statement-breakpoint
CREATE TABLE `phases` (
	`id` text PRIMARY KEY NOT NULL,
	`ordinal` integer NOT NULL,
	`name` text NOT NULL,
	`description` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `role_assignments` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`role_id` text NOT NULL,
	`person_id` text NOT NULL,
	`started_at` text NOT NULL,
	`ended_at` text,
	`handed_over_to` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`role_id`) REFERENCES `case_roles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`handed_over_to`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `role_assignments_case` ON `role_assignments` (`case_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `search_documents` (
	`id` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`object_id` text NOT NULL,
	`case_id` text NOT NULL,
	`body` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `search_documents_object` ON `search_documents` (`kind`,`object_id`);--> statement-breakpoint
CREATE INDEX `search_documents_case` ON `search_documents` (`case_id`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`text` text NOT NULL,
	`owner_role_id` text,
	`owner_person_id` text,
	`due_at` text,
	`status` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text,
	`created_by_name` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_role_id`) REFERENCES `case_roles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `tasks_case` ON `tasks` (`case_id`,`status`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`created_at` text NOT NULL,
	`removed_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_name_unique` ON `users` (`name`);