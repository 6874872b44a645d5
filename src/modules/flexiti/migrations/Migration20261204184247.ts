import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261204184247 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "flexiti_checkout" drop constraint if exists "flexiti_checkout_context_nonce_unique";`);
    this.addSql(`alter table if exists "flexiti_checkout" add column if not exists "context_nonce" text null;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_flexiti_checkout_context_nonce_unique" ON "flexiti_checkout" ("context_nonce") WHERE context_nonce IS NOT NULL AND deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_flexiti_checkout_context_nonce_unique";`);
    this.addSql(`alter table if exists "flexiti_checkout" drop column if exists "context_nonce";`);
  }

}
