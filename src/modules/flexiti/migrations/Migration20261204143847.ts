import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261204143847 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "flexiti_checkout" add column if not exists "sku_data" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "flexiti_checkout" drop column if exists "sku_data";`);
  }

}
