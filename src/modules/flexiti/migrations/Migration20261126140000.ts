import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261126140000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "flexiti_checkout" add column if not exists "financing_options" jsonb null, add column if not exists "financing_choice" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "flexiti_checkout" drop column if exists "financing_options", drop column if exists "financing_choice";`);
  }

}
