ALTER TABLE `briefing_exports` ADD `kind` text DEFAULT 'briefing' NOT NULL;--> statement-breakpoint
ALTER TABLE `briefing_exports` ADD `number` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `briefing_exports` ADD `audience` text;--> statement-breakpoint
ALTER TABLE `briefing_exports` ADD `period_from` text;--> statement-breakpoint
ALTER TABLE `briefing_exports` ADD `period_to` text;--> statement-breakpoint
ALTER TABLE `briefing_exports` ADD `sha256` text;--> statement-breakpoint
ALTER TABLE `briefing_exports` ADD `size` integer;--> statement-breakpoint
CREATE INDEX `briefing_exports_sha256` ON `briefing_exports` (`sha256`);--> statement-breakpoint
-- The register is evidence of what left the vault: like the log it is never changed or deleted.
-- `db/open.ts` maps the 'append-only' abort message to the APPEND_ONLY error code.
CREATE TRIGGER `briefing_exports_no_update` BEFORE UPDATE ON `briefing_exports`
BEGIN
	SELECT RAISE(ABORT, 'append-only: briefing_exports');
END;
--> statement-breakpoint
CREATE TRIGGER `briefing_exports_no_delete` BEFORE DELETE ON `briefing_exports`
BEGIN
	SELECT RAISE(ABORT, 'append-only: briefing_exports');
END;
