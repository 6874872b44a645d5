import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261126110000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "flexiti_checkout" add column if not exists "cart_id" text null, add column if not exists "amount" text null, add column if not exists "account_number_encrypted" text null, add column if not exists "release_state" text check ("release_state" in ('pending', 'released')) null, add column if not exists "release_error" text null, add column if not exists "authorization_attempted_at" timestamptz null, add column if not exists "in_review_since" timestamptz null;`);

    this.addSql(`create table if not exists "flexiti_money_movement" ("id" text not null, "payment_session_id" text not null, "kind" text check ("kind" in ('capture', 'return', 'account_refund')) not null, "content_key" text not null, "state" text check ("state" in ('pending', 'done')) not null, "amount" text not null, "capture_id" text null, "flexiti_id" text null, "medusa_id" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "flexiti_money_movement_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_flexiti_money_movement_deleted_at" ON "flexiti_money_movement" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_flexiti_money_movement_content_key_unique" ON "flexiti_money_movement" ("content_key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_flexiti_money_movement_payment_session_id" ON "flexiti_money_movement" ("payment_session_id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "flexiti_money_movement" cascade;`);
    this.addSql(`alter table if exists "flexiti_checkout" drop column if exists "cart_id", drop column if exists "amount", drop column if exists "account_number_encrypted", drop column if exists "release_state", drop column if exists "release_error", drop column if exists "authorization_attempted_at", drop column if exists "in_review_since";`);
  }

}
