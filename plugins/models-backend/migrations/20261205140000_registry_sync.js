// @ts-check

/**
 * The import of outside model registries (MLflow, Unity Catalog): each registered model linked to the Model entity
 * offered for it, each connector's last sync, what the last sync found and did not apply (alias drift, a changed
 * artifact, a Model ref taken by another entity), and the alias writes back to the registry after promotions.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('registry_links', table => {
    table.string('connector').notNullable();
    table.string('external_name', 1000).notNullable();
    table.string('model_ref').notNullable().unique();
    table.string('flavour').notNullable();
    table.text('description');
    table.text('tags').notNullable();
    table.text('aliases').notNullable();
    table.string('owner').notNullable();
    table.text('url');
    table.string('updated_at');
    table.string('first_seen_at').notNullable();
    table.string('last_seen_at').notNullable();
    table.string('deleted_at');
    table.primary(['connector', 'external_name']);
  });
  await knex.schema.createTable('registry_sync_runs', table => {
    table.string('connector').primary();
    table.string('flavour').notNullable();
    table.string('last_attempt_at').notNullable();
    table.string('last_success_at');
    table.text('last_error');
    table.text('counts');
    table.bigInteger('total_versions_imported').notNullable().defaultTo(0);
  });
  await knex.schema.createTable('registry_findings', table => {
    table.increments('id');
    table.string('model_ref').notNullable();
    table.string('connector').notNullable();
    table.string('kind').notNullable();
    table.string('alias');
    table.string('environment');
    table.string('external_version');
    table.string('registry_version');
    table.text('message').notNullable();
    table.string('found_at').notNullable();
    table.index(['connector', 'model_ref']);
    table.index(['model_ref']);
  });
  await knex.schema.createTable('alias_writes', table => {
    table.increments('id');
    table.string('model_ref').notNullable();
    table.string('connector').notNullable();
    table.string('alias').notNullable();
    table.string('environment').notNullable();
    table.string('version').notNullable();
    table.string('status').notNullable();
    table.integer('attempts').notNullable().defaultTo(0);
    table.text('last_error');
    table.string('requested_at').notNullable();
    table.string('done_at');
    table.index(['status']);
    table.index(['model_ref']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('alias_writes');
  await knex.schema.dropTable('registry_findings');
  await knex.schema.dropTable('registry_sync_runs');
  await knex.schema.dropTable('registry_links');
};
