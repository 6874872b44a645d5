import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261204150017 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "flexiti_checkout" add column if not exists "accepted_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "flexiti_checkout" drop column if exists "accepted_at";`);
  }

}
