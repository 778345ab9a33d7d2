// @ts-check

/**
 * Snapshots of the scheduled SLO and drift evaluation, one per model and cycle, for fast reads and history; and
 * the last attempt per Prometheus instance, so that a failed cycle is visible next to the last good figures.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('observability_snapshots', table => {
    table.increments('id');
    table.string('model_ref').notNullable();
    table.string('evaluated_at').notNullable();
    table.text('payload').notNullable();
    table.index(['model_ref', 'evaluated_at']);
  });
  await knex.schema.createTable('observability_attempts', table => {
    table.string('instance').primary();
    table.string('at').notNullable();
    table.boolean('ok').notNullable();
    table.string('error_kind');
    table.text('error_message');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('observability_attempts');
  await knex.schema.dropTable('observability_snapshots');
};
