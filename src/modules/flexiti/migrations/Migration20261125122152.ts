import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261125122152 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "flexiti_i18n" drop constraint if exists "flexiti_i18n_environment_lang_unique";`);
    this.addSql(`create table if not exists "flexiti_i18n" ("id" text not null, "environment" text check ("environment" in ('training', 'merchant_integration', 'production')) not null, "lang" text check ("lang" in ('en', 'fr')) not null, "plan_ids" jsonb not null default '{}', "provinces" jsonb not null default '{}', "transaction_types" jsonb not null default '{}', "disclosures" jsonb not null default '{}', "synced_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "flexiti_i18n_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_flexiti_i18n_deleted_at" ON "flexiti_i18n" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_flexiti_i18n_environment_lang_unique" ON "flexiti_i18n" ("environment", "lang") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "flexiti_i18n_sync" ("id" text not null, "environment" text check ("environment" in ('training', 'merchant_integration', 'production')) not null, "outcome" text check ("outcome" in ('success', 'failure')) not null, "synced_at" timestamptz not null, "counts" jsonb null, "reference_id" text null, "error_code" text null, "message" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "flexiti_i18n_sync_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_flexiti_i18n_sync_deleted_at" ON "flexiti_i18n_sync" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_flexiti_i18n_sync_environment" ON "flexiti_i18n_sync" ("environment") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "flexiti_i18n" cascade;`);

    this.addSql(`drop table if exists "flexiti_i18n_sync" cascade;`);
  }

}
