import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261125120207 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "flexiti_credential" drop constraint if exists "flexiti_credential_environment_unique";`);
    this.addSql(`alter table if exists "flexiti_checkout" drop constraint if exists "flexiti_checkout_payment_session_id_unique";`);
    this.addSql(`create table if not exists "flexiti_call_log" ("id" text not null, "payment_id" text null, "payment_session_id" text null, "operation" text not null, "reference_id" text not null, "outcome" text check ("outcome" in ('success', 'failure')) not null, "http_status" integer null, "error_code" text null, "amount" text null, "flexiti_id" text null, "message" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "flexiti_call_log_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_flexiti_call_log_deleted_at" ON "flexiti_call_log" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_flexiti_call_log_payment_id" ON "flexiti_call_log" ("payment_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_flexiti_call_log_payment_session_id" ON "flexiti_call_log" ("payment_session_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "flexiti_checkout" ("id" text not null, "payment_session_id" text not null, "flow" text check ("flow" in ('widget', 'hosted')) not null, "environment" text check ("environment" in ('training', 'merchant_integration', 'production')) not null, "reference_id" text not null, "widget_session_id" text null, "customer_token_encrypted" text null, "widget_result" jsonb null, "online_order_id" text null, "authorization_id" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "flexiti_checkout_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_flexiti_checkout_deleted_at" ON "flexiti_checkout" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_flexiti_checkout_payment_session_id_unique" ON "flexiti_checkout" ("payment_session_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "flexiti_credential" ("id" text not null, "environment" text check ("environment" in ('training', 'merchant_integration', 'production')) not null, "client_id" text not null, "client_secret_encrypted" text null, "secret_set_at" timestamptz null, "pos_base_url" text null, "online_base_url" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "flexiti_credential_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_flexiti_credential_deleted_at" ON "flexiti_credential" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_flexiti_credential_environment_unique" ON "flexiti_credential" ("environment") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "flexiti_settings" ("id" text not null, "active_environment" text check ("active_environment" in ('training', 'merchant_integration', 'production')) not null default 'training', "flow" text check ("flow" in ('widget', 'hosted')) not null default 'widget', "auto_capture" boolean not null default false, "default_lang" text check ("default_lang" in ('en', 'fr')) not null default 'en', "min_amount" text not null default '100.00', "max_amount" text not null default '10000.00', "allowed_provinces" jsonb not null default '["AB","BC","MB","NB","NL","NS","NT","NU","ON","PE","QC","SK","YT"]', "storefront_origins" jsonb not null default '[]', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "flexiti_settings_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_flexiti_settings_deleted_at" ON "flexiti_settings" ("deleted_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "flexiti_call_log" cascade;`);

    this.addSql(`drop table if exists "flexiti_checkout" cascade;`);

    this.addSql(`drop table if exists "flexiti_credential" cascade;`);

    this.addSql(`drop table if exists "flexiti_settings" cascade;`);
  }

}
