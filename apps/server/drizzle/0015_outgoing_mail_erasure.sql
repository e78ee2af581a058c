ALTER TABLE "outgoing_mail" ALTER COLUMN "to" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "outgoing_mail" ALTER COLUMN "text" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "outgoing_mail" ADD COLUMN "erased_at" timestamp with time zone;