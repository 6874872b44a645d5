import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261204174040 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "flexiti_money_lock" ("id" text not null, "holder" text not null, "expires_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "flexiti_money_lock_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_flexiti_money_lock_deleted_at" ON "flexiti_money_lock" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "flexiti_checkout" add column if not exists "reconciled_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "flexiti_money_lock" cascade;`);

    this.addSql(`alter table if exists "flexiti_checkout" drop column if exists "reconciled_at";`);
  }

}
